/* gen_capture.c - writes a deterministic synthetic capture for the tui
 * tests and benchmarks: `gen_capture OUT [NEVENTS]`.
 *
 * The story it records is known exactly, so tests can check the case
 * database against it: a snapshot (passwd file, one container, init, a
 * bash of alice, an nginx in the container), then bash runs
 * `cat /etc/shadow` (pid 101) and `curl` (pid 102, a connection to
 * 93.184.216.34:80 carrying an HTTP request and reply), nginx accepts a
 * connection from 10.0.0.5, a process opens a path holding a terminal escape
 * sequence, and filler follows up to NEVENTS: every 1000 events a worker
 * process (pid 1000+k) is forked, execs /usr/bin/true, writes a line to
 * /var/log/app.log and exits; bash writes to /tmp/bash.log in between.
 *
 * `gen_capture OUT NEVENTS varied` (for bench/tui/) makes the filler less
 * compressible and more like a busy host: a worker every 100 events, each
 * opening its own file, and payloads of pseudo-random bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/capgen.h"

#define T0_WALL 1767323045000000000ll /* 2026-01-02 03:04:05 UTC */
#define T0_BOOT 1000000000000ull
#define STEP_NS 10000ull

#define CONTAINER "3f2a9c1d5e7b3f2a9c1d5e7b3f2a9c1d5e7b3f2a9c1d5e7b3f2a9c1d5e7b0011"

static struct capgen g;

#define EMIT(type, tid, pid, ...) CAPGEN_EMIT(&g, type, tid, pid, __VA_ARGS__)

/* A process record (SNAP_PROC or PROC_EXEC). args excludes argv[0], as
 * Falco records it. */
static void proc_record(uint16_t type, uint32_t pid, uint32_t ppid, const char *exe,
			const char *args, size_t argslen, const char *comm, uint32_t uid,
			const char *cgroup)
{
	/* The 28 parameters the two types share, then PROC_EXEC's filename. */
	const struct capgen_pv v[] = {S(exe),	  S(exe), B(args, argslen),
				      B("", 0),	  S("/"), S(comm),
				      I(ppid),	  I(pid), I(pid),
				      I(pid),	  I(pid), I(0),
				      I(uid),	  I(uid), I(uid),
				      I(uid),	  I(uid), I(0),
				      I(0),	  I(0),	  B(cgroup, strlen(cgroup) + 1),
				      I(T0_WALL), I(0),	  I(0),
				      I(0),	  I(0),	  I(0),
				      I(1024),	  S(exe)};
	const struct sk_event_info *info = sk_event_info(type);
	int n = info && info->nparams < 29 ? info->nparams : 29;

	capgen_emit(&g, type, pid, pid, n, v);
}

static void fork_exec(uint32_t parent, uint32_t child, const char *exe, const char *args,
		      size_t argslen, const char *comm, uint32_t uid, const char *cgroup)
{
	capgen_fork(&g, parent, child, comm, T0_WALL);
	proc_record(SK_E_PROC_EXEC, child, parent, exe, args, argslen, comm, uid, cgroup);
}

static void io(uint16_t type, uint32_t pid, int fd, const char *data)
{
	size_t n = strlen(data);

	EMIT(type, pid, pid, I(n), B(data, n), I(fd), I(n));
}

static void tuple4(uint8_t *t, const uint8_t l[4], uint16_t lp, const uint8_t r[4], uint16_t rp)
{
	t[0] = 2;
	memcpy(t + 1, l, 4);
	t[5] = (uint8_t)lp, t[6] = (uint8_t)(lp >> 8);
	memcpy(t + 7, r, 4);
	t[11] = (uint8_t)rp, t[12] = (uint8_t)(rp >> 8);
}

static void snapshot(void)
{
	static const char passwd[] = "root:x:0:0:root:/root:/bin/bash\n"
				     "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n"
				     "www-data:x:33:33::/var/www:/usr/sbin/nologin\n";
	static const char cg_host[] = "0::/user.slice/user-1000.slice/session-1.scope";
	static const char cg_ctr[] = "0::/system.slice/docker-" CONTAINER ".scope";

	EMIT(SK_E_SNAP_FILE, 0, 0, S("/etc/passwd"), S(passwd));
	EMIT(SK_E_SNAP_CONTAINER, 0, 0, S(CONTAINER), S("docker"), S("web"), S("nginx:1.25"), I(0),
	     I(T0_WALL - 1000000000));
	proc_record(SK_E_SNAP_PROC, 1, 0, "/sbin/init", "", 0, "systemd", 0, "0::/");
	proc_record(SK_E_SNAP_PROC, 100, 1, "/bin/bash", "", 0, "bash", 1000, cg_host);
	proc_record(SK_E_SNAP_PROC, 200, 1, "/usr/sbin/nginx", "-g\0daemon off;", 15, "nginx", 33,
		    cg_ctr);
	EMIT(SK_E_SNAP_END, 0, 0, I(3), I(0));
}

