#!/bin/sh
# searchfrom.sh - n and N go on from the reader's cursor, as in less and
# vim: after moving (j, G, g), the next hit strictly after the cursor line,
# the previous strictly before it; from the hit last gone to while the
# cursor is on its line.  A count (5n) counts hits across readouts and
# stops where the search wraps; "search wrapped" only when it does.  After
# F, Enter on a hit, n and N follow F's list (corpus order), not the
# navigator's, whatever the filters, until another / search, from the hit
# of the list's row the cursor is on, or the navigator's readout; q in a
# readout opened from the list goes back to it.
#
# Four readouts of short lines (one line a row, so the indicator L12/80
# names the line): corpus order (paths) r1 r2 r3 r4, the navigator's (by
# date, newest first) r1 r3 r4 r2.  "mark" is on lines 2 and 4 of r1, 5 20
# 40 60 of r2, 3 of r3; r4 has none.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

D="$TMPD/corpus"
mkdir -p "$D"
# mk FILE ID DATE LINES MARKED...: a readout of LINES lines, "mark" on those
mk() {
	local f=$1 id=$2 date=$3 n=$4
	shift 4
	jq -n --arg id "$id" --arg date "$date" --argjson n "$n" --argjson m "[$(echo "$@" | tr ' ' ',')]" \
		'{format: "parley/1", id: $id, title: ("Title " + $id), date: $date, lang: "en",
		  text: ([range(1; $n + 1) | "\($id) line \(.)" + (if (. as $i | $m | index($i)) != null then " mark" else "" end)] | join("\n"))}' \
		>"$D/$f"
}
mk p1.json r1 2021-09-03 10 2 4
mk p2.json r2 2021-05-01 80 5 20 40 60
mk p3.json r3 2021-09-02 10 3
mk p4.json r4 2021-06-01 10

# at LINE DESC: the cursor is on line LINE of the text: the indicator above
# the text says so, and the cursor line is that line
pane_head() {
	screen_line 2
}
at() {
	ok_until "L$1/" "$2" pane_head
	cursor_has "line $1 " "$2: the cursor line is line $1"
}

restart 100 30 -- "$D"
keys j j j Enter
title_has "Title r2" "r2 is open (fourth in the navigator)"
keys /
type mark
keys Enter
at 5 "/mark lands on the first hit"
keys 3 0 j
at 35 "30j moves to line 35"
keys n
at 40 "n after 30j: the next hit after the cursor (40), not after the last hit (20)"
keys n
at 60 "n from that hit: the next one"
keys 5 k
at 55 "5k: line 55"
keys N
at 40 "N after moving: the previous hit before the cursor (40)"
hasnt "wrapped" "no wrap message on the way"
keys G
at 80 "G: the last line"
keys N
at 60 "N after G: the hit just above (60), not a wrap"
hasnt "wrapped" "and no wrap message"
keys g
at 1 "g: the first line"
keys 2 n
at 20 "2n from the first line: the second hit after it (5, 20)"
keys 3 n
title_has "Title r1" "3n from 20: 40, 60, then round the end to the navigator's first readout, r1"
at 2 "on its first hit"
status_has "search wrapped to the top: next hit in r1" "the count stopped at the wrap, with its message"
keys 5 n
title_has "Title r2" "5n from r1's first hit: r1's other, r3's one, then r2's first three"
at 40 "on r2's third hit"
hasnt "wrapped" "not round the end: no wrap message"
status_has "next hit in r2" "the status line says where it went"
keys g N
title_has "Title r3" "N from r2's first line: back to the readout before it with a hit, r3 (r4 has none)"
at 3 "on r3's hit"
status_has "previous hit in r3" "not round the end: no wrap message"
hasnt "wrapped" "none"
keys 1 0 0 0 N
title_has "Title r2" "1000N: r3's none before, r1's two, then round the end to the bottom: r2's last"
at 60 "on its last hit, where the count stopped"
status_has "search wrapped to the bottom: previous hit in r2" "with the wrap message"
keys q q
stop

# --- F, Enter on a hit, then n and N: the list's order -------------------
restart 100 30 -- "$D"
keys F
type mark
keys Enter
has "7 hits in 3 readouts" "F mark lists 7 hits"
keys j Enter
title_has "Title r1" "Enter on hit 2 opens r1"
at 4 "on its second hit"
keys n
title_has "Title r2" "n: hit 3 of the list is in r2 (the navigator would go on to r3)"
at 5 "on r2's first hit"
status_has "hit 3 of 7" "the status line says which hit of the list"
hasnt "wrapped" "no wrap message"
keys 4 n
title_has "Title r3" "4n: hit 7, in r3"
at 3 "on r3's hit"
keys n
title_has "Title r1" "n after the list's last hit: round to its first"
at 2 "on r1's first hit"
status_has "search wrapped to the top: hit 1 of 7" "with the wrap message"
keys N
title_has "Title r3" "N: round to the list's last hit"
status_has "search wrapped to the bottom: hit 7 of 7" "with the wrap message"
keys k k
at 1 "kk: r3's first line"
keys N
title_has "Title r2" "N from before r3's hit: the list's hit before it, r2's last"
at 60 "on line 60"
keys q
has "7 hits in 3 readouts" "q in a readout opened from F's list: back to the list"
keys q
has "Readouts" "q again: the navigator"
keys n
title_has "Title r3" "n from the navigator: on in F's list from the hit last gone to (60 in r2): hit 7"
status_has "hit 7 of 7" "the status line says so"
keys q q
stop

