/* test_misc.c - the pieces around the round trip: checksum and varint
 * vectors, parameter decoding, the schema table, file mode 0600, hostile
 * files (wrong magic, future version, absurd lengths, zstd bombs, broken
 * framing) and `saker info` (argv[1]) output.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "format/wire.h"
#include "tests/format/synth.h"
#include "tests/format/testutil.h"

static char *saker;

static void check_checksums(void)
{
	struct sk_xxh64 h;
	static const struct {
		const char *s;
		uint64_t want;
	} v[] = {
	    {"", 0xef46db3751d8e999ull},
	    {"a", 0xd24ec4f1a98c6e5bull},
	    {"abc", 0x44bc2cf5ad770999ull},
	    {"foo", 0x33bf00a859c4ba3full},
	    {"abcdefghijklmnopqrstuvwxyz12345", 0x467605901b01d6f6ull},
	    {"0123456789abcdefghijklmnopqrstuvwxyz", 0x69196c1b3af0bff9ull},
	};
	CHECK(sk_crc32c(0, "123456789", 9) == 0xe3069283u, "crc32c check value");
	CHECK(sk_crc32c(sk_crc32c(0, "1234", 4), "56789", 5) == 0xe3069283u, "crc32c chaining");
	CHECK(sk_crc32c_portable(0, "123456789", 9) == 0xe3069283u, "portable crc32c");
	uint8_t buf[1000];
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + (i >> 3));
	for (size_t len = 0; len <= sizeof(buf); len += 37)
		CHECK(sk_crc32c(5, buf + len % 8, len - len % 8) ==
			  sk_crc32c_portable(5, buf + len % 8, len - len % 8),
		      "crc32c implementations differ at %zu bytes", len);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t len = strlen(v[i].s);
		sk_xxh64_init(&h);
		sk_xxh64_update(&h, v[i].s, len);
		CHECK(sk_xxh64_final(&h) == v[i].want, "xxh64(\"%s\")", v[i].s);
		sk_xxh64_init(&h);
		for (size_t k = 0; k < len; k++)
			sk_xxh64_update(&h, v[i].s + k, 1);
		CHECK(sk_xxh64_final(&h) == v[i].want, "xxh64(\"%s\") byte by byte", v[i].s);
	}
}

static void check_varints(void)
{
	static const uint64_t vals[] = {0,     1,	   127,	       128,	  16383,
					16384, 1ull << 32, 1ull << 63, UINT64_MAX};
	uint8_t buf[16];
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		unsigned n = sk_put_varint(buf, vals[i]);
		const uint8_t *p = buf;
		uint64_t got;
		CHECK(sk_get_varint(&p, buf + n, &got) == 0 && got == vals[i] && p == buf + n,
		      "varint %" PRIu64, vals[i]);
		p = buf;
		CHECK(sk_get_varint(&p, buf + n - 1, &got) < 0, "truncated varint %" PRIu64,
		      vals[i]);
	}
	memset(buf, 0xff, sizeof(buf));
	const uint8_t *p = buf;
	uint64_t got;
	CHECK(sk_get_varint(&p, buf + 16, &got) < 0, "an 11-byte varint was accepted");
	buf[9] = 0x02;
	p = buf;
	CHECK(sk_get_varint(&p, buf + 10, &got) < 0, "a 65-bit varint was accepted");
	CHECK(sk_unzigzag(sk_zigzag(INT64_MIN)) == INT64_MIN, "zigzag min");
	CHECK(sk_unzigzag(sk_zigzag(-1)) == -1 && sk_zigzag(-1) == 1, "zigzag -1");

	struct sk_param empty = {(const uint8_t *)"", 0}, two = {(const uint8_t *)"\x01\x02", 2};
	int64_t i;
	uint64_t u;
	CHECK(sk_param_uint(&empty, &u) < 0 && sk_param_int(&empty, &i) < 0, "empty parameter");
	CHECK(sk_param_uint(&two, &u) < 0, "trailing bytes in an integer parameter");
	struct sk_param neg = {(const uint8_t *)"\x03", 1};
	CHECK(sk_param_int(&neg, &i) == 0 && i == -2, "zigzag parameter");
}

static void check_schema(void)
{
	unsigned n = sk_event_count();
	CHECK(n == SK_E_MAX_KNOWN - 1, "%u types, last number %d", n, SK_E_MAX_KNOWN - 1);
	for (unsigned i = 0; i < n; i++) {
		const struct sk_event_info *e = sk_event_at(i);
		CHECK(e && e->id == i + 1 && sk_event_info(e->id) == e, "type at %u", i);
		for (unsigned k = 0; e && k < e->nparams; k++)
			CHECK(e->params[k].name && e->params[k].type != SK_PT_NONE,
			      "%s: parameter %u missing", e->name, k);
		CHECK(e && (e->nparams == SK_MAX_PARAMS || !e->params[e->nparams].name),
		      "%s: more parameters than nparams", e ? e->name : "?");
	}
	CHECK(sk_event_at(n) == NULL && sk_event_info(0) == NULL && sk_event_info(60000) == NULL,
	      "unknown types");
	const struct sk_event_info *o = sk_event_info(SK_E_OPENAT);
	CHECK(o && !strcmp(o->name, "openat") && o->dir == SK_DIR_EXIT, "openat");
	CHECK(sk_param_index(o, "name") == 2 && sk_param_index(o, "nope") == -1, "param index");
	CHECK(!strcmp(sk_ptype_name(SK_PT_PATH), "PATH") && !strcmp(sk_ptype_name(200), "UNKNOWN"),
	      "ptype names");
}

static void check_mode(void)
{
	struct sk_file_info fi;
	struct sk_error err;
	struct stat st;
	const char *path = t_path("mode.cap", 0);
	synth_file_info(&fi);
	mode_t old = umask(0);
	t_write_file(path, "x", 1);
	chmod(path, 0666);
	struct sk_writer *w = sk_writer_open(path, &fi, NULL, &err);
	umask(old);
	CHECK(w != NULL, "%s", err.msg);
	if (w)
		CHECK(sk_writer_close(w, &err) == 0, "%s", err.msg);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "existing file mode %o",
	      st.st_mode & 07777);
	unlink(path);
	old = umask(0);
	w = sk_writer_open(path, &fi, NULL, &err);
	umask(old);
	if (w)
		sk_writer_abandon(w);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "new file mode %o",
	      st.st_mode & 07777);
}

/* A valid header (taken from a real capture) followed by body bytes. */
struct crafted {
	uint8_t buf[1 << 16];
	size_t len, header_len;
};

