/* probe.c - the libbpf side of saker-record (see probe.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "capture/probe.h"
#include "capture/saker.h"
#include "capture/syscalls.h"
#include "saker.skel.h"

#define SK_BTF_PATH "/sys/kernel/btf/vmlinux"

struct sk_probe {
	struct saker_bpf *skel;
	struct ring_buffer *rb;
	int ncpus;
};

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static uint32_t pow2_bytes(uint32_t mb)
{
	uint64_t want = (uint64_t)(mb ? mb : 1) << 20, sz = 4096;

	while (sz < want && sz < (1ull << 30))
		sz <<= 1;
	return (uint32_t)sz;
}

static int fill_descs(struct sk_probe *p)
{
	int fd = bpf_map__fd(p->skel->maps.descs);

	for (unsigned i = 0; i < sk_syscall_count(); i++) {
		const struct sk_syscall *sc = sk_syscall_at(i);
		struct sk_desc d = sc->desc;
		uint32_t key = sc->nr;

		d.nblobs = 0;
		while (d.nblobs < 4 && d.blob[d.nblobs].kind)
			d.nblobs++;
		if (bpf_map_update_elem(fd, &key, &d, BPF_ANY))
			return -errno;
	}
	return 0;
}

static void explain(int err, char *msg, size_t len, const char *what)
{
	if (err == -EPERM)
		snprintf(msg, len,
			 "%s: BPF not permitted (%s): saker-record needs root with CAP_BPF, "
			 "CAP_PERFMON and CAP_SYS_ADMIN; check kernel.unprivileged_bpf_disabled, "
			 "lockdown mode, and run containers with --privileged",
			 what, strerror(-err));
	else
		snprintf(msg, len, "%s: %s", what, strerror(-err));
}

/* Records per CPU between wakeups of the reader: a power of two such that
 * every CPU writing that many records of up to SK_WAKEUP_REC_BYTES fills at
 * most half the ring; 64 .. 16384 (fewer wakeups gained nothing more). */
#define SK_WAKEUP_REC_BYTES 512
static uint64_t wakeup_every(uint64_t ring_bytes, int ncpus)
{
	uint64_t n = 64;

	while (n < 16384 && 2 * n * ncpus * SK_WAKEUP_REC_BYTES <= ring_bytes / 2)
		n *= 2;
	return n;
}

struct sk_probe *sk_probe_open(const struct sk_probe_opts *opts, sk_probe_fn fn, void *ctx,
			       char *msg, size_t msglen)
{
	struct sk_probe *p;
	int err;

	if (geteuid() != 0) {
		snprintf(msg, msglen, "must run as root: loading the eBPF probe needs privileges");
		return NULL;
	}
	if (access(SK_BTF_PATH, R_OK)) {
		snprintf(msg, msglen,
			 "%s is missing: this kernel has no BTF (CONFIG_DEBUG_INFO_BTF), which the "
			 "CO-RE probe needs (kernel 5.8+ built with BTF)",
			 SK_BTF_PATH);
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(msg, msglen, "out of memory");
		return NULL;
	}
	libbpf_set_print(quiet_print);
	p->ncpus = libbpf_num_possible_cpus();
	p->skel = saker_bpf__open();
	if (!p->skel || p->ncpus <= 0) {
		explain(-errno, msg, msglen, "opening the probe");
		goto fail;
	}
	p->skel->rodata->self_tgid = opts->self_tgid;
	p->skel->rodata->follow_only = opts->follow_only;
	p->skel->rodata->snaplen = opts->snaplen;
	p->skel->rodata->wakeup_mask = wakeup_every(pow2_bytes(opts->buffer_mb), p->ncpus) - 1;
	bpf_map__set_max_entries(p->skel->maps.events, pow2_bytes(opts->buffer_mb));
	bpf_map__set_max_entries(p->skel->maps.scratch, p->ncpus);
	err = saker_bpf__load(p->skel);
	if (err) {
		explain(err, msg, msglen, "loading the probe");
		goto fail;
	}
	err = fill_descs(p);
	if (err) {
		explain(err, msg, msglen, "filling the syscall table");
		goto fail;
	}
	err = saker_bpf__attach(p->skel);
	if (err) {
		explain(err, msg, msglen, "attaching the probe");
		goto fail;
	}
	p->rb = ring_buffer__new(bpf_map__fd(p->skel->maps.events), fn, ctx, NULL);
	if (!p->rb) {
		explain(-errno, msg, msglen, "opening the ring buffer");
		goto fail;
	}
	return p;
fail:
	sk_probe_close(p);
	return NULL;
}

void sk_probe_close(struct sk_probe *p)
{
	if (!p)
		return;
	ring_buffer__free(p->rb);
	saker_bpf__destroy(p->skel);
	free(p);
}

int sk_probe_follow(struct sk_probe *p, pid_t tgid, int from_exec)
{
	uint32_t key = tgid;
	uint8_t v = from_exec ? 2 : 1; /* SK_PENDING_EXEC or SK_FOLLOWED in the probe */

	return bpf_map_update_elem(bpf_map__fd(p->skel->maps.tracked), &key, &v, BPF_ANY) ? -errno
											  : 0;
}

int sk_probe_followed_empty(struct sk_probe *p)
{
	uint32_t next;

	return bpf_map_get_next_key(bpf_map__fd(p->skel->maps.tracked), NULL, &next) != 0;
}

size_t sk_probe_followed(struct sk_probe *p, pid_t *tgids, size_t cap)
{
	int fd = bpf_map__fd(p->skel->maps.tracked);
	uint32_t key, next;
	size_t n = 0;

	for (int rc = bpf_map_get_next_key(fd, NULL, &next); rc == 0;
	     rc = bpf_map_get_next_key(fd, &key, &next)) {
		if (n < cap)
			tgids[n] = next;
		n++;
		key = next;
	}
	return n;
}

int sk_probe_poll(struct sk_probe *p, int timeout_ms)
{
	return ring_buffer__poll(p->rb, timeout_ms);
}

int sk_probe_consume(struct sk_probe *p)
{
	return ring_buffer__consume(p->rb);
}

int sk_probe_ncpus(const struct sk_probe *p)
{
	return p->ncpus;
}

int sk_probe_drops(struct sk_probe *p, uint64_t *counts)
{
	uint32_t zero = 0;

	return bpf_map_lookup_elem(bpf_map__fd(p->skel->maps.drops), &zero, counts) ? -errno : 0;
}
