/* flags.c - the rendering tables for schema.h's SK_FT_* and the errno,
 * signal and capability names (Linux x86_64 uapi values).
 */
#include <stdio.h>
#include <string.h>

#include "format/schema.h"
#include "replay/flags.h"

struct fname {
	uint64_t v;
	const char *n;
};

#define N(x) (sizeof(x) / sizeof((x)[0]))

/* Multi-bit names come before the single bits they contain. */
static const struct fname open_flags[] = {
    {020200000, "O_TMPFILE"}, {04010000, "O_SYNC"},    {0100, "O_CREAT"},
    {0200, "O_EXCL"},	      {0400, "O_NOCTTY"},      {01000, "O_TRUNC"},
    {02000, "O_APPEND"},      {04000, "O_NONBLOCK"},   {010000, "O_DSYNC"},
    {020000, "O_ASYNC"},      {040000, "O_DIRECT"},    {0100000, "O_LARGEFILE"},
    {0200000, "O_DIRECTORY"}, {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"},
    {02000000, "O_CLOEXEC"},  {010000000, "O_PATH"},
};

static const struct fname clone_flags[] = {
    {0x100, "CLONE_VM"},
    {0x200, "CLONE_FS"},
    {0x400, "CLONE_FILES"},
    {0x800, "CLONE_SIGHAND"},
    {0x1000, "CLONE_PIDFD"},
    {0x2000, "CLONE_PTRACE"},
    {0x4000, "CLONE_VFORK"},
    {0x8000, "CLONE_PARENT"},
    {0x10000, "CLONE_THREAD"},
    {0x20000, "CLONE_NEWNS"},
    {0x40000, "CLONE_SYSVSEM"},
    {0x80000, "CLONE_SETTLS"},
    {0x100000, "CLONE_PARENT_SETTID"},
    {0x200000, "CLONE_CHILD_CLEARTID"},
    {0x400000, "CLONE_DETACHED"},
    {0x800000, "CLONE_UNTRACED"},
    {0x1000000, "CLONE_CHILD_SETTID"},
    {0x2000000, "CLONE_NEWCGROUP"},
    {0x4000000, "CLONE_NEWUTS"},
    {0x8000000, "CLONE_NEWIPC"},
    {0x10000000, "CLONE_NEWUSER"},
    {0x20000000, "CLONE_NEWPID"},
    {0x40000000, "CLONE_NEWNET"},
    {0x80000000, "CLONE_IO"},
    {0x100000000ull, "CLONE_CLEAR_SIGHAND"},
    {0x200000000ull, "CLONE_INTO_CGROUP"},
};

static const struct fname prot[] = {
    {1, "PROT_READ"},
    {2, "PROT_WRITE"},
    {4, "PROT_EXEC"},
    {8, "PROT_SEM"},
    {0x01000000, "PROT_GROWSDOWN"},
    {0x02000000, "PROT_GROWSUP"},
};

static const struct fname mmap_flags[] = {
    {3, "MAP_SHARED_VALIDATE"},
    {1, "MAP_SHARED"},
    {2, "MAP_PRIVATE"},
    {0x10, "MAP_FIXED"},
    {0x20, "MAP_ANONYMOUS"},
    {0x40, "MAP_32BIT"},
    {0x100, "MAP_GROWSDOWN"},
    {0x800, "MAP_DENYWRITE"},
    {0x1000, "MAP_EXECUTABLE"},
    {0x2000, "MAP_LOCKED"},
    {0x4000, "MAP_NORESERVE"},
    {0x8000, "MAP_POPULATE"},
    {0x10000, "MAP_NONBLOCK"},
    {0x20000, "MAP_STACK"},
    {0x40000, "MAP_HUGETLB"},
    {0x80000, "MAP_SYNC"},
    {0x100000, "MAP_FIXED_NOREPLACE"},
};

static const struct fname sock_family[] = {
    {0, "AF_UNSPEC"},	   {1, "AF_UNIX"},	{2, "AF_INET"},	     {3, "AF_AX25"},
    {4, "AF_IPX"},	   {5, "AF_APPLETALK"}, {6, "AF_NETROM"},    {7, "AF_BRIDGE"},
    {8, "AF_ATMPVC"},	   {9, "AF_X25"},	{10, "AF_INET6"},    {11, "AF_ROSE"},
    {12, "AF_DECnet"},	   {13, "AF_NETBEUI"},	{14, "AF_SECURITY"}, {15, "AF_KEY"},
    {16, "AF_NETLINK"},	   {17, "AF_PACKET"},	{18, "AF_ASH"},	     {19, "AF_ECONET"},
    {20, "AF_ATMSVC"},	   {21, "AF_RDS"},	{22, "AF_SNA"},	     {23, "AF_IRDA"},
    {24, "AF_PPPOX"},	   {25, "AF_WANPIPE"},	{26, "AF_LLC"},	     {27, "AF_IB"},
    {28, "AF_MPLS"},	   {29, "AF_CAN"},	{30, "AF_TIPC"},     {31, "AF_BLUETOOTH"},
    {32, "AF_IUCV"},	   {33, "AF_RXRPC"},	{34, "AF_ISDN"},     {35, "AF_PHONET"},
    {36, "AF_IEEE802154"}, {37, "AF_CAIF"},	{38, "AF_ALG"},	     {39, "AF_NFC"},
    {40, "AF_VSOCK"},	   {41, "AF_KCM"},	{42, "AF_QIPCRTR"},  {43, "AF_SMC"},
    {44, "AF_XDP"},	   {45, "AF_MCTP"},
};

static const struct fname sock_type_enum[] = {
    {1, "SOCK_STREAM"},	   {2, "SOCK_DGRAM"}, {3, "SOCK_RAW"},	   {4, "SOCK_RDM"},
    {5, "SOCK_SEQPACKET"}, {6, "SOCK_DCCP"},  {10, "SOCK_PACKET"},
};

static const struct fname sock_type_flags[] = {
    {04000, "SOCK_NONBLOCK"},
    {02000000, "SOCK_CLOEXEC"},
};

static const struct fname fcntl_cmd[] = {
    {0, "F_DUPFD"},	    {1, "F_GETFD"},	    {2, "F_SETFD"},
    {3, "F_GETFL"},	    {4, "F_SETFL"},	    {5, "F_GETLK"},
    {6, "F_SETLK"},	    {7, "F_SETLKW"},	    {8, "F_SETOWN"},
    {9, "F_GETOWN"},	    {10, "F_SETSIG"},	    {11, "F_GETSIG"},
    {15, "F_SETOWN_EX"},    {16, "F_GETOWN_EX"},    {36, "F_OFD_GETLK"},
    {37, "F_OFD_SETLK"},    {38, "F_OFD_SETLKW"},   {1024, "F_SETLEASE"},
    {1025, "F_GETLEASE"},   {1026, "F_NOTIFY"},	    {1030, "F_DUPFD_CLOEXEC"},
    {1031, "F_SETPIPE_SZ"}, {1032, "F_GETPIPE_SZ"}, {1033, "F_ADD_SEALS"},
    {1034, "F_GET_SEALS"},
};

static const struct fname ptrace_req[] = {
    {0, "PTRACE_TRACEME"},
    {1, "PTRACE_PEEKTEXT"},
    {2, "PTRACE_PEEKDATA"},
    {3, "PTRACE_PEEKUSR"},
    {4, "PTRACE_POKETEXT"},
    {5, "PTRACE_POKEDATA"},
    {6, "PTRACE_POKEUSR"},
    {7, "PTRACE_CONT"},
    {8, "PTRACE_KILL"},
    {9, "PTRACE_SINGLESTEP"},
    {12, "PTRACE_GETREGS"},
    {13, "PTRACE_SETREGS"},
    {14, "PTRACE_GETFPREGS"},
    {15, "PTRACE_SETFPREGS"},
    {16, "PTRACE_ATTACH"},
    {17, "PTRACE_DETACH"},
    {18, "PTRACE_GETFPXREGS"},
    {19, "PTRACE_SETFPXREGS"},
    {24, "PTRACE_SYSCALL"},
    {30, "PTRACE_ARCH_PRCTL"},
    {31, "PTRACE_SYSEMU"},
    {32, "PTRACE_SYSEMU_SINGLESTEP"},
    {33, "PTRACE_SINGLEBLOCK"},
    {0x4200, "PTRACE_SETOPTIONS"},
    {0x4201, "PTRACE_GETEVENTMSG"},
    {0x4202, "PTRACE_GETSIGINFO"},
    {0x4203, "PTRACE_SETSIGINFO"},
    {0x4204, "PTRACE_GETREGSET"},
    {0x4205, "PTRACE_SETREGSET"},
    {0x4206, "PTRACE_SEIZE"},
    {0x4207, "PTRACE_INTERRUPT"},
    {0x4208, "PTRACE_LISTEN"},
    {0x4209, "PTRACE_PEEKSIGINFO"},
    {0x420a, "PTRACE_GETSIGMASK"},
    {0x420b, "PTRACE_SETSIGMASK"},
    {0x420c, "PTRACE_SECCOMP_GET_FILTER"},
    {0x420d, "PTRACE_SECCOMP_GET_METADATA"},
    {0x420e, "PTRACE_GET_SYSCALL_INFO"},
};

static const struct fname at_flags[] = {
    {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"},   {0x400, "AT_SYMLINK_FOLLOW"},
    {0x800, "AT_NO_AUTOMOUNT"},	    {0x1000, "AT_EMPTY_PATH"},
};

static const struct fname rename_flags[] = {
    {1, "RENAME_NOREPLACE"},
    {2, "RENAME_EXCHANGE"},
    {4, "RENAME_WHITEOUT"},
};

static const struct fname mount_flags[] = {
    {1, "MS_RDONLY"},
    {2, "MS_NOSUID"},
    {4, "MS_NODEV"},
    {8, "MS_NOEXEC"},
    {16, "MS_SYNCHRONOUS"},
    {32, "MS_REMOUNT"},
    {64, "MS_MANDLOCK"},
    {128, "MS_DIRSYNC"},
    {256, "MS_NOSYMFOLLOW"},
    {1024, "MS_NOATIME"},
    {2048, "MS_NODIRATIME"},
    {4096, "MS_BIND"},
    {8192, "MS_MOVE"},
    {16384, "MS_REC"},
    {32768, "MS_SILENT"},
    {1 << 16, "MS_POSIXACL"},
    {1 << 17, "MS_UNBINDABLE"},
    {1 << 18, "MS_PRIVATE"},
    {1 << 19, "MS_SLAVE"},
    {1 << 20, "MS_SHARED"},
    {1 << 21, "MS_RELATIME"},
    {1 << 22, "MS_KERNMOUNT"},
    {1 << 23, "MS_I_VERSION"},
    {1 << 24, "MS_STRICTATIME"},
    {1 << 25, "MS_LAZYTIME"},
    {0xc0ed0000u, "MS_MGC_VAL"},
};

static const struct fname umount_flags[] = {
    {1, "MNT_FORCE"},
    {2, "MNT_DETACH"},
    {4, "MNT_EXPIRE"},
    {8, "UMOUNT_NOFOLLOW"},
};

static const struct fname ns_flags[] = {
    {0x80, "CLONE_NEWTIME"},	  {0x200, "CLONE_FS"},		{0x400, "CLONE_FILES"},
    {0x20000, "CLONE_NEWNS"},	  {0x40000, "CLONE_SYSVSEM"},	{0x2000000, "CLONE_NEWCGROUP"},
    {0x4000000, "CLONE_NEWUTS"},  {0x8000000, "CLONE_NEWIPC"},	{0x10000000, "CLONE_NEWUSER"},
    {0x20000000, "CLONE_NEWPID"}, {0x40000000, "CLONE_NEWNET"},
};

static const struct fname prctl_opt[] = {
    {1, "PR_SET_PDEATHSIG"},
    {2, "PR_GET_PDEATHSIG"},
    {3, "PR_GET_DUMPABLE"},
    {4, "PR_SET_DUMPABLE"},
    {5, "PR_GET_UNALIGN"},
    {6, "PR_SET_UNALIGN"},
    {7, "PR_GET_KEEPCAPS"},
    {8, "PR_SET_KEEPCAPS"},
    {9, "PR_GET_FPEMU"},
    {10, "PR_SET_FPEMU"},
    {11, "PR_GET_FPEXC"},
    {12, "PR_SET_FPEXC"},
    {13, "PR_GET_TIMING"},
    {14, "PR_SET_TIMING"},
    {15, "PR_SET_NAME"},
    {16, "PR_GET_NAME"},
    {19, "PR_GET_ENDIAN"},
    {20, "PR_SET_ENDIAN"},
    {21, "PR_GET_SECCOMP"},
    {22, "PR_SET_SECCOMP"},
    {23, "PR_CAPBSET_READ"},
    {24, "PR_CAPBSET_DROP"},
    {25, "PR_GET_TSC"},
    {26, "PR_SET_TSC"},
    {27, "PR_GET_SECUREBITS"},
    {28, "PR_SET_SECUREBITS"},
    {29, "PR_SET_TIMERSLACK"},
    {30, "PR_GET_TIMERSLACK"},
    {31, "PR_TASK_PERF_EVENTS_DISABLE"},
    {32, "PR_TASK_PERF_EVENTS_ENABLE"},
    {33, "PR_MCE_KILL"},
    {34, "PR_MCE_KILL_GET"},
    {35, "PR_SET_MM"},
    {36, "PR_SET_CHILD_SUBREAPER"},
    {37, "PR_GET_CHILD_SUBREAPER"},
    {38, "PR_SET_NO_NEW_PRIVS"},
    {39, "PR_GET_NO_NEW_PRIVS"},
    {40, "PR_GET_TID_ADDRESS"},
    {41, "PR_SET_THP_DISABLE"},
    {42, "PR_GET_THP_DISABLE"},
    {45, "PR_SET_FP_MODE"},
    {46, "PR_GET_FP_MODE"},
    {47, "PR_CAP_AMBIENT"},
    {52, "PR_GET_SPECULATION_CTRL"},
    {53, "PR_SET_SPECULATION_CTRL"},
    {0x53564d41, "PR_SET_VMA"},
};

static const struct fname bpf_cmd[] = {
    {0, "BPF_MAP_CREATE"},
    {1, "BPF_MAP_LOOKUP_ELEM"},
    {2, "BPF_MAP_UPDATE_ELEM"},
    {3, "BPF_MAP_DELETE_ELEM"},
    {4, "BPF_MAP_GET_NEXT_KEY"},
    {5, "BPF_PROG_LOAD"},
    {6, "BPF_OBJ_PIN"},
    {7, "BPF_OBJ_GET"},
    {8, "BPF_PROG_ATTACH"},
    {9, "BPF_PROG_DETACH"},
    {10, "BPF_PROG_TEST_RUN"},
    {11, "BPF_PROG_GET_NEXT_ID"},
    {12, "BPF_MAP_GET_NEXT_ID"},
    {13, "BPF_PROG_GET_FD_BY_ID"},
    {14, "BPF_MAP_GET_FD_BY_ID"},
    {15, "BPF_OBJ_GET_INFO_BY_FD"},
    {16, "BPF_PROG_QUERY"},
    {17, "BPF_RAW_TRACEPOINT_OPEN"},
    {18, "BPF_BTF_LOAD"},
    {19, "BPF_BTF_GET_FD_BY_ID"},
    {20, "BPF_TASK_FD_QUERY"},
    {21, "BPF_MAP_LOOKUP_AND_DELETE_ELEM"},
    {22, "BPF_MAP_FREEZE"},
    {23, "BPF_BTF_GET_NEXT_ID"},
    {24, "BPF_MAP_LOOKUP_BATCH"},
    {25, "BPF_MAP_LOOKUP_AND_DELETE_BATCH"},
    {26, "BPF_MAP_UPDATE_BATCH"},
    {27, "BPF_MAP_DELETE_BATCH"},
    {28, "BPF_LINK_CREATE"},
    {29, "BPF_LINK_UPDATE"},
    {30, "BPF_LINK_GET_FD_BY_ID"},
    {31, "BPF_LINK_GET_NEXT_ID"},
    {32, "BPF_ENABLE_STATS"},
    {33, "BPF_ITER_CREATE"},
    {34, "BPF_LINK_DETACH"},
    {35, "BPF_PROG_BIND_MAP"},
    {36, "BPF_TOKEN_CREATE"},
};

static const struct fname shutdown_how[] = {
    {0, "SHUT_RD"},
    {1, "SHUT_WR"},
    {2, "SHUT_RDWR"},
};

static const struct fname splice_flags[] = {
    {1, "SPLICE_F_MOVE"},
    {2, "SPLICE_F_NONBLOCK"},
    {4, "SPLICE_F_MORE"},
    {8, "SPLICE_F_GIFT"},
};

static const struct fname memfd_flags[] = {
    {1, "MFD_CLOEXEC"},	    {2, "MFD_ALLOW_SEALING"}, {4, "MFD_HUGETLB"},
    {8, "MFD_NOEXEC_SEAL"}, {0x10, "MFD_EXEC"},
};

static const struct fname eventfd_flags[] = {
    {1, "EFD_SEMAPHORE"},
    {04000, "EFD_NONBLOCK"},
    {02000000, "EFD_CLOEXEC"},
};

static const struct fname fd_type[] = {
    {0, "unknown"},   {1, "file"},     {2, "directory"}, {3, "ipv4"},	  {4, "ipv6"},
    {5, "unix"},      {6, "pipe"},     {7, "event"},	 {8, "signalfd"}, {9, "eventpoll"},
    {10, "inotify"},  {11, "timerfd"}, {12, "netlink"},	 {13, "bpf"},	  {14, "userfaultfd"},
    {15, "io_uring"}, {16, "memfd"},   {17, "pidfd"},
};

enum tkind { T_FLAGS, T_ENUM, T_OPEN, T_SOCKTYPE };

struct ftable {
	const struct fname *v;
	size_t n;
	uint8_t kind;
};

static const struct ftable tables[SK_FT_COUNT] = {
    [SK_FT_OPEN_FLAGS] = {open_flags, N(open_flags), T_OPEN},
    [SK_FT_CLONE_FLAGS] = {clone_flags, N(clone_flags), T_FLAGS},
    [SK_FT_PROT] = {prot, N(prot), T_FLAGS},
    [SK_FT_MMAP_FLAGS] = {mmap_flags, N(mmap_flags), T_FLAGS},
    [SK_FT_SOCK_FAMILY] = {sock_family, N(sock_family), T_ENUM},
    [SK_FT_SOCK_TYPE] = {sock_type_flags, N(sock_type_flags), T_SOCKTYPE},
    [SK_FT_FCNTL_CMD] = {fcntl_cmd, N(fcntl_cmd), T_ENUM},
    [SK_FT_PTRACE_REQ] = {ptrace_req, N(ptrace_req), T_ENUM},
    [SK_FT_AT_FLAGS] = {at_flags, N(at_flags), T_FLAGS},
    [SK_FT_RENAME_FLAGS] = {rename_flags, N(rename_flags), T_FLAGS},
    [SK_FT_MOUNT_FLAGS] = {mount_flags, N(mount_flags), T_FLAGS},
    [SK_FT_UMOUNT_FLAGS] = {umount_flags, N(umount_flags), T_FLAGS},
    [SK_FT_NS_FLAGS] = {ns_flags, N(ns_flags), T_FLAGS},
    [SK_FT_PRCTL_OPT] = {prctl_opt, N(prctl_opt), T_ENUM},
    [SK_FT_BPF_CMD] = {bpf_cmd, N(bpf_cmd), T_ENUM},
    [SK_FT_SHUTDOWN_HOW] = {shutdown_how, N(shutdown_how), T_ENUM},
    [SK_FT_SPLICE_FLAGS] = {splice_flags, N(splice_flags), T_FLAGS},
    [SK_FT_MEMFD_FLAGS] = {memfd_flags, N(memfd_flags), T_FLAGS},
    [SK_FT_EVENTFD_FLAGS] = {eventfd_flags, N(eventfd_flags), T_FLAGS},
    [SK_FT_FD_TYPE] = {fd_type, N(fd_type), T_ENUM},
};

static const char *enum_name(const struct fname *v, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].v == x)
			return v[i].n;
	return NULL;
}

