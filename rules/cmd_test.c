/* cmd_test.c - `saker test [-r RULES]... [--update] CAPTURE|DIR...`: the
 * regression test of rules on sample captures, for rule authors and CI.
 * Each capture X.sk is replayed with its rules and its alerts are compared
 * with X.expected (format in expect.h); differences are printed as a diff
 * and the run ends with a test-runner summary. --update rewrites the
 * expectation files from the alerts raised instead.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "replay/commands.h"
#include "replay/replay.h"
#include "rules/cmdrules.h"
#include "rules/expect.h"
#include "rules/rules.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: saker test [-r RULES]... [--update] CAPTURE|DIR...\n"
		"Replays each capture X.sk (or every *.sk in DIR, in name order) with its rules\n"
		"and compares the alerts with X.expected, next to it:\n"
		"    # comments\n"
		"    rules: ../rules/default    rules file or directory, relative to X.expected\n"
		"    722 Warning Read sensitive file by unexpected program\n"
		"one alert a line: EVT.NUM (saker print's first column), PRIORITY, RULE name.\n"
		"  -r, --rules PATH  use these rules instead of the files' rules: lines (repeat)\n"
		"  -u, --update      rewrite each X.expected with the alerts raised (keeps the\n"
		"                    comments above the first alert; -r replaces rules: lines)\n"
		"exit: 0 all passed, 3 some alerts differ (diff on stdout), 1 bad input\n"
		"(unreadable capture or expectation, rules with errors), 2 usage\n");
}

struct opts {
	char **rules;
	unsigned nrules;
	int update;
};

struct tally {
	unsigned passed, failed, errors, updated;
};

static char *expect_path(const char *capture)
{
	size_t n = strlen(capture);
	if (n > 3 && !strcmp(capture + n - 3, ".sk"))
		n -= 3;
	char *p = malloc(n + sizeof(".expected"));
	if (p) {
		memcpy(p, capture, n);
		memcpy(p + n, ".expected", sizeof(".expected"));
	}
	return p;
}

struct collect {
	struct sk_expect *got;
	int oom;
};

static void on_alert(void *opaque, const struct sk_rule *rule, struct sk_evctx *ctx)
{
	struct collect *c = opaque;
	char out[4096];
	sk_output_render(rule->output, ctx, out, sizeof(out));
	if (sk_expect_add(c->got, ctx->ev->num, rule->priority, rule->name, out) < 0)
		c->oom = 1;
}

/* Replays capture with rs; the alerts go to got. Returns -1 (reported). */
static int run_capture(const char *capture, const struct sk_ruleset *rs, struct sk_expect *got)
{
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(capture, &err);
	if (!rp) {
		fprintf(stderr, "saker test: %s\n", err.msg);
		return -1;
	}
	struct collect c = {got, 0};
	struct sk_evctx *ctx;
	int rc = 0;
	while (!c.oom && (rc = sk_replay_next(rp, &ctx, &err)) > 0)
		if (ctx->ev->type != SK_E_DROP)
			sk_ruleset_match(rs, ctx->ev->type, ctx, on_alert, &c);
	if (c.oom)
		fprintf(stderr, "saker test: %s: out of memory\n", capture);
	else if (rc < 0)
		fprintf(stderr, "saker test: %s\n", err.msg);
	else if (sk_replay_summary(rp)->torn_bytes)
		fprintf(stderr, "saker test: note: %s ends with torn bytes (recorder killed?)\n",
			capture);
	sk_replay_close(rp);
	return c.oom || rc < 0 ? -1 : 0;
}

static int update(const char *capture, const char *exp_path, struct sk_expect *want,
		  struct sk_expect *got, const struct opts *o)
{
	char err[1024];
	got->header = want->header; /* keep the comments and rules: lines */
	got->nheader = want->nheader;
	want->header = NULL;
	want->nheader = 0;
	if (o->nrules && sk_expect_set_rules(got, exp_path, o->rules, o->nrules) < 0) {
		fprintf(stderr, "saker test: out of memory\n");
		return -1;
	}
	if (sk_expect_write(got, exp_path, capture, err, sizeof(err)) < 0) {
		fprintf(stderr, "saker test: %s\n", err);
		return -1;
	}
	printf("UPDATED %s (%zu alerts)\n", exp_path, got->nalerts);
	return 0;
}

