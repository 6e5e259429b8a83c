/* reorder.c - the reorder window (see reorder.h).
 *
 * Records arrive almost sorted (only records of different CPUs committed in
 * the other order are swapped), so each is inserted by walking back from
 * the tail, which costs next to nothing. Their bytes live in 1 MiB blocks
 * that are freed once every record in them has left, instead of one
 * allocation per record.
 */
#include <stdlib.h>
#include <string.h>

#include "capture/reorder.h"

#define BLOCK_BYTES (1u << 20)

struct block {
	size_t used, live;
	_Alignas(8) uint8_t data[];
};

struct item {
	uint64_t ts;
	struct block *b;
	void *rec;
	size_t size;
};

struct sk_reorder {
	struct item *v;
	size_t head, n, cap; /* live items are v[head .. n) */
	size_t bytes;
	struct block *cur;
};

struct sk_reorder *sk_reorder_new(void)
{
	return calloc(1, sizeof(struct sk_reorder));
}

static void release(struct sk_reorder *q, struct block *b)
{
	if (--b->live == 0 && b != q->cur)
		free(b);
}

void sk_reorder_free(struct sk_reorder *q)
{
	if (!q)
		return;
	for (size_t i = q->head; i < q->n; i++)
		release(q, q->v[i].b);
	free(q->cur);
	free(q->v);
	free(q);
}

static void *alloc_bytes(struct sk_reorder *q, size_t size, struct block **owner)
{
	struct block *b = q->cur;
	void *ptr;

	if (b && b->live == 0)
		b->used = 0; /* every record in it has left: reuse it */
	if (!b || b->used + size > BLOCK_BYTES) {
		size_t cap = size > BLOCK_BYTES ? size : BLOCK_BYTES;

		if (b && b->live == 0)
			free(b);
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->used = b->live = 0;
		q->cur = b;
	}
	b->live++;
	*owner = b;
	ptr = b->data + b->used;
	b->used += (size + 7) & ~(size_t)7; /* records are read as 8-aligned structs */
	return ptr;
}

int sk_reorder_push(struct sk_reorder *q, uint64_t ts, const void *rec, size_t size)
{
	struct item it = {.ts = ts, .size = size};
	size_t i;

	if (q->head > 0 && q->n == q->cap) {
		memmove(q->v, q->v + q->head, (q->n - q->head) * sizeof(*q->v));
		q->n -= q->head;
		q->head = 0;
	}
	if (q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 4096;
		struct item *v = realloc(q->v, cap * sizeof(*v));

		if (!v)
			return -1;
		q->v = v;
		q->cap = cap;
	}
	it.rec = alloc_bytes(q, size, &it.b);
	if (!it.rec)
		return -1;
	memcpy(it.rec, rec, size);
	/* stable: an equal timestamp stays after the earlier arrival */
	for (i = q->n; i > q->head && q->v[i - 1].ts > ts; i--)
		q->v[i] = q->v[i - 1];
	q->v[i] = it;
	q->n++;
	q->bytes += size;
	return 0;
}

int sk_reorder_flush(struct sk_reorder *q, uint64_t upto, sk_reorder_fn fn, void *ctx)
{
	int rc = 0;

	while (q->head < q->n && q->v[q->head].ts <= upto) {
		struct item *it = &q->v[q->head++];

		rc = fn(ctx, it->rec, it->size);
		q->bytes -= it->size;
		release(q, it->b);
		if (rc)
			break;
	}
	if (q->head == q->n)
		q->head = q->n = 0;
	return rc;
}

size_t sk_reorder_bytes(const struct sk_reorder *q)
{
	return q->bytes;
}