static void craft_start(struct crafted *c)
{
	struct sk_file_info fi;
	struct sk_error err;
	size_t size;
	const char *path = t_path("hdr.cap", 2);
	synth_file_info(&fi);
	struct sk_writer *w = sk_writer_open(path, &fi, NULL, &err);
	if (w)
		sk_writer_abandon(w);
	uint8_t *d = t_read_file(path, &size);
	if (!d || size > sizeof(c->buf)) {
		fprintf(stderr, "cannot build a header\n");
		exit(1);
	}
	memcpy(c->buf, d, size);
	c->len = c->header_len = size;
	free(d);
}

/* Appends a chunk with checksums right and the given fields. */
static void craft_chunk(struct crafted *c, const void *payload, uint32_t comp_len, uint32_t raw_len,
			uint32_t nevents, uint64_t first_num, uint16_t kind)
{
	uint8_t *h = c->buf + c->len;
	size_t room = sizeof(c->buf) - c->len - SK_CHUNK_HDR;
	size_t plen = comp_len < room ? comp_len : room;
	sk_put32(h, SK_CHUNK_MAGIC);
	sk_put16(h + 4, kind);
	sk_put16(h + 6, SK_CHUNK_HDR);
	sk_put32(h + 8, comp_len);
	sk_put32(h + 12, raw_len);
	sk_put32(h + 16, nevents);
	memcpy(h + SK_CHUNK_HDR, payload, plen);
	sk_put32(h + 20, sk_crc32c(0, h + SK_CHUNK_HDR, plen));
	sk_put64(h + 24, first_num);
	sk_put64(h + 32, 100);
	sk_put64(h + 40, 100);
	sk_put32(h + 48, 0);
	sk_put32(h + 52, sk_crc32c(0, h, 52));
	c->len += SK_CHUNK_HDR + plen;
}

