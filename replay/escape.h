/* escape.h - making captured bytes safe to show: for a terminal (no control
 * character or invalid UTF-8 ever reaches it) and for JSON strings.
 */
#ifndef SAKER_REPLAY_ESCAPE_H
#define SAKER_REPLAY_ESCAPE_H

#include <stddef.h>

/* Copies s[0..n) into out (NUL-terminated, at most cap bytes including the
 * NUL): valid UTF-8 text passes unchanged, except C0/C1 controls and DEL;
 * those and every byte of an invalid sequence become "\xNN", and a
 * backslash becomes "\\" so the output is unambiguous. Returns the length;
 * output is cut at a character boundary when out is too small. */
size_t sk_escape_term(const char *s, size_t n, char *out, size_t cap);

/* Same for the inside of a JSON string: quotes, backslashes and controls
 * use JSON escapes; invalid UTF-8 bytes become the text "\\xNN". */
size_t sk_escape_json(const char *s, size_t n, char *out, size_t cap);

#endif
