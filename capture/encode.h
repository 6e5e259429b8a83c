/* encode.h - turns the probe's raw records into schema records.
 *
 * The probe reports raw registers, results and copied user memory; this
 * module applies the decoder table (syscalls.h) and the schema
 * (format/events.def) to write one record per raw record, with every
 * parameter in schema order and of the schema's type.
 */
#ifndef SAKER_CAPTURE_ENCODE_H
#define SAKER_CAPTURE_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "capture/saker.h"
#include "format/capture.h"

struct sk_cgroups;

struct sk_encoder {
	int64_t boot_time_ns;	    /* wall clock of boot, for TIME parameters */
	struct sk_cgroups *cgroups; /* may be NULL */
};

/* Writes the record(s) for one raw record of size bytes. Returns 0, 1 when
 * the raw record is malformed (skipped), -1 on a write error (err set). */
int sk_encode(const struct sk_encoder *enc, struct sk_writer *w, const struct sk_rec *r,
	      size_t size, struct sk_error *err);

/* Writes a DROP record: count events lost on cpu at time ts. */
int sk_encode_drop(struct sk_writer *w, uint64_t ts, uint32_t cpu, uint64_t count,
		   struct sk_error *err);

/* Drop reasons (SK_FT_DROP_REASON values). */
#define SK_DROP_RINGBUF_FULL 1

/* Writes a number as a parameter of the given schema type, with the width
 * the kernel uses for that kind of argument. */
void sk_put_num(struct sk_writer *w, const struct sk_param_info *pi, uint64_t v);

#endif
