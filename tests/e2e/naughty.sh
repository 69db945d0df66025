#!/bin/sh
# naughty.sh - the Big List of Naughty Strings, plus planted terminal
# escapes, in every place a readout can hold text (text, title, place,
# speaker/topic/agreement labels and aliases, summaries, notes, stances, by):
# parley validates them, browses them at 80x24 and 120x40 without crashing
# or overflowing a line, shows control and bidi characters in a visible form,
# and never sends them to the terminal.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

BLNS="$PARLEY_TESTDATA/naughty-strings/blns.json"
[ -r "$BLNS" ] || skip_all "$(testdata_missing "the Big List of Naughty Strings" "file $BLNS")"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

D="$TMPD/naughty"
mkdir -p "$D"
PLANT='["\u001b]2;PWNED\u0007", "\u001b[2J", "\u009b31m", "\u202eRTL", "\u2066iso\u2069"]'

# nt-labels: 60 speakers, 60 topics, 40 agreements labelled with naughty
# strings, 60 positions using them, with naughty summaries, notes, stances
jq --argjson plant "$PLANT" '
	($plant + .) as $L | ($L | length) as $n
	| {format: "parley/1", id: "nt-labels", title: ($plant | join(" ")), place: $plant[1], lang: "und",
	   text: ("Plain text line one.\n" + ($plant | join(" | ")) + "\nA third line."),
	   speakers: [range(0; 60) as $i | {id: "s\($i)", label: $L[$i], aliases: [$L[$i + 60]]}],
	   topics: [range(0; 60) as $i | {id: "t\($i)", label: $L[$i + 120]}],
	   agreements: [range(0; 40) as $i | {id: "a\($i)", label: $L[$i + 180]}],
	   positions: [range(0; 60) as $i | {id: "p\($i)", speaker: "s\($i)", start: 0, end: 20,
	     summary: $L[($i + 240) % $n], note: $L[($i + 300) % $n], stance: $L[($i + 360) % $n],
	     topics: ["t\($i)"], agreements: ["a\($i % 40)"], by: $L[($i + 420) % $n]}]}
' "$BLNS" >"$D/nt-labels.json"

# nt-text: every string as a paragraph of the text (planted escapes first and
# last), a position over every 7th paragraph (offsets in code points: jq's
# length counts them), summaries, notes and "by" from the list
jq --argjson plant "$PLANT" '
	($plant + . + $plant) as $L | ($L | map(length)) as $len | ($L | length) as $n
	| [foreach range(0; $n) as $i (0; . + (if $i == 0 then 0 else $len[$i - 1] + 1 end); .)] as $starts
	| {format: "parley/1", id: "nt-text", title: ("naughty text " + $plant[0] + $plant[3]), kind: "other",
	   text: ($L | join("\n")),
	   speakers: [{id: "sp-a", label: ($plant[0] + " speaker"), aliases: [$plant[2]]}, {id: "sp-b", label: $plant[3]}],
	   topics: [{id: "tp-a", label: $plant[4]}],
	   mentions: [range(0; $n; 11) as $i | {ref: "tp-a", start: $starts[$i], end: ($starts[$i] + $len[$i])}],
	   positions: [range(0; $n; 7) as $i | {id: "q\($i)", speaker: (if $i % 2 == 0 then "sp-a" else "sp-b" end),
	     start: $starts[$i], end: ($starts[$i] + $len[$i]), summary: $L[($i + 3) % $n],
	     note: $L[($i + 5) % $n], topics: ["tp-a"], by: $L[($i + 1) % $n]}]}
' "$BLNS" >"$D/nt-text.json"

# nt-titles.jsonl: one readout per string, the string as its title and text
jq -c --argjson plant "$PLANT" '($plant + .) | to_entries[] |
	{format: "parley/1", id: "nt-title-\(.key)", title: .value, text: ("#" + .value)}' "$BLNS" >"$D/nt-titles.jsonl"

NRD=$(($(wc -l <"$D/nt-titles.jsonl") + 2))
run "$PARLEY" validate "$D"
is "$rc" 0 "parley validate accepts the naughty readouts (exit 0)"
[ "$rc" -eq 0 ] || diag "$err"

VISIBLE='^[]2;PWNED^G|^[[2J|<U+009B>31m|<U+202E>RTL|<U+2066>iso<U+2069>'

