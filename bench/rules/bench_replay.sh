#!/usr/bin/env bash
# bench_replay.sh - replay throughput with no rules vs Falco's stable rules
# on a synthetic capture (tests/rules/gen_scenarios: the attack scenarios,
# then filler that is 98% read/write, 1% openat+close, 1% fork+execve+exit).
# With MIX=heavy the filler is only openat+close and fork+execve+exit, the
# record types Falco's rules are indexed under (a worst case for rules).
# Prints, best of 3, wall time and CPU time (user+sys, steadier on a busy
# machine), events/s and the cost ratio. No assertion: targets are >= 1M
# events/s with falco_rules.yaml and a ratio <= 2.
# usage: bench_replay.sh SAKER GEN_SCENARIOS FALCO_RULES [NEVENTS]
set -euo pipefail
SAKER=$1 GEN=$2 RULES=$3 N=${4:-5000000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$GEN" "$T/cap.sk" "$N" ${MIX:-}
echo "mix: ${MIX:-ordinary}"
echo '[]' >"$T/none.yaml"
events=$("$SAKER" replay "$T/cap.sk" -r "$T/none.yaml" 2>&1 >/dev/null |
	sed -n 's/^saker replay: \([0-9]*\) events replayed.*/\1/p')

best() { # rules file -> "wall cpu", each the best of 3 runs
	local bw= bc= i
	TIMEFORMAT='%R %U %S'
	for i in 1 2 3; do
		read -r w u s < <({ time "$SAKER" replay "$T/cap.sk" -r "$1" >/dev/null 2>&1; } 2>&1)
		c=$(echo "$u $s" | awk '{print $1 + $2}')
		bw=$(echo "$w ${bw:-$w}" | awk '{print ($1 < $2) ? $1 : $2}')
		bc=$(echo "$c ${bc:-$c}" | awk '{print ($1 < $2) ? $1 : $2}')
	done
	echo "$bw $bc"
}
read -r w0 c0 <<<"$(best "$T/none.yaml")"
read -r w1 c1 <<<"$(best "$RULES")"
echo "$events $w0 $c0 $w1 $c1" | awk '{
	printf "events:            %d\n", $1
	printf "no rules:          wall %.3f s (%.2f M ev/s)  cpu %.3f s (%.2f M ev/s)\n", $2, $1 / $2 / 1e6, $3, $1 / $3 / 1e6
	printf "falco_rules.yaml:  wall %.3f s (%.2f M ev/s)  cpu %.3f s (%.2f M ev/s)\n", $4, $1 / $4 / 1e6, $5, $1 / $5 / 1e6
	printf "ratio rules/none:  wall %.2f  cpu %.2f\n", $4 / $2, $5 / $3
}'
