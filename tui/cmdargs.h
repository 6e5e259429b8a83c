/* cmdargs.h - the command line shared by `saker index` and `saker browse`:
 * FILE [-r RULES]... [--db CASE.db] [--force]. */
#ifndef SAKER_TUI_CMDARGS_H
#define SAKER_TUI_CMDARGS_H

#include <stdio.h>

#define TUI_MAX_RULE_FILES 64

struct tui_args {
	const char *capture;
	const char *db;
	char *rules[TUI_MAX_RULE_FILES];
	int nrules;
	int force;
};

/* Parses argv (argv[0] is the command name). Returns -1 when the command
 * should run, else the exit code to return at once (help printed, or a usage
 * error reported on stderr). allow_force enables --force. */
int tui_args_parse(int argc, char **argv, struct tui_args *a, int allow_force,
		   void (*usage)(FILE *out));

#endif