/* Writes the crafted file; opening must fail (want_open 0) or succeed and
 * then fail verification; either way the message names the file, an offset
 * and contains expect. */
static void expect_rejected(struct crafted *c, int want_open, const char *expect)
{
	struct sk_error err = {{0}};
	struct sk_event ev;
	const char *path = t_path("crafted.cap", 1);
	t_write_file(path, c->buf, c->len);
	struct sk_reader *r = sk_reader_open(path, &err);
	CHECK((r != NULL) == want_open, "%s: open %s: %s", expect, r ? "succeeded" : "failed",
	      err.msg);
	if (r) {
		while (sk_reader_next(r, &ev, &err) == 1)
			;
		CHECK(sk_reader_verify(r, &err) < 0, "%s: verify passed", expect);
		sk_reader_close(r);
	}
	CHECK(strstr(err.msg, path) && strstr(err.msg, "offset") && strstr(err.msg, expect),
	      "wanted \"%s\" with file and offset in: %s", expect, err.msg);
}

static void check_header_attacks(void)
{
	struct crafted c;
	craft_start(&c);
	c.buf[0] = 'X';
	expect_rejected(&c, 0, "bad magic");
	craft_start(&c);
	sk_put16(c.buf + 8, SK_FORMAT_VERSION_MAJOR + 1);
	expect_rejected(&c, 0, "not supported");
	craft_start(&c);
	sk_put32(c.buf + 12, 0xffffffffu);
	expect_rejected(&c, 0, "header length");
	craft_start(&c);
	c.len -= 5;
	expect_rejected(&c, 0, "truncated");
	craft_start(&c);
	c.len = 0;
	expect_rejected(&c, 0, "too short");

	/* a newer minor version with an unknown header field is accepted */
	struct sk_error err;
	craft_start(&c);
	sk_put16(c.buf + 10, SK_FORMAT_VERSION_MINOR + 3);
	size_t at = c.header_len - 4;
	memcpy(c.buf + at, "\x63\x03new", 5);
	sk_put32(c.buf + 12, (uint32_t)(c.header_len + 5));
	sk_put32(c.buf + at + 5, sk_crc32c(0, c.buf, at + 5));
	c.len = c.header_len + 5;
	t_write_file(t_path("minor.cap", 1), c.buf, c.len);
	struct sk_reader *r = sk_reader_open(t_path("minor.cap", 1), &err);
	CHECK(r && sk_reader_info(r)->version_minor == SK_FORMAT_VERSION_MINOR + 3 &&
		  !strcmp(sk_reader_info(r)->hostname, "build-host.example"),
	      "newer minor version: %s", r ? "fields wrong" : err.msg);
	sk_reader_close(r);
}

