/* cmd_rules.c - `saker rules check FILES...` validates rule files (loaded in
 * order, as replay would) and `saker rules list FILES...` shows each rule
 * with its priority, tags and the event types its condition can match.
 */
#include <stdio.h>
#include <string.h>

#include "replay/commands.h"
#include "rules/rules.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: saker rules check FILE...   validate rule files (in load order)\n"
		"       saker rules list FILE...    list rules, priorities, tags, event types\n");
}

static struct sk_ruleset *load(int n, char **files)
{
	struct sk_ruleset *rs = sk_ruleset_new();
	if (!rs)
		return NULL;
	for (int i = 0; i < n; i++)
		sk_ruleset_load_path(rs, files[i]);
	if (!sk_ruleset_errors(rs))
		sk_ruleset_compile(rs);
	sk_ruleset_print_diag(rs, stderr);
	return rs;
}

static void list(const struct sk_ruleset *rs)
{
	printf("%-56s %-13s %-40s %s\n", "RULE", "PRIORITY", "EVENT TYPES", "TAGS");
	for (unsigned i = 0; i < sk_ruleset_nrules(rs); i++) {
		const struct sk_rule *r = sk_ruleset_rule(rs, i);
		printf("%-56s %-13s %-40s ", r->name, sk_priority_name(r->priority), r->evtypes);
		for (unsigned t = 0; t < r->ntags; t++)
			printf("%s%s", t ? "," : "", r->tags[t]);
		putchar('\n');
	}
}

int sk_cmd_rules(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return SK_EXIT_OK;
	}
	if (argc < 3 || (strcmp(argv[1], "check") && strcmp(argv[1], "list"))) {
		usage(stderr);
		return SK_EXIT_USAGE;
	}
	struct sk_ruleset *rs = load(argc - 2, argv + 2);
	if (!rs)
		return SK_EXIT_BAD_INPUT;
	unsigned errors = sk_ruleset_errors(rs);
	if (!errors && argv[1][0] == 'l')
		list(rs);
	else if (!errors)
		printf("%d file(s) ok: %u rules compiled, %u warning(s)\n", argc - 2,
		       sk_ruleset_nrules(rs), sk_ruleset_warnings(rs));
	else
		fprintf(stderr, "saker rules: %u error(s)\n", errors);
	sk_ruleset_free(rs);
	return errors ? SK_EXIT_BAD_INPUT : SK_EXIT_OK;
}
