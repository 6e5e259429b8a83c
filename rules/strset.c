/* strset.c - the string constants of an `in`/`intersects` comparison as an
 * open-addressing hash table built once at compile time, so testing a value
 * costs one hash and usually one memcmp instead of a bisection of
 * memcmp calls. Only membership is asked, so hash order shows nowhere.
 */
#include <string.h>

#include "rules/lang.h"

/* Hashes the length and at most 16 bytes (the first and last 8): O(1) for
 * long paths; strings alike in those bytes only cost extra memcmp calls. */
static uint32_t hash(const char *s, size_t len)
{
	uint64_t head = 0, tail = 0;
	memcpy(&head, s, len < 8 ? len : 8);
	if (len > 8)
		memcpy(&tail, s + len - 8, 8);
	uint64_t h = (head ^ (tail * 0x9e3779b97f4a7c15ull) ^ len) * 0xff51afd7ed558ccdull;
	return (uint32_t)(h >> 32);
}

void sk_strset_build(struct sk_pool *a, struct sk_cnode *n)
{
	uint32_t size = 4;
	while (size < 2 * n->nvals)
		size *= 2;
	struct sk_strset *set = sk_pool_alloc(a, sizeof(*set));
	set->mask = size - 1;
	set->slots = sk_pool_alloc(a, size * sizeof(*set->slots));
	for (unsigned i = 0; i < n->nvals; i++) {
		const struct sk_value *v = &n->vals[i].v;
		uint32_t k = hash(v->v.s.ptr, v->v.s.len) & set->mask;
		while (set->slots[k])
			k = (k + 1) & set->mask;
		set->slots[k] = i + 1;
	}
	n->set = set;
}

int sk_strset_has(const struct sk_cnode *n, const char *s, size_t len)
{
	const struct sk_strset *set = n->set;
	for (uint32_t k = hash(s, len) & set->mask; set->slots[k]; k = (k + 1) & set->mask) {
		const struct sk_value *v = &n->vals[set->slots[k] - 1].v;
		if (v->v.s.len == len && !memcmp(v->v.s.ptr, s, len))
			return 1;
	}
	return 0;
}