static void check_chunk_attacks(void)
{
	static uint8_t zeros[64 << 20];
	static uint8_t comp[1 << 16];
	struct crafted c;
	uint8_t rec[] = {0x0c, 0x07, 0xc8, 0x01, 0x01, 0x01, 0x00,
			 0x00, 0x02, 0x01, 0x00, 0x01, 0x06};
	size_t n = ZSTD_compress(comp, sizeof(comp), rec, sizeof(rec), 3);

	craft_start(&c);
	craft_chunk(&c, comp, 0xfffffff0u, sizeof(rec), 1, 1, SK_CHUNK_RECORDS);
	expect_rejected(&c, 1, "compressed length");
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)n, 0xfffffff0u, 1, 1, SK_CHUNK_RECORDS);
	expect_rejected(&c, 1, "raw length");
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)n, sizeof(rec), 1, 1, SK_CHUNK_RECORDS);
	c.buf[c.len - 2] ^= 1;
	sk_put32(c.buf + c.header_len + 20, 0);
	expect_rejected(&c, 1, "checksum");

	/* zstd bomb: 64 MiB of zeros in a few KiB */
	size_t bomb = ZSTD_compress(comp, sizeof(comp), zeros, sizeof(zeros), 3);
	CHECK(!ZSTD_isError(bomb), "cannot build the bomb");
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)bomb, 100, 1, 1, SK_CHUNK_RECORDS);
	expect_rejected(&c, 1, "raw length 100");
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)bomb, sizeof(zeros), 1, 1, SK_CHUNK_RECORDS);
	expect_rejected(&c, 1, "exceeds the limit");

	/* a chunk of a kind this reader does not know is skipped, numbering goes on */
	struct sk_error err;
	struct sk_event ev;
	n = ZSTD_compress(comp, sizeof(comp), rec, sizeof(rec), 3);
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)n, sizeof(rec), 1, 1, 9);
	craft_chunk(&c, comp, (uint32_t)n, sizeof(rec), 1, 2, SK_CHUNK_RECORDS);
	t_write_file(t_path("kind.cap", 1), c.buf, c.len);
	struct sk_reader *r = sk_reader_open(t_path("kind.cap", 1), &err);
	CHECK(r && sk_reader_nchunks(r) == 2, "unknown kind: %s", r ? "chunks" : err.msg);
	CHECK(r && sk_reader_next(r, &ev, &err) == 1 && ev.num == 2 && ev.type == SK_E_CLOSE &&
		  ev.ts == 100 && ev.nparams == 2 && sk_reader_next(r, &ev, &err) == 0,
	      "unknown kind not skipped");
	CHECK(r && sk_reader_verify(r, &err) < 0 && strstr(err.msg, "no footer"), "verify: %s",
	      err.msg);
	sk_reader_close(r);

	/* a record whose length runs past its chunk */
	uint8_t bad[] = {0xff, 0xff, 0xff, 0x7f, 0x07, 0x00};
	n = ZSTD_compress(comp, sizeof(comp), bad, sizeof(bad), 3);
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)n, sizeof(bad), 1, 1, SK_CHUNK_RECORDS);
	expect_rejected(&c, 1, "malformed framing");

	/* a parameter length past its record */
	uint8_t badp[] = {0x08, 0x07, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x7f};
	n = ZSTD_compress(comp, sizeof(comp), badp, sizeof(badp), 3);
	craft_start(&c);
	craft_chunk(&c, comp, (uint32_t)n, sizeof(badp), 1, 1, SK_CHUNK_RECORDS);
	expect_rejected(&c, 1, "malformed framing");
}

/* A footer with a lying chunk count (checksum fixed up) is not trusted:
 * the file is recovered by scanning and every record is still read. */
static void check_footer_attack(void)
{
	struct sk_error err;
	size_t size;
	const char *path = t_path("footer.cap", 0);
	if (t_write_capture(path, 11, 3000, &(struct sk_writer_opts){.chunk_bytes = 4096}, 1) < 0)
		return;
	uint8_t *d = t_read_file(path, &size);
	if (!d)
		return;
	uint64_t foff = sk_get64(d + size - SK_TRAILER);
	uint32_t flen = sk_get32(d + size - SK_TRAILER + 8);
	sk_put64(d + foff + 8, 1ull << 60);
	sk_put32(d + foff + flen - 4, sk_crc32c(0, d + foff, flen - 4));
	t_write_file(path, d, size);
	free(d);
	struct sk_reader *r = sk_reader_open(path, &err);
	CHECK(r != NULL, "%s", err.msg);
	if (!r)
		return;
	const struct sk_capture_summary *s = sk_reader_summary(r);
	CHECK(!s->footer_present && s->nevents == 3000, "footer %d, %" PRIu64 " events",
	      s->footer_present, s->nevents);
	CHECK(sk_reader_verify(r, &err) < 0 && strstr(err.msg, "footer"), "verify: %s", err.msg);
	sk_reader_close(r);
}

