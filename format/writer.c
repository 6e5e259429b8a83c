/* writer.c - builds records into chunks, compresses and seals them.
 *
 * A record's parameters are built in a scratch buffer, then framed (length,
 * type, ts delta, ids, parameter count) into the open chunk's raw buffer.
 * Sealing compresses the raw buffer straight behind room for the chunk
 * header, fills the header in and writes both with one write(2), so a chunk
 * is either wholly on disk or detectably torn. The footer is written only by
 * a clean close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "format/capture.h"
#include "format/wire.h"

#define DEFAULT_LEVEL	    3
#define DEFAULT_CHUNK_BYTES (1u << 20)
#define DEFAULT_CHUNK_NS    1000000000ull
#define MIN_CHUNK_BYTES	    64u
#define MAX_CHUNK_BYTES	    (SK_MAX_CHUNK_RAW - SK_MAX_RECORD - 64)
#define REC_HDR_MAX	    (7 * SK_VARINT_MAX)
#define PARAMS_MAX	    (SK_MAX_RECORD - REC_HDR_MAX)

struct index_entry {
	uint64_t offset, first_num, min_ts, max_ts;
	uint32_t nevents, comp_len, raw_len;
};

struct sk_writer {
	int fd;
	int failed;
	char path[256];
	struct sk_writer_opts opts;
	ZSTD_CCtx *cctx;

	/* the record being built */
	uint16_t type, cpu;
	uint32_t tid, pid, flags, nparams;
	uint64_t ts;
	int overflow;
	uint8_t *params;
	size_t params_len;

	/* the open chunk */
	uint8_t *raw;
	size_t raw_len;
	uint32_t chunk_events;
	uint64_t chunk_min_ts, chunk_max_ts, prev_ts;

	/* sealed output */
	uint8_t *out;
	size_t out_cap;
	uint64_t offset;
	struct index_entry *index;
	uint64_t nindex, index_cap;
	struct sk_xxh64 digest;
	uint64_t nevents, drops;
	struct sk_writer_stats stats;
};

