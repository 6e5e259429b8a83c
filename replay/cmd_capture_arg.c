/* cmd_capture_arg.c - the `saker CMD FILE` command line that info and verify
 * share: --help, exactly one capture argument, and opening it with a message
 * that names the command. Kept in one place so both report errors alike.
 */
#include <stdio.h>
#include <string.h>

#include "replay/commands.h"

int sk_cmd_open_capture(int argc, char **argv, void (*usage)(FILE *), struct sk_reader **r)
{
	struct sk_error err;

	*r = NULL;
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return SK_EXIT_OK;
	}
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1])) {
		usage(stderr);
		return SK_EXIT_USAGE;
	}
	*r = sk_reader_open(argv[1], &err);
	if (!*r) {
		fprintf(stderr, "saker %s: %s\n", argv[0], err.msg);
		return SK_EXIT_BAD_INPUT;
	}
	return SK_EXIT_OK;
}
