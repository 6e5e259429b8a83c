/* numfmt.h - integer to text without printf, for the per-event output paths
 * (printf dominated `saker print` profiles). Buffers need 24 bytes.
 */
#ifndef SAKER_REPLAY_NUMFMT_H
#define SAKER_REPLAY_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* Writes v in base (8, 10 or 16, lower-case) at out; returns the length. */
static inline size_t sk_fmt_u64(char *out, uint64_t v, unsigned base)
{
	char tmp[24];
	size_t n = 0;
	if (base == 10) { /* a constant divisor: no division instruction */
		do {
			tmp[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
	} else {
		unsigned shift = base == 16 ? 4 : 3;
		do {
			tmp[n++] = "0123456789abcdef"[v & (base - 1)];
			v >>= shift;
		} while (v);
	}
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
	return n;
}

static inline size_t sk_fmt_i64(char *out, int64_t v)
{
	if (v >= 0)
		return sk_fmt_u64(out, (uint64_t)v, 10);
	out[0] = '-';
	return 1 + sk_fmt_u64(out + 1, (uint64_t)0 - (uint64_t)v, 10);
}

#endif
