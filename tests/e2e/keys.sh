#!/bin/sh
# keys.sh - what vi, less and mutt users reach for: a count before a key
# (5j, 3], 4G; shown while typed, Esc forgets it), the search history (Up
# at / recalls, / Enter repeats, kept across sessions in a file of the
# user's alone), the reader's "L12/85 14%", n and N going round the end
# with one message, and the mouse (a click selects, the wheel moves; `set
# mouse = off` leaves the keys as they are).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

# The mouse as the terminal reports it (SGR, xterm's 1006), 1-based.
click() { # click COL ROW
	type "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"
}
wheel() { # wheel up|down COL ROW
	local b=64
	[ "$1" = down ] && b=65
	type "$(printf '\033[<%d;%d;%dM' $b "$2" "$3")"
}
# The navigator's row, from the status line ("3/7 readouts"): C-l first
# (a key clears the message that may stand there).
nav_row() {
	keys C-l
	status_line | sed -n 's/^ *\([0-9]*\)\/[0-9]* readouts.*/\1/p'
}
# The reader's indicator: "L12/85 14%".
where() {
	screen_line 2 | grep -oE 'L[0-9]+/[0-9]+ [0-9]+%' | head -n 1
}


# --- counts --------------------------------------------------------------
start 100 30 -- "$SAMPLES"
is "$(nav_row)" 1 "the navigator starts on its first readout"
# the status line tells where the cursor is in the pane that has it
nsp=$(screen | sed -n 's/.*Speakers (\([0-9]*\)).*/\1/p' | head -n 1)
keys Tab
status_has " 1/$nsp speakers" "Tab: the status line counts the speakers, not the readouts"
keys j
status_has " 2/$nsp speakers" "  and follows the cursor there"
keys k k
status_has " $nsp speakers" "  on a kind's heading, how many"
keys Tab
is "$(nav_row)" 1 "Tab back: the readouts' count again"
keys 5
status_has "count 5" "the count typed shows on the status line"
keys j
is "$(nav_row)" 6 "5j moves five readouts down"
hasnt "count 5" "the count is gone once used"
keys 3 k
is "$(nav_row)" 3 "3k moves three up"
keys 4 G
is "$(nav_row)" 4 "4G goes to the fourth readout"
keys G
is "$(nav_row)" 7 "G alone goes to the last"
keys 2 g
is "$(nav_row)" 2 "2g goes to the second"
keys 9 Escape
status_has "count cancelled" "Esc forgets a count"
keys j
is "$(nav_row)" 3 "then j moves one row"
keys 1 0 0 j
is "$(nav_row)" 7 "100j stops at the last readout"

# the French readout, in the reader: the navigator's row whose title is
# French
keys g
i=1
while [ $i -le 7 ] && ! screen_line $((i + 2)) | grep -qF "Wang Yi rencontre"; do
	i=$((i + 1))
