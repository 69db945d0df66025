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
	lav=$(jq '[.positions[]? | select(.speaker == "lavrov")] | length' "$S"/fr-2021-07-15-wang-yi-lavrov-tashkent.json)
	ok $((lav < 1)) "Lavrov has positions in the seed ($lav)"
fi
done_testing
