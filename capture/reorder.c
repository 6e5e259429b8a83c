/* reorder.c - the reorder window (see reorder.h). Records are kept in
 * arrival order and sorted when flushed; sorting a few thousand mostly
 * sorted entries per poll is cheap next to writing them. */
#include <stdlib.h>
#include <string.h>

#include "capture/reorder.h"

struct item {
	uint64_t ts;
	uint64_t seq;
	void *rec;
	size_t size;
};

struct sk_reorder {
	struct item *v;
	size_t n, cap;
	size_t bytes;
	uint64_t seq;
};

struct sk_reorder *sk_reorder_new(void)
{
	return calloc(1, sizeof(struct sk_reorder));
}

void sk_reorder_free(struct sk_reorder *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		free(q->v[i].rec);
	free(q->v);
	free(q);
}

int sk_reorder_push(struct sk_reorder *q, uint64_t ts, const void *rec, size_t size)
{
	void *copy;

	if (q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 4096;
		struct item *v = realloc(q->v, cap * sizeof(*v));

		if (!v)
			return -1;
		q->v = v;
		q->cap = cap;
	}
	copy = malloc(size);
	if (!copy)
		return -1;
	memcpy(copy, rec, size);
	q->v[q->n++] = (struct item){.ts = ts, .seq = q->seq++, .rec = copy, .size = size};
	q->bytes += size;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int sorted(const struct sk_reorder *q)
{
	for (size_t i = 1; i < q->n; i++)
		if (cmp(&q->v[i - 1], &q->v[i]) > 0)
			return 0;
	return 1;
}

int sk_reorder_flush(struct sk_reorder *q, uint64_t upto, sk_reorder_fn fn, void *ctx)
{
	size_t i = 0;
	int rc = 0;

	if (!sorted(q))
		qsort(q->v, q->n, sizeof(*q->v), cmp);
	while (i < q->n && q->v[i].ts <= upto) {
		rc = fn(ctx, q->v[i].rec, q->v[i].size);
		q->bytes -= q->v[i].size;
		free(q->v[i].rec);
		i++;
		if (rc)
			break;
	}
	memmove(q->v, q->v + i, (q->n - i) * sizeof(*q->v));
	q->n -= i;
	return rc;
}

size_t sk_reorder_bytes(const struct sk_reorder *q)
{
	return q->bytes;
}
