/* index.c - the index pass: read every record in order, apply it to the
 * replay state, hand it to the tracker (index_track.c) and count it into the
 * timeline, all inside one database transaction. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/param.h"
#include "replay/state.h"
#include "rules/rules.h"
#include "tui/casedb.h"
#include "tui/index.h"
#include "tui/index_track.h"
#include "tui/ixmap.h"

struct pass {
	struct sk_reader *rd;
	struct sk_casedb *db;
	struct sk_state *st;
	struct ix_tracker *tr;
	struct sk_ruleset *rs; /* NULL: no rule files */
	int alert_failed;
	const struct sk_index_opts *o;
	struct sk_evctx ctx; /* the state refers to it until the next apply */
	struct sk_cdb_capture cap;
	struct sk_cdb_bucket buckets[SK_TIMELINE_BUCKETS];
	uint64_t first_ts, span;
	uint64_t nevents;
};

void sk_index_default_db(const char *capture, char *buf, size_t len)
{
	snprintf(buf, len, "%s.saker.db", capture);
}

void sk_capture_digest(struct sk_reader *r, char out[32])
{
	const struct sk_capture_summary *s = sk_reader_summary(r);
	const struct sk_file_info *fi = sk_reader_info(r);
	uint64_t h = IX_HASH_SEED;
	uint64_t facts[] = {s->file_size,     s->nchunks, s->nevents,
			    s->first_ts,      s->last_ts, (uint64_t)fi->start_wall_ns,
			    fi->start_boot_ns};

	h = ix_hash_bytes(facts, sizeof(facts), h);
	h = ix_hash_bytes(fi->hostname, strlen(fi->hostname), h);
	for (uint64_t i = 0; i < sk_reader_nchunks(r); i++) {
		const struct sk_chunk_info *c = sk_reader_chunk(r, i);
		uint64_t v[] = {c->offset, c->first_num, c->nevents, c->comp_len, c->raw_len};
		h = ix_hash_bytes(v, sizeof(v), h);
	}
	snprintf(out, 32, "fnv1a64:%016llx", (unsigned long long)h);
}

static int64_t wall_of(const struct sk_file_info *fi, uint64_t ts)
{
	return fi->start_wall_ns + (int64_t)(ts - fi->start_boot_ns);
}

static struct sk_cdb_bucket *bucket_of(struct pass *p, const struct sk_event *ev)
{
	uint64_t off = ev->ts > p->first_ts ? ev->ts - p->first_ts : 0;
	size_t b = p->span ? (size_t)((double)off / (double)p->span * SK_TIMELINE_BUCKETS) : 0;

	return &p->buckets[b < SK_TIMELINE_BUCKETS ? b : SK_TIMELINE_BUCKETS - 1];
}

static void count_bucket(struct pass *p, const struct sk_event *ev)
{
	struct sk_cdb_bucket *bk = bucket_of(p, ev);

	if (!bk->nevents)
		bk->first_evt = (int64_t)ev->num;
	bk->nevents++;
}

static int write_buckets(struct pass *p)
{
	const struct sk_file_info *fi = sk_reader_info(p->rd);

	for (int i = 0; i < SK_TIMELINE_BUCKETS; i++) {
		struct sk_cdb_bucket *b = &p->buckets[i];
		b->bucket = i;
		b->start_ns = wall_of(
		    fi, p->first_ts + (uint64_t)((double)p->span * i / SK_TIMELINE_BUCKETS));
		if (sk_casedb_add_bucket(p->db, b) < 0)
			return -1;
	}
	return 0;
}

static void capture_row(struct pass *p, const char *path, const char *digest)
{
	const struct sk_capture_summary *s = sk_reader_summary(p->rd);
	const struct sk_file_info *fi = sk_reader_info(p->rd);
	struct sk_cdb_capture *c = &p->cap;

	c->path = path;
	c->digest = digest;
	c->hostname = fi->hostname;
	c->kernel = fi->kernel_release;
	c->recorder = fi->recorder;
	c->start_ns = s->nevents ? wall_of(fi, s->first_ts) : SK_CDB_NULL;
	c->end_ns = s->nevents ? wall_of(fi, s->last_ts) : SK_CDB_NULL;
	c->boot_ns = fi->start_wall_ns - (int64_t)fi->start_boot_ns;
	c->nevents = (int64_t)s->nevents;
	c->nchunks = (int64_t)s->nchunks;
	c->file_size = (int64_t)s->file_size;
	c->torn_bytes = (int64_t)s->torn_bytes;
	p->first_ts = s->first_ts;
	p->span = s->last_ts > s->first_ts ? s->last_ts - s->first_ts : 0;
}

