/* replay.h - the replay API: open a capture, walk its records in order with
 * the state engine applied, and look at each event through its context.
 *
 * Usage:
 *	struct sk_replay *rp = sk_replay_open(path, &err);
 *	struct sk_evctx *ctx;
 *	while ((rc = sk_replay_next(rp, &ctx, &err)) > 0)
 *		... sk_field_extract(&ref, ctx, vals, n) ...
 *	if (rc < 0) report err.msg;
 *	sk_replay_close(rp);
 *
 * Contract:
 *  - The context and everything reachable from it stay valid until the next
 *    sk_replay_next/seek/close on the same replay.
 *  - A corrupt chunk ends the walk with -1 and a message naming the file and
 *    offset; records before it were delivered normally.
 *  - Seeking (sk_replay_seek_num / _time) finds the target through the
 *    chunk index, then by default rebuilds the exact state there by applying
 *    every earlier record with the state engine (no field extraction, ~6 M
 *    records/s). With sk_replay_set_fast_seek it replays only the initial
 *    snapshot and jumps: processes started between the capture start and
 *    the target are then unknown (<NA>) until they exec, and so are fds
 *    opened in that gap. A corrupt chunk before the target fails an exact
 *    seek (as a walk from the start would); a fast seek jumps over it.
 */
#ifndef SAKER_REPLAY_REPLAY_H
#define SAKER_REPLAY_REPLAY_H

#include "format/capture.h"
#include "replay/fields.h"
#include "replay/state.h"

struct sk_replay;

struct sk_replay *sk_replay_open(const char *path, struct sk_error *err);
void sk_replay_close(struct sk_replay *rp);

/* Returns 1 with *ctx set, 0 at the end, -1 on a corrupt chunk. */
int sk_replay_next(struct sk_replay *rp, struct sk_evctx **ctx, struct sk_error *err);

/* Positions so the next event is record num (or the first after it), or the
 * first record at or after wall-clock time wall_ns (ns since the epoch).
 * Return 0, or -1 past the end / on error. */
int sk_replay_seek_num(struct sk_replay *rp, uint64_t num, struct sk_error *err);
int sk_replay_seek_time(struct sk_replay *rp, uint64_t wall_ns, struct sk_error *err);

/* Makes later seeks replay the snapshot only (on) or every earlier record
 * (off, the default). */
void sk_replay_set_fast_seek(struct sk_replay *rp, int on);

/* The file header: hostname, start time, recorder... */
const struct sk_file_info *sk_replay_info(const struct sk_replay *rp);
const struct sk_capture_summary *sk_replay_summary(const struct sk_replay *rp);

/* Converts a record timestamp (CLOCK_BOOTTIME) to ns since the epoch. */
uint64_t sk_replay_wall_ns(const struct sk_replay *rp, uint64_t ts);

struct sk_state *sk_replay_state(struct sk_replay *rp);

#endif
