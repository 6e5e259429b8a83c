/* load.c - reads Falco rule files with libyaml's document API and applies
 * them to the rule set in order: definitions, `append: true`, `override:`,
 * enable/disable items. Every node keeps its line:column, and condition and
 * output texts get a position per byte (mapped back through YAML folding and
 * quoting) so later errors point into the file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rules/defs.h"

struct loader {
	struct sk_ruleset *rs;
	yaml_document_t *doc;
	const char *file;
	const char *buf;
	size_t len;
};

static struct sk_pos pos_of(const struct loader *l, const yaml_node_t *n)
{
	struct sk_pos p = {l->file, (uint32_t)n->start_mark.line + 1,
			   (uint32_t)n->start_mark.column + 1};
	return p;
}

static void report(struct loader *l, int is_error, const yaml_node_t *n, const char *what,
		   const char *fmt, va_list ap)
{
	struct sk_pos p = pos_of(l, n);
	char msg[600];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	sk_diag_add(&l->rs->d, is_error, &p, what, "%s", msg);
}

__attribute__((format(printf, 4, 5))) static void err(struct loader *l, const yaml_node_t *n,
						      const char *what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(l, 1, n, what, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 4, 5))) static void warn(struct loader *l, const yaml_node_t *n,
						       const char *what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(l, 0, n, what, fmt, ap);
	va_end(ap);
}

static yaml_node_t *node(struct loader *l, int id)
{
	return yaml_document_get_node(l->doc, id);
}

static yaml_node_t *get(struct loader *l, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(l, p->key);
		if (k && k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, key))
			return node(l, p->value);
	}
	return NULL;
}

static const char *scalar(struct loader *l, yaml_node_t *n, const char *what, const char *key)
{
	if (!n)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		err(l, n, what, "'%s' must be a single value", key);
		return NULL;
	}
	return sk_pool_strndup(&l->rs->a, (char *)n->data.scalar.value, n->data.scalar.length);
}

static int boolean(struct loader *l, yaml_node_t *n, const char *what, const char *key, int dflt)
{
	const char *s = scalar(l, n, what, key);
	if (!s)
		return dflt;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcasecmp(s, "on"))
		return 1;
	if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcasecmp(s, "off"))
		return 0;
	err(l, n, what, "'%s' must be true or false, not '%s'", key, s);
	return dflt;
}

/* Positions of a scalar's bytes: walks the raw file from the node's start,
 * matching each value byte (folded new lines and escapes are skipped). */
static void scalar_text(struct loader *l, yaml_node_t *n, struct sk_text *t)
{
	const char *v = (char *)n->data.scalar.value;
	size_t vlen = n->data.scalar.length;
	struct sk_pos p = pos_of(l, n);
	sk_text_plain(&l->rs->a, t, v, vlen, p);
	size_t r = n->start_mark.index, end = n->end_mark.index;
	if (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		r++;
		p.col++;
	}
	for (size_t i = 0; i < vlen; i++) {
		char c = v[i];
		size_t k = r;
		struct sk_pos q = p;
		while (k < end && l->buf[k] != c &&
		       !((c == ' ' || c == '\n') && (l->buf[k] == '\n' || l->buf[k] == ' '))) {
			if (l->buf[k] == '\n') {
				q.line++;
				q.col = 1;
			} else {
				q.col++;
			}
			k++;
		}
		if (k >= end)
			break; /* keep the plain positions from here on */
		t->pos[i] = q;
		p = q;
		r = k + 1;
		if (l->buf[k] == '\n') {
			p.line++;
			p.col = 1;
		} else {
			p.col++;
		}
		t->pos[i + 1] = p;
	}
	/* folded scalars end with a new line that is not part of the expression */
	while (t->len && (t->s[t->len - 1] == '\n' || t->s[t->len - 1] == ' '))
		t->s[--t->len] = 0;
}

