/* index_track.h - turns the replayed event stream into case database rows
 * (processes, files, connections, containers, alerts) for `saker index`.
 *
 * The tracker sees each event after the state engine applied it and keeps
 * only what live processes need: a process's rows are written when it exits
 * (or, for a connection, when its socket closes), so memory follows live
 * state, not capture length. Everything still alive is written by
 * ix_tracker_finish.
 */
#ifndef SAKER_TUI_INDEX_TRACK_H
#define SAKER_TUI_INDEX_TRACK_H

#include <stdint.h>

#include "replay/state.h"
#include "tui/casedb.h"

struct ix_tracker;

struct ix_tracker *ix_tracker_new(struct sk_casedb *db, struct sk_state *st);
void ix_tracker_free(struct ix_tracker *t);

/* Accounts one event (ctx as filled by sk_state_apply). Returns 0, or -1 on
 * a database or memory error (message in the casedb handle). */
int ix_tracker_event(struct ix_tracker *t, const struct sk_evctx *ctx);

/* Records an alert raised on the event ctx describes. */
int ix_tracker_alert(struct ix_tracker *t, const struct sk_evctx *ctx, const char *rule,
		     const char *priority, int priority_num, const char *output,
		     const char *fields_json);

/* Writes the rows of everything still alive at the end of the capture. */
int ix_tracker_finish(struct ix_tracker *t);

#endif