struct out {
	char *buf;
	size_t len, n;
};

static void put(struct out *o, const char *s)
{
	int w = snprintf(o->buf + o->n, o->len - o->n, "%s%s", o->n ? "|" : "", s);
	if (w > 0)
		o->n = o->n + (size_t)w < o->len ? o->n + (size_t)w : o->len - 1;
}

static void put_bits(struct out *o, const struct fname *v, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n && x; i++) {
		if (v[i].v && (x & v[i].v) == v[i].v) {
			put(o, v[i].n);
			x &= ~v[i].v;
		}
	}
	if (x) {
		char hex[24];
		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)x);
		put(o, hex);
	}
}

size_t sk_flags_render(uint8_t ft, uint64_t v, char *buf, size_t len)
{
	if (ft >= SK_FT_COUNT || !tables[ft].v || !len)
		return 0;
	const struct ftable *t = &tables[ft];
	struct out o = {buf, len, 0};
	buf[0] = 0;
	switch (t->kind) {
	case T_ENUM: {
		const char *name = enum_name(t->v, t->n, v);
		if (name)
			put(&o, name);
		else
			return (size_t)snprintf(buf, len, "%llu", (unsigned long long)v);
		break;
	}
	case T_OPEN:
		put(&o, (v & 3) == 0   ? "O_RDONLY"
			: (v & 3) == 1 ? "O_WRONLY"
			: (v & 3) == 2 ? "O_RDWR"
				       : "O_ACCMODE");
		put_bits(&o, t->v, t->n, v & ~3ull);
		break;
	case T_SOCKTYPE: {
		const char *name = enum_name(sock_type_enum, N(sock_type_enum), v & 0xf);
		if (name)
			put(&o, name);
		put_bits(&o, t->v, t->n, name ? v & ~0xfull : v);
		break;
	}
	default:
		/* The low byte of clone flags is the exit signal, not a flag. */
		put_bits(&o, t->v, t->n, ft == SK_FT_CLONE_FLAGS ? v & ~0xffull : v);
		break;
	}
	return o.n;
}

