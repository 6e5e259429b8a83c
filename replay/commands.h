/* commands.h - the `saker` subcommands and the exit codes they share.
 *
 * Each subcommand is a function taking its own argv (argv[0] is the
 * subcommand name) and returning a process exit code. Subcommands live in
 * the module whose layer they need (replay/, rules/, tui/); this table in
 * saker.c is the only place that knows them all.
 */
#ifndef SAKER_REPLAY_COMMANDS_H
#define SAKER_REPLAY_COMMANDS_H

#include <stdio.h>

#include "format/capture.h"

enum sk_exit {
	SK_EXIT_OK = 0,	       /* success */
	SK_EXIT_BAD_INPUT = 1, /* corrupt capture, invalid rules, failed verify, I/O error */
	SK_EXIT_USAGE = 2,     /* unknown command or option, missing argument */
	SK_EXIT_MISMATCH = 3,  /* `saker test`: alerts differ from the expectation */
};

/* For commands of the form `saker CMD FILE`: handles --help and usage errors
 * and opens FILE. Returns with *r set on success; otherwise *r is NULL and the
 * return value is the exit code (SK_EXIT_OK after --help). */
int sk_cmd_open_capture(int argc, char **argv, void (*usage)(FILE *), struct sk_reader **r);

int sk_cmd_info(int argc, char **argv);
int sk_cmd_verify(int argc, char **argv);
int sk_cmd_fields(int argc, char **argv); /* replay/cmd_fields.c */
int sk_cmd_replay(int argc, char **argv); /* rules/cmd_replay.c */
int sk_cmd_rules(int argc, char **argv);  /* rules/cmd_rules.c */
int sk_cmd_test(int argc, char **argv);	  /* rules/cmd_test.c */
/* `saker print` (replay/cmd_print.c) with FILTER support from the rule
 * language (rules/cmd_print_filter.c). */
int sk_cmd_print_filtered(int argc, char **argv);
int sk_cmd_index(int argc, char **argv);  /* tui/cmd_index.c */
int sk_cmd_browse(int argc, char **argv); /* tui/cmd_browse.c */

#endif
