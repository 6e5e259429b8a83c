/* test_corrupt.c - `saker verify` (the real binary, argv[1]) catches a
 * flipped byte anywhere: in each chunk's header and payload, the file
 * header, the footer and the trailer; it names the bad chunk and offset.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "format/wire.h"
#include "tests/format/testutil.h"

static char *saker;

static int verify(const char *path, char *out, size_t outlen)
{
	char *argv[] = {saker, "verify", (char *)path, NULL};
	return t_run(argv, out, outlen);
}

static void flip_and_verify(const uint8_t *data, size_t size, uint64_t at, const char *expect)
{
	static char out[8192];
	const char *path = t_path("flipped.cap", 1);
	uint8_t *copy = malloc(size);
	if (!copy)
		return;
	memcpy(copy, data, size);
	copy[at] ^= 0x5a;
	t_write_file(path, copy, size);
	free(copy);
	int rc = verify(path, out, sizeof(out));
	CHECK(rc == 1, "byte %" PRIu64 " flipped: exit %d: %s", at, rc, out);
	CHECK(strstr(out, expect) && strstr(out, path), "byte %" PRIu64 ": wanted \"%s\" in: %s",
	      at, expect, out);
}

static void check_usage(const char *path)
{
	static char out[8192];
	char *noarg[] = {saker, "verify", NULL};
	char *badopt[] = {saker, "verify", "--bogus", NULL};
	char *two[] = {saker, "verify", (char *)path, (char *)path, NULL};
	char *help[] = {saker, "verify", "--help", NULL};
	char *missing[] = {saker, "verify", (char *)t_path("does-not-exist.cap", 2), NULL};
	CHECK(t_run(noarg, out, sizeof(out)) == 2, "no file: %s", out);
	CHECK(t_run(badopt, out, sizeof(out)) == 2, "unknown option: %s", out);
	CHECK(t_run(two, out, sizeof(out)) == 2, "two files: %s", out);
	CHECK(t_run(help, out, sizeof(out)) == 0 && strstr(out, "usage"), "--help: %s", out);
	CHECK(t_run(missing, out, sizeof(out)) == 1 && strstr(out, "does-not-exist.cap"),
	      "missing file: %s", out);
}

int main(int argc, char **argv)
{
	static char out[8192], expect[256];
	struct sk_writer_opts opts = {.chunk_bytes = 8192};
	struct sk_error err;
	size_t size;
	if (argc != 2) {
		fprintf(stderr, "usage: test_format_corrupt SAKER\n");
		return 2;
	}
	saker = argv[1];
	const char *path = t_path("good.cap", 0);
	if (t_write_capture(path, 3, 4000, &opts, 1) < 0)
		return 1;
	CHECK(verify(path, out, sizeof(out)) == 0 && strstr(out, "OK"), "intact file: %s", out);
	check_usage(path);

	uint8_t *data = t_read_file(path, &size);
	struct sk_reader *r = sk_reader_open(path, &err);
	if (!data || !r) {
		fprintf(stderr, "cannot reopen %s\n", path);
		return 1;
	}
	uint64_t n = sk_reader_nchunks(r), rng = 1;
	CHECK(n >= 10, "only %" PRIu64 " chunks", n);
	for (uint64_t i = 0; i < n; i++) {
		const struct sk_chunk_info *c = sk_reader_chunk(r, i);
		snprintf(expect, sizeof(expect), "chunk %" PRIu64 " at offset %" PRIu64, i,
			 c->offset);
		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		flip_and_verify(data, size, c->offset + (rng >> 33) % SK_CHUNK_HDR, expect);
		flip_and_verify(data, size, c->offset + SK_CHUNK_HDR + (rng >> 17) % c->comp_len,
				expect);
	}
	const struct sk_chunk_info *last = sk_reader_chunk(r, n - 1);
	uint64_t footer = last->offset + SK_CHUNK_HDR + last->comp_len;
	flip_and_verify(data, size, 3, "bad magic");
	flip_and_verify(data, size, 20, "header checksum mismatch");
	flip_and_verify(data, size, footer + 10, "footer");
	flip_and_verify(data, size, size - SK_TRAILER + 2, "footer");
	flip_and_verify(data, size, size - 3, "footer");

	/* cut inside chunk 3: the torn offset is where chunk 3 starts */
	const struct sk_chunk_info *c3 = sk_reader_chunk(r, 3);
	const char *cut = t_path("cut.cap", 1);
	t_write_file(cut, data, c3->offset + 100);
	snprintf(expect, sizeof(expect), "offset %" PRIu64 ": chunk payload is incomplete",
		 c3->offset);
	CHECK(verify(cut, out, sizeof(out)) == 1 && strstr(out, expect), "cut file: %s", out);
	sk_reader_close(r);
	free(data);
	return t_done("test_corrupt");
}
