/* cmd_print_filter.c - `saker print FILE FILTER` with the rule language:
 * print lives in replay/, a layer below rules/, so it takes the filter as a
 * table of callbacks (replay/print.h); this file fills that table with the
 * rule compiler and offers the command entry point that passes it.
 */
#include "replay/commands.h"
#include "replay/print.h"
#include "rules/rules.h"

static void *compile(const char *text, char *err, size_t errlen)
{
	return sk_filter_new(text, err, errlen);
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

int sk_cmd_print_filtered(int argc, char **argv)
{
	return sk_print_main(argc, argv, &rules_filter);
}
