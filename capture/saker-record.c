/* saker-record.c - record syscalls and process lifecycle into a capture.
 *
 *   saker-record -w FILE [options]              the whole host, until stopped
 *   saker-record -w FILE [options] -- CMD ARGS  CMD's process tree only
 *
 * The loop: drain the probe's ring buffer into the reorder window, write
 * records older than the window in timestamp order, note new drops as DROP
 * records, seal chunks at least every second, and stop on a signal, a
 * limit, or (with CMD) when every followed process has exited.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capture/blocked.h"
#include "capture/cgroup.h"
#include "capture/encode.h"
#include "capture/output.h"
#include "capture/probe.h"
#include "capture/reorder.h"
#include "capture/snapshot.h"
#include "format/capture.h"

#define SK_WINDOW_NS   10000000ull /* reorder window */
#define SK_POLL_MS     50
#define SK_DROPS_NS    100000000ull /* drop counters read at most this often */
#define SK_REORDER_MAX (256u << 20) /* held bytes before a forced flush */

struct opts {
	const char *path;
	double duration;
	uint64_t max_mb;
	unsigned rotate;
	uint32_t snaplen;
	uint32_t buffer_mb;
	int level;
	int quiet;
	int all;
	char **cmd;
};

struct rec {
	struct opts o;
	struct sk_probe *probe;
	struct sk_output *out;
	struct sk_writer *w; /* the file being written (changes on rotation) */
	struct sk_reorder *q;
	struct sk_encoder enc;
	struct sk_error err;
	uint64_t *drops_seen, *drops_now;
	uint64_t drops_total;
	uint64_t drops_read_ns; /* when the counters were last read */
	uint64_t malformed;
	int failed; /* a write error happened */
	int oom;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static uint64_t clock_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: saker-record -w FILE [options] [-- CMD [ARGS...]]\n"
		"Records syscalls and process lifecycle with eBPF into a saker capture.\n"
		"Without CMD, records the whole host until SIGINT/SIGTERM or a limit.\n"
		"With CMD, starts it and records its process tree until all of it has exited,\n"
		"then exits with CMD's status.\n\n"
		"  -w, --write FILE      capture file to write (created 0600)\n"
		"  -a, --all             record the whole host (the default without CMD); with\n"
		"                        CMD, the /proc snapshot also lists every process\n"
		"  -d, --duration SECS   stop after SECS seconds\n"
		"  -m, --max-size MB     stop when the file reaches MB (with --rotate: rotate)\n"
		"  -r, --rotate N        keep a ring of N files FILE.0..FILE.N-1 of --max-size\n"
		"                        each; the oldest is replaced (needs --max-size)\n"
		"  -s, --snaplen BYTES   I/O payload bytes kept per call (default 256, max 65536)\n"
		"  -b, --buffer-mb MB    kernel ring buffer size (default 64)\n"
		"  -l, --level N         zstd level (default 1: fastest, the recorder competes for "
		"CPU)\n"
		"  -q, --quiet           no status line or summary\n"
		"  -h, --help            this help\n"
		"  -V, --version         version\n\n"
		"The capture starts with a /proc snapshot. With CMD (and no --all) it holds only\n"
		"CMD (with its fds and environment), the recorder and their ancestors up to\n"
		"pid 1 (names, command lines, ids), not the other processes of the host.\n");
}

