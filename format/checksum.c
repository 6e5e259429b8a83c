/* checksum.c - CRC32C for chunk and header checks, XXH64 for the body digest.
 *
 * zstd keeps its xxhash private and the project takes no other hashing
 * dependency, so both well-known algorithms are written out here from their
 * published definitions (CRC32C: RFC 3720 appendix B.4; XXH64: the xxHash
 * specification, seed 0). The tests check them against published vectors.
 */
#include <pthread.h>

#include "format/wire.h"

static uint32_t crc_table[8][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;
static int have_hw; /* the CPU has SSE4.2's crc32 instruction */

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0x82f63b78u & -(c & 1));
		crc_table[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			crc_table[t][i] =
			    (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xff];
#if defined(__x86_64__)
	have_hw = __builtin_cpu_supports("sse4.2");
#endif
}

#if defined(__x86_64__)
/* The SSE4.2 crc32 instruction computes the same CRC32C, 8 bytes a step. */
__attribute__((target("sse4.2"))) static uint32_t crc_hw(uint32_t crc, const uint8_t *p, size_t len)
{
	uint64_t c = ~crc;
	for (; len >= 8; p += 8, len -= 8)
		c = __builtin_ia32_crc32di(c, sk_get64(p));
	for (; len; p++, len--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *p);
	return ~(uint32_t)c;
}
#endif

uint32_t sk_crc32c(uint32_t crc, const void *buf, size_t len)
{
	pthread_once(&crc_once, crc_init);
#if defined(__x86_64__)
	if (have_hw)
		return crc_hw(crc, buf, len);
#endif
	return sk_crc32c_portable(crc, buf, len);
}

uint32_t sk_crc32c_portable(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	pthread_once(&crc_once, crc_init);
	crc = ~crc;
	while (len >= 8) {
		uint64_t w = sk_get64(p) ^ crc;
		crc = crc_table[7][w & 0xff] ^ crc_table[6][(w >> 8) & 0xff] ^
		      crc_table[5][(w >> 16) & 0xff] ^ crc_table[4][(w >> 24) & 0xff] ^
		      crc_table[3][(w >> 32) & 0xff] ^ crc_table[2][(w >> 40) & 0xff] ^
		      crc_table[1][(w >> 48) & 0xff] ^ crc_table[0][w >> 56];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xff];
	return ~crc;
}

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static inline uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t round64(uint64_t acc, uint64_t in)
{
	return rotl(acc + in * P2, 31) * P1;
}

static inline uint64_t merge64(uint64_t acc, uint64_t v)
{
	return (acc ^ round64(0, v)) * P1 + P4;
}

void sk_xxh64_init(struct sk_xxh64 *h)
{
	h->v[0] = P1 + P2;
	h->v[1] = P2;
	h->v[2] = 0;
	h->v[3] = -P1;
	h->total = 0;
	h->buffered = 0;
}

static void stripe(struct sk_xxh64 *h, const uint8_t *p)
{
	for (int i = 0; i < 4; i++)
		h->v[i] = round64(h->v[i], sk_get64(p + 8 * i));
}

void sk_xxh64_update(struct sk_xxh64 *h, const void *data, size_t len)
{
	const uint8_t *p = data;
	h->total += len;
	if (h->buffered) {
		size_t take = 32 - h->buffered < len ? 32 - h->buffered : len;
		memcpy(h->buf + h->buffered, p, take);
		h->buffered += (unsigned)take;
		p += take;
		len -= take;
		if (h->buffered < 32)
			return;
		stripe(h, h->buf);
		h->buffered = 0;
	}
	for (; len >= 32; p += 32, len -= 32)
		stripe(h, p);
	memcpy(h->buf, p, len);
	h->buffered = (unsigned)len;
}

uint64_t sk_xxh64_final(const struct sk_xxh64 *h)
{
	uint64_t acc;
	if (h->total >= 32) {
		acc = rotl(h->v[0], 1) + rotl(h->v[1], 7) + rotl(h->v[2], 12) + rotl(h->v[3], 18);
		for (int i = 0; i < 4; i++)
			acc = merge64(acc, h->v[i]);
	} else {
		acc = P5;
	}
	acc += h->total;
	const uint8_t *p = h->buf, *end = h->buf + h->buffered;
	for (; p + 8 <= end; p += 8)
		acc = rotl(acc ^ round64(0, sk_get64(p)), 27) * P1 + P4;
	if (p + 4 <= end) {
		acc = rotl(acc ^ (uint64_t)sk_get32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		acc = rotl(acc ^ *p * P5, 11) * P1;
	acc ^= acc >> 33;
	acc *= P2;
	acc ^= acc >> 29;
	acc *= P3;
	acc ^= acc >> 32;
	return acc;
}
