/* compile.c - turns a parsed condition into an evaluable tree: macros are
 * inlined (with cycle detection), list names inside (...) are expanded,
 * fields are resolved against the registry (fields.h), operators are checked
 * against the field's type, and every constant is parsed once into a typed
 * value (sorted for `in`). Also computes the event types a tree can match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/schema.h"
#include "replay/flags.h"
#include "rules/lang.h"

#define MAX_DEPTH 64

struct compiler {
	struct sk_pool *a;
	const struct sk_lang_env *env;
	struct sk_diag *d;
	const char *what;
	int *unknown_field;
	const char *stack[MAX_DEPTH]; /* macros being expanded */
	unsigned depth;
};

/* Items gathered while expanding a list. */
struct itemvec {
	const struct sk_item **v;
	unsigned n, cap;
};

static void itemvec_push(struct compiler *c, struct itemvec *iv, const struct sk_item *it)
{
	if (iv->n == iv->cap) {
		unsigned cap = iv->cap ? iv->cap * 2 : 16;
		const struct sk_item **v = sk_pool_alloc(c->a, cap * sizeof(*v));
		if (iv->n)
			memcpy(v, iv->v, iv->n * sizeof(*v));
		iv->v = v;
		iv->cap = cap;
	}
	iv->v[iv->n++] = it;
}

static int lookup_list(struct compiler *c, const struct sk_item *it, const struct sk_item **items,
		       unsigned *n)
{
	if (it->quoted || !c->env || !c->env->list)
		return -1;
	return c->env->list(c->env->opaque, it->s, items, n);
}

static int expand_items(struct compiler *c, const struct sk_item *items, unsigned n,
			struct itemvec *iv, unsigned depth)
{
	for (unsigned i = 0; i < n; i++) {
		const struct sk_item *sub;
		unsigned nsub;
		if (lookup_list(c, &items[i], &sub, &nsub) < 0) {
			itemvec_push(c, iv, &items[i]);
			continue;
		}
		if (depth >= MAX_DEPTH) {
			sk_diag_add(c->d, 1, &items[i].pos, c->what,
				    "list '%s' refers to itself (directly or through other lists)",
				    items[i].s);
			return -1;
		}
		if (expand_items(c, sub, nsub, iv, depth + 1) < 0)
			return -1;
	}
	return 0;
}

static const char *vtype_name(int t)
{
	static const char *const names[] = {"STRING", "BYTES", "INT",	  "UINT",    "BOOL",
					    "IPADDR", "IPNET", "ABSTIME", "RELTIME", "PATH"};
	return t >= 0 && t <= SK_V_PATH ? names[t] : "?";
}

static int is_stringish(int t)
{
	return t == SK_V_STRING || t == SK_V_PATH || t == SK_V_BYTES;
}

static int is_numeric(int t)
{
	return t == SK_V_INT || t == SK_V_UINT || t == SK_V_ABSTIME || t == SK_V_RELTIME;
}

static int op_allowed(int vtype, int op)
{
	if (op == SK_OP_EXISTS)
		return 1;
	if (is_stringish(vtype))
		return op != SK_OP_LT && op != SK_OP_LE && op != SK_OP_GT && op != SK_OP_GE;
	if (is_numeric(vtype))
		return op <= SK_OP_GE || op == SK_OP_IN || op == SK_OP_INTERSECTS;
	if (vtype == SK_V_BOOL)
		return op == SK_OP_EQ || op == SK_OP_NE || op == SK_OP_IN;
	return op == SK_OP_EQ || op == SK_OP_NE || op == SK_OP_IN || op == SK_OP_INTERSECTS;
}

static int transformed_type(int vtype, int tr)
{
	switch (tr) {
	case SK_TR_TOLOWER:
	case SK_TR_TOUPPER:
	case SK_TR_BASENAME:
		return vtype == SK_V_STRING || vtype == SK_V_PATH ? SK_V_STRING : -1;
	case SK_TR_B64:
		return is_stringish(vtype) ? SK_V_STRING : -1;
	case SK_TR_LEN:
		return is_stringish(vtype) ? SK_V_UINT : -1;
	}
	return -1;
}

/* A field yielding a set of values (fd.types[N] indexes it), as opposed to
 * the ancestor fields (proc.aname...) that libsinsp compares against each
 * ancestor in turn, and to fields such as fd.ip that match either end of a
 * connection. Those match when any value does. */
