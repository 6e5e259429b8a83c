/* evscan.h - a filtered list of event numbers, built incrementally.
 *
 * The browser's drill-downs (a process's events, an fd's stream, a filter)
 * are lists of the records a predicate accepts. A scan reads the capture
 * with its own reader in slices (evscan_step with a budget), so the screen
 * stays responsive and fills as matches are found. A predicate that needs
 * replay state (a filter on proc.* or fd.* fields) makes the scan replay
 * from the first record, since state depends on everything before.
 */
#ifndef SAKER_TUI_EVSCAN_H
#define SAKER_TUI_EVSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

struct sk_evctx;

struct evscan_pred {
	/* Returns 1 to keep the event, 0 to skip it, -1 to end the scan after
	 * it (e.g. the followed fd was closed). ctx is NULL unless need_state. */
	int (*match)(void *arg, const struct sk_event *ev, struct sk_evctx *ctx);
	void *arg;
	int need_state;
};

struct evscan;

/* Scans records from..to (inclusive; to = 0: to the end). */
struct evscan *evscan_new(const char *path, uint64_t from, uint64_t to,
			  const struct evscan_pred *pred, struct sk_error *err);
void evscan_free(struct evscan *s);

/* Reads up to budget more records. Returns 1 while records remain, 0 when
 * done, -1 on a read error (evscan_error says which). */
int evscan_step(struct evscan *s, unsigned budget);
int evscan_done(const struct evscan *s);
const char *evscan_error(const struct evscan *s);

size_t evscan_count(const struct evscan *s);
uint64_t evscan_at(const struct evscan *s, size_t i);
uint64_t evscan_next(const struct evscan *s); /* number of the next record to read */

/* Index of the first match with number >= num (evscan_count if none yet). */
size_t evscan_find(const struct evscan *s, uint64_t num);

#endif
