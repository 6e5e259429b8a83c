/* cmd_replay.c - `saker replay FILE -r RULES...`: loads and compiles the
 * rules (any error stops here with exit 1, before the capture is read),
 * replays the capture with state, and raises one alert per matching event
 * and rule in capture order. A summary goes to stderr at the end.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/commands.h"
#include "replay/replay.h"
#include "rules/cmdrules.h"
#include "rules/alert.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: saker replay FILE -r RULES [-r RULES...] [options]\n"
		     "  -r, --rules PATH        Falco rules file or directory of them (repeat;\n"
		     "                          later files append to or override earlier ones)\n"
		     "      --config FILE       YAML settings (see rules/saker.yaml.example)\n"
		     "      --min-priority P    skip rules below P (emergency ... debug)\n"
		     "  -o, --output text|json  alert format (default text)\n"
		     "      --output-file F     write alerts to F (created 0600)\n"
		     "      --program 'CMD'     pipe alerts into CMD's stdin\n"
		     "      --syslog            send alerts to syslog\n"
		     "      --time iso8601|time text time style (default iso8601, UTC)\n"
		     "      --rule-matching all|first  every matching rule alerts (default)\n"
		     "                          or only the first (Falco's rule_matching)\n"
		     "  -D, --disable NAME      disable rules whose name contains NAME\n"
		     "  -T, --disable-tag TAG   disable rules with tag TAG\n");
}

static const struct option longopts[] = {
    {"rules", required_argument, NULL, 'r'},
    {"config", required_argument, NULL, 'c'},
    {"min-priority", required_argument, NULL, 'p'},
    {"output", required_argument, NULL, 'o'},
    {"output-file", required_argument, NULL, 'f'},
    {"program", required_argument, NULL, 'P'},
    {"syslog", no_argument, NULL, 's'},
    {"time", required_argument, NULL, 't'},
    {"rule-matching", required_argument, NULL, 'm'},
    {"disable", required_argument, NULL, 'D'},
    {"disable-tag", required_argument, NULL, 'T'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int parse_flag(int c, struct sk_replay_opts *o, int *cli_rules)
{
	switch (c) {
	case 'r':
		if (!*cli_rules)
			o->nrules = 0; /* flags replace the config's list */
		*cli_rules = 1;
		if (o->nrules == 64)
			return -1;
		o->rules[o->nrules++] = optarg;
		return 0;
	case 'c':
		return 0;
	case 'p':
		return (o->min_priority = sk_priority_parse(optarg)) < 0 ? -1 : 0;
	case 'o':
		if (strcmp(optarg, "text") && strcmp(optarg, "json"))
			return -1;
		o->json = optarg[0] == 'j';
		return 0;
	case 'f':
		o->output_file = optarg;
		return 0;
	case 'P':
		o->program = optarg;
		return 0;
	case 's':
		o->syslog = 1;
		return 0;
	case 't':
		if (strcmp(optarg, "iso8601") && strcmp(optarg, "time"))
			return -1;
		o->iso8601 = optarg[0] == 'i';
		return 0;
	case 'm':
		if (strcmp(optarg, "all") && strcmp(optarg, "first"))
			return -1;
		o->first_match = optarg[0] == 'f';
		return 0;
	case 'D':
		if (o->nno_names == 64)
			return -1;
		o->no_names[o->nno_names++] = optarg;
		return 0;
	case 'T':
		if (o->nno_tags == 64)
			return -1;
		o->no_tags[o->nno_tags++] = optarg;
		return 0;
	}
	return -1;
}

/* Two passes: the config file first, then every flag over it. */
static int parse_args(int argc, char **argv, struct sk_replay_opts *o, const char **capture)
{
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "r:o:D:T:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 1;
		}
		char err[1024];
		if (c == 'c' && sk_config_load(optarg, o, err, sizeof(err)) < 0) {
			fprintf(stderr, "saker replay: %s\n", err);
			return -SK_EXIT_BAD_INPUT;
		}
	}
	optind = 1;
	opterr = 1;
	int cli_rules = 0;
	while ((c = getopt_long(argc, argv, "r:o:D:T:h", longopts, NULL)) != -1)
		if (parse_flag(c, o, &cli_rules) < 0) {
			if (c != '?')
				fprintf(stderr, "saker replay: bad value '%s' for -%c\n",
					optarg ? optarg : "", c);
			usage(stderr);
			return -SK_EXIT_USAGE;
		}
	if (optind != argc - 1 || !o->nrules) {
		fprintf(stderr, "saker replay: %s\n",
			optind != argc - 1 ? "expected exactly one capture FILE"
					   : "no rules: give -r FILE or rules_files in --config");
		usage(stderr);
		return -SK_EXIT_USAGE;
	}
	*capture = argv[optind];
	return 0;
}

