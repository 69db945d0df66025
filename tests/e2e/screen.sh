#!/bin/sh
# screen.sh - what the screen must get right, found by trying parley on real
# readouts: panes full after a resize, columns padded by display width,
# long messages read whole (wrapped, and :messages), a title never glued to
# its date, J stopping at a readout's end, / searching where the user is,
# opening under a filter, and a readout with warnings loaded and saved
# without its values rewritten.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C/"

# --- a taller and wider terminal after G: the panes are full -------------
start 80 24 -- "$SAMPLES/en-2021-07-14-sco-cfm-dushanbe.json"
keys Enter G
resize_wait 140 50
blank=$(left_pane | sed -n '3,49p' | grep -c '^ *$')
is "$blank" 0 "80x24, G, then 140x50: no empty row in the text pane"
cursor_has "relations among the member states" "and the cursor line (the last) still shown"
keys g
resize_wait 80 24
resize_wait 200 60
has "On 14 July 2021, a regular meeting" "g, then back and forth: the text's first line is shown"
keys G
resize_wait 160 45
resize_wait 80 24
cursor_has "relations among the member states" "G, wider, then narrow again: the cursor is still on the last line"
start 80 24 -- "$SAMPLES/zh-2021-06-28-xi-jinping-putin-video-call.json"
keys Enter G
resize_wait 200 60
has "2021年6月28日下午" "a text that fits whole at 200x60 is shown from its first line"
FIRST=$(jq -r '.positions | sort_by(.start, -.end) | .[0].summary | split(" ")[0:4] | join(" ")' \
	"$SAMPLES/zh-2021-06-28-xi-jinping-putin-video-call.json")
has "$FIRST" "and so is the positions list (its first position: '$FIRST')"

# --- columns padded by display width --------------------------------------
cat >"$C/stances.json" <<'J'
{"format": "parley/1", "id": "stances", "title": "Stances", "text": "A dit un. B dit deux. C dit trois.",
 "speakers": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}],
 "positions": [{"id": "p1", "speaker": "a", "start": 0, "end": 9, "stance": "反对", "summary": "MARKONE"},
               {"id": "p2", "speaker": "b", "start": 10, "end": 21, "stance": "réservé", "summary": "MARKTWO"},
               {"id": "p3", "speaker": "c", "start": 22, "end": 34, "stance": "support", "summary": "MARKTHREE"}]}
J
start 120 30 -- "$C/stances.json"
keys Enter Tab j
col() { # the display column where $1 starts on the screen
	screen | grep -m1 -F "$1" | sed "s/$1.*//" | LC_ALL=C.UTF-8 wc -L
}
c1=$(col MARKONE) c3=$(col MARKTHREE)
keys k k
c2=$(col MARKTWO)
[ "$c1" = "$c3" ] && [ "$c2" = "$c3" ]
ok $? "the stance column is as wide with 反对 and réservé as with support ($c1 $c2 $c3)"

# --- long messages, read whole ---------------------------------------------
start 80 24 USER=tester -- "$C"
keys j j j Enter j j v
has "Esc cancels" "the selection's keys are all shown at 80 columns, wrapped"
keys Escape
# accept the first pending position (its row in the positions pane)
row=$(jq '[.positions | sort_by(.start, -.end)[] | .review // "pending"] | index("pending")' \
	"$C/fr-2021-07-15-wang-yi-lavrov-tashkent.json")
keys Tab
i=0
while [ "$i" -lt "$row" ]; do
	keys j
	i=$((i + 1))
done
keys y
wait_for ": accepted"
printf ' ' >>"$C/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
keys w
has "saves elsewhere" "the conflict message is read to its end at 80 columns"
keys M
has "Messages:" "M shows the recent messages"
has "selection cancelled" "with the earlier ones"
has ":w PATH saves elsewhere" "whole"
keys q :
type "messages"
keys Enter
has "Messages:" ":messages too"
keys q q
keys ?
resize_wait 50 24
keys /
type "Cycle the stance"
keys Enter
has "neutral, none" "a long help line wraps at 50 columns"
has "Cycle the stance: support" "and / searched the help, which is still open"
keys n
has "search wrapped" "n goes on, and says when it wraps"
keys q
has "Readouts 8" "q goes back from the help"
keys Enter
has "Wang Yi rencontre" "the French readout again"
resize_wait 60 24
status_has "fr-2021" "at 60 columns"
keys m C-u
type "A note long enough to need more than one row of the positions pane, ending here with END"
keys Enter
has "with END" "a long note is shown whole in the positions pane"
has_line "… +2021-07-15" "a cut title keeps its distance from the date, cut with an ellipsis (a ~ was also the mark of a likely other account)"
keys u q
keys ":"
type "q!"
keys Enter
wait_for "[parley exited"
stop
cp "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$C/"
rm -f "$XDG_STATE_HOME"/parley/journal-*

