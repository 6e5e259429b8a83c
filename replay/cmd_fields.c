/* cmd_fields.c - `saker fields`: the field registry as a table, for people
 * writing rules, filters and -p formats.
 */
#include <stdio.h>
#include <string.h>

#include "replay/commands.h"
#include "replay/fields.h"

static const char *vtype_name(uint8_t t)
{
	static const char *const names[] = {"string", "bytes", "int",	  "uint",    "bool",
					    "ipaddr", "ipnet", "abstime", "reltime", "path"};
	return t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

static const char *arg_suffix(uint8_t a)
{
	switch (a) {
	case SK_FA_INDEX:
		return "[N]";
	case SK_FA_KEY:
		return "[NAME]";
	case SK_FA_ANY:
		return "[N|NAME]";
	case SK_FA_OPTIONAL_INDEX:
		return "[[N]]";
	default:
		return "";
	}
}

int sk_cmd_fields(int argc, char **argv)
{
	const char *prefix = NULL;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: saker fields [PREFIX]\n\nLists the fields of filters, rules and "
		       "print formats (those starting with PREFIX, e.g. 'fd.').\n"
		       "A field the capture cannot know prints <NA>.\n");
		return SK_EXIT_OK;
	}
	if (argc > 2) {
		fprintf(stderr, "saker fields: too many arguments (see 'saker fields --help')\n");
		return SK_EXIT_USAGE;
	}
	if (argc == 2)
		prefix = argv[1];
	for (unsigned i = 0; i < sk_field_count(); i++) {
		const struct sk_field *f = sk_field_at(i);
		if (prefix && strncmp(f->name, prefix, strlen(prefix)))
			continue;
		char name[96];
		snprintf(name, sizeof(name), "%s%s", f->name, arg_suffix(f->arg));
		printf("%-42s %-8s %s%s\n", name, vtype_name(f->vtype), f->is_list ? "(list) " : "",
		       f->desc);
	}
	return SK_EXIT_OK;
}
