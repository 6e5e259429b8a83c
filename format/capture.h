/* capture.h - write and read saker capture files (the format in FORMAT.md).
 *
 * A capture is a header, a sequence of self-delimiting chunks of
 * zstd-compressed records, and (after a clean close) a footer holding the
 * chunk index and a digest of the body. The writer seals a chunk when it
 * reaches a size bound or a time bound, so a writer that dies loses at most
 * the unsealed chunk. The reader opens files with or without a footer: a file
 * without one is recovered by scanning chunk headers, and a torn tail is
 * reported, never fatal.
 *
 * Contract:
 *  - Every function that can fail returns a negative value or NULL and leaves
 *    a message naming the file, the byte offset and what is wrong in the
 *    caller's sk_error. No function aborts or prints on bad input.
 *  - Records are numbered by the writer: the first record of a file is number
 *    1 and numbers increase by one per record, across chunks.
 *  - A record's parameters returned by the reader point into the reader's
 *    buffers and stay valid until the next call on that reader.
 *  - Allocation is bounded by the format's limits (SK_MAX_CHUNK_RAW and
 *    friends), never by a length read from the file before it is checked.
 *  - A writer or reader is used by one thread at a time; separate readers
 *    of the same file are independent.
 */
#ifndef SAKER_FORMAT_CAPTURE_H
#define SAKER_FORMAT_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "format/schema.h"

#define SK_FORMAT_VERSION_MAJOR 1
#define SK_FORMAT_VERSION_MINOR 0

/* Hard limits a reader enforces; a file exceeding them is corrupt. */
#define SK_MAX_CHUNK_RAW  (16u << 20) /* decompressed payload of one chunk */
#define SK_MAX_CHUNK_COMP (17u << 20) /* compressed payload of one chunk */
#define SK_MAX_RECORD	  (1u << 20)  /* one encoded record */
#define SK_MAX_HEADER	  (1u << 16)  /* the file header */

struct sk_error {
	char msg[512];
};

/* What was recorded (sk_file_info.record_flags). */
#define SK_REC_ALL_HOST (1u << 0) /* the whole host, not one process tree */
#define SK_REC_SNAPSHOT (1u << 1) /* an initial /proc snapshot is present */
#define SK_REC_PAYLOAD	(1u << 2) /* I/O payloads are kept up to snaplen */

/* Facts stored in the file header. Strings are NUL-terminated. */
struct sk_file_info {
	uint16_t version_major, version_minor;
	char recorder[64]; /* recorder name and version */
	char hostname[256];
	char kernel_release[128];
	char machine[64]; /* uname -m */
	uint32_t ncpus;
	int64_t boot_time_ns;	/* wall clock time of boot, ns since the epoch */
	int64_t start_wall_ns;	/* capture start, ns since the epoch */
	uint64_t start_boot_ns; /* capture start, CLOCK_BOOTTIME ns */
	uint32_t snaplen;
	uint32_t record_flags; /* SK_REC_* */
	char options[512];     /* the recorder's command line, for the record */
};

/* A record's parameter as stored: raw bytes, interpreted by its schema type. */
struct sk_param {
	const uint8_t *ptr;
	uint32_t len;
};

/* A decoded record. ts is CLOCK_BOOTTIME ns, like start_boot_ns. */
struct sk_event {
	uint64_t num;
	uint64_t ts;
	uint32_t tid;
	uint32_t pid;
	uint16_t type; /* enum sk_etype; may be a type this build does not know */
	uint16_t cpu;
	uint32_t flags; /* SK_EF_* */
	uint32_t nparams;
	struct sk_param params[SK_MAX_PARAMS];
};

/* Record flags. */
#define SK_EF_TRUNCATED (1u << 0) /* a BYTES/STR parameter was cut at snaplen */
#define SK_EF_FAULT	(1u << 1) /* a user-memory argument could not be read */
#define SK_EF_BLOCKED	(1u << 2) /* an entry written at stop for a call still blocked */

/* Parameter decoding. Integer parameters are varints (see FORMAT.md); these
 * return 0 and set *out on success, -1 when the bytes are malformed. */
int sk_param_int(const struct sk_param *p, int64_t *out);
int sk_param_uint(const struct sk_param *p, uint64_t *out);

/* 1 if parameters of this type are written with sk_writer_int (zigzag):
 * INT, RES, FD, PID, SIG; 0 for the unsigned and byte-string types. */
int sk_ptype_is_signed(uint8_t type);

/* ---------------------------------------------------------------- writer */

struct sk_writer;

struct sk_writer_opts {
	int zstd_level;	      /* 0 means the default (3) */
	uint32_t chunk_bytes; /* seal when the raw payload reaches this; 0 = 1 MiB */
	uint64_t chunk_ns;    /* seal when a chunk spans this much time; 0 = 1 s */
	int fsync_on_seal;    /* fdatasync after every sealed chunk */
};

/* Creates path (a regular file, mode 0600 whatever the umask, never through
 * a symbolic link; an existing file is truncated) and writes the header. */
struct sk_writer *sk_writer_open(const char *path, const struct sk_file_info *info,
				 const struct sk_writer_opts *opts, struct sk_error *err);

