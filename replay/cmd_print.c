/* cmd_print.c - `saker print`: events as text lines like sysdig's default
 * output, as a -p format of %fields, or as JSON; with seeks by record number
 * or time through the chunk index.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "replay/commands.h"
#include "replay/print.h"
#include "replay/replay.h"

#define DEFAULT_FORMAT                                                                             \
	"%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.args"
#define MAX_SEGS	128
#define MAX_VALS	32
#define LINE_MAX_BYTES	(1u << 20)
#define DEFAULT_SNAPLEN 80 /* bytes of each I/O buffer shown, as sysdig */

/* A compiled format: literal text alternating with field references. */
struct seg {
	const char *lit;
	size_t litlen;
	int has_field;
	struct sk_field_ref ref;
	char name[128];
};

struct fmt {
	struct seg segs[MAX_SEGS];
	int n;
};

struct opts {
	const char *file;
	const char *filter_text;
	const char *format;
	int json;
	uint64_t snaplen;
	uint64_t first;
	uint64_t from_event;
	int has_from, has_to;
	int fast_seek;
	uint64_t from_ns, to_ns;
	const char *from_text, *to_text;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: saker print [OPTIONS] FILE [FILTER]\n"
		"\n"
		"Prints the events of a capture, one per line:\n"
		"  evt.num time cpu proc.name (tid) dir type args\n"
		"\n"
		"options:\n"
		"  -p, --format FORMAT   print FORMAT per event: text with %%field tokens,\n"
		"                        e.g. '%%evt.time %%proc.aname[2] %%evt.arg.name'\n"
		"  -j, --json            one JSON object per event\n"
		"  -n, --first N         stop after N printed events\n"
		"  -s, --snaplen N       show at most N bytes of each I/O buffer (data\n"
		"                        argument, evt.buffer); default 80, 0 shows all;\n"
		"                        a FILTER always sees the whole buffer\n"
		"      --from TIME       start at TIME (seek through the index)\n"
		"      --to TIME         stop after TIME\n"
		"      --from-event N    start at record number N (seek through the index)\n"
		"      --fast-seek       with --from/--from-event: rebuild the state from the\n"
		"                        initial snapshot only, not from every earlier record\n"
		"      --tz utc|local    time zone for times (default utc)\n"
		"  -h, --help            this help\n"
		"\n"
		"TIME is 2026-11-27T20:00:00[.nnnnnnnnn][Z] (in the --tz zone) or ns since the\n"
		"epoch. FILTER is a Falco condition, e.g. \"evt.type=openat and fd.name "
		"startswith /etc\".\n"
		"Seeking replays every earlier record through the state engine (about 6M\n"
		"records/s) so process and fd facts are exact; with --fast-seek, processes\n"
		"started between the capture start and the seek point show <NA> until they\n"
		"exec, and fds opened in that gap are unknown.\n");
}

static int is_field_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_';
}

