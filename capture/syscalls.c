/* syscalls.c - the decoder table (see syscalls.h for the recipe language).
 *
 * Kept as data so the probe stays generic: adding a decoder is one line here
 * and, if the record type is new, one line in format/events.def.
 */
#include <stddef.h>
#include <sys/syscall.h>

#include "capture/syscalls.h"
#include "capture/syscall_names.h"
#include "format/schema.h"

#define B(k, a, l)                                                                                 \
	{                                                                                          \
		.kind = SK_B_##k, .arg = (a), .len = (l)                                           \
	}
#define X(sym, nrv, rx, ...)                                                                       \
	{                                                                                          \
		.nr = SYS_##nrv, .type_x = SK_E_##sym, .recipe_x = rx, .desc = { __VA_ARGS__ }     \
	}
#define XE(sym, esym, nrv, rx, re, ...)                                                            \
	{                                                                                          \
		.nr = SYS_##nrv, .type_x = SK_E_##sym, .type_e = SK_E_##esym, .recipe_x = rx,      \
		.recipe_e = re, .desc = {                                                          \
			__VA_ARGS__                                                                \
		}                                                                                  \
	}
#define BLOBS(...)  .blob = {__VA_ARGS__}
#define EBLOBS(...) .enter_blob = {__VA_ARGS__}
#define E(esym, nrv, re)                                                                           \
	{                                                                                          \
		.nr = SYS_##nrv, .type_e = SK_E_##esym, .recipe_e = re, .desc = {                  \
			.flags = SK_D_ENTER                                                        \
		}                                                                                  \
	}
#define FILE_RES .flags = SK_D_FILE_RES

