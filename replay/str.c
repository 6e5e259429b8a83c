/* str.c - shared immutable strings and the per-event scratch arena.
 *
 * Process facts (args, env, cwd...) are copied once per exec and then shared
 * by every forked child, so fork costs a few reference increments, not a
 * copy of the environment.
 */
#include <stdlib.h>
#include <string.h>

#include "replay/state.h"

struct sk_str *sk_str_new(const void *p, size_t len)
{
	struct sk_str *s = malloc(sizeof(*s) + len + 1);
	if (!s)
		abort();
	s->refs = 1;
	s->len = (uint32_t)len;
	if (len)
		memcpy(s->data, p, len);
	s->data[len] = 0;
	return s;
}

struct sk_str *sk_str_ref(struct sk_str *s)
{
	if (s)
		s->refs++;
	return s;
}

void sk_str_unref(struct sk_str *s)
{
	if (s && --s->refs == 0)
		free(s);
}

/* The arena is a list of blocks; reset keeps the first one. */
struct sk_block {
	struct sk_block *next;
	size_t cap, used;
	char data[];
};

struct sk_arena {
	struct sk_block *head;
};

static struct sk_block *block_new(size_t cap)
{
	struct sk_block *b = malloc(sizeof(*b) + cap);
	if (!b)
		abort();
	b->next = NULL;
	b->cap = cap;
	b->used = 0;
	return b;
}

struct sk_arena *sk_arena_new(void)
{
	struct sk_arena *a = malloc(sizeof(*a));
	if (!a)
		abort();
	a->head = block_new(64 << 10);
	return a;
}

static void free_after(struct sk_block *b)
{
	struct sk_block *n = b->next;
	while (n) {
		struct sk_block *next = n->next;
		free(n);
		n = next;
	}
	b->next = NULL;
}

void sk_arena_reset(struct sk_arena *a)
{
	/* The first block is the oldest: walk to it, keep it, free the rest. */
	struct sk_block *b = a->head;
	while (b->next)
		b = b->next;
	struct sk_block *first = b;
	b = a->head;
	while (b != first) {
		struct sk_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = first;
	first->used = 0;
}

void sk_arena_free(struct sk_arena *a)
{
	if (!a)
		return;
	free_after(a->head);
	free(a->head);
	free(a);
}

char *sk_arena_alloc(struct sk_arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (a->head->cap - a->head->used < n) {
		struct sk_block *b = block_new(n > (64 << 10) ? n : (64 << 10));
		b->next = a->head;
		a->head = b;
	}
	char *p = a->head->data + a->head->used;
	a->head->used += n;
	return p;
}
