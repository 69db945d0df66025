#!/bin/sh
# loading.sh - the browser while the corpus loads: the readouts already
# loaded are listed and open, the title line shows the progress, edits wait,
# the help comes up; then the rest arrives and editing starts.  The loader
# is held after its second file (PARLEY_TEST_HOLD) until the test lets it go.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C/"
GO="$TMPD/go"

start 100 30 USER=tester PARLEY_NO_CACHE=1 "PARLEY_TEST_HOLD=$GO" -- "$C"
has "loading 2 of 6 files, 3 readouts so far" "the title line shows the progress"
has "Readouts 3" "the readouts of the first two files are listed"
has "Meeting of the SCO Council" "with their titles"
hasnt "习近平同俄罗斯总统普京举行视频会晤" "and not those still loading"
keys G Enter
has "Text · " "a readout loaded opens while the others load"
status_has "[loading 2 of 6 files]" "the status line says the corpus is still loading"
keys Tab y
has "still loading: editing starts when the whole corpus is here" "edits wait for the whole corpus"
keys ?
has "parley keys" "the help comes up while loading"
keys q
has "Text · " "q closes it"
touch "$GO"
i=0
while screen | grep -qF "[loading" && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
hasnt "[loading" "then the rest arrives"
title_has "Meeting of the SCO Council" "while the open readout stays open"
keys y
status_has "accepted" "and editing has started"
keys q
has "Readouts 7" "the navigator lists all the readouts"
has "7 readouts, " "and the title line the corpus"
status_has " 6/7 readouts" "with the cursor still on the readout opened (the SCO meeting, sixth by date)"
stop

# q while loading quits at once, the loader stopped, the index cache as it
# was (no half-written cache left behind)
rm -rf "$XDG_CACHE_HOME/parley"
start 100 30 "PARLEY_TEST_HOLD=$TMPD/never" -- "$C"
has "loading 2 of 6 files" "held"
keys : w Enter
has "still loading: only q, q!, messages and help until the whole corpus is here" ":w waits too"
keys : q Enter
wait_for "[parley exited 0]"
has "[parley exited 0]" ":q quits while loading"
stop
start 100 30 "PARLEY_TEST_HOLD=$TMPD/never" -- "$C"
has "loading 2 of 6 files" "held again"
# F searches the readouts loaded so far, and says so
keys F
type 普京
keys Enter
status_has "not found in the 3 readouts loaded so far: 普京" "F of a word only in readouts still loading: not \"not found in any readout\""
keys F
type SCO
keys Enter
has "readouts for \"SCO\" in the 3 readouts loaded so far" "F's list says it covers the readouts loaded so far"
keys q
has "Readouts 3" "q goes back to the navigator"
keys q
wait_for "[parley exited 0]"
has "[parley exited 0]" "q quits while loading"
stop
left=$(ls -A "$XDG_CACHE_HOME/parley" 2>/dev/null | grep -c '\.idx\.' || true)
[ "$left" = 0 ]; ok $? "no temporary cache file is left behind ($left)"

# A .jsonl of 400 readouts (over 512 KB: read in blocks, parsed on every
# core) is taken a batch at a time (loader.h's LOADER_BATCH, 64), however
# far the screen's thread is behind (PARLEY_BENCH's "load_batches"), and
# the navigator it grew batch by batch lists them as sorting them all does
# (o four times: every order, made anew, and back to date).
B="$TMPD/batch"
mkdir -p "$B"
head -n 1 "$SAMPLES/calls-2021.jsonl" | awk '{
	for (i = 0; i < 400; i++) {
		l = $0
		sub(/"id":"[^"]*"/, "\"id\":\"r" i "\"", l)
		sub(/"title":"[^"]*"/, "\"title\":\"Readout " i "\"", l)
		sub(/"date":"[^"]*"/, "\"date\":\"2021-" sprintf("%02d-%02d", i % 12 + 1, i % 28 + 1) "\"", l)
		print l
	}
}' >"$B/all.jsonl"
size=$(wc -c <"$B/all.jsonl")
[ "$size" -ge 524288 ]; ok $? "the .jsonl is read in blocks ($size bytes)"
start 100 30 PARLEY_NO_CACHE=1 "PARLEY_BENCH=$TMPD/bench.txt" -- "$B"
has "Readouts 400" "the 400 readouts are listed"
batches=$(sed -n 's/^load_batches //p' "$TMPD/bench.txt")
n=${batches%% *} max=${batches##* }
[ -n "$batches" ] && [ "$max" -le 64 ] && [ "$n" -ge 7 ]; ok $? "taken 64 at most at a time ($batches)"
before=$(screen | head -n 27)
keys o o o o
status_has "readouts by date" "back to the order by date"
after=$(screen | head -n 27)
[ "$before" = "$after" ]; ok_screen $? "the list grown batch by batch is the list made anew"
stop

done_testing
