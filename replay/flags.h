/* flags.h - names for flag sets, enumerations, errno values, signals and
 * capabilities, as Falco renders them (values from Linux x86_64 uapi).
 */
#ifndef SAKER_REPLAY_FLAGS_H
#define SAKER_REPLAY_FLAGS_H

#include <stddef.h>
#include <stdint.h>

/* Renders v with table ft (enum sk_ftable) into buf: "O_RDONLY|O_CLOEXEC"
 * for flag sets, "AF_INET" for enumerations. Bits or values without a name
 * appear in hex. Returns the length, 0 when ft has no table. */
size_t sk_flags_render(uint8_t ft, uint64_t v, char *buf, size_t len);

/* "ENOENT" for 2; NULL when unknown. */
const char *sk_errno_name(int64_t e);

/* "SIGKILL" for 9; NULL when unknown. */
const char *sk_signal_name(int64_t sig);

/* x86_64 syscall name ("brk" for 12); NULL when unknown. */
const char *sk_syscall_name(int64_t nr);

/* Capability names of a set, space-separated ("CAP_CHOWN CAP_KILL"). */
size_t sk_caps_render(uint64_t caps, char *buf, size_t len);

#endif
