#!/bin/sh
# terms.sh - parley on different terminal types and sizes: open a readout,
# move, quit with status 0.  TERM=dumb (and an unknown TERM) get a plain
# listing of the readouts instead of the full-screen browser.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

C="$TMPD/corpus.json"
nav_json >"$C" # in the navigator's order (FR_AT: the French readout's row)
N=$(jq length "$C")
FR=fr-2021-07-15-wang-lavrov
FR_AT=$(jq --arg r $FR '[.[].id] | index($r)' "$C")
FR_NPOS=$(jq --arg r $FR '.[] | select(.id == $r) | .positions | length' "$C")
P2=$(jq -r --arg r $FR '.[] | select(.id == $r) | .positions | sort_by(.start, -.end) | .[1].id' "$C")
# the first words of the text's second line (the cursor's line after one j)
FIRST=$(jq -r --arg r $FR '.[] | select(.id == $r) | .text | split(" ")[0:4] | join(" ")' "$C")

open_fr() { # move to the French readout in the navigator and open it
	local i=0
	while [ $i -lt "$FR_AT" ]; do
		keys j
		i=$((i + 1))
	done
	keys Enter
}

for t in xterm-256color xterm screen tmux-256color linux vt100; do
	if ! infocmp "$t" >/dev/null 2>&1; then
		ok 0 "TERM=$t # SKIP no terminfo entry for $t"
		continue
	fi
	restart 80 24 TERM="$t" -- "$SAMPLES"
	has "Readouts $N" "TERM=$t: the navigator lists the $N readouts"
	open_fr
	has "Positions · $FR_NPOS" "TERM=$t: the French readout opens with its $FR_NPOS positions"
	cursor_has "$FIRST" "TERM=$t: the text starts with '$FIRST'"
	keys j
	cursor_line | grep -qF "$FIRST"
	ok $((! $?)) "TERM=$t: j moves the text cursor"
	keys Tab j
	is "$(selected_pos)" "$P2" "TERM=$t: Tab j selects the second position $P2"
	has "──" "TERM=$t: the divider line is drawn (line drawing characters)"
	width_ok 80 "TERM=$t: no line wider than the terminal"
	keys q q
	is "$(wait_exit)" 0 "TERM=$t: q q quits with status 0"
done

for size in 20x6 300x100; do
	cols=${size%x*} rows=${size#*x}
	restart "$cols" "$rows" -- "$SAMPLES"
	has "parley" "$size: the title line shows"
	width_ok "$cols" "$size: navigator fits"
	open_fr
	title_has "Wang Yi" "$size: the French readout opens"
	width_ok "$cols" "$size: reader fits"
	keys G Tab G
	width_ok "$cols" "$size: after G in both panes"
	keys q q
	is "$(wait_exit)" 0 "$size: q q quits with status 0"
done
# at 300x100 the whole text and every position fit on the screen
restart 300 100 -- "$SAMPLES"
open_fr
has "Positions · $FR_NPOS" "300x100: the positions pane"
is "$(screen | grep -cE '│ [?+x] ')" "$FR_NPOS" "300x100: lists all $FR_NPOS positions at once"
has "$(jq -r --arg r $FR '.[] | select(.id == $r) | .text | split("\n")[-1] | split(" ")[-3:] | join(" ")' "$C")" \
	"300x100: and the end of the text is on the first page"
keys q q
is "$(wait_exit)" 0 "300x100: quits with status 0"

# TERM=dumb: no full-screen interface, a plain listing
restart 80 60 TERM=dumb -- "$SAMPLES"  # tall: the whole listing shows
is "$(wait_exit)" 0 "TERM=dumb: parley lists the readouts and exits 0"
has "$FR" "TERM=dumb: the listing names the readouts ($FR)"
has "[parley exited 0]" "TERM=dumb: the pane shows [parley exited 0]"
has "TERM is dumb" "TERM=dumb: and says why it did not browse"
LC_ALL=C grep -q "$(printf '\033')" "$RAW"
ok $((! $?)) "TERM=dumb: no escape sequence was written to the terminal"

# a terminal type with no terminfo entry: the same plain listing
restart 80 60 TERM=no-such-terminal-xyz -- "$SAMPLES"
is "$(wait_exit)" 0 "unknown TERM: parley lists the readouts and exits 0"
has "$FR" "unknown TERM: the listing names the readouts"
has "no-such-terminal-xyz" "unknown TERM: and names the terminal type it could not use"
stop
done_testing
