/* bench_replay.c - replay throughput and memory.
 *
 *   bench_replay gen FILE N     write a synthetic capture of about N events
 *   bench_replay state FILE     replay with state updates only
 *   bench_replay print FILE     `saker print` with the default format to stdout
 *
 * state and print report events/s (one core, CPU time) and peak RSS. The
 * synthetic workload mixes file I/O on a few hundred live processes with
 * sockets, fork/exec/exit churn and generic syscalls, so live state stays
 * roughly constant while the capture grows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "format/capture.h"
#include "replay/print.h"
#include "replay/replay.h"

#define NPROC	 256
#define AT_FDCWD (-100)

static struct sk_writer *w;
static uint64_t ts = 1000000000ull, written;

static void begin(uint16_t type, uint32_t tid)
{
	ts += 700;
	sk_writer_begin(w, type, ts, tid, tid, (uint16_t)(tid % 4), 0);
}

static void end(void)
{
	struct sk_error err;
	if (sk_writer_end(w, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		exit(1);
	}
	written++;
}

static void str(const char *s)
{
	sk_writer_bytes(w, s, (uint32_t)strlen(s));
}

static void proc_facts(uint16_t type, uint32_t pid, uint32_t ppid, const char *comm)
{
	static const char args[] = "--config\0/etc/app.conf\0--verbose";
	static const char env[] = "PATH=/usr/bin:/bin\0HOME=/root\0LANG=C.UTF-8";
	static const char cg[] = "0::/system.slice/app.service";
	begin(type, pid);
	str(comm);
	str("/usr/bin/app");
	sk_writer_bytes(w, args, sizeof(args));
	sk_writer_bytes(w, env, sizeof(env));
	str("/srv/app");
	str(comm);
	sk_writer_int(w, ppid);
	sk_writer_int(w, 1);
	sk_writer_int(w, pid);
	sk_writer_int(w, pid);
	sk_writer_int(w, pid);
	sk_writer_uint(w, 0);
	for (int i = 0; i < 5; i++)
		sk_writer_uint(w, 33);
	for (int i = 0; i < 3; i++)
		sk_writer_uint(w, 0);
	sk_writer_bytes(w, cg, sizeof(cg));
	sk_writer_uint(w, 1764000000000000000ull);
	sk_writer_uint(w, 4242);
	sk_writer_uint(w, 1763000000000000000ull);
	sk_writer_uint(w, 1763000000000000000ull);
	sk_writer_uint(w, 0);
	sk_writer_uint(w, 0);
	sk_writer_uint(w, 1024);
	end();
}

static void gen_iteration(uint32_t pid, uint64_t i)
{
	static const char data[] = "GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n0123456789";
	char path[64];
	snprintf(path, sizeof(path), "data/file%llu.db", (unsigned long long)(i % 97));
	begin(SK_E_OPENAT, pid);
	sk_writer_int(w, 5);
	sk_writer_int(w, AT_FDCWD);
	str(path);
	sk_writer_uint(w, 02000000);
	sk_writer_uint(w, 0);
	sk_writer_uint(w, 0x803);
	sk_writer_uint(w, 1000 + i % 97);
	end();
	for (int r = 0; r < 3; r++) {
		begin(SK_E_READ_X, pid);
		sk_writer_int(w, 64);
		sk_writer_bytes(w, data, 64);
		sk_writer_int(w, 5);
		sk_writer_uint(w, 4096);
		end();
	}
	begin(SK_E_WRITE, pid);
	sk_writer_int(w, 64);
	sk_writer_bytes(w, data, 64);
	sk_writer_int(w, 1);
	sk_writer_uint(w, 64);
	end();
	begin(SK_E_MMAP, pid);
	sk_writer_int(w, 0x7f0000000000ll);
	sk_writer_uint(w, 0);
	sk_writer_uint(w, 8192);
	sk_writer_uint(w, 1);
	sk_writer_uint(w, 2);
	sk_writer_int(w, 5);
	sk_writer_uint(w, 0);
	end();
	begin(SK_E_CLOSE, pid);
	sk_writer_int(w, 0);
	sk_writer_int(w, 5);
	end();
	begin(SK_E_GENERIC_X, pid);
	sk_writer_uint(w, 39);
	sk_writer_int(w, pid);
	for (int a = 0; a < 6; a++)
		sk_writer_uint(w, 0);
	end();
	if (i % 16 == 0) {
		static const uint8_t tuple[] = {2, 10, 0, 0, 1, 0x10, 0x27, 10, 0, 0, 2, 0x50, 0};
		begin(SK_E_SOCKET, pid);
		sk_writer_int(w, 6);
		sk_writer_uint(w, 2);
		sk_writer_uint(w, 1);
		sk_writer_uint(w, 0);
		end();
		begin(SK_E_CONNECT_X, pid);
		sk_writer_int(w, 0);
		sk_writer_int(w, 6);
		sk_writer_bytes(w, tuple, 1);
		sk_writer_bytes(w, tuple, sizeof(tuple));
		end();
		begin(SK_E_SENDTO, pid);
		sk_writer_int(w, 64);
		sk_writer_bytes(w, data, 64);
		sk_writer_int(w, 6);
		sk_writer_uint(w, 64);
		sk_writer_bytes(w, "", 0);
		end();
		begin(SK_E_CLOSE, pid);
		sk_writer_int(w, 0);
		sk_writer_int(w, 6);
		end();
	}
	if (i % 64 == 0) {
		uint32_t child = 100000 + (uint32_t)(i % 50000);
		begin(SK_E_PROC_FORK, pid);
		sk_writer_int(w, child);
		sk_writer_int(w, child);
		sk_writer_uint(w, 17);
		str("app");
		sk_writer_uint(w, 1764000000000000000ull);
		end();
		proc_facts(SK_E_PROC_EXEC, child, pid, "helper");
		begin(SK_E_PROC_EXIT, child);
		sk_writer_int(w, 0);
		sk_writer_int(w, pid);
		end();
	}
}

static int gen(const char *path, uint64_t n)
{
	struct sk_file_info fi;
	struct sk_error err;
	memset(&fi, 0, sizeof(fi));
	fi.version_major = SK_FORMAT_VERSION_MAJOR;
	snprintf(fi.recorder, sizeof(fi.recorder), "bench_replay gen (synthetic)");
	snprintf(fi.hostname, sizeof(fi.hostname), "bench");
	fi.ncpus = 4;
	fi.start_wall_ns = 1764000000000000000ll;
	fi.start_boot_ns = ts;
	fi.snaplen = 256;
	fi.record_flags = SK_REC_ALL_HOST | SK_REC_SNAPSHOT | SK_REC_PAYLOAD;
	w = sk_writer_open(path, &fi, NULL, &err);
	if (!w) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (uint32_t p = 0; p < NPROC; p++)
		proc_facts(SK_E_SNAP_PROC, 1000 + p, 1, "app");
	begin(SK_E_SNAP_END, 0);
	sk_writer_uint(w, NPROC);
	sk_writer_uint(w, 0);
	end();
	for (uint64_t i = 0; written < n; i++)
		gen_iteration(1000 + (uint32_t)(i % NPROC), i / NPROC);
	if (sk_writer_close(w, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	fprintf(stderr, "wrote %llu events to %s\n", (unsigned long long)written, path);
	return 0;
}

/* CPU time of this process: the machine is shared, so wall time would
 * measure the neighbours too. */
