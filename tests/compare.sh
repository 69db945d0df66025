#!/bin/sh
# compare.sh - the accounts of one meeting from the shell: parley compare
# (formats, --event, filters on both sides, exit status), parley link
# (the event written into both files, nothing else changed, a dry run,
# accounts tied to different events), query --event and --timeline.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
S=$top_srcdir/samples
FR=$S/fr-2021-07-15-wang-yi-lavrov-tashkent.json
RU=$S/ru-2021-07-15-lavrov-wang-yi-tashkent.json
EV=2021-07-15-tashkent-wang-yi-lavrov

# --- compare
# the text: each speaker as its own account names it (B's were A's
# French labels), "paired elsewhere" not "only in", and on a terminal every
# line within its width (they ran to 300 columns)
run "$PARLEY" compare "$FR" "$RU"
printf '%s\n' "$out" | grep -q '^    B Сергей Лавров \[' && printf '%s\n' "$out" | grep -q '^  = A Sergueï Lavrov \[' &&
	! printf '%s\n' "$out" | grep -q '^    B Sergueï Lavrov' && ! printf '%s\n' "$out" | grep -q 'only in .*paired under another'
ok $? "compare text: each side's own labels, paired elsewhere said apart"
! printf '%s\n' "$err" | grep -q "note:" ; ok $? "two accounts of one meeting: no note ($err)"
# two readouts of different meetings: compared as asked, and said, as link
# says it (compare said nothing)
run "$PARLEY" compare "$FR" "$S/zh-2021-06-28-xi-jinping-putin-video-call.json"
[ $rc = 0 ] && [ -n "$out" ] && [ "$err" = "parley: compare: note: fr-2021-07-15-wang-lavrov and zh-2021-06-28-xi-putin do not look like one meeting's accounts (not the same date and parties)" ]
ok $? "compare of two meetings' readouts: done, with a note ($rc: $err)"
if command -v script >/dev/null 2>&1; then
	bad=
	# (but the lines of the two ids: an id is never cut)
	for cols in 40 45 50 60 80 100; do
		w=$(COLUMNS=$cols NO_COLOR=1 script -qec "'$PARLEY' compare '$FR' '$RU' 2>/dev/null" /dev/null 2>/dev/null | tr -d '\r' |
			grep -v '^[AB]  ' |
			perl -CS -ne 'chomp; my $w = 0; $w += /\p{EA=W}|\p{EA=F}/ ? 2 : 1 for split //; print "$w\n"' | sort -n | tail -1)
		[ "${w:-999}" -le "$cols" ] || bad="$bad $cols:$w"
	done
	[ -z "$bad" ] ; ok $? "compare text on a terminal fits 40 to 100 columns:${bad:- all}"
else
	skip "script(1) is not installed"
fi
run "$PARLEY" compare -f json "$FR" "$RU"
is "$rc" 0 "compare of two accounts exits 0"
printf '%s\n' "$out" >"$TMPD/c.json"
jq -e '.a.id == "fr-2021-07-15-wang-lavrov" and .b.id == "ru-2021-07-15-lavrov-wang-yi"' "$TMPD/c.json" >/dev/null
ok $? "json: the two accounts"
rows=$(jq '[.keys[].rows[]] | length' "$TMPD/c.json")
pairs=$(jq '[.keys[].rows[] | select(.relation == "paired") | [.a.id, .b.id]] | unique | length' "$TMPD/c.json")
is "$pairs" "$(jq .paired "$TMPD/c.json")" "paired counts each pair of positions once ($pairs)"
agree=$(jq '[.keys[].rows[] | select(.relation == "paired" and .stances == "agree") | [.a.id, .b.id]] | unique | length' "$TMPD/c.json")
differ=$(jq '[.keys[].rows[] | select(.relation == "paired" and .stances == "differ") | [.a.id, .b.id]] | unique | length' "$TMPD/c.json")
is "$(jq '"\(.agree) \(.differ)"' -r "$TMPD/c.json")" "$agree $differ" "agree and differ count pairs once too ($agree, $differ)"
jq -e '[.keys[].rows[] | select(.relation == "paired") | .stances] | all(. == "agree" or . == "differ" or . == null)' \
	"$TMPD/c.json" >/dev/null
ok $? "each pair says whether its stances agree"
jq -e '[.keys[] | select(.id == "bilateral-relations") | .rows[] | select(.relation == "paired")] | length > 0' \
	"$TMPD/c.json" >/dev/null
ok $? "a French and a Russian account pair by topic id"
run "$PARLEY" compare -f tsv "$FR" "$RU"
is "$(printf '%s\n' "$out" | head -1 | cut -f1-4)" "key_kind	key	label	relation" "tsv: a header"
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l | tr -d ' ')" "$rows" "and a row per pair or position alone ($rows)"
run "$PARLEY" compare "$FR" "$RU"
printf '%s\n' "$out" | grep -q "paired (stances:" ; ok $? "text: a summary line"
printf '%s\n' "$out" | grep -q "paired (stances: $agree agree, $differ differ)" ; ok $? "text: the same counts of pairs"
run "$PARLEY" compare -f json -s Lavrov "$FR" "$RU"
jq -e '[.keys[].rows[] | (.a, .b) | select(. != null) | .speaker.id] | all(test("sergey-lavrov") or test("sides|group"))' \
	<<EOF >/dev/null
$out
EOF
ok $? "a speaker filter applies to both sides"
run "$PARLEY" compare -f json --event "$EV" "$S"
is "$(printf '%s' "$out" | jq -r '[.a.id, .b.id] | join(" ")')" "fr-2021-07-15-wang-lavrov ru-2021-07-15-lavrov-wang-yi" \
	"--event finds the event's accounts in a corpus"
