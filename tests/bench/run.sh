#!/usr/bin/env bash
# run.sh - parley's benchmark: builds a synthetic corpus with gen.c and
# measures each row against its peer in the same run, on the same files.
# Prints one table per layout: the corpus as gen.c makes it (many .json
# files, some .jsonl of 50) and the same readouts as one JSON Lines file
# (each compacted to a line by jq -c, in the corpus's order).  The rows,
# the target of each in its last column (the issue's for one big .jsonl,
# the same in both tables), met or NOT met:
#   query --count --speaker X --topic Y (one answer checked first: parley's
#     three ways and jq's count the same), against jq doing the selection
#     (select.jq) and rg -c of the speaker's name (the floor: reading the
#     bytes): with --no-cache (<= 0.5x jq); with no cache file present, so
#     that the run writes the index cache (removed before each run, e.g.
#     hyperfine --prepare; <= 0.5x jq); with the cache (warm, <= 2x rg -c)
#   the browser, in a 120x40 tmux (PARLEY_BENCH): the first screen (< 100
#     ms), the facets complete without the cache (<= 0.5x jq) and with it
#     (< 1 s; with the cache: the median of four runs, each run's listed)
#   peak RSS against the corpus size: query --no-cache (<= 1.5x), the query
#     writing the cache (<= 0.25x), the warm query (<= 1x; and without a
#     filter: printing every position, every readout kept, <= 1x; counting
#     them, none kept, <= 1x), stats (without filters it holds no readout:
#     cold <= 0.25x as validate, warm <= 1x as the warm query),
#     validate (<= 0.25x), the browser cold and warm (<= 1.5x)
#   keystroke latency, from reading a replayed key (PARLEY_REPLAY) to the
#     end of its redraw: p50 / p99 of 336 keys once loaded (median of three
#     runs, p99 < 5 ms); and during the load (PARLEY_REPLAY_EARLY, no cache,
#     three runs): 360 keys that make sense mid-load from the first screen
#     on, paced to span most of the cold load, p50 / p99 of those read while
#     loading (median of three runs; N: the fewest of a run; p99 < 5 ms)
#   query --count --text of the speaker's name, warm (the words of every
#     position's span and summary), against rg -c -i (<= 1.5x); and of a
#     word found in about half the readouts ("cooperation")
#   saving one edit (w) against jq making the same change to that file;
#     searching every text (F, the median of three) against rg -c -i
#     (<= 1.5x); opening and
#     searching one readout of 100 MB of text
#   parley extract drafting SIZE plain readouts against a Python script
#     that only splits them into sentences (split.py, <= 3x); and one edit
#     saved in one readout of POSITIONS positions (< 50 ms)
# The rows of no corpus (extract, the 100 MB text, the long readout) are
# in the first table only (LAYOUT=both).  The README shows the latest
# tables.
#
#   tests/bench/run.sh [SIZE]       SIZE readouts, 1000 by default
#   LAYOUT=files tests/bench/run.sh    the many files alone (jsonl: one
#                                      .jsonl alone; both: the default)
#   ONLY=big-save tests/bench/run.sh   the last row alone (no jq, rg needed)
#   ONLY=find tests/bench/run.sh       the row of F alone, in each layout
#                                      (LAYOUT), F replayed RUNS times: the
#                                      median, and each run's figure
#
# Environment: PARLEY (the program; default ./parley, else parley on the
# PATH), BENCH_DIR (work directory, default ${TMPDIR:-/tmp}/parley-bench),
# RUNS (timed runs per command, default 5), POSITIONS (of the long readout,
# default 100000), BROWSE_TIMEOUT (seconds a browser run may take: 60, and
# 2 more per 1000 readouts), PARLEY_MAX_FILE_SIZE (none by default: the
# .jsonl of 100000 readouts is 0.7 GB), CC.  The corpus is made once per
# gen.c (a stamp); 100000 readouts take about 0.8 GB in each layout.  Uses
# hyperfine when it is installed, else the median of RUNS runs timed with
# date +%s%N.  Needs jq and rg (Debian: jq ripgrep; hyperfine is optional).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
size=${1:-1000}
runs=${RUNS:-5}
. "$here/common.sh" # (work, parley)
only=${ONLY:-}
layout=${LAYOUT:-both}
case $layout in
files | jsonl) ;;
both)
	if [ -z "$only" ] || [ "$only" = find ]; then
		LAYOUT=files "$0" "$@"
		echo
		LAYOUT=jsonl BENCH_COMMON=no "$0" "$@"
		exit
	fi ;;