static int strings(struct loader *l, yaml_node_t *n, const char *what, const char *key,
		   struct sk_ptrvec *out)
{
	if (n->type == YAML_SCALAR_NODE) {
		sk_ptrvec_push(&l->rs->a, out, (void *)scalar(l, n, what, key));
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		err(l, n, what, "'%s' must be a list", key);
		return -1;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		const char *s = scalar(l, node(l, *it), what, key);
		if (!s)
			return -1;
		sk_ptrvec_push(&l->rs->a, out, (void *)s);
	}
	return 0;
}

static int parse_exelem(struct loader *l, yaml_node_t *n, const char *what, struct sk_exelem *e)
{
	struct sk_ptrvec pv = {0};
	e->is_seq = n->type == YAML_SEQUENCE_NODE;
	if (strings(l, n, what, "exceptions.values", &pv) < 0) {
		return -1;
	}
	e->items = (const char **)pv.v;
	e->n = pv.n;
	return 0;
}

static int add_exception_values(struct loader *l, struct sk_exception *ex, yaml_node_t *vals,
				const char *what)
{
	if (vals->type != YAML_SEQUENCE_NODE) {
		err(l, vals, what, "exception '%s': 'values' must be a list", ex->name);
		return -1;
	}
	for (yaml_node_item_t *it = vals->data.sequence.items.start;
	     it < vals->data.sequence.items.top; it++) {
		yaml_node_t *v = node(l, *it);
		unsigned n = ex->fields_is_seq ? ex->nfields : 1;
		struct sk_exelem *tuple = sk_pool_alloc(&l->rs->a, n * sizeof(*tuple));
		if (ex->fields_is_seq) {
			if (v->type != YAML_SEQUENCE_NODE ||
			    (unsigned)(v->data.sequence.items.top - v->data.sequence.items.start) !=
				n) {
				err(l, v, what,
				    "exception '%s': each value must be a list of as many items as "
				    "'fields'",
				    ex->name);
				return -1;
			}
			for (unsigned k = 0; k < n; k++)
				if (parse_exelem(l, node(l, v->data.sequence.items.start[k]), what,
						 &tuple[k]) < 0)
					return -1;
		} else if (parse_exelem(l, v, what, &tuple[0]) < 0) {
			return -1;
		}
		sk_ptrvec_push(&l->rs->a, &ex->values, tuple);
	}
	return 0;
}

static struct sk_exception *find_exception(struct sk_rule_def *r, const char *name)
{
	for (unsigned i = 0; i < r->exceptions.n; i++) {
		struct sk_exception *e = r->exceptions.v[i];
		if (!strcmp(e->name, name))
			return e;
	}
	return NULL;
}

/* Adds (or, appending, extends) the exceptions of a rule item. */
static int load_exceptions(struct loader *l, yaml_node_t *n, struct sk_rule_def *r,
			   const char *what, int appending)
{
	if (n->type != YAML_SEQUENCE_NODE) {
		err(l, n, what, "'exceptions' must be a list");
		return -1;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *e = node(l, *it);
		const char *name = e->type == YAML_MAPPING_NODE
				       ? scalar(l, get(l, e, "name"), what, "name")
				       : NULL;
		if (!name) {
			err(l, e, what, "each exception needs a 'name'");
			return -1;
		}
		struct sk_exception *ex = appending ? find_exception(r, name) : NULL;
		yaml_node_t *fields = get(l, e, "fields"), *comps = get(l, e, "comps");
		yaml_node_t *vals = get(l, e, "values");
		if (!ex) {
			if (!fields) {
				err(l, e, what, "exception '%s' has no 'fields'", name);
				return -1;
			}
			ex = sk_pool_alloc(&l->rs->a, sizeof(*ex));
			ex->name = name;
			ex->pos = pos_of(l, e);
			struct sk_ptrvec f = {0}, c = {0};
			ex->fields_is_seq = fields->type == YAML_SEQUENCE_NODE;
			if (strings(l, fields, what, "fields", &f) < 0 ||
			    (comps && strings(l, comps, what, "comps", &c) < 0))
				return -1;
			if (!f.n) {
				err(l, e, what, "exception '%s' has no 'fields'", name);
				return -1;
			}
			ex->fields = (const char **)f.v;
			ex->nfields = f.n;
			ex->comps = (const char **)c.v;
			ex->ncomps = c.n;
			if (ex->ncomps && ex->ncomps != ex->nfields) {
				err(l, e, what,
				    "exception '%s': 'comps' and 'fields' differ in length", name);
				return -1;
			}
			sk_ptrvec_push(&l->rs->a, &r->exceptions, ex);
		}
		if (vals && add_exception_values(l, ex, vals, what) < 0)
			return -1;
	}
	return 0;
}