# --all-speakers: both accounts must declare every speaker given
run "$PARLEY" compare -f json -s lavrov -s tileuberdi --event "$EV" "$S"
either=$(printf '%s' "$out" | jq '[.keys[].rows[]] | length')
run "$PARLEY" compare -f json --all-speakers -s lavrov -s tileuberdi --event "$EV" "$S"
both=$(printf '%s' "$out" | jq '[.keys[].rows[]] | length')
[ "$either" -gt 0 ] && [ "$both" = 0 ] ; ok $? "--all-speakers: Lavrov and Tileuberdi together are in neither account ($either rows with either, $both together)"
run "$PARLEY" compare -f json --all-speakers -s lavrov -s 'wang yi' "$FR" "$RU"
is "$(printf '%s' "$out" | jq '[.keys[].rows[]] | length')" "$rows" "Lavrov and Wang Yi together: every row, both accounts declare both"
run "$PARLEY" compare --event no-such-event "$S"
is "$rc" 1 "an event with fewer than two accounts: exit 1"
grep -q "0 accounts" "$TMPD/err" ; ok $? "and says so"
run "$PARLEY" compare "$S"
is "$rc" 2 "a corpus of many readouts without --event: exit 2"

# --- link
L=$TMPD/link
mkdir -p "$L"
jq 'del(.event)' "$FR" >"$L/fr.json"
jq 'del(.event)' "$RU" >"$L/ru.json"
cp "$L/fr.json" "$TMPD/fr.before"
run "$PARLEY" link -n "$L/fr.json" "$L/ru.json"
cmp -s "$L/fr.json" "$TMPD/fr.before" ; ok $? "link -n writes nothing"
printf '%s\n' "$out" | grep -q "would get event 2021-07-15-" ; ok $? "and says what it would write"
run "$PARLEY" link "$L/fr.json" "$L/ru.json"
is "$rc" 0 "link exits 0"
ev=$(jq -r .event "$L/fr.json")
is "$(jq -r .event "$L/ru.json")" "$ev" "both files hold one event ($ev)"
is "$ev" "2021-07-15-sergey-lavrov-wang-yi" "made from the date and the two parties"
[ "$(jq -S 'del(.event)' "$L/fr.json")" = "$(jq -S . "$TMPD/fr.before")" ] ; ok $? "nothing else changed"
is "$(jq -c 'keys_unsorted | .[index("kind") + 1]' "$L/fr.json")" '"event"' "the event goes after the kind"
"$PARLEY" validate -q --strict "$L" ; ok $? "the files are valid"
jq '.event = "another"' "$L/ru.json" >"$TMPD/x" && mv "$TMPD/x" "$L/ru.json"
run "$PARLEY" link "$L/fr.json" "$L/ru.json"
is "$rc" 1 "accounts tied to different events: exit 1"
grep -q "give --event" "$TMPD/err" ; ok $? "and says how to choose"
run "$PARLEY" link --event chosen "$L/fr.json" "$L/ru.json"
is "$(jq -r .event "$L/ru.json") $(jq -r .event "$L/fr.json")" "chosen chosen" "--event writes over both"

# --- query --event and --timeline
T=$TMPD/seven
test_samples "$T"
is "$("$PARLEY" query --count --event "$EV" "$T")" \
	"$(jq -s --arg e "$EV" '[.[] | select(.event == $e) | .positions[]] | length' "$T"/*.json)" \
	"query --event: the positions of that meeting's accounts"
run "$PARLEY" query --timeline -f json -s Lavrov "$S"
is "$(printf '%s' "$out" | jq '[.[].positions] | add')" \
	"$(($("$PARLEY" query --count -s Lavrov "$S") - $("$PARLEY" query --count -s Lavrov --review rejected "$S")))" \
	"--timeline counts every match once (but those a reviewer rejected)"
printf '%s' "$out" | jq -e '.[0].period == "2016" and (.[-1].period == "2021")' >/dev/null
ok $? "per year, oldest first, over more than two years (2016 to 2021)"
printf '%s' "$out" | jq -e '[.[] | .period] | index("2018") != null' >/dev/null
ok $? "the years between too, empty ones included"
run "$PARLEY" query --timeline --period month -f tsv -s Lavrov "$T"
is "$(printf '%s\n' "$out" | head -1)" "period	positions	support	oppose	propose	concern	affirm	neutral	other" "tsv: a header"
printf '%s\n' "$out" | tail -n +2 | cut -f1 | grep -qx "2021-07" ; ok $? "--period month: months"
# one of the two does not load: said where, and that two are needed
printf '{"format":"parley/1","id":"x","text":"ab' >"$TMPD/trunc.json"
run "$PARLEY" compare "$FR" "$TMPD/trunc.json"
[ $rc = 1 ] && printf '%s\n' "$err" | grep -q "trunc.json:1:.*unterminated string" &&
	printf '%s\n' "$err" | grep -q "compare: 1 readout loaded (1 skipped or unreadable, said above): two are needed"
ok $? "a readout that does not load: its error, then that two are needed (exit 1)"
run "$PARLEY" compare "$FR" "$TMPD/nowhere.json"
printf '%s\n' "$err" | grep -q "nowhere.json: No such file" &&
	printf '%s\n' "$err" | grep -q "compare: 1 readout loaded (1 skipped or unreadable, said above): two are needed"
ok $? "a path that cannot be read: the same"
echo "1..$tap_n"
exit $((tap_failed != 0))
