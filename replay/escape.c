/* escape.c - terminal and JSON escaping of captured bytes (escape.h). */
#include <stdint.h>
#include <stdio.h>
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

static size_t escape(const char *s, size_t n, char *out, size_t cap, int json)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	if (!cap)
		return 0;
	for (size_t i = 0; i < n;) {
		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '\\' && u[i] != '"' && o + 1 < cap) {
			out[o++] = (char)u[i++];
			continue;
		}
		char tmp[16];
		const char *piece;
		size_t plen;
		uint32_t cp;
		size_t l = utf8_len(u + i, n - i, &cp);
		if (l == 0) {
			snprintf(tmp, sizeof(tmp), json ? "\\\\x%02x" : "\\x%02x", u[i]);
			piece = tmp, plen = strlen(tmp), l = 1;
		} else if (json && (cp == '"' || cp == '\\')) {
			tmp[0] = '\\', tmp[1] = (char)cp;
			piece = tmp, plen = 2;
		} else if (!json && cp == '\\') {
			piece = "\\\\", plen = 2;
		} else if (!json && cp == '"') {
			piece = "\"", plen = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			snprintf(tmp, sizeof(tmp), (json || cp >= 0x80) ? "\\u%04x" : "\\x%02x",
				 cp);
			piece = tmp, plen = strlen(tmp);
		} else {
			piece = s + i, plen = l;
		}
		if (o + plen >= cap)
			break;
		memcpy(out + o, piece, plen);
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
