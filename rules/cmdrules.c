/* cmdrules.c - loading and compiling rule files for the commands, with the
 * same diagnostics and refusal of broken rules everywhere (see cmdrules.h).
 */
#include <stdio.h>

#include "rules/cmdrules.h"

struct sk_ruleset *sk_cmd_open_rules(const char *const *paths, unsigned n)
{
	struct sk_ruleset *rs = sk_ruleset_new();
	if (!rs)
		return NULL;
	for (unsigned i = 0; i < n; i++)
		sk_ruleset_load_path(rs, paths[i]);
	return rs;
}

struct sk_ruleset *sk_cmd_compile_rules(struct sk_ruleset *rs, const char *who)
{
	if (!rs)
		return NULL;
	int rc = sk_ruleset_errors(rs) ? -1 : sk_ruleset_compile(rs);
	sk_ruleset_print_diag(rs, stderr);
	if (rc < 0) {
		fprintf(stderr, "%s: %u error(s) in the rules\n", who, sk_ruleset_errors(rs));
		sk_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

struct sk_ruleset *sk_cmd_load_rules(const char *who, const char *const *paths, unsigned n)
{
	return sk_cmd_compile_rules(sk_cmd_open_rules(paths, n), who);
}