done
keys "$i" G Enter
status_has "fr-2021-07-15" "the French readout is open"
P0=$(selected_pos)
# the first position shown, the cursor on line 1, above it: ] goes to it
# (not past it: it was never reached)
keys ]
is "$(selected_pos)" "$P0" "] on a readout just opened goes to its first position $P0"
where | grep -q "^L1/"
ok $((!$?)) "  the cursor is on its first line, not line 1 ($(where))"
keys ]
keys ]
keys ]
P3=$(selected_pos)
keys [
keys [
keys [
is "$(selected_pos)" "$P0" "three [ come back to $P0"
keys 3 ]
is "$(selected_pos)" "$P3" "3] jumps three positions, as ] ] ] do ($P3)"

# --- the indicator ------------------------------------------------------
keys g
W=$(where)
ok_grep "L1/" "the text pane's heading shows the cursor line's number ($W)" "$W"
TOTAL=$(printf '%s' "$W" | sed 's/^L1\/\([0-9]*\) .*/\1/')
keys 5 j
is "$(where)" "L6/$TOTAL $((6 * 100 / TOTAL))%" "5j: line 6 of $TOTAL, and how far in"
keys G
is "$(where)" "L$TOTAL/$TOTAL 100%" "G: the last line, 100%"
keys 4 G
is "$(where)" "L4/$TOTAL $((4 * 100 / TOTAL))%" "4G goes to line 4 of the text"

# --- n, N round the end ------------------------------------------------
keys g
keys /
type tachkent
keys Enter
i=0
while [ $i -lt 10 ] && ! status_line | grep -qF "wrapped to the top"; do
	keys n
	i=$((i + 1))
done
status_has "search wrapped to the top" "n past the last hit of the one readout with it says it went round"
status_has "the only one with it" "and why it stayed in this readout"
keys N
i=0
while [ $i -lt 10 ] && ! status_line | grep -qF "wrapped to the bottom"; do
	keys N
	i=$((i + 1))
done
status_has "search wrapped to the bottom" "N past the first hit says so too"
keys Escape q

# the same words in a list: the navigator
keys /
type Tachkent
keys Enter
R=$(nav_row)
keys n
status_has "search wrapped to the top" "n in the navigator, one readout with it: the same message"
is "$(nav_row)" "$R" "back on it"
keys Escape
# 2n steps two hits, as n n does
keys g /
type wang
keys Enter
keys n n
R=$(nav_row)
keys g /
type wang
keys Enter
keys 2 n
is "$(nav_row)" "$R" "2n goes where n n goes (row $R)"
keys Escape

# --- the search history -------------------------------------------------
keys /
type kerry
keys Enter
keys /
type putin
keys Enter
keys / Up
status_has "/putin" "Up at / recalls the last search"
keys Up
status_has "/kerry" "Up again, the one before"
keys Down
status_has "/putin" "Down comes back"
keys BSpace
type X
status_has "/putiX" "a recalled line edited"
keys Up Down
status_has "/putiX" "Up then Down: the edit is still there, as in bash"
keys Down
type ab
keys Up Down
status_has "/ab" "and the new line typed below them too"
keys Escape
keys /
type blinken
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
keys Enter C-l
status_has "/putin" "/ then Enter on an empty line repeats the last search"
keys Escape
F="$XDG_STATE_HOME/parley/history"
[ -f "$F" ] && [ ! -L "$F" ]
ok $? "the searches are kept in $F"
is "$(stat -c %a "$F")" 600 "for the user alone (mode 0600)"
is "$(tail -n 2 "$F" | tr '\n' ' ')" "kerry putin " "the latest last"
stop

start 100 30 -- "$SAMPLES"
keys / Up
status_has "/putin" "the next session recalls them"
keys Escape
stop

# a link where the file goes is not followed: this session's only
rm -f "$F"
ln -s "$TMPD/elsewhere" "$F"
start 100 30 -- "$SAMPLES"
keys /
type lavrov
keys Enter
keys / Up
status_has "/lavrov" "with the file a link, the session still recalls its search"
keys Escape
[ ! -e "$TMPD/elsewhere" ]
ok $? "and nothing is written through the link"
stop
rm -f "$F"

# --- the mouse ------------------------------------------------------------
start 100 30 -- "$SAMPLES"
click 10 6
is "$(nav_row)" 4 "a click on the fourth readout's row selects it"
click 10 4
keys Enter
status_has "·" "Enter opens it"
click 5 12
cursor_line | grep -q '^-\|^>'
ok_screen $? "a click in the text puts the cursor line there"
L=$(where)
ok_grep "L10/" "the tenth line of the text (row 12 of the screen): $L" "$L"
wheel down 5 12
ok_grep "L13/" "the wheel moves three lines" "$(where)"
wheel up 5 12
ok_grep "L10/" "and back" "$(where)"
# at a prompt, a click neither edits nor cancels
keys /
type lavr
click 5 12
type ov
status_has "/lavrov" "a click at the / prompt leaves the line as typed"
keys Escape
# the lists of lines: the terminal's cursor sits on the row selected
keys ? G
has "A number before a movement or a jump repeats it" "the help tells of counts, searches and the mouse"
has "set mouse = off" "and of set mouse = off"
keys g
click 10 8
is "$($T display-message -p -t "$PANE" '#{cursor_y}')" 7 "in the help, a click selects the row under it"
keys q I
click 10 6
is "$($T display-message -p -t "$PANE" '#{cursor_y}')" 5 "in what the readout holds (I) too"
stop

# the compare view: a click on a row of the strip selects that pair
start 130 40 -- --compare "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" \
	"$SAMPLES/ru-2021-07-15-lavrov-wang-yi-tashkent.json"
has "Pairs ·" "the two accounts side by side"
Y=$($T display-message -p -t "$PANE" '#{cursor_y}')
click 10 $((Y + 2))
is "$($T display-message -p -t "$PANE" '#{cursor_y}')" $((Y + 1)) "a click on the strip's next row selects it"
stop

# set mouse = off: no mouse asked for, the keys as ever
mkdir -p "$XDG_CONFIG_HOME/parley"
echo "set mouse = off" >"$XDG_CONFIG_HOME/parley/config"
start 100 30 -- "$SAMPLES"
hasnt "problem" "set mouse = off is a setting parley knows"
keys 3 j
is "$(nav_row)" 4 "with the mouse off, 3j moves three readouts"
keys Enter
status_has "·" "and Enter opens"
grep -q "$(printf '\033\\[?1000h')" "$RAW"
ok $((! $?)) "the terminal is not asked for mouse events"
stop
rm -f "$XDG_CONFIG_HOME/parley/config"

# Keys the terminal sends as sequences its description lacks (Home as
# ESC [ 1 ~, End as ESC [ 4 ~ in tmux under TERM=xterm-256color) are read
# whole: in a prompt they edit, an unknown one is one key ignored, never
# Esc (which cancels) and then its bytes as commands
start 100 30 -- "$SAMPLES"
keys /
type "ab"
$T send-keys -t "$PANE" -H 1b 5b 31 7e
type "X"
$T send-keys -t "$PANE" -H 1b 5b 34 7e
type "Y"
status_has "/XabY" "Home and End as ESC [ 1 ~ and ESC [ 4 ~ move in the prompt"
$T send-keys -t "$PANE" -H 1b 5b 32 34 3b 35 7e
type "Z"
status_has "/XabYZ" "an unknown sequence in the prompt leaves it open and the text as it was"
keys Escape
$T send-keys -t "$PANE" -H 1b 5b 39 39 7e
status_has "a sequence parley does not know" "an unknown sequence in the navigator is one key, ignored"
hasnt "~ is not bound" "its bytes are not keys"
$T send-keys -t "$PANE" -H 1b 4f 46
keys k
is "$(nav_row)" 6 "ESC O F is End (the last readout), and k after it moves up"
stop

# --- C-c cancels a picker and the quit question: parley stays -------------
CK="$TMPD/ck"
mkdir -p "$CK"
cp "$SAMPLES"/*.json "$CK"/
start 100 30 -- "$CK"
keys s
type L
keys C-c
has "Readouts" "C-c in the speakers' picker: back in the navigator"
hasnt "parley exited" "parley still runs"
keys G
keys /
type Wang
keys Enter
status_has "search wrapped to the top" "/ in the navigator from its last row: wrapped, and it says so"
keys Escape
keys g
keys Enter
keys Tab
keys z
keys q
keys q
has "Unsaved changes" "an edit, q q: the question"
keys C-c
hasnt "parley exited" "C-c at the question: parley stays (as Esc)"
keys q
keys d
has "[parley exited 0]" "q, d: discarded, and quits with status 0"
hasnt "unsaved edits are lost" "  and says nothing of edits lost: they were discarded, as asked"
stop

# ] and [ in a readout with no position: said, not a silent key
printf '{"format":"parley/1","id":"none","text":"Nothing was said.\\nNor here."}\n' >"$TMPD/none.json"
start 100 20 -- "$TMPD/none.json"
keys Enter ]
status_has "no position in this readout (v selects text to make one)" "] where there is no position says so"
stop

done_testing
