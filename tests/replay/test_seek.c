/* test_seek.c - seeking by record number and by time: the exact state by
 * default (every earlier record applied), the snapshot-only state with fast
 * seeks, and seeks past the end, also in a capture without records.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "replay/replay.h"
#include "tests/replay/synth.h"

#define AT_FDCWD (-100)
#define START	 1763999990000000000ll
#define NREADS	 3000 /* enough 4 KiB chunks that the target is far from the start */

static struct procfacts facts(const char *comm, int64_t pid, int64_t ppid)
{
	struct procfacts f = {0};
	f.exe = f.comm = comm;
	f.exepath = "/usr/bin/x";
	f.cwd = "/";
	f.ppid = ppid;
	f.sid = f.pgid = f.vpid = pid;
	f.start = START;
	return f;
}

/* Writes the capture; returns the number of the target record, a read by a
 * process born after the snapshot, on a file it opened before. */
static uint64_t write_capture(struct synth *s)
{
	synth_open(s, "seek", "hostS");
	struct procfacts init = facts("systemd", 1, 0);
	synth_proc(s, SK_E_SNAP_PROC, 1, 1, &init);
	EMIT(s, SK_E_SNAP_END, 0, 0, NUM(1), NUM(0));
	EMIT(s, SK_E_PROC_FORK, 1, 1, NUM(200), NUM(200), NUM(17), STR("systemd"), NUM(START));
	struct procfacts bash = facts("bash", 200, 1);
	synth_proc(s, SK_E_PROC_EXEC, 200, 200, &bash);
	EMIT(s, SK_E_OPENAT, 200, 200, NUM(3), NUM(AT_FDCWD), STR("/etc/hosts"), NUM(0), NUM(0),
	     NUM(0), NUM(0));
	uint64_t target = 0;
	for (int i = 0; i < NREADS; i++)
		target = EMIT(s, SK_E_READ_X, 200, 200, NUM(1), STR("x"), NUM(3), NUM(1));
	EMIT(s, SK_E_CLOSE, 200, 200, NUM(0), NUM(3));
	synth_close(s);
	return target;
}

static void field(struct sk_evctx *ctx, const char *name, char *out, size_t len)
{
	synth_field(ctx, name, out, len);
}

/* Seeks with the given mode (by time when by_time) and checks the facts of
 * the first event after the seek. */
static void check_seek(const char *path, uint64_t target, int fast, int by_time)
{
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(path, &err);
	CHECK(rp != NULL);
	if (!rp)
		return;
	sk_replay_set_fast_seek(rp, fast);
	uint64_t wall = sk_replay_wall_ns(rp, sk_replay_info(rp)->start_boot_ns + 1000 * target);
	int rc =
	    by_time ? sk_replay_seek_time(rp, wall, &err) : sk_replay_seek_num(rp, target, &err);
	CHECK(rc == 0);
	struct sk_evctx *ctx;
	CHECK(sk_replay_next(rp, &ctx, &err) == 1);
	char num[64], name[64], fd[64], pname[64];
	field(ctx, "evt.num", num, sizeof(num));
	field(ctx, "proc.name", name, sizeof(name));
	field(ctx, "fd.name", fd, sizeof(fd));
	field(ctx, "proc.pname", pname, sizeof(pname));
	char want[32];
	snprintf(want, sizeof(want), "%llu", (unsigned long long)target);
	CHECK(!strcmp(num, want));
	if (fast) { /* only the snapshot is known */
		CHECK(!strcmp(name, "<NA>"));
		CHECK(!strcmp(fd, "<NA>"));
	} else {
		CHECK(!strcmp(name, "bash"));
		CHECK(!strcmp(fd, "/etc/hosts"));
		CHECK(!strcmp(pname, "systemd"));
	}
	/* the walk goes on from there to the end */
	uint64_t n = 1;
	while (sk_replay_next(rp, &ctx, &err) == 1)
		n++;
	CHECK(n == 2);
	sk_replay_close(rp);
}

static void check_past_end(const char *path, uint64_t nrecords)
{
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(path, &err);
	CHECK(rp != NULL);
	if (!rp)
		return;
	char want[64];
	snprintf(want, sizeof(want), "record %llu is past the end",
		 (unsigned long long)nrecords + 1);
	CHECK(sk_replay_seek_num(rp, nrecords + 1, &err) < 0 && strstr(err.msg, want));
	/* by time: the message is about the time asked for, never record 1 */
	uint64_t start = (uint64_t)sk_replay_info(rp)->start_wall_ns;
	CHECK(sk_replay_seek_time(rp, start + 1000 * (nrecords + 5), &err) < 0 &&
	      strstr(err.msg, "no record at or after") && !strstr(err.msg, "record 1 "));
	if (nrecords) {
		struct sk_evctx *ctx;
		CHECK(sk_replay_seek_num(rp, 1, &err) == 0 && sk_replay_next(rp, &ctx, &err) == 1);
	} else {
		CHECK(sk_replay_seek_time(rp, 0, &err) < 0 && !strstr(err.msg, "record 1 "));
	}
	sk_replay_close(rp);
}

int main(void)
{
	struct synth s;
	uint64_t target = write_capture(&s);
	for (int fast = 0; fast < 2; fast++)
		for (int by_time = 0; by_time < 2; by_time++)
			check_seek(s.path, target, fast, by_time);
	check_past_end(s.path, target + 1);
	unlink(s.path);

	synth_open(&s, "seek-empty", "hostE");
	synth_close(&s);
	check_past_end(s.path, 0);
	unlink(s.path);
	if (synth_failures) {
		fprintf(stderr, "%d failure(s)\n", synth_failures);
		return 1;
	}
	printf("ok\n");
	return 0;
}
