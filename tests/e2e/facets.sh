#!/bin/sh
# facets.sh - navigating by speaker, topic and agreement at 80x24: the
# pickers narrow as you type, Enter sets the filter, the positions pane lists
# the matches of the whole corpus, n/N step through them across readouts,
# group speakers count for their members, filters combine, Esc clears them.
# Expected counts come from the sample files (jq), not from parley.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

C="$TMPD/corpus.json"
nav_json >"$C" # in the navigator's order, which n and N follow
q() { jq -r "$@" "$C"; }

# who(S): the speaker ids of a readout that stand for S (S and its groups);
# spos(S): the positions of S, in the order of the positions pane.
DEFS='def who($s): [.speakers[]? | select(.id == $s or ((.members // []) | index($s))) | .id];
def spos($s): who($s) as $w | [.positions[]? | select(.speaker as $x | $w | index($x))] | sort_by(.start, -.end);
def declares($k; $id): [.[$k][]?.id] | index($id) != null;
def t20: (.title // .id) | .[0:20];'

N_RD=$(q 'length')
LAV_LABEL=$(q '[.[] | select((.lang // "") | startswith("en")) | .speakers[]? | select(.id == "sergey-lavrov") | .label] | group_by(.) | max_by(length) | .[0]') # the English label (LANG=C.UTF-8)
LAV_NPOS=$(q "$DEFS"' [.[] | spos("sergey-lavrov")[]] | length')
LAV_NRD=$(q "$DEFS"' [.[] | select(declares("speakers"; "sergey-lavrov"))] | length')
# the readouts with a position of Lavrov's, in the navigator's order
R1_T=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][0] | t20')
R1_DATE=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][0].date')
R1_N=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][0] | spos("sergey-lavrov") | length')
R1_P1=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][0] | spos("sergey-lavrov")[0].id')
R1_P2=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][0] | spos("sergey-lavrov")[1].id')
R1_PL=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][0] | spos("sergey-lavrov")[-1].id')
R2_T=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][1] | t20')
R2_N=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][1] | spos("sergey-lavrov") | length')
R2_P1=$(q "$DEFS"' [.[] | select(spos("sergey-lavrov") | length > 0)][1] | spos("sergey-lavrov")[0].id')
# the French readout: how many of Lavrov's positions come before it, and its
# first one, which is the rejected group position p5 of "les deux parties"
FR=fr-2021-07-15-wang-lavrov
FR_T=$(q "$DEFS"' .[] | select(.id == "'$FR'") | t20')
FR_NPOS=$(q '.[] | select(.id == "'$FR'") | .positions | length')
FR_BEFORE=$(q "$DEFS"' [(to_entries[] | select(.value.id == "'$FR'") | .key) as $i | .[0:$i][] | spos("sergey-lavrov")[]] | length')
FR_P1=$(q "$DEFS"' .[] | select(.id == "'$FR'") | spos("sergey-lavrov")[0].id')
FR_P1_SPK=$(q "$DEFS"' .[] | select(.id == "'$FR'") | spos("sergey-lavrov")[0].speaker as $s | .speakers[] | select(.id == $s) | .label')
FR_P1_GROUP=$(q "$DEFS"' .[] | select(.id == "'$FR'") | spos("sergey-lavrov")[0].speaker as $s | .speakers[] | select(.id == $s) | (.members // []) | index("sergey-lavrov") != null')
FR_P1_WORDS=$(q "$DEFS"' .[] | select(.id == "'$FR'") | spos("sergey-lavrov")[0] as $p | .text[$p.start:$p.end] | split(" ")[0:3] | join(" ")')
# topic indo-pacific, agreement un-charter, and both filters together
TOPIC_NRD=$(q "$DEFS"' [.[] | select(declares("topics"; "indo-pacific"))] | length')
UN_LABEL=$(q '[.[] | .agreements[]? | select(.id == "un-charter") | .label][0]')
UN_NRD=$(q "$DEFS"' [.[] | select(declares("agreements"; "un-charter"))] | length')
BOTH_NRD=$(q "$DEFS"' [.[] | select(declares("agreements"; "un-charter") and declares("speakers"; "sergey-lavrov"))] | length')
BOTH_NPOS=$(q "$DEFS"' [.[] | spos("sergey-lavrov")[] | select((.agreements // []) | index("un-charter"))] | length')
BOTH_T=$(q "$DEFS"' [.[] | select(declares("agreements"; "un-charter") and declares("speakers"; "sergey-lavrov"))][0] | t20')

diag "lavrov: $LAV_NPOS positions in $LAV_NRD readouts; first in '$R1_T' ($R1_N), then '$R2_T' ($R2_N)" \
	"un-charter: $UN_NRD readouts; with lavrov: $BOTH_NRD readouts, $BOTH_NPOS positions"