static const char *const errnos[] = {
    NULL,
    "EPERM",
    "ENOENT",
    "ESRCH",
    "EINTR",
    "EIO",
    "ENXIO",
    "E2BIG",
    "ENOEXEC",
    "EBADF",
    "ECHILD",
    "EAGAIN",
    "ENOMEM",
    "EACCES",
    "EFAULT",
    "ENOTBLK",
    "EBUSY",
    "EEXIST",
    "EXDEV",
    "ENODEV",
    "ENOTDIR",
    "EISDIR",
    "EINVAL",
    "ENFILE",
    "EMFILE",
    "ENOTTY",
    "ETXTBSY",
    "EFBIG",
    "ENOSPC",
    "ESPIPE",
    "EROFS",
    "EMLINK",
    "EPIPE",
    "EDOM",
    "ERANGE",
    "EDEADLK",
    "ENAMETOOLONG",
    "ENOLCK",
    "ENOSYS",
    "ENOTEMPTY",
    "ELOOP",
    NULL,
    "ENOMSG",
    "EIDRM",
    "ECHRNG",
    "EL2NSYNC",
    "EL3HLT",
    "EL3RST",
    "ELNRNG",
    "EUNATCH",
    "ENOCSI",
    "EL2HLT",
    "EBADE",
    "EBADR",
    "EXFULL",
    "ENOANO",
    "EBADRQC",
    "EBADSLT",
    NULL,
    "EBFONT",
    "ENOSTR",
    "ENODATA",
    "ETIME",
    "ENOSR",
    "ENONET",
    "ENOPKG",
    "EREMOTE",
    "ENOLINK",
    "EADV",
    "ESRMNT",
    "ECOMM",
    "EPROTO",
    "EMULTIHOP",
    "EDOTDOT",
    "EBADMSG",
    "EOVERFLOW",
    "ENOTUNIQ",
    "EBADFD",
    "EREMCHG",
    "ELIBACC",
    "ELIBBAD",
    "ELIBSCN",
    "ELIBMAX",
    "ELIBEXEC",
    "EILSEQ",
    "ERESTART",
    "ESTRPIPE",
    "EUSERS",
    "ENOTSOCK",
    "EDESTADDRREQ",
    "EMSGSIZE",
    "EPROTOTYPE",
    "ENOPROTOOPT",
    "EPROTONOSUPPORT",
    "ESOCKTNOSUPPORT",
    "EOPNOTSUPP",
    "EPFNOSUPPORT",
    "EAFNOSUPPORT",
    "EADDRINUSE",
    "EADDRNOTAVAIL",
    "ENETDOWN",
    "ENETUNREACH",
    "ENETRESET",
    "ECONNABORTED",
    "ECONNRESET",
    "ENOBUFS",
    "EISCONN",
    "ENOTCONN",
    "ESHUTDOWN",
    "ETOOMANYREFS",
    "ETIMEDOUT",
    "ECONNREFUSED",
    "EHOSTDOWN",
    "EHOSTUNREACH",
    "EALREADY",
    "EINPROGRESS",
    "ESTALE",
    "EUCLEAN",
    "ENOTNAM",
    "ENAVAIL",
    "EISNAM",
    "EREMOTEIO",
    "EDQUOT",
    "ENOMEDIUM",
    "EMEDIUMTYPE",
    "ECANCELED",
    "ENOKEY",
    "EKEYEXPIRED",
    "EKEYREVOKED",
    "EKEYREJECTED",
    "EOWNERDEAD",
    "ENOTRECOVERABLE",
    "ERFKILL",
    "EHWPOISON",
};