static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int state_only(const char *path)
{
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(path, &err);
	if (!rp) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	struct sk_evctx *ctx;
	uint64_t n = 0;
	int rc;
	double t0 = now();
	while ((rc = sk_replay_next(rp, &ctx, &err)) > 0)
		n++;
	double dt = now() - t0;
	sk_replay_close(rp);
	if (rc < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("state: %llu events in %.3f CPU s = %.2f M events/s, peak RSS %ld KiB\n",
	       (unsigned long long)n, dt, (double)n / dt / 1e6, peak_rss_kb());
	return 0;
}

static int print(const char *path)
{
	char *argv[] = {"print", (char *)path, NULL};
	double t0 = now();
	int rc = sk_print_main(2, argv, NULL);
	double dt = now() - t0;
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(path, &err);
	uint64_t n = rp ? sk_replay_summary(rp)->nevents : 0;
	sk_replay_close(rp);
	fprintf(stderr, "print: %llu events in %.3f CPU s = %.2f M events/s, peak RSS %ld KiB\n",
		(unsigned long long)n, dt, (double)n / dt / 1e6, peak_rss_kb());
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen(argv[2], strtoull(argv[3], NULL, 10));
	if (argc == 3 && !strcmp(argv[1], "state"))
		return state_only(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "print"))
		return print(argv[2]);
	fprintf(stderr, "usage: bench_replay gen FILE N | state FILE | print FILE\n");
	return 2;
}
