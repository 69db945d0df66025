#!/bin/sh
# search.sh - / searches the readout's text, ignoring case and accents; n/N
# step through the hits and on into the next readout that has one; F
# searches the whole corpus and lists the hits; Esc clears the search.
# The corpus is the samples plus one readout (last in corpus order) whose
# text has "securite" in other cases and accents.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

D="$TMPD/corpus"
mkdir -p "$D"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$D"/
jq -n '{format: "parley/1", id: "zz-extra-securite", title: "Readout de test : sécurité", date: "2021-09-01",
	lang: "fr", text: "Premier paragraphe sans rien.\nLa SECURITE collective est menacée.\nDeuxième paragraphe : la Securité alimentaire."}' \
	>"$D/zz-extra.json"
C="$TMPD/corpus.json"
corpus_json "$D" >"$C"

FR=fr-2021-07-15-wang-lavrov
RE='\\S*s[eé]curit[eé]\\S*'
FR_AT=$(jq --arg r $FR '[.[].id] | index($r)' "$C")
FR_T=$(jq -r --arg r $FR '.[] | select(.id == $r) | .title[0:20]' "$C")
# the words holding each hit of the French readout, in text order
jq -r --arg r $FR '.[] | select(.id == $r) | .text | match("'"$RE"'"; "gi") | .string' "$C" >"$TMPD/fr-hits"
FR_N=$(wc -l <"$TMPD/fr-hits")
# the next readout after it with a hit, and its first hit
NEXT=$(jq -r --arg r $FR '([.[].id] | index($r)) as $i | [.[$i + 1:][] | select(.text | test("s[eé]curit[eé]"; "i"))][0].id' "$C")
NEXT_T=$(jq -r --arg r "$NEXT" '.[] | select(.id == $r) | .title[0:20]' "$C")
NEXT_W=$(jq -r --arg r "$NEXT" '[.[] | select(.id == $r) | .text | match("'"$RE"'"; "gi") | .string][0]' "$C")
diag "$FR: $FR_N hits; next readout with a hit: $NEXT ('$NEXT_W')"

restart 80 24 -- "$D"
i=0
while [ $i -lt "$FR_AT" ]; do
	keys j
	i=$((i + 1))
done
keys Enter
title_has "$FR_T" "the French readout is open"

keys /
type securite
keys Enter
status_has "/securite" "the status line shows the search"
w=$(sed -n 1p "$TMPD/fr-hits")
cursor_has "$w" "/securite finds '$w' (case and accents ignored) on the cursor line"
cursor_line | grep -q '^>'
ok_screen $? "the cursor line is marked '>' (the text pane has the focus)"
prev=$(cursor_line)
k=2
while [ $k -le "$FR_N" ]; do
	keys n
	w=$(sed -n ${k}p "$TMPD/fr-hits")
	cursor_has "$w" "n: hit $k of $FR_N, '$w', is on the cursor line"
	[ "$(cursor_line)" != "$prev" ]
	ok_screen $? "n: hit $k is on another line than hit $((k - 1))"
	prev=$(cursor_line)
	k=$((k + 1))
done
title_has "$FR_T" "still in the French readout after its $FR_N hits"
keys n
title_has "$NEXT_T" "n after the last hit goes on to the next readout with a hit ($NEXT), skipping those without"
cursor_has "$NEXT_W" "on its first hit '$NEXT_W'"
keys N
title_has "$FR_T" "N comes back to the French readout"
cursor_has "$(tail -n 1 "$TMPD/fr-hits")" "on its last hit"

# a prompt cancelled keeps the search in force (as vi and less), with Esc
# or with C-c (which cancels the line; parley stays)
keys /
type nowhere-zz
status_has "/nowhere-zz" "a new search typed"
keys Escape
status_has "/securite" "Esc at the prompt: the search in force is back"
keys /
type zq
keys C-c
status_has "/securite" "C-c at the prompt: cancelled the same, parley still runs"
keys N
cursor_has "$(sed -n "$((FR_N - 1))p" "$TMPD/fr-hits")" "and N still steps through its hits"
keys n

keys Escape
status_has "search cleared" "Esc clears the search"
keys j
hasnt "/securite" "the status line no longer shows it"
keys n
status_has "nothing to step through" "n has nothing to step through any more"

keys /
type SÉCURITÉ
keys Enter
cursor_has "$(sed -n 1p "$TMPD/fr-hits")" "/SÉCURITÉ (upper case, accents) finds the same first hit"
keys /
type zzzz-nowhere
keys Enter
status_has "not found" "a search without hits says so"
keys Escape
keys G
keys /
type securite
keys Enter
status_has "search wrapped to the top" "/ from the end: its first hit is above, and the status line says it wrapped"
cursor_has "$(sed -n 1p "$TMPD/fr-hits")" "on the first hit"
keys Escape
keys G
keys /
type securitezz
keys Enter
status_has "not found" "a search that ends with no hit"
has "L69/69" "leaves the cursor where it was (the last line), not where its prefix matched"
keys Escape

