/* fuzz_seed_format.c - writes the seed corpus for fuzz_reader: small real
 * captures (clean, abandoned, cut, empty, with tiny and default chunks) so
 * the fuzzer starts from valid structure. Usage: fuzz_seed_format DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/format/synth.h"

static int write_seed(const char *dir, const char *name, uint64_t seed, int n, uint32_t chunk,
		      int clean, long cut)
{
	static struct synth_ev ev;
	char path[4096];
	struct sk_file_info fi;
	struct sk_error err;
	struct synth s;
	struct sk_writer_opts opts = {.chunk_bytes = chunk};
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	synth_file_info(&fi);
	synth_init(&s, seed, 0);
	struct sk_writer *w = sk_writer_open(path, &fi, &opts, &err);
	if (!w) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		synth_next(&s, &ev);
		synth_write(w, &ev, &err);
	}
	if (!clean) {
		sk_writer_seal(w, &err);
		sk_writer_abandon(w);
	} else if (sk_writer_close(w, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	if (cut > 0 && truncate(path, cut) < 0) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fuzz_seed_format DIR\n");
		return 2;
	}
	const char *d = argv[1];
	int rc = 0;
	rc |= write_seed(d, "clean-small-chunks.cap", 1, 40, 256, 1, 0);
	rc |= write_seed(d, "clean-one-chunk.cap", 2, 30, 0, 1, 0);
	rc |= write_seed(d, "abandoned.cap", 3, 40, 256, 0, 0);
	rc |= write_seed(d, "cut.cap", 4, 40, 256, 0, 900);
	rc |= write_seed(d, "empty.cap", 5, 0, 0, 1, 0);
	return rc ? 1 : 0;
}
