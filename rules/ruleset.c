/* ruleset.c - the rule set's life: definitions looked up by name, then
 * compilation of every enabled rule (exceptions become `and not (...)` as in
 * Falco), the event-type index, and matching one event against the rules
 * indexed under its record type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format/schema.h"
#include "rules/defs.h"

static const char *const prio_names[] = {"Emergency", "Alert",	"Critical",	 "Error",
					 "Warning",   "Notice", "Informational", "Debug"};

const char *sk_priority_name(int prio)
{
	return prio >= 0 && prio <= SK_PRIO_DEBUG ? prio_names[prio] : "?";
}

int sk_priority_parse(const char *s)
{
	for (int i = 0; i <= SK_PRIO_DEBUG; i++)
		if (!strcasecmp(s, prio_names[i]))
			return i;
	return !strcasecmp(s, "info") ? SK_PRIO_INFO : -1;
}

void sk_ptrvec_push(struct sk_pool *a, struct sk_ptrvec *pv, void *p)
{
	if (pv->n == pv->cap) {
		unsigned cap = pv->cap ? pv->cap * 2 : 16;
		void **v = sk_pool_alloc(a, cap * sizeof(*v));
		if (pv->n)
			memcpy(v, pv->v, pv->n * sizeof(*v));
		pv->v = v;
		pv->cap = cap;
	}
	pv->v[pv->n++] = p;
}

#define FIND(type, vec)                                                                            \
	for (unsigned i = 0; i < rs->vec.n; i++) {                                                 \
		type *d = rs->vec.v[i];                                                            \
		if (!strcmp(d->name, name))                                                        \
			return d;                                                                  \
	}                                                                                          \
	return NULL

struct sk_rule_def *sk_find_rule(struct sk_ruleset *rs, const char *name)
{
	FIND(struct sk_rule_def, rules);
}

struct sk_macro_def *sk_find_macro(struct sk_ruleset *rs, const char *name)
{
	FIND(struct sk_macro_def, macros);
}

struct sk_list_def *sk_find_list(struct sk_ruleset *rs, const char *name)
{
	FIND(struct sk_list_def, lists);
}

struct sk_ruleset *sk_ruleset_new(void)
{
	struct sk_ruleset *rs = calloc(1, sizeof(*rs));
	if (rs)
		rs->min_priority = SK_PRIO_DEBUG;
	return rs;
}

void sk_ruleset_free(struct sk_ruleset *rs)
{
	if (!rs)
		return;
	free(rs->compiled);
	for (unsigned t = 0; t < SK_NTYPES; t++)
		free(rs->index[t]);
	sk_diag_free(&rs->d);
	sk_pool_free(&rs->a);
	free(rs);
}

void sk_ruleset_disable_name(struct sk_ruleset *rs, const char *substr)
{
	sk_ptrvec_push(&rs->a, &rs->no_names, (void *)substr);
}

void sk_ruleset_disable_tag(struct sk_ruleset *rs, const char *tag)
{
	sk_ptrvec_push(&rs->a, &rs->no_tags, (void *)tag);
}

void sk_ruleset_min_priority(struct sk_ruleset *rs, int prio)
{
	rs->min_priority = prio;
}

void sk_ruleset_first_match(struct sk_ruleset *rs, int first)
{
	rs->first_match = first;
}

unsigned sk_ruleset_errors(const struct sk_ruleset *rs)
{
	return rs->d.nerrors;
}

unsigned sk_ruleset_warnings(const struct sk_ruleset *rs)
{
	return rs->d.nwarnings;
}

void sk_ruleset_print_diag(const struct sk_ruleset *rs, FILE *out)
{
	for (size_t i = 0; i < rs->d.n; i++)
		fprintf(out, "%s\n", rs->d.msgs[i].text);
}

unsigned sk_ruleset_nrules(const struct sk_ruleset *rs)
{
	return rs->ncompiled;
}

const struct sk_rule *sk_ruleset_rule(const struct sk_ruleset *rs, unsigned i)
{
	return i < rs->ncompiled ? &rs->compiled[i] : NULL;
}

static const struct sk_ast *env_macro(void *opaque, const char *name)
{
	struct sk_ruleset *rs = opaque;
	struct sk_macro_def *m = sk_find_macro(rs, name);
	if (!m)
		return NULL;
	if (!m->state) {
		char what[300];
		snprintf(what, sizeof(what), "macro '%s'", m->name);
		m->ast = sk_parse_condition(&rs->a, &m->cond, &rs->d, what);
		m->state = m->ast ? 1 : -1;
	}
	return m->ast;
}

static int env_list(void *opaque, const char *name, const struct sk_item **items, unsigned *n)
{
	struct sk_list_def *l = sk_find_list(opaque, name);
	if (!l)
		return -1;
	*items = l->items;
	*n = l->n;
	return 0;
}

static struct sk_cnode **env_compiled(void *opaque, const char *name)
{
	struct sk_macro_def *m = sk_find_macro(opaque, name);
	return m ? &m->compiled : NULL;
}

static struct sk_fcache *env_fcache(void *opaque, const char *field)
{
	struct sk_ruleset *rs = opaque;
	for (unsigned i = 0; i < rs->fcaches.n; i++) {
		struct sk_fcache_def *f = rs->fcaches.v[i];
		if (!strcmp(f->field, field))
			return &f->cache;
	}
	struct sk_fcache_def *f = sk_pool_alloc(&rs->a, sizeof(*f));
	f->field = field;
	sk_ptrvec_push(&rs->a, &rs->fcaches, f);
	return &f->cache;
}

static int is_disabled(const struct sk_ruleset *rs, const struct sk_rule_def *r)
{
	if (!r->enabled || r->priority > rs->min_priority)
		return 1;
	for (unsigned i = 0; i < rs->no_names.n; i++)
		if (strstr(r->name, rs->no_names.v[i]))
			return 1;
	for (unsigned i = 0; i < rs->no_tags.n; i++)
		for (unsigned k = 0; k < r->tags.n; k++)
			if (!strcmp(r->tags.v[k], rs->no_tags.v[i]))
				return 1;
	return 0;
}

/* Record types rules may fire on: syscall exits, calls with only an entry
 * record, and process exits. */
