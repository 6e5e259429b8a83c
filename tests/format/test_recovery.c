/* test_recovery.c - a capture cut anywhere still yields exactly its complete
 * chunks, with the torn tail reported; chunks are sealed by size and time
 * so a killed writer loses at most the open chunk.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/format/synth.h"
#include "tests/format/testutil.h"
#include "format/wire.h"

#define SEED	99
#define NEVENTS 6000

struct layout {
	uint64_t header_len, footer_offset, size, nchunks;
	uint64_t end[4096];    /* end offset of each chunk */
	uint64_t events[4096]; /* events in chunks 0..i */
};

/* Checks a copy of the file cut at cut bytes. */
static void check_cut(const struct layout *L, const uint8_t *data, uint64_t cut)
{
	static struct synth_ev want;
	const char *path = t_path("cut.cap", 1);
	struct sk_error err;
	struct sk_event got;
	char why[256];
	if (t_write_file(path, data, cut) < 0) {
		CHECK(0, "cannot write %s", path);
		return;
	}
	struct sk_reader *r = sk_reader_open(path, &err);
	if (cut < L->header_len) {
		CHECK(r == NULL, "cut %llu inside the header was accepted",
		      (unsigned long long)cut);
		CHECK(!r && strstr(err.msg, path) && strstr(err.msg, "offset"), "message: %s",
		      err.msg);
		sk_reader_close(r);
		return;
	}
	if (!r) {
		CHECK(0, "cut %llu: %s", (unsigned long long)cut, err.msg);
		return;
	}
	uint64_t k = 0, expect_events = 0, tail = L->header_len;
	while (k < L->nchunks && L->end[k] <= cut)
		k++;
	if (k) {
		expect_events = L->events[k - 1];
		tail = L->end[k - 1];
	}
	const struct sk_capture_summary *s = sk_reader_summary(r);
	int whole = cut == L->size;
	CHECK(s->footer_present == whole, "cut %llu: footer %d", (unsigned long long)cut,
	      s->footer_present);
	CHECK(s->nchunks == k && s->nevents == expect_events, "cut %llu: %llu chunks, %llu events",
	      (unsigned long long)cut, (unsigned long long)s->nchunks,
	      (unsigned long long)s->nevents);
	if (!whole)
		CHECK(s->torn_offset == tail && s->torn_bytes == cut - tail,
		      "cut %llu: torn %llu bytes at %llu", (unsigned long long)cut,
		      (unsigned long long)s->torn_bytes, (unsigned long long)s->torn_offset);
	struct synth syn;
	synth_init(&syn, SEED, 0);
	uint64_t n = 0;
	int rc;
	while ((rc = sk_reader_next(r, &got, &err)) == 1) {
		synth_next(&syn, &want);
		n++;
		if (synth_check(&want, n, &got, why, sizeof(why)) < 0) {
			CHECK(0, "cut %llu: %s", (unsigned long long)cut, why);
			break;
		}
	}
	CHECK(rc == 0 && n == expect_events, "cut %llu: rc %d, read %llu of %llu",
	      (unsigned long long)cut, rc, (unsigned long long)n,
	      (unsigned long long)expect_events);
	CHECK((sk_reader_verify(r, &err) == 0) == whole, "cut %llu: verify said %s",
	      (unsigned long long)cut, whole ? err.msg : "intact");
	sk_reader_close(r);
}

static void check_truncations(void)
{
	static struct layout L;
	struct sk_writer_opts opts = {.chunk_bytes = 4096};
	struct sk_error err;
	const char *path = t_path("full.cap", 0);
	size_t size;
	if (t_write_capture(path, SEED, NEVENTS, &opts, 1) < 0)
		return;
	uint8_t *data = t_read_file(path, &size);
	struct sk_reader *r = sk_reader_open(path, &err);
	if (!data || !r) {
		CHECK(0, "cannot reopen: %s", r ? "" : err.msg);
		free(data);
		sk_reader_close(r);
		return;
	}
	L.size = size;
	L.nchunks = sk_reader_nchunks(r);
	CHECK(L.nchunks > 20 && L.nchunks < 4096, "%llu chunks", (unsigned long long)L.nchunks);
	L.header_len = sk_reader_chunk(r, 0)->offset;
	for (uint64_t i = 0; i < L.nchunks && i < 4096; i++) {
		const struct sk_chunk_info *c = sk_reader_chunk(r, i);
		L.end[i] = c->offset + SK_CHUNK_HDR + c->comp_len;
		L.events[i] = c->first_num + c->nevents - 1;
	}
	L.footer_offset = L.end[L.nchunks - 1];
	sk_reader_close(r);

	for (uint64_t cut = 0; cut <= L.header_len + 1; cut++)
		check_cut(&L, data, cut);
	for (uint64_t i = 0; i < L.nchunks; i++)
		for (int d = -1; d <= 1; d++)
			check_cut(&L, data, L.end[i] + (uint64_t)d);
	for (uint64_t cut = L.header_len + 7; cut < L.size; cut += 1543)
		check_cut(&L, data, cut);
	for (uint64_t cut = L.footer_offset; cut < L.footer_offset + 64; cut++)
		check_cut(&L, data, cut);
	for (uint64_t cut = L.size - SK_TRAILER - 8; cut <= L.size; cut++)
		check_cut(&L, data, cut);
	free(data);
}

