/* alert.h - where alerts go and how they look: Falco's text line
 * ("TIME: Priority output") or Falco's JSON object, written to stdout, a
 * file, a program's stdin and/or syslog, with counts for the summary.
 */
#ifndef SAKER_RULES_ALERT_H
#define SAKER_RULES_ALERT_H

#include <stdint.h>
#include <stdio.h>

#include "rules/rules.h"

/* What `saker replay` was asked for, from the config file then the flags. */
struct sk_replay_opts {
	const char *rules[64];
	unsigned nrules;
	const char *no_names[64], *no_tags[64];
	unsigned nno_names, nno_tags;
	int min_priority;
	int first_match; /* rule_matching: first */
	int json;
	int iso8601;   /* text time as 2026-11-27T12:00:00.123456789+0000 */
	int stdout_on; /* -1: on unless another output was chosen */
	const char *output_file;
	const char *program;
	int syslog;
};

void sk_replay_opts_init(struct sk_replay_opts *o);

/* Reads a YAML config file (rules/saker.yaml.example documents it) into o.
 * Returns 0, or -1 with "file:line:col: what" in err. Strings it sets live
 * until sk_config_release(). */
int sk_config_load(const char *path, struct sk_replay_opts *o, char *err, size_t errlen);
void sk_config_release(void);

struct sk_alerts;

/* Opens the outputs. nrules sizes the per-rule counts. NULL with err set. */
struct sk_alerts *sk_alerts_open(const struct sk_replay_opts *o, const char *hostname,
				 unsigned nrules, char *err, size_t errlen);
void sk_alerts_emit(struct sk_alerts *al, const struct sk_rule *rule, struct sk_evctx *ctx,
		    uint64_t wall_ns);
/* Flushes buffered alerts (before the summary reaches stderr). */
void sk_alerts_flush(struct sk_alerts *al);
/* Closes the outputs; returns -1 when a write failed (err says which). */
int sk_alerts_close(struct sk_alerts *al, char *err, size_t errlen);

uint64_t sk_alerts_total(const struct sk_alerts *al);
uint64_t sk_alerts_by_rule(const struct sk_alerts *al, unsigned rule_index);
uint64_t sk_alerts_by_priority(const struct sk_alerts *al, int prio);

/* Falco's time texts, in UTC: "HH:MM:SS.nnnnnnnnn", ISO 8601 with "+0000",
 * and JSON's "...Z". */
size_t sk_alert_time(uint64_t ns, int iso8601, char *buf, size_t len);
size_t sk_alert_time_json(uint64_t ns, char *buf, size_t len);

#endif
