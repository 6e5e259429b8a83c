/* fuzz_reader.c - libFuzzer target for the capture reader.
 *
 * Opens the input as a capture held in memory, iterates every record
 * (decoding each parameter as an integer, as consumers do), seeks by number
 * and by time, and verifies. Any crash, sanitizer report, leak or
 * unbounded allocation is a bug. Built with
 * FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION so checksums do not stop it.
 */
#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

static void drain(struct sk_reader *r, unsigned limit)
{
	struct sk_error err;
	struct sk_event ev;
	int rc;
	while (limit-- && (rc = sk_reader_next(r, &ev, &err)) != 0) {
		if (rc < 0)
			continue; /* a corrupt chunk: the reader moves on to the next */
		for (uint32_t i = 0; i < ev.nparams; i++) {
			uint64_t u;
			int64_t s;
			sk_param_uint(&ev.params[i], &u);
			sk_param_int(&ev.params[i], &s);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sk_error err;
	struct sk_reader *r = sk_reader_open_mem(data, size, "fuzz-input", &err);
	if (!r)
		return 0;
	const struct sk_capture_summary *s = sk_reader_summary(r);
	for (uint64_t i = 0; i < sk_reader_nchunks(r); i++)
		(void)sk_reader_chunk(r, i);
	drain(r, 1u << 20);
	if (s->nevents) {
		if (sk_reader_seek_num(r, 1 + size % s->nevents, &err) == 0)
			drain(r, 16);
		uint64_t span = s->last_ts - s->first_ts;
		if (sk_reader_seek_ts(r, s->first_ts + (span ? size % span : 0), &err) == 0)
			drain(r, 16);
	}
	sk_reader_verify(r, &err);
	sk_reader_close(r);
	return 0;
}
