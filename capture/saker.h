/* saker.h - the contract between the eBPF probe and saker-record.
 *
 * The probe emits raw records into one BPF ring buffer: a fixed header
 * (struct sk_rec) followed by up to SK_NBLOBS variable-length blobs whose
 * lengths are in the header. Userspace turns raw records into schema records
 * (format/events.def); the probe knows nothing about the on-disk encoding.
 *
 * Which user memory the probe copies for a syscall is not compiled in: the
 * recorder fills the sk_descs array map (one struct sk_desc per syscall
 * number) before it attaches, from the decoder table in syscalls.c.
 *
 * This header is included by both the BPF program and the recorder, so it
 * uses only fixed-width kernel types.
 */
#ifndef SAKER_CAPTURE_SAKER_H
#define SAKER_CAPTURE_SAKER_H

#ifndef __bpf__
#include <linux/types.h>
#endif

#define SK_NR_MAX	512   /* syscall numbers covered by the descriptor table */
#define SK_NBLOBS	6     /* blobs per raw record */
#define SK_STR_MAX	4096  /* a string or path argument */
#define SK_SNAP_MAX	65536 /* largest --snaplen */
#define SK_ARGV_MAX	4096  /* argv and env bytes kept per exec */
#define SK_ARGV_COUNT	64    /* argv pointers followed at execve entry */
#define SK_PATH_DEPTH	32    /* path components walked for exe and cwd */
#define SK_NAME_MAX	256   /* one path component */
#define SK_SOCKADDR_MAX 128
#define SK_IOV_MAX	8 /* iovecs followed for readv/writev/sendmsg/recvmsg */
#define SK_SCRATCH	(1u << 18)
#define SK_OFF_MASK	((1u << 17) - 1)

/* Raw record kinds. */
enum sk_kind {
	SK_K_SYS_EXIT = 1,  /* a syscall, at its exit: args, res, blobs */
	SK_K_SYS_ENTER = 2, /* a syscall entry (exec and exit calls; blocked calls at stop) */
	SK_K_FORK = 3,	    /* sched_process_fork */
	SK_K_EXEC = 4,	    /* sched_process_exec; followed by struct sk_exec */
	SK_K_EXIT = 5,	    /* sched_process_exit */
	SK_K_DROP = 100,    /* made by the recorder: args[0] cpu, args[1] count */
};

/* Raw record flags (same bits as SK_EF_* in format/capture.h). */
#define SK_RF_TRUNCATED (1u << 0)
#define SK_RF_FAULT	(1u << 1)
/* an entry record made by the recorder at stop for a call still blocked
 * (blocked.h); FORMAT.md record flag bit 2 */
#define SK_RF_BLOCKED (1u << 2)

struct sk_rec {
	__u64 ts; /* bpf_ktime_get_boot_ns */
	__u32 tid, pid;
	__u16 kind;
	__u16 cpu;
	__u16 nr;
	__u16 flags;
	__u32 size; /* header + blobs (+ struct sk_exec) */
	__u32 pad;
	__s64 res;
	__u64 args[6];
	__u64 dev, ino; /* file facts of the fd the descriptor names */
	__u16 blen[SK_NBLOBS];
	__u32 pad2;
};

/* Numeric process facts of an exec, between the header and the blobs.
 * Blobs of an exec: 0 filename as passed, 1 exe path components (leaf
 * first, each NUL-terminated), 2 argv, 3 env, 4 cwd components, 5 comm. */
struct sk_exec {
	__s32 ppid, sid, pgid, vpid, vtid;
	__u32 tty;
	__u32 uid, gid, euid, egid, loginuid;
	__u32 exe_from_memfd;
	__u64 cap_inh, cap_prm, cap_eff;
	__u64 start_boot_ns;
	__u64 exe_ino;
	__u64 exe_ctime_ns, exe_mtime_ns;
	__u64 cgroup_id;
	__u64 fdlimit;
	__u32 exe_upper_layer;
	__u32 pad;
};

/* Blob kinds of a descriptor slot. */
enum sk_blob_kind {
	SK_B_NONE = 0,
	SK_B_STR,      /* NUL-terminated string at args[arg] */
	SK_B_RES,      /* bytes at args[arg], length res (when res > 0) */
	SK_B_LEN,      /* bytes at args[arg], length args[len] */
	SK_B_FIX,      /* bytes at args[arg], length len (a constant) */
	SK_B_IOV,      /* iovec array at args[arg], count args[len], length res */
	SK_B_MSG,      /* struct msghdr at args[arg]: its iovecs, length res */
	SK_B_SOCKADDR, /* sockaddr at args[arg], length args[len] */
	SK_B_MSGNAME,  /* sockaddr named by struct msghdr at args[arg] */
	SK_B_ARGV,     /* NULL-terminated string pointer array at args[arg] */
	SK_B_TUPLE,    /* socket tuple of the fd in args[arg] (arg 6: the result) */
};

/* Payload-bearing blob kinds are cut at the snaplen; others at their max. */
struct sk_blob_desc {
	__u8 kind;
	__u8 arg;
	__u8 len;
	__u8 pad;
};

/* Descriptor flags. */
#define SK_D_FILE_RES (1u << 0) /* dev/ino of the file the result fd names */
#define SK_D_FILE_ARG (1u << 1) /* dev/ino of the file fd args[file_arg] names */
#define SK_D_FILE_UFD (1u << 2) /* dev/ino of the fd stored as int at args[file_arg] */
#define SK_D_ENTER    (1u << 3) /* also emit a record at entry */

#define SK_ARG_RES 6 /* blob/file arg index meaning "the syscall result" */

struct sk_desc {
	__u8 flags;
	__u8 file_arg;
	__u8 nblobs;
	__u8 pad;
	struct sk_blob_desc blob[4];
	struct sk_blob_desc enter_blob[2];
};

/* Raw socket tuple (blob of kind SK_B_TUPLE). Ports in host order. For
 * AF_UNIX, the local and peer paths follow (SK_UNIX_PATH bytes each). */
#define SK_UNIX_PATH 108
struct sk_raw_tuple {
	__u16 family;
	__u16 lport, rport;
	__u16 pad;
	__u8 laddr[16], raddr[16];
	char lpath[SK_UNIX_PATH], rpath[SK_UNIX_PATH];
};

#endif
