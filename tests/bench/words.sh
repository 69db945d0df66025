#!/usr/bin/env bash
# words.sh - query --count --text of many words, warm (the index cache
# made first), against rg -c -i on the same files, in both layouts of
# run.sh's corpus (its many files, and the same readouts as one .jsonl).
# The words are of every kind a user looks for: rare and common, in
# French, Russian, Chinese and English, a phrase, a number, a word that
# begins as it ends and so can overlap itself (health), and words in
# nearly every readout (UN, de, и, the, 的), the hardest case against rg -c,
# which stops at a line's first hit where a count of positions looks at
# every position's span and summary: those are measured against
# rg --count-matches -i too, which finds every hit as parley must.
# Prints one table, markdown; the target is within 1.5x of rg -c -i.
# The .jsonl and the index caches are dropped from the page cache and read
# again first (settle, common.sh), so that rg's file and parley's are held
# alike (the many small files are not: each is a piece or a few whatever
# is done).
#
#   tests/bench/words.sh [SIZE]     SIZE readouts (default 10000), from
#                                   the build directory; run.sh SIZE (its
#                                   default is 1000: give the same SIZE)
#                                   must have made the corpora (both
#                                   layouts) in BENCH_DIR
#   WORDS="a b" tests/bench/words.sh   other words (one each)
#
# Environment: PARLEY (default ./parley), BENCH_DIR (as run.sh), RUNS
# (timed runs per command, default 10).  Needs hyperfine, jq and rg.
set -eu
size=${1:-10000}
runs=${RUNS:-10}
. "$(cd "$(dirname "$0")" && pwd)/common.sh" # (work, parley)
for tool in hyperfine jq rg; do
	command -v $tool >/dev/null || { echo "words.sh: $tool is needed (Debian: apt-get install hyperfine jq ripgrep)" >&2; exit 2; }
done
files=$work/corpus-$size jsonl=$work/jsonl-$size
for d in "$files" "$jsonl"; do
	[ -d "$d" ] || { echo "words.sh: no $d: run tests/bench/run.sh $size first" >&2; exit 2; }
done
export XDG_CACHE_HOME=$work/xdg-words PARLEY_MAX_FILE_SIZE=none
dense="UN de и the 的"
if [ -n "${WORDS:-}" ]; then
	read -r -a words <<<"$WORDS"
	for w in "${words[@]}"; do
		case $w in *"'"*) echo "words.sh: $w: a word with ' cannot be given (hyperfine's command line)" >&2; exit 2 ;; esac
	done
else
	words=(сотрудничество sécurité 合作 "santé publique" OTAN 2021 health UN de и the 的)
fi

# time CMD1 CMD2: "a, b ms: a/bx", hyperfine's means (exit 1, no match, is
# no failure)
time2() {
	local j=$work/words.json
	hyperfine -N -i -w 3 -r "$runs" --export-json "$j" "$1" "$2" >/dev/null 2>&1
	jq -r '[.results[].mean * 1000] | "\(.[0] * 10 | round / 10), \(.[1] * 10 | round / 10) ms: \((.[0] / .[1]) * 100 | round / 100)x"' "$j"
}

for d in "$files" "$jsonl"; do # the index caches, made once
	"$parley" query -c --text x "$d" >/dev/null 2>&1 || true
done
# the .jsonl and the index caches held alike (common.sh)
settle "$jsonl"/*.jsonl "$XDG_CACHE_HOME"/parley/*
echo "words, $size readouts, warm, $runs runs each ($(date +%F)); parley, rg -c -i"
echo
echo "| --text | .jsonl: parley, rg -c -i | $(find -H "$files" -type f | grep -c -E '\.jsonl?$') files: parley, rg -c -i | positions |"
echo "|---|---|---|---|"
for w in "${words[@]}"; do
	a=$(time2 "'$parley' query -c --text '$w' '$jsonl'" "rg -c -i '$w' '$jsonl'")
	b=$(time2 "'$parley' query -c --text '$w' '$files'" "rg -c -i '$w' '$files'")
	n=$("$parley" query -c --text "$w" "$jsonl" 2>/dev/null || true)
	echo "| $w | $a | $b | $n |"
done
for w in "${words[@]}"; do
	case " $dense " in *" $w "*) ;; *) continue ;; esac
	a=$(time2 "'$parley' query -c --text '$w' '$jsonl'" "rg --count-matches -i '$w' '$jsonl'")
	b=$(time2 "'$parley' query -c --text '$w' '$files'" "rg --count-matches -i '$w' '$files'")
	echo "| $w, against rg --count-matches -i | $a | $b | |"
done
