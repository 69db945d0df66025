#!/bin/sh
# journal.sh - several parleys on one corpus, as on a shared server: each
# owns its journal, a save clears only its own, a parley killed (kill -9)
# with edits unsaved has them offered at the next start, and two users
# (their own HOME) on one group-writable corpus keep each other's edits.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C/"
chmod -R g+w "$C"
FR="$C/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
pos() { # pos FILE ID FIELD
	jq -r --arg id "$2" ".positions[] | select(.id == \$id) | .$3" "$1"
}
journals() { # journals [STATE_DIR]: how many journals there are
	ls "${1:-$XDG_STATE_HOME}"/parley/journal-*.jsonl 2>/dev/null | wc -l | tr -d ' '
}
# rows of the French positions pane (text order): PR the first pending
# position, XR the first one after it that is not rejected
rows() {
	jq -r "[.positions | sort_by(.start, -.end)[] | $1] | @tsv" "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
}
PR=$(rows '.review // "pending"' | tr '\t' '\n' | grep -n -m1 '^pending$' | cut -d: -f1)
PR=$((PR - 1))
XR=$(rows '.review // "pending"' | tr '\t' '\n' | awk -v pr="$PR" 'NR - 1 > pr && $0 != "rejected" { print NR - 1; exit }')
PP=$(rows .id | cut -f $((PR + 1))) PX=$(rows .id | cut -f $((XR + 1)))
diag "pending position $PP (row $PR), then $PX (row $XR)"
to_row() { # to_row N: j N times (the positions pane focused, on its first row)
	local i=0
	while [ $i -lt "$1" ]; do
		keys j
		i=$((i + 1))
	done
}

# --- one user, two windows ----------------------------------------------
start 100 30 USER=alice -- "$C"
keys j j j Enter Tab
to_row "$PR"
keys y
has "$PP: accepted" "A accepts $PP of the French readout and does not save"
is "$(journals)" 1 "A's edit is in a journal"

also b 100 30 USER=alice -- "$C"
hasnt "unsaved edit" "B, started meanwhile, is not offered the edits of A, which is running"
keys j j j Enter Tab
to_row "$XR"
keys x
has "$PX: rejected" "B rejects $PX"
is "$(journals)" 2 "two parleys, two journals"
keys w
has "saved 1 readout in 1 file" "B saves"
is "$(journals)" 1 "B's save removes B's journal, not A's"
[ "$(pos "$FR" "$PX" review)" = rejected ]; ok $? "B's edit is in the file"

use e2e
pid=$(parley_pid)
[ -n "$pid" ] && kill -9 "$pid"
ok $? "A is killed (kill -9)"
wait_for "[parley exited"
is "$(journals)" 1 "A's journal outlives it"
use b
keys q q
wait_for "[parley exited 0]"
has "[parley exited 0]" "B quits cleanly, all saved"

start 80 24 USER=alice -- "$C"
has "1 unsaved edit from an earlier session" "the next start offers A's edit"
status_has "y replays it, n sets it aside" "the whole question is shown at 80 columns (one edit: it)"
keys y
has "recovered 1 edit" "y replays it"
keys w
has "saved 1 readout in 1 file" "and w saves it"
keys q q
wait_for "[parley exited 0]"
has "[parley exited 0]" "nothing unsaved"
[ "$(pos "$FR" "$PP" review)" = accepted ]; ok $? "A's edit is in the file"
[ "$(pos "$FR" "$PX" review)" = rejected ]; ok $? "beside B's"
is "$(journals)" 0 "no journal is left"

# a journal offered by one parley is not offered by a second at once
start 100 30 USER=alice -- "$C"
keys j j j Enter Tab
to_row "$PR"
keys p
has "$PP: pending" "an edit"
pid=$(parley_pid)
kill -9 "$pid"
wait_for "[parley exited"
start 100 30 USER=alice -- "$C"
has "1 unsaved edit from an earlier session" "offered to the next parley"
also b 100 30 USER=alice -- "$C"
hasnt "unsaved edit" "not to a second one while the first asks"
keys q
use e2e
keys n
has "the earlier edits are kept in" "n sets it aside"
keys q
wait_for "[parley exited 0]"
start 100 30 USER=alice -- "$C"
hasnt "unsaved edit" "and it is offered no more"
keys q
wait_for "[parley exited"
stop
rm -f "$XDG_STATE_HOME"/parley/journal-*

