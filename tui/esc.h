/* esc.h - making captured bytes safe to draw on a terminal.
 *
 * Everything a capture holds (paths, arguments, payloads) may contain
 * control characters or escape sequences meant to attack the analyst's
 * terminal. Every captured string goes through tui_escape before it reaches
 * the screen: printable ASCII passes, '\' doubles, \n \t \r are spelled out,
 * valid printable UTF-8 passes when the locale is UTF-8, and every other byte
 * becomes \xNN. Bidirectional overrides and C1 controls are escaped too.
 */
#ifndef SAKER_TUI_ESC_H
#define SAKER_TUI_ESC_H

#include <stddef.h>

/* Call once after setlocale: whether UTF-8 may pass through. */
void tui_escape_init(void);

/* Writes an escaped rendering of p[0..len) into out (always NUL-terminated,
 * never more than outlen bytes) using at most cols screen columns (cols < 0:
 * no limit). Returns the columns used. */
int tui_escape(const void *p, size_t len, char *out, size_t outlen, int cols);

/* tui_escape for text that is escaped already (a rule's output, rendered by
 * the rules engine): backslashes are kept as they are, everything else is
 * treated as by tui_escape. */
int tui_escape_pre(const void *p, size_t len, char *out, size_t outlen, int cols);

/* Same for a NUL-terminated string; NULL renders as "". */
int tui_escape_str(const char *s, char *out, size_t outlen, int cols);

/* One hex dump line of p[0..len) (len <= 16) at offset off:
 * "00000010  41 42 ...  |AB..|" */
void tui_hexline(const unsigned char *p, size_t len, size_t off, char *out, size_t outlen);

#endif
