/* reader_open.c - opening a capture: the header, then the chunk index from
 * the footer when it is intact, else from a scan of chunk headers.
 *
 * Every length read from the file is checked against the format's limits
 * and the file size before it is used, so a hostile file can make the
 * reader refuse it or recover less, but never allocate without bound.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format/reader_int.h"
#include "format/wire.h"

void sk_rfail(struct sk_reader *r, struct sk_error *err, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return;
	int n = snprintf(err->msg, sizeof(err->msg), "%s: ", r->path);
	if (n < 0 || (size_t)n >= sizeof(err->msg))
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof(err->msg) - (size_t)n, fmt, ap);
	va_end(ap);
}

int sk_read_at(struct sk_reader *r, uint64_t off, void *buf, size_t len)
{
	if (off > r->size || len > r->size - off)
		return -1;
	if (r->mem) {
		memcpy(buf, r->mem + off, len);
		return 0;
	}
	uint8_t *p = buf;
	while (len) {
		ssize_t n = pread(r->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

static void copy_str(char *dst, size_t cap, const uint8_t *src, uint64_t len)
{
	size_t n = len < cap - 1 ? (size_t)len : cap - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

static int tag_uint(const uint8_t *v, uint64_t len, uint64_t *out)
{
	const uint8_t *p = v;
	return sk_get_varint(&p, v + len, out) < 0 || p != v + len ? -1 : 0;
}

/* The string field a header tag fills, or NULL. */
static char *str_field(struct sk_file_info *fi, uint64_t tag, size_t *cap)
{
#define FIELD(f) (*cap = sizeof(fi->f), fi->f)
	switch (tag) {
	case SK_HT_RECORDER:
		return FIELD(recorder);
	case SK_HT_HOSTNAME:
		return FIELD(hostname);
	case SK_HT_KERNEL:
		return FIELD(kernel_release);
	case SK_HT_MACHINE:
		return FIELD(machine);
	case SK_HT_OPTIONS:
		return FIELD(options);
	default:
		return NULL;
	}
#undef FIELD
}

/* Stores one tagged header field; unknown tags are skipped (minor versions
 * may add them). */
static int header_field(struct sk_file_info *fi, uint64_t tag, const uint8_t *v, uint64_t len)
{
	uint64_t u = 0;
	size_t cap;
	char *dst = str_field(fi, tag, &cap);
	if (dst) {
		copy_str(dst, cap, v, len);
		return 0;
	}
	if (tag < SK_HT_NCPUS || tag > SK_HT_RECORD_FLAGS)
		return 0;
	if (tag_uint(v, len, &u) < 0)
		return -1;
	if (tag == SK_HT_NCPUS)
		fi->ncpus = (uint32_t)u;
	else if (tag == SK_HT_BOOT_TIME)
		fi->boot_time_ns = sk_unzigzag(u);
	else if (tag == SK_HT_START_WALL)
		fi->start_wall_ns = sk_unzigzag(u);
	else if (tag == SK_HT_START_BOOT)
		fi->start_boot_ns = u;
	else if (tag == SK_HT_SNAPLEN)
		fi->snaplen = (uint32_t)u;
	else
		fi->record_flags = (uint32_t)u;
	return 0;
}

static int read_header(struct sk_reader *r, struct sk_error *err)
{
	uint8_t fixed[SK_FILE_FIXED];
	if (sk_read_at(r, 0, fixed, sizeof(fixed)) < 0) {
		sk_rfail(r, err, "offset 0: file too short for a capture header (%llu bytes)",
			 (unsigned long long)r->size);
		return -1;
	}
	if (memcmp(fixed, SK_FILE_MAGIC, SK_FILE_MAGIC_LEN)) {
		sk_rfail(r, err, "offset 0: not a saker capture (bad magic)");
		return -1;
	}
	r->info.version_major = sk_get16(fixed + 8);
	r->info.version_minor = sk_get16(fixed + 10);
	if (r->info.version_major != SK_FORMAT_VERSION_MAJOR) {
		sk_rfail(r, err,
			 "offset 8: format version %u.%u is not supported (this reader: %u.x)",
			 r->info.version_major, r->info.version_minor, SK_FORMAT_VERSION_MAJOR);
		return -1;
	}
	uint32_t hlen = sk_get32(fixed + 12);
	if (hlen < SK_FILE_FIXED + 4 || hlen > SK_MAX_HEADER) {
		sk_rfail(r, err, "offset 12: header length %u out of range [%u, %u]", hlen,
			 SK_FILE_FIXED + 4, SK_MAX_HEADER);
		return -1;
	}
	uint8_t *buf = malloc(hlen);
	if (!buf) {
		sk_rfail(r, err, "out of memory");
		return -1;
	}
	int rc = -1;
	if (sk_read_at(r, 0, buf, hlen) < 0) {
		sk_rfail(r, err, "offset 0: header of %u bytes is truncated (file has %llu)", hlen,
			 (unsigned long long)r->size);
	} else if (SK_CRC_BAD(sk_crc32c(0, buf, hlen - 4), sk_get32(buf + hlen - 4))) {
		sk_rfail(r, err, "offset %u: header checksum mismatch", hlen - 4);
	} else {
		const uint8_t *p = buf + SK_FILE_FIXED, *end = buf + hlen - 4;
		rc = 0;
		while (p < end && rc == 0) {
			uint64_t tag, len;
			if (sk_get_varint(&p, end, &tag) < 0 || sk_get_varint(&p, end, &len) < 0 ||
			    len > (uint64_t)(end - p) || header_field(&r->info, tag, p, len) < 0) {
				sk_rfail(r, err, "offset %td: malformed header field", p - buf);
				rc = -1;
				break;
			}
			p += len;
		}
	}
	free(buf);
	r->header_len = hlen;
	return rc;
}