# --- two users, each with their own HOME, one group-writable corpus -------
mode=$(stat -c %a "$FR")
AH="$TMPD/alice" BH="$TMPD/bob"
mkdir -p "$AH" "$BH"
start 100 30 USER=alice HOME="$AH" XDG_STATE_HOME="$AH/.state" -- "$C"
keys j j j Enter Tab
to_row "$PR"
keys e C-u
type "Alice: not saved yet"
keys Enter
has "summary changed" "Alice edits $PP and does not save"
also bob 100 30 USER=bob HOME="$BH" XDG_STATE_HOME="$BH/.state" -- "$C"
keys j j j Enter Tab
to_row "$XR"
keys e C-u
type "Bob: saved"
keys Enter
keys w
has "saved 1 readout in 1 file" "Bob edits $PX and saves"
is "$(journals "$AH/.state")" 1 "Alice's journal is untouched"
is "$(journals "$BH/.state")" 0 "Bob's is gone"
is "$(stat -c %a "$FR")" "$mode" "the file is still group-writable"
keys q
wait_for "[parley exited 0]"
use e2e
keys w
has "changed on disk" "Alice's save finds Bob's and overwrites nothing"
keys R
has "edit applied again" "R reloads the file keeping Alice's edit"
pid=$(parley_pid)
kill -9 "$pid"
wait_for "[parley exited"
start 100 30 USER=alice HOME="$AH" XDG_STATE_HOME="$AH/.state" -- "$C"
has "unsaved edit" "after a kill, Alice is offered her edit"
keys y
keys w
has "saved 1 readout in 1 file" "and saves it"
keys q
wait_for "[parley exited 0]"
stop
[ "$(pos "$FR" "$PP" summary)" = "Alice: not saved yet" ]; ok $? "Alice's edit is in the file"
[ "$(pos "$FR" "$PX" summary)" = "Bob: saved" ]; ok $? "beside Bob's"
[ "$(pos "$FR" "$PX" by)" = "$(pos "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$PX" by)" ]; ok $? "who made the positions is kept"
is "$(journals "$AH/.state")$(journals "$BH/.state")" 00 "no journal is left"
run "$PARLEY" validate "$C"
ok $rc "the corpus validates"

# --- the journal cannot be written: the first failure is told, with why ----
JH="$TMPD/jhome" C2="$TMPD/c2"
mkdir -p "$JH" "$C2"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C2/"
start 120 30 USER=alice HOME="$JH" XDG_STATE_HOME="$JH/.state" -- "$C2"
hasnt "not journaled" "a journal directory at the start"
rm -rf "$JH/.state/parley"
printf 'not a directory\n' >"$JH/.state/parley"
keys j j j Enter Tab
to_row "$PR"
keys y
status_has "cannot write the journal ($JH/.state/parley: Not a directory)" \
	"its directory cannot be made: the first edit says the journal cannot be written, and why"
status_has "save soon (w)" "and what to do"
keys x
hasnt "cannot write the journal" "said once, not at every edit"
rm -f "$JH/.state/parley"
keys y
status_has "the journal is written again, whole: edits are safe again" \
	"once it can be, the next edit writes the journal whole, and says edits are safe again"
[ "$(cat "$JH"/.state/parley/journal-*.jsonl | wc -l)" = 4 ]
ok $? "  its header and the three edits"
rm -f "$JH"/.state/parley/journal-*.jsonl
keys x
status_has "the journal's file was removed: written again, whole" "its file removed: written again, and said"
[ "$(cat "$JH"/.state/parley/journal-*.jsonl | wc -l)" = 5 ]
ok $? "  its header and the four edits"
keys w
has "saved 1 readout in 1 file" "w saves"
keys q
wait_for "[parley exited"
stop

# edits of a session started on other paths (the file alone), left by a
# kill: a start on the directory cannot offer them, but says where they are
C3="$TMPD/c3"
mkdir -p "$C3"
cp "$SAMPLES"/*.json "$C3/"
FR3="$C3/$(basename "$FR")"
start 100 30 USER=alice -- "$FR3"
keys Enter Tab
to_row "$PR"
keys y
has "$PP: accepted" "an edit, in a parley started on the file alone"
pid=$(parley_pid)
kill -9 "$pid"
wait_for "[parley exited"
start 160 30 USER=alice -- "$C3"
status_has "1 unsaved edit of an earlier session started on other paths: parley $FR3 offers it" \
	"a start on its directory says where the edits of a session on the file are, and how to have them"
keys q
wait_for "[parley exited 0]"
start 100 30 USER=alice -- "$FR3"
has "1 unsaved edit from an earlier session" "parley on that path offers them"
keys y
keys w
has "saved 1 readout in 1 file" "and they are saved"
keys q q
wait_for "[parley exited 0]"
is "$(journals)" 0 "no journal is left"

done_testing