/* An abandoned writer keeps what was sealed and loses the open chunk. */
static void check_abandon(void)
{
	static struct synth_ev ev;
	struct sk_file_info fi;
	struct sk_error err;
	struct synth s;
	const char *path = t_path("abandon.cap", 0);
	synth_file_info(&fi);
	synth_init(&s, 5, 0);
	struct sk_writer *w = sk_writer_open(path, &fi, NULL, &err);
	CHECK(w != NULL, "%s", err.msg);
	if (!w)
		return;
	for (int i = 0; i < 100; i++) {
		synth_next(&s, &ev);
		CHECK(synth_write(w, &ev, &err) == 0, "%s", err.msg);
	}
	CHECK(sk_writer_seal(w, &err) == 0, "%s", err.msg);
	for (int i = 0; i < 50; i++) {
		synth_next(&s, &ev);
		CHECK(synth_write(w, &ev, &err) == 0, "%s", err.msg);
	}
	sk_writer_abandon(w);
	struct sk_reader *r = sk_reader_open(path, &err);
	CHECK(r != NULL, "%s", err.msg);
	if (!r)
		return;
	const struct sk_capture_summary *sum = sk_reader_summary(r);
	CHECK(!sum->footer_present && sum->torn_bytes == 0 && sum->nevents == 100,
	      "footer %d torn %llu events %llu", sum->footer_present,
	      (unsigned long long)sum->torn_bytes, (unsigned long long)sum->nevents);
	CHECK(sk_reader_verify(r, &err) < 0 && strstr(err.msg, "no footer"), "verify: %s", err.msg);
	sk_reader_close(r);
}

/* Chunks never span more than chunk_ns of record time, and tick seals a
 * chunk whose first record is older than chunk_ns. */
static void check_time_bound(void)
{
	struct sk_file_info fi;
	struct sk_error err;
	struct sk_writer_stats st;
	const char *path = t_path("time.cap", 0);
	synth_file_info(&fi);
	struct sk_writer_opts opts = {.chunk_ns = 100000000};
	struct sk_writer *w = sk_writer_open(path, &fi, &opts, &err);
	CHECK(w != NULL, "%s", err.msg);
	if (!w)
		return;
	uint64_t t0 = 1000000000000ull;
	for (int i = 0; i < 1000; i++) {
		sk_writer_begin(w, SK_E_CLOSE, t0 + (uint64_t)i * 1000000, 1, 1, 0, 0);
		sk_writer_int(w, 0);
		sk_writer_int(w, 3);
		CHECK(sk_writer_end(w, &err) == 0, "%s", err.msg);
	}
	sk_writer_stats(w, &st);
	CHECK(st.chunks == 9, "1 s of records at 100 ms per chunk: %llu sealed",
	      (unsigned long long)st.chunks);
	CHECK(sk_writer_tick(w, t0 + 950000000ull, &err) == 0, "%s", err.msg);
	sk_writer_stats(w, &st);
	CHECK(st.chunks == 9, "tick sealed a young chunk");
	CHECK(sk_writer_tick(w, t0 + 2000000000ull, &err) == 0, "%s", err.msg);
	sk_writer_stats(w, &st);
	CHECK(st.chunks == 10 && st.events == 1000, "tick: %llu chunks %llu events",
	      (unsigned long long)st.chunks, (unsigned long long)st.events);
	CHECK(sk_writer_close(w, &err) == 0, "%s", err.msg);
	struct sk_reader *r = sk_reader_open(path, &err);
	CHECK(r != NULL, "%s", err.msg);
	for (uint64_t i = 0; r && i < sk_reader_nchunks(r); i++) {
		const struct sk_chunk_info *c = sk_reader_chunk(r, i);
		CHECK(c->last_ts - c->first_ts < 100000000, "chunk %llu spans %llu ns",
		      (unsigned long long)i, (unsigned long long)(c->last_ts - c->first_ts));
	}
	sk_reader_close(r);
}

