/* escape.c - terminal and JSON escaping of captured bytes (escape.h). */
#include <stdint.h>
#include <string.h>

#include "replay/escape.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/* Characters that reorder or hide the text around them (bidirectional
 * embeddings, overrides and isolates, and zero-width marks): shown as
 * escapes so that a captured name cannot disguise what is printed after it. */
static int is_format_control(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

static const char hexd[] = "0123456789abcdef";

/* "\xNN" (or "\\xNN" inside JSON, where the backslash itself is escaped). */
static inline size_t hex_escape(char *out, uint8_t b, int json)
{
	size_t n = 0;
	out[n++] = '\\';
	if (json)
		out[n++] = '\\';
	out[n++] = 'x';
	out[n++] = hexd[b >> 4];
	out[n++] = hexd[b & 15];
	return n;
}

static inline size_t u_escape(char *out, uint32_t cp)
{
	out[0] = '\\';
	out[1] = 'u';
	for (int i = 0; i < 4; i++)
		out[2 + i] = hexd[(cp >> (12 - 4 * i)) & 15];
	return 6;
}

/* Bytes copied as they are: printable ASCII except the backslash (and the
 * quote inside JSON). Indexed [json][byte]. */
static const uint8_t plain_tab[2][256] = {
    {[0x20 ... 0x5b] = 1, [0x5d ... 0x7e] = 1},
    {[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7e] = 1},
};

/* One ASCII byte that is not plain: its escape, written at out. */
static inline size_t ascii_escape(char *out, unsigned char c, int json)
{
	if (c == '\\' || c == '"') {
		out[0] = '\\';
		out[1] = (char)c;
		return 2;
	}
	return json ? u_escape(out, c) : hex_escape(out, c, 0);
}

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Nonzero when a byte of w is zero. */
static inline uint64_t has_zero(uint64_t w)
{
	return (w - ONES) & ~w & HIGHS;
}

/* End of the run of plain bytes from i: eight bytes at a time while all
 * eight are printable ASCII other than the backslash (and the quote). */
static size_t plain_run(const unsigned char *u, size_t i, size_t n, int json)
{
	const uint8_t *plain = plain_tab[json];
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		uint64_t bad = (w & HIGHS) | ((w - 0x20 * ONES) & ~w & HIGHS) |
			       has_zero(w ^ 0x7f * ONES) | has_zero(w ^ '\\' * ONES) |
			       (json ? has_zero(w ^ '"' * ONES) : 0);
		if (bad)
			break;
	}
	while (i < n && plain[u[i]])
		i++;
	return i;
}

static size_t escape(const char *s, size_t n, char *out, size_t cap, int json)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	if (!cap)
		return 0;
	for (size_t i = 0; i < n;) {
		size_t run = plain_tab[json][u[i]] ? plain_run(u, i, n, json) : i;
		if (run > i) {
			size_t take = run - i < cap - 1 - o ? run - i : cap - 1 - o;
			memcpy(out + o, s + i, take);
			o += take;
			i += take;
			if (i < run)
				break;
			continue;
		}
		if (u[i] < 0x80 && o + 8 < cap) {
			o += ascii_escape(out + o, u[i], json);
			i++;
			continue;
		}
		char tmp[16];
		size_t plen, l = 1;
		uint32_t cp;
		if (u[i] < 0x80) {
			plen = ascii_escape(tmp, u[i], json);
		} else if ((l = utf8_len(u + i, n - i, &cp)) == 0) {
			plen = hex_escape(tmp, u[i], json);
			l = 1;
		} else if (cp < 0xa0 || is_format_control(cp)) {
			plen = u_escape(tmp, cp); /* C1 control, bidi or zero-width */
		} else {
			if (o + l >= cap)
				break;
			memcpy(out + o, s + i, l);
			o += l;
			i += l;
			continue;
		}
		if (o + plen >= cap)
			break;
		memcpy(out + o, tmp, plen);
		o += plen;
		i += l;
	}
	out[o] = 0;
	return o;
}

size_t sk_escape_term(const char *s, size_t n, char *out, size_t cap)
{
	return escape(s, n, out, cap, 0);
}

size_t sk_escape_json(const char *s, size_t n, char *out, size_t cap)
{
	return escape(s, n, out, cap, 1);
}