static void fail(struct sk_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct sk_error *err, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

static int write_all(struct sk_writer *w, const uint8_t *p, size_t len, struct sk_error *err)
{
	uint64_t at = w->offset;
	while (len) {
		ssize_t n = write(w->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fail(err, "%s: offset %llu: write failed: %s", w->path,
			     (unsigned long long)at, n < 0 ? strerror(errno) : "no progress");
			w->failed = 1;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		at += (uint64_t)n;
		w->offset = at;
	}
	return 0;
}

static size_t put_tag_str(uint8_t *p, unsigned tag, const char *s, size_t cap)
{
	size_t len = strnlen(s, cap), n = 0;
	n += sk_put_varint(p + n, tag);
	n += sk_put_varint(p + n, len);
	memcpy(p + n, s, len);
	return n + len;
}

static size_t put_tag_uint(uint8_t *p, unsigned tag, uint64_t v)
{
	uint8_t tmp[SK_VARINT_MAX];
	unsigned vlen = sk_put_varint(tmp, v), n = 0;
	n += sk_put_varint(p + n, tag);
	n += sk_put_varint(p + n, vlen);
	memcpy(p + n, tmp, vlen);
	return n + vlen;
}

#define STR_FIELD(p, tag, field) put_tag_str(p, tag, field, sizeof(field))

static int write_header(struct sk_writer *w, const struct sk_file_info *info, struct sk_error *err)
{
	uint8_t buf[2048];
	size_t n = SK_FILE_FIXED;
	memcpy(buf, SK_FILE_MAGIC, SK_FILE_MAGIC_LEN);
	sk_put16(buf + 8, SK_FORMAT_VERSION_MAJOR);
	sk_put16(buf + 10, SK_FORMAT_VERSION_MINOR);
	n += STR_FIELD(buf + n, SK_HT_RECORDER, info->recorder);
	n += STR_FIELD(buf + n, SK_HT_HOSTNAME, info->hostname);
	n += STR_FIELD(buf + n, SK_HT_KERNEL, info->kernel_release);
	n += STR_FIELD(buf + n, SK_HT_MACHINE, info->machine);
	n += put_tag_uint(buf + n, SK_HT_NCPUS, info->ncpus);
	n += put_tag_uint(buf + n, SK_HT_BOOT_TIME, sk_zigzag(info->boot_time_ns));
	n += put_tag_uint(buf + n, SK_HT_START_WALL, sk_zigzag(info->start_wall_ns));
	n += put_tag_uint(buf + n, SK_HT_START_BOOT, info->start_boot_ns);
	n += put_tag_uint(buf + n, SK_HT_SNAPLEN, info->snaplen);
	n += put_tag_uint(buf + n, SK_HT_RECORD_FLAGS, info->record_flags);
	n += STR_FIELD(buf + n, SK_HT_OPTIONS, info->options);
	sk_put32(buf + 12, (uint32_t)(n + 4));
	sk_put32(buf + n, sk_crc32c(0, buf, n));
	n += 4;
	sk_xxh64_init(&w->digest);
	return write_all(w, buf, n, err);
}

static void writer_free(struct sk_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	ZSTD_freeCCtx(w->cctx);
	free(w->params);
	free(w->raw);
	free(w->out);
	free(w->index);
	free(w);
}

static void set_opts(struct sk_writer *w, const struct sk_writer_opts *opts)
{
	if (opts)
		w->opts = *opts;
	if (w->opts.zstd_level == 0)
		w->opts.zstd_level = DEFAULT_LEVEL;
	if (w->opts.chunk_bytes == 0)
		w->opts.chunk_bytes = DEFAULT_CHUNK_BYTES;
	if (w->opts.chunk_bytes < MIN_CHUNK_BYTES)
		w->opts.chunk_bytes = MIN_CHUNK_BYTES;
	if (w->opts.chunk_bytes > MAX_CHUNK_BYTES)
		w->opts.chunk_bytes = MAX_CHUNK_BYTES;
	if (w->opts.chunk_ns == 0 || w->opts.chunk_ns > DEFAULT_CHUNK_NS)
		w->opts.chunk_ns = DEFAULT_CHUNK_NS;
}

struct sk_writer *sk_writer_open(const char *path, const struct sk_file_info *info,
				 const struct sk_writer_opts *opts, struct sk_error *err)
{
	struct sk_writer *w = calloc(1, sizeof(*w));
	if (!w) {
		fail(err, "%s: out of memory", path);
		return NULL;
	}
	w->fd = -1;
	snprintf(w->path, sizeof(w->path), "%s", path);
	set_opts(w, opts);
	size_t raw_cap = w->opts.chunk_bytes + SK_MAX_RECORD + 64;
	w->out_cap = SK_CHUNK_HDR + ZSTD_compressBound(raw_cap);
	w->params = malloc(PARAMS_MAX);
	w->raw = malloc(raw_cap);
	w->out = malloc(w->out_cap);
	w->cctx = ZSTD_createCCtx();
	if (!w->params || !w->raw || !w->out || !w->cctx) {
		fail(err, "%s: out of memory", path);
		writer_free(w);
		return NULL;
	}
	ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel, w->opts.zstd_level);
	ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_contentSizeFlag, 1);
	struct stat st;
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (w->fd < 0 || fstat(w->fd, &st) < 0) {
		fail(err, "%s: cannot create: %s", path, strerror(errno));
		writer_free(w);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || fchmod(w->fd, 0600) < 0) {
		fail(err, "%s: cannot create: %s", path,
		     S_ISREG(st.st_mode) ? strerror(errno) : "not a regular file");
		writer_free(w);
		return NULL;
	}
	if (write_header(w, info, err) < 0) {
		writer_free(w);
		return NULL;
	}
	w->stats.bytes_written = w->offset;
	return w;
}

void sk_writer_begin(struct sk_writer *w, uint16_t type, uint64_t ts, uint32_t tid, uint32_t pid,
		     uint16_t cpu, uint32_t flags)
{
	w->type = type;
	w->ts = ts;
	w->tid = tid;
	w->pid = pid;
	w->cpu = cpu;
	w->flags = flags;
	w->nparams = 0;
	w->params_len = 0;
	w->overflow = 0;
}

static uint8_t *param_room(struct sk_writer *w, size_t len)
{
	if (w->nparams >= SK_MAX_PARAMS || len + SK_VARINT_MAX > PARAMS_MAX - w->params_len) {
		w->overflow = 1;
		return NULL;
	}
	w->nparams++;
	w->params_len += sk_put_varint(w->params + w->params_len, len);
	uint8_t *p = w->params + w->params_len;
	w->params_len += len;
	return p;
}

void sk_writer_uint(struct sk_writer *w, uint64_t v)
{
	if (w->nparams >= SK_MAX_PARAMS || PARAMS_MAX - w->params_len < 1 + SK_VARINT_MAX) {
		w->overflow = 1;
		return;
	}
	/* a varint is at most 10 bytes, so its length prefix is one byte */
	uint8_t *p = w->params + w->params_len;
	unsigned n = sk_put_varint(p + 1, v);
	p[0] = (uint8_t)n;
	w->params_len += 1 + n;
	w->nparams++;
}

void sk_writer_int(struct sk_writer *w, int64_t v)
{
	sk_writer_uint(w, sk_zigzag(v));
}

void sk_writer_bytes(struct sk_writer *w, const void *data, uint32_t len)
{
	uint8_t *p = param_room(w, len);
	if (p && len)
		memcpy(p, data, len);
}