static int matchable(unsigned type)
{
	const struct sk_event_info *ev = sk_event_info((uint16_t)type);
	if (!ev)
		return 0;
	if (ev->category == SK_CAT_PROCESS)
		return type == SK_E_PROC_EXIT;
	if (ev->category != SK_CAT_SYSCALL)
		return 0;
	if (ev->dir != SK_DIR_ENTER)
		return 1;
	for (unsigned i = 0; i < sk_event_count(); i++) {
		const struct sk_event_info *o = sk_event_at(i);
		if (o->dir == SK_DIR_EXIT && !strcmp(o->name, ev->name))
			return 0;
	}
	return 1;
}

static void describe_types(const struct sk_typeset *ts, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = 0;
	if (sk_typeset_is_all(ts)) {
		snprintf(buf, cap, "(all)");
		return;
	}
	const char *last = "";
	for (unsigned t = 0; t < SK_NTYPES; t++) {
		if (!sk_typeset_has(ts, t) || !matchable(t))
			continue;
		const char *name = sk_event_info((uint16_t)t)->name;
		if (!strcmp(name, last))
			continue;
		int k = snprintf(buf + n, cap - n, "%s%s", n ? " " : "", name);
		if (k < 0 || (size_t)k >= cap - n)
			break;
		n += (size_t)k;
		last = name;
	}
	if (!n)
		snprintf(buf, cap, "(none)");
}

/* Compiles r (disabled rules too, as Falco does, so their errors show) and,
 * when enabled, adds it to the compiled rules and the index. */