# check_raw CONTEXT: nothing dangerous reached the terminal
check_raw() {
	[ "$(wc -c <"$RAW")" -gt 20000 ]
	ok $? "$1: the terminal log has parley's output ($(wc -c <"$RAW") bytes)"
	grep -qF 'PWNED' "$RAW" && grep -qF '<U+202E>' "$RAW"
	ok $? "$1: including the visible forms of the planted strings (PWNED, <U+202E>)"
	raw_scan >"$TMPD/scan"
	is "$(grep osc_pwned "$TMPD/scan")" "osc_pwned 0" "$1: no ESC ]2;PWNED (title-setting OSC) was written"
	is "$(grep '^c1 ' "$TMPD/scan")" "c1 0" "$1: no C1 control (U+0080..U+009F in UTF-8) was written"
	is "$(grep bidi "$TMPD/scan")" "bidi 0" "$1: no bidi control was written"
	is "$(grep '^c0 ' "$TMPD/scan")" "c0 0" "$1: no C0 control other than ESC BS TAB LF CR SO SI (nor DEL, BEL) was written"
	[ "$($T display-message -p -t e2e '#{pane_title}' 2>/dev/null)" != PWNED ]
	ok $? "$1: the terminal's title was not changed"
}

# step CONTEXT KEYS...: press keys (one settle), then check parley is alive
# and no line is wider than the terminal
step() {
	local what=$1
	shift
	keys "$@"
	if screen | grep -q '\[parley exited'; then
		ok 1 "$SIZE: $what: parley is still running"
		screen | sed 's/^/#   | /'
		return 1
	fi
	width_ok "$COLS" "$SIZE: $what: no line wider than the terminal"
}

for SIZE in 80x24 120x40; do
	COLS=${SIZE%x*}
	restart "$COLS" "${SIZE#*x}" -- "$D"
	has "Readouts $NRD" "$SIZE: the navigator lists the $NRD naughty readouts"
	printf '%s\n' "$VISIBLE" | tr '|' '\n' >"$TMPD/visible"
	while IFS= read -r v; do
		has "$v" "$SIZE: the title shows '$v' in visible form"
	done <"$TMPD/visible"
	step "navigator G" G
	step "navigator PgUp PgUp" PgUp PgUp
	step "navigator g" g
	step "speaker picker" s
	step "speaker picker, PgDn PgDn" PgDn PgDn
	step "speaker picker, Esc" Escape
	step "topic picker, typed <" t '<'
	step "topic picker, Esc" Escape
	step "agreement picker" a
	step "agreement picker, Down x5" Down Down Down Down Down
	step "agreement picker, Enter (filter on it)" Enter
	step "navigator, Esc (filter off)" Escape

	# nt-labels
	step "open nt-labels" g Enter
	has "<U+202E>RTL" "$SIZE: nt-labels text shows <U+202E>RTL"
	has "^[]2;PWNED^G" "$SIZE: nt-labels text shows ^[]2;PWNED^G"
	step "nt-labels: positions pane" Tab
	step "nt-labels: positions PgDn x3" PgDn PgDn PgDn
	step "nt-labels: positions G" G
	step "nt-labels: positions k k" k k
	step "nt-labels: text pane, j j G" Tab j j G
	step "nt-labels: help" '?'
	step "nt-labels: help G" G
	step "back to the navigator" q q

	# nt-text
	step "open nt-text" j Enter
	has "<U+009B>31m" "$SIZE: nt-text shows <U+009B>31m"
	has "<U+2066>iso<U+2069>" "$SIZE: nt-text shows <U+2066>iso<U+2069>"
	i=0
	while [ $i -lt 6 ]; do
		step "nt-text: PgDn x4 ($i)" PgDn PgDn PgDn PgDn
		i=$((i + 1))
	done
	step "nt-text: G" G
	step "nt-text: ] ] ]" ']' ']' ']'
	step "nt-text: positions pane, PgDn x3" Tab PgDn PgDn PgDn
	step "nt-text: positions G" G
	step "nt-text: positions j j PgUp" j j PgUp
	step "nt-text: search /script" / s c r i p t Enter
	step "nt-text: n n n" n n n
	step "nt-text: Esc" Escape
	step "corpus search F PWNED" F P W N E D Enter
	has "hits in" "$SIZE: F lists the hits for PWNED"
	step "corpus search: G" G
	step "corpus search: open a hit" g j Enter
	step "problems view" E
	step "back" q

	# nt-title-*: one readout after another
	step "navigator" q
	step "open nt-title-0" j j Enter
	i=0
	while [ $i -lt 8 ]; do
		step "next readouts } x4 ($i)" '}' '}' '}' '}'
		i=$((i + 1))
	done
	step "back to the navigator" q
	step "navigator PgDn x5" PgDn PgDn PgDn PgDn PgDn
	step "navigator PgDn x5" PgDn PgDn PgDn PgDn PgDn
	step "navigator PgDn x5" PgDn PgDn PgDn PgDn PgDn
	step "navigator, facets pane" Tab PgDn G
	keys Q
	is "$(wait_exit)" 0 "$SIZE: Q quits with status 0 (no crash)"
	check_raw "$SIZE"
done
stop
done_testing