/* Building a record: begin, add parameters in schema order, end. end assigns
 * the record its number and may seal the chunk. Returns 0 or -1 (write error:
 * everything sealed so far stays on disk). */
void sk_writer_begin(struct sk_writer *w, uint16_t type, uint64_t ts, uint32_t tid, uint32_t pid,
		     uint16_t cpu, uint32_t flags);
void sk_writer_int(struct sk_writer *w, int64_t v);
void sk_writer_uint(struct sk_writer *w, uint64_t v);
void sk_writer_bytes(struct sk_writer *w, const void *p, uint32_t len);
int sk_writer_end(struct sk_writer *w, struct sk_error *err);

/* Appends an already decoded record (parameters as stored). */
int sk_writer_append(struct sk_writer *w, const struct sk_event *ev, struct sk_error *err);

/* Seals the open chunk if it holds records, e.g. on a timer so that at most
 * chunk_ns of records are ever unsealed. */
int sk_writer_seal(struct sk_writer *w, struct sk_error *err);

/* Wall-clock deadline check: seals if the open chunk's first record is older
 * than chunk_ns relative to now_boot_ns (CLOCK_BOOTTIME). */
int sk_writer_tick(struct sk_writer *w, uint64_t now_boot_ns, struct sk_error *err);

/* Statistics so far. */
struct sk_writer_stats {
	uint64_t events;
	uint64_t chunks;
	uint64_t bytes_raw;	/* encoded records before compression */
	uint64_t bytes_written; /* bytes in the file */
};
void sk_writer_stats(const struct sk_writer *w, struct sk_writer_stats *st);

/* Seals, writes the footer (index and digest) and closes. Frees w even on
 * error. */
int sk_writer_close(struct sk_writer *w, struct sk_error *err);

/* Closes without a footer (for tests of recovery, and after write errors).
 * The open chunk is discarded, as if the writer had been killed. */
void sk_writer_abandon(struct sk_writer *w);

/* ---------------------------------------------------------------- reader */

struct sk_reader;

/* One chunk as the index or a recovery scan saw it. */
struct sk_chunk_info {
	uint64_t offset; /* file offset of the chunk header */
	uint64_t first_num;
	uint32_t nevents;
	uint32_t kind;
	uint64_t first_ts, last_ts;
	uint32_t comp_len, raw_len;
};

/* Facts about the file as opened. */
struct sk_capture_summary {
	int footer_present; /* 0: recovered by scanning */
	uint64_t file_size;
	uint64_t torn_bytes;  /* bytes after the last complete chunk */
	uint64_t torn_offset; /* where the torn tail starts */
	uint64_t nchunks;
	uint64_t nevents;
	uint64_t first_ts, last_ts; /* CLOCK_BOOTTIME ns */
	uint64_t bytes_comp;	    /* chunk payload bytes on disk */
	uint64_t bytes_raw;	    /* chunk payload bytes decompressed */
	int drops_known;	    /* drops is valid (from the footer) */
	uint64_t drops;		    /* sum of DROP records' count parameter */
};

/* Opens a capture: validates the header, loads the footer index if present
 * and intact, else scans chunk headers to rebuild the index. */
struct sk_reader *sk_reader_open(const char *path, struct sk_error *err);
void sk_reader_close(struct sk_reader *r);

/* The same on a capture held in memory (data must outlive the reader); name
 * is used in messages. */
struct sk_reader *sk_reader_open_mem(const void *data, size_t len, const char *name,
				     struct sk_error *err);

const struct sk_file_info *sk_reader_info(const struct sk_reader *r);

/* Why the file was recovered by scanning instead of through its footer, and
 * why the scan stopped where the torn tail starts; "" for a file opened
 * through an intact footer. */
const char *sk_reader_recovery(const struct sk_reader *r);
const struct sk_capture_summary *sk_reader_summary(const struct sk_reader *r);
uint64_t sk_reader_nchunks(const struct sk_reader *r);
const struct sk_chunk_info *sk_reader_chunk(const struct sk_reader *r, uint64_t i);

/* Next record in file order. Returns 1 with *ev filled, 0 at the end, -1 on a
 * corrupt chunk (err says which and where; later chunks stay readable by
 * seeking past it). */
int sk_reader_next(struct sk_reader *r, struct sk_event *ev, struct sk_error *err);

/* Positions the reader so that the next sk_reader_next returns the record
 * with number num (or the first one after it), or the first record with
 * ts >= ts. Touches O(log chunks) index entries and decompresses one chunk.
 * Returns 0, or -1 when past the end or on error. */
int sk_reader_seek_num(struct sk_reader *r, uint64_t num, struct sk_error *err);
int sk_reader_seek_ts(struct sk_reader *r, uint64_t ts, struct sk_error *err);

/* Full integrity check: every chunk checksum, every record's framing, and
 * the body digest. A file without an intact footer is not intact (its
 * complete chunks are still checked first). Returns 0 when intact; else -1
 * with err naming the first bad chunk and its offset. Afterwards the reader
 * is positioned at the first record. */
int sk_reader_verify(struct sk_reader *r, struct sk_error *err);

#endif