# --- J stops at the readout's last pending position ----------------------
# j_to_last CORPUS [ROW]: open the navigator's readout on ROW (default 0:
# the first; the first of calls-2021.jsonl is the newest of that file, the
# second of the samples) and walk its pending positions with J to the last
j_to_last() {
	start 120 30 -- "$1"
	local k=0
	while [ $k -lt "${2:-0}" ]; do
		keys j
		k=$((k + 1))
	done
	keys Enter
	pend=$(jq -s '[.[0].positions[] | select((.review // "pending") == "pending")] | length' "$C/calls-2021.jsonl")
	# the first position (in text order) is selected on opening: when it is
	# pending, the walk starts there; when not, the first J goes to the first
	i=$(jq -s '[.[0].positions | sort_by(.start, -.end)[0] | .review // "pending"] | if .[0] == "pending" then 1 else 0 end' \
		"$C/calls-2021.jsonl")
	while [ $i -lt "$pend" ]; do
		keys J
		i=$((i + 1))
	done
}
# the calls file alone: its other readout has no pending position
j_to_last "$C/calls-2021.jsonl"
status_has "$pend of $pend pending in this readout" "J walks the pending positions ($pend) of the readout, counting them"
keys J
has "no later pending position in this readout" "J at the last one says so instead of leaving (no other readout has a pending position)"
has "О телефонном" "and stays in the readout"
keys J
status_has "1 of $pend pending in this readout" "J again goes round to the readout's first pending position"
# the whole corpus: J again goes on to the next readout (in the
# navigator's order) with a pending position
CALL=$(head -n 1 "$C/calls-2021.jsonl" | jq -r .id)
CALL_ROW=$(nav_json "$C" | jq --arg id "$CALL" 'map(.id) | index($id)')
NEXT_T=$(nav_json "$C" | jq -r --argjson i "$CALL_ROW" '[.[$i + 1:][] | select([.positions[]? | .review // "pending"] | index("pending"))][0].title')
j_to_last "$C" "$CALL_ROW"
status_has "$pend of $pend pending in this readout" "in the whole corpus too"
keys J
has "no later pending position in this readout" "J at the last one says so instead of leaving"
has "О телефонном" "and stays in the readout"
keys J
title_has "$(echo "$NEXT_T" | cut -d ' ' -f 1-5)" "J again opens the next readout with a pending position ($NEXT_T)"
status_has "1 of " "and counts its own pending positions"

# --- / where the user is ---------------------------------------------------
start 120 30 -- "$SAMPLES"
keys /
type "Dushanbe"
keys Enter
has "Readouts 7" "/ in the navigator keeps the navigator"
status_has "6/7 readouts" "and moves to the readout that has it (the sixth, by date)"
keys Tab /
type "Лавров"
keys Enter
has "Speakers (" "/ in the facets stays there"
keys Enter
status_has "filter on Sergey Lavrov" "and Enter sets the facet found (a name in another language), named in the message (its row ranked again under the filter)"

# --- pickers: the start of a word before a part of one; near names -------
start 120 30 -- "$SAMPLES"
keys s
type "Лав"
wait_for "> Лав"
row=$(screen | grep -A1 -F "> Лав" | tail -n 1)
ok_grep "(sergey-lavrov)" "s, Лав: Lavrov (a word starts so) comes before a name holding лав inside a word" "$row"
keys C-u
type "Lavorv"
wait_for "> Lavorv"
has "~ Sergey Lavrov" "a typo: the nearest names are offered, marked ~"
keys Enter
status_has "filter on Sergey Lavrov" "and Enter picks the nearest"
keys Escape

