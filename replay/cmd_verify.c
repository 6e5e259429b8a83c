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
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return SK_EXIT_OK;
	}
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1])) {
		usage(stderr);
		return SK_EXIT_USAGE;
	}
	struct sk_reader *r = sk_reader_open(argv[1], &err);
	if (!r) {
		fprintf(stderr, "saker verify: %s\n", err.msg);
		return SK_EXIT_BAD_INPUT;
	}
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
