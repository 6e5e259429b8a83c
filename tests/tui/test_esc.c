/* test_esc.c - terminal escaping of captured bytes (tui/esc.h): control
 * bytes, escape sequences, bidirectional overrides and invalid UTF-8 never
 * reach the terminal raw; printable UTF-8 does (in a UTF-8 locale); column
 * limits never split an escape; hex dump lines. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tui/esc.h"

static int failures;

static void expect(const char *in, size_t len, int cols, const char *want, int want_cols)
{
	char out[256];
	int w = tui_escape(in, len, out, sizeof(out), cols);

	if (strcmp(out, want) || w != want_cols) {
		fprintf(stderr, "escape(%zu bytes, cols %d): got '%s' (%d cols), want '%s' (%d)\n",
			len, cols, out, w, want, want_cols);
		failures++;
	}
}

#define E(lit, cols, want, wcols) expect(lit, sizeof(lit) - 1, cols, want, wcols)

int main(void)
{
	char line[128];

	setlocale(LC_CTYPE, "C");
	tui_escape_init();
	E("plain /etc/shadow", -1, "plain /etc/shadow", 17);
	E("\x1b[31mred\x07", -1, "\\x1b[31mred\\x07", 15);
	E("a\nb\tc\rd\\e", -1, "a\\nb\\tc\\rd\\\\e", 13);
	E("nul\0byte", -1, "nul\\x00byte", 11);
	E("caf\xc3\xa9", -1, "caf\\xc3\\xa9", 11); /* C locale: no UTF-8 */
	E("\x1b[2J", 3, "", 0);			   /* an escape is never cut in half */
	E("ab\x1b", 6, "ab\\x1b", 6);
	E("abcdef", 4, "abcd", 4);
	{
		char out[64];
		int w = tui_escape_pre("a\\x1b\x1b", 6, out, sizeof(out), -1);
		if (strcmp(out, "a\\x1b\\x1b") || w != 9) {
			fprintf(stderr, "escape_pre: got '%s' (%d)\n", out, w);
			failures++;
		}
	}

	if (setlocale(LC_CTYPE, "C.UTF-8")) {
		tui_escape_init();
		E("caf\xc3\xa9", -1, "caf\xc3\xa9", 4);
		E("\xe6\x97\xa5", -1, "\xe6\x97\xa5", 2);	     /* wide: 2 columns */
		E("\xe6\x97\xa5\xe6\x97\xa5", 3, "\xe6\x97\xa5", 2); /* no half characters */
		E("\xe2\x80\xae"
		  "evil",
		  -1, "\\xe2\\x80\\xaeevil", 16); /* RIGHT-TO-LEFT OVERRIDE */
		E("\xc2\x9b"
		  "31m",
		  -1, "\\xc2\\x9b31m", 11);		      /* C1 CSI */
		E("\xc3\x28", -1, "\\xc3(", 5);		      /* invalid sequence */
		E("\xed\xa0\x80", -1, "\\xed\\xa0\\x80", 12); /* UTF-16 surrogate */
		E("\xc0\xaf", -1, "\\xc0\\xaf", 8);	      /* overlong '/' */
	}

	tui_hexline((const unsigned char *)"GET /\r\n\x01\xff", 9, 16, line, sizeof(line));
	if (strcmp(line, "00000010  47 45 54 20 2f 0d 0a 01  ff                       |GET /...."
			 "       |")) {
		fprintf(stderr, "hexline: got '%s'\n", line);
		failures++;
	}
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
