/* gen_scenarios.c - writes a synthetic capture of attack scenarios that
 * Falco's stable rules detect, for the end-to-end replay tests and the
 * benchmark: `gen_scenarios OUT [NEVENTS]`.
 *
 * In order: cat reads /etc/shadow (Read sensitive file untrusted), bash
 * symlinks /tmp/sh over /etc/shadow (Create Symlink Over Sensitive Files),
 * bash truncates /var/log/auth.log (Clear Log Activities), a binary runs from
 * /dev/shm (Execution from /dev/shm), a memfd binary runs (Fileless execution
 * via memfd_create), grep searches for private keys (Search Private Keys or
 * Passwords); then benign activity (ls reading /etc/hostname), a drop record,
 * and filler (reads and writes of ordinary files, execs of /usr/bin/true) up
 * to NEVENTS; with "heavy", filler is only opens and execs. The events mirror what saker-record
 * writes for each call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/capgen.h"

#define T0_WALL 1767323045000000000ll /* 2026-01-02 03:04:05 UTC */
#define T0_BOOT 1000000000000ull

static struct capgen g;

#define EMIT(type, pid, ...) CAPGEN_EMIT(&g, type, pid, pid, __VA_ARGS__)

#define HOST_CG "0::/user.slice/user-0.slice/session-1.scope"

/* exe is argv[0]; args are the other arguments, each NUL-terminated. The
 * record leaves out PROC_EXEC's trailing filename, as older recorders did. */
static void proc_record(uint16_t type, uint32_t pid, uint32_t ppid, const char *exe,
			const char *exepath, const char *args, size_t argslen, const char *comm,
			int memfd)
{
	EMIT(type, pid, S(exe), S(exepath), B(args, argslen), B("", 0), S("/root"), S(comm),
	     I(ppid), I(pid), I(pid), I(pid), I(pid), I(34816), I(0), I(0), I(0), I(0), I(0), I(0),
	     I(0), I(0), B(HOST_CG, sizeof(HOST_CG)), I(T0_WALL), I(0), I(0), I(0), I(0), I(memfd),
	     I(1024));
}

/* fork, then execve as the recorder sees it: entry, exec, exit. */
static void spawn(uint32_t parent, uint32_t child, const char *exe, const char *exepath,
		  const char *args, size_t argslen, const char *comm, int memfd)
{
	capgen_fork(&g, parent, child, comm, T0_WALL);
	EMIT(SK_E_EXECVE_E, child, S(exepath), B(args, argslen));
	proc_record(SK_E_PROC_EXEC, child, parent, exe, exepath, args, argslen, comm, memfd);
	EMIT(SK_E_EXECVE_X, child, I(0));
}

static void scenarios(void)
{
	static const char passwd[] = "root:x:0:0:root:/root:/bin/bash\n";
	EMIT(SK_E_SNAP_FILE, 0, S("/etc/passwd"), S(passwd));
	proc_record(SK_E_SNAP_PROC, 1, 0, "/sbin/init", "/sbin/init", "", 0, "systemd", 0);
	proc_record(SK_E_SNAP_PROC, 100, 1, "-bash", "/bin/bash", "", 0, "bash", 0);
	EMIT(SK_E_SNAP_END, 0, I(2), I(0));

	spawn(100, 101, "cat", "/usr/bin/cat", "/etc/shadow", 12, "cat", 0);
	capgen_openat(&g, 101, 3, "/etc/shadow", 0);
	capgen_close_fd(&g, 101, 3);
	EMIT(SK_E_PROC_EXIT, 101, I(0), I(0));

	EMIT(SK_E_SYMLINKAT, 100, I(0), S("/etc/shadow"), I(-100), S("/tmp/sh"));
	capgen_openat(&g, 100, 4, "/var/log/auth.log", 01 | 01000);
	capgen_close_fd(&g, 100, 4);

	spawn(100, 103, "/dev/shm/payload", "/dev/shm/payload", "", 0, "payload", 0);
	EMIT(SK_E_PROC_EXIT, 103, I(0), I(0));
	spawn(100, 104, "memfd:x", "/memfd:x (deleted)", "", 0, "x", 1);
	EMIT(SK_E_PROC_EXIT, 104, I(0), I(0));
	spawn(100, 105, "grep", "/usr/bin/grep", "-r\0BEGIN RSA PRIVATE\0/home", 26, "grep", 0);
	EMIT(SK_E_PROC_EXIT, 105, I(0), I(0));

	spawn(100, 106, "ls", "/usr/bin/ls", "/etc", 5, "ls", 0);
	capgen_openat(&g, 106, 3, "/etc/hostname", 0);
	capgen_close_fd(&g, 106, 3);
	EMIT(SK_E_PROC_EXIT, 106, I(0), I(0));
	EMIT(SK_E_DROP, 0, I(1), I(42), I(1));
}

/* Ordinary activity: mostly reads and writes, some opens, an exec now and
 * then; or, heavy, nothing but opens and execs (the types rules look at). */
static void filler(uint64_t target, int heavy)
{
	static const char line[] = "a line of ordinary output\n";
	uint32_t k = 0;
	capgen_openat(&g, 100, 5, "/tmp/work.txt", 01 | 0100);
	while (g.nevents < target) {
		switch (heavy ? g.nevents % 4 : g.nevents % 100) {
		case 0:
			spawn(100, 2000 + k, "true", "/usr/bin/true", "", 0, "true", 0);
			EMIT(SK_E_PROC_EXIT, 2000 + k, I(0), I(0));
			k++;
			break;
		case 1:
			capgen_openat(&g, 100, 6, "/usr/lib/os-release", 0);
			capgen_close_fd(&g, 100, 6);
			break;
		default:
			if (heavy) {
				capgen_openat(&g, 100, 6, "/etc/ld.so.cache", 0);
				capgen_close_fd(&g, 100, 6);
				break;
			}
			EMIT(g.nevents % 2 ? SK_E_WRITE : SK_E_READ_X, 100, I(sizeof(line) - 1),
			     B(line, sizeof(line) - 1), I(5), I(sizeof(line) - 1));
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen_scenarios OUT [NEVENTS [heavy]]\n");
		return 2;
	}
	struct sk_file_info info;
	capgen_file_info(&info, "gen_scenarios", "web-01", "6.18.0", 1, T0_WALL, T0_BOOT);
	capgen_open(&g, "gen_scenarios", argv[1], &info, 10000);
	scenarios();
	if (argc > 2)
		filler(strtoull(argv[2], NULL, 10), argc > 3 && !strcmp(argv[3], "heavy"));
	capgen_close(&g);
	return 0;
}
