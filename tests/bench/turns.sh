#!/usr/bin/env bash
# turns.sh - commands timed in turns: each run of every command follows a
# run of each of the others, so that a machine whose speed changes from
# one minute to the next (a virtual machine shared with other jobs) slows
# them all alike, where hyperfine times each command's runs together.
# Prints, for each command, the median, the tenth and the ninetieth
# percentile of its wall-clock times in milliseconds, then each command's
# median against the last one's.
#
#   tests/bench/turns.sh 'CMD1' 'CMD2' ... 'PEER'
#   RUNS=30 (runs of each, default 20), WARMUP=2 (runs of each first,
#   not timed)
#
# A command is run by bash -c, its output thrown away; its exit status
# is not looked at (rg and parley exit 1 when nothing matched).  Needs
# bash 5 ($EPOCHREALTIME).
set -eu
runs=${RUNS:-20}
warmup=${WARMUP:-2}
[ $# -ge 1 ] || { echo "usage: ${0##*/} 'CMD' ... 'PEER'" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "${0##*/}: needs bash 5" >&2; exit 2; }
cmds=("$@")
n=${#cmds[@]}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# microseconds since the epoch
now() {
	local t=${EPOCHREALTIME/[.,]/}
	echo "$t"
}

for ((w = 0; w < warmup; w++)); do
	for ((i = 0; i < n; i++)); do
		bash -c "${cmds[i]}" >/dev/null 2>&1 || true
	done
done
for ((r = 0; r < runs; r++)); do
	for ((i = 0; i < n; i++)); do
		a=$(now)
		bash -c "${cmds[i]}" >/dev/null 2>&1 || true
		b=$(now)
		echo $((b - a)) >>"$tmp/$i"
	done
done

# the value at fraction q (0..1) of the sorted times of command i, in ms
at() {
	sort -n "$tmp/$1" | awk -v q="$2" '{ v[NR] = $1 } END {
		k = int(q * (NR - 1) + 0.5) + 1; printf "%.1f", v[k] / 1000 }'
}

peer=$(at $((n - 1)) 0.5)
for ((i = 0; i < n; i++)); do
	med=$(at "$i" 0.5)
	ratio=$(awk -v a="$med" -v b="$peer" 'BEGIN { printf "%.2f", a / b }')
	printf '%8s ms median (%s to %s)  %sx  %s\n' "$med" "$(at "$i" 0.1)" "$(at "$i" 0.9)" "$ratio" "${cmds[i]}"
done