static int parse_uint(const char *s, const char *what, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < min || v > max) {
		fprintf(stderr, "saker-record: %s must be an integer in %llu..%llu, not '%s'\n",
			what, (unsigned long long)min, (unsigned long long)max, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
	    {"write", required_argument, 0, 'w'},     {"all", no_argument, 0, 'a'},
	    {"duration", required_argument, 0, 'd'},  {"max-size", required_argument, 0, 'm'},
	    {"rotate", required_argument, 0, 'r'},    {"snaplen", required_argument, 0, 's'},
	    {"buffer-mb", required_argument, 0, 'b'}, {"level", required_argument, 0, 'l'},
	    {"quiet", no_argument, 0, 'q'},	      {"help", no_argument, 0, 'h'},
	    {"version", no_argument, 0, 'V'},	      {0, 0, 0, 0}};
	uint64_t v;
	int c;

	*o = (struct opts){.snaplen = 256, .buffer_mb = 64, .level = 1};
	while ((c = getopt_long(argc, argv, "+w:ad:m:r:s:b:l:qhV", lo, NULL)) != -1) {
		switch (c) {
		case 'w':
			o->path = optarg;
			break;
		case 'a':
			o->all = 1;
			break;
		case 'd': {
			char *end;

			o->duration = strtod(optarg, &end);
			if (*end || end == optarg || !(o->duration > 0)) {
				fprintf(stderr,
					"saker-record: --duration must be > 0 seconds, not '%s'\n",
					optarg);
				return 2;
			}
			break;
		}
		case 'm':
			if (parse_uint(optarg, "--max-size", 1, 1 << 30, &o->max_mb))
				return 2;
			break;
		case 'r':
			if (parse_uint(optarg, "--rotate", 2, 1000, &v))
				return 2;
			o->rotate = v;
			break;
		case 's':
			if (parse_uint(optarg, "--snaplen", 0, 65536, &v))
				return 2;
			o->snaplen = v;
			break;
		case 'b':
			if (parse_uint(optarg, "--buffer-mb", 1, 1024, &v))
				return 2;
			o->buffer_mb = v;
			break;
		case 'l':
			if (parse_uint(optarg, "--level", 1, 19, &v))
				return 2;
			o->level = v;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("saker-record %s\n", SAKER_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc)
		o->cmd = argv + optind;
	if (!o->path) {
		fprintf(stderr, "saker-record: -w FILE is required (see --help)\n");
		return 2;
	}
	if (o->rotate && !o->max_mb) {
		fprintf(stderr, "saker-record: --rotate needs --max-size\n");
		return 2;
	}
	return -1;
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct rec *r = ctx;
	const struct sk_rec *h = data;

	if (size < sizeof(*h)) {
		r->malformed++;
		return 0;
	}
	if (sk_reorder_push(r->q, h->ts, data, size))
		r->oom = 1;
	return 0;
}

static int write_one(void *ctx, const void *rec, size_t size)
{
	struct rec *r = ctx;
	int rc = sk_encode(&r->enc, r->w, rec, size, &r->err);

	if (rc > 0) {
		r->malformed++;
		return 0;
	}
	return rc;
}

/* Writes queued records up to ts; on a write error marks the run failed. */
static int flush(struct rec *r, uint64_t upto)
{
	if (r->failed)
		return -1;
	if (sk_reorder_flush(r->q, upto, write_one, r)) {
		r->failed = 1;
		return -1;
	}
	return 0;
}

/* New drops become a DROP record per CPU, queued at the time they were seen. */
static void note_drops(struct rec *r, uint64_t now)
{
	int n = sk_probe_ncpus(r->probe);

	if (sk_probe_drops(r->probe, r->drops_now))
		return;
	for (int i = 0; i < n; i++) {
		struct sk_rec d = {.ts = now, .kind = SK_K_DROP, .cpu = i, .size = sizeof(d)};
		uint64_t delta = r->drops_now[i] - r->drops_seen[i];

		if (!delta)
			continue;
		d.args[0] = i;
		d.args[1] = delta;
		r->drops_seen[i] = r->drops_now[i];
		r->drops_total += delta;
		if (sk_reorder_push(r->q, now, &d, sizeof(d)))
			r->oom = 1;
	}
}

/* The recorded tree's tgids for the snapshot of a `-- CMD` run (NULL with
 * --all or without CMD: the whole host). */
static pid_t *tree_tgids(struct rec *r, size_t *n)
{
	size_t cap = 64;
	pid_t *v;

	*n = 0;
	if (!r->o.cmd || r->o.all)
		return NULL;
	for (;;) {
		if (!(v = malloc(cap * sizeof(*v))))
			return NULL;
		*n = sk_probe_followed(r->probe, v, cap);
		if (*n <= cap)
			return v;
		free(v);
		cap = *n + 64;
	}
}

/* Entry records for the recorded threads still blocked in a call (the
 * probe records those calls only at exit), stamped now. */
static void sweep_blocked(struct rec *r)
{
	size_t n = 0;
	pid_t *tgids = tree_tgids(r, &n);

	if (!tgids && r->o.cmd && !r->o.all)
		return;
	sk_blocked_sweep("/proc", tgids, n, getpid(), clock_ns(CLOCK_BOOTTIME), on_record, r);
	free(tgids);
}

/* Output hook: records stamped before the snapshot go first, then the
 * snapshot, stamped with one time; later records follow it. */
static int write_snapshot(void *ctx, struct sk_writer *w, struct sk_error *err)
{
	struct rec *r = ctx;
	struct sk_snapshot_opts so = {
	    .proc = "/proc", .boot_time_ns = r->enc.boot_time_ns, .self_tgid = getpid()};
	pid_t *tree;
	int rc;

	r->w = w;
	/* records stamped before the snapshot go first; give the ones stamped
	 * just before it time to be committed, then drain */
	so.ts = clock_ns(CLOCK_BOOTTIME);
	usleep(2000);
	sk_probe_consume(r->probe);
	if (flush(r, so.ts))
		return -1;
	so.tree = tree = tree_tgids(r, &so.ntree);
	if (r->o.cmd && !r->o.all && !tree) {
		snprintf(err->msg, sizeof(err->msg), "snapshot: out of memory");
		return -1;
	}
	rc = sk_snapshot_write(w, &so, NULL, err);
	free(tree);
	return rc;
}

static void file_info(const struct rec *r, int argc, char **argv, struct sk_file_info *fi)
{
	struct utsname u;
	size_t n = 0;

	memset(fi, 0, sizeof(*fi));
	fi->version_major = SK_FORMAT_VERSION_MAJOR;
	fi->version_minor = SK_FORMAT_VERSION_MINOR;
	snprintf(fi->recorder, sizeof(fi->recorder), "saker-record %s", SAKER_VERSION);
	gethostname(fi->hostname, sizeof(fi->hostname) - 1);
	if (uname(&u) == 0) {
		snprintf(fi->kernel_release, sizeof(fi->kernel_release), "%.127s", u.release);
		snprintf(fi->machine, sizeof(fi->machine), "%.63s", u.machine);
	}
	fi->ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	fi->boot_time_ns = r->enc.boot_time_ns;
	fi->start_wall_ns = clock_ns(CLOCK_REALTIME);
	fi->start_boot_ns = clock_ns(CLOCK_BOOTTIME);
	fi->snaplen = r->o.snaplen;
	fi->record_flags = SK_REC_SNAPSHOT | (r->o.snaplen ? SK_REC_PAYLOAD : 0) |
			   (!r->o.cmd || r->o.all ? SK_REC_ALL_HOST : 0);
	for (int i = 0; i < argc && n + 2 < sizeof(fi->options); i++)
		n += snprintf(fi->options + n, sizeof(fi->options) - n, "%s%s", i ? " " : "",
			      argv[i]);
}

/* Forks CMD stopped on a pipe; it execs once the probe and snapshot are in
 * place (go), or exits 127 if the recorder gives up (pipe closed). */
static pid_t spawn(char **cmd, int *go)
{
	int fds[2];
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char c;

		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(127);
		execvp(cmd[0], cmd);
		fprintf(stderr, "saker-record: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	*go = fds[1];
	return pid;
}

static void status_line(struct rec *r, uint64_t *last_ns, uint64_t *last_events)
{
	uint64_t now = clock_ns(CLOCK_MONOTONIC);
	struct sk_writer_stats st;

	if (now - *last_ns < 1000000000ull)
		return;
	sk_output_stats(r->out, &st);
	fprintf(stderr, "\r%10.0f events/s  %8.1f MB written  %llu drops   ",
		(st.events - *last_events) * 1e9 / (now - *last_ns), st.bytes_written / 1048576.0,
		(unsigned long long)r->drops_total);
	*last_ns = now;
	*last_events = st.events;
}

/* One iteration: wait for records, drain, write what left the window. */
static void step(struct rec *r)
{
	uint64_t t0;

	sk_probe_poll(r->probe, SK_POLL_MS);
	t0 = clock_ns(CLOCK_BOOTTIME);
	sk_probe_consume(r->probe);
	if (t0 - r->drops_read_ns >= SK_DROPS_NS) {
		note_drops(r, t0);
		r->drops_read_ns = t0;
	}
	if (sk_reorder_bytes(r->q) > SK_REORDER_MAX)
		flush(r, UINT64_MAX);
	else
		flush(r, t0 > SK_WINDOW_NS ? t0 - SK_WINDOW_NS : 0);
	if (!r->failed && sk_writer_tick(r->w, t0, &r->err))
		r->failed = 1;
}

static int exit_status(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 1;
}

static int record(struct rec *r, int argc, char **argv)
{
	struct sk_probe_opts po = {.self_tgid = getpid(),
				   .follow_only = r->o.cmd && !r->o.all,
				   .snaplen = r->o.snaplen,
				   .buffer_mb = r->o.buffer_mb};
	struct sk_output_opts oo = {.path = r->o.path,
				    .max_bytes = r->o.max_mb << 20,
				    .rotate = r->o.rotate,
				    .zstd_level = r->o.level,
				    .on_open = write_snapshot,
				    .ctx = r};
	uint64_t start = clock_ns(CLOCK_MONOTONIC), last_ns = start, last_events = 0;
	int live = isatty(2) && !r->o.quiet, go = -1, child_status = 0, limit = 0;
	pid_t child = 0;
	struct sk_file_info fi;
	struct sk_writer_stats st;
	char msg[512];

	if (r->o.cmd && (child = spawn(r->o.cmd, &go)) < 0) {
		fprintf(stderr, "saker-record: fork: %s\n", strerror(errno));
		return 1;
	}
	r->probe = sk_probe_open(&po, on_record, r, msg, sizeof(msg));
	if (!r->probe) {
		fprintf(stderr, "saker-record: %s\n", msg);
		return 1;
	}
	if (child && po.follow_only && sk_probe_follow(r->probe, child, 1)) {
		fprintf(stderr, "saker-record: cannot follow pid %d: %s\n", child, strerror(errno));
		return 1;
	}
	r->drops_seen = calloc(sk_probe_ncpus(r->probe), sizeof(uint64_t));
	r->drops_now = calloc(sk_probe_ncpus(r->probe), sizeof(uint64_t));
	if (!r->drops_seen || !r->drops_now)
		return 1;
	file_info(r, argc, argv, &fi);
	r->out = sk_output_open(&oo, &fi, &r->err);
	if (!r->out) {
		fprintf(stderr, "saker-record: %s\n", r->err.msg);
		return 1;
	}
	if (child) {
		if (write(go, "g", 1) != 1)
			return 1;
		close(go);
	}
	while (!stop_signal && !r->failed && !r->oom) {
		step(r);
		if (child && !child_status && waitpid(child, &child_status, WNOHANG) == child)
			child_status |= 0x10000; /* reaped */
		/* with --all the tree is not followed: CMD's exit ends the run */
		if (child && (child_status & 0x10000) &&
		    (!po.follow_only || sk_probe_followed_empty(r->probe)))
			break;
		if (r->o.duration && clock_ns(CLOCK_MONOTONIC) - start >= r->o.duration * 1e9)
			break;
		if (!r->failed && (limit = sk_output_check(r->out, &r->err)) != 0) {
			r->failed = limit < 0;
			break;
		}
		if (live)
			status_line(r, &last_ns, &last_events);
	}
	if (live)
		fputc('\n', stderr);
	/* final drain: everything still in the kernel buffer and the window */
	sk_probe_consume(r->probe);
	note_drops(r, clock_ns(CLOCK_BOOTTIME));
	sweep_blocked(r);
	flush(r, UINT64_MAX);
	if (!r->failed && sk_writer_seal(r->w, &r->err))
		r->failed = 1;
	sk_output_stats(r->out, &st);
	if (r->failed || r->oom) {
		fprintf(stderr, "saker-record: stopped: %s; sealed chunks of %s are readable\n",
			r->oom ? "out of memory" : r->err.msg, sk_output_path(r->out));
		sk_output_abandon(r->out);
		return 1;
	}
	if (sk_output_close(r->out, &r->err)) {
		fprintf(stderr, "saker-record: %s\n", r->err.msg);
		return 1;
	}
	if (!r->o.quiet)
		fprintf(stderr, "saker-record: %llu records, %.1f MB to %s%s\n",
			(unsigned long long)st.events, st.bytes_written / 1048576.0, r->o.path,
			limit > 0 ? " (size limit reached)" : "");
	if (r->drops_total)
		fprintf(stderr,
			"saker-record: warning: %llu events dropped (kernel buffer full; try a "
			"larger --buffer-mb); DROP records mark where\n",
			(unsigned long long)r->drops_total);
	if (r->malformed)
		fprintf(stderr, "saker-record: warning: %llu malformed probe records skipped\n",
			(unsigned long long)r->malformed);
	if (child) {
		if (!(child_status & 0x10000) && waitpid(child, &child_status, 0) != child)
			return 1;
		return exit_status(child_status & 0xffff);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_signal};
	struct rec r;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = parse_args(argc, argv, &r.o);
	if (rc >= 0)
		return rc;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	r.enc.boot_time_ns = (int64_t)clock_ns(CLOCK_REALTIME) - (int64_t)clock_ns(CLOCK_BOOTTIME);
	r.enc.cgroups = sk_cgroups_new(access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0
					   ? "/sys/fs/cgroup"
					   : "/sys/fs/cgroup/unified");
	r.q = sk_reorder_new();
	if (!r.q) {
		fprintf(stderr, "saker-record: out of memory\n");
		return 1;
	}
	rc = record(&r, argc, argv);
	sk_probe_close(r.probe);
	sk_reorder_free(r.q);
	sk_cgroups_free(r.enc.cgroups);
	free(r.drops_seen);
	free(r.drops_now);
	return rc;
}
