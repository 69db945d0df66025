#!/bin/sh
# resize.sh - resizing while parley runs: from 120x40 down to 15x5 ("terminal
# too small") and back up to 100x30, the reader keeps its place (the same
# readout, the same selected position, its text in view) and no line is ever
# wider than the terminal.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

FR="$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
ID=$(jq -r .id "$FR")
# the first Lavrov position: its row in the positions pane, id, first words
# of its span and of its summary
ROW=$(jq -r '[.positions | sort_by(.start, -.end)[] | .speaker] | index("sergey-lavrov")' "$FR")
P=$(jq -r '.positions | sort_by(.start, -.end) | .['"$ROW"'].id' "$FR")
W=$(jq -r '. as $r | .positions | sort_by(.start, -.end) | .['"$ROW"'] | $r.text[.start:.end] | split(" ")[0:4] | join(" ")' "$FR")
S=$(jq -r '.positions | sort_by(.start, -.end) | .['"$ROW"'].summary | split(" ")[0:2] | join(" ")' "$FR")
diag "$P (row $ROW): text '$W', summary '$S'"

restart 120 40 -- "$FR"
keys Enter Tab
i=0
while [ $i -lt "$ROW" ]; do
	keys j
	i=$((i + 1))
done
is "$(selected_pos)" "$P" "120x40: $P is selected"
span_has "$W" "120x40: its text is shown and marked"
width_ok 120 "120x40"

for size in 80x24 60x20; do
	resize_wait "${size%x*}" "${size#*x}"
	title_has "Wang Yi rencontre" "$size: still the French readout"
	is "$(selected_pos)" "$P" "$size: still $P selected"
	span_has "$W" "$size: its text still in view in the text pane"
	status_has "$ID" "$size: the status line names the readout"
	width_ok "${size%x*}" "$size"
done

# too narrow for two panes: the focused positions pane alone
for size in 30x8 20x6; do
	resize_wait "${size%x*}" "${size#*x}"
	title_has "Wang Yi ren" "$size: still the French readout"
	# (its words may wrap: the rows joined, as the summary reads)
	ok_grep "$S" "$size: the selected position's summary is shown ('$S')" \
		"$(screen | sed 's/^ *//; s/ *$//' | tr '\n' ' ')"
	hasnt "terminal too small" "$size: not too small"
	width_ok "${size%x*}" "$size"
done

resize_wait 15 5
has "too small" "15x5: parley says the terminal is too small"
has "15x5, need" "15x5: and gives the size it needs"
width_ok 15 "15x5"
keys j j G
has "too small" "15x5: keys other than q do nothing"

resize_wait 100 30
hasnt "too small" "100x30: the reader is back"
title_has "Wang Yi rencontre" "100x30: the same readout"
is "$(selected_pos)" "$P" "100x30: the same position $P selected (keys pressed while too small were ignored)"
span_has "$W" "100x30: its text in view in the text pane"
has "Positions · " "100x30: the positions pane is shown"
width_ok 100 "100x30"

resize_wait 80 24
keys Enter
cursor_has "$W" "80x24: Enter in the positions pane: the text cursor is on $P's first line"
resize_wait 120 40
cursor_has "$W" "120x40: the cursor line is kept across a resize"
resize_wait 60 20
cursor_has "$W" "60x20: and again"
width_ok 60 "60x20"

keys q q
is "$(wait_exit)" 0 "q q quits with status 0"
stop
done_testing
