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

#include "format/capture.h"

struct pv {
	int64_t i;
	const void *p;
	int len; /* -1: strlen(p) */
};

#define I(x)	((struct pv){.i = (int64_t)(x)})
#define S(x)	((struct pv){.p = (x), .len = -1})
#define B(x, n) ((struct pv){.p = (x), .len = (int)(n)})

#define T0_WALL 1767323045000000000ll /* 2026-01-02 03:04:05 UTC */
#define T0_BOOT 1000000000000ull

static struct sk_writer *w;
static uint64_t ts = T0_BOOT, nevents;
static struct sk_error err;

static int is_bytes(uint8_t t)
{
	return t == SK_PT_STR || t == SK_PT_PATH || t == SK_PT_BYTES || t == SK_PT_SOCKADDR ||
	       t == SK_PT_TUPLE || t == SK_PT_STRLIST || t == SK_PT_FDLIST;
}

static void emit(uint16_t type, uint32_t pid, int n, const struct pv *v)
{
	const struct sk_event_info *info = sk_event_info(type);
	if (!info || n > info->nparams) {
		fprintf(stderr, "gen_scenarios: bad params for type %u\n", type);
		exit(1);
	}
	sk_writer_begin(w, type, ts, pid, pid, 0, 0);
	for (int i = 0; i < n; i++) {
		uint8_t t = info->params[i].type;
		if (is_bytes(t))
			sk_writer_bytes(
			    w, v[i].p,
			    (uint32_t)(v[i].len < 0 ? strlen(v[i].p) : (size_t)v[i].len));
		else if (sk_ptype_is_signed(t))
			sk_writer_int(w, v[i].i);
		else
			sk_writer_uint(w, (uint64_t)v[i].i);
	}
	if (sk_writer_end(w, &err) < 0) {
		fprintf(stderr, "gen_scenarios: %s\n", err.msg);
		exit(1);
	}
	nevents++;
	ts += 10000;
}

#define EMIT(type, pid, ...)                                                                       \
	do {                                                                                       \
		const struct pv v_[] = {__VA_ARGS__};                                              \
		emit(type, pid, (int)(sizeof(v_) / sizeof(v_[0])), v_);                            \
	} while (0)

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
	EMIT(SK_E_PROC_FORK, parent, I(child), I(child), I(0), S(comm), I(T0_WALL));
	EMIT(SK_E_EXECVE_E, child, S(exepath), B(args, argslen));
	proc_record(SK_E_PROC_EXEC, child, parent, exe, exepath, args, argslen, comm, memfd);
	EMIT(SK_E_EXECVE_X, child, I(0));
}

static void openat(uint32_t pid, int fd, const char *path, int flags)
{
	EMIT(SK_E_OPENAT, pid, I(fd), I(-100), S(path), I(flags), I(0), I(0), I(0));
}

static void close_fd(uint32_t pid, int fd)
{
	EMIT(SK_E_CLOSE, pid, I(0), I(fd));
}

static void scenarios(void)
{
	static const char passwd[] = "root:x:0:0:root:/root:/bin/bash\n";
	EMIT(SK_E_SNAP_FILE, 0, S("/etc/passwd"), S(passwd));
	proc_record(SK_E_SNAP_PROC, 1, 0, "/sbin/init", "/sbin/init", "", 0, "systemd", 0);
	proc_record(SK_E_SNAP_PROC, 100, 1, "-bash", "/bin/bash", "", 0, "bash", 0);
	EMIT(SK_E_SNAP_END, 0, I(2), I(0));

	spawn(100, 101, "cat", "/usr/bin/cat", "/etc/shadow", 12, "cat", 0);
	openat(101, 3, "/etc/shadow", 0);
	close_fd(101, 3);
	EMIT(SK_E_PROC_EXIT, 101, I(0), I(0));

	EMIT(SK_E_SYMLINKAT, 100, I(0), S("/etc/shadow"), I(-100), S("/tmp/sh"));
	openat(100, 4, "/var/log/auth.log", 01 | 01000);
	close_fd(100, 4);

	spawn(100, 103, "/dev/shm/payload", "/dev/shm/payload", "", 0, "payload", 0);
	EMIT(SK_E_PROC_EXIT, 103, I(0), I(0));
	spawn(100, 104, "memfd:x", "/memfd:x (deleted)", "", 0, "x", 1);
	EMIT(SK_E_PROC_EXIT, 104, I(0), I(0));
	spawn(100, 105, "grep", "/usr/bin/grep", "-r\0BEGIN RSA PRIVATE\0/home", 26, "grep", 0);
	EMIT(SK_E_PROC_EXIT, 105, I(0), I(0));

	spawn(100, 106, "ls", "/usr/bin/ls", "/etc", 5, "ls", 0);
	openat(106, 3, "/etc/hostname", 0);
	close_fd(106, 3);
	EMIT(SK_E_PROC_EXIT, 106, I(0), I(0));
	EMIT(SK_E_DROP, 0, I(1), I(42), I(1));
}

/* Ordinary activity: mostly reads and writes, some opens, an exec now and
 * then; or, heavy, nothing but opens and execs (the types rules look at). */
static void filler(uint64_t target, int heavy)
{
	static const char line[] = "a line of ordinary output\n";
	uint32_t k = 0;
	openat(100, 5, "/tmp/work.txt", 01 | 0100);
	while (nevents < target) {
		switch (heavy ? nevents % 4 : nevents % 100) {
		case 0:
			spawn(100, 2000 + k, "true", "/usr/bin/true", "", 0, "true", 0);
			EMIT(SK_E_PROC_EXIT, 2000 + k++, I(0), I(0));
			break;
		case 1:
			openat(100, 6, "/usr/lib/os-release", 0);
			close_fd(100, 6);
			break;
		default:
			if (heavy) {
				openat(100, 6, "/etc/ld.so.cache", 0);
				close_fd(100, 6);
				break;
			}
			EMIT(nevents % 2 ? SK_E_WRITE : SK_E_READ_X, 100, I(sizeof(line) - 1),
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
	struct sk_file_info info = {.version_major = SK_FORMAT_VERSION_MAJOR,
				    .version_minor = SK_FORMAT_VERSION_MINOR,
				    .ncpus = 1,
				    .boot_time_ns = T0_WALL - (int64_t)T0_BOOT,
				    .start_wall_ns = T0_WALL,
				    .start_boot_ns = T0_BOOT,
				    .snaplen = 256,
				    .record_flags = SK_REC_ALL_HOST | SK_REC_SNAPSHOT};
	snprintf(info.recorder, sizeof(info.recorder), "gen_scenarios");
	snprintf(info.hostname, sizeof(info.hostname), "web-01");
	snprintf(info.kernel_release, sizeof(info.kernel_release), "6.18.0");
	snprintf(info.machine, sizeof(info.machine), "x86_64");
	w = sk_writer_open(argv[1], &info, NULL, &err);
	if (!w) {
		fprintf(stderr, "gen_scenarios: %s\n", err.msg);
		return 1;
	}
	scenarios();
	if (argc > 2)
		filler(strtoull(argv[2], NULL, 10), argc > 3 && !strcmp(argv[3], "heavy"));
	if (sk_writer_close(w, &err) < 0) {
		fprintf(stderr, "gen_scenarios: %s\n", err.msg);
		return 1;
	}
	return 0;
}
