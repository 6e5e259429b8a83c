/* filter.c - a condition for commands that select events, such as `saker
 * print FILE FILTER` and the browser's filter bar: the same parser, compiler
 * and evaluator the rules use, behind an opaque handle. In the context of a
 * rule set it may use the set's macros and lists; they are parsed and
 * compiled into the filter's own pool, so the rule set is only read.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/defs.h"
#include "rules/lang.h"
#include "rules/rules.h"

struct sk_filter {
	struct sk_pool a;
	struct sk_cnode *root;
};

/* What the compiler looks up while compiling a filter in a rule set. */
struct filter_env {
	struct sk_ruleset *rs;
	struct sk_pool *a;
	struct sk_diag *d;
};

static const struct sk_ast *env_macro(void *opaque, const char *name)
{
	struct filter_env *e = opaque;
	struct sk_macro_def *m = sk_find_macro(e->rs, name);
	if (!m)
		return NULL;
	char what[300];
	snprintf(what, sizeof(what), "macro '%s'", m->name);
	return sk_parse_condition(e->a, &m->cond, e->d, what);
}

static int env_list(void *opaque, const char *name, const struct sk_item **items, unsigned *n)
{
	struct filter_env *e = opaque;
	struct sk_list_def *l = sk_find_list(e->rs, name);
	if (!l)
		return -1;
	*items = l->items;
	*n = l->n;
	return 0;
}

struct sk_filter *sk_filter_new_in(const struct sk_ruleset *rs, const char *text, char *err,
				   size_t errlen)
{
	struct sk_filter *f = calloc(1, sizeof(*f));
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	struct sk_diag d = {0};
	struct sk_text t;
	struct sk_pos pos = {"<filter>", 1, 1};
	struct filter_env fe = {(struct sk_ruleset *)rs, &f->a, &d};
	struct sk_lang_env env = {&fe, env_macro, env_list, NULL, NULL};
	sk_text_plain(&f->a, &t, text, strlen(text), pos);
	struct sk_ast *ast = sk_parse_condition(&f->a, &t, &d, NULL);
	f->root = ast ? sk_compile(&f->a, ast, rs ? &env : NULL, &d, NULL, NULL) : NULL;
	if (!f->root) {
		for (size_t i = 0; i < d.n; i++)
			if (d.msgs[i].is_error) {
				snprintf(err, errlen, "%s", d.msgs[i].text);
				break;
			}
		sk_diag_free(&d);
		sk_filter_free(f);
		return NULL;
	}
	sk_diag_free(&d);
	return f;
}

struct sk_filter *sk_filter_new(const char *text, char *err, size_t errlen)
{
	return sk_filter_new_in(NULL, text, err, errlen);
}

int sk_filter_match(const struct sk_filter *f, struct sk_evctx *ctx)
{
	return sk_eval(f->root, ctx, SK_ETYPE_UNKNOWN);
}

void sk_filter_free(struct sk_filter *f)
{
	if (!f)
		return;
	sk_pool_free(&f->a);
	free(f);
}