# --- opening under a filter lands on a matching position ------------------
start 120 30 -- "$SAMPLES"
keys t
type "COVID-19"
keys Enter
keys j Enter
pos_topics() { # the topics of the selected position of the open readout
	rid=$(status_line | sed -n 's/.*topic:[^ ]* \([A-Za-z0-9._:-]*\) ·.*/\1/p')
	corpus_json | jq -r --arg r "$rid" --arg p "$(selected_pos)" \
		'.[] | select(.id == $r) | .positions[] | select(.id == $p) | (.topics // []) | join(",")'
}
topics=$(pos_topics)
case ",$topics," in *,covid-19,*) r=0 ;; *) r=1 ;; esac
ok $r "Enter under a topic filter selects a position on that topic ($rid $(selected_pos): $topics)"
keys "}"
topics=$(pos_topics)
case ",$topics," in *,covid-19,*) r=0 ;; *) r=1 ;; esac
ok $r "} does too in the next readout ($rid $(selected_pos): $topics)"

# --- n wraps and says so; the title shortens its details first -----------
start 120 30 -- "$SAMPLES"
keys G Enter /
type "Tileuberdi"
keys Enter
has "not found in this readout" "/ in the last readout, which lacks it"
keys n
status_has "search wrapped" "n goes round to the first readouts, and says so"
keys g j Enter /
type "Dushanbe"
keys Enter n n n n n n n n n n n n
status_has "search wrapped" "n past the last hit wraps, and says so"
keys q G k Enter # the SCO meeting, the second oldest
resize_wait 90 30
has_line "Meeting of the SCO Council of Foreign Ministers held in Dushanbe +2021-07-14" "a title that fits once its place and kind go keeps its date, whole"
keys : 
type "mes"
keys Enter
has "Messages:" ":mes abbreviates :messages, as in vi"
stop

# --- a readout with warnings loads, and saving keeps its values -----------
W="$TMPD/w"
mkdir -p "$W"
cat >"$W/uk.json" <<'J'
{"format": "parley/1", "id": "uk-call", "title": "A call", "lang": "english", "kind": "summit", "issuer": "UK",
 "text": "The Foreign Secretary spoke. The minister answered.",
 "speakers": [{"id": "fs", "label": "The Foreign Secretary", "country": "UK"}, {"id": "m", "label": "The minister"}],
 "positions": [{"id": "p1", "speaker": "fs", "start": 0, "end": 28, "stance": "ambivalent"},
               {"id": "p2", "speaker": "m", "start": 29, "end": 51}]}
J
cp "$W/uk.json" "$TMPD/uk.orig"
start 120 30 USER=tester -- "$W"
has "Readouts 1" "a readout with an unassigned country code loads"
has "with 5 warnings" "the status line says it has warnings"
keys E
has "country: warning: \"UK\" is not an assigned ISO 3166-1" "E lists them"
keys j j j j j j j j j Enter
has "The Foreign Secretary spoke" "Enter on a warning opens its readout"
keys q E
keys G
keys Enter
is "$(selected_pos)" "p1" "on the position it names (positions[0].stance)"
keys q
keys Enter Tab j y w
has "saved 1 readout" "an edit of it is saved"
keys q
wait_for "[parley exited 0]"
stop
jq -S 'del(.positions[1].review, .positions[1].by)' "$W/uk.json" >"$TMPD/a"
jq -S . "$TMPD/uk.orig" >"$TMPD/b"
cmp -s "$TMPD/a" "$TMPD/b"
ok $? "the save changed only the edited position: UK, english, summit, ambivalent are as they were"

# --- a position across a paragraph break: its text in the positions pane
# has a space where the line breaks, not ^J ----------------------------------
P="$TMPD/para"
mkdir -p "$P"
jq -n '{format: "parley/1", id: "para", title: "Two paragraphs", lang: "en",
	text: "The ministers met at the conference.\nThe diplomats discussed trade.",
	speakers: [{id: "a", label: "A"}],
	positions: [{id: "p1", speaker: "a", start: 20, end: 50}]}' >"$P/para.json"
start 100 24 -- "$P"
keys Enter
has "conference. The diplomats" "the span across the break reads with a space"
hasnt "^J" "no ^J"
keys q q
stop

done_testing