/* DROP records' counts are summed into the footer so `saker info` need not
 * scan a cleanly closed file. */
static void count_drops(struct sk_writer *w)
{
	const uint8_t *p = w->params, *end = w->params + w->params_len;
	uint64_t len, count;
	for (int i = 0; i < 2; i++) {
		if (sk_get_varint(&p, end, &len) < 0 || len > (uint64_t)(end - p))
			return;
		if (i == 1) {
			struct sk_param prm = {p, (uint32_t)len};
			if (sk_param_uint(&prm, &count) == 0)
				w->drops += count;
		}
		p += len;
	}
}

/* Time the open chunk would span with a record at ts added. */
static uint64_t span_with(const struct sk_writer *w, uint64_t ts)
{
	uint64_t lo = ts < w->chunk_min_ts ? ts : w->chunk_min_ts;
	uint64_t hi = ts > w->chunk_max_ts ? ts : w->chunk_max_ts;
	return hi - lo;
}

/* Seals first if the record would stretch the chunk to chunk_ns, so every
 * chunk spans less than chunk_ns; seals after if it reached chunk_bytes. */
int sk_writer_end(struct sk_writer *w, struct sk_error *err)
{
	if (w->failed) {
		fail(err, "%s: writer stopped after an earlier write error", w->path);
		return -1;
	}
	if (w->overflow) {
		fail(err, "%s: record %llu (type %u): more than %u parameters or %u bytes", w->path,
		     (unsigned long long)w->nevents + 1, w->type, SK_MAX_PARAMS, PARAMS_MAX);
		return -1;
	}
	if (w->chunk_events && span_with(w, w->ts) >= w->opts.chunk_ns &&
	    sk_writer_seal(w, err) < 0)
		return -1;
	uint8_t hdr[REC_HDR_MAX];
	unsigned h = 0;
	h += sk_put_varint(hdr + h, w->type);
	h += sk_put_varint(hdr + h, sk_zigzag((int64_t)(w->ts - w->prev_ts)));
	h += sk_put_varint(hdr + h, w->tid);
	h += sk_put_varint(hdr + h, w->pid);
	h += sk_put_varint(hdr + h, w->cpu);
	h += sk_put_varint(hdr + h, w->flags);
	h += sk_put_varint(hdr + h, w->nparams);
	uint8_t *p = w->raw + w->raw_len;
	p += sk_put_varint(p, h + w->params_len);
	memcpy(p, hdr, h);
	memcpy(p + h, w->params, w->params_len);
	w->raw_len = (size_t)(p + h + w->params_len - w->raw);

	if (w->chunk_events == 0 || w->ts < w->chunk_min_ts)
		w->chunk_min_ts = w->ts;
	if (w->chunk_events == 0 || w->ts > w->chunk_max_ts)
		w->chunk_max_ts = w->ts;
	w->prev_ts = w->ts;
	w->chunk_events++;
	w->nevents++;
	if (w->type == SK_E_DROP)
		count_drops(w);
	if (w->raw_len >= w->opts.chunk_bytes)
		return sk_writer_seal(w, err);
	return 0;
}

int sk_writer_append(struct sk_writer *w, const struct sk_event *ev, struct sk_error *err)
{
	sk_writer_begin(w, ev->type, ev->ts, ev->tid, ev->pid, ev->cpu, ev->flags);
	if (ev->nparams > SK_MAX_PARAMS)
		w->overflow = 1;
	for (uint32_t i = 0; i < ev->nparams && i < SK_MAX_PARAMS; i++)
		sk_writer_bytes(w, ev->params[i].ptr, ev->params[i].len);
	return sk_writer_end(w, err);
}

static int add_index(struct sk_writer *w, const struct index_entry *e, struct sk_error *err)
{
	if (w->nindex == w->index_cap) {
		uint64_t cap = w->index_cap ? w->index_cap * 2 : 64;
		struct index_entry *n = realloc(w->index, cap * sizeof(*n));
		if (!n) {
			fail(err, "%s: out of memory for the chunk index", w->path);
			w->failed = 1;
			return -1;
		}
		w->index = n;
		w->index_cap = cap;
	}
	w->index[w->nindex++] = *e;
	return 0;
}

