/* print.h - `saker print`: one line (or JSON object) per event.
 *
 * The replay layer cannot call the filter compiler (rules/ sits above it),
 * so a filter is plugged in by the caller: rules/ wraps sk_print_main with
 * its compiler and registers that wrapper as the "print" command. Without a
 * filter implementation, a FILTER argument is a usage error.
 */
#ifndef SAKER_REPLAY_PRINT_H
#define SAKER_REPLAY_PRINT_H

#include <stddef.h>

struct sk_evctx;

struct sk_print_filter {
	/* Compiles text; NULL with a message in err on error. */
	void *(*compile)(const char *text, char *err, size_t errlen);
	/* Nonzero when the event matches. */
	int (*match)(void *filter, struct sk_evctx *ctx);
	void (*release)(void *filter);
};

/* Runs `saker print` with argv (argv[0] = "print"); filter may be NULL. */
int sk_print_main(int argc, char **argv, const struct sk_print_filter *filter);

#endif
