/* fields_int.h - the field ids shared by the registry (fields.c), the
 * extractors (fields_*.c) and the parameter renderer (render.c).
 */
#ifndef SAKER_REPLAY_FIELDS_INT_H
#define SAKER_REPLAY_FIELDS_INT_H

#include "replay/fields.h"
#include "replay/state.h"

/* X(id, name, vtype, arg, is_list, description) */
#define SK_FIELDS(X)                                                                               \
	X(EVT_NUM, "evt.num", SK_V_UINT, SK_FA_NONE, 0, "record number in the capture")            \
	X(EVT_TIME, "evt.time", SK_V_STRING, SK_FA_NONE, 0, "time of day with nanoseconds")        \
	X(EVT_TIME_S, "evt.time.s", SK_V_STRING, SK_FA_NONE, 0, "time of day, seconds")            \
	X(EVT_TIME_ISO, "evt.time.iso8601", SK_V_STRING, SK_FA_NONE, 0, "ISO 8601 timestamp")      \
	X(EVT_DATETIME, "evt.datetime", SK_V_STRING, SK_FA_NONE, 0, "date and time of day")        \
	X(EVT_RAWTIME, "evt.rawtime", SK_V_ABSTIME, SK_FA_NONE, 0, "ns since the epoch")           \
	X(EVT_RAWTIME_S, "evt.rawtime.s", SK_V_UINT, SK_FA_NONE, 0, "seconds since the epoch")     \
	X(EVT_RAWTIME_NS, "evt.rawtime.ns", SK_V_UINT, SK_FA_NONE, 0, "ns part of the time")       \
	X(EVT_RELTIME, "evt.reltime", SK_V_RELTIME, SK_FA_NONE, 0, "ns since capture start")       \
	X(EVT_CPU, "evt.cpu", SK_V_UINT, SK_FA_NONE, 0, "CPU the event happened on")               \
	X(EVT_TYPE, "evt.type", SK_V_STRING, SK_FA_NONE, 0, "event name, e.g. openat")             \
	X(EVT_DIR, "evt.dir", SK_V_STRING, SK_FA_NONE, 0, "'>' entry, '<' exit")                   \
	X(EVT_CATEGORY, "evt.category", SK_V_STRING, SK_FA_NONE, 0,                                \
	  "syscall, process, snapshot, meta")                                                      \
	X(EVT_SOURCE, "evt.source", SK_V_STRING, SK_FA_NONE, 0, "always 'syscall'")                \
	X(EVT_RES, "evt.res", SK_V_STRING, SK_FA_NONE, 0, "SUCCESS or the errno name")             \
	X(EVT_RAWRES, "evt.rawres", SK_V_INT, SK_FA_NONE, 0, "return value as a number")           \
	X(EVT_FAILED, "evt.failed", SK_V_BOOL, SK_FA_NONE, 0, "true when the call failed")         \
	X(EVT_ARGS, "evt.args", SK_V_STRING, SK_FA_NONE, 0, "all arguments as text")               \
	X(EVT_INFO, "evt.info", SK_V_STRING, SK_FA_NONE, 0, "same as evt.args")                    \
	X(EVT_ARG, "evt.arg", SK_V_STRING, SK_FA_ANY, 0, "one argument by name or index, as text") \
	X(EVT_RAWARG, "evt.rawarg", SK_V_INT, SK_FA_ANY, 0, "one numeric argument, as a number")   \
	X(EVT_BUFFER, "evt.buffer", SK_V_BYTES, SK_FA_NONE, 0, "I/O payload")                      \
	X(EVT_BUFLEN, "evt.buflen", SK_V_UINT, SK_FA_NONE, 0, "I/O payload length (result)")       \
	X(EVT_HOSTNAME, "evt.hostname", SK_V_STRING, SK_FA_NONE, 0,                                \
	  "host the capture was taken on")                                                         \
	X(EVT_IS_OPEN_READ, "evt.is_open_read", SK_V_BOOL, SK_FA_NONE, 0, "open for reading")      \
	X(EVT_IS_OPEN_WRITE, "evt.is_open_write", SK_V_BOOL, SK_FA_NONE, 0, "open for writing")    \
	X(EVT_IS_OPEN_EXEC, "evt.is_open_exec", SK_V_BOOL, SK_FA_NONE, 0,                          \
	  "open creating an executable file")                                                      \
	X(EVT_IS_OPEN_CREATE, "evt.is_open_create", SK_V_BOOL, SK_FA_NONE, 0, "open with O_CREAT") \
	X(EVT_TRUNCATED, "evt.truncated", SK_V_BOOL, SK_FA_NONE, 0,                                \
	  "a payload was cut at snaplen")                                                          \
	X(PROC_NAME, "proc.name", SK_V_STRING, SK_FA_NONE, 0, "process name (comm)")               \
	X(PROC_EXE, "proc.exe", SK_V_STRING, SK_FA_NONE, 0, "first command-line argument")         \
	X(PROC_EXEPATH, "proc.exepath", SK_V_PATH, SK_FA_NONE, 0, "full executable path")          \
	X(PROC_CMDLINE, "proc.cmdline", SK_V_STRING, SK_FA_NONE, 0, "name and arguments")          \
	X(PROC_ARGS, "proc.args", SK_V_STRING, SK_FA_NONE, 0, "arguments after argv[0]")           \
	X(PROC_ENV, "proc.env", SK_V_STRING, SK_FA_NONE, 0, "environment")                         \
	X(PROC_CWD, "proc.cwd", SK_V_PATH, SK_FA_NONE, 0, "current directory")                     \
	X(PROC_PID, "proc.pid", SK_V_UINT, SK_FA_NONE, 0, "process id")                            \
	X(PROC_VPID, "proc.vpid", SK_V_UINT, SK_FA_NONE, 0, "process id in its pid namespace")     \
	X(PROC_PPID, "proc.ppid", SK_V_UINT, SK_FA_NONE, 0, "parent process id")                   \
	X(PROC_PNAME, "proc.pname", SK_V_STRING, SK_FA_NONE, 0, "parent name")                     \
	X(PROC_PEXE, "proc.pexe", SK_V_STRING, SK_FA_NONE, 0, "parent proc.exe")                   \
	X(PROC_PEXEPATH, "proc.pexepath", SK_V_PATH, SK_FA_NONE, 0, "parent proc.exepath")         \
	X(PROC_PCMDLINE, "proc.pcmdline", SK_V_STRING, SK_FA_NONE, 0, "parent proc.cmdline")       \
	X(PROC_ANAME, "proc.aname", SK_V_STRING, SK_FA_OPTIONAL_INDEX, 1,                          \
	  "ancestor name ([0] self, [1] parent; no index: any ancestor)")                          \
	X(PROC_AEXE, "proc.aexe", SK_V_STRING, SK_FA_OPTIONAL_INDEX, 1, "ancestor proc.exe")       \
	X(PROC_AEXEPATH, "proc.aexepath", SK_V_PATH, SK_FA_OPTIONAL_INDEX, 1,                      \
	  "ancestor proc.exepath")                                                                 \
	X(PROC_APID, "proc.apid", SK_V_UINT, SK_FA_OPTIONAL_INDEX, 1, "ancestor pid")              \
	X(PROC_ACMDLINE, "proc.acmdline", SK_V_STRING, SK_FA_OPTIONAL_INDEX, 1,                    \
	  "ancestor proc.cmdline")                                                                 \
	X(PROC_SID, "proc.sid", SK_V_UINT, SK_FA_NONE, 0, "session id")                            \
	X(PROC_SNAME, "proc.sname", SK_V_STRING, SK_FA_NONE, 0, "session leader name")             \
	X(PROC_VPGID, "proc.vpgid", SK_V_UINT, SK_FA_NONE, 0, "process group id")                  \
	X(PROC_VPGID_NAME, "proc.vpgid.name", SK_V_STRING, SK_FA_NONE, 0,                          \
	  "process group leader name")                                                             \
	X(PROC_VPGID_EXE, "proc.vpgid.exe", SK_V_STRING, SK_FA_NONE, 0,                            \
	  "process group leader proc.exe")                                                         \
	X(PROC_VPGID_EXEPATH, "proc.vpgid.exepath", SK_V_PATH, SK_FA_NONE, 0,                      \
	  "process group leader exepath")                                                          \
	X(PROC_IS_VPGID_LEADER, "proc.is_vpgid_leader", SK_V_BOOL, SK_FA_NONE, 0,                  \
	  "leads its process group")                                                               \
	X(PROC_IS_SID_LEADER, "proc.is_sid_leader", SK_V_BOOL, SK_FA_NONE, 0, "leads its session") \
	X(PROC_TTY, "proc.tty", SK_V_UINT, SK_FA_NONE, 0, "controlling terminal (0: none)")        \
	X(PROC_PID_TS, "proc.pid.ts", SK_V_ABSTIME, SK_FA_NONE, 0, "process start time")           \
	X(PROC_DURATION, "proc.duration", SK_V_RELTIME, SK_FA_NONE, 0,                             \
	  "ns since the process started")                                                          \
	X(PROC_PPID_DURATION, "proc.ppid.duration", SK_V_RELTIME, SK_FA_NONE, 0,                   \
	  "ns since the parent started")                                                           \
	X(PROC_NTHREADS, "proc.nthreads", SK_V_UINT, SK_FA_NONE, 0, "live threads of the process") \
	X(PROC_IS_EXE_UPPER_LAYER, "proc.is_exe_upper_layer", SK_V_BOOL, SK_FA_NONE, 0,            \
	  "executable in an overlayfs upper layer")                                                \
	X(PROC_IS_EXE_FROM_MEMFD, "proc.is_exe_from_memfd", SK_V_BOOL, SK_FA_NONE, 0,              \
	  "executable is a memfd")                                                                 \
	X(PROC_EXE_INO, "proc.exe_ino", SK_V_UINT, SK_FA_NONE, 0, "executable inode")              \
	X(PROC_EXE_INO_CTIME, "proc.exe_ino.ctime", SK_V_ABSTIME, SK_FA_NONE, 0,                   \
	  "executable inode ctime")                                                                \
	X(PROC_EXE_INO_MTIME, "proc.exe_ino.mtime", SK_V_ABSTIME, SK_FA_NONE, 0,                   \
	  "executable inode mtime")                                                                \
	X(PROC_EXE_INO_CTIME_DUR, "proc.exe_ino.ctime_duration_proc_start", SK_V_RELTIME,          \
	  SK_FA_NONE, 0, "process start minus exe ctime")                                          \
	X(THREAD_TID, "thread.tid", SK_V_UINT, SK_FA_NONE, 0, "thread id")                         \
	X(THREAD_CAP_EFFECTIVE, "thread.cap_effective", SK_V_STRING, SK_FA_NONE, 0,                \
	  "effective capabilities")                                                                \
	X(THREAD_CAP_PERMITTED, "thread.cap_permitted", SK_V_STRING, SK_FA_NONE, 0,                \
	  "permitted capabilities")                                                                \
	X(THREAD_CAP_INHERITABLE, "thread.cap_inheritable", SK_V_STRING, SK_FA_NONE, 0,            \
	  "inheritable capabilities")                                                              \
	X(FD_NUM, "fd.num", SK_V_INT, SK_FA_NONE, 0, "fd number")                                  \
	X(FD_NAME, "fd.name", SK_V_STRING, SK_FA_NONE, 0, "path or connection tuple")              \
	X(FD_NAMERAW, "fd.nameraw", SK_V_STRING, SK_FA_NONE, 0, "name as passed by the caller")    \
	X(FD_DIRECTORY, "fd.directory", SK_V_PATH, SK_FA_NONE, 0, "directory of a file fd")        \
	X(FD_FILENAME, "fd.filename", SK_V_STRING, SK_FA_NONE, 0, "file name without directory")   \
	X(FD_TYPE, "fd.type", SK_V_STRING, SK_FA_NONE, 0,                                          \
	  "file, directory, ipv4, ipv6, unix, pipe...")                                            \
	X(FD_TYPECHAR, "fd.typechar", SK_V_STRING, SK_FA_NONE, 0,                                  \
	  "type as one letter (f 4 6 u p ...)")                                                    \
	X(FD_TYPES, "fd.types", SK_V_STRING, SK_FA_OPTIONAL_INDEX, 1, "types of the event's fds")  \
	X(FD_INO, "fd.ino", SK_V_UINT, SK_FA_NONE, 0, "inode number")                              \
	X(FD_DEV, "fd.dev", SK_V_UINT, SK_FA_NONE, 0, "device number")                             \
	X(FD_L4PROTO, "fd.l4proto", SK_V_STRING, SK_FA_NONE, 0, "tcp, udp, icmp or raw")           \
	X(FD_SOCKFAMILY, "fd.sockfamily", SK_V_STRING, SK_FA_NONE, 0, "ip or unix")                \
	X(FD_IS_SERVER, "fd.is_server", SK_V_BOOL, SK_FA_NONE, 0, "local end is the server")       \
	X(FD_IP, "fd.ip", SK_V_IPADDR, SK_FA_NONE, 1, "client or server address")                  \
	X(FD_CIP, "fd.cip", SK_V_IPADDR, SK_FA_NONE, 0, "client address")                          \
	X(FD_SIP, "fd.sip", SK_V_IPADDR, SK_FA_NONE, 0, "server address")                          \
	X(FD_LIP, "fd.lip", SK_V_IPADDR, SK_FA_NONE, 0, "local address")                           \
	X(FD_RIP, "fd.rip", SK_V_IPADDR, SK_FA_NONE, 0, "remote address")                          \
	X(FD_PORT, "fd.port", SK_V_UINT, SK_FA_NONE, 1, "client or server port")                   \
	X(FD_CPORT, "fd.cport", SK_V_UINT, SK_FA_NONE, 0, "client port")                           \
	X(FD_SPORT, "fd.sport", SK_V_UINT, SK_FA_NONE, 0, "server port")                           \
	X(FD_LPORT, "fd.lport", SK_V_UINT, SK_FA_NONE, 0, "local port")                            \
	X(FD_RPORT, "fd.rport", SK_V_UINT, SK_FA_NONE, 0, "remote port")                           \
	X(FD_NET, "fd.net", SK_V_IPNET, SK_FA_NONE, 1, "client or server address, for CIDR tests") \
	X(FD_CNET, "fd.cnet", SK_V_IPNET, SK_FA_NONE, 0, "client address, for CIDR tests")         \
	X(FD_SNET, "fd.snet", SK_V_IPNET, SK_FA_NONE, 0, "server address, for CIDR tests")         \
	X(FD_LNET, "fd.lnet", SK_V_IPNET, SK_FA_NONE, 0, "local address, for CIDR tests")          \
	X(FD_RNET, "fd.rnet", SK_V_IPNET, SK_FA_NONE, 0, "remote address, for CIDR tests")         \
	X(FD_CONNECTED, "fd.connected", SK_V_BOOL, SK_FA_NONE, 0, "socket is connected")           \
	X(FD_NAME_CHANGED, "fd.name_changed", SK_V_BOOL, SK_FA_NONE, 0,                            \
	  "the event changed fd.name")                                                             \
	X(FD_CIP_NAME, "fd.cip.name", SK_V_STRING, SK_FA_NONE, 0,                                  \
	  "client DNS name (never captured)")                                                      \
	X(FD_SIP_NAME, "fd.sip.name", SK_V_STRING, SK_FA_NONE, 0,                                  \
	  "server DNS name (never captured)")                                                      \
	X(FD_LIP_NAME, "fd.lip.name", SK_V_STRING, SK_FA_NONE, 0,                                  \
	  "local DNS name (never captured)")                                                       \
	X(FD_RIP_NAME, "fd.rip.name", SK_V_STRING, SK_FA_NONE, 0,                                  \
	  "remote DNS name (never captured)")                                                      \
	X(USER_UID, "user.uid", SK_V_UINT, SK_FA_NONE, 0, "effective user id")                     \
	X(USER_NAME, "user.name", SK_V_STRING, SK_FA_NONE, 0,                                      \
	  "effective user name (capture's /etc/passwd)")                                           \
	X(USER_LOGINUID, "user.loginuid", SK_V_INT, SK_FA_NONE, 0, "audit login uid (-1: none)")   \
	X(USER_LOGINNAME, "user.loginname", SK_V_STRING, SK_FA_NONE, 0, "audit login user name")   \
	X(GROUP_GID, "group.gid", SK_V_UINT, SK_FA_NONE, 0, "effective group id")                  \
	X(GROUP_NAME, "group.name", SK_V_STRING, SK_FA_NONE, 0,                                    \
	  "effective group name (capture's /etc/group)")                                           \
	X(CONTAINER_ID, "container.id", SK_V_STRING, SK_FA_NONE, 0,                                \
	  "12-char container id or 'host'")                                                        \
	X(CONTAINER_FULL_ID, "container.full_id", SK_V_STRING, SK_FA_NONE, 0,                      \
	  "full container id or 'host'")                                                           \
	X(CONTAINER_NAME, "container.name", SK_V_STRING, SK_FA_NONE, 0, "container name")          \
	X(CONTAINER_TYPE, "container.type", SK_V_STRING, SK_FA_NONE, 0, "container runtime")       \
	X(CONTAINER_IMAGE, "container.image", SK_V_STRING, SK_FA_NONE, 0, "image reference")       \
	X(CONTAINER_IMAGE_REPO, "container.image.repository", SK_V_STRING, SK_FA_NONE, 0,          \
	  "image repository")                                                                      \
	X(CONTAINER_IMAGE_TAG, "container.image.tag", SK_V_STRING, SK_FA_NONE, 0, "image tag")     \
	X(CONTAINER_PRIVILEGED, "container.privileged", SK_V_BOOL, SK_FA_NONE, 0,                  \
	  "privileged container")                                                                  \
	X(CONTAINER_START_TS, "container.start_ts", SK_V_ABSTIME, SK_FA_NONE, 0,                   \
	  "container start time")                                                                  \
	X(CONTAINER_MOUNTS, "container.mounts", SK_V_STRING, SK_FA_NONE, 0,                        \
	  "mounts (not captured)")                                                                 \
	X(CONTAINER_MOUNT_DEST, "container.mount.dest", SK_V_STRING, SK_FA_KEY, 0,                 \
	  "mount source by destination (not captured)")                                            \
	X(K8S_NS_NAME, "k8s.ns.name", SK_V_STRING, SK_FA_NONE, 0,                                  \
	  "Kubernetes namespace (not captured)")                                                   \
	X(K8S_POD_NAME, "k8s.pod.name", SK_V_STRING, SK_FA_NONE, 0, "Kubernetes pod (not captured)")

enum sk_field_id {
#define X(id, ...) SK_F_##id,
	SK_FIELDS(X)
#undef X
	    SK_F_COUNT
};

/* Renders parameter i of the current event as text into the arena: as in
 * evt.args ("3(<f>/etc/passwd)", "524288(O_RDONLY|O_CLOEXEC)") when full, or
 * as evt.arg.NAME shows it ("O_RDONLY|O_CLOEXEC") otherwise. */
int sk_render_param(struct sk_evctx *ctx, int i, int full, const char **s, size_t *len);

/* How many of len buffer bytes to show (sk_fields_set_bytes_shown). */
size_t sk_bytes_shown(size_t len);

/* All parameters as "name=value name=value". */
int sk_render_args(struct sk_evctx *ctx, const char **s, size_t *len);

/* Index of the result parameter of a record type ("res", or the new fd of
 * open-like calls), or -1. */
int sk_res_param(const struct sk_event_info *info);

#endif
