/* cmd_browse.c - `saker browse FILE [-r RULES]... [--db CASE.db]`: the
 * interactive browser (browse.c) on a terminal. */
#include <stdio.h>
#include <unistd.h>

#include "replay/commands.h"
#include "tui/browse.h"
#include "tui/cmdargs.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: saker browse FILE [-r RULES]... [--db CASE.db]\n"
		     "  browses a capture in the terminal; indexes it into its case database\n"
		     "  (default FILE.saker.db) the first time. Press ? inside for the keys.\n");
}

int sk_cmd_browse(int argc, char **argv)
{
	struct tui_args args;
	int rc = tui_args_parse(argc, argv, &args, 0, usage);

	if (rc >= 0)
		return rc;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "saker browse: needs a terminal (use 'saker index' and sqlite3 "
				"for scripts)\n");
		return SK_EXIT_USAGE;
	}
	return browse_run(args.capture, args.db, args.rules, args.nrules) ? SK_EXIT_BAD_INPUT
									  : SK_EXIT_OK;
}