const char *sk_errno_name(int64_t e)
{
	if (e == 512)
		return "ERESTARTSYS";
	return e > 0 && e < (int64_t)N(errnos) ? errnos[e] : NULL;
}

static const char *const signals[] = {
    NULL,	 "SIGHUP",  "SIGINT",	 "SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",	 "SIGKILL", "SIGUSR1",	 "SIGSEGV", "SIGUSR2",	"SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",	 "SIGSTOP", "SIGTSTP",	"SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",	 "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

const char *sk_signal_name(int64_t sig)
{
	return sig > 0 && sig < (int64_t)N(signals) ? signals[sig] : NULL;
}

static const char *const caps[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};

size_t sk_caps_render(uint64_t set, char *buf, size_t len)
{
	size_t n = 0;
	if (!len)
		return 0;
	buf[0] = 0;
	for (unsigned i = 0; i < 64; i++) {
		if (!(set & (1ull << i)))
			continue;
		char tmp[24];
		const char *name = i < N(caps) ? caps[i] : NULL;
		if (!name) {
			snprintf(tmp, sizeof(tmp), "CAP_%u", i);
			name = tmp;
		}
		int w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", name);
		if (w < 0 || n + (size_t)w >= len)
			break;
		n += (size_t)w;
	}
	return n;
}
