/* ixmap.h - a small open-addressing hash map from 64-bit keys to pointers,
 * used by the indexer for pid, fd and path lookups.
 *
 * Keys are arbitrary 64-bit values (0 included). The map never iterates in
 * an order that reaches output: callers that write rows keep their own
 * lists. Allocation failures are reported, never hidden.
 */
#ifndef SAKER_TUI_IXMAP_H
#define SAKER_TUI_IXMAP_H

#include <stddef.h>
#include <stdint.h>

struct ix_slot {
	uint64_t key;
	void *val; /* NULL: empty; IX_TOMB: deleted */
};

struct ix_map {
	struct ix_slot *slots;
	size_t cap, used, tombs; /* cap is a power of two or 0 */
};

void ix_map_free(struct ix_map *m);
void *ix_map_get(const struct ix_map *m, uint64_t key);
/* Inserts or replaces; val must not be NULL. Returns 0 or -1 (no memory). */
int ix_map_put(struct ix_map *m, uint64_t key, void *val);
void ix_map_del(struct ix_map *m, uint64_t key);

/* Copies the values (in table order: sort before any output) into out,
 * which must hold m->used entries. Returns how many. */
size_t ix_map_values(const struct ix_map *m, void **out);

/* 64-bit FNV-1a of bytes, for keying paths. */
uint64_t ix_hash_bytes(const void *p, size_t len, uint64_t seed);
#define IX_HASH_SEED 0xcbf29ce484222325ull

#endif
