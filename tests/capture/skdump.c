/* skdump.c - prints a capture one record per line (format in evfmt.h);
 * used by the capture tests and handy when debugging the recorder.
 *   skdump CAPTURE            every record
 *   skdump --summary CAPTURE  "footer=F chunks=N events=M torn=B" only */
#include <stdio.h>
#include <string.h>

#include "tests/capture/evfmt.h"

int main(int argc, char **argv)
{
	struct sk_error err;
	struct sk_event ev;
	struct sk_reader *r;
	int rc;

	int summary = argc == 3 && strcmp(argv[1], "--summary") == 0;

	if (argc != 2 && !summary) {
		fprintf(stderr, "usage: skdump [--summary] CAPTURE\n");
		return 2;
	}
	r = sk_reader_open(argv[argc - 1], &err);
	if (!r) {
		fprintf(stderr, "skdump: %s\n", err.msg);
		return 1;
	}
	if (summary) {
		const struct sk_capture_summary *s = sk_reader_summary(r);

		printf("footer=%d chunks=%llu events=%llu torn=%llu\n", s->footer_present,
		       (unsigned long long)s->nchunks, (unsigned long long)s->nevents,
		       (unsigned long long)s->torn_bytes);
		sk_reader_close(r);
		return 0;
	}
	while ((rc = sk_reader_next(r, &ev, &err)) > 0)
		sk_test_put_event(stdout, &ev);
	if (rc < 0)
		fprintf(stderr, "skdump: %s\n", err.msg);
	sk_reader_close(r);
	return rc < 0;
}
