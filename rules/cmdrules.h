/* cmdrules.h - rule loading shared by the commands of rules/ (replay,
 * test, print -r): load files or directories in order, compile, print every
 * diagnostic to stderr, and refuse a rule set with errors.
 */
#ifndef SAKER_RULES_CMDRULES_H
#define SAKER_RULES_CMDRULES_H

#include "rules/rules.h"

/* A new rule set with paths (files or directories) loaded in order; NULL
 * only when out of memory. Errors are kept for sk_cmd_compile_rules. */
struct sk_ruleset *sk_cmd_open_rules(const char *const *paths, unsigned n);

/* Compiles rs unless loading failed and prints its diagnostics. On errors
 * prints "WHO: N error(s) in the rules", frees rs and returns NULL. */
struct sk_ruleset *sk_cmd_compile_rules(struct sk_ruleset *rs, const char *who);

/* Both, for commands with no selection options between them. */
struct sk_ruleset *sk_cmd_load_rules(const char *who, const char *const *paths, unsigned n);

#endif
