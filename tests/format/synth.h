/* synth.h - deterministic synthetic events for the format tests and bench.
 *
 * A seeded generator yields syscall-shaped records: mostly common calls
 * (read, write, openat, close, mmap...) with realistic paths, small payloads
 * and ts deltas, plus every schema type now and then, unknown types,
 * out-of-order timestamps and extra trailing parameters. Replaying the same
 * seed gives the same sequence, so a reader's output can be compared field
 * by field without keeping a copy.
 */
#ifndef SAKER_TESTS_FORMAT_SYNTH_H
#define SAKER_TESTS_FORMAT_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

enum synth_kind { SYN_INT, SYN_UINT, SYN_BYTES };

struct synth_param {
	enum synth_kind kind;
	uint64_t u; /* SYN_UINT value, or SYN_INT value as int64_t */
	const uint8_t *ptr;
	uint32_t len;
};

struct synth_ev {
	uint16_t type, cpu;
	uint64_t ts;
	uint32_t tid, pid, flags, nparams;
	struct synth_param params[SK_MAX_PARAMS];
	uint8_t buf[8192];
};

struct synth {
	uint64_t rng, ts;
	int realistic; /* 1: common syscalls only, no odd cases (for the bench) */
};

void synth_init(struct synth *s, uint64_t seed, int realistic);
void synth_next(struct synth *s, struct synth_ev *ev);

/* Writes ev with the begin/int/uint/bytes/end API. */
int synth_write(struct sk_writer *w, const struct synth_ev *ev, struct sk_error *err);

/* The same with ev's identity fields (type, ts, ids, flags) but parameters
 * taken from params[0..nparams) (the bench keeps them outside synth_ev). */
int synth_emit(struct sk_writer *w, const struct synth_ev *ev, const struct synth_param *params,
	       uint32_t nparams, struct sk_error *err);

/* Compares a decoded record with what was written; 0 if equal, else -1 with
 * why[] naming the first difference. */
int synth_check(const struct synth_ev *want, uint64_t num, const struct sk_event *got, char *why,
		size_t whylen);

/* A file info with every field set, for the tests. */
void synth_file_info(struct sk_file_info *fi);

#endif
