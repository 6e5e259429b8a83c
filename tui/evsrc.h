/* evsrc.h - random access to a capture's records for the browser.
 *
 * Records are read lazily through the capture's chunk index
 * (sk_reader_seek_num) and kept decoded in a small direct-mapped cache, so
 * drawing a screen anywhere in a capture of millions of events touches one
 * or two chunks, and scrolling reads sequentially.
 */
#ifndef SAKER_TUI_EVSRC_H
#define SAKER_TUI_EVSRC_H

#include <stdint.h>

#include "format/capture.h"

#define EVSRC_CACHE 512 /* records kept decoded */

struct evsrc;

struct evsrc *evsrc_open(const char *path, struct sk_error *err);
void evsrc_close(struct evsrc *s);

uint64_t evsrc_first(const struct evsrc *s); /* number of the first record */
uint64_t evsrc_last(const struct evsrc *s);  /* number of the last record */

/* The record numbered num. The result stays valid until EVSRC_CACHE other
 * records have been fetched. NULL when the record cannot be read (a corrupt
 * chunk): the message is then in evsrc_error. */
const struct sk_event *evsrc_get(struct evsrc *s, uint64_t num);
const char *evsrc_error(const struct evsrc *s);

/* Number of the first record with ts >= ts (CLOCK_BOOTTIME ns), or 0. */
uint64_t evsrc_find_ts(struct evsrc *s, uint64_t ts);

#endif
