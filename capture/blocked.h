/* blocked.h - entry records for calls still blocked when recording stops.
 *
 * The probe emits entry records only for execve/execveat (their arguments
 * are gone after) and exit/exit_group (they never return). A call that may
 * block (read, accept, connect, recv...) is recorded once, at its exit. So
 * that a thread blocked in one when recording stops still shows what it
 * waits on, the recorder reads /proc/PID/task/TID/syscall of every recorded
 * thread at stop and makes the call's entry record from the registers there
 * (user memory such as connect's address is not read: those parameters are
 * empty). Such records are stamped at stop time and carry SK_RF_BLOCKED.
 */
#ifndef SAKER_CAPTURE_BLOCKED_H
#define SAKER_CAPTURE_BLOCKED_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef int (*sk_blocked_fn)(void *ctx, void *rec, size_t size);

/* 1 for the syscall numbers whose entry the sweep reports. */
int sk_blocked_nr(long nr);

/* Parses the text of /proc/.../syscall; 0 and nr/args filled when the
 * thread is blocked in a syscall, -1 otherwise ("running", "-1 ..."). */
int sk_blocked_parse(const char *text, long *nr, uint64_t args[6]);

/* Calls fn with one raw SK_K_SYS_ENTER record (stamped ts) per thread of
 * proc blocked in a call sk_blocked_nr names; only threads of the tgids in
 * tgids (n of them), or of every process but self when tgids is NULL.
 * Returns the number of records made. */
size_t sk_blocked_sweep(const char *proc, const pid_t *tgids, size_t n, pid_t self, uint64_t ts,
			sk_blocked_fn fn, void *ctx);

#endif
