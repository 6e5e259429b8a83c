-- schema.sql - the saker case database: what `saker index` writes and
-- `saker browse` reads. Plain SQLite, meant to be queried by hand too.
--
-- One case database holds any number of captures. Every row below captures
-- carries capture_id; re-indexing a capture deletes its old rows and writes
-- the new ones in one transaction.
--
-- Rows may be written before the process they name (a process row is
-- written at its exit), so those foreign keys are checked at commit.
--
-- Conventions:
--  * Times are wall-clock nanoseconds since the Unix epoch (UTC), converted
--    from the capture's boot clock with its header's start times. Use
--    datetime(x / 1e9, 'unixepoch') to read them.
--  * Event numbers (*_evt, evt_num) are the capture's record numbers, the
--    first record being 1, as `saker print` shows them.
--  * Strings are stored as captured (UTF-8 or not); escape before display.
--  * NULL means "not known from this capture", never a default.
PRAGMA foreign_keys = ON;

-- Version of this schema, bumped on every incompatible change.
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- One row per indexed capture file.
CREATE TABLE IF NOT EXISTS captures (
	id          INTEGER PRIMARY KEY,
	path        TEXT NOT NULL,     -- as given to `saker index`, made absolute
	digest      TEXT NOT NULL,     -- identity of the capture's content (hex)
	hostname    TEXT,
	kernel      TEXT,
	recorder    TEXT,
	start_ns    INTEGER,           -- time of the first record
	end_ns      INTEGER,           -- time of the last record
	boot_ns     INTEGER,           -- wall time of CLOCK_BOOTTIME 0 (converts ts)
	nevents     INTEGER NOT NULL,
	nchunks     INTEGER NOT NULL,
	file_size   INTEGER NOT NULL,
	drops       INTEGER NOT NULL,  -- events the recorder lost (drop records)
	torn_bytes  INTEGER NOT NULL,  -- unreadable tail of a killed recording
	rules       TEXT,              -- rule files used for alerts: 'path#digest',
	                               -- ';'-separated; other files or contents
	                               -- mean re-indexing
	indexed_at  TEXT NOT NULL      -- UTC, ISO 8601
);
CREATE UNIQUE INDEX IF NOT EXISTS captures_path ON captures(path);
CREATE INDEX IF NOT EXISTS captures_digest ON captures(digest);

