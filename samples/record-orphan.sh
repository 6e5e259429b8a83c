# record-orphan.sh - sourced by make-samples.sh and make-intrusion.sh.
# record_orphan REC OUT SCRIPT: records `env -i PATH=/usr/bin:/bin sh SCRIPT`
# into OUT. The recorder's parent is a subshell whose own parent exits at
# once, so its ancestors are that subshell and pid 1 only, and everything
# runs with a minimal environment. Waits for the recorder and fails when it
# failed.
record_orphan() {
	status=$(mktemp)
	env -i PATH=/usr/bin:/bin sh -c '
		("$1" -q -w "$2" -- /usr/bin/env -i PATH=/usr/bin:/bin sh "$3" \
			</dev/null >/dev/null; echo $? >"$4") &' \
		sh "$1" "$2" "$3" "$status"
	while [ ! -s "$status" ]; do sleep 0.2; done
	rc=$(cat "$status")
	rm -f "$status"
	[ "$rc" = 0 ] || { echo "record_orphan: $1 exited $rc" >&2; return 1; }
}
