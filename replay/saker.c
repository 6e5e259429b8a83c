/* saker.c - the analyzer's entry point: dispatches to subcommands.
 *
 * Every subcommand runs as an ordinary user and writes its output in UTC
 * with no locale dependence; the C locale is forced here once for all.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/capture.h"
#include "replay/commands.h"

struct sk_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct sk_command commands[] = {
    {"info", sk_cmd_info, "show a capture's header, time range, size and drops"},
    {"verify", sk_cmd_verify, "check every chunk checksum and the body digest"},
    {"fields", sk_cmd_fields, "list the fields of filters, rules and print formats"},
    {"print", sk_cmd_print_filtered, "print a capture's events, like sysdig (format, JSON, seek)"},
    {"replay", sk_cmd_replay, "run Falco rules over a capture and print alerts"},
    {"rules", sk_cmd_rules, "check rule files, or list their rules and event types"},
    {"test", sk_cmd_test, "replay sample captures with rules and compare with expected alerts"},
    {"index", sk_cmd_index, "write a capture's SQLite case database (processes, files, alerts)"},
    {"browse", sk_cmd_browse, "browse a capture in the terminal (ncurses)"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out, "usage: saker COMMAND [ARGS]\n       saker --help | --version\n\n"
		     "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'saker COMMAND --help' describes a command.\n"
		     "exit codes: 0 ok, 1 bad input (corrupt capture, invalid rules, I/O error),\n"
		     "            2 usage error, 3 'saker test' expectations not met\n");
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C");
	if (argc < 2) {
		usage(stderr);
		return SK_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return SK_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("saker %s (capture format %d.%d)\n", SAKER_VERSION, SK_FORMAT_VERSION_MAJOR,
		       SK_FORMAT_VERSION_MINOR);
		return SK_EXIT_OK;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "saker: unknown command '%s' (see 'saker --help')\n", argv[1]);
	return SK_EXIT_USAGE;
}
