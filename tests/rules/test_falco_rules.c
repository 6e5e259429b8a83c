/* test_falco_rules.c - Falco's stable rule set (falco_rules.yaml) loads with
 * no errors and compiles all of its rules, each indexed under the event
 * types its condition names. Built twice: against the fields test double
 * and against the real field registry. Skips (77) when the file is absent.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rules/rules.h"

int main(int argc, char **argv)
{
	if (argc < 2 || access(argv[1], R_OK)) {
		printf("SKIP: %s not found (../shared/falco-rules is absent)\n",
		       argc > 1 ? argv[1] : "falco_rules.yaml");
		return 77;
	}
	struct sk_ruleset *rs = sk_ruleset_new();
	int rc = sk_ruleset_load_file(rs, argv[1]);
	rc |= sk_ruleset_compile(rs);
	sk_ruleset_print_diag(rs, stdout);
	unsigned n = sk_ruleset_nrules(rs);
	int failures = 0;
	if (rc || sk_ruleset_errors(rs)) {
		printf("FAIL: %u error(s)\n", sk_ruleset_errors(rs));
		failures++;
	}
	if (n != 25) {
		printf("FAIL: %u rules compiled, expected 25\n", n);
		failures++;
	}
	for (unsigned i = 0; i < n; i++) {
		const struct sk_rule *r = sk_ruleset_rule(rs, i);
		printf("%-55s %-13s %s\n", r->name, sk_priority_name(r->priority), r->evtypes);
		if (!strcmp(r->evtypes, "(all)") || !strcmp(r->evtypes, "(none)")) {
			printf("FAIL: rule '%s' is not indexed by event type\n", r->name);
			failures++;
		}
	}
	const struct sk_rule *r = n ? sk_ruleset_rule(rs, 0) : NULL;
	if (r && strcmp(r->name, "Directory traversal monitored file read")) {
		printf("FAIL: first rule is '%s'\n", r->name);
		failures++;
	}
	sk_ruleset_free(rs);
	return failures ? 1 : 0;
}
