/* alert.c - formats and delivers alerts. Text lines and JSON objects follow
 * Falco's shapes (JSON keys in Falco's sorted order, output_fields typed,
 * <NA> as null) so existing consumers such as falcosidekick accept them.
 * The program output is the user's own command line run with popen; nothing
 * from the capture ever reaches a shell, only the program's stdin.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "replay/escape.h"
#include "rules/alert.h"

#define LINE_MAX_BYTES (256 * 1024)

struct sk_alerts {
	int json, iso8601, use_stdout, use_syslog;
	FILE *file, *prog;
	const char *file_name, *prog_cmd;
	int write_failed;
	char hostname[600];
	uint64_t total, by_prio[SK_PRIO_DEBUG + 1];
	uint64_t *by_rule;
	unsigned nrules;
	char text[LINE_MAX_BYTES / 4], esc[LINE_MAX_BYTES / 2], line[LINE_MAX_BYTES];
};

void sk_replay_opts_init(struct sk_replay_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_priority = SK_PRIO_DEBUG;
	o->iso8601 = 1;
	o->stdout_on = -1;
}

static void split_time(uint64_t ns, struct tm *tm)
{
	time_t s = (time_t)(ns / 1000000000ull);
	gmtime_r(&s, tm);
}

size_t sk_alert_time(uint64_t ns, int iso8601, char *buf, size_t len)
{
	struct tm tm;
	split_time(ns, &tm);
	unsigned long frac = (unsigned long)(ns % 1000000000ull);
	int n = iso8601 ? snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%09lu+0000",
				   tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				   tm.tm_min, tm.tm_sec, frac)
			: snprintf(buf, len, "%02d:%02d:%02d.%09lu", tm.tm_hour, tm.tm_min,
				   tm.tm_sec, frac);
	return n < 0 ? 0 : (size_t)n;
}

size_t sk_alert_time_json(uint64_t ns, char *buf, size_t len)
{
	struct tm tm;
	split_time(ns, &tm);
	int n = snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%09luZ", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
			 (unsigned long)(ns % 1000000000ull));
	return n < 0 ? 0 : (size_t)n;
}

struct sk_alerts *sk_alerts_open(const struct sk_replay_opts *o, const char *hostname,
				 unsigned nrules, char *err, size_t errlen)
{
	struct sk_alerts *al = calloc(1, sizeof(*al));
	if (!al || !(al->by_rule = calloc(nrules ? nrules : 1, sizeof(*al->by_rule)))) {
		free(al);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	al->nrules = nrules;
	al->json = o->json;
	al->iso8601 = o->iso8601;
	al->use_syslog = o->syslog;
	al->use_stdout =
	    o->stdout_on >= 0 ? o->stdout_on : !(o->output_file || o->program || o->syslog);
	sk_escape_json(hostname, strlen(hostname), al->hostname, sizeof(al->hostname));
	if (o->output_file) {
		int fd = open(o->output_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		al->file = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!al->file) {
			snprintf(err, errlen, "cannot write '%s': %s", o->output_file,
				 strerror(errno));
			if (fd >= 0)
				close(fd);
			sk_alerts_close(al, NULL, 0);
			return NULL;
		}
		al->file_name = o->output_file;
	}
	if (o->program) {
		fflush(NULL);
		al->prog = popen(o->program, "w");
		if (!al->prog) {
			snprintf(err, errlen, "cannot run program '%s': %s", o->program,
				 strerror(errno));
			sk_alerts_close(al, NULL, 0);
			return NULL;
		}
		al->prog_cmd = o->program;
	}
	if (al->use_syslog)
		openlog("saker", LOG_PID, LOG_USER);
	return al;
}

__attribute__((noinline)) static size_t put(char *buf, size_t cap, size_t n, const char *s)
{
	if (n + 1 >= cap)
		return n;
	size_t k = strnlen(s, cap - n - 1);
	memmove(buf + n, s, k);
	buf[n + k] = 0;
	return n + k;
}

static size_t put_json_str(struct sk_alerts *al, size_t n, const char *s)
{
	sk_escape_json(s, strlen(s), al->esc, sizeof(al->esc));
	n = put(al->line, sizeof(al->line), n, "\"");
	n = put(al->line, sizeof(al->line), n, al->esc);
	return put(al->line, sizeof(al->line), n, "\"");
}

static int tag_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The rule's output fields, sorted by name, plus evt.time (ns since the
 * epoch, as a number) as Falco always adds it. */
static size_t output_fields(struct sk_alerts *al, size_t n, const struct sk_rule *rule,
			    struct sk_evctx *ctx, uint64_t wall_ns)
{
	size_t cap = sizeof(al->line);
	unsigned nf = sk_output_nfields(rule->output);
	int time_done = 0;
	char v[8192];
	for (unsigned i = 0; i <= nf; i++) {
		struct sk_output_field f = {0};
		if (i < nf)
			sk_output_field(rule->output, i, ctx, &f);
		if (!time_done && (i == nf || strcmp(f.name, "evt.time") >= 0)) {
			snprintf(v, sizeof(v), "%s\"evt.time\":%llu", i ? "," : "",
				 (unsigned long long)wall_ns);
			n = put(al->line, cap, n, v);
			time_done = 1;
		}
		if (i == nf || !strcmp(f.name, "evt.time"))
			continue;
		n = put(al->line, cap, n, i || time_done ? "," : "");
		n = put_json_str(al, n, f.name);
		n = put(al->line, cap, n, ":");
		if (!f.nvalues)
			snprintf(v, sizeof(v), "null");
		else
			sk_value_format_json(&f.value, v, sizeof(v));
		n = put(al->line, cap, n, v);
	}
	return n;
}