static int priority_of(struct loader *l, yaml_node_t *n, const char *what)
{
	const char *s = scalar(l, n, what, "priority");
	int p = s ? sk_priority_parse(s) : -1;
	if (s && p < 0)
		err(l, n, what,
		    "unknown priority '%s' (expected EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, "
		    "NOTICE, INFORMATIONAL or DEBUG)",
		    s);
	return p;
}

static int check_keys(struct loader *l, yaml_node_t *item, const char *const *known,
		      const char *what)
{
	for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(l, p->key);
		if (!k || k->type != YAML_SCALAR_NODE) {
			if (k)
				warn(l, k, what, "a key must be a plain name (ignored)");
			continue;
		}
		int ok = 0;
		for (unsigned i = 0; known[i] && !ok; i++)
			ok = !strcmp(known[i], (char *)k->data.scalar.value);
		if (!ok)
			warn(l, k, what, "unknown key '%s' (ignored)",
			     (char *)k->data.scalar.value);
	}
	return 0;
}

/* Applies one `key: append|replace` of an override or the legacy append. */
static int apply_rule_key(struct loader *l, yaml_node_t *item, struct sk_rule_def *r,
			  const char *key, int append, const char *what)
{
	yaml_node_t *v = get(l, item, key);
	if (!v) {
		err(l, item, what, "override of '%s' needs a '%s' key in the same item", key, key);
		return -1;
	}
	if (!strcmp(key, "condition") || !strcmp(key, "output")) {
		struct sk_text t, *dst = key[0] == 'c' ? &r->cond : &r->output;
		if (v->type != YAML_SCALAR_NODE)
			return scalar(l, v, what, key) ? 0 : -1;
		scalar_text(l, v, &t);
		if (append)
			sk_text_join(&l->rs->a, dst, dst, &t);
		else
			*dst = t;
	} else if (!strcmp(key, "desc")) {
		const char *s = scalar(l, v, what, key);
		if (!s)
			return -1;
		if (append) {
			size_t n = strlen(r->desc) + strlen(s) + 2;
			char *j = sk_pool_alloc(&l->rs->a, n);
			snprintf(j, n, "%s %s", r->desc, s);
			s = j;
		}
		r->desc = s;
	} else if (!strcmp(key, "tags")) {
		if (!append)
			r->tags.n = 0;
		return strings(l, v, what, key, &r->tags);
	} else if (!strcmp(key, "exceptions")) {
		if (!append)
			r->exceptions.n = 0;
		return load_exceptions(l, v, r, what, append);
	} else if (append) {
		err(l, v, what, "'%s' cannot be appended, only replaced", key);
		return -1;
	} else if (!strcmp(key, "priority")) {
		int p = priority_of(l, v, what);
		if (p < 0)
			return -1;
		r->priority = p;
	} else if (!strcmp(key, "enabled")) {
		r->enabled = boolean(l, v, what, key, r->enabled);
	} else if (!strcmp(key, "warn_evttypes")) {
		r->warn_evttypes = boolean(l, v, what, key, r->warn_evttypes);
	} else if (!strcmp(key, "skip-if-unknown-filter")) {
		r->skip_unknown = boolean(l, v, what, key, r->skip_unknown);
	} else {
		err(l, v, what, "'%s' cannot be overridden", key);
		return -1;
	}
	return 0;
}