/* Loads the expectation (optional with --update) and its rules. */
static struct sk_ruleset *prepare(const char *capture, const char *exp_path, struct sk_expect *want,
				  const struct opts *o)
{
	char err[1024];
	struct stat st;
	if (stat(capture, &st)) {
		fprintf(stderr, "saker test: %s: %s\n", capture, strerror(errno));
		return NULL;
	}
	if (o->update && stat(exp_path, &st)) {
		memset(want, 0, sizeof(*want));
	} else if (sk_expect_load(want, exp_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "saker test: %s\n", err);
		if (!o->update && stat(exp_path, &st))
			fprintf(stderr,
				"saker test: (create it with 'saker test --update -r RULES "
				"%s')\n",
				capture);
		return NULL;
	}
	char **paths = o->nrules ? o->rules : want->rules;
	unsigned n = o->nrules ? o->nrules : want->nrules;
	if (!n) {
		fprintf(stderr, "saker test: %s: no rules: give -r RULES or a 'rules: PATH' line\n",
			exp_path);
		return NULL;
	}
	char who[4200];
	snprintf(who, sizeof(who), "saker test: %s", capture);
	return sk_cmd_load_rules(who, (const char *const *)paths, n);
}

static void test_capture(const char *capture, const struct opts *o, struct tally *t)
{
	char *exp_path = expect_path(capture);
	struct sk_expect want, got;
	memset(&want, 0, sizeof(want));
	memset(&got, 0, sizeof(got));
	struct sk_ruleset *rs = exp_path ? prepare(capture, exp_path, &want, o) : NULL;
	if (!rs || run_capture(capture, rs, &got) < 0) {
		printf("ERROR %s\n", capture);
		t->errors++;
	} else if (o->update) {
		if (update(capture, exp_path, &want, &got, o) < 0)
			t->errors++;
		else
			t->updated++;
	} else {
		size_t missing, unexpected;
		if (!sk_expect_diff(&want, &got, exp_path, capture, stdout, &missing,
				    &unexpected)) {
			printf("PASS %s (%zu alerts)\n", capture, got.nalerts);
			t->passed++;
		} else {
			printf("FAIL %s: %zu expected alert(s) missing, %zu unexpected\n", capture,
			       missing, unexpected);
			t->failed++;
		}
	}
	fflush(stdout);
	sk_ruleset_free(rs);
	sk_expect_free(&want);
	sk_expect_free(&got);
	free(exp_path);
}

static int is_capture_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 3 && d->d_name[0] != '.' && !strcmp(d->d_name + n - 3, ".sk");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void test_dir(const char *dir, const struct opts *o, struct tally *t)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_capture_name, by_name);
	if (n < 0) {
		perror(dir);
		t->errors++;
		return;
	}
	if (!n) {
		fprintf(stderr, "saker test: %s: no *.sk captures\n", dir);
		t->errors++;
	}
	size_t dl = strlen(dir);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
			 names[i]->d_name);
		test_capture(path, o, t);
		free(names[i]);
	}
	free(names);
}

static const struct option longopts[] = {
    {"rules", required_argument, NULL, 'r'},
    {"update", no_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int sk_cmd_test(int argc, char **argv)
{
	struct opts o = {calloc((size_t)argc, sizeof(char *)), 0, 0};
	if (!o.rules)
		return SK_EXIT_BAD_INPUT;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "r:uh", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			free(o.rules);
			return SK_EXIT_OK;
		}
		if (c == 'r')
			o.rules[o.nrules++] = optarg;
		else if (c == 'u')
			o.update = 1;
		else
			break;
	}
	if (c != -1 || optind == argc) {
		if (optind == argc && c == -1)
			fprintf(stderr, "saker test: no CAPTURE or DIR given\n");
		usage(stderr);
		free(o.rules);
		return SK_EXIT_USAGE;
	}
	struct tally t = {0};
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode))
			test_dir(argv[i], &o, &t);
		else
			test_capture(argv[i], &o, &t);
	}
	free(o.rules);
	if (o.update)
		printf("%u updated, %u errors\n", t.updated, t.errors);
	else
		printf("%u passed, %u failed, %u errors\n", t.passed, t.failed, t.errors);
	return t.errors ? SK_EXIT_BAD_INPUT : t.failed ? SK_EXIT_MISMATCH : SK_EXIT_OK;
}