static void compile_rule(struct sk_ruleset *rs, const struct sk_rule_def *r,
			 const struct sk_lang_env *env, int enabled)
{
	char what[300];
	snprintf(what, sizeof(what), "rule '%s'", r->name);
	struct sk_diag local = {0};
	struct sk_text cond;
	sk_rule_condition(rs, r, &cond);
	struct sk_ast *ast = sk_parse_condition(&rs->a, &cond, &local, what);
	int unknown = 0;
	struct sk_cnode *c = ast ? sk_compile(&rs->a, ast, env, &local, what, &unknown) : NULL;
	struct sk_output *out = c ? sk_output_compile(&rs->a, &r->output, &local, what) : NULL;
	int skip = (!c && unknown && r->skip_unknown);
	for (size_t i = 0; i < local.n; i++) {
		const char *text = local.msgs[i].text;
		const char *e = strstr(text, "error: ");
		if (!skip || !local.msgs[i].is_error || !e) {
			sk_diag_add_raw(&rs->d, local.msgs[i].is_error, text);
			continue;
		}
		char conv[1700];
		snprintf(conv, sizeof(conv),
			 "%.*swarning: %s (skip-if-unknown-filter: rule skipped)", (int)(e - text),
			 text, e + 7);
		sk_diag_add_raw(&rs->d, 0, conv);
	}
	sk_diag_free(&local);
	if (!c || !out || !enabled)
		return;
	struct sk_rule *cr = &rs->compiled[rs->ncompiled];
	cr->name = r->name;
	cr->desc = r->desc;
	cr->priority = r->priority;
	cr->tags = (const char **)r->tags.v;
	cr->ntags = r->tags.n;
	cr->index = rs->ncompiled++;
	cr->cond = c;
	cr->output = out;
	struct sk_typeset ts;
	sk_typeset_of(c, &ts);
	describe_types(&ts, cr->evtypes, sizeof(cr->evtypes));
	if (sk_typeset_is_all(&ts) && r->warn_evttypes)
		sk_diag_add(
		    &rs->d, 0, &r->pos, what,
		    "the condition does not restrict evt.type: the rule runs on every event, "
		    "which is slow (set warn_evttypes: false to silence)");
	for (unsigned t = 0; t < SK_NTYPES; t++) {
		if (!sk_typeset_has(&ts, t) || !matchable(t))
			continue;
		rs->index[t] = realloc(rs->index[t], (rs->nindex[t] + 1) * sizeof(*rs->index[t]));
		if (!rs->index[t])
			abort();
		rs->index[t][rs->nindex[t]++] = cr;
	}
}

int sk_ruleset_compile(struct sk_ruleset *rs)
{
	struct sk_lang_env env = {rs, env_macro, env_list, env_compiled, env_fcache};
	for (unsigned i = 0; i < rs->macros.n; i++)
		env_macro(rs, ((struct sk_macro_def *)rs->macros.v[i])->name);
	rs->compiled = calloc(rs->rules.n ? rs->rules.n : 1, sizeof(*rs->compiled));
	if (!rs->compiled)
		abort();
	for (unsigned i = 0; i < rs->rules.n; i++)
		compile_rule(rs, rs->rules.v[i], &env, !is_disabled(rs, rs->rules.v[i]));
	return rs->d.nerrors ? -1 : 0;
}

void sk_ruleset_match(const struct sk_ruleset *rs, uint16_t etype, struct sk_evctx *ctx,
		      sk_alert_fn fn, void *opaque)
{
	if (etype >= SK_NTYPES)
		return;
	const struct sk_rule **v = rs->index[etype];
	unsigned n = rs->nindex[etype];
	for (unsigned i = 0; i < n; i++)
		if (i ? sk_eval_more(v[i]->cond, ctx, etype) : sk_eval(v[i]->cond, ctx, etype)) {
			fn(opaque, v[i], ctx);
			if (rs->first_match)
				return;
		}
}
