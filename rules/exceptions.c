/* exceptions.c - a rule's exceptions, expanded as Falco does into its
 * condition: (condition) and not ((f1 c1 v1 and f2 c2 v2) or ...). Values
 * are quoted, except bare identifiers given to list operators, which may
 * name a list. The text added carries the exception's position.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/defs.h"

/* Writes s as a double-quoted condition string. */
static void quote(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int is_identifier(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static void write_elem(FILE *f, const struct sk_exelem *e, int list_op)
{
	if (!list_op) {
		quote(f, e->n ? e->items[0] : "");
		return;
	}
	fputc('(', f);
	for (unsigned i = 0; i < e->n; i++) {
		if (i)
			fputs(", ", f);
		if (is_identifier(e->items[i]) && !e->is_seq)
			fputs(e->items[i], f); /* may name a list */
		else
			quote(f, e->items[i]);
	}
	fputc(')', f);
}

static int comp_is_list(const char *comp)
{
	return !strcmp(comp, "in") || !strcmp(comp, "intersects") || !strcmp(comp, "pmatch");
}

static void write_check(FILE *f, const char *field, const char *comp, const struct sk_exelem *e)
{
	fprintf(f, "%s %s ", field, comp);
	write_elem(f, e, comp_is_list(comp));
}

/* Falco's exception expansion: (f1 c1 v1 and f2 c2 v2) or ... */
static void write_exception(FILE *f, const struct sk_exception *ex)
{
	for (unsigned v = 0; v < ex->values.n; v++) {
		const struct sk_exelem *tuple = ex->values.v[v];
		fputs(v ? " or (" : "(", f);
		if (!ex->fields_is_seq)
			write_check(f, ex->fields[0], ex->ncomps ? ex->comps[0] : "in", &tuple[0]);
		for (unsigned i = 0; ex->fields_is_seq && i < ex->nfields; i++) {
			if (i)
				fputs(" and ", f);
			write_check(f, ex->fields[i], ex->ncomps ? ex->comps[i] : "=", &tuple[i]);
		}
		fputc(')', f);
	}
}

void sk_rule_condition(struct sk_ruleset *rs, const struct sk_rule_def *r, struct sk_text *t)
{
	*t = r->cond;
	for (unsigned i = 0; i < r->exceptions.n; i++) {
		const struct sk_exception *ex = r->exceptions.v[i];
		if (!ex->values.n)
			continue;
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		if (!f) {
			fputs("saker: out of memory\n", stderr);
			abort();
		}
		write_exception(f, ex);
		if (fclose(f)) {
			fputs("saker: out of memory\n", stderr);
			abort();
		}
		struct sk_text open, close, body;
		sk_text_plain(&rs->a, &open, "(", 1, r->cond.pos[0]);
		sk_text_plain(&rs->a, &close, ") and not (", 11, ex->pos);
		sk_text_plain(&rs->a, &body, text, len, ex->pos);
		free(text);
		sk_text_join(&rs->a, t, &open, t);
		sk_text_join(&rs->a, t, t, &close);
		sk_text_join(&rs->a, t, t, &body);
		sk_text_plain(&rs->a, &close, ")", 1, ex->pos);
		sk_text_join(&rs->a, t, t, &close);
	}
}