static int fmt_compile(struct fmt *f, const char *text, char *err, size_t errlen)
{
	const char *p = text;
	f->n = 0;
	while (*p) {
		if (f->n == MAX_SEGS) {
			snprintf(err, errlen, "format has more than %d parts", MAX_SEGS);
			return -1;
		}
		struct seg *s = &f->segs[f->n++];
		memset(s, 0, sizeof(*s));
		s->lit = p;
		while (*p && !(p[0] == '%' && is_field_char(p[1])))
			p++;
		s->litlen = (size_t)(p - s->lit);
		if (!*p)
			break;
		const char *start = ++p;
		while (is_field_char(*p))
			p++;
		if (*p == '[') {
			const char *close = strchr(p, ']');
			if (!close) {
				snprintf(err, errlen, "format: unterminated '[' after '%.*s'",
					 (int)(p - start), start);
				return -1;
			}
			p = close + 1;
		}
		while (p > start && p[-1] == '.')
			p--;
		size_t len = (size_t)(p - start);
		if (len >= sizeof(s->name)) {
			snprintf(err, errlen, "format: field name too long");
			return -1;
		}
		memcpy(s->name, start, len);
		s->has_field = 1;
		if (sk_field_parse(start, len, &s->ref, err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* A simple append-only output line. */
struct line {
	char *buf;
	size_t n, cap;
};

static void line_put(struct line *l, const char *s, size_t n)
{
	if (l->n + n >= l->cap)
		n = l->cap - l->n - 1;
	memcpy(l->buf + l->n, s, n);
	l->n += n;
}

static void put_values(struct line *l, struct sk_evctx *ctx, const struct seg *s, int json)
{
	struct sk_value vals[MAX_VALS];
	int n = sk_field_extract(&s->ref, ctx, vals, MAX_VALS);
	if (n == 0) {
		line_put(l, json ? "null" : "<NA>", json ? 4 : 4);
		return;
	}
	if (n > 1 || s->ref.field->is_list)
		line_put(l, json ? "[" : "", json ? 1 : 0);
	for (int i = 0; i < n; i++) {
		if (i)
			line_put(l, ",", 1);
		size_t room = l->cap - l->n;
		l->n += json ? sk_value_format_json(&vals[i], l->buf + l->n, room)
			     : sk_value_format(&vals[i], l->buf + l->n, room);
	}
	if (n > 1 || s->ref.field->is_list)
		line_put(l, json ? "]" : "", json ? 1 : 0);
}

static void render_text(struct line *l, const struct fmt *f, struct sk_evctx *ctx)
{
	for (int i = 0; i < f->n; i++) {
		const struct seg *s = &f->segs[i];
		line_put(l, s->lit, s->litlen);
		if (s->has_field)
			put_values(l, ctx, s, 0);
	}
}

static void render_json(struct line *l, const struct fmt *f, struct sk_evctx *ctx)
{
	int first = 1;
	line_put(l, "{", 1);
	for (int i = 0; i < f->n; i++) {
		const struct seg *s = &f->segs[i];
		if (!s->has_field)
			continue;
		int dup = 0;
		for (int j = 0; j < i; j++)
			dup |= f->segs[j].has_field && !strcmp(f->segs[j].name, s->name);
		if (dup)
			continue;
		if (!first)
			line_put(l, ",", 1);
		first = 0;
		line_put(l, "\"", 1);
		line_put(l, s->name, strlen(s->name));
		line_put(l, "\":", 2);
		put_values(l, ctx, s, 1);
	}
	line_put(l, "}", 1);
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-')
		return -1;
	*out = v;
	return 0;
}

/* "2026-11-27T20:00:00[.frac][Z]" in the chosen zone, or ns since the epoch. */
static int parse_time(const char *s, int local, uint64_t *out)
{
	if (parse_u64(s, out) == 0)
		return 0;
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!p)
		p = strptime(s, "%Y-%m-%d %H:%M:%S", &tm);
	if (!p)
		return -1;
	uint64_t frac = 0;
	if (*p == '.') {
		int digits = 0;
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 9)
				frac = frac * 10 + (uint64_t)(*p - '0');
		for (; digits < 9; digits++)
			frac *= 10;
	}
	int zulu = *p == 'Z';
	if (zulu)
		p++;
	if (*p)
		return -1;
	tm.tm_isdst = -1;
	time_t t = (local && !zulu) ? mktime(&tm) : timegm(&tm);
	if (t < 0)
		return -1;
	*out = (uint64_t)t * 1000000000ull + frac;
	return 0;
}

enum { OPT_FROM = 256, OPT_TO, OPT_FROM_EVENT, OPT_TZ, OPT_FAST_SEEK };

static int parse_count(const char *opt, const char *s, uint64_t *out, int positive)
{
	if (parse_u64(s, out) == 0 && (*out || !positive))
		return 0;
	fprintf(stderr, "saker print: %s needs a %s number, not '%s'\n", opt,
		positive ? "positive" : "non-negative", s);
	return -1;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'p'},
	    {"json", no_argument, NULL, 'j'},
	    {"first", required_argument, NULL, 'n'},
	    {"snaplen", required_argument, NULL, 's'},
	    {"from", required_argument, NULL, OPT_FROM},
	    {"to", required_argument, NULL, OPT_TO},
	    {"from-event", required_argument, NULL, OPT_FROM_EVENT},
	    {"fast-seek", no_argument, NULL, OPT_FAST_SEEK},
	    {"tz", required_argument, NULL, OPT_TZ},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, local = 0;
	optind = 1;
	opterr = 0;
	o->snaplen = DEFAULT_SNAPLEN;
	while ((c = getopt_long(argc, argv, "p:jn:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->format = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'n':
			if (parse_count("--first", optarg, &o->first, 1) < 0)
				return -1;
			break;
		case 's':
			if (parse_count("--snaplen", optarg, &o->snaplen, 0) < 0)
				return -1;
			break;
		case OPT_FROM:
			o->from_text = optarg;
			break;
		case OPT_TO:
			o->to_text = optarg;
			break;
		case OPT_FROM_EVENT:
			if (parse_u64(optarg, &o->from_event) < 0 || !o->from_event) {
				fprintf(stderr,
					"saker print: --from-event needs a record number >= 1, not "
					"'%s'\n",
					optarg);
				return -1;
			}
			break;
		case OPT_FAST_SEEK:
			o->fast_seek = 1;
			break;
		case OPT_TZ:
			if (!strcmp(optarg, "local"))
				local = 1;
			else if (strcmp(optarg, "utc") && strcmp(optarg, "UTC")) {
				fprintf(stderr, "saker print: --tz is 'utc' or 'local', not '%s'\n",
					optarg);
				return -1;
			}
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			fprintf(stderr, "saker print: unknown or incomplete option '%s'\n",
				argv[optind - 1]);
			return -1;
		}
	}
	sk_fields_set_localtime(local);
	if (o->from_text && parse_time(o->from_text, local, &o->from_ns) < 0) {
		fprintf(stderr, "saker print: bad --from time '%s'\n", o->from_text);
		return -1;
	}
	if (o->to_text && parse_time(o->to_text, local, &o->to_ns) < 0) {
		fprintf(stderr, "saker print: bad --to time '%s'\n", o->to_text);
		return -1;
	}
	o->has_from = o->from_text != NULL;
	o->has_to = o->to_text != NULL;
	if (o->has_from && o->from_event) {
		fprintf(stderr, "saker print: --from and --from-event exclude each other\n");
		return -1;
	}
	if (optind >= argc) {
		fprintf(stderr, "saker print: missing capture FILE (see 'saker print --help')\n");
		return -1;
	}
	o->file = argv[optind++];
	if (optind < argc)
		o->filter_text = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "saker print: unexpected argument '%s' (quote the filter)\n",
			argv[optind]);
		return -1;
	}
	return 0;
}

