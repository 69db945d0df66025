#!/bin/sh
# cjk.sh - the Chinese readout (double-width characters) at 80x24 and at an
# odd width, 41x20: no line is wider than the terminal, the text and the
# positions show, PgDn, G, ] move through them.  Expected text from the JSON.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

ZH="$SAMPLES/zh-2021-06-28-xi-jinping-putin-video-call.json"
HEAD=$(jq -r '.text[0:12]' "$ZH")                           # 2021年6月28日下午
TAIL=$(jq -r '.text | split("\n")[-1] | .[-2:]' "$ZH")      # the last two characters
NPOS=$(jq -r '.positions | length' "$ZH")
LABELS=$(jq -r '[.positions[].speaker] as $used | .speakers[] | select(.id as $i | $used | index($i)) | .label' "$ZH")
# the first two positions in text order; the second's first 4 characters
P1=$(jq -r '.positions | sort_by(.start, -.end) | .[0].id' "$ZH")
P2=$(jq -r '.positions | sort_by(.start, -.end) | .[1].id' "$ZH")
P2W=$(jq -r '. as $r | .positions | sort_by(.start, -.end) | .[1] | $r.text[.start:.start + 4]' "$ZH")
diag "text starts '$HEAD', ends '$TAIL'; $NPOS positions; second: $P2 '$P2W'"

# the selected span's text, its lines joined (CJK lines break between characters)
span_joined() {
	selected_span | tr -d '\n'
}

scenario() {
	local cols=$1 rows=$2 at="$1x$2" prev
	restart "$cols" "$rows" -- "$ZH"
	width_ok "$cols" "$at: navigator"
	keys Enter
	width_ok "$cols" "$at: reader"
	has "$HEAD" "$at: the text starts with '$HEAD'"
	has "习近平" "$at: its characters show (习近平)"
	has "Positions · $NPOS" "$at: the $NPOS positions are listed"
	has "$(echo "$LABELS" | head -n 1)" "$at: with their speakers ($(echo "$LABELS" | head -n 1))"
	hasnt "�" "$at: no replacement character on the screen"
	# (] goes to the first position when the cursor is above it, to the
	# second when the first is on line 1, as it is at some widths)
	keys ']'
	[ "$(selected_pos)" = "$P1" ] && keys ']'
	is "$(selected_pos)" "$P2" "$at: ] selects the second position $P2"
	span_joined | grep -qF "$P2W"
	ok_screen $? "$at: its span ('$P2W') is marked in the text"

	prev=$(cursor_line)
	keys PgDn
	width_ok "$cols" "$at: after PgDn"
	hasnt "$HEAD" "$at: PgDn scrolls the first line away"
	[ "$(cursor_line)" != "$prev" ] && [ -n "$(cursor_line)" ]
	ok_screen $? "$at: and moves the cursor line (still visible)"
	keys PgDn PgDn
	width_ok "$cols" "$at: after two more PgDn"
	keys G
	width_ok "$cols" "$at: after G"
	has "$TAIL" "$at: G shows the end of the text ('$TAIL')"
	cursor_line | tr -d '\n' | grep -qF "$TAIL"
	ok_screen $? "$at: on the cursor line"
	keys g
	has "$HEAD" "$at: g goes back to the top"
	keys Tab G
	width_ok "$cols" "$at: positions pane, G"
	keys PgUp
	width_ok "$cols" "$at: positions pane, PgUp"
	keys q q
	is "$(wait_exit)" 0 "$at: q q quits with status 0"
}

scenario 80 24
scenario 41 20

# traditional characters find the simplified text (OpenCC t2s in folding)
restart 80 24 -- "$ZH"
keys Enter /
type "習近平"
keys Enter
status_has "/習近平" "/習近平 searches the simplified readout"
hasnt "not found" "and finds 习近平 there"
cursor_has "习近平" "the hit is on the cursor line"
keys q q
stop
done_testing
