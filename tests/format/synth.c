/* synth.c - the synthetic event generator described in synth.h. */
#include <stdio.h>
#include <string.h>

#include "tests/format/synth.h"

static const char *const paths[] = {
    "/etc/passwd",
    "/etc/ld.so.cache",
    "/lib/x86_64-linux-gnu/libc.so.6",
    "/usr/lib/x86_64-linux-gnu/libzstd.so.1",
    "/proc/self/status",
    "/proc/1/cgroup",
    "/dev/null",
    "/tmp/build-8812/obj/main.o",
    "/home/alice/.ssh/authorized_keys",
    "/var/log/nginx/access.log",
    "/usr/share/zoneinfo/UTC",
    "/sys/fs/cgroup/system.slice/memory.max",
    "/run/systemd/journal/socket",
    "/var/lib/docker/overlay2/3f9a/merged/app/server.py",
    "node_modules/.cache/babel-loader/4c1d2e.json",
    ".",
};

static const uint16_t common[] = {
    SK_E_READ_X, SK_E_READ_X,	 SK_E_READ_X,  SK_E_WRITE,     SK_E_WRITE, SK_E_OPENAT,
    SK_E_OPENAT, SK_E_CLOSE,	 SK_E_CLOSE,   SK_E_MMAP,      SK_E_FCNTL, SK_E_RECVFROM_X,
    SK_E_SENDTO, SK_E_GENERIC_X, SK_E_PREAD_X, SK_E_CONNECT_X, SK_E_DUP2,  SK_E_EXECVE_E,
};
#define NCOMMON (sizeof(common) / sizeof(common[0]))
#define NPATHS	(sizeof(paths) / sizeof(paths[0]))

static uint64_t rnd(struct synth *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return s->rng * 0x2545F4914F6CDD1Dull;
}

void synth_init(struct synth *s, uint64_t seed, int realistic)
{
	s->rng = seed * 0x9E3779B97F4A7C15ull + 1;
	s->ts = 5000000000000ull;
	s->realistic = realistic;
}

struct out {
	struct synth_ev *ev;
	size_t used;
};

static uint8_t *room(struct out *o, size_t len)
{
	if (len > sizeof(o->ev->buf) - o->used)
		return NULL;
	uint8_t *p = o->ev->buf + o->used;
	o->used += len;
	return p;
}

static void add_bytes(struct out *o, const void *data, size_t len)
{
	struct synth_param *p = &o->ev->params[o->ev->nparams];
	uint8_t *dst = room(o, len);
	if (!dst)
		len = 0;
	else if (len)
		memcpy(dst, data, len);
	p->kind = SYN_BYTES;
	p->ptr = dst;
	p->len = (uint32_t)len;
	o->ev->nparams++;
}

static void add_num(struct out *o, enum synth_kind kind, uint64_t v)
{
	struct synth_param *p = &o->ev->params[o->ev->nparams++];
	p->kind = kind;
	p->u = v;
	p->ptr = NULL;
	p->len = 0;
}

static void payload(struct synth *s, struct out *o, size_t len)
{
	static const char text[] = "GET /index.html HTTP/1.1\r\nHost: example.org\r\n{\"k\":42}\n";
	uint8_t tmp[8192];
	unsigned noise = s->realistic ? 31 : 7; /* 1 byte in 32 (or 8) is random */
	for (size_t i = 0; i < len && i < sizeof(tmp); i++)
		tmp[i] = (rnd(s) & noise) ? (uint8_t)text[(i + len) % (sizeof(text) - 1)]
					  : (uint8_t)rnd(s);
	add_bytes(o, tmp, len < sizeof(tmp) ? len : sizeof(tmp));
}

static void add_inet(struct synth *s, struct out *o, int tuple)
{
	/* 10.0.0.x:8080 -> 93.184.216.34:443, ports little-endian (FORMAT.md) */
	uint8_t b[13] = {2,   10, 0,   0, (uint8_t)(rnd(s) & 255), 0x90, 0x1f, 93, 184,
			 216, 34, 187, 1};
	add_bytes(o, b, tuple ? 13 : 7);
}