static int is_list_field(const struct sk_cfield *f)
{
	return f->ref.field->is_list && f->ref.field->arg == SK_FA_OPTIONAL_INDEX &&
	       f->ref.index < 0 && !f->ntr && strncmp(f->ref.field->name, "proc.a", 6) != 0;
}

static const char *const tr_names[] = {"", "tolower", "toupper", "b64", "basename", "len"};

static int resolve_field(struct compiler *c, const struct sk_operand *o, struct sk_cfield *f)
{
	char err[256];
	if (sk_field_parse(o->field, strlen(o->field), &f->ref, err, sizeof(err)) < 0) {
		sk_diag_add(c->d, 1, &o->pos, c->what, "%s", err);
		if (c->unknown_field)
			*c->unknown_field = 1;
		return -1;
	}
	f->text = o->field;
	f->vtype = f->ref.field->vtype;
	f->ntr = o->ntr;
	for (unsigned i = 0; i < o->ntr; i++) {
		int t = transformed_type(f->vtype, o->tr[i]);
		if (t < 0) {
			sk_diag_add(c->d, 1, &o->pos, c->what,
				    "type mismatch: transformer %s() cannot apply to %s field '%s'",
				    tr_names[o->tr[i]], vtype_name(f->vtype), o->field);
			return -1;
		}
		f->tr[i] = o->tr[i];
		f->vtype = t;
	}
	return 0;
}

/* Whether name is a syscall the capture records only as a generic record
 * (evt.type then names the call, e.g. "kexec_load"). */
static int generic_syscall(const char *name, size_t len)
{
	for (int64_t nr = 0; nr < 1024; nr++) {
		const char *s = sk_syscall_name(nr);
		if (s && strlen(s) == len && !memcmp(s, name, len))
			return 1;
	}
	return 0;
}

/* Record types named by evt.type = X / in (...); warns about unknown names. */
static struct sk_typeset *evtypes_of(struct compiler *c, const struct sk_item *const *items,
				     unsigned n, int op)
{
	struct sk_typeset *ts = sk_pool_alloc(c->a, sizeof(*ts));
	for (unsigned i = 0; i < n; i++) {
		int found = 0;
		for (unsigned k = 0; k < sk_event_count(); k++) {
			const struct sk_event_info *ev = sk_event_at(k);
			if (strlen(ev->name) == items[i]->len &&
			    !memcmp(ev->name, items[i]->s, items[i]->len) &&
			    ev->id < 64 * SK_TYPESET_WORDS) {
				ts->w[ev->id / 64] |= 1ull << (ev->id % 64);
				found = 1;
			}
		}
		if (!found && generic_syscall(items[i]->s, items[i]->len)) {
			ts->w[SK_E_GENERIC_E / 64] |= 1ull << (SK_E_GENERIC_E % 64);
			ts->w[SK_E_GENERIC_X / 64] |= 1ull << (SK_E_GENERIC_X % 64);
			found = 1;
		}
		if (!found)
			sk_diag_add(c->d, 0, &items[i]->pos, c->what,
				    "event type '%s' is not a system call saker records: this "
				    "comparison %s matches",
				    items[i]->s, op == SK_OP_NE ? "always" : "never");
	}
	return ts;
}

static int compile_consts(struct compiler *c, const struct sk_ast *ast, struct sk_cnode *n)
{
	struct itemvec iv = {0};
	if (ast->rhs_kind == SK_RHS_LIST) {
		if (expand_items(c, ast->items, ast->nitems, &iv, 0) < 0)
			return -1;
	} else {
		itemvec_push(c, &iv, &ast->items[0]);
	}
	n->vals = sk_pool_alloc(c->a, (iv.n ? iv.n : 1) * sizeof(*n->vals));
	for (unsigned i = 0; i < iv.n; i++) {
		char err[256];
		if (sk_const_parse(c->a, n->lhs.vtype, n->op, iv.v[i]->s, iv.v[i]->len, &n->vals[i],
				   err, sizeof(err)) < 0) {
			sk_diag_add(c->d, 1, &iv.v[i]->pos, c->what,
				    "type mismatch: %s for %s field '%s'", err,
				    vtype_name(n->lhs.vtype), n->lhs.text);
			return -1;
		}
	}
	n->nvals = iv.n;
	if (n->op == SK_OP_IN || n->op == SK_OP_INTERSECTS) {
		sk_consts_sort(n->vals, &n->nvals);
		int t = n->lhs.vtype;
		if (t == SK_V_STRING || t == SK_V_PATH || t == SK_V_BYTES)
			sk_strset_build(c->a, n);
	}
	if (!strcmp(n->lhs.text, "evt.type") && !n->lhs.ntr &&
	    (n->op == SK_OP_EQ || n->op == SK_OP_NE || n->op == SK_OP_IN))
		n->evtypes = evtypes_of(c, iv.v, iv.n, n->op);
	if (n->op == SK_OP_REGEX) {
		n->re = sk_pool_alloc(c->a, sizeof(*n->re));
		char *pat = sk_pool_alloc(c->a, iv.v[0]->len + 5);
		snprintf(pat, iv.v[0]->len + 5, "^(%s)$", iv.v[0]->s);
		int rc = regcomp(n->re, pat, REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char msg[200];
			regerror(rc, n->re, msg, sizeof(msg));
			n->re = NULL;
			sk_diag_add(c->d, 1, &iv.v[0]->pos, c->what,
				    "bad regular expression '%s': %s", iv.v[0]->s, msg);
			return -1;
		}
		sk_pool_track_regex(c->a, n->re);
	}
	return 0;
}

