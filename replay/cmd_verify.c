/* cmd_verify.c - `saker verify FILE`: is this capture exactly as written?
 *
 * Checks every chunk checksum, every record's framing and the body digest
 * (sk_reader_verify). Exit 0 when intact; 1 naming the first bad chunk and
 * its offset, or why the file cannot be read; 2 on usage errors.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "format/capture.h"
#include "replay/commands.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: saker verify FILE\n\n"
		     "Checks every chunk checksum, every record's framing and the body digest.\n"
		     "Exit 0 when the capture is intact and was closed cleanly; 1 otherwise,\n"
		     "naming the first bad chunk and its file offset.\n");
}

int sk_cmd_verify(int argc, char **argv)
{
	struct sk_error err;
	struct sk_reader *r;
	int code = sk_cmd_open_capture(argc, argv, usage, &r);
	if (!r)
		return code;
	const struct sk_capture_summary *s = sk_reader_summary(r);
	int rc = sk_reader_verify(r, &err);
	if (rc < 0)
		fprintf(stderr, "saker verify: %s\n", err.msg);
	else
		printf("%s: OK: %" PRIu64 " events in %" PRIu64 " chunks, digest matches\n",
		       argv[1], s->nevents, s->nchunks);
	sk_reader_close(r);
	return rc < 0 ? SK_EXIT_BAD_INPUT : SK_EXIT_OK;
}
