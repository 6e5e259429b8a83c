/* reader_int.h - the reader's state, shared by reader_open.c (header,
 * footer and recovery scan) and reader.c (chunk loading, iteration, seeking
 * and verification). Internal to format/.
 */
#ifndef SAKER_FORMAT_READER_INT_H
#define SAKER_FORMAT_READER_INT_H

#include <zstd.h>

#include "format/capture.h"

/* Where iteration stands; copied whole to undo a look-ahead. */
struct sk_cursor {
	uint64_t next_chunk; /* chunk to load when the current one is done */
	uint64_t chunk;	     /* the loaded chunk */
	const uint8_t *p, *end;
	uint32_t left; /* records not yet returned from the loaded chunk */
	uint64_t next_num, prev_ts;
};

struct sk_reader {
	int fd;		    /* -1 when reading from memory */
	const uint8_t *mem; /* the file's bytes for sk_reader_open_mem */
	uint64_t size;
	char path[256];
	struct sk_file_info info;
	struct sk_capture_summary sum;
	uint64_t header_len;

	struct sk_chunk_info *chunks;
	uint64_t nchunks;
	uint64_t *max_ts_upto; /* running maximum of chunks[0..i].last_ts */

	uint64_t footer_offset, digest;
	char footer_problem[192]; /* why the footer was not used, "" if it was */
	char tail_problem[192];	  /* why the recovery scan stopped, "" at EOF */
	char recovery[416];	  /* both, for sk_reader_recovery */

	ZSTD_DCtx *dctx;
	uint8_t *comp; /* chunk header + compressed payload */
	size_t comp_cap;
	uint8_t *raw; /* decompressed payload */
	size_t raw_cap;

	struct sk_cursor c;
};

/* Reads len bytes at off; -1 if they are not all there. */
int sk_read_at(struct sk_reader *r, uint64_t off, void *buf, size_t len);

/* Formats err as "<path>: <msg>". */
void sk_rfail(struct sk_reader *r, struct sk_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parses and checks a 56-byte chunk header found at off into *ci. Returns 0,
 * or -1 with why[] saying what is wrong. */
int sk_parse_chunk_header(const uint8_t *h, uint64_t off, struct sk_chunk_info *ci, char *why,
			  size_t whylen);

#endif
