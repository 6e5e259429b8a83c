/* output.h - the capture file(s) being written: size limit and rotation.
 *
 * Without --rotate, one file; reaching --max-size ends the recording. With
 * --rotate N, files PATH.0 .. PATH.(N-1) form a ring: when the current file
 * reaches --max-size it is closed (with its footer) and the next one is
 * started, replacing the oldest. Each new file starts with a fresh /proc
 * snapshot (through the on_open hook) so it can be replayed on its own.
 */
#ifndef SAKER_CAPTURE_OUTPUT_H
#define SAKER_CAPTURE_OUTPUT_H

#include <stdint.h>

#include "format/capture.h"

struct sk_output;

/* Called right after a file is opened, to write its first records. */
typedef int (*sk_output_hook)(void *ctx, struct sk_writer *w, struct sk_error *err);

struct sk_output_opts {
	const char *path;
	uint64_t max_bytes; /* 0: no limit */
	unsigned rotate;    /* 0: one file */
	int zstd_level;
	sk_output_hook on_open;
	void *ctx;
};

struct sk_output *sk_output_open(const struct sk_output_opts *opts, const struct sk_file_info *info,
				 struct sk_error *err);

struct sk_writer *sk_output_writer(struct sk_output *o);

/* Applies the size limit after records were written: returns 0 to go on
 * (possibly in a new file), 1 when the limit ends the recording, -1 on a
 * write error. */
int sk_output_check(struct sk_output *o, struct sk_error *err);

/* Totals over every file written. */
void sk_output_stats(const struct sk_output *o, struct sk_writer_stats *st);

/* Name of the file being written. */
const char *sk_output_path(const struct sk_output *o);

/* Closes with a footer (clean stop); abandon leaves the sealed chunks only
 * (after a write error). Both free o. */
int sk_output_close(struct sk_output *o, struct sk_error *err);
void sk_output_abandon(struct sk_output *o);

#endif