static void count_drops(struct pass *p, const struct sk_evctx *ctx)
{
	int64_t n;

	if (ctx->ev->type == SK_E_DROP && sk_ev_num_by_name(ctx->ev, ctx->info, "count", &n) == 0)
		p->cap.drops += n;
}

/* Appends s to a JSON string literal being built in out. */
static size_t json_str(char *out, size_t o, size_t len, const char *s)
{
	if (o + 2 < len)
		out[o++] = '"';
	for (; *s && o + 8 < len; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			o += (size_t)snprintf(out + o, len - o, "\\%c", c);
		else if (c < 0x20)
			o += (size_t)snprintf(out + o, len - o, "\\u%04x", c);
		else
			out[o++] = (char)c;
	}
	if (o + 1 < len)
		out[o++] = '"';
	out[o] = 0;
	return o;
}

/* The rule's output fields and their values as a JSON object. */
static void fields_json(const struct sk_rule *rule, struct sk_evctx *ctx, char *out, size_t len)
{
	unsigned n = sk_output_nfields(rule->output);
	size_t o = 1;
	char val[1024];

	out[0] = '{';
	out[1] = 0;
	for (unsigned i = 0; i < n && o + 16 < len; i++) {
		struct sk_output_field f;
		sk_output_field(rule->output, i, ctx, &f);
		if (i)
			out[o++] = ',';
		o = json_str(out, o, len, f.name);
		if (o + 8 >= len)
			break;
		out[o++] = ':';
		if (f.nvalues) {
			sk_value_format(&f.value, val, sizeof(val));
			o = json_str(out, o, len, val);
		} else {
			o += (size_t)snprintf(out + o, len - o, "null");
		}
	}
	if (o + 2 > len)
		o = len - 2;
	out[o++] = '}';
	out[o] = 0;
}

static void on_alert(void *opaque, const struct sk_rule *rule, struct sk_evctx *ctx)
{
	struct pass *p = opaque;
	char output[4096], json[8192];

	sk_output_render(rule->output, ctx, output, sizeof(output));
	fields_json(rule, ctx, json, sizeof(json));
	if (ix_tracker_alert(p->tr, ctx, rule->name, sk_priority_name(rule->priority),
			     rule->priority, output, json) < 0)
		p->alert_failed = 1;
	bucket_of(p, ctx->ev)->nalerts++;
}

/* Loads and compiles the rule files; on errors err gets the diagnostics. */
static int load_rules(struct pass *p, char *err, size_t errlen)
{
	char *diag = NULL;
	size_t dlen = 0;
	FILE *f;
	int bad = 0;

	if (!p->o->nrules)
		return 0;
	p->rs = sk_ruleset_new();
	if (!p->rs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int i = 0; i < p->o->nrules; i++)
		if (sk_ruleset_load_path(p->rs, p->o->rules[i]) < 0)
			bad = 1;
	if (!bad && sk_ruleset_compile(p->rs) == 0)
		return 0;
	f = open_memstream(&diag, &dlen);
	if (f) {
		sk_ruleset_print_diag(p->rs, f);
		fclose(f);
	}
	snprintf(err, errlen, "invalid rules:\n%s", diag ? diag : "");
	free(diag);
	return -1;
}

/* The replay loop proper. Returns 0 or -1 with err set. */
static int replay_all(struct pass *p, char *err, size_t errlen)
{
	struct sk_event ev;
	struct sk_error e;
	uint64_t total = sk_reader_summary(p->rd)->nevents;
	int rc;

	while ((rc = sk_reader_next(p->rd, &ev, &e)) == 1) {
		sk_state_apply(p->st, &ev, &p->ctx);
		count_bucket(p, &ev);
		count_drops(p, &p->ctx);
		if (p->rs)
			sk_ruleset_match(p->rs, ev.type, &p->ctx, on_alert, p);
		if (ix_tracker_event(p->tr, &p->ctx) < 0 || p->alert_failed) {
			snprintf(err, errlen, "%s: %s", p->o->db_path, sk_casedb_error(p->db));
			return -1;
		}
		if (++p->nevents % 4096 == 0 && p->o->progress)
			p->o->progress(p->o->progress_arg, p->nevents, total);
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", e.msg);
		return -1;
	}
	if (p->o->progress)
		p->o->progress(p->o->progress_arg, p->nevents, total);
	return 0;
}

