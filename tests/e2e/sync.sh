#!/bin/sh
# sync.sh - the reader's two panes stay in step, both ways, side by side
# (120x40) and stacked (80x24): selecting a position shows its text, ] and [
# jump between positions, Enter moves to the text, moving the text cursor
# selects the position under it.  Spans and their text come from the JSON.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

FR="$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
# positions in text order (the order of the positions pane)
jq -r '. as $r | .positions | sort_by(.start, -.end) | to_entries[] |
	[.key, .value.id, .value.speaker, ($r.text[.value.start:.value.end] | split(" ")[0:4] | join(" ")),
	 .value.start, .value.end] | @tsv' \
	"$FR" >"$TMPD/pos"
field() { # field ROW COL: column COL (1-6: row, id, speaker, first words, start, end) of row ROW (0-based) of $TMPD/pos
	awk -F '\t' -v r="$1" -v c="$2" '$1 == r { print $c }' "$TMPD/pos"
}
# the first position that has one before it and two after it, these four
# following each other in the text without overlapping (so the text cursor
# passes from one to the next)
L=$(awk -F '\t' '{ s[$1] = $5; e[$1] = $6; n = $1 + 1 }
	END { for (i = 1; i + 2 < n; i++) if (s[i] >= e[i - 1] && s[i + 1] >= e[i] && s[i + 2] >= e[i + 1]) { print i; exit } }' "$TMPD/pos")
if [ -z "$L" ]; then
	ok 1 "the French readout has four positions one after the other"
	done_testing
	exit 1
fi
P0=$(field "$L" 2) W0=$(field "$L" 4)
P1=$(field $((L + 1)) 2) W1=$(field $((L + 1)) 4)
P2=$(field $((L + 2)) 2) W2=$(field $((L + 2)) 4)
diag "position $P0 (row $L) '$W0'; then $P1 '$W1', $P2 '$W2'"

scenario() {
	local cols=$1 rows=$2 at="$1x$2" i
	restart "$cols" "$rows" -- "$FR"
	keys Enter
	has "Positions · " "$at: Enter opens the French readout"
	keys Tab
	i=0
	while [ $i -lt "$L" ]; do
		keys j
		i=$((i + 1))
	done
	is "$(selected_pos)" "$P0" "$at: Tab, then j moves down the positions pane to $P0"
	span_has "$W0" "$at: the text pane shows and marks its span ('$W0')"
	cursor_has "$W0" "$at: the text cursor is on its first line"
	cursor_line | grep -q '^-'
	ok_screen $? "$at: the text cursor is drawn unfocused ('-') while the positions pane has the focus"

	keys ']'
	is "$(selected_pos)" "$P1" "$at: ] selects the next position $P1"
	span_has "$W1" "$at: and the text follows ('$W1')"
	keys ']'
	is "$(selected_pos)" "$P2" "$at: ] again: $P2"
	span_has "$W2" "$at: and the text follows ('$W2')"
	keys '['
	keys '['
	is "$(selected_pos)" "$P0" "$at: [ [ goes back to $P0"
	span_has "$W0" "$at: and so does the text"

	keys Enter
	cursor_line | grep -q '^>'
	ok_screen $? "$at: Enter in the positions pane focuses the text ('>' cursor)"
	cursor_has "$W0" "$at: on the position's first line"
	is "$(selected_pos)" "$P0" "$at: still on $P0"

	# move the text cursor down until it reaches another position
	i=0
	while [ $i -lt 30 ] && [ "$(selected_pos)" = "$P0" ]; do
		keys j
		i=$((i + 1))
	done
	is "$(selected_pos)" "$P1" "$at: j in the text selects the next position $P1 ($i lines down)"
	span_has "$W1" "$at: whose span is now marked"
	has_line "· $P1\$" "$at: its entry is the expanded one"
	hasnt "· $P0" "$at: and $P0's entry is no longer expanded"
	keys k
	is "$(selected_pos)" "$P0" "$at: k back up selects $P0 again"

	keys Tab k
	is "$(selected_pos)" "$(field $((L - 1)) 2)" "$at: k in the positions pane selects the position before"
	span_has "$(field $((L - 1)) 4)" "$at: and the text pane shows its span"

	# across a paragraph: from the first position down into the second
	keys g Enter
	is "$(selected_pos)" "$(field 0 2)" "$at: g in the positions pane selects the first position"
	i=0
	while [ $i -lt 30 ] && [ "$(selected_pos)" = "$(field 0 2)" ]; do
		keys j
		i=$((i + 1))
	done
	is "$(selected_pos)" "$(field 1 2)" "$at: j down the text into the next paragraph selects $(field 1 2)"
	cursor_has "$(field 1 4)" "$at: the cursor is on its first line ('$(field 1 4)')"

	# ] from the cursor: at the top of the text (no position under the
	# cursor), ] goes to the first position, whatever was selected before
	keys Tab G Enter g
	cursor_has "$(jq -r '.text | split(" ")[0:3] | join(" ")' "$FR")" "$at: g in the text goes to the first line"
	keys ']'
	is "$(selected_pos)" "$(field 0 2)" "$at: ] from the top of the text selects the first position $(field 0 2)"
	width_ok "$cols" "$at: no line is wider than the terminal"
	keys q q
	is "$(wait_exit)" 0 "$at: q q quits with status 0"
}

scenario 120 40
scenario 80 24
stop
done_testing
