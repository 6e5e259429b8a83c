/* test_expect.c - unit tests of rules/expect.c, the expectation files of
 * `saker test`: parsing, the multiset diff, rules: paths made relative to
 * the file, and a write/read round trip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/expect.h"
#include "rules/rules.h"

static int failures;

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c);      \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void test_load(void)
{
	struct sk_expect e;
	char err[512];
	put("a/x.expected", "# head\nrules: ../r\n  rules:  /abs/r.yaml\n\n"
			    "7 warning Rule one\n# between\n9\tNotice\tRule  two \r\n");
	CHECK(sk_expect_load(&e, "a/x.expected", err, sizeof(err)) == 0);
	CHECK(e.nheader == 3 && e.nrules == 2 && e.nalerts == 2);
	CHECK(e.nrules == 2 && !strcmp(e.rules[0], "a/../r") && !strcmp(e.rules[1], "/abs/r.yaml"));
	CHECK(e.nalerts == 2 && e.alerts[0].num == 7 && e.alerts[0].priority == SK_PRIO_WARNING);
	CHECK(e.nalerts == 2 && !strcmp(e.alerts[1].rule, "Rule  two"));
	sk_expect_free(&e);

	put("a/x.expected", "1 Warning ok\nrules:\n");
	CHECK(sk_expect_load(&e, "a/x.expected", err, sizeof(err)) < 0);
	CHECK(!strcmp(err, "a/x.expected:2:7: error: 'rules:' needs a rules file or directory"));
	CHECK(e.nalerts == 0 && e.alerts == NULL);
	CHECK(sk_expect_load(&e, "a/none.expected", err, sizeof(err)) < 0);
	CHECK(strstr(err, "a/none.expected: No such file") == err);
}

static size_t diff(struct sk_expect *w, struct sk_expect *g, char *out, size_t len, size_t *missing,
		   size_t *unexpected)
{
	FILE *f = fmemopen(out, len, "w");
	size_t n = sk_expect_diff(w, g, "W", "G", f, missing, unexpected);
	fclose(f);
	return n;
}

static void test_diff(void)
{
	struct sk_expect w = {0}, g = {0};
	char out[1024];
	size_t m, u;
	sk_expect_add(&w, 2, SK_PRIO_NOTICE, "B", NULL);
	sk_expect_add(&w, 1, SK_PRIO_WARNING, "A", NULL);
	sk_expect_add(&g, 1, SK_PRIO_WARNING, "A", "out a");
	sk_expect_add(&g, 2, SK_PRIO_NOTICE, "B", "out b");
	CHECK(diff(&w, &g, out, sizeof(out), &m, &u) == 0 && m == 0 && u == 0);
	CHECK(out[0] == '\0');

	sk_expect_add(&w, 3, SK_PRIO_ERROR, "C", NULL);
	sk_expect_add(&g, 0, SK_PRIO_DEBUG, "Z\x1b", "out \\x1b");
	sk_expect_add(&g, 3, SK_PRIO_CRITICAL, "C", "out c");
	CHECK(diff(&w, &g, out, sizeof(out), &m, &u) == 3 && m == 1 && u == 2);
	CHECK(!strcmp(out, "--- W (expected)\n+++ G (actual)\n"
			   "+0 Debug Z\\x1b\n+    # out \\x1b\n"
			   "-3 Error C\n+3 Critical C\n+    # out c\n"));
	sk_expect_free(&w);
	sk_expect_free(&g);
}

static void test_write(void)
{
	struct sk_expect e = {0}, back;
	char err[512];
	char *rules[] = {"r", "/abs/r.yaml"};
	sk_expect_add(&e, 5, SK_PRIO_ALERT, "Rule five", "text");
	sk_expect_add(&e, 4, SK_PRIO_INFO, "Rule four", NULL);
	CHECK(sk_expect_set_rules(&e, "a/b/y.expected", rules, 2) == 0);
	CHECK(sk_expect_write(&e, "a/b/y.expected", "a/b/y.sk", err, sizeof(err)) == 0);
	CHECK(sk_expect_load(&back, "a/b/y.expected", err, sizeof(err)) == 0);
	CHECK(back.nheader == 4 && !strcmp(back.header[0], "# Alerts that y.sk must raise, "
							   "checked by `saker test`"));
	CHECK(back.nheader == 4 && !strcmp(back.header[2], "rules: ../../r"));
	CHECK(back.nheader == 4 && !strcmp(back.header[3], "rules: /abs/r.yaml"));
	CHECK(back.nalerts == 2 && back.alerts[0].num == 5 && back.alerts[1].num == 4);
	CHECK(back.nalerts == 2 && back.alerts[1].priority == SK_PRIO_INFO);
	CHECK(access("a/b/y.expected.tmp", F_OK) != 0);
	sk_expect_free(&back);
	sk_expect_free(&e);
}

int main(void)
{
	char dir[] = "/tmp/saker-test-expect-XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) || mkdir("a", 0700) || mkdir("a/b", 0700) ||
	    mkdir("r", 0700)) {
		perror(dir);
		return 1;
	}
	test_load();
	test_diff();
	test_write();
	unlink("a/x.expected");
	unlink("a/b/y.expected");
	rmdir("a/b");
	rmdir("a");
	rmdir("r");
	if (chdir("/") || rmdir(dir))
		perror(dir);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("ok\n");
	return failures ? 1 : 0;
}