int sk_parse_chunk_header(const uint8_t *h, uint64_t off, struct sk_chunk_info *ci, char *why,
			  size_t whylen)
{
	if (sk_get32(h) != SK_CHUNK_MAGIC) {
		snprintf(why, whylen, "%s",
			 sk_get32(h) == SK_FOOTER_MAGIC ? "footer without a valid trailer"
							: "bad chunk magic");
		return -1;
	}
	if (SK_CRC_BAD(sk_crc32c(0, h, 52), sk_get32(h + 52))) {
		snprintf(why, whylen, "chunk header checksum mismatch");
		return -1;
	}
	ci->offset = off;
	ci->kind = sk_get16(h + 4);
	ci->comp_len = sk_get32(h + 8);
	ci->raw_len = sk_get32(h + 12);
	ci->nevents = sk_get32(h + 16);
	ci->first_num = sk_get64(h + 24);
	ci->first_ts = sk_get64(h + 32);
	ci->last_ts = sk_get64(h + 40);
	if (sk_get16(h + 6) != SK_CHUNK_HDR) {
		snprintf(why, whylen, "chunk header length %u, expected %u", sk_get16(h + 6),
			 SK_CHUNK_HDR);
		return -1;
	}
	if (ci->comp_len == 0 || ci->comp_len > SK_MAX_CHUNK_COMP) {
		snprintf(why, whylen, "compressed length %u out of range [1, %u]", ci->comp_len,
			 SK_MAX_CHUNK_COMP);
		return -1;
	}
	if (ci->raw_len > SK_MAX_CHUNK_RAW) {
		snprintf(why, whylen, "raw length %u exceeds the limit %u", ci->raw_len,
			 SK_MAX_CHUNK_RAW);
		return -1;
	}
	if (ci->nevents == 0 || ci->nevents > ci->raw_len || ci->first_ts > ci->last_ts ||
	    ci->first_num == 0 || ci->first_num + ci->nevents < ci->first_num) {
		snprintf(why, whylen, "inconsistent chunk header fields");
		return -1;
	}
	return 0;
}

static int push_chunk(struct sk_reader *r, const struct sk_chunk_info *ci, uint64_t *cap)
{
	if (r->nchunks == *cap) {
		uint64_t ncap = *cap ? *cap * 2 : 64;
		struct sk_chunk_info *n = realloc(r->chunks, ncap * sizeof(*n));
		if (!n)
			return -1;
		r->chunks = n;
		*cap = ncap;
	}
	r->chunks[r->nchunks++] = *ci;
	return 0;
}

/* Rebuilds the index by walking chunk headers from the end of the file
 * header; stops at the first chunk that is not complete and consistent. */
