/* synth.h - building small synthetic captures with the format writer, and
 * checking field values at chosen records of their replay. Test-only.
 */
#ifndef SAKER_TESTS_REPLAY_SYNTH_H
#define SAKER_TESTS_REPLAY_SYNTH_H

#include <stdint.h>

#include "format/capture.h"

/* One parameter: a number (encoded by the schema's signedness) or bytes. */
struct sp {
	int is_bytes;
	int64_t num;
	const void *ptr;
	uint32_t len;
};

#define NUM(v)	  ((struct sp){0, (int64_t)(v), NULL, 0})
#define STR(s)	  ((struct sp){1, 0, (s), (uint32_t)strlen(s)})
#define BYT(p, n) ((struct sp){1, 0, (p), (uint32_t)(n)})

struct synth {
	struct sk_writer *w;
	uint64_t ts;
	uint64_t num; /* number of the last record written */
	char path[256];
};

/* Creates a capture in $TMPDIR (or /tmp) named after tag. */
void synth_open(struct synth *s, const char *tag, const char *hostname);
/* Writes one record; returns its number. */
uint64_t synth_emit(struct synth *s, uint16_t type, uint32_t tid, uint32_t pid, int n,
		    const struct sp *ps);
void synth_close(struct synth *s);

#define EMIT(s, type, tid, pid, ...)                                                               \
	synth_emit(s, type, tid, pid,                                                              \
		   (int)(sizeof((struct sp[]){__VA_ARGS__}) / sizeof(struct sp)),                  \
		   (struct sp[]){__VA_ARGS__})

/* A field check at a record: the formatted value ("<NA>" for none; list
 * fields are joined with ","). */
struct check {
	uint64_t num;
	const char *field;
	const char *expect;
};

/* Replays path and verifies every check; prints each failure. Returns the
 * number of failures. */
int synth_verify(const char *path, const struct check *c, int n);

/* Formats field for a context (as synth_verify compares it). */
void synth_field(void *ctx, const char *field, char *out, size_t len);

/* Minimal test harness. */
extern int synth_failures;
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			synth_failures++;                                                          \
		}                                                                                  \
	} while (0)

/* Process-fact parameters for PROC_EXEC / SNAP_PROC (28 values). */
struct procfacts {
	const char *exe, *exepath, *args, *env, *cwd, *comm; /* args/env: "a\0b\0" lists */
	uint32_t argslen, envlen;
	int64_t ppid, sid, pgid, vpid;
	uint32_t uid, gid, loginuid;
	uint64_t cap_eff;
	const char *cgroups;
	uint32_t cglen;
	uint64_t start;
};
uint64_t synth_proc(struct synth *s, uint16_t type, uint32_t tid, uint32_t pid,
		    const struct procfacts *f);

#endif
