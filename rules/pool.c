/* pool.c - one bump allocator per rule set: a compiled rule set is a web of
 * small immutable objects (tree nodes, constants, strings) that all die
 * together, so they are allocated here and freed in one call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/lang.h"

#define BLOCK_MIN 65536

struct sk_pool_block {
	struct sk_pool_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void *sk_pool_alloc(struct sk_pool *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct sk_pool_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
		b = calloc(1, sizeof(*b) + size);
		if (!b) {
			fputs("saker: out of memory\n", stderr);
			abort();
		}
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

char *sk_pool_strndup(struct sk_pool *a, const char *s, size_t n)
{
	char *p = sk_pool_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void sk_pool_track_regex(struct sk_pool *a, regex_t *re)
{
	regex_t **v = realloc(a->regexes, (a->nregexes + 1) * sizeof(*v));
	if (!v) {
		fputs("saker: out of memory\n", stderr);
		abort();
	}
	v[a->nregexes++] = re;
	a->regexes = v;
}

void sk_pool_free(struct sk_pool *a)
{
	for (unsigned i = 0; i < a->nregexes; i++)
		regfree(a->regexes[i]);
	free(a->regexes);
	a->regexes = NULL;
	a->nregexes = 0;
	struct sk_pool_block *b = a->head;
	while (b) {
		struct sk_pool_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