static struct sk_cnode *compile_cmp(struct compiler *c, const struct sk_ast *ast)
{
	struct sk_cnode *n = sk_pool_alloc(c->a, sizeof(*n));
	n->kind = SK_C_CMP;
	n->op = ast->op;
	if (resolve_field(c, &ast->lhs, &n->lhs) < 0)
		return NULL;
	if (c->env && c->env->fcache && !(n->lhs.ref.field->is_list && n->lhs.ref.index < 0))
		n->lhs.cache = c->env->fcache(c->env->opaque, n->lhs.text); /* single-valued */
	if (is_list_field(&n->lhs)) {
		if (n->op != SK_OP_IN && n->op != SK_OP_INTERSECTS && n->op != SK_OP_EXISTS) {
			sk_diag_add(c->d, 1, &ast->pos, c->what,
				    "list field '%s' only supports exists, in and intersects",
				    n->lhs.text);
			return NULL;
		}
		n->all_of = n->op == SK_OP_IN;
	}
	if (!op_allowed(n->lhs.vtype, n->op)) {
		sk_diag_add(c->d, 1, &ast->pos, c->what,
			    "type mismatch: operator '%s' is not supported on %s field '%s'",
			    sk_op_name(n->op), vtype_name(n->lhs.vtype), n->lhs.text);
		return NULL;
	}
	if (ast->rhs_kind == SK_RHS_FIELD) {
		n->rhs_field = sk_pool_alloc(c->a, sizeof(*n->rhs_field));
		if (resolve_field(c, &ast->rhs_field, n->rhs_field) < 0)
			return NULL;
		int l = n->lhs.vtype, r = n->rhs_field->vtype;
		int compatible = l == r || (is_stringish(l) && is_stringish(r)) ||
				 (is_numeric(l) && is_numeric(r));
		if (!compatible || n->op == SK_OP_REGEX) {
			sk_diag_add(c->d, 1, &ast->rhs_field.pos, c->what,
				    "type mismatch: field '%s' (%s) cannot be compared with '%s' "
				    "(%s) using '%s'",
				    n->lhs.text, vtype_name(l), n->rhs_field->text, vtype_name(r),
				    sk_op_name(n->op));
			return NULL;
		}
		return n;
	}
	if (ast->rhs_kind != SK_RHS_NONE && compile_consts(c, ast, n) < 0)
		return NULL;
	return n;
}

static struct sk_cnode *compile_node(struct compiler *c, const struct sk_ast *ast);

static struct sk_cnode *compile_macro(struct compiler *c, const struct sk_ast *ast)
{
	const struct sk_ast *body =
	    c->env && c->env->macro ? c->env->macro(c->env->opaque, ast->name) : NULL;
	if (!body) {
		sk_diag_add(c->d, 1, &ast->pos, c->what, "unknown macro '%s'", ast->name);
		return NULL;
	}
	for (unsigned i = 0; i < c->depth; i++)
		if (!strcmp(c->stack[i], ast->name)) {
			sk_diag_add(
			    c->d, 1, &ast->pos, c->what,
			    "macro '%s' refers to itself (directly or through other macros)",
			    ast->name);
			return NULL;
		}
	if (c->depth == MAX_DEPTH) {
		sk_diag_add(c->d, 1, &ast->pos, c->what, "macros nested too deeply");
		return NULL;
	}
	struct sk_cnode **slot =
	    c->env->compiled ? c->env->compiled(c->env->opaque, ast->name) : NULL;
	if (slot && *slot)
		return *slot;
	/* errors inside name the macro (once, however many rules use it) */
	const char *outer = c->what;
	size_t wl = strlen(ast->name) + 10;
	char *what = sk_pool_alloc(c->a, wl);
	snprintf(what, wl, "macro '%s'", ast->name);
	c->what = what;
	c->stack[c->depth++] = ast->name;
	struct sk_cnode *n = compile_node(c, body);
	c->depth--;
	c->what = outer;
	if (n && slot) {
		if (!n->memo)
			n->memo = sk_pool_alloc(c->a, sizeof(*n->memo));
		*slot = n;
	}
	return n;
}