# --- F: the corpus --------------------------------------------------------
jq -r '.[] | .id as $id | .text | match("charte"; "gi") | $id' "$C" >"$TMPD/charte"
NH=$(wc -l <"$TMPD/charte")
NR=$(sort -u "$TMPD/charte" | wc -l)
keys F
status_has "find in corpus:" "F prompts for a corpus search"
type charte
keys Enter
has "$NH hits in $NR readouts for \"charte\"" "F charte lists $NH hits in $NR readouts"
for id in $(sort -u "$TMPD/charte"); do
	n=$(grep -cx "$id" "$TMPD/charte")
	is "$(screen | grep -c " $id: ")" "$n" "the list names $id for each of its $n hits"
	is "$(screen | grep " $id: " | grep -ci "charte")" "$n" "each row shows its hit, whatever the room the id leaves"
done
# open the French hit
row=$(grep -nx $FR "$TMPD/charte" | head -n 1 | cut -d: -f1)
i=1
while [ $i -lt "$row" ]; do
	keys j
	i=$((i + 1))
done
keys Enter
title_has "$FR_T" "Enter on the French hit opens the French readout"
cursor_has "Charte" "with the hit on the (visible) cursor line"
keys Escape
status_has "search cleared" "Esc clears the corpus search too"
keys F
type zzqqxxno
keys Enter
status_has "not found in any readout: zzqqxxno" "F with no hit says so, as / does"
title_has "$FR_T" "  and leaves no empty list: the readout it was typed in is still shown"
keys q q
is "$(wait_exit)" 0 "q q quits with status 0"

# --- F from the navigator -------------------------------------------------
restart 80 24 -- "$D"
keys F
type charte
keys Enter
has "$NH hits in $NR readouts" "F from the navigator lists the same hits"
i=1
while [ $i -lt "$row" ]; do
	keys j
	i=$((i + 1))
done
keys Enter
title_has "$FR_T" "Enter on the French hit opens the French readout"
cursor_has "Charte" "with the hit on the (visible) cursor line"
keys q
has "5 hits in 3 readouts" "q goes back to F's list, the readout was opened from it"
keys q
has "Readouts" "q again: the navigator"
keys q
is "$(wait_exit)" 0 "q quits with status 0"
stop

# --- F at 40 columns: no date, an id cut, the hit in view on every row ----
restart 40 12 -- "$D"
keys F
type charte
keys Enter
has "$NH hits in $NR readouts" "40x12: F lists the hits"
rows=$(screen | grep -c ': …')
[ "$rows" -ge 3 ] && [ "$(screen | grep ': …' | grep -ci 'chart')" = "$rows" ]
ok $? "each of its $rows rows shows its hit, the id cut to leave it room"
keys Escape
status_has "search cleared" "Esc in F's list clears the search"
hasnt "hits in" "  and closes its list"
keys q
is "$(wait_exit)" 0 "q q quits"
stop

# --- a long F shows its progress and Esc stops it (each readout made to
# take 300 ms, and the search held at its first progress until the Esc
# comes: however slow the machine, Esc lands mid-search), keeping the hits
# found so far -------------------------------------------------------------
N=$(jq length "$C")
restart 100 30 PARLEY_TEST_SEARCH_DELAY=300 PARLEY_TEST_SEARCH_HOLD=1 -- "$D"
keys F
type charte
$T send-keys -t e2e Enter
i=0
while ! status_line | grep -q "searching every text" && [ $i -lt 60 ]; do
	sleep 0.05
	i=$((i + 1))
done
status_has "searching every text: " "a long search shows its progress"
status_has "of $N readouts" "out of the $N readouts"
status_has "(Esc stops)" "and says how to stop it"
keys Escape
has_line "hits? in [0-9]+ readouts? for \"charte\", stopped after [0-9]+ of $N readouts" "Esc stops it: the list says where"
status_has "search stopped after" "and so does the status line"
hasnt "$NH hits in $NR readouts" "the hits are those found so far"
keys q q
is "$(wait_exit)" 0 "q q quits with status 0"
# not stopped: the same list as without the delay
restart 100 30 PARLEY_TEST_SEARCH_DELAY=100 -- "$D"
keys F
type charte
keys Enter
wait_for "hits in" >/dev/null
has "$NH hits in $NR readouts for \"charte\" (Enter opens" "a long search left alone lists every hit"
keys q q
stop
done_testing
