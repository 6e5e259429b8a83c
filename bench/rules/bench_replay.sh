#!/bin/sh
# bench_replay.sh - replay throughput with no rules vs Falco's stable rules
# on a synthetic capture (tests/rules/gen_scenarios: the attack scenarios,
# then filler that is 98% read/write, 1% openat+close, 1% fork+execve+exit).
# Prints events/s for both (best of 3) and the cost ratio. No assertion:
# targets are >= 1M events/s with falco_rules.yaml and ratio <= 2.
# With MIX=heavy the filler is only openat+close and fork+execve+exit, the
# record types Falco's rules are indexed under (a worst case for rules).
# usage: bench_replay.sh SAKER GEN_SCENARIOS FALCO_RULES [NEVENTS]
set -eu
SAKER=$1 GEN=$2 RULES=$3 N=${4:-5000000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$GEN" "$T/cap.sk" "$N" ${MIX:-}
echo "mix: ${MIX:-ordinary}"
echo '[]' >"$T/none.yaml"
events=$("$SAKER" replay "$T/cap.sk" -r "$T/none.yaml" 2>&1 >/dev/null |
	sed -n 's/^saker replay: \([0-9]*\) events replayed.*/\1/p')

best() { # rules file -> best wall seconds of 3 runs
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$SAKER" replay "$T/cap.sk" -r "$1" >/dev/null 2>&1
		e=$(date +%s.%N)
		b=$(echo "$s $e ${b:-}" | awk '{d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3}')
	done
	echo "$b"
}
t0=$(best "$T/none.yaml")
t1=$(best "$RULES")
echo "$events $t0 $t1" | awk '{
	printf "events:               %d\n", $1
	printf "no rules:             %.3f s  %.2f M events/s\n", $2, $1 / $2 / 1e6
	printf "falco_rules.yaml:     %.3f s  %.2f M events/s\n", $3, $1 / $3 / 1e6
	printf "ratio rules/no rules: %.2f\n", $3 / $2
}'
