/* cmdargs.c - parsing the arguments of `saker index` and `saker browse`. */
#include <string.h>

#include "replay/commands.h"
#include "tui/cmdargs.h"

static int usage_error(const char *cmd, const char *what, const char *arg)
{
	fprintf(stderr, "saker %s: %s '%s' (see 'saker %s --help')\n", cmd, what, arg, cmd);
	return SK_EXIT_USAGE;
}

int tui_args_parse(int argc, char **argv, struct tui_args *a, int allow_force,
		   void (*usage)(FILE *out))
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			usage(stdout);
			return SK_EXIT_OK;
		} else if ((!strcmp(s, "-r") || !strcmp(s, "--db")) && i + 1 >= argc) {
			return usage_error(argv[0], "missing the argument of", s);
		} else if (!strcmp(s, "-r")) {
			if (a->nrules == TUI_MAX_RULE_FILES)
				return usage_error(argv[0], "too many rule files at", argv[i + 1]);
			a->rules[a->nrules++] = argv[++i];
		} else if (!strcmp(s, "--db")) {
			a->db = argv[++i];
		} else if (allow_force && !strcmp(s, "--force")) {
			a->force = 1;
		} else if (s[0] == '-' && s[1]) {
			return usage_error(argv[0], "unknown option", s);
		} else if (a->capture) {
			return usage_error(argv[0], "one capture at a time, not also", s);
		} else {
			a->capture = s;
		}
	}
	if (!a->capture) {
		usage(stderr);
		return SK_EXIT_USAGE;
	}
	return -1;
}
