/* cmd_browse.c - `saker browse FILE [-r RULES]... [--db CASE.db]`: the
 * interactive browser (browse.c) on a terminal. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "replay/commands.h"
#include "tui/browse.h"

#define MAX_RULE_FILES 64

static void usage(FILE *out)
{
	fprintf(out, "usage: saker browse FILE [-r RULES]... [--db CASE.db]\n"
		     "  browses a capture in the terminal; indexes it into its case database\n"
		     "  (default FILE.saker.db) the first time. Press ? inside for the keys.\n");
}

int sk_cmd_browse(int argc, char **argv)
{
	char *rules[MAX_RULE_FILES];
	const char *capture = NULL, *db = NULL;
	int nrules = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return SK_EXIT_OK;
		} else if ((!strcmp(a, "-r") || !strcmp(a, "--db")) && i + 1 >= argc) {
			fprintf(stderr, "saker browse: %s needs an argument\n", a);
			return SK_EXIT_USAGE;
		} else if (!strcmp(a, "-r")) {
			if (nrules == MAX_RULE_FILES) {
				fprintf(stderr, "saker browse: too many -r files\n");
				return SK_EXIT_USAGE;
			}
			rules[nrules++] = argv[++i];
		} else if (!strcmp(a, "--db")) {
			db = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "saker browse: unknown option '%s'\n", a);
			return SK_EXIT_USAGE;
		} else if (capture) {
			fprintf(stderr, "saker browse: one capture at a time ('%s')\n", a);
			return SK_EXIT_USAGE;
		} else {
			capture = a;
		}
	}
	if (!capture) {
		usage(stderr);
		return SK_EXIT_USAGE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "saker browse: needs a terminal (use 'saker index' and sqlite3 "
				"for scripts)\n");
		return SK_EXIT_USAGE;
	}
	return browse_run(capture, db, rules, nrules) ? SK_EXIT_BAD_INPUT : SK_EXIT_OK;
}
