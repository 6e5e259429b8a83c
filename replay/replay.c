/* replay.c - drives the reader and the state engine together (replay.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/replay.h"

struct sk_replay {
	struct sk_reader *reader;
	struct sk_state *state;
	struct sk_event ev;
	struct sk_evctx ctx;
	int pending;   /* ev holds a record read ahead by a seek */
	int fast_seek; /* seeks replay the snapshot only (sk_replay_set_fast_seek) */
};

struct sk_replay *sk_replay_open(const char *path, struct sk_error *err)
{
	struct sk_reader *r = sk_reader_open(path, err);
	if (!r)
		return NULL;
	struct sk_replay *rp = calloc(1, sizeof(*rp));
	if (!rp) {
		sk_reader_close(r);
		snprintf(err->msg, sizeof(err->msg), "%s: out of memory", path);
		return NULL;
	}
	rp->reader = r;
	rp->state = sk_state_new(sk_reader_info(r));
	return rp;
}

void sk_replay_close(struct sk_replay *rp)
{
	if (!rp)
		return;
	sk_state_free(rp->state);
	sk_reader_close(rp->reader);
	free(rp);
}

int sk_replay_next(struct sk_replay *rp, struct sk_evctx **ctx, struct sk_error *err)
{
	if (rp->pending) {
		rp->pending = 0;
	} else {
		int rc = sk_reader_next(rp->reader, &rp->ev, err);
		if (rc <= 0)
			return rc;
	}
	sk_state_apply(rp->state, &rp->ev, &rp->ctx);
	*ctx = &rp->ctx;
	return 1;
}

static void reset_state(struct sk_replay *rp)
{
	sk_state_free(rp->state);
	rp->state = sk_state_new(sk_reader_info(rp->reader));
	rp->pending = 0;
}

/* Back to the first record with a fresh state (a capture without records
 * has nothing to rewind). */
static int rewind_replay(struct sk_replay *rp, struct sk_error *err)
{
	reset_state(rp);
	if (!sk_reader_summary(rp->reader)->nevents)
		return 0;
	return sk_reader_seek_num(rp->reader, 1, err);
}

/* Applies the leading snapshot records, stopping at the first other one. */
static int replay_snapshot(struct sk_replay *rp, struct sk_error *err)
{
	if (rewind_replay(rp, err) < 0)
		return -1;
	for (;;) {
		int rc = sk_reader_next(rp->reader, &rp->ev, err);
		if (rc <= 0)
			return rc;
		const struct sk_event_info *info = sk_event_info(rp->ev.type);
		if (!info || info->category != SK_CAT_SNAPSHOT)
			return 0;
		sk_state_apply(rp->state, &rp->ev, &rp->ctx);
	}
}

/* Applies every record before number num; record num is left pending. */
static int fast_forward(struct sk_replay *rp, uint64_t num, struct sk_error *err)
{
	if (rewind_replay(rp, err) < 0)
		return -1;
	for (;;) {
		int rc = sk_reader_next(rp->reader, &rp->ev, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			snprintf(err->msg, sizeof(err->msg), "record %llu is past the end",
				 (unsigned long long)num);
			return -1;
		}
		if (rp->ev.num >= num) {
			rp->pending = 1;
			return 0;
		}
		sk_state_apply(rp->state, &rp->ev, &rp->ctx);
	}
}

/* Positions on record num, known to exist, with the state for it. */
static int seek_to(struct sk_replay *rp, uint64_t num, struct sk_error *err)
{
	if (!rp->fast_seek)
		return fast_forward(rp, num, err);
	if (replay_snapshot(rp, err) < 0)
		return -1;
	return sk_reader_seek_num(rp->reader, num, err);
}

void sk_replay_set_fast_seek(struct sk_replay *rp, int on)
{
	rp->fast_seek = on;
}

int sk_replay_seek_num(struct sk_replay *rp, uint64_t num, struct sk_error *err)
{
	if (sk_reader_seek_num(rp->reader, num, err) < 0) /* past the end? */
		return -1;
	return seek_to(rp, num, err);
}

int sk_replay_seek_time(struct sk_replay *rp, uint64_t wall_ns, struct sk_error *err)
{
	const struct sk_file_info *fi = sk_reader_info(rp->reader);
	int64_t off = fi->start_wall_ns - (int64_t)fi->start_boot_ns;
	int64_t ts = (int64_t)wall_ns - off;
	rp->pending = 0;
	if (sk_reader_seek_ts(rp->reader, ts > 0 ? (uint64_t)ts : 0, err) < 0)
		return -1;
	int rc = sk_reader_next(rp->reader, &rp->ev, err);
	if (rc == 0)
		snprintf(err->msg, sizeof(err->msg), "no record at or after the time");
	return rc <= 0 ? -1 : seek_to(rp, rp->ev.num, err);
}

const struct sk_file_info *sk_replay_info(const struct sk_replay *rp)
{
	return sk_reader_info(rp->reader);
}

const struct sk_capture_summary *sk_replay_summary(const struct sk_replay *rp)
{
	return sk_reader_summary(rp->reader);
}

uint64_t sk_replay_wall_ns(const struct sk_replay *rp, uint64_t ts)
{
	const struct sk_file_info *fi = sk_reader_info(rp->reader);
	return (uint64_t)((int64_t)ts + fi->start_wall_ns - (int64_t)fi->start_boot_ns);
}

struct sk_state *sk_replay_state(struct sk_replay *rp)
{
	return rp->state;
}