*) echo "run.sh: LAYOUT=$layout: files, jsonl or both" >&2; exit 2 ;;
esac
common=${BENCH_COMMON:-yes} # the rows that are not of the corpus (extract, big-save)
case $only in
"" | big-save | find) ;;
*) echo "run.sh: ONLY=$only: big-save or find" >&2; exit 2 ;;
esac
[ "$only" = big-save ] || for tool in jq rg; do
	command -v $tool >/dev/null || { echo "run.sh: $tool is needed (Debian: apt-get install jq ripgrep)" >&2; exit 2; }
done
mkdir -p "$work"
cc=${CC:-cc}
$cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$work/gen" "$here/gen.c"
$cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$work/maxrss" "$here/maxrss.c"
stamp=$(cksum <"$here/gen.c" | cut -d' ' -f1)
export XDG_CACHE_HOME=$work/xdg XDG_STATE_HOME=$work/state # the browser's journal too
# no size limit unless the caller sets one (a .jsonl's limit is its lines':
# the 0.7 GB one of 100000 readouts is read with the default too); the
# limit is part of the index cache's key, and words.sh sets the same
export PARLEY_MAX_FILE_SIZE=${PARLEY_MAX_FILE_SIZE:-none}

ms() { awk -v s="$1" 'BEGIN {printf "%.0f ms", s * 1000}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
verdict() { awk -v a="$1" -v b="$2" -v k="$3" 'BEGIN {print (a <= b * k) ? "met" : "NOT met"}'; }
both() { [ "$1" = met ] && [ "$2" = met ] && echo met || echo "NOT met"; } # both VERDICT VERDICT

# browse NAME EXTRA-ENV [KEYS [CORPUS [SECONDS]]]: the browser, in a tmux of
# 120x40, replays KEYS (PARLEY_REPLAY) once the corpus is loaded and quits;
# its figures (PARLEY_BENCH) in $work/NAME.txt, its peak RSS in
# $work/NAME.rss once it has ended.  Waits at most SECONDS (BROWSE_TIMEOUT:
# 60, and 2 more per 1000 readouts: 260 for 100000) for it, and then ends
# it (its figures are then missing: fig prints nothing).
browse_timeout=${BROWSE_TIMEOUT:-$(( 60 + size / 500 ))}
browse() {
	local pid
	rm -f "$work/$1.txt" "$work/$1.rss" "$work/$1.pid"
	sync; sleep 1 # the previous run's writes (the cache) settle first
	tmux -L parley-bench-$$ kill-server 2>/dev/null || true
	tmux -L parley-bench-$$ -f /dev/null new-session -d -x 120 -y 40 \
		"echo \$\$ >'$work/$1.pid'; exec env LANG=C.UTF-8 TERM=xterm-256color $2 PARLEY_BENCH='$work/$1.txt' \
		 PARLEY_REPLAY='${3:-$keys}' '$work/maxrss' '$parley' '${4:-$corpus}' 2>'$work/$1.rss'"
	for _ in $(seq $(( ${5:-$browse_timeout} * 10 ))); do
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
# fig NAME AWK-PROGRAM: a figure from $work/NAME.txt; nothing when the run
# wrote none (it was ended)
fig() { awk "$2" "$work/$1.txt" 2>/dev/null || true; }
rssof() { sed -n 's/^maxrss //p' "$work/$1.rss" 2>/dev/null | awk '{print $1 * 1024}'; }

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
if [ "$only" = big-save ]; then
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
		find -H "$many" -type f \( -name '*.json' -o -name '*.jsonl' \) -print0 | LC_ALL=C sort -z |
			xargs -0 jq -c . >"$corpus/all.jsonl"
		echo "$stamp" >"$corpus/.stamp"
		sleep 2
	fi
fi
bytes=$(find -H "$corpus" -type f \( -name '*.json' -o -name '*.jsonl' \) -printf '%s\n' | awk '{s += $1} END {print s}')
files=$(find -H "$corpus" -type f \( -name '*.json' -o -name '*.jsonl' \) | wc -l)
rm -rf "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

sp=sp-0001 topic=climate name='Karo Limadenko' common=cooperation
q_cold="'$parley' query --no-cache -c -s $sp -t $topic '$corpus'"
q_warm="'$parley' query -c -s $sp -t $topic '$corpus'"
no_cache="rm -rf '$XDG_CACHE_HOME'" # before each run of the query that writes the cache
q_jq="find -H '$corpus' -type f \\( -name '*.json' -o -name '*.jsonl' \\) -print0 | sort -z | xargs -0 jq -n --arg sp $sp --arg t $topic -f '$here/select.jq' | awk '{s += \$1} END {print s}'"
q_rg="rg -c '$name' '$corpus'"

# the same answer first
[ "$only" = find ] || {
n_parley=$(sh -c "$q_cold")
n_jq=$(sh -c "$q_jq")
sh -c "$no_cache"
n_write=$(sh -c "$q_warm") # writes the index cache
n_warm=$(sh -c "$q_warm")
[ "$n_parley" = "$n_jq" ] && [ "$n_write" = "$n_parley" ] && [ "$n_warm" = "$n_parley" ] ||
	echo "run.sh: WARNING: counts differ: parley $n_parley, writing the cache $n_write, warm $n_warm, jq $n_jq" >&2
}

# secs COMMAND [PREPARE [WARMUP]]: mean (hyperfine) or median wall-clock
# seconds of COMMAND, PREPARE run (untimed) before each run; WARMUP runs
# first (1; 0 for the slow peers whose bytes an earlier command has just
# read).  A command that fails ends the benchmark, rather than print the
# last command's figure.
secs() {
	if command -v hyperfine >/dev/null; then
		rm -f "$work/h.json"
		hyperfine -S sh --warmup "${3:-1}" --runs "$runs" ${2:+--prepare "$2"} --export-json "$work/h.json" \
			-- "$1" >/dev/null 2>&1 || { echo "run.sh: failed: $1" >&2; return 1; }
		jq -r '.results[0].mean' "$work/h.json"
	else
		local a b v=
		for _ in $(seq "$runs"); do
			[ -z "${2:-}" ] || sh -c "$2" >/dev/null 2>&1
			a=$(date +%s%N); sh -c "$1" >/dev/null 2>&1 || { echo "run.sh: failed: $1" >&2; return 1; }
			b=$(date +%s%N)
			v="$v$(( b - a )) "
		done
		printf '%s\n' $v | sort -n | awk '{v[NR] = $1} END {printf "%.4f\n", v[int((NR + 1) / 2)] / 1e9}'
	fi
}
rss() { # rss COMMAND...: peak RSS in bytes
	"$work/maxrss" "$@" 2>&1 >/dev/null | sed -n 's/^maxrss //p' | awk '{print $1 * 1024}'
}

# ONLY=find: F replayed RUNS times (the browser as below, the index cache
# written by the first run), the median and each run's figure, against
# rg -c -i
if [ "$only" = find ]; then
	command -v tmux >/dev/null || { echo "run.sh: the browser rows need tmux" >&2; exit 2; }
	name='Karo Limadenko'
	all=
	for _ in $(seq "$runs"); do
		browse find "PARLEY_BENCH_ALL=1" "$(printf 'F%s\r' "$name")"
		v=$(fig find '/^key 0 / {print $3 / 1000}')
		all="$all ${v:-9999}"
	done
	b_find=$(printf '%s\n' $all | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
	t_rg_i=$(secs "rg -c -i '$name' '$corpus'")
	echo "parley benchmark: $size readouts in $files files ($layout), $(mb "$bytes") ($(date -u +%Y-%m-%d))"
	echo "F replayed $runs times: $(for v in $all; do ms "$v"; echo; done | paste -sd, - | sed 's/,/, /g')"
	echo
	printf '| %-44s | %-14s | %-22s | %-16s |\n' "measure" "parley" "compared with" "target"
	printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------------" "------------------------" "------------------"
	printf '| %-44s | %-14s | %-22s | %-16s |\n' "browser: search all texts (F $name)" "$(ms "$b_find")" \
		"rg -c -i $(ms "$t_rg_i"): $(ratio "$b_find" "$t_rg_i")" "<= 1.5x rg -i: $(verdict "$b_find" "$t_rg_i" 1.5)"
	exit 0
fi

t_cold=$(secs "$q_cold")
t_write=$(secs "$q_warm" "$no_cache") # the last run leaves the cache
t_warm=$(secs "$q_warm")
t_jq=$(secs "$q_jq" "" 0)
t_rg=$(secs "$q_rg")
# words of text, warm (the cache written above), against rg -c -i; the
# .jsonl (in that layout) and the index cache held alike first (settle,
# common.sh; the many small files of the other layout are not settled:
# each is a piece or a few whatever is done)
while IFS= read -r -d '' f; do settle "$f"; done < <(find -H "$corpus" -type f -name '*.jsonl' -print0)
settle "$XDG_CACHE_HOME"/parley/*
q_text="'$parley' query -c --text '$name' '$corpus'"
n_text=$(sh -c "$q_text")
t_text=$(secs "$q_text")
t_rg_i=$(secs "rg -c -i '$name' '$corpus'")
# and a word found in about half the readouts (most bodies decoded or judged)
q_common="'$parley' query -c --text '$common' '$corpus'"
n_common=$(sh -c "$q_common")
t_common=$(secs "$q_common")
t_rg_common=$(secs "rg -c -i '$common' '$corpus'")
r_cold=$(rss "$parley" query --no-cache -c -s $sp -t $topic "$corpus")
sh -c "$no_cache"
r_write=$(rss "$parley" query -c -s $sp -t $topic "$corpus")
r_warm=$(rss "$parley" query -c -s $sp -t $topic "$corpus")
# every position printed, as the readouts come (none held; the first, without
# the names table, in two loads: the first notes the names); as text
# (aligned columns, the rows held till their widths are known) and as TSV
r_all_text=$(rss "$parley" query "$corpus")
r_all=$(rss "$parley" query -f tsv "$corpus")
r_all_max=$(awk -v a="$r_all" -v b="$r_all_text" 'BEGIN {print (a > b) ? a : b}')
r_count=$(rss "$parley" query -c "$corpus") # every position counted: none kept
r_stats=$(rss "$parley" stats --no-cache "$corpus")
r_stats_w=$(rss "$parley" stats "$corpus")
r_val=$(rss "$parley" validate "$corpus")

# The browser, in a tmux of 120x40: PARLEY_BENCH gets the time to the first
# screen and to the complete corpus and facets; PARLEY_REPLAY feeds keys
# (moving, opening, filtering, stepping through matches) and reports each
# key's time from reading it to the end of the redraw.  Cold: no cache.
b_first= b_loaded= b_first_w= b_loaded_w= b_p50= b_p99= b_rss= b_rss_w= b_save= t_jq_save= b_find= b_e_p99=
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
	# keyfig NAME FIELD: FIELD of the "NAME ..." line of each of the three
	# runs (the three, a run that wrote none as 9999: it was ended)
	keyfig() {
		for k in $3 $4 $5; do
			v=$(fig "$k" "/^$1 / {print \$$2}")
			echo "${v:-9999}"
		done
	}
	if [ -s "$work/keys1.txt" ] || [ -s "$work/keys2.txt" ] || [ -s "$work/keys3.txt" ]; then
		b_p50=$(keyfig keys 4 keys1 keys2 keys3 | med)
		b_p99=$(keyfig keys 6 keys1 keys2 keys3 | med)
		b_p99s=$(keyfig keys 6 keys1 keys2 keys3 | sort -n | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
		b_keys=$(keyfig keys 2 keys1 keys2 keys3 | sort -n | head -n 1)
	fi
	b_first=$(fig cold '/^first_screen_ms/ {print $2 / 1000}')
	b_loaded=$(fig cold '/^loaded_ms/ {print $2 / 1000}')
	# warm: the median of the four runs with the cache (the keystrokes'
	# three load warm too), the upper of the middle two: one run that a
	# machine's hiccup slowed does not make the figure
	warmfig() {
		for k in warm keys1 keys2 keys3; do
			v=$(fig "$k" "/^$1 / {print \$2 / 1000}")
			echo "${v:-9999}"
		done | sort -n | sed -n 3p
	}
	b_first_w=$(warmfig first_screen_ms)
	b_loaded_w=$(warmfig loaded_ms)
	b_loaded_ws=$(for k in warm keys1 keys2 keys3; do fig "$k" '/^loaded_ms / {print $2 / 1000}'; done | sort -n |
		while read -r v; do ms "$v"; echo; done | paste -sd, - | sed 's/,/, /g')
	b_rss=$(rssof cold)
	b_rss_w=$(rssof warm)
	# keystrokes while the corpus loads (PARLEY_REPLAY_EARLY), no cache as
	# in the cold run above, three runs: from the first screen, keys that
	# make sense mid-load and never quit, whatever is listed yet (one big
	# .jsonl lists nothing until it is loaded): moving in the navigator (to
	# its end and back as it grows), opening a readout (Enter: the first
	# listed, if any), moving in it, Tab, ] [, } {, going back from the help
	# and the messages (q, which in the navigator would quit); paced to span
	# about 80% of the cold load above (one every 1 to 100 ms).  Only the
	# keys read while loading count.
	ekeys=$(printf 'jjjjjjjjkkkGgjj\rjjjjkk\tjj]][\tjj}}{?jjqMq')
	ekeys=$ekeys$ekeys$ekeys$ekeys$ekeys$ekeys$ekeys$ekeys$ekeys
	gap=$(awk -v s="${b_loaded:-0}" -v n=${#ekeys} 'BEGIN {g = int(s * 1000 * 0.8 / n); print (g < 1 ? 1 : g > 100 ? 100 : g)}')
	browse early1 "PARLEY_NO_CACHE=1 PARLEY_REPLAY_EARLY=$gap" "$ekeys"
	browse early2 "PARLEY_NO_CACHE=1 PARLEY_REPLAY_EARLY=$gap" "$ekeys"
	browse early3 "PARLEY_NO_CACHE=1 PARLEY_REPLAY_EARLY=$gap" "$ekeys"
	if [ -s "$work/early1.txt" ] || [ -s "$work/early2.txt" ] || [ -s "$work/early3.txt" ]; then
		b_e_p50=$(keyfig keys_loading 4 early1 early2 early3 | med)
		b_e_p99=$(keyfig keys_loading 6 early1 early2 early3 | med)
		b_e_p99s=$(keyfig keys_loading 6 early1 early2 early3 | sort -n | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
		b_e_keys=$(for k in early1 early2 early3; do fig $k '/^keys_loading / {n = $2} END {print n + 0}'; done |
			sort -n | head -n 1)
		b_e_all=$(fig early1 '/^keys / {print $2}')
	fi
	# saving one edit (the UI waits for it): open the first readout, change
	# its first position's stance (z: a change whatever the position is; y
	# is none on one already accepted, as in the first readout of 100000),
	# w; the time of the w key.  On a copy of hard links:
	# a save writes a new file and renames it, leaving the corpus as it was.
	# The peer: jq making the same change to that file (a read, a rewrite;
	# in a .jsonl file jq changes every line, there being no way to pick one).
	rm -rf "$work/save-copy" && mkdir -p "$work/save-copy"
	# (the corpus's contents: a corpus that is a symbolic link would be
	# copied as the link, and the save would go to the corpus itself)
	cp -al "$corpus/." "$work/save-copy/"
	browse save "PARLEY_BENCH_ALL=1 USER=bench" "$(printf '\r\tzw')" "$work/save-copy"
	b_save=$(fig save '/^key 3 / {print $3 / 1000}')
	saved=$(find "$work/save-copy" -type f -links 1 \( -name '*.json' -o -name '*.jsonl' \) | head -n 1)
	if [ -n "$saved" ]; then
		case $saved in
		*.jsonl) jq_save="jq -c '.positions[0].stance = \"concern\"' '$saved' >'$work/save.out' && mv '$work/save.out' '$work/save.jq'" ;;
		*) jq_save="jq '.positions[0].stance = \"concern\"' '$saved' >'$work/save.out' && mv '$work/save.out' '$work/save.jq'" ;;
		esac
		t_jq_save=$(secs "$jq_save" "" 0)
		saved_kb=$(( $(stat -c %s "$saved") / 1024 ))
	fi
	rm -rf "$work/save-copy" "$work/save.jq"
	# searching the whole corpus (F): case- and accent-insensitive over
	# every text, read back from the files; the peer: rg -c -i
	# (the median of three, as a keystroke's p99 is)
	finds=
	for _ in 1 2 3; do
		browse find "PARLEY_BENCH_ALL=1" "$(printf 'F%s\r' "$name")"
		v=$(fig find '/^key 0 / {print $3 / 1000}')
		finds="$finds ${v:-9999}"
	done
	b_find=$(printf '%s\n' $finds | sort -n | sed -n 2p)
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
	b_long_open=$(fig long '/^key 0 / {print $3 / 1000}')
	b_long_find=$(fig long '/^key 1 / {print $3 / 1000}')
	b_long_n=$(fig long '/^key 2 / {print $3 / 1000}')
	b_long_rss=$(rssof long)
	b_long_bytes=$(wc -c <"$big/big.json")
	}
fi

if [ "$common" = yes ]; then
# drafting readouts from plain texts: the development set's texts, copied
# to make SIZE files (written by the shell: no process per file); the peer
# reads them and splits them into sentences (split.py).  Both get the names
# through xargs: 100000 of them do not fit on one command line.
x_dir=$work/extract-$size
rm -rf "$x_dir" && mkdir -p "$x_dir/in" "$x_dir/out"
texts=()
for f in "$here"/../extract/dev/*.txt; do
	IFS= read -r -d '' t <"$f" || true
	texts+=("$t")
done
i=0
while [ "$i" -lt "$size" ]; do
	printf '%s' "${texts[i % ${#texts[@]}]}" >"$x_dir/in/$i.txt"
	i=$((i + 1))
done
x_bytes=$(find "$x_dir/in" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
x_run="cd '$x_dir/in' && printf '%s\\0' *.txt | xargs -0"
# no warm-up run: the texts were just written (and 100000 take long)
t_x=$(secs "$x_run '$parley' extract -q -f -o ../out" "" 0)
t_py=n/a
command -v python3 >/dev/null && t_py=$(secs "$x_run python3 '$here/split.py'" "" 0)
r_x=$(rss sh -c "$x_run '$parley' extract -q -f -o ../out")
rm -rf "$x_dir"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "parley benchmark: $size readouts in $files files ($layout), $(mb "$bytes") ($(date -u +%Y-%m-%d))"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1e6}' /proc/meminfo)"
echo "query: --count --speaker $sp --topic $topic ($n_parley positions); rg -c '$name'"
echo "timing: $(command -v hyperfine >/dev/null && echo "hyperfine, mean of $runs runs" || echo "median of $runs runs")"
echo
printf '| %-44s | %-14s | %-22s | %-16s |\n' "measure" "parley" "compared with" "target"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------------" "------------------------" "------------------"
row() { printf '| %-44s | %-14s | %-22s | %-16s |\n' "$@"; }
row "query, no index cache (--no-cache)" "$(ms "$t_cold")" "jq $(ms "$t_jq"): $(ratio "$t_cold" "$t_jq")" "<= 0.5x jq: $(verdict "$t_cold" "$t_jq" 0.5)"
row "query writing the index cache (none before)" "$(ms "$t_write")" "jq: $(ratio "$t_write" "$t_jq")" "<= 0.5x jq: $(verdict "$t_write" "$t_jq" 0.5)"
row "query, index cache (warm)" "$(ms "$t_warm")" "rg -c $(ms "$t_rg"): $(ratio "$t_warm" "$t_rg")" "<= 2x rg: $(verdict "$t_warm" "$t_rg" 2)"
row "query --text '$name' (warm, $n_text)" "$(ms "$t_text")" "rg -c -i $(ms "$t_rg_i"): $(ratio "$t_text" "$t_rg_i")" "<= 1.5x rg -i: $(verdict "$t_text" "$t_rg_i" 1.5)"
row "query --text '$common' (warm, $n_common)" "$(ms "$t_common")" "rg -c -i $(ms "$t_rg_common"): $(ratio "$t_common" "$t_rg_common")" "<= 1.5x rg -i: $(verdict "$t_common" "$t_rg_common" 1.5)"
if [ -n "$b_first" ] && [ -n "$b_first_w" ]; then
row "browser: first screen (cold / warm)" "$(ms "$b_first") / $(ms "$b_first_w")" "" "< 100 ms: $(verdict "$(awk -v a="$b_first" -v b="$b_first_w" 'BEGIN {print (a > b ? a : b)}')" 0.1 1)"
elif command -v tmux >/dev/null; then
row "browser: first screen (cold / warm)" "not done in ${browse_timeout} s" "" "< 100 ms: NOT met"
else
row "browser: first screen / facets complete" "n/a (no tmux)" "" ""
fi
if [ -n "$b_loaded" ]; then
row "browser: facets complete, no cache (cold)" "$(ms "$b_loaded")" "jq $(ms "$t_jq"): $(ratio "$b_loaded" "$t_jq")" "<= 0.5x jq: $(verdict "$b_loaded" "$t_jq" 0.5)"
elif command -v tmux >/dev/null; then
row "browser: facets complete, no cache (cold)" "not done in ${browse_timeout} s" "" "<= 0.5x jq: NOT met"
fi
if [ -n "$b_loaded_w" ]; then
row "browser: facets complete, index cache (warm)" "$(ms "$b_loaded_w")" "jq: $(ratio "$b_loaded_w" "$t_jq"); runs: $b_loaded_ws" "< 1 s: $(verdict "$b_loaded_w" 1 1)"
elif command -v tmux >/dev/null; then
row "browser: facets complete, index cache (warm)" "not done in ${browse_timeout} s" "" "< 1 s: NOT met"
fi
if [ "$common" != yes ]; then
:
elif [ "$t_py" != n/a ]; then
row "extract: draft $size readouts ($(mb "$x_bytes"))" "$(ms "$t_x")" "split.py $(ms "$t_py"): $(ratio "$t_x" "$t_py")" "<= 3x: $(verdict "$t_x" "$t_py" 3)"
else
row "extract: draft $size readouts ($(mb "$x_bytes"))" "$(ms "$t_x")" "n/a (no python3)" ""
fi
[ "$common" != yes ] || row "peak RSS, extract $size readouts" "$(mb "$r_x")" "" ""
row "peak RSS, query --no-cache" "$(mb "$r_cold")" "corpus $(mb "$bytes"): $(ratio "$r_cold" "$bytes")" "<= 1.5x: $(verdict "$r_cold" "$bytes" 1.5)"
row "peak RSS, query writing the index cache" "$(mb "$r_write")" "corpus: $(ratio "$r_write" "$bytes")" "<= 0.25x: $(verdict "$r_write" "$bytes" 0.25)"
row "peak RSS, query warm" "$(mb "$r_warm")" "corpus: $(ratio "$r_warm" "$bytes")" "<= 1x: $(verdict "$r_warm" "$bytes" 1)"
row "peak RSS, query warm, every position printed, text / tsv" "$(mb "$r_all_text") / $(mb "$r_all")" "corpus: $(ratio "$r_all_text" "$bytes") / $(ratio "$r_all" "$bytes")" "<= 1x: $(verdict "$r_all_max" "$bytes" 1)"
row "peak RSS, query warm, every position counted" "$(mb "$r_count")" "corpus: $(ratio "$r_count" "$bytes")" "<= 1x: $(verdict "$r_count" "$bytes" 1)"
row "peak RSS, stats cold / warm" "$(mb "$r_stats") / $(mb "$r_stats_w")" "corpus: $(ratio "$r_stats" "$bytes") / $(ratio "$r_stats_w" "$bytes")" "<= 0.25x / 1x: $(both "$(verdict "$r_stats" "$bytes" 0.25)" "$(verdict "$r_stats_w" "$bytes" 1)")"
row "peak RSS, validate" "$(mb "$r_val")" "corpus: $(ratio "$r_val" "$bytes")" "<= 0.25x: $(verdict "$r_val" "$bytes" 0.25)"
if command -v tmux >/dev/null; then
[ -z "$b_rss" ] || row "peak RSS, browser cold" "$(mb "$b_rss")" "corpus: $(ratio "$b_rss" "$bytes")" "<= 1.5x: $(verdict "$b_rss" "$bytes" 1.5)"
[ -z "$b_rss_w" ] || row "peak RSS, browser warm" "$(mb "$b_rss_w")" "corpus: $(ratio "$b_rss_w" "$bytes")" "<= 1.5x: $(verdict "$b_rss_w" "$bytes" 1.5)"
if [ -n "$b_p99" ]; then
row "browser: keystroke p50 / p99 ($b_keys keys)" "$b_p50 / $b_p99 ms" "p99 of 3 runs: $b_p99s" "p99 < 5 ms: $(verdict "$b_p99" 5 1)"
else
row "browser: keystroke p50 / p99" "not done in ${browse_timeout} s" "" "p99 < 5 ms: NOT met"
fi
if [ -n "$b_e_p99" ] && [ "${b_e_keys:-0}" -gt 0 ]; then
row "browser: keystroke p50 / p99 during the load ($b_e_keys keys while loading)" "$b_e_p50 / $b_e_p99 ms" "p99 of 3 runs: $b_e_p99s; of $b_e_all keys, 1 per $gap ms" "p99 < 5 ms: $(verdict "$b_e_p99" 5 1)"
else
row "browser: keystroke p50 / p99 during the load" "no key read while loading" "" "p99 < 5 ms: NOT met"
fi
if [ -n "$b_save" ] && [ -n "$t_jq_save" ]; then
row "browser: save one edit (w, a ${saved_kb} KB file)" "$(ms "$b_save")" "jq on that file $(ms "$t_jq_save"): $(ratio "$b_save" "$t_jq_save")" ""
else
row "browser: save one edit" "n/a (no save)" "" ""
fi
if [ -n "$b_find" ]; then
row "browser: search all texts (F $name)" "$(ms "$b_find")" "rg -c -i $(ms "$t_rg_i"): $(ratio "$b_find" "$t_rg_i")" "<= 1.5x rg -i: $(verdict "$b_find" "$t_rg_i" 1.5)"
else
row "browser: search all texts (F $name)" "not done in ${browse_timeout} s" "rg -c -i $(ms "$t_rg_i")" "<= 1.5x rg -i: NOT met"
fi
if [ -n "${b_long_open:-}" ]; then
row "browser: open a 100 MB text (Enter)" "$(ms "$b_long_open")" "" ""
row "browser: / in it as typed (cooperation), n" "$(ms "$b_long_find") / $(ms "$b_long_n")" "" ""
row "peak RSS, browser on it (loading included)" "$(mb "$b_long_rss")" "file $(mb "$b_long_bytes"): $(ratio "$b_long_rss" "$b_long_bytes")" ""
fi
[ "$common" != yes ] || big_save_row
fi