static int64_t signed_value(struct synth *s, uint8_t type)
{
	uint64_t r = rnd(s);
	switch (type) {
	case SK_PT_RES:
		return (r & 15) == 0 ? -(int64_t)(1 + r % 133) : (int64_t)((r >> 8) % 65536);
	case SK_PT_FD:
		return (r & 31) == 0 ? -100 : (int64_t)((r >> 8) % 128);
	case SK_PT_PID:
		return (int64_t)(1000 + (r >> 8) % 5000);
	default:
		return (int64_t)r >> (r % 64);
	}
}

static uint64_t unsigned_value(struct synth *s, uint8_t type)
{
	static const uint64_t sizes[] = {4096, 65536, 832, 131072};
	uint64_t r = rnd(s);
	switch (type) {
	case SK_PT_MODE:
		return 0644;
	case SK_PT_FLAGS:
	case SK_PT_ENUM:
		return r & 0x80242;
	case SK_PT_ADDR:
	case SK_PT_CAPS:
		return r;
	case SK_PT_UID:
	case SK_PT_GID:
		return (r & 3) ? 1000 : 0;
	case SK_PT_TIME:
		return 1764000000000000000ull + (r >> 8) % 1000000000000ull;
	default:
		/* sizes, offsets, inode numbers: mostly small, sometimes huge */
		return s->realistic && (r & 3) ? sizes[(r >> 8) % 4] : r >> (r % 64);
	}
}

static void add_param(struct synth *s, struct out *o, uint8_t type)
{
	uint64_t r = rnd(s);
	if (!s->realistic && (r & 127) == 0 && type >= SK_PT_STR) {
		add_bytes(o, "", 0);
		return;
	}
	if (sk_ptype_is_signed(type)) {
		add_num(o, SYN_INT, (uint64_t)signed_value(s, type));
		return;
	}
	switch (type) {
	case SK_PT_PATH:
		add_bytes(o, paths[r % NPATHS], strlen(paths[r % NPATHS]));
		break;
	case SK_PT_STR:
		add_bytes(o, "bash", 4);
		break;
	case SK_PT_BYTES:
		payload(s, o, (!s->realistic && r % 3000 == 0) ? 2000 + r % 6000 : r % 65);
		break;
	case SK_PT_SOCKADDR:
		add_inet(s, o, 0);
		break;
	case SK_PT_TUPLE:
		add_inet(s, o, 1);
		break;
	case SK_PT_STRLIST:
		add_bytes(o, "ls\0-la\0/tmp\0", 12);
		break;
	case SK_PT_FDLIST:
		add_bytes(o, "\x06\x01\x08\x02", 4);
		break;
	default:
		add_num(o, SYN_UINT, unsigned_value(s, type));
	}
}

static uint16_t pick_type(struct synth *s)
{
	uint64_t r = rnd(s);
	if (s->realistic || r % 100 < 60)
		return common[(r >> 8) % NCOMMON];
	if (r % 100 < 95)
		return (uint16_t)sk_event_at((unsigned)((r >> 8) % sk_event_count()))->id;
	return (r >> 8) & 1 ? 65535 : (uint16_t)(SK_E_MAX_KNOWN + (r >> 9) % 100);
}