static int load_override(struct loader *l, yaml_node_t *item, yaml_node_t *ov,
			 struct sk_rule_def *r, const char *what)
{
	if (ov->type != YAML_MAPPING_NODE) {
		err(l, ov, what, "'override' must map keys to append or replace");
		return -1;
	}
	for (yaml_node_pair_t *p = ov->data.mapping.pairs.start; p < ov->data.mapping.pairs.top;
	     p++) {
		const char *key = scalar(l, node(l, p->key), what, "override");
		const char *how = scalar(l, node(l, p->value), what, "override");
		if (!key || !how)
			return -1;
		if (strcmp(how, "append") && strcmp(how, "replace")) {
			err(l, node(l, p->value), what,
			    "override of '%s' must be 'append' or 'replace', not '%s'", key, how);
			return -1;
		}
		if (apply_rule_key(l, item, r, key, how[0] == 'a', what) < 0)
			return -1;
	}
	for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(l, p->key);
		if (k->type != YAML_SCALAR_NODE)
			continue; /* check_keys warned about it */
		const char *key = (char *)k->data.scalar.value;
		if (strcmp(key, "rule") && strcmp(key, "override") && !get(l, ov, key)) {
			err(l, node(l, p->key), what, "key '%s' must be listed in 'override'", key);
			return -1;
		}
	}
	return 0;
}

static const char *const rule_keys[] = {"rule",
					"condition",
					"output",
					"priority",
					"desc",
					"tags",
					"enabled",
					"source",
					"exceptions",
					"append",
					"override",
					"warn_evttypes",
					"skip-if-unknown-filter",
					NULL};

static void skip_other_source(struct loader *l, yaml_node_t *item, const char *name,
			      const char *source, const char *what)
{
	for (unsigned i = 0; i < l->rs->skipped.n; i++)
		if (!strcmp(l->rs->skipped.v[i], name))
			return;
	sk_ptrvec_push(&l->rs->a, &l->rs->skipped, (void *)name);
	warn(l, item, what, "source '%s' is not supported (saker replays syscalls): rule skipped",
	     source);
}

static int is_skipped(struct loader *l, const char *name)
{
	for (unsigned i = 0; i < l->rs->skipped.n; i++)
		if (!strcmp(l->rs->skipped.v[i], name))
			return 1;
	return 0;
}

static int new_rule(struct loader *l, yaml_node_t *item, const char *name, const char *what)
{
	yaml_node_t *cond = get(l, item, "condition"), *out = get(l, item, "output");
	yaml_node_t *prio = get(l, item, "priority");
	const char *missing = !cond ? "condition" : !out ? "output" : !prio ? "priority" : NULL;
	if (missing) {
		err(l, item, what, "missing '%s'", missing);
		return -1;
	}
	if (cond->type != YAML_SCALAR_NODE || out->type != YAML_SCALAR_NODE) {
		err(l, cond->type != YAML_SCALAR_NODE ? cond : out, what,
		    "'condition' and 'output' must be text");
		return -1;
	}
	struct sk_rule_def *r = sk_pool_alloc(&l->rs->a, sizeof(*r));
	r->name = name;
	r->pos = pos_of(l, item);
	scalar_text(l, cond, &r->cond);
	scalar_text(l, out, &r->output);
	const char *desc = scalar(l, get(l, item, "desc"), what, "desc");
	r->desc = desc ? desc : "";
	r->priority = priority_of(l, prio, what);
	r->enabled = boolean(l, get(l, item, "enabled"), what, "enabled", 1);
	r->warn_evttypes = boolean(l, get(l, item, "warn_evttypes"), what, "warn_evttypes", 1);
	r->skip_unknown =
	    boolean(l, get(l, item, "skip-if-unknown-filter"), what, "skip-if-unknown-filter", 0);
	yaml_node_t *tags = get(l, item, "tags"), *exc = get(l, item, "exceptions");
	if (r->priority < 0 || (tags && strings(l, tags, what, "tags", &r->tags) < 0) ||
	    (exc && load_exceptions(l, exc, r, what, 0) < 0))
		return -1;
	struct sk_rule_def *old = sk_find_rule(l->rs, name);
	if (!old) {
		sk_ptrvec_push(&l->rs->a, &l->rs->rules, r);
		return 0;
	}
	for (unsigned i = 0; i < l->rs->rules.n; i++)
		if (l->rs->rules.v[i] == old)
			l->rs->rules.v[i] = r; /* a redefinition replaces in place */
	return 0;
}

