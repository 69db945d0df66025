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

# settle FILE...: each file dropped from the page cache and read again,
# so that the files a row compares (a .jsonl, and the index cache parley
# reads in its place) are held alike.  The kernel keeps a file read at
# once in large pieces; reclaim later breaks them up, and a file held in
# small pieces is read more slowly (rg -c -i on a .jsonl of 100000
# readouts: 107 ms, then 69 ms once the file was read afresh).  Dropping
# needs no privilege: dd's nocache asks the kernel for the file's clean
# pages not mapped by a process.
settle() {
	local f
	for f in "$@"; do
		[ -f "$f" ] || continue
		dd if="$f" iflag=nocache count=0 status=none 2>/dev/null || true
		cat "$f" >/dev/null
	done
}
