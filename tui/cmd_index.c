/* cmd_index.c - `saker index FILE [-r RULES...] [--db CASE.db] [--force]`:
 * builds or refreshes the case database of a capture, showing progress on
 * stderr when it is a terminal. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "replay/commands.h"
#include "tui/cmdargs.h"
#include "tui/index.h"

struct progress {
	struct timespec start, last;
};

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(void *arg, uint64_t done, uint64_t total)
{
	struct progress *pr = arg;
	struct timespec now;
	double el, rate;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done < total && since(&pr->last, &now) < 0.2)
		return;
	pr->last = now;
	el = since(&pr->start, &now);
	rate = el > 0 ? (double)done / el : 0;
	fprintf(stderr, "\rindexing: %llu/%llu events (%3.0f%%), %.0f events/s, ETA %.0fs   ",
		(unsigned long long)done, (unsigned long long)total,
		total ? 100.0 * (double)done / (double)total : 100.0, rate,
		rate > 0 && total > done ? (double)(total - done) / rate : 0.0);
	if (done >= total)
		fputc('\n', stderr);
}

static void usage(FILE *out)
{
	fprintf(out, "usage: saker index FILE [-r RULES]... [--db CASE.db] [--force]\n"
		     "  writes a SQLite case database of FILE (default FILE.saker.db):\n"
		     "  processes, files, connections, containers, alerts; see tui/schema.sql\n");
}

int sk_cmd_index(int argc, char **argv)
{
	struct tui_args args;
	struct sk_index_opts o = {0};
	struct sk_index_result res;
	struct progress pr;
	char err[1024];
	int rc = tui_args_parse(argc, argv, &args, 1, usage);

	if (rc >= 0)
		return rc;
	o.capture = args.capture;
	o.db_path = args.db;
	o.rules = args.rules;
	o.nrules = args.nrules;
	o.force = args.force;
	if (isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &pr.start);
		pr.last = pr.start;
		o.progress = show_progress;
		o.progress_arg = &pr;
	}
	if (sk_index_run(&o, &res, err, sizeof(err)) < 0) {
		fprintf(stderr, "saker index: %s\n", err);
		return SK_EXIT_BAD_INPUT;
	}
	printf("%s: %s capture %lld: %llu events, %llu processes, %llu alerts\n", res.db_path,
	       res.reused ? "already holds" : "indexed", (long long)res.capture_id,
	       (unsigned long long)res.nevents, (unsigned long long)res.nprocesses,
	       (unsigned long long)res.nalerts);
	return SK_EXIT_OK;
}