static int scan_chunks(struct sk_reader *r, struct sk_error *err)
{
	uint64_t off = r->header_len, cap = 0, next_num = 1;
	r->nchunks = 0;
	while (off < r->size) {
		uint8_t h[SK_CHUNK_HDR];
		struct sk_chunk_info ci;
		char why[128];
		if (sk_read_at(r, off, h, sizeof(h)) < 0) {
			snprintf(r->tail_problem, sizeof(r->tail_problem),
				 "incomplete chunk header");
			break;
		}
		if (sk_parse_chunk_header(h, off, &ci, why, sizeof(why)) < 0) {
			snprintf(r->tail_problem, sizeof(r->tail_problem), "%s", why);
			break;
		}
		if (ci.first_num != next_num) {
			snprintf(r->tail_problem, sizeof(r->tail_problem),
				 "chunk starts at record %llu, expected %llu",
				 (unsigned long long)ci.first_num, (unsigned long long)next_num);
			break;
		}
		if (r->size - off - SK_CHUNK_HDR < ci.comp_len) {
			snprintf(r->tail_problem, sizeof(r->tail_problem),
				 "chunk payload is incomplete");
			break;
		}
		if (push_chunk(r, &ci, &cap) < 0) {
			sk_rfail(r, err, "out of memory for the chunk index");
			return -1;
		}
		next_num += ci.nevents;
		off += SK_CHUNK_HDR + ci.comp_len;
	}
	r->sum.torn_offset = off;
	r->sum.torn_bytes = r->size - off;
	return 0;
}

static int footer_bad(struct sk_reader *r, const char *why)
{
	snprintf(r->footer_problem, sizeof(r->footer_problem), "%s", why);
	return -1;
}

static int parse_footer_entries(struct sk_reader *r, const uint8_t *f, uint64_t n, uint32_t esize)
{
	uint64_t off = r->header_len, num = 1;
	for (uint64_t i = 0; i < n; i++, f += esize) {
		struct sk_chunk_info *ci = &r->chunks[i];
		ci->offset = sk_get64(f);
		ci->first_num = sk_get64(f + 8);
		ci->first_ts = sk_get64(f + 16);
		ci->last_ts = sk_get64(f + 24);
		ci->nevents = sk_get32(f + 32);
		ci->comp_len = sk_get32(f + 36);
		ci->raw_len = sk_get32(f + 40);
		ci->kind = sk_get32(f + 44);
		if (ci->offset != off || ci->first_num != num || ci->nevents == 0 ||
		    ci->comp_len == 0 || ci->comp_len > SK_MAX_CHUNK_COMP ||
		    ci->raw_len > SK_MAX_CHUNK_RAW || ci->first_ts > ci->last_ts ||
		    ci->comp_len + SK_CHUNK_HDR > r->footer_offset - off)
			return footer_bad(r, "footer index entry inconsistent with the file");
		off += SK_CHUNK_HDR + ci->comp_len;
		num += ci->nevents;
	}
	if (off != r->footer_offset)
		return footer_bad(r, "footer index does not cover the body");
	r->nchunks = n;
	return 0;
}

static int load_footer(struct sk_reader *r)
{
	uint8_t t[SK_TRAILER];
	if (r->size < r->header_len + SK_TRAILER ||
	    sk_read_at(r, r->size - SK_TRAILER, t, sizeof(t)) < 0 ||
	    memcmp(t + 16, SK_TRAILER_MAGIC, 8))
		return footer_bad(r, "no footer (the file was not closed cleanly)");
	if (SK_CRC_BAD(sk_crc32c(0, t, 12), sk_get32(t + 12)))
		return footer_bad(r, "trailer checksum mismatch");
	uint64_t foff = sk_get64(t), flen = sk_get32(t + 8);
	if (foff < r->header_len || flen < SK_FOOTER_FIXED + 4 ||
	    foff + flen != r->size - SK_TRAILER)
		return footer_bad(r, "trailer points outside the file");
	uint8_t *f = malloc(flen);
	if (!f)
		return footer_bad(r, "out of memory for the footer");
	int rc = -1;
	uint32_t esize = 0;
	uint64_t n = 0;
	if (sk_read_at(r, foff, f, flen) < 0)
		footer_bad(r, "footer unreadable");
	else if (SK_CRC_BAD(sk_crc32c(0, f, flen - 4), sk_get32(f + flen - 4)))
		footer_bad(r, "footer checksum mismatch");
	else if (sk_get32(f) != SK_FOOTER_MAGIC || (esize = sk_get32(f + 4)) < SK_FOOTER_ENTRY ||
		 (n = sk_get64(f + 8)) > (flen - SK_FOOTER_FIXED - 4) / esize ||
		 n * esize != flen - SK_FOOTER_FIXED - 4)
		footer_bad(r, "footer layout inconsistent");
	else if (!(r->chunks = calloc(n ? n : 1, sizeof(*r->chunks))))
		footer_bad(r, "out of memory for the chunk index");
	else {
		r->footer_offset = foff;
		rc = parse_footer_entries(r, f + SK_FOOTER_FIXED, n, esize);
		uint64_t total =
		    rc == 0 && n ? r->chunks[n - 1].first_num + r->chunks[n - 1].nevents - 1 : 0;
		if (rc == 0 && total != sk_get64(f + 16))
			rc = footer_bad(r, "footer event count disagrees with its index");
		r->sum.drops = sk_get64(f + 24);
		r->digest = sk_get64(f + 32);
	}
	free(f);
	return rc;
}

