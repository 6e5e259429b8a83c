/* rules.h - the rules module: Falco rule files, compiled and run per event.
 *
 * Contract:
 *  - Rule files are loaded in order with Falco's semantics: a later
 *    definition of a rule, macro or list replaces the earlier one; `append:
 *    true` and `override: {key: append|replace}` extend or replace parts of
 *    an earlier one; rules for sources other than syscall are skipped with one
 *    warning each.
 *  - Nothing is compiled until sk_ruleset_compile(): macros and lists may be
 *    used before they are defined, as in Falco. Every problem is collected as
 *    "file:line:col: error|warning: rule 'X': what" (sk_ruleset_print_diag);
 *    a rule set with errors is never run.
 *  - sk_ruleset_match() tests an event only against the rules whose condition
 *    can match its record type (the evt.type index), in rule order, and calls
 *    back once per matching rule (or for the first only, see
 *    sk_ruleset_first_match). Enter records of calls that also have an
 *    exit record are never matched (Falco evaluates exit events); meta and
 *    snapshot records are never matched.
 *  - Output is deterministic: nothing depends on hash order, time zone or
 *    locale.
 */
#ifndef SAKER_RULES_RULES_H
#define SAKER_RULES_RULES_H

#include <stdint.h>
#include <stdio.h>

#include "replay/fields.h"

enum sk_priority {
	SK_PRIO_EMERGENCY,
	SK_PRIO_ALERT,
	SK_PRIO_CRITICAL,
	SK_PRIO_ERROR,
	SK_PRIO_WARNING,
	SK_PRIO_NOTICE,
	SK_PRIO_INFO,
	SK_PRIO_DEBUG,
};

/* "Warning", "Informational"... as Falco prints them. */
const char *sk_priority_name(int prio);
/* Case-insensitive: emergency ... debug, info or informational; -1 if none. */
int sk_priority_parse(const char *s);

struct sk_output;

/* A compiled rule. */
struct sk_rule {
	const char *name;
	const char *desc;
	int priority;
	const char **tags;
	unsigned ntags;
	unsigned index; /* position in load order among compiled rules */
	const struct sk_cnode *cond;
	const struct sk_output *output;
	char evtypes[1024]; /* the event types the rule can match, or "(all)" */
};

struct sk_ruleset;

struct sk_ruleset *sk_ruleset_new(void);
void sk_ruleset_free(struct sk_ruleset *rs);

/* Loads one YAML rules file (or text). Returns -1 when it had errors. */
int sk_ruleset_load_file(struct sk_ruleset *rs, const char *path);
int sk_ruleset_load_text(struct sk_ruleset *rs, const char *name, const char *text, size_t len);
/* A file, or a directory: its *.yaml and *.yml files in byte order of name
 * (as Falco loads rules directories). */
int sk_ruleset_load_path(struct sk_ruleset *rs, const char *path);
/* The files sk_ruleset_load_path loads for path, in load order, as a
 * NULL-terminated array for sk_rules_path_files_free. Returns their number,
 * or -1 with errno set. */
int sk_rules_path_files(const char *path, char ***files);
void sk_rules_path_files_free(char **files);

/* Command-line selection, applied at compile time: disable rules whose name
 * contains substr (Falco's -D), or having tag (-T); drop rules below prio. */
void sk_ruleset_disable_name(struct sk_ruleset *rs, const char *substr);
void sk_ruleset_disable_tag(struct sk_ruleset *rs, const char *tag);
void sk_ruleset_min_priority(struct sk_ruleset *rs, int prio);
/* Falco's rule_matching: all (default: every matching rule alerts) or first
 * (only the first matching rule, in load order, alerts for an event). */
void sk_ruleset_first_match(struct sk_ruleset *rs, int first);

/* Compiles every enabled rule and builds the event-type index. Returns 0, or
 * -1 when any error was found (then nothing may be matched). */
int sk_ruleset_compile(struct sk_ruleset *rs);

unsigned sk_ruleset_errors(const struct sk_ruleset *rs);
unsigned sk_ruleset_warnings(const struct sk_ruleset *rs);
void sk_ruleset_print_diag(const struct sk_ruleset *rs, FILE *out);

unsigned sk_ruleset_nrules(const struct sk_ruleset *rs);
const struct sk_rule *sk_ruleset_rule(const struct sk_ruleset *rs, unsigned i);

typedef void (*sk_alert_fn)(void *opaque, const struct sk_rule *rule, struct sk_evctx *ctx);

/* Runs the rules that can fire on record type etype; see the contract. */
void sk_ruleset_match(const struct sk_ruleset *rs, uint16_t etype, struct sk_evctx *ctx,
		      sk_alert_fn fn, void *opaque);

/* ---------------------------------------------------------------- outputs */

/* One output field of a rule: its name as written and its value now. */
struct sk_output_field {
	const char *name;
	int nvalues; /* 0: <NA> */
	struct sk_value value;
};

/* Renders the rule's output line for the current event into buf (values
 * escaped for terminals by sk_value_format). Returns the length. */
size_t sk_output_render(const struct sk_output *o, struct sk_evctx *ctx, char *buf, size_t len);
/* Number of distinct fields the output names, sorted by name. */
unsigned sk_output_nfields(const struct sk_output *o);
void sk_output_field(const struct sk_output *o, unsigned i, struct sk_evctx *ctx,
		     struct sk_output_field *out);

/* ---------------------------------------------------------------- filters */

/* A single condition selecting events, e.g. `saker print FILE FILTER`. */
struct sk_filter;

/* Compiles text; NULL with a "<filter>:1:col: error: ..." message in err
 * (or "<file>:line:col: error: macro 'X': ..." for an error in a macro). */
struct sk_filter *sk_filter_new(const char *text, char *err, size_t errlen);
/* Same, where text may use the macros and lists of rs (NULL: none). rs is
 * only read, during this call; the filter does not refer to it afterwards. */
struct sk_filter *sk_filter_new_in(const struct sk_ruleset *rs, const char *text, char *err,
				   size_t errlen);
int sk_filter_match(const struct sk_filter *f, struct sk_evctx *ctx);
void sk_filter_free(struct sk_filter *f);

#endif