# listed COND WHAT: the navigator shows the readouts for which the jq
# condition COND holds (by the first 20 characters of their titles), and
# only those
listed() {
	q "$DEFS"' .[] | [('"$1"'), t20] | @tsv' >"$TMPD/listed"
	while IFS="$(printf '\t')" read -r yes t; do
		if [ "$yes" = true ]; then
			has "$t" "$2: lists $t"
		else
			# (in the list of readouts: the facets pane may show an
			# entity of that name, ranked within the filter)
			screen | grep -E '^ [0-9]{4}-' | grep -qF "$t"
			ok $((! $?)) "$2: does not list $t"
		fi
	done <"$TMPD/listed"
}

# ranked WHAT: the speakers shown are in the order of their positions
# within the filter, most first (they stayed in the corpus's order: Wang
# Yi's 16 over Lavrov's 28, rows of none between)
ranked() {
	local rows
	rows=$(screen | sed -n '/^Speakers (/,/^[A-Z]/p' | grep '^ [ *] ' | awk '{ print $(NF - 1) }' | tr '\n' ' ')
	printf '%s\n' "$rows" | awk '{ for (i = 2; i <= NF; i++) if ($i + 0 > $(i - 1) + 0) exit 1 }'
	ok $? "$1: the speakers ranked by their positions within it ($rows)"
}

restart 80 24 -- "$SAMPLES"
has "Readouts $N_RD" "the navigator lists every readout"

# --- speaker ----------------------------------------------------------------
keys s
has "type to narrow" "s opens the speaker picker"
has "(wang-yi)" "which lists every speaker at first"
type lavrov
has "(sergey-lavrov)" "typing lavrov keeps Lavrov"
hasnt "(wang-yi)" "and narrows the others away"
has "$LAV_NPOS pos $LAV_NRD rd" "the picker counts Lavrov's positions with his groups' ($LAV_NPOS in $LAV_NRD readouts)"
keys Enter
hasnt "type to narrow" "Enter closes the picker"
has "Readouts $LAV_NRD (filtered)" "the navigator keeps the $LAV_NRD readouts with Lavrov"
status_has "$LAV_NRD readouts, $LAV_NPOS positions match" "the status line reports the filter's matches"
keys j k
status_has "speaker:$LAV_LABEL" "and then names the filter"
listed 'declares("speakers"; "sergey-lavrov")' "speaker filter"
ranked "speaker filter"

keys Enter
title_has "$R1_T" "Enter opens the first readout with Lavrov ($R1_T)"
has "Positions · $LAV_NPOS match the filters" "the positions pane lists Lavrov's $LAV_NPOS positions across readouts"
has_line "^ [?+x] $R1_DATE " "each listed position shows its readout's date"
is "$(selected_pos)" "$R1_P1" "the first match ($R1_P1) is selected"
status_has "speaker:" "the reader's status line shows the filter too (80 columns)"
keys n
is "$(selected_pos)" "$R1_P2" "n (text pane focused, as on opening) selects the next match $R1_P2"

# step with the positions pane focused, from the first match
keys Tab g
is "$(selected_pos)" "$R1_P1" "Tab g: back on the first match"
i=1
while [ $i -lt "$R1_N" ]; do
	keys n
	i=$((i + 1))
done
is "$(selected_pos)" "$R1_PL" "n steps through the $R1_N matches of the first readout to $R1_PL"
title_has "$R1_T" "still in the first readout"
keys n
title_has "$R2_T" "one more n crosses into the next readout ($R2_T)"
is "$(selected_pos)" "$R2_P1" "on its first match $R2_P1"
keys N
title_has "$R1_T" "N crosses back"
is "$(selected_pos)" "$R1_PL" "to the last match of the first readout"

# on to the French readout, whose first Lavrov match is a group position
i=$((FR_BEFORE - R1_N + 1))
while [ $i -gt 0 ]; do
	keys n
	i=$((i - 1))
done
title_has "$FR_T" "n reaches the French readout"
is "$(selected_pos)" "$FR_P1" "on its first match $FR_P1"
is "$FR_P1_GROUP" true "(the samples make $FR_P1 a group position with Lavrov as a member)"
has_line "^ [?+x] [0-9-]+ $FR_P1_SPK .* · $FR_P1\$" "the group '$FR_P1_SPK' is listed under Lavrov"
keys Enter
cursor_has "$FR_P1_WORDS" "Enter shows the group position's text on the cursor line ('$FR_P1_WORDS')"

keys Escape
has "Positions · $FR_NPOS" "Esc clears the filter: the reader lists the readout's own $FR_NPOS positions"
hasnt "match the filters" "and no longer says it is filtered"
keys q
has "Readouts $N_RD" "q: the navigator lists every readout again"

# --- topic ------------------------------------------------------------------
keys t
has "type to narrow" "t opens the topic picker"
has "(covid-19)" "which lists the topics"
type indo-pac
has "(indo-pacific)" "typing indo-pac finds the Indo-Pacific topic"
hasnt "(sco)" "and narrows the others away"
keys Enter
has "Readouts $TOPIC_NRD (filtered)" "the topic filter keeps the $TOPIC_NRD readouts about it"
listed 'declares("topics"; "indo-pacific")' "topic filter"
ranked "topic filter"
keys Escape
has "Readouts $N_RD" "Esc clears it"