static void summarize(struct sk_reader *r)
{
	struct sk_capture_summary *s = &r->sum;
	uint64_t nev = 0, runmax = 0;
	s->file_size = r->size;
	s->nchunks = r->nchunks;
	s->bytes_comp = s->bytes_raw = 0;
	for (uint64_t i = 0; i < r->nchunks; i++) {
		const struct sk_chunk_info *ci = &r->chunks[i];
		nev += ci->nevents;
		s->bytes_comp += ci->comp_len;
		s->bytes_raw += ci->raw_len;
		if (i == 0 || ci->first_ts < s->first_ts)
			s->first_ts = ci->first_ts;
		if (i == 0 || ci->last_ts > runmax)
			runmax = ci->last_ts;
		r->max_ts_upto[i] = runmax;
	}
	s->last_ts = runmax;
	s->nevents = nev;
}

static struct sk_reader *open_common(struct sk_reader *r, struct sk_error *err)
{
	r->dctx = ZSTD_createDCtx();
	if (!r->dctx) {
		sk_rfail(r, err, "out of memory");
		goto fail;
	}
	if (read_header(r, err) < 0)
		goto fail;
	if (load_footer(r) == 0) {
		r->sum.footer_present = 1;
		r->sum.drops_known = 1;
		r->sum.torn_offset = r->size;
	} else {
		free(r->chunks);
		r->chunks = NULL;
		r->nchunks = 0;
		r->footer_offset = 0;
		r->sum.nevents = r->sum.drops = 0;
		if (scan_chunks(r, err) < 0)
			goto fail;
		snprintf(r->recovery, sizeof(r->recovery), "%s%s%s", r->footer_problem,
			 r->tail_problem[0] ? "; scan stopped: " : "", r->tail_problem);
	}
	r->max_ts_upto = malloc((r->nchunks ? r->nchunks : 1) * sizeof(uint64_t));
	if (!r->max_ts_upto) {
		sk_rfail(r, err, "out of memory for the chunk index");
		goto fail;
	}
	summarize(r);
	return r;
fail:
	sk_reader_close(r);
	return NULL;
}

static struct sk_reader *reader_new(const char *name, struct sk_error *err)
{
	struct sk_reader *r = calloc(1, sizeof(*r));
	if (!r) {
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: out of memory", name);
		return NULL;
	}
	r->fd = -1;
	snprintf(r->path, sizeof(r->path), "%s", name);
	return r;
}

struct sk_reader *sk_reader_open(const char *path, struct sk_error *err)
{
	struct sk_reader *r = reader_new(path, err);
	struct stat st;
	if (!r)
		return NULL;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0 || fstat(r->fd, &st) < 0) {
		sk_rfail(r, err, "cannot open: %s", strerror(errno));
		sk_reader_close(r);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		sk_rfail(r, err, "not a regular file");
		sk_reader_close(r);
		return NULL;
	}
	r->size = (uint64_t)st.st_size;
	return open_common(r, err);
}

struct sk_reader *sk_reader_open_mem(const void *data, size_t len, const char *name,
				     struct sk_error *err)
{
	struct sk_reader *r = reader_new(name, err);
	if (!r)
		return NULL;
	r->mem = data;
	r->size = len;
	return open_common(r, err);
}

void sk_reader_close(struct sk_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	ZSTD_freeDCtx(r->dctx);
	free(r->chunks);
	free(r->max_ts_upto);
	free(r->comp);
	free(r->raw);
	free(r);
}

const struct sk_file_info *sk_reader_info(const struct sk_reader *r)
{
	return &r->info;
}

const char *sk_reader_recovery(const struct sk_reader *r)
{
	return r->recovery;
}

const struct sk_capture_summary *sk_reader_summary(const struct sk_reader *r)
{
	return &r->sum;
}

uint64_t sk_reader_nchunks(const struct sk_reader *r)
{
	return r->nchunks;
}

const struct sk_chunk_info *sk_reader_chunk(const struct sk_reader *r, uint64_t i)
{
	return i < r->nchunks ? &r->chunks[i] : NULL;
}
