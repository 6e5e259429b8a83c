/* evfmt.h - event text for the browser: the one-line summary of the Events
 * view and the per-parameter values of the detail pane.
 *
 * Values are rendered from the record alone (the browser reads records
 * lazily, without replaying state), escaped by esc.h, in UTC.
 */
#ifndef SAKER_TUI_EVFMT_H
#define SAKER_TUI_EVFMT_H

#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

/* "2026-11-27 20:41:02.123456789" (full) or "20:41:02.123456789". */
void evfmt_time(int64_t wall_ns, int full, char *out, size_t len);

/* Names fds for evfmt_args ("3" becomes "3(/etc/shadow)"): returns the raw
 * name of fd of the event's process at that event, or NULL. */
struct evfmt_fdnamer {
	const char *(*name)(void *arg, const struct sk_event *ev, int64_t fd);
	void *arg;
};

/* Escaped value of parameter i, at most cols columns (cols < 0: no limit);
 * an fd is named through namer when it is not NULL. */
void evfmt_param(const struct sk_event *ev, int i, const struct evfmt_fdnamer *namer, char *out,
		 size_t len, int cols);

/* The arguments as name=value, at most cols columns; fds are named through
 * namer when it is not NULL. */
void evfmt_args(const struct sk_event *ev, const struct evfmt_fdnamer *namer, char *out, size_t len,
		int cols);

/* The event's name with its direction: "> read", "< openat", "procexec". */
const char *evfmt_name(const struct sk_event *ev, char *buf, size_t len);

/* The fd the event works on (its "fd" parameter), or -1. */
int64_t evfmt_fd(const struct sk_event *ev);

/* Whether a record moves data on its fd: 0 read-like (read, recvfrom...),
 * 1 write-like (write, sendto...), -1 neither. */
int evfmt_io_dir(uint16_t type);

/* The payload (first BYTES parameter) of an event, or NULL. */
const uint8_t *evfmt_payload(const struct sk_event *ev, uint32_t *len);

#endif
