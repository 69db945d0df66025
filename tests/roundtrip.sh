#!/bin/sh
# roundtrip.sh - load, save, compare: over every sample and over the Big List
# of Naughty Strings used as text, labels, summaries, notes and unknown keys.
# A readout saved without change is byte-identical when parley wrote it;
# for any input, every unknown key and the order of keys are kept.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

PTOOL="${top_builddir}/tests/tools/ptool"
[ -x "$PTOOL" ] || skip_all "ptool not built"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
D="$TMPD/s"
mkdir -p "$D"
cp "$top_srcdir"/samples/*.json "$top_srcdir"/samples/*.jsonl "$D/"
# a readout not annotated yet (a sample account of a meeting) has no
# position to edit: the round trip of the whole file covers it

"$PTOOL" roundtrip "$D" 2>"$TMPD/err"
ok $? "every sample is written back byte for byte when unchanged"
[ -s "$TMPD/err" ] && diag "$(cat "$TMPD/err")"

# an edit of one position changes only that position
for f in "$D"/*.json; do
	id=$(jq -r .id "$f")
	p=$(jq -r '.positions[0].id' "$f")
	[ "$p" = null ] && continue
	before=$(cat "$f")
	"$PTOOL" edit "$f" "$id" "$p" note "relu" >/dev/null 2>&1
	ok $? "$(basename "$f"): an edit saves"
	a=$(printf '%s' "$before" | jq -S "del(.positions[0])")
	b=$(jq -S "del(.positions[0])" "$f")
	[ "$a" = "$b" ]; ok $? "$(basename "$f"): everything else is unchanged"
	a=$(printf '%s' "$before" | jq -S ".positions[0] | del(.note, .by)")
	b=$(jq -S ".positions[0] | del(.note, .by)" "$f")
	[ "$a" = "$b" ]; ok $? "$(basename "$f"): the position's other keys are unchanged"
	a=$(printf '%s' "$before" | jq -c '[keys_unsorted, (.positions[0] | keys_unsorted - ["note"])]')
	b=$(jq -c '[keys_unsorted, (.positions[0] | keys_unsorted - ["note"])]' "$f")
	[ "$a" = "$b" ]; ok $? "$(basename "$f"): the order of keys is kept"
	"$PTOOL" roundtrip "$f" 2>/dev/null
	ok $? "$(basename "$f"): once parley wrote it, it round-trips byte for byte"
done

# the naughty strings
B="$PARLEY_TESTDATA/naughty-strings/blns.json"
if [ ! -f "$B" ]; then
	skip "the naughty strings do not round-trip here: $(testdata_missing "the Big List of Naughty Strings" "file $B")"
	done_testing
	exit $?
fi
N="$TMPD/n"
mkdir -p "$N"
# one readout per string: the string is the text, a label, an alias, a
# summary, a note, an unknown key's name and value (also inside a position)
jq -c 'to_entries[] | .key as $i | .value as $s |
	{format: "parley/1", id: ("n\($i)"), "x-\($s)": $s, title: $s, text: ($s + " ."),
	 speakers: [{id: "s", label: ($s + "?"), aliases: [$s]}],
	 topics: [{id: "t", label: ($s + "!")}],
	 positions: [{id: "p1", speaker: "s", start: 0, end: ($s | length), summary: $s, note: $s,
	              topics: ["t"], "x-extra": {($s): [$s, 1.5, null, true]}}],
	 "x-unknown": {nested: [$s, {k: $s}], number: 12345678901, float: 0.25}}' "$B" >"$N/all.jsonl"
n=$(wc -l <"$N/all.jsonl")
ok $((n < 500)) "the $n naughty strings make $n readouts"
run "$PARLEY" validate -q "$N/all.jsonl"
ok $rc "they validate"
[ $rc -eq 0 ] || diag "$(printf '%s' "$err" | head -5)"
cp "$N/all.jsonl" "$N/orig.jsonl"
"$PTOOL" edit "$N/all.jsonl" n100 p1 review accepted >/dev/null 2>&1
ok $? "one of them is edited and saved"
diff "$N/orig.jsonl" "$N/all.jsonl" >"$TMPD/diff"
changed=$(grep -c '^>' "$TMPD/diff")
ok $((changed != 1)) "exactly one line of the JSON Lines file changed ($changed)"
a=$(sed -n 101p "$N/orig.jsonl" | jq -S 'del(.positions[0].review, .positions[0].by)')
b=$(sed -n 101p "$N/all.jsonl" | jq -S 'del(.positions[0].review, .positions[0].by)')
[ "$a" = "$b" ]; ok $? "the edited readout keeps every unknown key and value"
a=$(sed -n 101p "$N/orig.jsonl" | jq -c '[paths]')
b=$(sed -n 101p "$N/all.jsonl" | jq -c '[paths] | map(select(. != ["positions",0,"review"] and . != ["positions",0,"by"]))')
[ "$a" = "$b" ]; ok $? "and the order of every key"
# each naughty readout alone in its file, saved by parley (in its layout),
# round-trips byte for byte: all the files edited and saved by one ptool,
# then checked by one (a process each, under the sanitizers, took a minute)
i=0 bad=0
mkdir -p "$N/one"
while IFS= read -r line; do
	printf '%s\n' "$line" >"$N/one/n$i.json"
	i=$((i + 1))
	[ $i -ge ${PARLEY_NAUGHTY_MAX:-600} ] && break
done <"$N/orig.jsonl"
edited=$("$PTOOL" edit-all "$N/one" p1 review accepted 2>"$TMPD/err") || bad=$((bad + 1))
[ "$edited" = "edited $i readouts" ] || { bad=$((bad + 1)); diag "ptool: $edited ($(head -3 "$TMPD/err"))"; }
if ! "$PTOOL" roundtrip "$N/one" 2>"$TMPD/err"; then
	k=$(grep -c 'not byte-identical' "$TMPD/err")
	bad=$((bad + (k > 0 ? k : 1)))
	diag "$(head -3 "$TMPD/err")"
fi
ok $bad "every naughty readout saved by parley round-trips byte for byte ($bad failures of $i)"
done_testing
