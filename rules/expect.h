/* expect.h - expectation files of `saker test`: the alerts a capture X.sk
 * must raise, kept next to it as X.expected.
 *
 * Format (line-oriented, UTF-8, meant to be reviewed in diffs):
 *	# comment
 *	rules: ../rules/default        rule file or directory, relative to this file
 *	722 Warning Read sensitive file by unexpected program
 * An alert line is EVT.NUM PRIORITY RULE NAME: the record number of the
 * event (saker print's first column), the rule's priority as Falco prints it
 * and the rule's name (the rest of the line). Blank lines and lines starting
 * with '#' are ignored. Alerts are compared as a multiset, so their order in
 * the file does not matter; --update writes them in capture order.
 */
#ifndef SAKER_RULES_EXPECT_H
#define SAKER_RULES_EXPECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sk_expect_alert {
	uint64_t num;
	int priority;
	char *rule;
	char *output; /* the alert's output text (actual alerts only), or NULL */
};

struct sk_expect {
	char **header; /* comment and rules: lines before the first alert */
	unsigned nheader;
	char **rules; /* rules: paths as resolved (relative to the cwd) */
	unsigned nrules;
	struct sk_expect_alert *alerts;
	size_t nalerts, cap;
};

/* Reads path into e (zeroed first). Returns 0; -1 with "path:line:col:
 * error: what" in err when the file is malformed or cannot be read. */
int sk_expect_load(struct sk_expect *e, const char *path, char *err, size_t errlen);
void sk_expect_free(struct sk_expect *e);

/* Appends an alert (copies the strings). Returns -1 when out of memory. */
int sk_expect_add(struct sk_expect *e, uint64_t num, int priority, const char *rule,
		  const char *output);

/* Replaces the rules: lines of the header with rules (paths as given on the
 * command line), written relative to the directory of path. */
int sk_expect_set_rules(struct sk_expect *e, const char *path, char **rules, unsigned nrules);

/* Writes e to path (via a temporary file renamed over it). The header is
 * kept as loaded; a new file gets a short explanatory one. */
int sk_expect_write(const struct sk_expect *e, const char *path, const char *capture, char *err,
		    size_t errlen);

/* Compares want with got and prints a unified-style diff of the alerts only
 * in want ("-") or only in got ("+", with the alert's output) to out,
 * ordered by event number. Sets the two counts; returns their sum. */
size_t sk_expect_diff(struct sk_expect *want, struct sk_expect *got, const char *want_name,
		      const char *got_name, FILE *out, size_t *missing, size_t *unexpected);

#endif
