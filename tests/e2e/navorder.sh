#!/bin/sh
# navorder.sh - the navigator's orders (o: by date, newest first, then
# title, language, path) and the filters of what readouts are: language
# (i), kind (f), dates (P), and speakers together or either (+), shown on
# the status line and cleared by Esc.  Expected lists come from the sample
# files (jq), not from parley.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

C="$TMPD/corpus.json"
corpus_json >"$C"
N="$TMPD/nav.json"
nav_json >"$N"
t20() { jq -r "$1"' | (.title // .id) | .[0:20]' "$N"; }
N_RD=$(jq length "$C")
N_POS=$(jq '[.[].positions | length] | add' "$C")
FIRST_DATE=$(t20 '.[0]')
LAST_DATE=$(jq -r '.[-1] | (.title // .id) | .[0:8]' "$N")
FIRST_PATH=$(jq -r '.[0] | (.title // .id) | .[0:20]' "$C")
LANG1=$(jq -r '[.[].lang // empty | ascii_downcase] | min' "$N")
FIRST_LANG=$(t20 "[.[] | select((.lang // \"\") | ascii_downcase == \"$LANG1\")][0]")
N_FR=$(jq '[.[] | select(.lang == "fr")] | length' "$C")
N_CALL=$(jq '[.[] | select(.kind == "call")] | length' "$C")
N_JULY=$(jq '[.[] | select(.date != null and .date >= "2021-07-01" and .date <= "2021-07-15")] | length' "$C")
N_EITHER=$(jq '[.[] | select([.speakers[]?.id] | (index("sergey-lavrov") or index("wang-yi")))] | length' "$C")
N_BOTH=$(jq '[.[] | select([.speakers[]?.id] | (index("sergey-lavrov") and index("wang-yi")))] | length' "$C")
diag "first by date '$FIRST_DATE', last '$LAST_DATE'; by path '$FIRST_PATH'; by language ($LANG1) '$FIRST_LANG'" \
	"fr $N_FR, call $N_CALL, 2021-07-01..15 $N_JULY, lavrov or wang-yi $N_EITHER, both $N_BOTH"

row() { # row I: the navigator's Ith readout row
	screen_line $(($1 + 2))
}

start 100 30 -- "$SAMPLES"
has "Readouts $N_RD · by date" "the heading says the order: by date at first"
ok_grep "$FIRST_DATE" "the newest readout first ($FIRST_DATE)" "$(row 1)"
ok_grep "$LAST_DATE" "the oldest last ($LAST_DATE)" "$(row "$N_RD")"
keys o
has "Readouts $N_RD · by title" "o: by title"
status_has "readouts by title" "and the status line says so"
keys o
has "Readouts $N_RD · by language" "o again: by language"
ok_grep "$FIRST_LANG" "the first readout in $LANG1, the newest of them, first ($FIRST_LANG)" "$(row 1)"
keys o
has "Readouts $N_RD · by path" "o again: by path"
ok_grep "$FIRST_PATH" "the first file's first readout first" "$(row 1)"
keys o
has "Readouts $N_RD · by date" "and o again: by date"

# --- language -------------------------------------------------------------
keys i
has "Filter by language" "i opens the language picker"
has "fr" "which lists the languages of the corpus"
type fr
keys Enter
has "Readouts $N_FR (filtered) · by date" "Enter keeps the $N_FR readouts in French"
keys j k
status_has "lang:fr" "the status line names the filter"
keys Escape
has "Readouts $N_RD · by date" "Esc clears it"

# --- kind -----------------------------------------------------------------
keys f
has "Filter by kind" "f opens the kind picker"
type call
keys Enter
has "Readouts $N_CALL (filtered)" "Enter keeps the $N_CALL calls"
keys j k
status_has "kind:call" "the status line names the filter"
keys c
has "Readouts $N_RD · by date" "c clears it"

# --- dates ----------------------------------------------------------------
keys P
status_has "Dates (SINCE..UNTIL" "P asks for the dates"
type "2021-07..2021-07-15"
keys Enter
has "Readouts $N_JULY (filtered)" "2021-07..2021-07-15 keeps the $N_JULY readouts of those days"
keys j k
status_has "dates:2021-07-01..2021-07-15" "the status line shows the bounds"
keys P
status_has "2021-07-01..2021-07-15" "P again offers the bounds to edit"
keys C-u
type "soon"
keys Enter
status_has "soon is no date: the form is" "a word is not a date: said, nothing changes"
has "Readouts $N_JULY (filtered)" "the filter stays"
# the first date after the second: said, as the command line's --since
# after --until (it matched nothing without a word)
keys P C-u
type "2021-08..2021-07"
keys Enter
status_has "2021-08..2021-07: the first date is after the second" "a range the wrong way round: said"
has "Readouts $N_JULY (filtered)" "and the filter stays"
# what was refused is offered again to mend; a date its month has not
# says why, as the command line does
keys P
status_has "2021-08..2021-07" "P offers the refused range again"
keys C-u
type "2021-02-30"
keys Enter
status_has "2021-02-30 is no date: February has 28 days" "a day its month has not: said why"
has "Readouts $N_JULY (filtered)" "and the filter stays"
keys P C-u
type "2021-07-01..2021-07-15"
keys Enter
status_has "dates 2021-07-01..2021-07-15: $N_JULY readout" "the range mended is taken"
keys Escape
has "Readouts $N_RD · by date" "Esc clears the dates"
# the dates prompt has its own line: Up does not recall a search
keys /
type "zqxjk"
keys Enter Escape
keys P
status_has "Dates (SINCE" "P opens the dates prompt"
keys Up
type "Z"
status_has "any): Z" "Up in it recalls no search: a letter typed after it is all the line holds"
keys Escape
has "Readouts $N_RD · by date" "and Esc leaves it, the dates as they were"

# --- speakers together ----------------------------------------------------
keys s
type lavrov
keys Enter s
type "wang yi"
keys Enter
has "Readouts $N_EITHER (filtered)" "Lavrov or Wang Yi: $N_EITHER readouts"
status_has "filter on Wang Yi (2 filters on, either speaker): $N_EITHER readouts" \
	"the message names the one set, and says two are on, either speaker"
keys t
type covid
keys Enter j k
status_has "speaker:Sergey Lavrov speaker:Wang Yi topic:COVID-19" \
	"the status line lists the three filters whole, in the room the line has (not half of it)"
keys t
type covid
keys Enter
status_has "filter off COVID-19 (2 filters still on, either speaker)" "clearing one says how many are still on"
keys +
has "Readouts $N_BOTH (filtered)" "+: Lavrov and Wang Yi together, $N_BOTH readouts"
status_has "speakers together" "the status line says so"
keys j k
status_has "all-speakers" "and then shows the mode with the filters"
keys +
has "Readouts $N_EITHER (filtered)" "+ again: either"
keys j k
hasnt "all-speakers" "the mode is no longer shown"
keys Escape
has "Readouts $N_RD · by date" "Esc clears the speakers"
# the counts of a message with no filter left: the corpus's (not the open
# readout's positions, which the positions' list then holds)
keys +
status_has "speakers together: readouts with every chosen speaker ($N_RD readouts, $N_POS positions)" \
	"+ with no speaker chosen: every readout and position"
keys +
keys s
type lavrov
keys Enter s
type lavrov
keys Enter
status_has "filter off Sergey Lavrov: $N_RD readouts, $N_POS positions match" \
	"the last filter cleared: every readout and position match"
keys q
is "$(wait_exit)" 0 "q quits with status 0"
done_testing