static int run(struct sk_replay *rp, const struct opts *o, const struct fmt *f,
	       const struct sk_print_filter *flt, void *filter)
{
	struct sk_error err;
	struct sk_evctx *ctx;
	struct line l = {malloc(LINE_MAX_BYTES), 0, LINE_MAX_BYTES};
	uint64_t printed = 0;
	int rc;
	if (!l.buf)
		return SK_EXIT_BAD_INPUT;
	while ((rc = sk_replay_next(rp, &ctx, &err)) > 0) {
		if (o->has_to && ctx->wall_ts > o->to_ns)
			break;
		if (filter && !flt->match(filter, ctx))
			continue;
		l.n = 0;
		sk_fields_set_bytes_shown(o->snaplen); /* for display only, not the filter */
		if (o->json)
			render_json(&l, f, ctx);
		else
			render_text(&l, f, ctx);
		sk_fields_set_bytes_shown(0);
		l.buf[l.n++] = '\n';
		fwrite(l.buf, 1, l.n, stdout);
		if (o->first && ++printed >= o->first)
			break;
	}
	free(l.buf);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "saker print: write error: %s\n", strerror(errno));
		return SK_EXIT_BAD_INPUT;
	}
	if (rc < 0) {
		fprintf(stderr, "saker print: %s\n", err.msg);
		return SK_EXIT_BAD_INPUT;
	}
	return SK_EXIT_OK;
}

static void warn_torn(struct sk_replay *rp, const char *file)
{
	const struct sk_capture_summary *sum = sk_replay_summary(rp);
	if (sum->torn_bytes)
		fprintf(stderr,
			"saker print: warning: %s: %llu bytes of incomplete data at offset %llu "
			"ignored (recorder killed?)\n",
			file, (unsigned long long)sum->torn_bytes,
			(unsigned long long)sum->torn_offset);
}

int sk_print_main(int argc, char **argv, const struct sk_print_filter *flt)
{
	struct opts o;
	memset(&o, 0, sizeof(o));
	int prc = parse_args(argc, argv, &o);
	if (prc)
		return prc > 0 ? SK_EXIT_OK : SK_EXIT_USAGE;
	static struct fmt f;
	char err[512];
	if (fmt_compile(&f, o.format ? o.format : DEFAULT_FORMAT, err, sizeof(err)) < 0) {
		fprintf(stderr, "saker print: %s\n", err);
		return SK_EXIT_USAGE;
	}
	void *filter = NULL;
	if (o.filter_text) {
		if (!flt) {
			fprintf(stderr, "saker print: filters are not available in this build\n");
			return SK_EXIT_USAGE;
		}
		filter = flt->compile(o.filter_text, err, sizeof(err));
		if (!filter) {
			fprintf(stderr, "saker print: %s\n", err);
			return SK_EXIT_USAGE;
		}
	}
	struct sk_error e;
	struct sk_replay *rp = sk_replay_open(o.file, &e);
	int rc = SK_EXIT_BAD_INPUT;
	if (rp) {
		warn_torn(rp, o.file);
		sk_replay_set_fast_seek(rp, o.fast_seek);
	}
	if (!rp) {
		fprintf(stderr, "saker print: %s\n", e.msg);
	} else if (o.from_event && sk_replay_seek_num(rp, o.from_event, &e) < 0) {
		fprintf(stderr, "saker print: --from-event %llu: %s\n",
			(unsigned long long)o.from_event, e.msg);
	} else if (o.has_from && sk_replay_seek_time(rp, o.from_ns, &e) < 0) {
		fprintf(stderr, "saker print: --from %s: %s\n", o.from_text, e.msg);
	} else {
		rc = run(rp, &o, &f, flt, filter);
	}
	if (filter)
		flt->release(filter);
	sk_replay_close(rp);
	return rc;
}
