#!/usr/bin/env bash
# run.sh - parley's benchmark: builds a synthetic corpus with gen.c and
# measures, in one run on the same files, `parley query --count` with a
# speaker+topic filter against jq doing the same selection and against
# `rg -c` of the speaker's name (the floor: reading the bytes), without the
# index cache (cold) and with it (warm), and parley's peak memory against
# the corpus size; in the browser (tmux), the first screen, the facets
# complete, keystroke latency, the time to save one edit and to search
# every text, and to open and search one readout of 100 MB of text; and
# `parley extract` drafting SIZE plain readouts against a
# Python script that only splits them into sentences (split.py); and one
# edit saved in one readout of POSITIONS positions.  Prints a table (the
# README shows the latest one); then the same readouts as one JSON Lines
# file (each compacted to a line by jq -c, in the corpus's order), every
# row of the corpus again against its peers on that file, in a second
# table.
#
#   tests/bench/run.sh [SIZE]       SIZE readouts, 1000 by default
#   LAYOUT=files tests/bench/run.sh    the many files alone (jsonl: one
#                                      .jsonl alone; both: the default)
#   ONLY=big-save tests/bench/run.sh   the last row alone (no jq, rg needed)
#
# Environment: PARLEY (the program; default ./parley, else parley on the
# PATH), BENCH_DIR (work directory, default ${TMPDIR:-/tmp}/parley-bench),
# RUNS (timed runs per command, default 5), POSITIONS (of the long readout,
# default 100000), CC.  Uses hyperfine when it is installed, else the median
# of RUNS runs timed with date +%s%N.  Needs jq and rg (Debian: jq ripgrep;
# hyperfine is optional).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
size=${1:-1000}
runs=${RUNS:-5}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/parley-bench}
parley=${PARLEY:-}
if [ -z "$parley" ]; then
	if [ -x ./parley ]; then parley=$(pwd)/parley; else parley=$(command -v parley || true); fi
fi
[ -x "$parley" ] || { echo "run.sh: parley not found: set PARLEY" >&2; exit 2; }
only=${ONLY:-}
layout=${LAYOUT:-both}
case $layout in
files | jsonl) ;;
both)
	if [ -z "$only" ]; then
		LAYOUT=files "$0" "$@"
		echo
		LAYOUT=jsonl BENCH_COMMON=no "$0" "$@"
		exit
	fi ;;
*) echo "run.sh: LAYOUT=$layout: files, jsonl or both" >&2; exit 2 ;;
esac
common=${BENCH_COMMON:-yes} # the rows that are not of the corpus (extract, big-save)
case $only in
"" | big-save) ;;
*) echo "run.sh: ONLY=$only: only big-save can run alone" >&2; exit 2 ;;
esac
[ -n "$only" ] || for tool in jq rg; do
	command -v $tool >/dev/null || { echo "run.sh: $tool is needed (Debian: apt-get install jq ripgrep)" >&2; exit 2; }
done
mkdir -p "$work"
cc=${CC:-cc}
$cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$work/gen" "$here/gen.c"
$cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$work/maxrss" "$here/maxrss.c"
stamp=$(cksum <"$here/gen.c" | cut -d' ' -f1)
export XDG_CACHE_HOME=$work/xdg XDG_STATE_HOME=$work/state # the browser's journal too

