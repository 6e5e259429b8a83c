/* bench_format.c - write and read throughput of the capture format on
 * synthetic syscall-shaped records (paths, small payloads, 0.1-3 us ts
 * deltas, 64 threads on 8 CPUs; see tests/format/synth.c).
 *
 * A pool of records is generated first so the timings measure the format,
 * not the generator. Write = begin/int/uint/bytes/end with zstd and the
 * file write; read = open + sk_reader_next over every record (framing into
 * struct sk_event, parameters left encoded). Times are CPU time of this
 * single-threaded process.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/format/synth.h"

#define POOL	  65536
#define MAXP	  8
#define ARENA_CAP (POOL * 512)

struct bev {
	uint16_t type, cpu;
	uint32_t tid, pid, flags, np;
	uint64_t ts;
	struct synth_param p[MAXP];
};

static struct bev pool[POOL];
static uint8_t arena[ARENA_CAP];

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void make_pool(void)
{
	static struct synth_ev ev;
	struct synth s;
	size_t used = 0;
	synth_init(&s, 42, 1);
	for (int i = 0; i < POOL; i++) {
		synth_next(&s, &ev);
		struct bev *b = &pool[i];
		b->type = ev.type;
		b->cpu = ev.cpu;
		b->tid = ev.tid;
		b->pid = ev.pid;
		b->flags = ev.flags;
		b->ts = ev.ts;
		b->np = ev.nparams < MAXP ? ev.nparams : MAXP;
		for (uint32_t k = 0; k < b->np; k++) {
			b->p[k] = ev.params[k];
			if (ev.params[k].kind == SYN_BYTES &&
			    used + ev.params[k].len <= ARENA_CAP) {
				memcpy(arena + used, ev.params[k].ptr, ev.params[k].len);
				b->p[k].ptr = arena + used;
				used += ev.params[k].len;
			}
		}
	}
}

static int write_file(const char *path, uint64_t n, int level, struct sk_writer_stats *st)
{
	struct sk_file_info fi;
	struct sk_error err;
	struct sk_writer_opts opts = {.zstd_level = level};
	synth_file_info(&fi);
	struct sk_writer *w = sk_writer_open(path, &fi, &opts, &err);
	if (!w) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	static struct synth_ev cur; /* identity fields only; parameters come from the pool */
	uint64_t span = pool[POOL - 1].ts - pool[0].ts + 1000;
	for (uint64_t i = 0; i < n; i++) {
		const struct bev *b = &pool[i % POOL];
		cur.type = b->type;
		cur.ts = b->ts + (i / POOL) * span;
		cur.tid = b->tid;
		cur.pid = b->pid;
		cur.cpu = b->cpu;
		cur.flags = b->flags;
		if (synth_emit(w, &cur, b->p, b->np, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			sk_writer_abandon(w);
			return -1;
		}
	}
	sk_writer_stats(w, st);
	if (sk_writer_close(w, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int64_t read_file(const char *path)
{
	struct sk_error err;
	struct sk_event ev;
	int64_t n = 0;
	int rc;
	struct sk_reader *r = sk_reader_open(path, &err);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	while ((rc = sk_reader_next(r, &ev, &err)) == 1)
		n++;
	if (rc < 0)
		fprintf(stderr, "%s\n", err.msg);
	sk_reader_close(r);
	return rc < 0 ? -1 : n;
}

int main(int argc, char **argv)
{
	uint64_t n = 5000000;
	int level = 3, opt;
	const char *path = "/tmp/saker-bench-format.cap";
	while ((opt = getopt(argc, argv, "n:l:o:")) != -1) {
		if (opt == 'n')
			n = strtoull(optarg, NULL, 10);
		else if (opt == 'l')
			level = atoi(optarg);
		else if (opt == 'o')
			path = optarg;
		else {
			fprintf(stderr,
				"usage: bench_format [-n EVENTS] [-l ZSTD_LEVEL] [-o FILE]\n");
			return 2;
		}
	}
	struct sk_writer_stats st;
	make_pool();
	double t0 = cpu_now();
	if (write_file(path, n, level, &st) < 0)
		return 1;
	double t1 = cpu_now();
	int64_t got = read_file(path);
	double t2 = cpu_now();
	unlink(path);
	if (got != (int64_t)n) {
		fprintf(stderr, "read %" PRId64 " of %" PRIu64 " events\n", got, n);
		return 1;
	}
	double w = t1 - t0, r = t2 - t1;
	printf("zstd level       %d\n", level);
	printf("events           %" PRIu64 " in %" PRIu64 " chunks\n", n, st.chunks);
	printf("bytes per event  %.2f on disk, %.2f encoded (ratio %.2f)\n",
	       (double)st.bytes_written / (double)n, (double)st.bytes_raw / (double)n,
	       (double)st.bytes_raw / (double)st.bytes_written);
	printf("write            %.2f M events/s, %.1f MB/s encoded, %.1f MB/s to disk (%.2f s "
	       "cpu)\n",
	       (double)n / w / 1e6, (double)st.bytes_raw / w / 1e6,
	       (double)st.bytes_written / w / 1e6, w);
	printf("read+decode      %.2f M events/s, %.1f MB/s encoded, %.1f MB/s from disk (%.2f s "
	       "cpu)\n",
	       (double)n / r / 1e6, (double)st.bytes_raw / r / 1e6,
	       (double)st.bytes_written / r / 1e6, r);
	printf("targets          write >= 2 M/s: %s, read >= 5 M/s: %s\n",
	       (double)n / w >= 2e6 ? "met" : "MISSED", (double)n / r >= 5e6 ? "met" : "MISSED");
	return 0;
}
