/* cmd_print_filter.c - `saker print FILE FILTER` with the rule language:
 * print lives in replay/, a layer below rules/, so it takes the filter as a
 * table of callbacks (replay/print.h); this file fills that table with the
 * rule compiler and offers the command entry point that passes it.
 *
 * `-r RULES` (repeatable) is taken out of argv here, before print parses
 * the rest: the FILTER may then use the macros and lists of those files.
 */
#include <stdlib.h>
#include <string.h>

#include "replay/commands.h"
#include "replay/print.h"
#include "rules/cmdrules.h"
#include "rules/rules.h"

static struct sk_ruleset *print_rules; /* NULL: a standalone filter */

static void *compile(const char *text, char *err, size_t errlen)
{
	return sk_filter_new_in(print_rules, text, err, errlen);
}

static int match(void *filter, struct sk_evctx *ctx)
{
	return sk_filter_match(filter, ctx);
}

static void release(void *filter)
{
	sk_filter_free(filter);
}

static const struct sk_print_filter rules_filter = {compile, match, release};

/* Print's options that take a separate argument, which may itself look like
 * "-r". */
static int takes_arg(const char *opt)
{
	static const char *const with_arg[] = {"-p",	       "--format",  "-n",     "--first",
					       "-s",	       "--snaplen", "--from", "--to",
					       "--from-event", "--tz"};
	for (size_t i = 0; i < sizeof(with_arg) / sizeof(with_arg[0]); i++)
		if (!strcmp(opt, with_arg[i]))
			return 1;
	return 0;
}

/* Moves the -r/--rules paths of argv to rules[], keeping the other
 * arguments in order. Returns the new argc, or -1 on a missing path. */
static int take_rules(int argc, char **argv, const char **rules, int *nrules)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "-r") || !strcmp(a, "--rules")) {
			if (i + 1 == argc) {
				fprintf(stderr, "saker print: %s needs a rules file or directory\n",
					a);
				return -1;
			}
			rules[(*nrules)++] = argv[++i];
			continue;
		}
		if (!strncmp(a, "--rules=", 8) || (!strncmp(a, "-r", 2) && a[2])) {
			rules[(*nrules)++] = a + (a[1] == '-' ? 8 : 2);
			continue;
		}
		argv[out++] = argv[i];
		if (takes_arg(a) && i + 1 < argc)
			argv[out++] = argv[++i];
	}
	return out;
}

static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	return 0;
}

int sk_cmd_print_filtered(int argc, char **argv)
{
	const char **rules = calloc((size_t)argc + 1, sizeof(*rules));
	int nrules = 0, rc;
	if (!rules)
		return SK_EXIT_BAD_INPUT;
	argc = take_rules(argc, argv, rules, &nrules);
	if (argc < 0) {
		free(rules);
		return SK_EXIT_USAGE;
	}
	if (nrules) {
		print_rules = sk_cmd_load_rules("saker print", rules, (unsigned)nrules);
		if (!print_rules) {
			free(rules);
			return SK_EXIT_BAD_INPUT;
		}
	}
	argv[argc] = NULL;
	rc = sk_print_main(argc, argv, &rules_filter);
	if (wants_help(argc, argv))
		printf("\nWith -r, --rules FILE|DIR (repeatable), FILTER may use the macros and "
		       "lists\nof those Falco rule files, e.g. 'spawned_process and "
		       "proc.name = bash'.\n");
	sk_ruleset_free(print_rules);
	print_rules = NULL;
	free(rules);
	return rc;
}