int sk_writer_seal(struct sk_writer *w, struct sk_error *err)
{
	if (w->failed) {
		fail(err, "%s: writer stopped after an earlier write error", w->path);
		return -1;
	}
	if (w->chunk_events == 0)
		return 0;
	size_t comp = ZSTD_compress2(w->cctx, w->out + SK_CHUNK_HDR, w->out_cap - SK_CHUNK_HDR,
				     w->raw, w->raw_len);
	if (ZSTD_isError(comp)) {
		fail(err, "%s: offset %llu: compression failed: %s", w->path,
		     (unsigned long long)w->offset, ZSTD_getErrorName(comp));
		w->failed = 1;
		return -1;
	}
	struct index_entry e = {w->offset,	     w->nevents - w->chunk_events + 1,
				w->chunk_min_ts,     w->chunk_max_ts,
				w->chunk_events,     (uint32_t)comp,
				(uint32_t)w->raw_len};
	uint8_t *h = w->out;
	sk_put32(h, SK_CHUNK_MAGIC);
	sk_put16(h + 4, SK_CHUNK_RECORDS);
	sk_put16(h + 6, SK_CHUNK_HDR);
	sk_put32(h + 8, e.comp_len);
	sk_put32(h + 12, e.raw_len);
	sk_put32(h + 16, e.nevents);
	sk_put32(h + 20, sk_crc32c(0, h + SK_CHUNK_HDR, comp));
	sk_put64(h + 24, e.first_num);
	sk_put64(h + 32, e.min_ts);
	sk_put64(h + 40, e.max_ts);
	sk_put32(h + 48, 0);
	sk_put32(h + 52, sk_crc32c(0, h, 52));
	if (add_index(w, &e, err) < 0 || write_all(w, h, SK_CHUNK_HDR + comp, err) < 0)
		return -1;
	sk_xxh64_update(&w->digest, h, SK_CHUNK_HDR + comp);
	w->stats.chunks++;
	w->stats.events += w->chunk_events;
	w->stats.bytes_raw += w->raw_len;
	w->stats.bytes_written = w->offset;
	w->raw_len = 0;
	w->chunk_events = 0;
	w->prev_ts = 0;
	if (w->opts.fsync_on_seal && fdatasync(w->fd) < 0) {
		fail(err, "%s: fdatasync: %s", w->path, strerror(errno));
		w->failed = 1;
		return -1;
	}
	return 0;
}

int sk_writer_tick(struct sk_writer *w, uint64_t now_boot_ns, struct sk_error *err)
{
	if (w->chunk_events && now_boot_ns > w->chunk_min_ts &&
	    now_boot_ns - w->chunk_min_ts >= w->opts.chunk_ns)
		return sk_writer_seal(w, err);
	return 0;
}

void sk_writer_stats(const struct sk_writer *w, struct sk_writer_stats *st)
{
	*st = w->stats;
}

static int write_footer(struct sk_writer *w, struct sk_error *err)
{
	size_t flen = SK_FOOTER_FIXED + w->nindex * SK_FOOTER_ENTRY + 4;
	uint8_t *buf = malloc(flen + SK_TRAILER);
	if (!buf) {
		fail(err, "%s: out of memory for the footer", w->path);
		return -1;
	}
	uint64_t foff = w->offset;
	sk_put32(buf, SK_FOOTER_MAGIC);
	sk_put32(buf + 4, SK_FOOTER_ENTRY);
	sk_put64(buf + 8, w->nindex);
	sk_put64(buf + 16, w->nevents);
	sk_put64(buf + 24, w->drops);
	sk_put64(buf + 32, sk_xxh64_final(&w->digest));
	uint8_t *p = buf + SK_FOOTER_FIXED;
	for (uint64_t i = 0; i < w->nindex; i++, p += SK_FOOTER_ENTRY) {
		const struct index_entry *e = &w->index[i];
		sk_put64(p, e->offset);
		sk_put64(p + 8, e->first_num);
		sk_put64(p + 16, e->min_ts);
		sk_put64(p + 24, e->max_ts);
		sk_put32(p + 32, e->nevents);
		sk_put32(p + 36, e->comp_len);
		sk_put32(p + 40, e->raw_len);
		sk_put32(p + 44, SK_CHUNK_RECORDS);
	}
	sk_put32(p, sk_crc32c(0, buf, flen - 4));
	p += 4;
	sk_put64(p, foff);
	sk_put32(p + 8, (uint32_t)flen);
	sk_put32(p + 12, sk_crc32c(0, p, 12));
	memcpy(p + 16, SK_TRAILER_MAGIC, 8);
	int rc = write_all(w, buf, flen + SK_TRAILER, err);
	free(buf);
	return rc;
}

int sk_writer_close(struct sk_writer *w, struct sk_error *err)
{
	int rc = sk_writer_seal(w, err);
	if (rc == 0)
		rc = write_footer(w, err);
	if (rc == 0 && fdatasync(w->fd) < 0) {
		fail(err, "%s: fdatasync: %s", w->path, strerror(errno));
		rc = -1;
	}
	if (rc == 0) {
		if (close(w->fd) < 0) {
			fail(err, "%s: close: %s", w->path, strerror(errno));
			rc = -1;
		}
		w->fd = -1;
	}
	writer_free(w);
	return rc;
}

void sk_writer_abandon(struct sk_writer *w)
{
	writer_free(w);
}
