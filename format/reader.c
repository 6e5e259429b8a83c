/* reader.c - loading chunks, decoding records, seeking and verification.
 *
 * A chunk is read whole (header and payload with one read), checked against
 * its index entry and its CRC32C, and decompressed into a buffer of exactly
 * the declared raw length, which the format bounds, so a compression bomb
 * fails instead of growing memory. Records are then framed one at a time on
 * demand; their parameters are left encoded for the caller.
 */
#include <stdio.h>
#include <stdlib.h>

#include "format/reader_int.h"
#include "format/wire.h"

#define CHUNK_FAIL(r, err, i, fmt, ...)                                                            \
	sk_rfail(r, err, "chunk %llu at offset %llu: " fmt, (unsigned long long)(i),               \
		 (unsigned long long)(r)->chunks[i].offset, ##__VA_ARGS__)

static int grow(uint8_t **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	uint8_t *n = realloc(*buf, need);
	if (!n)
		return -1;
	*buf = n;
	*cap = need;
	return 0;
}

static int header_matches(const struct sk_chunk_info *a, const struct sk_chunk_info *b)
{
	return a->kind == b->kind && a->comp_len == b->comp_len && a->raw_len == b->raw_len &&
	       a->nevents == b->nevents && a->first_num == b->first_num &&
	       a->first_ts == b->first_ts && a->last_ts == b->last_ts;
}

/* Loads chunk i and points the cursor at its first record. Returns 1, 0 for
 * a chunk kind this reader does not know (skipped), -1 on corruption. */
static int load_chunk(struct sk_reader *r, uint64_t i, struct sk_error *err)
{
	const struct sk_chunk_info *ci = &r->chunks[i];
	struct sk_chunk_info h;
	char why[128];
	size_t total = SK_CHUNK_HDR + (size_t)ci->comp_len;
	const uint8_t *payload;

	r->c.left = 0;
	if (grow(&r->comp, &r->comp_cap, total) < 0 || grow(&r->raw, &r->raw_cap, ci->raw_len) < 0)
		return CHUNK_FAIL(r, err, i, "out of memory"), -1;
	if (sk_read_at(r, ci->offset, r->comp, total) < 0)
		return CHUNK_FAIL(r, err, i, "cannot read %zu bytes", total), -1;
	if (sk_parse_chunk_header(r->comp, ci->offset, &h, why, sizeof(why)) < 0)
		return CHUNK_FAIL(r, err, i, "%s", why), -1;
	if (!header_matches(&h, ci))
		return CHUNK_FAIL(r, err, i, "chunk header disagrees with the footer index"), -1;
	payload = r->comp + SK_CHUNK_HDR;
	if (SK_CRC_BAD(sk_crc32c(0, payload, ci->comp_len), sk_get32(r->comp + 20)))
		return CHUNK_FAIL(r, err, i, "payload checksum mismatch"), -1;
	if (ci->kind != SK_CHUNK_RECORDS)
		return 0;
	unsigned long long fcs = ZSTD_getFrameContentSize(payload, ci->comp_len);
	if (fcs != ci->raw_len)
		return CHUNK_FAIL(r, err, i, "zstd frame does not declare the raw length %u",
				  ci->raw_len),
		       -1;
	size_t fsz = ZSTD_findFrameCompressedSize(payload, ci->comp_len);
	if (ZSTD_isError(fsz) || fsz != ci->comp_len)
		return CHUNK_FAIL(r, err, i, "payload is not exactly one zstd frame"), -1;
	size_t got = ZSTD_decompressDCtx(r->dctx, r->raw, ci->raw_len, payload, ci->comp_len);
	if (ZSTD_isError(got) || got != ci->raw_len)
		return CHUNK_FAIL(r, err, i, "decompression failed: %s",
				  ZSTD_isError(got) ? ZSTD_getErrorName(got) : "short output"),
		       -1;
	r->c.chunk = i;
	r->c.p = r->raw;
	r->c.end = r->raw + ci->raw_len;
	r->c.left = ci->nevents;
	r->c.next_num = ci->first_num;
	r->c.prev_ts = 0;
	return 1;
}

#define GETV(p, end, v) (sk_get_varint(&(p), (end), &(v)) < 0)

/* Frames the next record of the loaded chunk into ev. */
static int decode_one(struct sk_reader *r, struct sk_event *ev, struct sk_error *err)
{
	const uint8_t *p = r->c.p, *end = r->c.end, *rend;
	uint64_t len, type, delta, tid, pid, cpu, flags, np, plen;

	if (GETV(p, end, len) || len > (uint64_t)(end - p) || len > SK_MAX_RECORD)
		goto bad;
	rend = p + len;
	if (GETV(p, rend, type) || type > UINT16_MAX || GETV(p, rend, delta) ||
	    GETV(p, rend, tid) || tid > UINT32_MAX || GETV(p, rend, pid) || pid > UINT32_MAX ||
	    GETV(p, rend, cpu) || cpu > UINT16_MAX || GETV(p, rend, flags) || flags > UINT32_MAX ||
	    GETV(p, rend, np))
		goto bad;
	for (uint64_t i = 0; i < np; i++) {
		if (GETV(p, rend, plen) || plen > (uint64_t)(rend - p))
			goto bad;
		if (i < SK_MAX_PARAMS) {
			ev->params[i].ptr = p;
			ev->params[i].len = (uint32_t)plen;
		}
		p += plen;
	}
	if (p != rend || (r->c.left == 1 && p != end))
		goto bad;
	r->c.prev_ts += (uint64_t)sk_unzigzag(delta);
	ev->num = r->c.next_num++;
	ev->ts = r->c.prev_ts;
	ev->type = (uint16_t)type;
	ev->tid = (uint32_t)tid;
	ev->pid = (uint32_t)pid;
	ev->cpu = (uint16_t)cpu;
	ev->flags = (uint32_t)flags;
	ev->nparams = np < SK_MAX_PARAMS ? (uint32_t)np : SK_MAX_PARAMS;
	r->c.p = p;
	r->c.left--;
	return 1;
bad:
	r->c.left = 0;
	CHUNK_FAIL(r, err, r->c.chunk, "record %llu: malformed framing at payload byte %td",
		   (unsigned long long)r->c.next_num, r->c.p - r->raw);
	return -1;
}

int sk_reader_next(struct sk_reader *r, struct sk_event *ev, struct sk_error *err)
{
	while (r->c.left == 0) {
		if (r->c.next_chunk >= r->nchunks)
			return 0;
		if (load_chunk(r, r->c.next_chunk++, err) < 0)
			return -1;
	}
	return decode_one(r, ev, err);
}

/* Points the cursor at the first record of chunk i or of the first later
 * chunk holding records. */
static int position_in(struct sk_reader *r, uint64_t i, struct sk_error *err)
{
	r->c.left = 0;
	r->c.next_chunk = i;
	while (r->c.left == 0 && r->c.next_chunk < r->nchunks) {
		int rc = load_chunk(r, r->c.next_chunk++, err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int sk_reader_seek_num(struct sk_reader *r, uint64_t num, struct sk_error *err)
{
	struct sk_event ev;
	if (r->nchunks == 0 ||
	    num >= r->chunks[r->nchunks - 1].first_num + r->chunks[r->nchunks - 1].nevents) {
		sk_rfail(r, err, "record %llu is past the end", (unsigned long long)num);
		return -1;
	}
	uint64_t lo = 0, hi = r->nchunks - 1;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo + 1) / 2;
		if (r->chunks[mid].first_num <= num)
			lo = mid;
		else
			hi = mid - 1;
	}
	if (position_in(r, lo, err) < 0)
		return -1;
	while (r->c.left && r->c.next_num < num)
		if (decode_one(r, &ev, err) < 0)
			return -1;
	return 0;
}

int sk_reader_seek_ts(struct sk_reader *r, uint64_t ts, struct sk_error *err)
{
	struct sk_event ev;
	if (r->nchunks == 0 || r->max_ts_upto[r->nchunks - 1] < ts) {
		sk_rfail(r, err, "no record at or after ts %llu", (unsigned long long)ts);
		return -1;
	}
	uint64_t lo = 0, hi = r->nchunks - 1;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (r->max_ts_upto[mid] >= ts)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (position_in(r, lo, err) < 0)
		return -1;
	for (;;) {
		struct sk_cursor saved = r->c;
		int rc = sk_reader_next(r, &ev, err);
		if (rc <= 0) {
			if (rc == 0)
				sk_rfail(r, err, "no record at or after ts %llu",
					 (unsigned long long)ts);
			return -1;
		}
		if (ev.ts >= ts) {
			r->c = saved;
			return 0;
		}
	}
}

/* Decodes every record of the loaded chunk i and checks the count and the
 * time range against its header. */
static int verify_records(struct sk_reader *r, uint64_t i, struct sk_error *err)
{
	const struct sk_chunk_info *ci = &r->chunks[i];
	struct sk_event ev;
	uint64_t n = 0, lo = UINT64_MAX, hi = 0;
	while (r->c.left) {
		if (decode_one(r, &ev, err) < 0)
			return -1;
		n++;
		lo = ev.ts < lo ? ev.ts : lo;
		hi = ev.ts > hi ? ev.ts : hi;
	}
	if (n != ci->nevents || lo != ci->first_ts || hi != ci->last_ts)
		return CHUNK_FAIL(r, err, i, "records disagree with the chunk header"), -1;
	return 0;
}

static int verify_file(struct sk_reader *r, struct sk_xxh64 *h, struct sk_error *err)
{
	if (r->sum.footer_present) {
		if (SK_CRC_BAD(sk_xxh64_final(h), r->digest)) {
			sk_rfail(r, err, "offset %llu: body digest does not match the footer",
				 (unsigned long long)r->footer_offset);
			return -1;
		}
		return 0;
	}
	if (r->sum.torn_bytes)
		sk_rfail(r, err, "offset %llu: %s; %llu bytes after the last complete chunk",
			 (unsigned long long)r->sum.torn_offset,
			 r->tail_problem[0] ? r->tail_problem : "torn tail",
			 (unsigned long long)r->sum.torn_bytes);
	else
		sk_rfail(r, err, "offset %llu: %s", (unsigned long long)r->size, r->footer_problem);
	return -1;
}

int sk_reader_verify(struct sk_reader *r, struct sk_error *err)
{
	struct sk_xxh64 h;
	int rc = 0;
	sk_xxh64_init(&h);
	for (uint64_t i = 0; i < r->nchunks && rc == 0; i++) {
		int lr = load_chunk(r, i, err);
		if (lr < 0)
			rc = -1;
		else if (lr > 0)
			rc = verify_records(r, i, err);
		if (rc == 0)
			sk_xxh64_update(&h, r->comp, SK_CHUNK_HDR + r->chunks[i].comp_len);
	}
	if (rc == 0)
		rc = verify_file(r, &h, err);
	memset(&r->c, 0, sizeof(r->c));
	return rc;
}