ms() { awk -v s="$1" 'BEGIN {printf "%.0f ms", s * 1000}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
verdict() { awk -v a="$1" -v b="$2" -v k="$3" 'BEGIN {print (a <= b * k) ? "met" : "NOT met"}'; }

# browse NAME EXTRA-ENV [KEYS [CORPUS [SECONDS]]]: the browser, in a tmux of
# 120x40, replays KEYS (PARLEY_REPLAY) once the corpus is loaded and quits;
# its figures (PARLEY_BENCH) in $work/NAME.txt, its peak RSS in
# $work/NAME.rss once it has ended.  Waits at most SECONDS (60) for it, and
# then ends it.
browse() {
	local pid
	rm -f "$work/$1.txt" "$work/$1.rss" "$work/$1.pid"
	sync; sleep 1 # the previous run's writes (the cache) settle first
	tmux -L parley-bench-$$ kill-server 2>/dev/null || true
	tmux -L parley-bench-$$ -f /dev/null new-session -d -x 120 -y 40 \
		"echo \$\$ >'$work/$1.pid'; exec env LANG=C.UTF-8 TERM=xterm-256color $2 PARLEY_BENCH='$work/$1.txt' \
		 PARLEY_REPLAY='${3:-$keys}' '$work/maxrss' '$parley' '${4:-$corpus}' 2>'$work/$1.rss'"
	for _ in $(seq $(( ${5:-60} * 10 ))); do
		grep -q '^maxrss' "$work/$1.rss" 2>/dev/null && break
		sleep 0.1
	done
	# not done in time: the parley under maxrss goes, then the session
	pid=$(cat "$work/$1.pid" 2>/dev/null)
	if [ -n "$pid" ] && ! grep -q '^maxrss' "$work/$1.rss" 2>/dev/null; then
		pid=$(pgrep -P "$pid" | head -n 1)
		[ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true
	fi
	tmux -L parley-bench-$$ kill-server 2>/dev/null || true
}

# One edit saved in one readout of POSITIONS positions (gen --positions),
# on a copy of hard links as below: Enter, Tab, z (the readout's first
# edit, the first position's stance: its JSON is read from the file), w
# (the first save: the file was not in parley's layout, and is written
# whole), z, w (a second save: only what changed is merged).  The times of
# the first z and of the two w keys, redraw included, and the browser's
# peak RSS (the whole run: loading the readout too) against the file's
# size.
big_save_row() {
	local npos=${POSITIONS:-100000} bdir bfile bytes t_y t_w1 t_w2 r
	bdir=$work/big-$npos
	bfile=$bdir/big.json
	if [ "$(cat "$bdir/.stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$bdir" && mkdir -p "$bdir"
		"$work/gen" --positions "$npos" "$bfile"
		echo "$stamp" >"$bdir/.stamp"
	fi
	bytes=$(stat -c %s "$bfile")
	rm -rf "$work/big-copy" "$XDG_STATE_HOME"
	mkdir -p "$work/big-copy"
	ln "$bfile" "$work/big-copy/big.json"
	browse big-save "PARLEY_NO_CACHE=1 PARLEY_BENCH_ALL=1 USER=bench" "$(printf '\r\tzwzw')" "$work/big-copy" \
		"${BIG_TIMEOUT:-600}"
	t_y=$(awk '/^key 2 / {print $3 / 1000}' "$work/big-save.txt" 2>/dev/null)
	t_w1=$(awk '/^key 3 / {print $3 / 1000}' "$work/big-save.txt" 2>/dev/null)
	t_w2=$(awk '/^key 5 / {print $3 / 1000}' "$work/big-save.txt" 2>/dev/null)
	r=$(sed -n 's/^maxrss //p' "$work/big-save.rss" 2>/dev/null | awk '{print $1 * 1024}')
	if [ -n "$t_w2" ] && [ "$(stat -c %h "$work/big-copy/big.json")" = 1 ]; then
		printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: one edit saved, a readout of $npos positions" \
			"$(ms "$t_w1") / $(ms "$t_w2")" "edit (z) $(ms "$t_y")" "< 50 ms: $(verdict "$t_w2" 0.05 1)"
		printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, browser, that readout" "$(mb "$r")" \
			"file $(mb "$bytes"): $(ratio "$r" "$bytes")" ""
	else
		printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: one edit saved, a readout of $npos positions" \
			"not done in ${BIG_TIMEOUT:-600} s" "" "< 50 ms: NOT met"
	fi
	rm -rf "$work/big-copy"
}
if [ -n "$only" ]; then
	echo "parley benchmark: one readout of ${POSITIONS:-100000} positions ($(date -u +%Y-%m-%d))"
	echo "the first save (the file in another layout) / a second save; w and y with their redraw"
	echo
	printf '| %-44s | %-14s | %-22s | %-16s |\n' "measure" "parley" "compared with" "target"
	printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------------" "------------------------" "------------------"
	command -v tmux >/dev/null || { echo "run.sh: the browser rows need tmux" >&2; exit 2; }
	big_save_row
	exit 0
fi

corpus=$work/corpus-$size
if [ "$(cat "$corpus/.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$corpus"
	"$work/gen" "$size" "$corpus"
	echo "$stamp" >"$corpus/.stamp"
	sleep 2 # files modified in the last second are not trusted from a cache
fi
if [ "$layout" = jsonl ]; then
	# the same readouts as one .jsonl, in the corpus's order (byte order of
	# path), each compacted to one line
	many=$corpus
	corpus=$work/jsonl-$size
	if [ "$(cat "$corpus/.stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$corpus" && mkdir -p "$corpus"
		find "$many" -type f \( -name '*.json' -o -name '*.jsonl' \) -print0 | LC_ALL=C sort -z |
			xargs -0 jq -c . >"$corpus/all.jsonl"
		echo "$stamp" >"$corpus/.stamp"
		sleep 2
	fi
fi
bytes=$(find "$corpus" -type f \( -name '*.json' -o -name '*.jsonl' \) -printf '%s\n' | awk '{s += $1} END {print s}')
files=$(find "$corpus" -type f \( -name '*.json' -o -name '*.jsonl' \) | wc -l)
rm -rf "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

sp=sp-0001 topic=climate name='Karo Limadenko'
q_cold="'$parley' query --no-cache -c -s $sp -t $topic '$corpus'"
q_warm="'$parley' query -c -s $sp -t $topic '$corpus'"
q_jq="find '$corpus' -type f \\( -name '*.json' -o -name '*.jsonl' \\) -print0 | sort -z | xargs -0 jq -n --arg sp $sp --arg t $topic -f '$here/select.jq' | awk '{s += \$1} END {print s}'"
q_rg="rg -c '$name' '$corpus'"

# the same answer first
n_parley=$(sh -c "$q_cold")
n_jq=$(sh -c "$q_jq")
sh -c "$q_warm" >/dev/null # builds the index cache
n_warm=$(sh -c "$q_warm")
[ "$n_parley" = "$n_jq" ] && [ "$n_warm" = "$n_parley" ] ||
	echo "run.sh: WARNING: counts differ: parley $n_parley, warm $n_warm, jq $n_jq" >&2

secs() { # secs COMMAND: mean (hyperfine) or median wall-clock seconds
	if command -v hyperfine >/dev/null; then
		hyperfine -S sh --warmup 1 --runs "$runs" --export-json "$work/h.json" -- "$1" >/dev/null 2>&1
		jq -r '.results[0].mean' "$work/h.json"
	else
		for _ in $(seq "$runs"); do
			a=$(date +%s%N); sh -c "$1" >/dev/null 2>&1; b=$(date +%s%N)
			echo $(( b - a ))
		done | sort -n | awk '{v[NR] = $1} END {printf "%.4f\n", v[int((NR + 1) / 2)] / 1e9}'
	fi
}
rss() { # rss COMMAND...: peak RSS in bytes
	"$work/maxrss" "$@" 2>&1 >/dev/null | sed -n 's/^maxrss //p' | awk '{print $1 * 1024}'
}

t_cold=$(secs "$q_cold")
t_warm=$(secs "$q_warm")
t_jq=$(secs "$q_jq")
t_rg=$(secs "$q_rg")
r_cold=$(rss "$parley" query --no-cache -c -s $sp -t $topic "$corpus")
r_warm=$(rss "$parley" query -c -s $sp -t $topic "$corpus")
r_stats=$(rss "$parley" stats --no-cache "$corpus")
r_stats_w=$(rss "$parley" stats "$corpus")
r_val=$(rss "$parley" validate "$corpus")

# The browser, in a tmux of 120x40: PARLEY_BENCH gets the time to the first
# screen and to the complete corpus and facets; PARLEY_REPLAY feeds keys
# (moving, opening, filtering, stepping through matches) and reports each
# key's time from reading it to the end of the redraw.  Cold: no cache.
b_first=n/a b_loaded=n/a b_first_w=n/a b_loaded_w=n/a b_p50=n/a b_p99=n/a b_rss=0 b_rss_w=0 b_save= t_jq_save= b_find=
if command -v tmux >/dev/null; then
	# three times over: a p99 over 336 keys is not the second slowest of 112
	keys=$(printf 'jjjjjjjjjjkkkkk\tjj\rjj\r\t\rjjjjjjjjjjjjjjjjjjjjkkkkkkkkkk]]]]]]]]][[[[[[\tjjjjjjjjjjjjkkkkkkk\tGgnnnnnnnnNNNN}}}}}{{{')
	keys=$keys$keys$keys
	browse cold "PARLEY_NO_CACHE=1"
	browse warm ""
	# keystrokes: three more runs; a machine's hiccup (another process, a
	# virtual machine's stolen time) shows in one run, not in the median
	browse keys1 ""
	browse keys2 ""
	browse keys3 ""
	med() { sort -n | sed -n 2p; }
	keyfig() { for k in keys1 keys2 keys3; do awk -v f="$1" '/^keys/ {print $f}' "$work/$k.txt"; done; }
	b_p50=$(keyfig 4 | med)
	b_p99=$(keyfig 6 | med)
	b_p99s=$(keyfig 6 | sort -n | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
	b_first=$(awk '/^first_screen_ms/ {print $2 / 1000}' "$work/cold.txt")
	b_loaded=$(awk '/^loaded_ms/ {print $2 / 1000}' "$work/cold.txt")
	b_first_w=$(awk '/^first_screen_ms/ {print $2 / 1000}' "$work/warm.txt")
	b_loaded_w=$(awk '/^loaded_ms/ {print $2 / 1000}' "$work/warm.txt")
	b_keys=$(awk '/^keys/ {print $2}' "$work/keys1.txt")
	b_rss=$(sed -n 's/^maxrss //p' "$work/cold.rss" | awk '{print $1 * 1024}')
	b_rss_w=$(sed -n 's/^maxrss //p' "$work/warm.rss" | awk '{print $1 * 1024}')
	# saving one edit (the UI waits for it): open the first readout, accept
	# its first position, w; the time of the w key.  On a copy of hard links:
	# a save writes a new file and renames it, leaving the corpus as it was.
	# The peer: jq making the same change to that file (a read, a rewrite;
	# in a .jsonl file jq changes every line, there being no way to pick one).
	rm -rf "$work/save-copy"
	cp -al "$corpus" "$work/save-copy"
	browse save "PARLEY_BENCH_ALL=1 USER=bench" "$(printf '\r\tyw')" "$work/save-copy"
	b_save=$(awk '/^key 3 / {print $3 / 1000}' "$work/save.txt")
	saved=$(find "$work/save-copy" -type f -links 1 \( -name '*.json' -o -name '*.jsonl' \) | head -n 1)
	if [ -n "$saved" ]; then
		case $saved in
		*.jsonl) jq_save="jq -c '.positions[0].review = \"accepted\"' '$saved' >'$work/save.out' && mv '$work/save.out' '$work/save.jq'" ;;
		*) jq_save="jq '.positions[0].review = \"accepted\"' '$saved' >'$work/save.out' && mv '$work/save.out' '$work/save.jq'" ;;
		esac
		t_jq_save=$(secs "$jq_save")
		saved_kb=$(( $(stat -c %s "$saved") / 1024 ))
	fi
	rm -rf "$work/save-copy"
	# searching the whole corpus (F): case- and accent-insensitive over
	# every text, read back from the files; the peer: rg -c -i
	browse find "PARLEY_BENCH_ALL=1" "$(printf 'F%s\r' "$name")"
	b_find=$(awk '/^key 0 / {print $3 / 1000}' "$work/find.txt")
	t_rg_i=$(secs "rg -c -i '$name' '$corpus'")
	# one readout whose text is 100 MB (gen --big): opening it (Enter),
	# searching it as one types (/cooperation, Enter), n, and the peak
	# memory, loading included
	big=$work/big-100
	[ "$common" = yes ] || big= # the same file in either layout: once
	[ -z "$big" ] ||
	if [ ! -s "$big/big.json" ] || [ "$(cat "$big/.stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$big" && mkdir -p "$big"
		"$work/gen" --big 100 "$big/big.json"
		echo "$stamp" >"$big/.stamp"
	fi
	[ -z "$big" ] || {
	browse long "PARLEY_NO_CACHE=1 PARLEY_BENCH_ALL=1" "$(printf '\r/cooperation\rn')" "$big"
	b_long_open=$(awk '/^key 0 / {print $3 / 1000}' "$work/long.txt")
	b_long_find=$(awk '/^key 1 / {print $3 / 1000}' "$work/long.txt")
	b_long_n=$(awk '/^key 2 / {print $3 / 1000}' "$work/long.txt")
	b_long_rss=$(sed -n 's/^maxrss //p' "$work/long.rss" | awk '{print $1 * 1024}')
	b_long_bytes=$(wc -c <"$big/big.json")
	}
fi

if [ "$common" = yes ]; then
# drafting readouts from plain texts: the development set's texts, copied
# to make SIZE files; the peer reads them and splits them into sentences
# (split.py)
x_dir=$work/extract-$size
rm -rf "$x_dir" && mkdir -p "$x_dir/in" "$x_dir/out"
devtxt=$(ls "$here"/../extract/dev/*.txt)
i=0
while [ "$i" -lt "$size" ]; do
	for f in $devtxt; do
		[ "$i" -lt "$size" ] || break
		cp "$f" "$x_dir/in/$i.txt"
		i=$((i + 1))
	done
done
x_bytes=$(cat "$x_dir"/in/*.txt | wc -c)
t_x=$(secs "'$parley' extract -q -f -o '$x_dir/out' '$x_dir'/in/*.txt")
t_py=n/a
command -v python3 >/dev/null && t_py=$(secs "python3 '$here/split.py' '$x_dir'/in/*.txt")
r_x=$(rss "$parley" extract -q -f -o "$x_dir/out" "$x_dir"/in/*.txt)
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "parley benchmark: $size readouts in $files files ($layout), $(mb "$bytes") ($(date -u +%Y-%m-%d))"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1e6}' /proc/meminfo)"
echo "query: --count --speaker $sp --topic $topic ($n_parley positions); rg -c '$name'"
echo "timing: $(command -v hyperfine >/dev/null && echo "hyperfine, mean of $runs runs" || echo "median of $runs runs")"
echo
printf '| %-44s | %-14s | %-22s | %-16s |\n' "measure" "parley" "compared with" "target"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------------" "------------------------" "------------------"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "query, no index cache (cold)" "$(ms "$t_cold")" "jq $(ms "$t_jq"): $(ratio "$t_cold" "$t_jq")" "<= 0.5x jq: $(verdict "$t_cold" "$t_jq" 0.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "query, index cache (warm)" "$(ms "$t_warm")" "rg -c $(ms "$t_rg"): $(ratio "$t_warm" "$t_rg")" "<= 3x rg: $(verdict "$t_warm" "$t_rg" 3)"
if [ "$b_first" != n/a ]; then
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: first screen (cold / warm)" "$(ms "$b_first") / $(ms "$b_first_w")" "" "< 100 ms: $(verdict "$b_first" 0.1 1)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: facets complete, no cache (cold)" "$(ms "$b_loaded")" "jq $(ms "$t_jq"): $(ratio "$b_loaded" "$t_jq")" "<= 0.5x jq: $(verdict "$b_loaded" "$t_jq" 0.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: facets complete, index cache (warm)" "$(ms "$b_loaded_w")" "jq: $(ratio "$b_loaded_w" "$t_jq")" ""
else
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: first screen / facets complete" "n/a (no tmux)" "" ""
fi
if [ "$common" != yes ]; then
:
elif [ "$t_py" != n/a ]; then
printf '| %-44s | %-14s | %-22s | %-16s |\n' "extract: draft $size readouts ($(mb "$x_bytes"))" "$(ms "$t_x")" "split.py $(ms "$t_py"): $(ratio "$t_x" "$t_py")" "<= 3x: $(verdict "$t_x" "$t_py" 3)"
else
printf '| %-44s | %-14s | %-22s | %-16s |\n' "extract: draft $size readouts ($(mb "$x_bytes"))" "$(ms "$t_x")" "n/a (no python3)" ""
fi
[ "$common" != yes ] || printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, extract $size readouts" "$(mb "$r_x")" "" ""
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, query cold" "$(mb "$r_cold")" "corpus $(mb "$bytes"): $(ratio "$r_cold" "$bytes")" "<= 1.5x: $(verdict "$r_cold" "$bytes" 1.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, query warm" "$(mb "$r_warm")" "corpus: $(ratio "$r_warm" "$bytes")" "<= 1.5x: $(verdict "$r_warm" "$bytes" 1.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, stats cold / warm" "$(mb "$r_stats") / $(mb "$r_stats_w")" "corpus: $(ratio "$r_stats" "$bytes") / $(ratio "$r_stats_w" "$bytes")" "<= 1.5x: $(verdict "$r_stats" "$bytes" 1.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, validate" "$(mb "$r_val")" "corpus: $(ratio "$r_val" "$bytes")" "<= 0.25x: $(verdict "$r_val" "$bytes" 0.25)"
if [ "$b_first" != n/a ]; then
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, browser cold" "$(mb "$b_rss")" "corpus: $(ratio "$b_rss" "$bytes")" "<= 1.5x: $(verdict "$b_rss" "$bytes" 1.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, browser warm" "$(mb "$b_rss_w")" "corpus: $(ratio "$b_rss_w" "$bytes")" "<= 1.5x: $(verdict "$b_rss_w" "$bytes" 1.5)"
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: keystroke p50 / p99 ($b_keys keys)" "$b_p50 / $b_p99 ms" "p99 of 3 runs: $b_p99s" "p99 < 5 ms: $(verdict "$b_p99" 5 1)"
if [ -n "$b_save" ] && [ -n "$t_jq_save" ]; then
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: save one edit (w, a ${saved_kb} KB file)" "$(ms "$b_save")" "jq on that file $(ms "$t_jq_save"): $(ratio "$b_save" "$t_jq_save")" ""
else
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: save one edit" "n/a (no save)" "" ""
fi
if [ -n "$b_find" ]; then
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: search all texts (F $name)" "$(ms "$b_find")" "rg -c -i $(ms "$t_rg_i"): $(ratio "$b_find" "$t_rg_i")" ""
fi
if [ -n "${b_long_open:-}" ]; then
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: open a 100 MB text (Enter)" "$(ms "$b_long_open")" "" ""
printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: / in it as typed (cooperation), n" "$(ms "$b_long_find") / $(ms "$b_long_n")" "" ""
printf '| %-44s | %-14s | %-22s | %-16s |\n' "peak RSS, browser on it (loading included)" "$(mb "$b_long_rss")" "file $(mb "$b_long_bytes"): $(ratio "$b_long_rss" "$b_long_bytes")" ""
fi
[ "$common" != yes ] || big_save_row
fi
