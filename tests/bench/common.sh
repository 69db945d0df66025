# common.sh - what the benchmark's scripts share, sourced by run.sh and
# words.sh: where the corpora are (BENCH_DIR: run.sh makes them there,
# words.sh reads them) and which parley they measure (PARLEY, else
# ./parley from the build directory, else the one on PATH).
work=${BENCH_DIR:-${TMPDIR:-/tmp}/parley-bench}
parley=${PARLEY:-}
if [ -z "$parley" ]; then
	if [ -x ./parley ]; then parley=$(pwd)/parley; else parley=$(command -v parley || true); fi
fi
[ -x "$parley" ] || { echo "${0##*/}: parley not found: set PARLEY" >&2; exit 2; }