static const struct sk_syscall table[] = {
    XE(EXECVE_X, EXECVE_E, execve, "r", "b0 b1", .flags = SK_D_ENTER,
       EBLOBS(B(STR, 0, 0), B(ARGV, 1, 0))),
    XE(EXECVEAT_X, EXECVEAT_E, execveat, "r", "a0 b0 b1 a4", .flags = SK_D_ENTER,
       EBLOBS(B(STR, 1, 0), B(ARGV, 2, 0))),
    X(CLONE, clone, "r a0"),
    X(CLONE3, clone3, "r b0q0", BLOBS(B(FIX, 0, 8))),
    X(FORK, fork, "r"),
    X(VFORK, vfork, "r"),
    E(EXIT_E, exit, "a0"),
    E(EXIT_GROUP_E, exit_group, "a0"),
    X(OPEN, open, "r b0 a1 a2 dev ino", FILE_RES, BLOBS(B(STR, 0, 0))),
    X(OPENAT, openat, "r a0 b0 a2 a3 dev ino", FILE_RES, BLOBS(B(STR, 1, 0))),
    X(OPENAT2, openat2, "r a0 b0 b1q0 b1q1 b1q2 dev ino", FILE_RES,
      BLOBS(B(STR, 1, 0), B(FIX, 2, 24))),
    X(CREAT, creat, "r b0 a1 dev ino", FILE_RES, BLOBS(B(STR, 0, 0))),
    X(CLOSE, close, "r a0"),
    XE(READ_X, READ_E, read, "r b0 a0 a2", "a0 a2", .flags = SK_D_ENTER, BLOBS(B(RES, 1, 0))),
    XE(PREAD_X, PREAD_E, pread64, "r b0 a0 a2 a3", "a0 a2 a3", .flags = SK_D_ENTER,
       BLOBS(B(RES, 1, 0))),
    XE(READV_X, READV_E, readv, "r b0 a0 rs", "a0", .flags = SK_D_ENTER, BLOBS(B(IOV, 1, 2))),
    X(WRITE, write, "r b0 a0 a2", BLOBS(B(RES, 1, 0))),
    X(PWRITE, pwrite64, "r b0 a0 a2 a3", BLOBS(B(RES, 1, 0))),
    X(WRITEV, writev, "r b0 a0 rs", BLOBS(B(IOV, 1, 2))),
    X(SENDFILE, sendfile, "r a0 a1 b0q0 a3", BLOBS(B(FIX, 2, 8))),
    X(SOCKET, socket, "r a0 a1 a2"),
    X(SOCKETPAIR, socketpair, "r b0i0 b0i1 a0 a1 a2", BLOBS(B(FIX, 3, 8))),
    XE(CONNECT_X, CONNECT_E, connect, "r a0 b0 t1", "a0 b0", .flags = SK_D_ENTER,
       BLOBS(B(SOCKADDR, 1, 2), B(TUPLE, 0, 0)), EBLOBS(B(SOCKADDR, 1, 2))),
    XE(ACCEPT_X, ACCEPT_E, accept, "r t0 a0", "a0", .flags = SK_D_ENTER,
       BLOBS(B(TUPLE, SK_ARG_RES, 0))),
    XE(ACCEPT4_X, ACCEPT4_E, accept4, "r t0 a0 a3", "a0 a3", .flags = SK_D_ENTER,
       BLOBS(B(TUPLE, SK_ARG_RES, 0))),
    X(BIND, bind, "r a0 k01", BLOBS(B(SOCKADDR, 1, 2), B(TUPLE, 0, 0))),
    X(LISTEN, listen, "r a0 a1"),
    X(SENDTO, sendto, "r b0 a0 a2 t1s2", BLOBS(B(RES, 1, 0), B(TUPLE, 0, 0), B(SOCKADDR, 4, 5))),
    XE(RECVFROM_X, RECVFROM_E, recvfrom, "r b0 a0 a2 t1s2", "a0 a2", .flags = SK_D_ENTER,
       BLOBS(B(RES, 1, 0), B(TUPLE, 0, 0), B(SOCKADDR, 4, 0xff))),
    X(SENDMSG, sendmsg, "r b0 a0 rs t1s2", BLOBS(B(MSG, 1, 0), B(TUPLE, 0, 0), B(MSGNAME, 1, 0))),
    XE(RECVMSG_X, RECVMSG_E, recvmsg, "r b0 a0 rs t1s2", "a0", .flags = SK_D_ENTER,
       BLOBS(B(MSG, 1, 0), B(TUPLE, 0, 0), B(MSGNAME, 1, 0))),
    X(SHUTDOWN, shutdown, "r a0 a1"),
    X(DUP, dup, "r a0"),
    X(DUP2, dup2, "r a0 a1"),
    X(DUP3, dup3, "r a0 a1 a2"),
    X(FCNTL, fcntl, "r a0 a1 a2"),
    X(PIPE, pipe, "r b0i0 b0i1 ino", .flags = SK_D_FILE_UFD, .file_arg = 0, BLOBS(B(FIX, 0, 8))),
    X(PIPE2, pipe2, "r b0i0 b0i1 ino a1", .flags = SK_D_FILE_UFD, .file_arg = 0,
      BLOBS(B(FIX, 0, 8))),
    X(EVENTFD2, eventfd2, "r a0 a1"),
    X(MEMFD_CREATE, memfd_create, "r b0 a1", BLOBS(B(STR, 0, 0))),
    X(MMAP, mmap, "r a0 a1 a2 a3 a4 a5"),
    X(MPROTECT, mprotect, "r a0 a1 a2"),
    X(UNLINK, unlink, "r b0", BLOBS(B(STR, 0, 0))),
    X(UNLINKAT, unlinkat, "r a0 b0 a2", BLOBS(B(STR, 1, 0))),
    X(RENAME, rename, "r b0 b1", BLOBS(B(STR, 0, 0), B(STR, 1, 0))),
    X(RENAMEAT, renameat, "r a0 b0 a2 b1", BLOBS(B(STR, 1, 0), B(STR, 3, 0))),
    X(RENAMEAT2, renameat2, "r a0 b0 a2 b1 a4", BLOBS(B(STR, 1, 0), B(STR, 3, 0))),
    X(MKDIR, mkdir, "r b0 a1", BLOBS(B(STR, 0, 0))),
    X(MKDIRAT, mkdirat, "r a0 b0 a2", BLOBS(B(STR, 1, 0))),
    X(RMDIR, rmdir, "r b0", BLOBS(B(STR, 0, 0))),
    X(LINK, link, "r b0 b1", BLOBS(B(STR, 0, 0), B(STR, 1, 0))),
    X(LINKAT, linkat, "r a0 b0 a2 b1 a4", BLOBS(B(STR, 1, 0), B(STR, 3, 0))),
    X(SYMLINK, symlink, "r b0 b1", BLOBS(B(STR, 0, 0), B(STR, 1, 0))),
    X(SYMLINKAT, symlinkat, "r b0 a1 b1", BLOBS(B(STR, 0, 0), B(STR, 2, 0))),
    X(CHMOD, chmod, "r b0 a1", BLOBS(B(STR, 0, 0))),
    X(FCHMOD, fchmod, "r a0 a1"),
    X(FCHMODAT, fchmodat, "r a0 b0 a2", BLOBS(B(STR, 1, 0))),
    X(CHOWN, chown, "r b0 a1 a2", BLOBS(B(STR, 0, 0))),
    X(FCHOWN, fchown, "r a0 a1 a2"),
    X(FCHOWNAT, fchownat, "r a0 b0 a2 a3 a4", BLOBS(B(STR, 1, 0))),
    X(LCHOWN, lchown, "r b0 a1 a2", BLOBS(B(STR, 0, 0))),
    X(TRUNCATE, truncate, "r b0 a1", BLOBS(B(STR, 0, 0))),
    X(FTRUNCATE, ftruncate, "r a0 a1"),
    X(SETUID, setuid, "r a0"),
    X(SETGID, setgid, "r a0"),
    X(SETREUID, setreuid, "r a0 a1"),
    X(SETREGID, setregid, "r a0 a1"),
    X(SETRESUID, setresuid, "r a0 a1 a2"),
    X(SETRESGID, setresgid, "r a0 a1 a2"),
    X(CAPSET, capset, "r ci cp ce", BLOBS(B(FIX, 1, 24))),
    X(PTRACE, ptrace, "r a0 a1 a2 a3"),
    X(KILL, kill, "r a0 a1"),
    X(TGKILL, tgkill, "r a0 a1 a2"),
    X(MOUNT, mount, "r b0 b1 b2 a3", BLOBS(B(STR, 0, 0), B(STR, 1, 0), B(STR, 2, 0))),
    X(UMOUNT2, umount2, "r b0 a1", BLOBS(B(STR, 0, 0))),
    X(CHROOT, chroot, "r b0", BLOBS(B(STR, 0, 0))),
    X(CHDIR, chdir, "r b0", BLOBS(B(STR, 0, 0))),
    X(FCHDIR, fchdir, "r a0"),
    X(SETNS, setns, "r a0 a1"),
    X(UNSHARE, unshare, "r a0"),
    X(INIT_MODULE, init_module, "r a1 b0", BLOBS(B(STR, 2, 0))),
    X(FINIT_MODULE, finit_module, "r a0 b0 a2", BLOBS(B(STR, 1, 0))),
    X(DELETE_MODULE, delete_module, "r b0 a1", BLOBS(B(STR, 0, 0))),
    X(BPF, bpf, "r a0"),
    X(PRCTL, prctl, "r a0 b0 a1", BLOBS(B(STR, 1, 0))),
    X(USERFAULTFD, userfaultfd, "r a0"),
    X(IO_URING_SETUP, io_uring_setup, "r a0 b0i2", BLOBS(B(FIX, 1, 12))),
    X(PROCESS_VM_READV, process_vm_readv, "r a0"),
    X(PROCESS_VM_WRITEV, process_vm_writev, "r a0"),
    X(SPLICE, splice, "r a0 a2 a4 a5"),
    X(MKNODAT, mknodat, "r a0 b0 a2 a3", BLOBS(B(STR, 1, 0))),
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

const struct sk_syscall *sk_syscall_get(unsigned nr)
{
	static const struct sk_syscall *index[SK_NR_MAX];
	static int built;

	if (!built) {
		for (unsigned i = 0; i < NTABLE; i++)
			index[table[i].nr] = &table[i];
		built = 1;
	}
	return nr < SK_NR_MAX ? index[nr] : NULL;
}

unsigned sk_syscall_count(void)
{
	return NTABLE;
}

const struct sk_syscall *sk_syscall_at(unsigned i)
{
	return i < NTABLE ? &table[i] : NULL;
}

const char *sk_syscall_name(unsigned nr)
{
	return nr < sizeof(sk_syscall_names) / sizeof(sk_syscall_names[0]) ? sk_syscall_names[nr]
									   : NULL;
}