static int run_pass(struct pass *p, const char *path, const char *digest, int64_t *capture_id,
		    char *err, size_t errlen)
{
	capture_row(p, path, digest);
	if (sk_casedb_begin(p->db, &p->cap, capture_id) < 0)
		goto db_fail;
	p->st = sk_state_new(sk_reader_info(p->rd));
	p->tr = p->st ? ix_tracker_new(p->db, p->st) : NULL;
	if (!p->tr) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (replay_all(p, err, errlen) < 0)
		return -1;
	p->cap.nevents = (int64_t)p->nevents;
	if (ix_tracker_finish(p->tr) < 0 || write_buckets(p) < 0 ||
	    sk_casedb_update_capture(p->db, &p->cap) < 0 || sk_casedb_commit(p->db) < 0)
		goto db_fail;
	return 0;
db_fail:
	snprintf(err, errlen, "%s: %s", p->o->db_path, sk_casedb_error(p->db));
	return -1;
}

static int64_t count_rows(struct sk_casedb *db, const char *table, int64_t capture_id)
{
	char sql[128];
	sqlite3_stmt *st;
	int64_t n = 0;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE capture_id=%lld", table,
		 (long long)capture_id);
	if (sqlite3_prepare_v2(sk_casedb_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* FNV-1a of a file's content, so that an edited rule file means re-indexing. */
static int file_digest(const char *path, uint64_t *out)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return -1;
	*out = IX_HASH_SEED;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		*out = ix_hash_bytes(buf, n, *out);
	n = (size_t)ferror(f);
	fclose(f);
	return n ? -1 : 0;
}

/* Appends "ABSPATH#DIGEST" for one rules file to out (';'-separated). */
static int append_rule_file(const char *file, char *out, size_t len, size_t *n, char *err,
			    size_t errlen)
{
	char abs[PATH_MAX];
	uint64_t h;

	if (!realpath(file, abs) || file_digest(abs, &h) < 0) {
		snprintf(err, errlen, "%s: %m", file);
		return -1;
	}
	int w =
	    snprintf(out + *n, len - *n, "%s%s#%016llx", *n ? ";" : "", abs, (unsigned long long)h);
	if (w < 0 || (size_t)w >= len - *n) {
		snprintf(err, errlen, "too many rule files");
		return -1;
	}
	*n += (size_t)w;
	return 0;
}

/* The rule files as stored in captures.rules: every file the -r paths load
 * (a directory stands for its rule files), as absolute paths each with the
 * digest of its content, ';'-joined. */
static int rules_text(const struct sk_index_opts *o, char *out, size_t len, char *err,
		      size_t errlen)
{
	size_t n = 0;

	out[0] = 0;
	for (int i = 0; i < o->nrules; i++) {
		char **files;
		int nfiles = sk_rules_path_files(o->rules[i], &files), rc = 0;
		if (nfiles < 0) {
			snprintf(err, errlen, "%s: %m", o->rules[i]);
			return -1;
		}
		for (int f = 0; f < nfiles && rc == 0; f++)
			rc = append_rule_file(files[f], out, len, &n, err, errlen);
		sk_rules_path_files_free(files);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int sk_index_run(const struct sk_index_opts *o, struct sk_index_result *res, char *err,
		 size_t errlen)
{
	struct sk_index_opts opts = *o;
	struct pass *p;
	struct sk_error e;
	char abspath[PATH_MAX], digest[32], rules[4096];
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (opts.db_path)
		snprintf(res->db_path, sizeof(res->db_path), "%s", opts.db_path);
	else
		sk_index_default_db(opts.capture, res->db_path, sizeof(res->db_path));
	opts.db_path = res->db_path;
	if (!realpath(opts.capture, abspath)) {
		snprintf(err, errlen, "%s: %m", opts.capture);
		return -1;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	p->o = &opts;
	p->rd = sk_reader_open(abspath, &e);
	if (!p->rd) {
		snprintf(err, errlen, "%s", e.msg);
		goto out;
	}
	p->db = sk_casedb_open(opts.db_path, err, errlen);
	if (!p->db)
		goto out;
	sk_capture_digest(p->rd, digest);
	if (rules_text(&opts, rules, sizeof(rules), err, errlen) < 0)
		goto out;
	p->cap.rules = rules[0] ? rules : NULL;
	res->capture_id = opts.force ? 0 : sk_casedb_lookup(p->db, abspath, digest, p->cap.rules);
	res->reused = res->capture_id != 0;
	if (!res->reused && load_rules(p, err, errlen) < 0)
		goto out;
	if (!res->reused && run_pass(p, abspath, digest, &res->capture_id, err, errlen) < 0)
		goto out;
	res->nevents = sk_reader_summary(p->rd)->nevents;
	res->nprocesses = (uint64_t)count_rows(p->db, "processes", res->capture_id);
	res->nalerts = (uint64_t)count_rows(p->db, "alerts", res->capture_id);
	rc = 0;
out:
	ix_tracker_free(p->tr);
	sk_ruleset_free(p->rs);
	if (p->st)
		sk_state_free(p->st);
	sk_casedb_close(p->db);
	if (p->rd)
		sk_reader_close(p->rd);
	free(p);
	return rc;
}