static int load_rule(struct loader *l, yaml_node_t *item, const char *name)
{
	char what[300];
	snprintf(what, sizeof(what), "rule '%s'", name);
	check_keys(l, item, rule_keys, what);
	const char *source = scalar(l, get(l, item, "source"), what, "source");
	if ((source && strcmp(source, "syscall")) || is_skipped(l, name)) {
		skip_other_source(l, item, name, source ? source : "?", what);
		return 0;
	}
	yaml_node_t *ov = get(l, item, "override");
	int append = boolean(l, get(l, item, "append"), what, "append", 0);
	int only_enabled = item->data.mapping.pairs.top - item->data.mapping.pairs.start == 2 &&
			   get(l, item, "enabled");
	if (!ov && !append && !only_enabled)
		return new_rule(l, item, name, what);
	struct sk_rule_def *r = sk_find_rule(l->rs, name);
	if (!r) {
		err(l, item, what, "%s but no rule of that name is defined before",
		    ov	     ? "has 'override'"
		    : append ? "has 'append: true'"
			     : "only sets 'enabled'");
		return -1;
	}
	if (ov)
		return load_override(l, item, ov, r, what);
	if (only_enabled)
		return apply_rule_key(l, item, r, "enabled", 0, what);
	static const char *const appendable[] = {"condition", "output", "desc", "tags",
						 "exceptions"};
	for (unsigned i = 0; i < sizeof(appendable) / sizeof(appendable[0]); i++)
		if (get(l, item, appendable[i]) &&
		    apply_rule_key(l, item, r, appendable[i], 1, what) < 0)
			return -1;
	if (get(l, item, "enabled"))
		apply_rule_key(l, item, r, "enabled", 0, what);
	return 0;
}

enum { NEW, APPEND, REPLACE };

/* How a macro or list item updates an earlier one of the same name: NEW (a
 * definition), APPEND (`append: true` or `override: {key: append}`),
 * REPLACE (`override: {key: replace}`); -1 on a bad override. */
static int update_mode(struct loader *l, yaml_node_t *item, const char *key, const char *what)
{
	yaml_node_t *ov = get(l, item, "override");
	if (!ov)
		return boolean(l, get(l, item, "append"), what, "append", 0) ? APPEND : NEW;
	const char *how =
	    ov->type == YAML_MAPPING_NODE ? scalar(l, get(l, ov, key), what, "override") : NULL;
	if (!how || (strcmp(how, "append") && strcmp(how, "replace"))) {
		err(l, ov, what, "override must be {%s: append|replace}", key);
		return -1;
	}
	return how[0] == 'a' ? APPEND : REPLACE;
}

