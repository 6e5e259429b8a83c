#!/bin/sh
# print_filter.sh - `saker print FILE FILTER` with the rule language wired in
# through rules/cmd_print_filter.c: matching events only, and a precise error
# for a bad filter; with -r, filters using the macros and lists of those
# rule files. usage: print_filter.sh PRINT_FILTERED GEN_SCENARIOS
set -u
PRINT=$1 GEN=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$GEN" "$T/sc.sk" || exit 1
fail=0
bad() { # message, file to show
	echo "FAIL: $1:"
	cat "$2"
	fail=1
}
has_lines() { # file, count, patterns the file must hold
	f=$1 n=$2
	shift 2
	[ "$(wc -l <"$f")" -eq "$n" ] || return 1
	for p in "$@"; do
		grep -q -e "$p" "$f" || return 1
	done
}
rejects() { # exit status, error pattern, print's arguments: exits so, says that
	st=$1 want=$2
	shift 2
	"$PRINT" "$@" >/dev/null 2>"$T/err"
	[ $? -eq "$st" ] && grep -q -e "$want" "$T/err" || bad "'$*' did not fail with '$want'" "$T/err"
}

"$PRINT" "$T/sc.sk" 'evt.type = openat and fd.name pmatch (/etc)' >"$T/out" 2>&1
has_lines "$T/out" 2 'cat (101) < openat fd=3(<f>/etc/shadow)' \
	'ls (106) < openat fd=3(<f>/etc/hostname)' || bad "filtered print" "$T/out"
"$PRINT" "$T/sc.sk" 'proc.name in (grep, cat) and evt.type = execve' >"$T/out2" 2>&1
has_lines "$T/out2" 4 || bad "execve filter (entry and exit records)" "$T/out2"
rejects 2 "<filter>:1:23: error: unknown field 'fd.nmae'" "$T/sc.sk" \
	'evt.type = openat and fd.nmae = x'

cat >"$T/r.yaml" <<'EOF'
- list: readers
  items: [cat, ls]
- macro: reads_etc
  condition: evt.type = openat and fd.name pmatch (/etc)
EOF
cat >"$T/more.yaml" <<'EOF'
- macro: by_reader
  condition: proc.name in (readers)
EOF
"$PRINT" -r "$T/r.yaml" "$T/sc.sk" --rules "$T/more.yaml" 'reads_etc and by_reader' \
	>"$T/out3" 2>&1
cmp -s "$T/out" "$T/out3" || bad "filter with macros and lists of -r files" "$T/out3"
"$PRINT" -r "$T/r.yaml" "$T/sc.sk" 'reads_etc and proc.name = ls' >"$T/out4" 2>&1
has_lines "$T/out4" 1 'ls (106)' || bad "macro with a field comparison" "$T/out4"
rejects 2 "unknown macro 'reads_etc'" "$T/sc.sk" 'reads_etc'
printf -- '- macro: broken\n  condition: proc.nmae = x\n' >"$T/bad.yaml"
rejects 2 "bad.yaml:2:14: error: macro 'broken': unknown field 'proc.nmae'" \
	-r "$T/bad.yaml" "$T/sc.sk" 'evt.type = openat and broken'
printf -- '- macro: unclosed\n  condition: (x\n' >"$T/bad2.yaml"
rejects 1 "bad2.yaml:2:14: error: macro 'unclosed'" -r "$T/bad2.yaml" "$T/sc.sk" \
	'evt.type = openat'
rejects 2 "-r needs a rules file" "$T/sc.sk" -r
[ $fail -eq 0 ] && echo ok
exit $fail