# --- n and N from the cursor of F's list, and of the navigator --------------
restart 100 30 -- "$D"
keys F
type mark
keys Enter
has "7 hits in 3 readouts" "F mark lists 7 hits"
keys k
status_has "hit 1 of 7" "k on the first hit: its heading is no entry"
keys 4 G
status_has "hit 4 of 7" "4G: the fourth hit"
keys g
status_has "hit 1 of 7" "g: the first hit"
keys 4 j
keys n
title_has "Title r2" "4j n in the list (on hit 5): hit 6, in r2"
status_has "hit 6 of 7 in F's list" "the status line says so"
hasnt "wrapped" "no wrap message"
keys q
has "7 hits in 3 readouts" "q: back to the list"
keys k k
keys N
title_has "Title r2" "kk N (on hit 4): hit 3, in r2"
status_has "hit 3 of 7 in F's list" "the status line says so"
at 5 "on r2's first hit"
keys q q
has "Readouts" "q q: the navigator"
keys g
keys n
title_has "Title r1" "g n in the navigator: r1 (its first row) has hits: its first"
status_has "hit 1 of 7 in F's list" "hit 1"
hasnt "wrapped" "and it did not wrap"
keys q q
stop

# --- the same with a filter the hits' readouts are not all in ---------------
restart 100 30 -- "$D"
keys P
type 2021-09
keys Enter
hasnt "Title r2" "P 2021-09: r2 is not in the navigator"
keys F
type mark
keys Enter
has "7 hits in 3 readouts" "F searches every text, whatever the filter"
keys j Enter
title_has "Title r1" "Enter on hit 2 opens r1"
keys n
title_has "Title r2" "n: hit 3, in r2, which the filter leaves out of the navigator"
at 5 "on its first hit"
hasnt "wrapped" "no wrap message"
keys n
at 20 "n: hit 4"
keys q q
stop

# --- a / search after F: n follows the navigator again -----------------
restart 100 30 -- "$D"
keys F
type mark
keys Enter
keys Enter
title_has "Title r1" "Enter on hit 1 opens r1"
keys /
type mark
keys Enter
at 2 "/mark in r1"
keys n n
title_has "Title r3" "after /, n goes on in the navigator's order: r3 after r1"
at 3 "on r3's hit"
keys q q
stop

# --- a 5 MB text (one paragraph): G then N, and counts, in one pass -------
# ZQX001 to ZQX100, one every 50 KB; the first after 50 KB (not on the
# first line)
L="$TMPD/long"
mkdir -p "$L"
{
	printf '{"format":"parley/1","id":"long","title":"Five MB","text":"'
	i=1
	while [ $i -le 100 ]; do
		yes "La sécurité régionale est au cœur des échanges." | head -c 51200 | tr '\n' ' '
		printf ' ZQX%03d ' $i
		i=$((i + 1))
	done
	yes "Fin du texte." | head -c 102400 | tr '\n' ' '
	printf '"}\n'
} >"$L/long.json"
restart 100 30 -- "$L"
keys Enter
title_has "Five MB" "the 5 MB readout is open"
keys /
type zqx
keys Enter
cursor_has "ZQX001" "/zqx: the first hit"
keys G
cursor_has "Fin du texte" "G: the end of the text"
keys N
cursor_has "ZQX100" "N after G: the last hit, above the cursor"
hasnt "wrapped" "no wrap message: it did not wrap"
keys g
keys 5 0 n
cursor_has "ZQX050" "50n from the first line: the 50th hit"
keys 1 0 0 0 n
cursor_has "ZQX001" "1000n: past the last hit, round to the first, where the count stops (at once: one pass)"
status_has "search wrapped to the top: first hit of this readout, the only one with it" "with the wrap message"
keys 2 0 N
cursor_has "ZQX100" "20N from the first hit: round the start to the last hit, where the count stops"
status_has "search wrapped to the bottom: last hit of this readout" "with the wrap message"
keys 2 0 N
cursor_has "ZQX080" "20N from the last hit: the 20th before it"
keys q q
stop
done_testing