static int load_macro(struct loader *l, yaml_node_t *item, const char *name)
{
	static const char *const keys[] = {"macro",    "condition", "append",
					   "override", "source",    NULL};
	char what[300];
	snprintf(what, sizeof(what), "macro '%s'", name);
	check_keys(l, item, keys, what);
	const char *source = scalar(l, get(l, item, "source"), what, "source");
	if (source && strcmp(source, "syscall"))
		return 0; /* macros of other sources serve only rules skipped already */
	yaml_node_t *cond = get(l, item, "condition");
	if (!cond || cond->type != YAML_SCALAR_NODE) {
		err(l, cond ? cond : item, what, "needs a 'condition' text");
		return -1;
	}
	struct sk_text t;
	scalar_text(l, cond, &t);
	int append = update_mode(l, item, "condition", what);
	struct sk_macro_def *m = sk_find_macro(l->rs, name);
	if (append < 0 || (append != NEW && !m)) {
		if (append >= 0)
			err(l, item, what,
			    "appends or overrides but no macro of that name is "
			    "defined before");
		return -1;
	}
	if (append == APPEND) {
		sk_text_join(&l->rs->a, &m->cond, &m->cond, &t);
		return 0;
	}
	if (!m) {
		m = sk_pool_alloc(&l->rs->a, sizeof(*m));
		m->name = name;
		sk_ptrvec_push(&l->rs->a, &l->rs->macros, m);
	}
	m->pos = pos_of(l, item);
	m->cond = t;
	return 0;
}

static void list_push(struct sk_ruleset *rs, struct sk_list_def *d, const struct sk_item *it)
{
	if (d->n == d->cap) {
		unsigned cap = d->cap ? 2 * d->cap : 16;
		struct sk_item *v = sk_pool_alloc(&rs->a, cap * sizeof(*v));
		if (d->n)
			memcpy(v, d->items, d->n * sizeof(*v));
		d->items = v;
		d->cap = cap;
	}
	d->items[d->n++] = *it;
}

static int load_list(struct loader *l, yaml_node_t *item, const char *name)
{
	static const char *const keys[] = {"list", "items", "append", "override", "source", NULL};
	char what[300];
	snprintf(what, sizeof(what), "list '%s'", name);
	check_keys(l, item, keys, what);
	yaml_node_t *items = get(l, item, "items");
	if (!items || items->type != YAML_SEQUENCE_NODE) {
		err(l, items ? items : item, what, "needs 'items', a list of values");
		return -1;
	}
	int append = update_mode(l, item, "items", what);
	struct sk_list_def *d = sk_find_list(l->rs, name);
	if (append < 0 || (append != NEW && !d)) {
		if (append >= 0)
			err(l, item, what,
			    "appends or overrides but no list of that name is "
			    "defined before");
		return -1;
	}
	if (!d) {
		d = sk_pool_alloc(&l->rs->a, sizeof(*d));
		d->name = name;
		sk_ptrvec_push(&l->rs->a, &l->rs->lists, d);
	}
	if (append != APPEND)
		d->n = 0;
	d->pos = pos_of(l, item);
	for (yaml_node_item_t *it = items->data.sequence.items.start;
	     it < items->data.sequence.items.top; it++) {
		yaml_node_t *v = node(l, *it);
		if (v->type != YAML_SCALAR_NODE) {
			err(l, v, what, "list items must be single values");
			return -1;
		}
		struct sk_item x;
		sk_parse_item(&l->rs->a, (char *)v->data.scalar.value, v->data.scalar.length,
			      pos_of(l, v), &x);
		list_push(l->rs, d, &x);
	}
	return 0;
}

static int load_item(struct loader *l, yaml_node_t *item)
{
	if (item->type != YAML_MAPPING_NODE) {
		err(l, item, NULL, "each item must be a mapping (rule, macro or list)");
		return -1;
	}
	static const char *const kinds[] = {"rule", "macro", "list"};
	for (unsigned k = 0; k < 3; k++) {
		yaml_node_t *n = get(l, item, kinds[k]);
		if (!n)
			continue;
		const char *name = scalar(l, n, NULL, kinds[k]);
		if (!name || !*name) {
			err(l, n, NULL, "%s needs a name", kinds[k]);
			return -1;
		}
		return k == 0	? load_rule(l, item, name)
		       : k == 1 ? load_macro(l, item, name)
				: load_list(l, item, name);
	}
	if (get(l, item, "required_engine_version") || get(l, item, "required_plugin_versions"))
		return 0; /* saker serves the container fields itself */
	err(l, item, NULL,
	    "unknown item (expected rule, macro, list, required_engine_version or "
	    "required_plugin_versions)");
	return -1;
}

