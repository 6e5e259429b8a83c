/* esc.c - terminal-safe rendering of captured bytes (see esc.h). */
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tui/esc.h"

static int utf8_ok;

void tui_escape_init(void)
{
	utf8_ok = !strcmp(nl_langinfo(CODESET), "UTF-8");
}

/* Decodes one UTF-8 sequence; returns its length or 0 when invalid. */
static size_t utf8_decode(const unsigned char *p, size_t len, unsigned *cp)
{
	size_t n;
	unsigned c = p[0], min;

	if (c >= 0xf0 && c < 0xf5) {
		n = 4, c &= 0x07, min = 0x10000;
	} else if (c >= 0xe0) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xc2 && c < 0xe0) {
		n = 2, c &= 0x1f, min = 0x80;
	} else {
		return 0;
	}
	if (c > 0xf4 || n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
		return 0;
	*cp = c;
	return n;
}

/* Code points that reorder or hide text even though they are "printable". */
static int is_dangerous(unsigned cp)
{
	return cp < 0xa0 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/* Screen columns of a code point if it may pass, else -1. */
static int passable(unsigned cp)
{
	int w;

	if (is_dangerous(cp))
		return -1;
	w = wcwidth((wchar_t)cp);
	return w >= 1 ? w : -1;
}

static int escape(const void *src, size_t len, char *out, size_t outlen, int cols, int keep_bs)
{
	const unsigned char *p = src;
	size_t o = 0;
	int used = 0;

	if (!outlen)
		return 0;
	for (size_t i = 0; i < len;) {
		char tmp[8];
		size_t n = 1, tl;
		int w;
		unsigned cp;
		unsigned char c = p[i];

		if (c >= 0x20 && c < 0x7f && (c != '\\' || keep_bs)) {
			tmp[0] = (char)c, tl = 1, w = 1;
		} else if (c == '\\' || c == '\n' || c == '\t' || c == '\r') {
			tmp[0] = '\\';
			tmp[1] = c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			tl = 2, w = 2;
		} else if (utf8_ok && (n = utf8_decode(p + i, len - i, &cp)) &&
			   (w = passable(cp)) > 0) {
			memcpy(tmp, p + i, n);
			tl = n;
		} else {
			n = 1;
			snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			tl = 4, w = 4;
		}
		if ((cols >= 0 && used + w > cols) || o + tl + 1 > outlen)
			break;
		memcpy(out + o, tmp, tl);
		o += tl;
		used += w;
		i += n;
	}
	out[o] = 0;
	return used;
}

int tui_escape(const void *src, size_t len, char *out, size_t outlen, int cols)
{
	return escape(src, len, out, outlen, cols, 0);
}

int tui_escape_pre(const void *src, size_t len, char *out, size_t outlen, int cols)
{
	return escape(src, len, out, outlen, cols, 1);
}

int tui_escape_str(const char *s, char *out, size_t outlen, int cols)
{
	return tui_escape(s ? s : "", s ? strlen(s) : 0, out, outlen, cols);
}

void tui_hexline(const unsigned char *p, size_t len, size_t off, char *out, size_t outlen)
{
	char hex[16 * 3 + 2] = "", asc[17];
	size_t i;

	for (i = 0; i < 16; i++) {
		if (i < len)
			snprintf(hex + i * 3, 4, "%02x ", p[i]);
		else
			memcpy(hex + i * 3, "   ", 4);
		asc[i] = i < len ? (p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.') : ' ';
	}
	asc[16] = 0;
	snprintf(out, outlen, "%08zx  %.24s %.24s |%s|", off, hex, hex + 24, asc);
}
