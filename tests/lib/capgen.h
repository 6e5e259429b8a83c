/* capgen.h - shared code of the test programs that write synthetic captures
 * (tests/rules/gen_scenarios, tests/tui/gen_capture): records built from a
 * vector of parameters, each written as the schema says its type is stored,
 * and the records every story needs (fork, openat, close). Any write error
 * ends the program with a message: these are generators, not libraries.
 */
#ifndef SAKER_TESTS_CAPGEN_H
#define SAKER_TESTS_CAPGEN_H

#include <stdint.h>

#include "format/capture.h"

/* One parameter value: a number, or bytes (len -1: up to the NUL). */
struct capgen_pv {
	int64_t i;
	const void *p;
	int len;
};

#define I(x)	((struct capgen_pv){.i = (int64_t)(x)})
#define S(x)	((struct capgen_pv){.p = (x), .len = -1})
#define B(x, n) ((struct capgen_pv){.p = (x), .len = (int)(n)})

struct capgen {
	const char *prog; /* names the program in error messages */
	struct sk_writer *w;
	uint64_t ts;	  /* boot-clock time of the next record */
	uint64_t step_ns; /* between records */
	uint16_t ncpus;	  /* record i is on cpu i % ncpus */
	uint64_t nevents; /* records written */
};

/* File header fields every generator sets the same way: format version,
 * x86_64, snaplen 256, all host processes with a snapshot, times. */
void capgen_file_info(struct sk_file_info *fi, const char *recorder, const char *hostname,
		      const char *kernel, uint16_t ncpus, int64_t wall_ns, uint64_t boot_ns);

/* Opens path for writing; the first record is stamped fi->start_boot_ns. */
void capgen_open(struct capgen *g, const char *prog, const char *path,
		 const struct sk_file_info *fi, uint64_t step_ns);
void capgen_close(struct capgen *g);

/* Writes one record with the first n parameters of type (fewer than the
 * schema's count: as an older recorder wrote them; more is an error). */
void capgen_emit(struct capgen *g, uint16_t type, uint32_t tid, uint32_t pid, int n,
		 const struct capgen_pv *v);

#define CAPGEN_EMIT(g, type, tid, pid, ...)                                                        \
	do {                                                                                       \
		const struct capgen_pv v_[] = {__VA_ARGS__};                                       \
		capgen_emit(g, type, tid, pid, (int)(sizeof(v_) / sizeof(v_[0])), v_);             \
	} while (0)

/* parent forks child (started at wall_ns); comm is the child's name. */
void capgen_fork(struct capgen *g, uint32_t parent, uint32_t child, const char *comm,
		 int64_t wall_ns);
/* openat(AT_FDCWD, path, flags) returning fd, and close(fd), by pid. */
void capgen_openat(struct capgen *g, uint32_t pid, int fd, const char *path, int flags);
void capgen_close_fd(struct capgen *g, uint32_t pid, int fd);

#endif
