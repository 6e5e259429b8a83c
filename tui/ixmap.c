/* ixmap.c - open addressing with linear probing and tombstones; the table is
 * rebuilt (dropping tombstones, doubling when needed) at 3/4 load. */
#include <stdlib.h>

#include "tui/ixmap.h"

static char tomb_mark;
#define IX_TOMB ((void *)&tomb_mark)

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdull;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

void ix_map_free(struct ix_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->used = m->tombs = 0;
}

void *ix_map_get(const struct ix_map *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		struct ix_slot *s = &m->slots[i];
		if (!s->val)
			return NULL;
		if (s->val != IX_TOMB && s->key == key)
			return s->val;
	}
}

/* Rebuilds the table at a size where the live entries fill at most half. */
static int grow(struct ix_map *m)
{
	size_t live = m->used - m->tombs, ncap = 16, ocap = m->cap;
	struct ix_slot *old = m->slots, *nv;

	while (ncap < (live + 1) * 2)
		ncap *= 2;
	nv = calloc(ncap, sizeof(*nv));
	if (!nv)
		return -1;
	m->slots = nv;
	m->cap = ncap;
	m->used = m->tombs = 0;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].val && old[i].val != IX_TOMB)
			ix_map_put(m, old[i].key, old[i].val);
	free(old);
	return 0;
}

int ix_map_put(struct ix_map *m, uint64_t key, void *val)
{
	struct ix_slot *tomb = NULL;

	if ((m->used + 1) * 4 > m->cap * 3 && grow(m) < 0)
		return -1;
	for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		struct ix_slot *s = &m->slots[i];
		if (s->val == IX_TOMB) {
			if (!tomb)
				tomb = s;
			continue;
		}
		if (!s->val) {
			if (tomb) {
				s = tomb;
				m->tombs--;
			} else {
				m->used++;
			}
			s->key = key;
			s->val = val;
			return 0;
		}
		if (s->key == key) {
			s->val = val;
			return 0;
		}
	}
}

void ix_map_del(struct ix_map *m, uint64_t key)
{
	if (!m->cap)
		return;
	for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		struct ix_slot *s = &m->slots[i];
		if (!s->val)
			return;
		if (s->val != IX_TOMB && s->key == key) {
			s->val = IX_TOMB;
			m->tombs++;
			return;
		}
	}
}

size_t ix_map_values(const struct ix_map *m, void **out)
{
	size_t n = 0;

	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].val && m->slots[i].val != IX_TOMB)
			out[n++] = m->slots[i].val;
	return n;
}

uint64_t ix_hash_bytes(const void *p, size_t len, uint64_t seed)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++) {
		seed ^= b[i];
		seed *= 0x100000001b3ull;
	}
	return seed;
}