void synth_next(struct synth *s, struct synth_ev *ev)
{
	struct out o = {ev, 0};
	uint64_t r = rnd(s);
	ev->type = pick_type(s);
	if (!s->realistic && r % 50 == 0)
		s->ts -= r % 5000; /* another CPU's older record */
	else
		s->ts += 100 + (r >> 8) % 3000;
	ev->ts = s->ts;
	ev->tid = 1000 + (uint32_t)((r >> 20) % 64);
	ev->pid = ev->tid - ev->tid % 4;
	ev->cpu = (uint16_t)((r >> 30) % 8);
	ev->flags = (!s->realistic && (r >> 40) % 33 == 0) ? SK_EF_TRUNCATED | SK_EF_FAULT : 0;
	ev->nparams = 0;
	const struct sk_event_info *info = sk_event_info(ev->type);
	unsigned n = info ? info->nparams : (unsigned)((r >> 44) % 6);
	for (unsigned i = 0; i < n; i++)
		add_param(s, &o, info ? info->params[i].type : (uint8_t)(1 + rnd(s) % 24));
	if (!s->realistic && (r >> 50) % 100 == 0)
		while (ev->nparams < SK_MAX_PARAMS && (rnd(s) & 1))
			add_param(s, &o, SK_PT_UINT);
}

int synth_emit(struct sk_writer *w, const struct synth_ev *ev, const struct synth_param *params,
	       uint32_t nparams, struct sk_error *err)
{
	sk_writer_begin(w, ev->type, ev->ts, ev->tid, ev->pid, ev->cpu, ev->flags);
	for (uint32_t i = 0; i < nparams; i++) {
		const struct synth_param *p = &params[i];
		if (p->kind == SYN_INT)
			sk_writer_int(w, (int64_t)p->u);
		else if (p->kind == SYN_UINT)
			sk_writer_uint(w, p->u);
		else
			sk_writer_bytes(w, p->ptr, p->len);
	}
	return sk_writer_end(w, err);
}

int synth_write(struct sk_writer *w, const struct synth_ev *ev, struct sk_error *err)
{
	return synth_emit(w, ev, ev->params, ev->nparams, err);
}

static int param_equal(const struct synth_param *want, const struct sk_param *got)
{
	int64_t i;
	uint64_t u;
	if (want->kind == SYN_INT)
		return sk_param_int(got, &i) == 0 && (uint64_t)i == want->u;
	if (want->kind == SYN_UINT)
		return sk_param_uint(got, &u) == 0 && u == want->u;
	return got->len == want->len && (want->len == 0 || !memcmp(got->ptr, want->ptr, want->len));
}

int synth_check(const struct synth_ev *want, uint64_t num, const struct sk_event *got, char *why,
		size_t whylen)
{
	const char *bad = NULL;
	if (got->num != num)
		bad = "num";
	else if (got->type != want->type)
		bad = "type";
	else if (got->ts != want->ts)
		bad = "ts";
	else if (got->tid != want->tid || got->pid != want->pid)
		bad = "tid/pid";
	else if (got->cpu != want->cpu || got->flags != want->flags)
		bad = "cpu/flags";
	else if (got->nparams != want->nparams)
		bad = "nparams";
	for (uint32_t i = 0; !bad && i < want->nparams; i++)
		if (!param_equal(&want->params[i], &got->params[i]))
			bad = "a parameter";
	if (bad)
		snprintf(why, whylen, "record %llu: %s differs", (unsigned long long)num, bad);
	return bad ? -1 : 0;
}

void synth_file_info(struct sk_file_info *fi)
{
	memset(fi, 0, sizeof(*fi));
	snprintf(fi->recorder, sizeof(fi->recorder), "saker-test 0.1");
	snprintf(fi->hostname, sizeof(fi->hostname), "build-host.example");
	snprintf(fi->kernel_release, sizeof(fi->kernel_release), "6.18.0-test");
	snprintf(fi->machine, sizeof(fi->machine), "x86_64");
	snprintf(fi->options, sizeof(fi->options), "saker-record -o test.cap --snaplen 256");
	fi->ncpus = 8;
	fi->boot_time_ns = 1764000000000000000ll;
	fi->start_wall_ns = 1764005000000000000ll;
	fi->start_boot_ns = 5000000000000ull;
	fi->snaplen = 256;
	fi->record_flags = SK_REC_ALL_HOST | SK_REC_SNAPSHOT;
}