static int load_document(struct loader *l)
{
	yaml_node_t *root = yaml_document_get_root_node(l->doc);
	if (!root)
		return 0;
	if (root->type == YAML_SCALAR_NODE && !root->data.scalar.length)
		return 0;
	if (root->type != YAML_SEQUENCE_NODE) {
		err(l, root, NULL, "a rules file must be a list of rule, macro and list items");
		return -1;
	}
	int rc = 0;
	for (yaml_node_item_t *it = root->data.sequence.items.start;
	     it < root->data.sequence.items.top; it++)
		if (load_item(l, node(l, *it)) < 0)
			rc = -1;
	return rc;
}

int sk_ruleset_load_text(struct sk_ruleset *rs, const char *name, const char *text, size_t len)
{
	unsigned before = rs->d.nerrors;
	struct loader l = {rs, NULL, sk_pool_strndup(&rs->a, name, strlen(name)), text, len};
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (;;) {
		yaml_document_t doc;
		if (!yaml_parser_load(&parser, &doc)) {
			struct sk_pos p = {l.file, (uint32_t)parser.problem_mark.line + 1,
					   (uint32_t)parser.problem_mark.column + 1};
			sk_diag_add(&rs->d, 1, &p, NULL, "invalid YAML: %s%s%s",
				    parser.problem ? parser.problem : "syntax error",
				    parser.context ? " " : "",
				    parser.context ? parser.context : "");
			break;
		}
		if (!yaml_document_get_root_node(&doc)) {
			yaml_document_delete(&doc);
			break;
		}
		l.doc = &doc;
		load_document(&l);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return rs->d.nerrors > before ? -1 : 0;
}

int sk_ruleset_load_file(struct sk_ruleset *rs, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		sk_diag_add(&rs->d, 1, NULL, NULL, "cannot open rules file '%s': %s", path,
			    strerror(errno));
		return -1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		if (!n)
			break;
		len += n;
	}
	int rd_err = ferror(f);
	fclose(f);
	if (rd_err) {
		free(buf);
		sk_diag_add(&rs->d, 1, NULL, NULL, "cannot read rules file '%s'", path);
		return -1;
	}
	int rc = sk_ruleset_load_text(rs, path, buf, len);
	free(buf);
	return rc;
}

static int yaml_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && ((n > 5 && !strcmp(d->d_name + n - 5, ".yaml")) ||
				       (n > 4 && !strcmp(d->d_name + n - 4, ".yml")));
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int sk_rules_path_files(const char *path, char ***files)
{
	struct stat st;
	struct dirent **names;
	int n = 1;

	if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
		names = NULL;
	} else if ((n = scandir(path, &names, yaml_name, by_name)) < 0) {
		return -1;
	}
	char **out = calloc((size_t)n + 1, sizeof(char *));
	int ok = out != NULL;
	for (int i = 0; i < n; i++) {
		if (ok && asprintf(&out[i], "%s%s%s", path, names ? "/" : "",
				   names ? names[i]->d_name : "") < 0) {
			out[i] = NULL;
			ok = 0;
		}
		if (names)
			free(names[i]);
	}
	free(names);
	if (!ok) {
		sk_rules_path_files_free(out);
		errno = ENOMEM;
		return -1;
	}
	*files = out;
	return n;
}

void sk_rules_path_files_free(char **files)
{
	for (char **f = files; f && *f; f++)
		free(*f);
	free(files);
}

int sk_ruleset_load_path(struct sk_ruleset *rs, const char *path)
{
	char **files;
	int n = sk_rules_path_files(path, &files);
	if (n < 0) {
		sk_diag_add(&rs->d, 1, NULL, NULL, "cannot read rules directory '%s': %s", path,
			    strerror(errno));
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n; i++)
		rc |= sk_ruleset_load_file(rs, files[i]);
	sk_rules_path_files_free(files);
	return rc;
}
