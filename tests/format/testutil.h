/* testutil.h - small helpers shared by the format tests: checks that count
 * failures, a private temporary directory, writing synthetic captures, and
 * running the real `saker` binary with its output captured.
 */
#ifndef SAKER_TESTS_FORMAT_TESTUTIL_H
#define SAKER_TESTS_FORMAT_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "format/capture.h"

extern int t_failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			t_failures++;                                                              \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);   \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

/* Creates a private directory under $TMPDIR (or /tmp); exits on failure. */
const char *t_tmpdir(void);
/* Removes the directory and every file in it. */
void t_cleanup(void);
/* A path inside the temporary directory (static buffer per call slot 0..3). */
const char *t_path(const char *name, int slot);

/* Writes nevents synthetic events from seed; returns 0 or -1 (message
 * printed). */
int t_write_capture(const char *path, uint64_t seed, uint64_t nevents,
		    const struct sk_writer_opts *opts, int close_cleanly);

/* Reads a whole file into a malloc'ed buffer. */
uint8_t *t_read_file(const char *path, size_t *len);
int t_write_file(const char *path, const void *data, size_t len);

/* Runs argv, captures stdout and stderr into out (NUL-terminated) and
 * returns the exit status, or -1 if it did not exit normally. */
int t_run(char *const argv[], char *out, size_t outlen);

/* Exit status for main: prints a summary. */
int t_done(const char *name);

#endif
