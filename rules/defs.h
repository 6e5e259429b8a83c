/* defs.h - the rule set as loaded from YAML, before compilation: rule, macro
 * and list definitions after override/append, and the compiled index. Shared
 * by load.c (fills it), ruleset.c (compiles and matches) and the commands.
 */
#ifndef SAKER_RULES_DEFS_H
#define SAKER_RULES_DEFS_H

#include "rules/lang.h"
#include "rules/rules.h"

/* A growable array of pointers, allocated from the rule set's pool. */
struct sk_ptrvec {
	void **v;
	unsigned n, cap;
};
void sk_ptrvec_push(struct sk_pool *a, struct sk_ptrvec *pv, void *p);

/* One value of an exception: a scalar, or a parenthesized list of items. */
struct sk_exelem {
	int is_seq;
	const char **items;
	unsigned n;
};

struct sk_exception {
	const char *name;
	struct sk_pos pos;
	int fields_is_seq;
	const char **fields, **comps;
	unsigned nfields, ncomps;
	struct sk_ptrvec values; /* struct sk_exelem[nfields] tuples (or one elem) */
};

struct sk_rule_def {
	const char *name;
	struct sk_pos pos;
	struct sk_text cond, output;
	const char *desc;
	int priority;
	struct sk_ptrvec tags; /* const char * */
	int enabled, warn_evttypes, skip_unknown;
	struct sk_ptrvec exceptions; /* struct sk_exception * */
};

struct sk_macro_def {
	const char *name;
	struct sk_pos pos;
	struct sk_text cond;
	const struct sk_ast *ast;
	int state;		   /* 0 unparsed, 1 parsed, -1 failed */
	struct sk_cnode *compiled; /* shared by every rule using the macro */
};

struct sk_list_def {
	const char *name;
	struct sk_pos pos;
	struct sk_item *items;
	unsigned n, cap;
};

/* The per-event value cache of one field text, shared by the rules. */
struct sk_fcache_def {
	const char *field;
	struct sk_fcache cache;
};

#define SK_NTYPES (64 * SK_TYPESET_WORDS)

struct sk_ruleset {
	struct sk_pool a;
	struct sk_diag d;
	struct sk_ptrvec rules, macros, lists; /* definitions, in load order */
	struct sk_ptrvec skipped;	       /* names of rules of other sources */
	struct sk_ptrvec fcaches;	       /* struct sk_fcache_def *, one a field */
	struct sk_ptrvec no_names, no_tags;    /* -D and -T */
	int min_priority;
	int first_match; /* rule_matching: first */
	struct sk_rule *compiled;
	unsigned ncompiled;
	const struct sk_rule **index[SK_NTYPES];
	unsigned nindex[SK_NTYPES];
};

struct sk_rule_def *sk_find_rule(struct sk_ruleset *rs, const char *name);
struct sk_macro_def *sk_find_macro(struct sk_ruleset *rs, const char *name);
struct sk_list_def *sk_find_list(struct sk_ruleset *rs, const char *name);

/* The rule's condition with its exceptions appended (exceptions.c). */
void sk_rule_condition(struct sk_ruleset *rs, const struct sk_rule_def *r, struct sk_text *out);

/* Compiles an output format ("text %field more"); NULL and errors in d. */
struct sk_output *sk_output_compile(struct sk_pool *a, const struct sk_text *t, struct sk_diag *d,
				    const char *what);

#endif
