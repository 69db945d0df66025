#!/bin/sh
# compare.sh - two accounts of one meeting and a speaker over time, as a
# user works with them: the navigator marks accounts of one event, =
# opens the other, & keeps one meeting's accounts, C compares them side by
# side (160x40: both texts and the strip; 80x24: one text, = switches),
# moving through pairs scrolls the texts to the paired spans, a filter
# applies to both sides, an account with no positions is drafted with d,
# a likely account is tied with L and saved with w; H shows a speaker's
# positions over the years.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
D=$TMPD/accounts
mkdir -p "$D"
cp "$top_srcdir"/samples/*.json "$top_srcdir"/samples/*.jsonl "$D/"
FR=$D/fr-2021-07-15-wang-yi-lavrov-tashkent.json
RU=$D/ru-2021-07-15-lavrov-wang-yi-tashkent.json
EN23=$D/en-2023-10-26-blinken-wang-yi-meeting.json

# what the core says of the pair, for comparison with the screen
"$PARLEY" compare -f json "$FR" "$RU" >"$TMPD/cmp.json"
PAIRED=$(jq .paired "$TMPD/cmp.json")
ONLY_B=$(jq .only_b "$TMPD/cmp.json")
# the first row of B alone under the first topic, and the start of its span
K0=$(jq '[.keys[0].rows[] | .relation] | index("only-b")' "$TMPD/cmp.json")
B_START=$(jq ".keys[0].rows[$K0].b.start" "$TMPD/cmp.json")
B_WORDS=$(jq -r --argjson s "$B_START" '.text | explode | .[$s:$s+24] | implode' "$RU" | sed 's/ [^ ]*$//')
"$PARLEY" compare -f json -s Lavrov "$FR" "$RU" >"$TMPD/cmp-lavrov.json"
LAV_PAIRED=$(jq .paired "$TMPD/cmp-lavrov.json")

start 160 40 USER=tester -- "$D"
has "=2" "the navigator marks the accounts of one meeting (=2)"
keys /
type "Tachkent"
keys Enter
keys C
title_has "compare fr-2021-07-15-wang-lavrov ~ ru-2021-07-15-lavrov-wang-yi" "C compares the readout with the other account of its event"
has "A · fr · 2021-07-15" "160x40: the French text"
has "B · ru · 2021-07-15" "and the Russian text, side by side"
has_line "│ +B · ru · 2021-07-15" "a line divides them (│, not the x of the alternate character set)"
has "Pairs · $PAIRED paired" "the strip pairs their positions as parley compare does ($PAIRED)"
has "stances differ" "and says where the stances of a pair differ"
status_has "$ONLY_B only in B" "the status line counts what only B reports"
# the headings of the strip are not rows: j from the last row under the
# first topic goes to the first under the next, k back, g to the first row
R0=$(jq '.keys[0].rows | length' "$TMPD/cmp.json")
status_has "row 1/" "the cursor starts on the first row, not on a heading"
keys_times "$R0" j
status_has "row $((R0 + 1))/" "j over a topic's heading: row $((R0 + 1)), not row $R0 again"
keys k
status_has "row $R0/" "k back over it: row $R0"
keys g
status_has "row 1/" "g: the first row"

# moving to a row of B alone scrolls B's text to its span
keys_times "$K0" j
has "only in B" "a row of what only the Russian account reports"
has "$B_WORDS" "moving to it scrolls B's text to its span ($B_WORDS)"

# a filter applies to both sides
keys s
type "Lavrov"
keys Enter
has "Pairs · $LAV_PAIRED paired" "a speaker filter narrows both sides ($LAV_PAIRED pairs with Lavrov)"
hasnt "Wang Yi (propose)" "Wang Yi's rows are gone"
keys Escape

# 80x24: one text at a time, = switches
resize 80 24
has "A · fr" "80x24: the strip and one text"
hasnt "B · ru" "not both"
keys =
has "B · ru" "= shows the other text"
width_ok 80 "nothing drawn past the 80 columns"
keys q

# = opens the other account in the reader; & keeps the meeting's accounts
resize 160 40
keys =
title_has "О встрече" "= in the navigator opens the other account in the reader"
keys 2 0 j
has "L21/" "20j: line 21 of the Russian account"
keys =
title_has "Tachkent" "= in the reader: the French account"
has "L1/" "from its first line"
keys =
title_has "О встрече" "= again: the Russian account"
has "L21/" "back where it was left (line 21), as vim's alternate file"
keys q
keys "&"
has "Readouts 2 (filtered)" "& keeps the two accounts of the meeting"
keys j
status_has "event:2021-07-15-tashkent-wang-yi-lavrov" "the status line shows the event filter"
keys "&"
hasnt "(filtered)" "& again: every readout"

# an account with no positions yet: d drafts it in the compare view
keys /
type "Secretary Blinken"
keys Enter
keys C
has "no positions (d drafts them)" "an account not annotated offers to draft it"
keys d
status_has "drafted, pending" "d drafts its positions"
hasnt "no positions (d drafts them)" "it has positions now"
has "Pairs ·" "and they pair with the other account"
keys w
status_has "saved" "w saves the draft into its file"
is "$(jq '[.positions[] | select((.review // "pending") == "pending" and .by == "extract")] | length > 0' "$EN23")" true \
	"the file holds the drafted positions, pending, by extract"
"$PARLEY" validate -q --strict "$EN23"
ok $? "and is a valid readout"
keys q

# the timeline of a speaker
keys s
type "Lavrov"
keys Enter
keys H
title_has "timeline" "H shows the speaker's positions over time"
has "stances per year" "years, for positions over more than two years"
has "2016" "from the oldest"
has "2021" "to the latest"
has "Positions by date" "with the positions listed by date"
has_line "2021-07-15 x propose .*(rejected, not counted)" "a position a reviewer rejected is listed, marked x, not counted in the chart"
resize 40 12
has_line "^ 2016 |" "40x12: the chart has room for three years: those of the selected position (the oldest)"
keys G
has_line "^ 2021 |" "G: the chart follows the selection to the latest"
keys g
has_line "^ 2016 |" "g: and back"
resize 160 40
keys Enter
title_has "2016" "Enter opens the oldest position in its readout"
keys q
title_has "timeline" "q in it: back to the timeline it was opened from"
keys q
has "Readouts" "q again: the navigator"
keys q

# a likely account, tied with L
L=$TMPD/likely
mkdir -p "$L"
jq 'del(.event)' "$FR" >"$L/fr.json"
jq 'del(.event)' "$RU" >"$L/ru.json"
start 160 40 USER=tester -- "$L"
has "~" "accounts of the same date and parties are marked as likely (~)"
keys C
has "likely (L ties)" "C compares a likely account, saying it is a guess"
keys L
status_has "Tie both accounts to event" "L asks before tying them"
keys y
status_has "w saves it" "both accounts get the event"
keys w
status_has "saved" "w saves both"
is "$(jq -r .event "$L/fr.json")" "$(jq -r .event "$L/ru.json")" "both files hold one event"
is "$(jq -r '.event | test("^2021-07-15-")' "$L/fr.json")" true "an event id made from the date and the parties"
keys q
keys q
stop

# a likely account with no positions: B says both (it said only "likely")
L2=$TMPD/likely-empty
mkdir -p "$L2"
jq 'del(.event) | .positions = []' "$FR" >"$L2/fr.json"
jq 'del(.event) | .positions = []' "$RU" >"$L2/ru.json"
start 160 40 -- "$L2"
has "~" "two likely accounts, neither annotated"
keys C
wait_for "likely (L ties)"
screen | grep -F " B · " | grep -qF "likely (L ties) · no positions (d drafts them)"
ok $? "B's heading says it is a guess and that it has no positions"
stop

# --compare takes the readouts in the order of the paths given, a draft
# named first on the left (drafts come after annotated readouts in the
# corpus, so that a draft never takes an annotated readout's id)
cp "$top_srcdir/tests/extract/dev/en-2016-08-05-wang-yi-kerry-call.txt" "$TMPD/kerry.txt"
start 130 30 -- --compare "$TMPD/kerry.txt" "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
title_has "compare kerry ~ fr-2021-07-15" "the draft named first is A, the readout named second B"
stop
echo "1..$tap_n"
exit $((tap_failed != 0))