static struct sk_ruleset *load_rules(const struct sk_replay_opts *o)
{
	struct sk_ruleset *rs = sk_cmd_open_rules(o->rules, o->nrules);
	if (!rs)
		return NULL;
	for (unsigned i = 0; i < o->nno_names; i++)
		sk_ruleset_disable_name(rs, o->no_names[i]);
	for (unsigned i = 0; i < o->nno_tags; i++)
		sk_ruleset_disable_tag(rs, o->no_tags[i]);
	sk_ruleset_min_priority(rs, o->min_priority);
	sk_ruleset_first_match(rs, o->first_match);
	return sk_cmd_compile_rules(rs, "saker replay");
}

struct run {
	struct sk_alerts *al;
	uint64_t wall_ns;
	uint64_t events, drop_records, dropped;
};

static void on_alert(void *opaque, const struct sk_rule *rule, struct sk_evctx *ctx)
{
	struct run *r = opaque;
	sk_alerts_emit(r->al, rule, ctx, r->wall_ns);
}

static void summary(const struct sk_ruleset *rs, const struct run *r, const char *capture,
		    const struct sk_capture_summary *cs)
{
	fprintf(stderr, "saker replay: %llu events replayed from %s, %llu alerts\n",
		(unsigned long long)r->events, capture, (unsigned long long)sk_alerts_total(r->al));
	for (int p = SK_PRIO_EMERGENCY; p <= SK_PRIO_DEBUG; p++)
		if (sk_alerts_by_priority(r->al, p))
			fprintf(stderr, "  %-13s %llu\n", sk_priority_name(p),
				(unsigned long long)sk_alerts_by_priority(r->al, p));
	for (unsigned i = 0; i < sk_ruleset_nrules(rs); i++) {
		const struct sk_rule *rule = sk_ruleset_rule(rs, i);
		uint64_t n = sk_alerts_by_rule(r->al, i);
		if (n)
			fprintf(stderr, "  %8llu  %s (%s)\n", (unsigned long long)n, rule->name,
				sk_priority_name(rule->priority));
	}
	if (r->drop_records)
		fprintf(stderr,
			"saker replay: the recorder dropped %llu events (%llu drop records): "
			"alerts may be missing around them\n",
			(unsigned long long)r->dropped, (unsigned long long)r->drop_records);
	else
		fprintf(stderr, "saker replay: no drops recorded\n");
	if (cs->torn_bytes)
		fprintf(stderr,
			"saker replay: %s ends with %llu torn bytes at offset %llu (recorder "
			"killed?): events there were not replayed, alerts may be missing\n",
			capture, (unsigned long long)cs->torn_bytes,
			(unsigned long long)cs->torn_offset);
}

static int replay(struct sk_replay *rp, const struct sk_ruleset *rs, struct run *r)
{
	struct sk_evctx *ctx;
	struct sk_error err;
	int rc;
	while ((rc = sk_replay_next(rp, &ctx, &err)) > 0) {
		const struct sk_event *ev = ctx->ev;
		r->events++;
		if (ev->type == SK_E_DROP) {
			uint64_t n = 0;
			r->drop_records++;
			if (ev->nparams > 1 && !sk_param_uint(&ev->params[1], &n))
				r->dropped += n;
			continue;
		}
		r->wall_ns = ctx->wall_ts;
		sk_ruleset_match(rs, ev->type, ctx, on_alert, r);
	}
	if (rc < 0)
		fprintf(stderr, "saker replay: %s\n", err.msg);
	return rc < 0 ? -1 : 0;
}

int sk_cmd_replay(int argc, char **argv)
{
	struct sk_replay_opts o;
	const char *capture = NULL;
	sk_replay_opts_init(&o);
	int rc = parse_args(argc, argv, &o, &capture);
	if (rc) {
		sk_config_release();
		return rc > 0 ? SK_EXIT_OK : -rc;
	}
	struct sk_ruleset *rs = load_rules(&o);
	if (!rs) {
		sk_config_release();
		return SK_EXIT_BAD_INPUT;
	}
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(capture, &err);
	if (!rp) {
		fprintf(stderr, "saker replay: %s\n", err.msg);
		sk_ruleset_free(rs);
		sk_config_release();
		return SK_EXIT_BAD_INPUT;
	}
	char msg[1024];
	struct run r = {0};
	signal(SIGPIPE, SIG_IGN); /* a dead --program shows up as a write error */
	r.al = sk_alerts_open(&o, sk_replay_info(rp)->hostname, sk_ruleset_nrules(rs), msg,
			      sizeof(msg));
	int status = SK_EXIT_BAD_INPUT;
	if (!r.al) {
		fprintf(stderr, "saker replay: %s\n", msg);
	} else {
		status = replay(rp, rs, &r) < 0 ? SK_EXIT_BAD_INPUT : SK_EXIT_OK;
		sk_alerts_flush(r.al);
		summary(rs, &r, capture, sk_replay_summary(rp));
		if (sk_alerts_close(r.al, msg, sizeof(msg)) < 0) {
			fprintf(stderr, "saker replay: %s\n", msg);
			status = SK_EXIT_BAD_INPUT;
		}
	}
	sk_replay_close(rp);
	sk_ruleset_free(rs);
	sk_config_release();
	return status;
}
