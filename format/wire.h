/* wire.h - the on-disk layout and encoding primitives shared by the writer,
 * the reader and the format tests (internal to format/; FORMAT.md is the
 * public description of every constant here).
 *
 * All fixed-width integers on disk are little-endian. Variable-width
 * integers are LEB128 varints (7 bits per byte, low group first); signed
 * values are zigzag-mapped first. A varint is at most 10 bytes.
 */
#ifndef SAKER_FORMAT_WIRE_H
#define SAKER_FORMAT_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* File header: magic, u16 major, u16 minor, u32 header length (whole header
 * including magic and the trailing CRC32C), tagged fields, u32 CRC32C. */
#define SK_FILE_MAGIC	  "\x89SAKER\r\n"
#define SK_FILE_MAGIC_LEN 8
#define SK_FILE_FIXED	  16 /* magic + versions + length */

/* Header field tags (varint tag, varint length, value bytes). Tags 5-10
 * are the integer fields. */
enum sk_htag {
	SK_HT_RECORDER = 1,
	SK_HT_HOSTNAME = 2,
	SK_HT_KERNEL = 3,
	SK_HT_MACHINE = 4,
	SK_HT_NCPUS = 5,
	SK_HT_BOOT_TIME = 6,
	SK_HT_START_WALL = 7,
	SK_HT_START_BOOT = 8,
	SK_HT_SNAPLEN = 9,
	SK_HT_RECORD_FLAGS = 10,
	SK_HT_OPTIONS = 11,
};

/* Chunk header, 56 bytes:
 *   0 u32 magic "SKCH"     4 u16 kind      6 u16 header length (56)
 *   8 u32 comp_len        12 u32 raw_len  16 u32 nevents  20 u32 payload CRC32C
 *  24 u64 first_num       32 u64 min ts   40 u64 max ts
 *  48 u32 reserved (0)    52 u32 CRC32C of bytes 0..51 */
#define SK_CHUNK_MAGIC	 0x48434b53u /* "SKCH" */
#define SK_CHUNK_HDR	 56
#define SK_CHUNK_RECORDS 1 /* kind: zstd frame of records */

/* Footer: u32 magic "SKFT", u32 entry size (48), u64 nchunks, u64 nevents,
 * u64 drops, u64 body digest, then nchunks entries, then u32 CRC32C of all
 * of it. Entry: u64 offset, u64 first_num, u64 min ts, u64 max ts,
 * u32 nevents, u32 comp_len, u32 raw_len, u32 kind. */
#define SK_FOOTER_MAGIC 0x54464b53u /* "SKFT" */
#define SK_FOOTER_FIXED 40
#define SK_FOOTER_ENTRY 48

/* Trailer, the last 24 bytes of a cleanly closed file: u64 footer offset,
 * u32 footer length, u32 CRC32C of those 12 bytes, magic "SAKEREND". */
#define SK_TRAILER	 24
#define SK_TRAILER_MAGIC "SAKEREND"

#define SK_VARINT_MAX 10

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the sk_get*/sk_put* helpers assume a little-endian host"
#endif

static inline void sk_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void sk_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void sk_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint16_t sk_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t sk_get32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static inline uint64_t sk_get64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t sk_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t sk_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* Writes v at p (room for SK_VARINT_MAX bytes), returns the bytes used. */
static inline unsigned sk_put_varint(uint8_t *p, uint64_t v)
{
	unsigned n = 0;
	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

/* Reads a varint from [*pp, end). Returns 0 and advances *pp, or -1 when it
 * runs past end or exceeds 64 bits. */
static inline int sk_get_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
	const uint8_t *p = *pp;
	if (p < end && *p < 0x80) {
		*out = *p;
		*pp = p + 1;
		return 0;
	}
	uint64_t v = 0;
	for (unsigned shift = 0; p < end && shift < 64; shift += 7) {
		uint8_t b = *p++;
		if (shift == 63 && b > 1)
			return -1;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (b < 0x80) {
			*out = v;
			*pp = p;
			return 0;
		}
	}
	return -1;
}

/* CRC32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and
 * final xor 0xFFFFFFFF). Pass 0 as crc to start; chain by passing the
 * previous result. */
uint32_t sk_crc32c(uint32_t crc, const void *buf, size_t len);
/* The table-driven version sk_crc32c falls back to without SSE4.2 (exposed
 * so the tests can compare both). */
uint32_t sk_crc32c_portable(uint32_t crc, const void *buf, size_t len);

/* Checksum comparison. Fuzzing builds accept any checksum so the fuzzer
 * reaches the parsers behind the checks instead of stopping at them. */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define SK_CRC_BAD(computed, stored) ((void)(computed), (void)(stored), 0)
#else
#define SK_CRC_BAD(computed, stored) ((computed) != (stored))
#endif

/* XXH64 with seed 0, streaming: the body digest. */
struct sk_xxh64 {
	uint64_t v[4];
	uint64_t total;
	uint8_t buf[32];
	unsigned buffered;
};
void sk_xxh64_init(struct sk_xxh64 *h);
void sk_xxh64_update(struct sk_xxh64 *h, const void *data, size_t len);
uint64_t sk_xxh64_final(const struct sk_xxh64 *h);

#endif