-- One row per process (thread group) instance: from its fork, or the
-- initial snapshot, to its exit or the end of the capture. An exec changes
-- exe and cmdline in place; the row keeps the last ones and the exec count.
CREATE TABLE IF NOT EXISTS processes (
	id          INTEGER PRIMARY KEY,
	capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
	pid         INTEGER NOT NULL,
	ppid        INTEGER,
	parent_id   INTEGER,           -- processes.id of the parent, if captured
	lineage     TEXT,              -- ancestor pids, root first: '1/812/4410'
	start_ns    INTEGER,           -- NULL when started before the capture
	end_ns      INTEGER,           -- NULL when alive at the end
	first_evt   INTEGER,
	last_evt    INTEGER,
	comm        TEXT,
	exe         TEXT,
	cmdline     TEXT,              -- arguments joined by spaces
	cwd         TEXT,
	uid         INTEGER,
	user        TEXT,              -- from the captured /etc/passwd, if any
	container   TEXT,              -- container id (12 hex digits), NULL = host
	execs       INTEGER NOT NULL DEFAULT 0,
	exit_status INTEGER,
	nevents     INTEGER NOT NULL DEFAULT 0,
	nalerts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS processes_capture_pid ON processes(capture_id, pid);
CREATE INDEX IF NOT EXISTS processes_parent ON processes(parent_id);
CREATE INDEX IF NOT EXISTS processes_exe ON processes(exe);

-- One row per (process, path) opened: successful and failed opens alike.
CREATE TABLE IF NOT EXISTS files (
	id          INTEGER PRIMARY KEY,
	capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
	process_id  INTEGER REFERENCES processes(id) DEFERRABLE INITIALLY DEFERRED,
	pid         INTEGER NOT NULL,
	path        TEXT NOT NULL,     -- as passed to the call
	flags       INTEGER NOT NULL,  -- open flags of all opens, OR-ed
	opens       INTEGER NOT NULL,  -- number of open calls
	failures    INTEGER NOT NULL,  -- of which failed
	last_fd     INTEGER,           -- fd of the last successful open
	first_ns    INTEGER NOT NULL,
	last_ns     INTEGER NOT NULL,
	first_evt   INTEGER NOT NULL,
	last_evt    INTEGER NOT NULL,  -- last event on the path or its fd
	bytes_read  INTEGER NOT NULL DEFAULT 0,
	bytes_written INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS files_path ON files(path);
CREATE INDEX IF NOT EXISTS files_process ON files(process_id);
CREATE INDEX IF NOT EXISTS files_capture ON files(capture_id, first_evt);

-- One row per socket connection seen connected or accepted.
CREATE TABLE IF NOT EXISTS connections (
	id          INTEGER PRIMARY KEY,
	capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
	process_id  INTEGER REFERENCES processes(id) DEFERRABLE INITIALLY DEFERRED,
	pid         INTEGER NOT NULL,
	fd          INTEGER NOT NULL,
	role        TEXT NOT NULL,     -- 'connect' or 'accept'
	family      TEXT,              -- 'ipv4', 'ipv6', 'unix'
	local_addr  TEXT,
	local_port  INTEGER,
	remote_addr TEXT,
	remote_port INTEGER,
	result      INTEGER,           -- connect's return value (0, -errno)
	start_ns    INTEGER NOT NULL,
	end_ns      INTEGER,           -- close, or NULL when open at the end
	first_evt   INTEGER NOT NULL,
	last_evt    INTEGER NOT NULL,
	bytes_in    INTEGER NOT NULL DEFAULT 0,
	bytes_out   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS connections_remote ON connections(remote_addr, remote_port);
CREATE INDEX IF NOT EXISTS connections_process ON connections(process_id);
CREATE INDEX IF NOT EXISTS connections_capture ON connections(capture_id, first_evt);

-- One row per alert a rule raised during the index pass.
CREATE TABLE IF NOT EXISTS alerts (
	id          INTEGER PRIMARY KEY,
	capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
	process_id  INTEGER REFERENCES processes(id) DEFERRABLE INITIALLY DEFERRED,
	pid         INTEGER,
	evt_num     INTEGER NOT NULL,
	ts_ns       INTEGER NOT NULL,
	rule        TEXT NOT NULL,
	priority    TEXT NOT NULL,     -- as Falco prints it: Emergency .. Debug
	priority_num INTEGER NOT NULL, -- 0 = EMERGENCY .. 7 = DEBUG
	output      TEXT NOT NULL,     -- as the rules engine renders it (escaped)
	fields      TEXT               -- output fields as a JSON object
);
CREATE INDEX IF NOT EXISTS alerts_capture_time ON alerts(capture_id, ts_ns);
CREATE INDEX IF NOT EXISTS alerts_rule ON alerts(rule);
CREATE INDEX IF NOT EXISTS alerts_process ON alerts(process_id);

-- Containers named by the snapshot or seen in processes' cgroups.
CREATE TABLE IF NOT EXISTS containers (
	id          INTEGER PRIMARY KEY,
	capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
	container   TEXT NOT NULL,     -- 12 hex digits, as processes.container
	runtime     TEXT,
	name        TEXT,
	image       TEXT,
	privileged  INTEGER,
	start_ns    INTEGER,
	nprocesses  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS containers_capture_id ON containers(capture_id, container);

-- Event rate over the capture for the browser's timeline: the capture's
-- time range cut into equal buckets.
CREATE TABLE IF NOT EXISTS timeline (
	capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
	bucket      INTEGER NOT NULL,
	start_ns    INTEGER NOT NULL,
	first_evt   INTEGER NOT NULL,  -- first event in the bucket (0 if empty)
	nevents     INTEGER NOT NULL,
	nalerts     INTEGER NOT NULL,
	PRIMARY KEY (capture_id, bucket)
);

INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1');