static void story(void)
{
	static const char cg_host[] = "0::/user.slice/user-1000.slice/session-1.scope";
	static const uint8_t me[4] = {192, 168, 1, 10}, web[4] = {93, 184, 216, 34},
			     srv[4] = {172, 17, 0, 2}, peer[4] = {10, 0, 0, 5};
	uint8_t t[13], sa[7];

	fork_exec(100, 101, "/usr/bin/cat", "/etc/shadow", 12, "cat", 0, cg_host);
	capgen_openat(&g, 101, 3, "/etc/shadow", 0);
	io(SK_E_READ_X, 101, 3, "root:$6$saltsalt$hash:19000:0:99999:7:::\n");
	capgen_close_fd(&g, 101, 3);
	EMIT(SK_E_PROC_EXIT, 101, 101, I(0), I(0));

	fork_exec(100, 102, "/usr/bin/curl", "http://example.com/", 20, "curl", 1000, cg_host);
	EMIT(SK_E_SOCKET, 102, 102, I(4), I(2), I(1), I(6));
	tuple4(t, me, 40000, web, 80);
	sa[0] = 2;
	memcpy(sa + 1, t + 7, 6);
	EMIT(SK_E_CONNECT_X, 102, 102, I(0), I(4), B(sa, 7), B(t, 13));
	io(SK_E_WRITE, 102, 4, "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
	io(SK_E_READ_X, 102, 4, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
	capgen_close_fd(&g, 102, 4);
	EMIT(SK_E_PROC_EXIT, 102, 102, I(0), I(0));

	tuple4(t, srv, 80, peer, 51515);
	EMIT(SK_E_ACCEPT_X, 200, 200, I(5), B(t, 13), I(3));
	io(SK_E_READ_X, 200, 5, "GET /admin HTTP/1.1\r\n\r\n");
	io(SK_E_WRITE, 200, 5, "HTTP/1.1 403 Forbidden\r\n\r\n");
	capgen_close_fd(&g, 200, 5);

	capgen_openat(&g, 100, 6, "/tmp/\x1b[31mevil\x07name", 0x41);
	capgen_close_fd(&g, 100, 6);
	capgen_openat(&g, 100, 7, "/tmp/bash.log", 0x441);
}

static uint64_t rng = 88172645463325252ull;

/* A line of pseudo-random printable bytes (xorshift64, deterministic). */
static void random_line(char *buf, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		buf[i] = (char)(' ' + rng % 95);
	}
	buf[len - 1] = 0;
}

static void filler(uint64_t target, int varied)
{
	uint32_t k = 0, every = varied ? 100 : 1000;
	char line[96], path[64];

	while (g.nevents < target) {
		if (g.nevents % every == 0) {
			uint32_t pid = 1000 + k++;
			snprintf(path, sizeof(path),
				 varied ? "/var/log/app-%u.log" : "/var/log/app.log", pid);
			fork_exec(100, pid, "/usr/bin/true", "", 0, "true", 1000, "0::/");
			capgen_openat(&g, pid, 3, path, 0x441);
			io(SK_E_WRITE, pid, 3, "worker done\n");
			capgen_close_fd(&g, pid, 3);
			EMIT(SK_E_PROC_EXIT, pid, pid, I(0), I(0));
			continue;
		}
		if (varied)
			random_line(line, sizeof(line));
		io(SK_E_WRITE, 100, 7, varied ? line : "bash history line\n");
	}
}

int main(int argc, char **argv)
{
	struct sk_file_info fi;
	uint64_t target = argc > 2 ? strtoull(argv[2], NULL, 10) : 0;

	if (argc < 2) {
		fprintf(stderr, "usage: gen_capture OUT [NEVENTS [varied]]\n");
		return 2;
	}
	capgen_file_info(&fi, "gen_capture", "testhost", "6.1.0-test", 4, T0_WALL, T0_BOOT);
	fi.record_flags |= SK_REC_PAYLOAD;
	capgen_open(&g, "gen_capture", argv[1], &fi, STEP_NS);
	snapshot();
	story();
	filler(target, argc > 3 && !strcmp(argv[3], "varied"));
	capgen_close(&g);
	printf("%llu\n", (unsigned long long)g.nevents);
	return 0;
}