/* Records read back and appended to a new writer with the same options
 * make a byte-identical file. */
static void check_append_copy(void)
{
	struct sk_writer_opts opts = {.chunk_bytes = 4096};
	struct sk_file_info fi;
	struct sk_error err;
	struct sk_event ev;
	size_t alen, blen;
	const char *a = t_path("orig.cap", 0), *b = t_path("copy.cap", 1);
	if (t_write_capture(a, 17, 3000, &opts, 1) < 0)
		return;
	synth_file_info(&fi);
	struct sk_reader *r = sk_reader_open(a, &err);
	struct sk_writer *w = r ? sk_writer_open(b, &fi, &opts, &err) : NULL;
	CHECK(r && w, "%s", err.msg);
	while (w && sk_reader_next(r, &ev, &err) == 1)
		CHECK(sk_writer_append(w, &ev, &err) == 0, "%s", err.msg);
	CHECK(w && sk_writer_close(w, &err) == 0, "%s", err.msg);
	sk_reader_close(r);
	uint8_t *da = t_read_file(a, &alen), *db = t_read_file(b, &blen);
	CHECK(da && db && alen == blen && !memcmp(da, db, alen), "copy differs (%zu vs %zu bytes)",
	      alen, blen);
	free(da);
	free(db);
}

/* Oversized records are refused with a message, and the writer goes on. */
static void check_record_limits(void)
{
	static uint8_t big[SK_MAX_RECORD];
	struct sk_file_info fi;
	struct sk_error err;
	const char *path = t_path("limits.cap", 0);
	synth_file_info(&fi);
	struct sk_writer *w = sk_writer_open(path, &fi, NULL, &err);
	CHECK(w != NULL, "%s", err.msg);
	if (!w)
		return;
	sk_writer_begin(w, SK_E_GENERIC_X, 1, 1, 1, 0, 0);
	for (int i = 0; i <= SK_MAX_PARAMS; i++)
		sk_writer_uint(w, (uint64_t)i);
	CHECK(sk_writer_end(w, &err) < 0 && strstr(err.msg, "more than 32 parameters"), "%s",
	      err.msg);
	sk_writer_begin(w, SK_E_WRITE, 2, 1, 1, 0, 0);
	sk_writer_bytes(w, big, sizeof(big));
	CHECK(sk_writer_end(w, &err) < 0 && strstr(err.msg, path), "a 1 MiB parameter: %s",
	      err.msg);
	sk_writer_begin(w, SK_E_WRITE, 3, 1, 1, 0, 0);
	sk_writer_bytes(w, big, SK_MAX_RECORD - 100);
	CHECK(sk_writer_end(w, &err) == 0, "the largest record: %s", err.msg);
	CHECK(sk_writer_close(w, &err) == 0, "%s", err.msg);
	struct sk_reader *r = sk_reader_open(path, &err);
	struct sk_event ev;
	CHECK(r && sk_reader_next(r, &ev, &err) == 1 && ev.ts == 3 && ev.nparams == 1 &&
		  ev.params[0].len == SK_MAX_RECORD - 100 && sk_reader_next(r, &ev, &err) == 0,
	      "limits file: %s", r ? "wrong records" : err.msg);
	CHECK(r && sk_reader_verify(r, &err) == 0, "%s", err.msg);
	sk_reader_close(r);
	CHECK(!sk_reader_open(t_tmpdir(), &err) && strstr(err.msg, "not a regular file"),
	      "directory: %s", err.msg);
	CHECK(!sk_writer_open(t_tmpdir(), &fi, NULL, &err), "writing over a directory");
}

