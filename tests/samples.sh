#!/bin/sh
# samples.sh - every shipped sample validates, and the set has what it promises.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

S="$top_srcdir/samples"
run "$PARLEY" validate "$S"
ok $rc "parley validate samples/ exits 0"
[ -z "$err" ] ; ok $? "with no message"
[ -n "$err" ] && diag "$err"

n=$(ls "$S"/*.json "$S"/*.jsonl 2>/dev/null | wc -l)
ok $((n < 6)) "at least six sample files ($n)"
for lang in fr en zh ru; do
	grep -lq "\"lang\": *\"$lang\"" "$S"/*.json "$S"/*.jsonl ; ok $? "a sample in $lang"
done
for kind in meeting call video-call multilateral; do
	grep -lq "\"kind\": *\"$kind\"" "$S"/*.json "$S"/*.jsonl ; ok $? "a sample of kind $kind"
done
if command -v jq >/dev/null 2>&1; then
	dup=$(cat "$S"/*.json "$S"/*.jsonl | jq -r 'select(.event) | .event' | sort | uniq -d | head -1)
	[ -n "$dup" ] ; ok $? "two readouts share an event ($dup)"
	# the seed text, byte for byte
	seed="$top_srcdir/../shared/seed"
	if [ -d "$seed" ]; then
		f=$(ls "$seed"/*.txt | head -1)
		jq -j .text "$S"/fr-2021-07-15-wang-yi-lavrov-tashkent.json | cmp -s - "$f" ; ok $? "the French sample's text is the seed readout"
	fi
	lav=$(jq '[.positions[]? | select(.speaker == "sergey-lavrov")] | length' "$S"/fr-2021-07-15-wang-yi-lavrov-tashkent.json)
	ok $((lav < 1)) "Lavrov has positions in the seed ($lav)"
	# ids as the annotation guidelines make them, and as parley extract
	# does: a group's is group: and its members' ids sorted, a person known
	# to the lexicon has its id there (the samples had lavrov and
	# two-sides, so a draft's sergey-lavrov was another speaker)
	bad=$(cat "$S"/*.json "$S"/*.jsonl | jq -r '.speakers[]? | select(.members) |
		select(.id != ("group:" + (.members | sort | join(":")))) | .id')
	[ -z "$bad" ] ; ok $? "every group's id is group: and its members' ids sorted (${bad:-all})"
	bad=$(cat "$S"/*.json "$S"/*.jsonl | jq -r '.speakers[]? | select(.members | not) | "\(.id)\t\(.label)"' |
		while IFS="$(printf '\t')" read -r id label; do
			known=$(awk -F'\t' -v l="$label" '$3 == l { print $1; exit }' "$top_srcdir/lexicon/people.tsv")
			[ -z "$known" ] || [ "$known" = "$id" ] || printf '%s ' "$id($known)"
		done)
	[ -z "$bad" ] ; ok $? "every person the lexicon knows has its id there (${bad:-all})"
	# a draft of a Lavrov readout beside the samples: one Sergey Lavrov
	printf 'Foreign Minister Sergey Lavrov met with Foreign Minister Wang Yi in Moscow on 1 April 2024. Lavrov said that Russia supports dialogue.\n' >"$TMPD/draft.txt"
	mkdir -p "$TMPD/mixed" && cp "$S"/*.json "$TMPD/mixed/" && "$PARLEY" extract -q -o "$TMPD/mixed/draft.json" "$TMPD/draft.txt"
	run "$PARLEY" query -c -s 'Sergey Lavrov' "$TMPD/mixed"
	[ $rc = 0 ] && [ "$out" -gt "$("$PARLEY" query -c -s 'Sergey Lavrov' "$S"/*.json)" ]
	ok $? "a draft beside the samples: Sergey Lavrov is one speaker, its positions counted with theirs ($rc: $out $err)"
fi
done_testing
