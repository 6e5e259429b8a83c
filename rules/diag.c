/* diag.c - errors and warnings with their source position, and texts that
 * remember where each byte came from so that a problem deep inside a folded
 * YAML condition is still reported at its file:line:column.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/lang.h"

void sk_diag_add(struct sk_diag *d, int is_error, const struct sk_pos *pos, const char *what,
		 const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	char full[1600];
	int n = 0;
	if (pos && pos->file)
		n = snprintf(full, sizeof(full), "%s:%u:%u: ", pos->file, pos->line, pos->col);
	snprintf(full + n, sizeof(full) - n, "%s%s%s%s",
		 is_error ? "error: " : "warning: ", what ? what : "", what ? ": " : "", msg);
	sk_diag_add_raw(d, is_error, full);
}

void sk_diag_add_raw(struct sk_diag *d, int is_error, const char *full)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->msgs[i].text, full))
			return; /* a macro used by several rules reports its error once */
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->msgs = realloc(d->msgs, d->cap * sizeof(*d->msgs));
		if (!d->msgs)
			abort();
	}
	d->msgs[d->n].is_error = is_error;
	d->msgs[d->n].text = strdup(full);
	if (!d->msgs[d->n].text)
		abort();
	d->n++;
	if (is_error)
		d->nerrors++;
	else
		d->nwarnings++;
}

void sk_diag_free(struct sk_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	memset(d, 0, sizeof(*d));
}

void sk_text_plain(struct sk_pool *a, struct sk_text *t, const char *s, size_t len,
		   struct sk_pos pos)
{
	t->s = sk_pool_strndup(a, s, len);
	t->len = len;
	t->pos = sk_pool_alloc(a, (len + 1) * sizeof(*t->pos));
	for (size_t i = 0; i <= len; i++) {
		t->pos[i] = pos;
		if (i < len && s[i] == '\n') {
			pos.line++;
			pos.col = 1;
		} else {
			pos.col++;
		}
	}
}

void sk_text_join(struct sk_pool *a, struct sk_text *out, const struct sk_text *x,
		  const struct sk_text *y)
{
	size_t len = x->len + 1 + y->len;
	char *s = sk_pool_alloc(a, len + 1);
	struct sk_pos *pos = sk_pool_alloc(a, (len + 1) * sizeof(*pos));
	memcpy(s, x->s, x->len);
	s[x->len] = ' ';
	memcpy(s + x->len + 1, y->s, y->len);
	memcpy(pos, x->pos, x->len * sizeof(*pos));
	pos[x->len] = y->pos[0];
	memcpy(pos + x->len + 1, y->pos, (y->len + 1) * sizeof(*pos));
	out->s = s;
	out->len = len;
	out->pos = pos;
}
