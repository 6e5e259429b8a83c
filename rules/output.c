/* output.c - a rule's output format: literal text with %field references
 * (Falco's syntax: %proc.name, %proc.aname[2], %evt.arg.flags). Fields are
 * resolved once at compile time; rendering prints "<NA>" for a field with no
 * value, and lists each distinct field (sorted by name) for JSON output.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/defs.h"

#define MAX_VALUES 64

struct sk_opart {
	const char *lit; /* literal text, or NULL for a field */
	size_t len;
	unsigned field; /* index in fields */
};

struct sk_output {
	struct sk_opart *parts;
	unsigned nparts;
	struct sk_field_ref *refs; /* distinct fields, sorted by name */
	const char **names;
	unsigned nfields;
};

static int is_field_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.';
}

/* Length of the field reference at s (after '%'), 0 if none. */
static size_t field_len(const char *s, size_t n)
{
	size_t i = 0;
	if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (i < n && is_field_char(s[i]))
		i++;
	while (i && s[i - 1] == '.')
		i--;
	if (i < n && s[i] == '[') {
		const char *close = memchr(s + i, ']', n - i);
		if (close)
			i = (size_t)(close - s) + 1;
	}
	return i;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct sk_output *sk_output_compile(struct sk_pool *a, const struct sk_text *t, struct sk_diag *d,
				    const char *what)
{
	struct sk_output *o = sk_pool_alloc(a, sizeof(*o));
	size_t cap = 2 * t->len + 2;
	o->parts = sk_pool_alloc(a, cap * sizeof(*o->parts));
	const char **names = sk_pool_alloc(a, cap * sizeof(*names));
	unsigned nnames = 0;
	int ok = 1;
	size_t i = 0, lit = 0;
	while (i <= t->len) {
		size_t fl =
		    i < t->len && t->s[i] == '%' ? field_len(t->s + i + 1, t->len - i - 1) : 0;
		if (i < t->len && !fl) {
			i++;
			continue;
		}
		if (i > lit)
			o->parts[o->nparts++] = (struct sk_opart){t->s + lit, i - lit, 0};
		if (i == t->len)
			break;
		const char *name = sk_pool_strndup(a, t->s + i + 1, fl);
		struct sk_field_ref ref;
		char err[256];
		if (sk_field_parse(name, fl, &ref, err, sizeof(err)) < 0) {
			sk_diag_add(d, 1, &t->pos[i + 1], what, "in output: %s", err);
			ok = 0;
		}
		names[nnames++] = name;
		o->parts[o->nparts++] = (struct sk_opart){NULL, 0, nnames - 1};
		i += 1 + fl;
		lit = i;
	}
	if (!ok)
		return NULL;
	/* distinct names, sorted; parts point at them by index */
	const char **sorted = sk_pool_alloc(a, (nnames + 1) * sizeof(*sorted));
	memcpy(sorted, names, nnames * sizeof(*sorted));
	qsort(sorted, nnames, sizeof(*sorted), name_cmp);
	unsigned k = 0;
	for (unsigned j = 0; j < nnames; j++)
		if (!k || strcmp(sorted[k - 1], sorted[j]))
			sorted[k++] = sorted[j];
	o->names = sorted;
	o->nfields = k;
	o->refs = sk_pool_alloc(a, (k + 1) * sizeof(*o->refs));
	char err[256];
	for (unsigned j = 0; j < k; j++)
		sk_field_parse(sorted[j], strlen(sorted[j]), &o->refs[j], err, sizeof(err));
	for (unsigned p = 0; p < o->nparts; p++) {
		if (o->parts[p].lit)
			continue;
		const char *name = names[o->parts[p].field];
		for (unsigned j = 0; j < k; j++)
			if (!strcmp(sorted[j], name))
				o->parts[p].field = j;
	}
	return o;
}

static size_t append(char *buf, size_t cap, size_t n, const char *s, size_t len)
{
	if (n + 1 >= cap)
		return n;
	if (len > cap - n - 1)
		len = cap - n - 1;
	memcpy(buf + n, s, len);
	buf[n + len] = 0;
	return n + len;
}

size_t sk_output_render(const struct sk_output *o, struct sk_evctx *ctx, char *buf, size_t len)
{
	size_t n = 0;
	if (len)
		buf[0] = 0;
	for (unsigned p = 0; p < o->nparts; p++) {
		const struct sk_opart *part = &o->parts[p];
		if (part->lit) {
			n = append(buf, len, n, part->lit, part->len);
			continue;
		}
		struct sk_value v[MAX_VALUES];
		int k = sk_field_extract(&o->refs[part->field], ctx, v, MAX_VALUES);
		if (k <= 0)
			n = append(buf, len, n, "<NA>", 4);
		for (int i = 0; i < k && n + 1 < len; i++) {
			if (i)
				n = append(buf, len, n, ",", 1);
			n += sk_value_format(&v[i], buf + n, len - n);
		}
	}
	return n;
}

unsigned sk_output_nfields(const struct sk_output *o)
{
	return o->nfields;
}

void sk_output_field(const struct sk_output *o, unsigned i, struct sk_evctx *ctx,
		     struct sk_output_field *out)
{
	out->name = o->names[i];
	out->nvalues = sk_field_extract(&o->refs[i], ctx, &out->value, 1);
	if (out->nvalues < 0)
		out->nvalues = 0;
}