static size_t json_line(struct sk_alerts *al, const struct sk_rule *rule, struct sk_evctx *ctx,
			uint64_t wall_ns, const char *text_line)
{
	char t[64];
	size_t cap = sizeof(al->line), n = 0;
	n = put(al->line, cap, n, "{\"hostname\":\"");
	n = put(al->line, cap, n, al->hostname);
	n = put(al->line, cap, n, "\",\"output\":");
	n = put_json_str(al, n, text_line);
	n = put(al->line, cap, n, ",\"output_fields\":{");
	n = output_fields(al, n, rule, ctx, wall_ns);
	n = put(al->line, cap, n, "},\"priority\":\"");
	n = put(al->line, cap, n, sk_priority_name(rule->priority));
	n = put(al->line, cap, n, "\",\"rule\":");
	n = put_json_str(al, n, rule->name);
	n = put(al->line, cap, n, ",\"source\":\"syscall\",\"tags\":[");
	const char *tags[256];
	unsigned nt = rule->ntags < 256 ? rule->ntags : 256;
	memcpy(tags, rule->tags, nt * sizeof(*tags));
	qsort(tags, nt, sizeof(*tags), tag_cmp);
	for (unsigned i = 0; i < nt; i++) {
		if (i)
			n = put(al->line, cap, n, ",");
		n = put_json_str(al, n, tags[i]);
	}
	sk_alert_time_json(wall_ns, t, sizeof(t));
	n = put(al->line, cap, n, "],\"time\":\"");
	n = put(al->line, cap, n, t);
	return put(al->line, cap, n, "\"}");
}

static void deliver(struct sk_alerts *al, const char *line, size_t len, int prio)
{
	if (al->use_stdout && (fwrite(line, 1, len, stdout) != len || putchar('\n') == EOF))
		al->write_failed |= 1;
	if (al->file && (fwrite(line, 1, len, al->file) != len || fputc('\n', al->file) == EOF))
		al->write_failed |= 2;
	if (al->prog && (fwrite(line, 1, len, al->prog) != len || fputc('\n', al->prog) == EOF))
		al->write_failed |= 4;
	if (al->use_syslog)
		syslog(prio, "%s", line);
}

void sk_alerts_emit(struct sk_alerts *al, const struct sk_rule *rule, struct sk_evctx *ctx,
		    uint64_t wall_ns)
{
	char t[64], head[128];
	sk_alert_time(wall_ns, al->iso8601, t, sizeof(t));
	snprintf(head, sizeof(head), "%s: %s ", t, sk_priority_name(rule->priority));
	size_t hl = strlen(head);
	memcpy(al->text, head, hl + 1);
	sk_output_render(rule->output, ctx, al->text + hl, sizeof(al->text) - hl);
	if (al->json) {
		size_t n = json_line(al, rule, ctx, wall_ns, al->text);
		deliver(al, al->line, n, rule->priority);
	} else {
		deliver(al, al->text, strlen(al->text), rule->priority);
	}
	al->total++;
	al->by_prio[rule->priority]++;
	if (rule->index < al->nrules)
		al->by_rule[rule->index]++;
}

int sk_alerts_close(struct sk_alerts *al, char *err, size_t errlen)
{
	if (!al)
		return 0;
	sk_alerts_flush(al);
	if (al->file && fclose(al->file))
		al->write_failed |= 2;
	if (al->prog && pclose(al->prog) != 0)
		al->write_failed |= 4;
	if (al->use_syslog)
		closelog();
	int failed = al->write_failed;
	if (failed && err)
		snprintf(err, errlen, "writing alerts failed (%s)",
			 failed & 1   ? "stdout"
			 : failed & 2 ? al->file_name
				      : al->prog_cmd);
	free(al->by_rule);
	free(al);
	return failed ? -1 : 0;
}

void sk_alerts_flush(struct sk_alerts *al)
{
	if (al->use_stdout && (fflush(stdout) || ferror(stdout)))
		al->write_failed |= 1;
	if (al->file && (fflush(al->file) || ferror(al->file)))
		al->write_failed |= 2;
	if (al->prog && (fflush(al->prog) || ferror(al->prog)))
		al->write_failed |= 4;
}

uint64_t sk_alerts_total(const struct sk_alerts *al)
{
	return al->total;
}

uint64_t sk_alerts_by_rule(const struct sk_alerts *al, unsigned rule_index)
{
	return rule_index < al->nrules ? al->by_rule[rule_index] : 0;
}

uint64_t sk_alerts_by_priority(const struct sk_alerts *al, int prio)
{
	return prio >= 0 && prio <= SK_PRIO_DEBUG ? al->by_prio[prio] : 0;
}
