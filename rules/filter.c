/* filter.c - a standalone condition (no macros, no lists) for commands that
 * select events, such as `saker print FILE FILTER`: the same parser,
 * compiler and evaluator the rules use, behind an opaque handle.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/lang.h"
#include "rules/rules.h"

struct sk_filter {
	struct sk_pool a;
	struct sk_cnode *root;
};

struct sk_filter *sk_filter_new(const char *text, char *err, size_t errlen)
{
	struct sk_filter *f = calloc(1, sizeof(*f));
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	struct sk_diag d = {0};
	struct sk_text t;
	struct sk_pos pos = {"<filter>", 1, 1};
	sk_text_plain(&f->a, &t, text, strlen(text), pos);
	struct sk_ast *ast = sk_parse_condition(&f->a, &t, &d, NULL);
	f->root = ast ? sk_compile(&f->a, ast, NULL, &d, NULL, NULL) : NULL;
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
