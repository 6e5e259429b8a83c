/* reorder.h - puts records from all CPUs back into timestamp order.
 *
 * The ring buffer delivers records in the order the probe committed them,
 * which can differ from timestamp order by the few microseconds between
 * taking the timestamp and committing. Records wait here until they are
 * older than a window behind the newest time the caller has seen, then leave
 * sorted by (timestamp, arrival).
 */
#ifndef SAKER_CAPTURE_REORDER_H
#define SAKER_CAPTURE_REORDER_H

#include <stddef.h>
#include <stdint.h>

struct sk_reorder;

typedef int (*sk_reorder_fn)(void *ctx, const void *rec, size_t size);

struct sk_reorder *sk_reorder_new(void);
void sk_reorder_free(struct sk_reorder *q);

/* Copies a record in; returns 0 or -1 when out of memory. */
int sk_reorder_push(struct sk_reorder *q, uint64_t ts, const void *rec, size_t size);

/* Hands every record with ts <= upto to fn in order; stops at the first
 * non-zero return of fn and returns it. upto = UINT64_MAX flushes all. */
int sk_reorder_flush(struct sk_reorder *q, uint64_t upto, sk_reorder_fn fn, void *ctx);

/* Bytes held. */
size_t sk_reorder_bytes(const struct sk_reorder *q);

#endif