static struct sk_cnode *compile_node(struct compiler *c, const struct sk_ast *ast)
{
	if (ast->kind == SK_A_CMP)
		return compile_cmp(c, ast);
	if (ast->kind == SK_A_MACRO)
		return compile_macro(c, ast);
	struct sk_cnode *n = sk_pool_alloc(c->a, sizeof(*n));
	n->kind = ast->kind == SK_A_AND ? SK_C_AND : ast->kind == SK_A_OR ? SK_C_OR : SK_C_NOT;
	n->nkids = ast->nkids;
	n->kids = sk_pool_alloc(c->a, ast->nkids * sizeof(*n->kids));
	int ok = 1;
	for (unsigned i = 0; i < ast->nkids; i++) {
		n->kids[i] = compile_node(c, ast->kids[i]);
		ok &= n->kids[i] != NULL;
	}
	return ok ? n : NULL;
}

struct sk_cnode *sk_compile(struct sk_pool *a, const struct sk_ast *ast,
			    const struct sk_lang_env *env, struct sk_diag *d, const char *what,
			    int *unknown_field)
{
	struct compiler c = {
	    .a = a, .env = env, .d = d, .what = what, .unknown_field = unknown_field};
	if (unknown_field)
		*unknown_field = 0;
	return compile_node(&c, ast);
}

static void typeset_all(struct sk_typeset *s)
{
	memset(s->w, 0xff, sizeof(s->w));
}

static void typeset_combine(struct sk_typeset *out, const struct sk_typeset *k, int unite)
{
	for (int w = 0; w < SK_TYPESET_WORDS; w++)
		out->w[w] = unite ? out->w[w] | k->w[w] : out->w[w] & k->w[w];
}

/* The types a comparison on evt.type names, or when neg their complement;
 * generic records stay in both, their type being the call's name. */
static void typeset_cmp(const struct sk_cnode *n, int neg, struct sk_typeset *out)
{
	if (!n->evtypes) {
		typeset_all(out);
		return;
	}
	*out = *n->evtypes;
	if (neg == (n->op == SK_OP_NE))
		return;
	for (int w = 0; w < SK_TYPESET_WORDS; w++)
		out->w[w] = ~out->w[w];
	out->w[SK_E_GENERIC_E / 64] |= 1ull << (SK_E_GENERIC_E % 64);
	out->w[SK_E_GENERIC_X / 64] |= 1ull << (SK_E_GENERIC_X % 64);
}

/* As Falco: a negation pushed down by De Morgan's laws, so `not evt.type =
 * x` is every other type and `not (a or b)` intersects. */
static void typeset_of(const struct sk_cnode *n, int neg, struct sk_typeset *out)
{
	struct sk_typeset k;
	switch (n->kind) {
	case SK_C_CMP:
		typeset_cmp(n, neg, out);
		return;
	case SK_C_NOT:
		typeset_of(n->kids[0], !neg, out);
		return;
	default: {
		int unite = (n->kind == SK_C_OR) != neg;
		if (unite)
			memset(out, 0, sizeof(*out));
		else
			typeset_all(out);
		for (unsigned i = 0; i < n->nkids; i++) {
			typeset_of(n->kids[i], neg, &k);
			typeset_combine(out, &k, unite);
		}
	}
	}
}

void sk_typeset_of(const struct sk_cnode *n, struct sk_typeset *out)
{
	typeset_of(n, 0, out);
}

int sk_typeset_is_all(const struct sk_typeset *s)
{
	for (int w = 0; w < SK_TYPESET_WORDS; w++)
		if (s->w[w] != ~0ull)
			return 0;
	return 1;
}