# --- agreement, set from the reader, then q back to the navigator ---------
keys Enter a
has "type to narrow" "a opens the agreement picker (in the reader)"
has "(un-charter)" "which lists the agreements"
type charter
has "(un-charter)" "typing charter finds the UN Charter"
hasnt "Конвенция" "and narrows the others away"
keys Enter
status_has "filter on $UN_LABEL" "Enter sets the agreement filter"
keys q
has "Readouts $UN_NRD (filtered)" "q: the navigator lists the $UN_NRD readouts invoking the UN Charter"
listed 'declares("agreements"; "un-charter")' "agreement filter"

# --- speaker AND agreement ------------------------------------------------
keys s
type lavrov
keys Enter
has "Readouts $BOTH_NRD (filtered)" "speaker AND agreement: $BOTH_NRD readouts declare both"
status_has "filter on Sergey Lavrov (2 filters on)" "the message says the filters on are two, not only the one set"
status_has "$BOTH_NRD readouts, $BOTH_NPOS positions match" "and $BOTH_NPOS positions of Lavrov's invoke the Charter"
listed 'declares("agreements"; "un-charter") and declares("speakers"; "sergey-lavrov")' "both filters"
keys j k
status_has "speaker:" "the status line shows the speaker filter"
status_has "agreement:" "and the agreement filter"
keys g Enter
title_has "$BOTH_T" "g Enter opens the first of them"
has "Positions · $BOTH_NPOS match the filters" "its positions pane lists the $BOTH_NPOS matches"
keys q Escape
has "Readouts $N_RD" "Esc clears both filters at once"
hasnt "speaker:" "the status line shows no filter"
keys q
is "$(wait_exit)" 0 "q quits with status 0"

# --- opening a readout from the filtered navigator keeps the panes in step -
restart 80 24 -- "$SAMPLES"
keys s
type lavrov
keys Enter
i=$(q "$DEFS"' [(to_entries[] | select(.value.id == "'$FR'") | .key) as $i | .[0:$i][] | select(declares("speakers"; "sergey-lavrov"))] | length')
while [ "$i" -gt 0 ]; do
	keys j
	i=$((i - 1))
done
keys Enter
title_has "$FR_T" "the French readout opens from the filtered navigator"
is "$(selected_pos)" "$FR_P1" "its first match $FR_P1 is selected in the positions pane"
span_has "$FR_P1_WORDS" "and the text pane marks that same position ('$FR_P1_WORDS' marked '|')"
stop

# --- the facets' heading, filtered, beside its counts' (at 120 columns it
# was cut through "(filtered)": "agreements (filte pos rd") -----------------
restart 120 24 -- "$SAMPLES"
keys s
type lavrov
keys Enter
has "Speakers · topics · … (filtered)      pos rd" "the heading is shortened whole beside the counts' heading"
hasnt "(filte pos" "not cut through (filtered)"
stop

# --- counts of four digits keep their columns (`35419 7441` and `1726 353`
# put pos's column at two places): a speaker of 1119 positions in 120
# readouts, one of 1 in 1 ----------------------------------------------------
jq -nc 'range(0; 120) as $i | {format: "parley/1", id: "r\($i)", title: "R\($i)", date: "2021-01-01", lang: "en",
	text: ("x " * 1100), speakers: ([{id: "alpha", label: "Alpha"}] + if $i == 0 then [{id: "beta", label: "Beta"}] else [] end),
	positions: ([range(0; if $i == 0 then 1000 else 1 end) | {id: "p\(.)", speaker: "alpha", start: (. * 2), end: (. * 2 + 1)}]
		+ if $i == 0 then [{id: "q", speaker: "beta", start: 2001, end: 2002}] else [] end)}' >"$TMPD/bigfac.jsonl"
restart 120 24 -- "$TMPD/bigfac.jsonl"
has "1119 120" "the speaker of 1119 positions in 120 readouts is listed"
# where the pos column ends: on the heading, and on each row
ends=$(screen | sed 's/ *$//' | grep -E '(pos +rd|Alpha +1119 +120|Beta +1 +1)$' |
	while IFS= read -r l; do printf '%s' "$l" | sed 's/ *[^ ]*$//' | LC_ALL=C.UTF-8 wc -m; done | sort -u)
rows=$(screen | sed 's/ *$//' | grep -cE '(pos +rd|Alpha +1119 +120|Beta +1 +1)$')
[ "$rows" = 3 ] && [ "$(echo "$ends" | wc -l)" = 1 ] ; ok $? "pos ends in one column on the heading and both rows ($rows rows: $(echo $ends))"
screen | grep -qE 'pos +rd$' && screen | grep -qE 'Beta +1 +1$' ; ok $? "and rd at the right"
stop
done_testing
