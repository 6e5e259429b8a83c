/* probe.h - loading, configuring and attaching the eBPF probe.
 *
 * Wraps the libbpf skeleton: sizes the maps, fills the descriptor table
 * from syscalls.c, attaches every program, and exposes the few map
 * operations the recorder needs (the followed set, drop counters). Errors
 * come back as messages that say what to do (not root, no BTF, BPF refused).
 */
#ifndef SAKER_CAPTURE_PROBE_H
#define SAKER_CAPTURE_PROBE_H

#include <stdint.h>
#include <sys/types.h>

struct sk_probe;
struct ring_buffer;

struct sk_probe_opts {
	pid_t self_tgid;
	int follow_only; /* record only the followed set */
	uint32_t snaplen;
	uint32_t buffer_mb; /* ring buffer size, rounded up to a power of two */
};

typedef int (*sk_probe_fn)(void *ctx, void *data, size_t size);

/* Checks the environment, loads and attaches. NULL with msg on failure. */
struct sk_probe *sk_probe_open(const struct sk_probe_opts *opts, sk_probe_fn fn, void *ctx,
			       char *msg, size_t msglen);
void sk_probe_close(struct sk_probe *p);

/* Adds a tgid to the followed set; with from_exec, its syscalls are
 * recorded only from its next execve on. */
int sk_probe_follow(struct sk_probe *p, pid_t tgid, int from_exec);

/* 1 when the followed set is empty. */
int sk_probe_followed_empty(struct sk_probe *p);

/* Fills tgids[0..cap-1] with the followed set; returns how many it holds
 * (may exceed cap: only cap are written). */
size_t sk_probe_followed(struct sk_probe *p, pid_t *tgids, size_t cap);

/* Waits up to timeout_ms for records and hands each to fn; consume does
 * not wait. Return the number of records or a negative errno. */
int sk_probe_poll(struct sk_probe *p, int timeout_ms);
int sk_probe_consume(struct sk_probe *p);

/* Per-CPU drop counters since load: fills counts[0..ncpus-1] (ncpus is
 * returned by sk_probe_ncpus). */
int sk_probe_ncpus(const struct sk_probe *p);
int sk_probe_drops(struct sk_probe *p, uint64_t *counts);

#endif
