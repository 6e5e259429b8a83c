/* eval.c - evaluates a compiled condition for the current event with
 * short-circuit and/or. A field with no value makes every comparison false
 * (libsinsp's compare fails when extraction fails), so `x != y` is false
 * when x is unknown, while `not x = y` is true; `exists` tests for a value.
 * Ancestor fields (proc.aname without index) match when any ancestor does;
 * on a list field (fd.types) `in` needs every value in the set and
 * `intersects` one, as in libsinsp. Shared macro trees cache their result
 * for the current event, and so do the fields a rule set compares.
 */
#include "format/schema.h"
#include "rules/lang.h"

#define MAX_VALUES 64
#define TR_BUF	   4096

static __attribute__((noinline)) int match_rhs_field(const struct sk_cnode *n,
						     const struct sk_value *v, struct sk_evctx *ctx)
{
	struct sk_value r[MAX_VALUES];
	char buf[TR_BUF];
	int k = sk_field_extract(&n->rhs_field->ref, ctx, r, MAX_VALUES);
	for (int i = 0; i < k; i++) {
		if (n->rhs_field->ntr && sk_transform(n->rhs_field, &r[i], buf, sizeof(buf)) < 0)
			continue;
		if (sk_op_match_value(n, v, &r[i]))
			return 1;
	}
	return 0;
}

/* The current event; macro results and field values carry the generation
 * they were computed in. */
static uint64_t generation = 1;

/* Extracts f's values for the current event into vals, or points *out at
 * its cached single value (extracted in place once per event). */
static inline __attribute__((always_inline)) int extract(const struct sk_cfield *f,
							 struct sk_evctx *ctx,
							 struct sk_value *vals,
							 const struct sk_value **out)
{
	struct sk_fcache *c = f->cache;
	if (!c) {
		*out = vals;
		return sk_field_extract(&f->ref, ctx, vals, MAX_VALUES);
	}
	if (c->gen != generation) {
		c->k = sk_field_extract(&f->ref, ctx, &c->v, 1);
		c->gen = generation;
	}
	*out = &c->v;
	return c->k;
}

/* Any comparison: several values, transformers, a right-hand field. */
static __attribute__((noinline)) int eval_cmp_values(const struct sk_cnode *n, struct sk_evctx *ctx)
{
	struct sk_value vals[MAX_VALUES], tv;
	const struct sk_value *vs;
	char buf[TR_BUF];
	int k = extract(&n->lhs, ctx, vals, &vs);
	if (n->op == SK_OP_EXISTS)
		return k > 0;
	for (int i = 0; i < k; i++) {
		const struct sk_value *v = &vs[i];
		if (n->lhs.ntr) {
			tv = vs[i];
			if (sk_transform(&n->lhs, &tv, buf, sizeof(buf)) < 0)
				continue;
			v = &tv;
		}
		int m = n->rhs_field ? match_rhs_field(n, v, ctx) : sk_op_match(n, v);
		if (m != n->all_of)
			return m;
	}
	return n->all_of && k > 0;
}

/* The common case without the large buffers on the stack: one cached value
 * of a single-valued field (all_of is never set for those), compared with
 * constants. */
static int eval_cmp(const struct sk_cnode *n, struct sk_evctx *ctx)
{
	const struct sk_value *v;
	if (!n->lhs.cache || n->lhs.ntr || n->rhs_field)
		return eval_cmp_values(n, ctx);
	int k = extract(&n->lhs, ctx, NULL, &v);
	if (n->op == SK_OP_EXISTS)
		return k > 0;
	return k > 0 && sk_op_match(n, v);
}

static inline int eval(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype);

/* A comparison; generic records carry the call's own name in evt.type,
 * compared as a string, other records are tested by type. */
static inline int eval_leaf(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype)
{
	if (n->evtypes && etype != SK_ETYPE_UNKNOWN && etype != SK_E_GENERIC_E &&
	    etype != SK_E_GENERIC_X)
		return sk_typeset_has(n->evtypes, etype) != (n->op == SK_OP_NE);
	return eval_cmp(n, ctx);
}

static int eval_node(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype)
{
	switch (n->kind) {
	case SK_C_AND:
		for (unsigned i = 0; i < n->nkids; i++)
			if (!eval(n->kids[i], ctx, etype))
				return 0;
		return 1;
	case SK_C_OR:
		for (unsigned i = 0; i < n->nkids; i++)
			if (eval(n->kids[i], ctx, etype))
				return 1;
		return 0;
	case SK_C_NOT:
		return !eval(n->kids[0], ctx, etype);
	case SK_C_CMP:
		return eval_leaf(n, ctx, etype);
	}
	return 0;
}

__attribute__((always_inline)) static inline int eval(const struct sk_cnode *n,
						      struct sk_evctx *ctx, uint32_t etype)
{
	struct sk_memo *m = n->memo;
	if (!m)
		return n->kind == SK_C_CMP ? eval_leaf(n, ctx, etype) : eval_node(n, ctx, etype);
	if (m->gen != generation) {
		m->val = eval_node(n, ctx, etype);
		m->gen = generation;
	}
	return m->val;
}

int sk_eval(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype)
{
	generation++;
	return eval(n, ctx, etype);
}

int sk_eval_more(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype)
{
	return eval(n, ctx, etype);
}
