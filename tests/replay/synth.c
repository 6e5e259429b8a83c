/* synth.c - synthetic capture writer and field checker for replay tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay/replay.h"
#include "tests/replay/synth.h"

int synth_failures;

void synth_open(struct synth *s, const char *tag, const char *hostname)
{
	struct sk_file_info fi;
	struct sk_error err;
	memset(&fi, 0, sizeof(fi));
	fi.version_major = SK_FORMAT_VERSION_MAJOR;
	snprintf(fi.recorder, sizeof(fi.recorder), "synth");
	snprintf(fi.hostname, sizeof(fi.hostname), "%s", hostname);
	fi.ncpus = 2;
	fi.start_wall_ns = 1764000000000000000ll; /* 2025-11-24 16:00:00 UTC */
	fi.start_boot_ns = 1000000000ull;
	fi.boot_time_ns = fi.start_wall_ns - (int64_t)fi.start_boot_ns;
	fi.record_flags = SK_REC_ALL_HOST | SK_REC_SNAPSHOT | SK_REC_PAYLOAD;
	fi.snaplen = 256;
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(s->path, sizeof(s->path), "%s/saker-replay-%s-%d.skr", dir, tag, (int)getpid());
	unlink(s->path);
	struct sk_writer_opts opts = {0, 4096, 0, 0};
	s->w = sk_writer_open(s->path, &fi, &opts, &err);
	if (!s->w) {
		fprintf(stderr, "synth_open: %s\n", err.msg);
		exit(1);
	}
	s->ts = fi.start_boot_ns;
	s->num = 0;
}

uint64_t synth_emit(struct synth *s, uint16_t type, uint32_t tid, uint32_t pid, int n,
		    const struct sp *ps)
{
	const struct sk_event_info *info = sk_event_info(type);
	struct sk_error err;
	s->ts += 1000;
	sk_writer_begin(s->w, type, s->ts, tid, pid, (uint16_t)(s->num % 2), 0);
	for (int i = 0; i < n; i++) {
		if (ps[i].is_bytes)
			sk_writer_bytes(s->w, ps[i].ptr, ps[i].len);
		else if (info && i < info->nparams && sk_ptype_is_signed(info->params[i].type))
			sk_writer_int(s->w, ps[i].num);
		else
			sk_writer_uint(s->w, (uint64_t)ps[i].num);
	}
	if (sk_writer_end(s->w, &err) < 0) {
		fprintf(stderr, "synth_emit: %s\n", err.msg);
		exit(1);
	}
	return ++s->num;
}

uint64_t synth_proc(struct synth *s, uint16_t type, uint32_t tid, uint32_t pid,
		    const struct procfacts *f)
{
	const char *cg = f->cgroups ? f->cgroups : "0::/user.slice";
	return EMIT(s, type, tid, pid, STR(f->exe), STR(f->exepath), BYT(f->args, f->argslen),
		    BYT(f->env, f->envlen), STR(f->cwd), STR(f->comm), NUM(f->ppid), NUM(f->sid),
		    NUM(f->pgid), NUM(f->vpid), NUM(f->vpid), NUM(0), NUM(f->uid), NUM(f->gid),
		    NUM(f->uid), NUM(f->gid), NUM(f->loginuid), NUM(0), NUM(f->cap_eff),
		    NUM(f->cap_eff), BYT(cg, f->cglen ? f->cglen : strlen(cg) + 1), NUM(f->start),
		    NUM(1234), NUM(f->start - 5000000000ll), NUM(f->start - 9000000000ll), NUM(0),
		    NUM(0), NUM(1024));
}

void synth_close(struct synth *s)
{
	struct sk_error err;
	if (sk_writer_close(s->w, &err) < 0) {
		fprintf(stderr, "synth_close: %s\n", err.msg);
		exit(1);
	}
}

void synth_field(void *vctx, const char *field, char *out, size_t len)
{
	struct sk_field_ref ref;
	char err[256];
	struct sk_value vals[16];
	if (sk_field_parse(field, strlen(field), &ref, err, sizeof(err)) < 0) {
		snprintf(out, len, "PARSE ERROR: %s", err);
		return;
	}
	int n = sk_field_extract(&ref, vctx, vals, 16);
	if (n == 0) {
		snprintf(out, len, "<NA>");
		return;
	}
	size_t o = 0;
	for (int i = 0; i < n && o + 1 < len; i++) {
		if (i)
			out[o++] = ',';
		o += sk_value_format(&vals[i], out + o, len - o);
	}
	out[o] = 0;
}

int synth_verify(const char *path, const struct check *c, int n)
{
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(path, &err);
	int fails = 0;
	if (!rp) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	struct sk_evctx *ctx;
	int rc;
	int seen = 0;
	while ((rc = sk_replay_next(rp, &ctx, &err)) > 0) {
		for (int i = 0; i < n; i++) {
			if (c[i].num != ctx->ev->num)
				continue;
			char got[1024];
			synth_field(ctx, c[i].field, got, sizeof(got));
			seen++;
			if (strcmp(got, c[i].expect)) {
				fprintf(stderr, "record %llu: %s = '%s', expected '%s'\n",
					(unsigned long long)c[i].num, c[i].field, got, c[i].expect);
				fails++;
			}
		}
	}
	if (rc < 0) {
		fprintf(stderr, "replay: %s\n", err.msg);
		fails++;
	}
	if (seen != n) {
		fprintf(stderr, "only %d of %d checks reached their record\n", seen, n);
		fails++;
	}
	sk_replay_close(rp);
	return fails;
}
