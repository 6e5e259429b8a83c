/* capgen.c - writing synthetic capture records for the test generators; see
 * capgen.h. The encoding of each parameter comes from the schema
 * (format/events.def), so a generator states values, not wire formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/capgen.h"

static void die(const struct capgen *g, const char *what)
{
	fprintf(stderr, "%s: %s\n", g->prog, what);
	exit(1);
}

static int is_bytes(uint8_t t)
{
	return t == SK_PT_STR || t == SK_PT_PATH || t == SK_PT_BYTES || t == SK_PT_SOCKADDR ||
	       t == SK_PT_TUPLE || t == SK_PT_STRLIST || t == SK_PT_FDLIST;
}

void capgen_file_info(struct sk_file_info *fi, const char *recorder, const char *hostname,
		      const char *kernel, uint16_t ncpus, int64_t wall_ns, uint64_t boot_ns)
{
	memset(fi, 0, sizeof(*fi));
	fi->version_major = SK_FORMAT_VERSION_MAJOR;
	fi->version_minor = SK_FORMAT_VERSION_MINOR;
	fi->ncpus = ncpus;
	fi->boot_time_ns = wall_ns - (int64_t)boot_ns;
	fi->start_wall_ns = wall_ns;
	fi->start_boot_ns = boot_ns;
	fi->snaplen = 256;
	fi->record_flags = SK_REC_ALL_HOST | SK_REC_SNAPSHOT;
	snprintf(fi->recorder, sizeof(fi->recorder), "%s", recorder);
	snprintf(fi->hostname, sizeof(fi->hostname), "%s", hostname);
	snprintf(fi->kernel_release, sizeof(fi->kernel_release), "%s", kernel);
	snprintf(fi->machine, sizeof(fi->machine), "x86_64");
}

void capgen_open(struct capgen *g, const char *prog, const char *path,
		 const struct sk_file_info *fi, uint64_t step_ns)
{
	struct sk_writer_opts o = {0};
	struct sk_error err;
	memset(g, 0, sizeof(*g));
	g->prog = prog;
	g->ts = fi->start_boot_ns;
	g->step_ns = step_ns;
	g->ncpus = fi->ncpus ? fi->ncpus : 1;
	g->w = sk_writer_open(path, fi, &o, &err);
	if (!g->w)
		die(g, err.msg);
}

void capgen_close(struct capgen *g)
{
	struct sk_error err;
	if (sk_writer_close(g->w, &err) < 0)
		die(g, err.msg);
	g->w = NULL;
}

void capgen_emit(struct capgen *g, uint16_t type, uint32_t tid, uint32_t pid, int n,
		 const struct capgen_pv *v)
{
	const struct sk_event_info *info = sk_event_info(type);
	struct sk_error err;
	if (!info || n > info->nparams) {
		fprintf(stderr, "%s: bad params for type %u\n", g->prog, type);
		exit(1);
	}
	sk_writer_begin(g->w, type, g->ts, tid, pid, (uint16_t)(g->nevents % g->ncpus), 0);
	for (int i = 0; i < n; i++) {
		uint8_t t = info->params[i].type;
		if (is_bytes(t))
			sk_writer_bytes(
			    g->w, v[i].p,
			    (uint32_t)(v[i].len < 0 ? strlen(v[i].p) : (size_t)v[i].len));
		else if (sk_ptype_is_signed(t))
			sk_writer_int(g->w, v[i].i);
		else
			sk_writer_uint(g->w, (uint64_t)v[i].i);
	}
	if (sk_writer_end(g->w, &err) < 0)
		die(g, err.msg);
	g->nevents++;
	g->ts += g->step_ns;
}

void capgen_fork(struct capgen *g, uint32_t parent, uint32_t child, const char *comm,
		 int64_t wall_ns)
{
	CAPGEN_EMIT(g, SK_E_PROC_FORK, parent, parent, I(child), I(child), I(0), S(comm),
		    I(wall_ns));
}

void capgen_openat(struct capgen *g, uint32_t pid, int fd, const char *path, int flags)
{
	CAPGEN_EMIT(g, SK_E_OPENAT, pid, pid, I(fd), I(-100), S(path), I(flags), I(0), I(0), I(0));
}

void capgen_close_fd(struct capgen *g, uint32_t pid, int fd)
{
	CAPGEN_EMIT(g, SK_E_CLOSE, pid, pid, I(0), I(fd));
}