/* A write that fails (here: the file size limit) stops the writer with a
 * message; what reached the disk is recovered, the torn chunk reported. */
static void check_write_error(void)
{
	static struct synth_ev ev;
	struct sk_writer_opts opts = {.chunk_bytes = 4096};
	struct sk_file_info fi;
	struct sk_error err;
	struct synth s;
	struct rlimit old, lim;
	const char *path = t_path("efbig.cap", 0);
	synth_file_info(&fi);
	synth_init(&s, 21, 0);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 30000;
	setrlimit(RLIMIT_FSIZE, &lim);
	struct sk_writer *w = sk_writer_open(path, &fi, &opts, &err);
	int rc = 0, n = 0;
	while (w && rc == 0 && n < 100000) {
		synth_next(&s, &ev);
		rc = synth_write(w, &ev, &err);
		n++;
	}
	CHECK(rc < 0 && strstr(err.msg, path) && strstr(err.msg, "write failed"), "%s", err.msg);
	CHECK(w && synth_write(w, &ev, &err) < 0 && strstr(err.msg, "earlier write error"), "%s",
	      err.msg);
	CHECK(w && sk_writer_close(w, &err) < 0, "close after a write error succeeded");
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);

	struct sk_reader *r = sk_reader_open(path, &err);
	CHECK(r != NULL, "%s", err.msg);
	if (!r)
		return;
	const struct sk_capture_summary *sum = sk_reader_summary(r);
	CHECK(!sum->footer_present && sum->nevents > 0 && sum->file_size <= 30000 &&
		  sum->torn_offset + sum->torn_bytes == sum->file_size,
	      "footer %d, %llu events, %llu bytes", sum->footer_present,
	      (unsigned long long)sum->nevents, (unsigned long long)sum->file_size);
	struct sk_event got;
	char why[256];
	uint64_t k = 0;
	synth_init(&s, 21, 0);
	while (sk_reader_next(r, &got, &err) == 1) {
		synth_next(&s, &ev);
		if (synth_check(&ev, ++k, &got, why, sizeof(why)) < 0) {
			CHECK(0, "%s", why);
			break;
		}
	}
	CHECK(k == sum->nevents, "read %llu of %llu", (unsigned long long)k,
	      (unsigned long long)sum->nevents);
	sk_reader_close(r);
}

/* A writer killed with SIGKILL mid-stream leaves a file whose complete
 * chunks are exactly the first records written. */
static void check_sigkill(void)
{
	static struct synth_ev ev;
	struct sk_writer_opts opts = {.chunk_bytes = 4096};
	struct sk_error err;
	struct stat st;
	const char *path = t_path("killed.cap", 0);
	unlink(path);
	pid_t pid = fork();
	if (pid == 0) {
		struct sk_file_info fi;
		struct synth s;
		synth_file_info(&fi);
		synth_init(&s, 33, 0);
		struct sk_writer *w = sk_writer_open(path, &fi, &opts, &err);
		for (;;) {
			synth_next(&s, &ev);
			if (!w || synth_write(w, &ev, &err) < 0)
				_exit(1);
		}
	}
	for (int i = 0; i < 20000 && (stat(path, &st) < 0 || st.st_size < 200000); i++)
		usleep(1000);
	kill(pid, SIGKILL);
	int status;
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status), "writer exited before it was killed");
	struct sk_reader *r = sk_reader_open(path, &err);
	CHECK(r != NULL, "%s", err.msg);
	if (!r)
		return;
	const struct sk_capture_summary *sum = sk_reader_summary(r);
	CHECK(!sum->footer_present && sum->nevents > 1000, "footer %d, %llu events",
	      sum->footer_present, (unsigned long long)sum->nevents);
	struct synth s;
	struct sk_event got;
	char why[256];
	uint64_t k = 0;
	int rc;
	synth_init(&s, 33, 0);
	while ((rc = sk_reader_next(r, &got, &err)) == 1) {
		synth_next(&s, &ev);
		if (synth_check(&ev, ++k, &got, why, sizeof(why)) < 0) {
			CHECK(0, "%s", why);
			break;
		}
	}
	CHECK(rc == 0 && k == sum->nevents, "read %llu of %llu: %s", (unsigned long long)k,
	      (unsigned long long)sum->nevents, rc < 0 ? err.msg : "");
	sk_reader_close(r);
}

int main(void)
{
	check_truncations();
	check_abandon();
	check_time_bound();
	check_write_error();
	check_sigkill();
	return t_done("test_recovery");
}