static void write_drops(const char *path, int clean)
{
	struct sk_file_info fi;
	struct sk_error err;
	synth_file_info(&fi);
	snprintf(fi.hostname, sizeof(fi.hostname), "ev\x1b[2Jil\\host");
	struct sk_writer *w = sk_writer_open(path, &fi, NULL, &err);
	if (!w)
		return;
	for (int i = 0; i < 3; i++) {
		sk_writer_begin(w, SK_E_DROP, fi.start_boot_ns + 1500000000ull * (uint64_t)i, 0, 0,
				0, 0);
		sk_writer_uint(w, (uint64_t)i);
		sk_writer_uint(w, 5 + 2 * (uint64_t)i);
		sk_writer_uint(w, 1);
		sk_writer_end(w, &err);
	}
	if (clean) {
		sk_writer_close(w, &err);
	} else {
		sk_writer_seal(w, &err);
		sk_writer_abandon(w);
	}
}

static void check_info_output(void)
{
	static char out[16384], again[16384];
	const char *path = t_path("info.cap", 0);
	char *argv[] = {saker, "info", (char *)path, NULL};
	write_drops(path, 1);
	setenv("TZ", "Asia/Tokyo", 1);
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	CHECK(t_run(argv, out, sizeof(out)) == 0, "info: %s", out);
	setenv("TZ", "America/New_York", 1);
	CHECK(t_run(argv, again, sizeof(again)) == 0 && !strcmp(out, again),
	      "output depends on TZ:\n%s\n%s", out, again);
	static const char *const want[] = {
	    "hostname:       ev\\x1b[2Jil\\\\host\n",
	    "capture start:  2025-11-24T17:23:20.000000000Z (boot clock 5000000000000 ns)\n",
	    "boot time:      2025-11-24T16:00:00.000000000Z\n",
	    "time range:     2025-11-24T17:23:20.000000000Z .. 2025-11-24T17:23:23.000000000Z\n",
	    "duration:       3.000000000 s\n",
	    "events:         3\n",
	    "footer:         present",
	    "drops:          21\n",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(strstr(out, want[i]), "wanted \"%s\" in:\n%s", want[i], out);
	for (const char *p = out; *p; p++)
		CHECK(*p == '\n' || (*p >= 0x20 && *p < 0x7f), "control byte 0x%02x in output",
		      (unsigned char)*p);
	write_drops(path, 0);
	CHECK(t_run(argv, out, sizeof(out)) == 0, "info: %s", out);
	CHECK(strstr(out, "drops:          21 (counted by scanning)") &&
		  strstr(out, "absent: recovered by scanning, 0 bytes torn") &&
		  strstr(out, "recovery:       no footer (the file was not closed cleanly)\n"),
	      "recovered file:\n%s", out);
	char *help[] = {saker, "info", "--help", NULL};
	char *none[] = {saker, "info", NULL};
	char *bad[] = {saker, "info", (char *)t_path("nope.cap", 1), NULL};
	CHECK(t_run(help, out, sizeof(out)) == 0 && strstr(out, "usage: saker info"), "--help");
	CHECK(t_run(none, out, sizeof(out)) == 2, "no file: exit not 2");
	CHECK(t_run(bad, out, sizeof(out)) == 1 && strstr(out, "nope.cap"), "missing: %s", out);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_format_misc SAKER\n");
		return 2;
	}
	saker = argv[1];
	check_checksums();
	check_varints();
	check_schema();
	check_mode();
	check_header_attacks();
	check_chunk_attacks();
	check_footer_attack();
	check_append_copy();
	check_record_limits();
	check_info_output();
	return t_done("test_misc");
}
