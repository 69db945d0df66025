#!/bin/sh
# fault.sh - kill -9 during saves, many times: the file is always the old or
# the new version, never torn, and it validates.  Then two savers at once:
# neither destroys the other's save.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

PTOOL="${top_builddir}/tests/tools/ptool"
[ -x "$PTOOL" ] || skip_all "ptool not built"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
D="$TMPD/c"
mkdir -p "$D"
cp "$top_srcdir/samples/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$D/fr.json"
cp "$top_srcdir/samples/calls-2021.jsonl" "$D/calls.jsonl"
R=fr-2021-07-15-wang-lavrov
# the positions of the French readout, in file order
FRPOS=$(jq -r '.positions[].id' "$D/fr.json")

# the two versions the loop alternates between
"$PTOOL" edit "$D/fr.json" $R p3 summary "version A" >/dev/null 2>&1
cp "$D/fr.json" "$TMPD/A.json"
"$PTOOL" edit "$D/fr.json" $R p3 summary "version B" >/dev/null 2>&1
cp "$D/fr.json" "$TMPD/B.json"
cmp -s "$TMPD/A.json" "$TMPD/B.json"
ok $((! $?)) "the two versions differ"

rounds=${PARLEY_FAULT_ROUNDS:-60}
torn=0 invalid=0 other=0
i=0
while [ $i -lt $rounds ]; do
	"$PTOOL" saveloop "$D/fr.json" $R p3 >/dev/null 2>&1 &
	pid=$!
	# a random moment: 1 to 40 ms
	ms=$(( ( $(od -An -N2 -tu2 /dev/urandom) % 40 ) + 1 ))
	sleep "0.0$(printf '%02d' $ms)" 2>/dev/null || sleep 0.01
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if cmp -s "$D/fr.json" "$TMPD/A.json" || cmp -s "$D/fr.json" "$TMPD/B.json"; then
		:
	else
		torn=$((torn + 1))
	fi
	"$PARLEY" validate -q "$D/fr.json" >/dev/null 2>&1 || invalid=$((invalid + 1))
	i=$((i + 1))
done
ok $torn "after $rounds kills during saves the file is always the old or the new version ($torn torn)"
ok $invalid "and always validates ($invalid invalid)"
run "$PARLEY" validate "$D"
ok $rc "the directory validates with what killed saves left (hidden temporary files)"
"$PTOOL" edit "$D/fr.json" $R p3 summary "version A" >/dev/null 2>&1
left=$(ls -A "$D" | grep -c '^\.fr\.json\.parley-' || true)
ok $left "the next save removes those temporary files ($left left)"

# the same in a JSON Lines file: the other line is kept byte for byte
other_before=$(sed -n 2p "$D/calls.jsonl")
RJ=ru-2021-08-16-lavrov-wang-yi-call
PJ=$(head -n 1 "$D/calls.jsonl" | jq -r '.positions[0].id')
i=0 bad=0
while [ $i -lt 20 ]; do
	"$PTOOL" saveloop "$D/calls.jsonl" $RJ "$PJ" >/dev/null 2>&1 &
	pid=$!
	sleep 0.0$(( ( $(od -An -N1 -tu1 /dev/urandom) % 9 ) + 1 ))
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ "$(sed -n 2p "$D/calls.jsonl")" = "$other_before" ] || bad=$((bad + 1))
	"$PARLEY" validate -q "$D/calls.jsonl" >/dev/null 2>&1 || bad=$((bad + 1))
	i=$((i + 1))
done
ok $bad "JSON Lines: after 20 kills the other line is intact and the file validates"

# two people save the same file: the second sees the first's save and does
# not overwrite it
cp "$TMPD/A.json" "$D/fr.json"
P1=$(echo "$FRPOS" | sed -n 2p) P2=$(echo "$FRPOS" | sed -n 3p)
"$PTOOL" edit "$D/fr.json" $R "$P1" note "first reviewer" 100 >/dev/null 2>&1 &
p1=$!
"$PTOOL" edit "$D/fr.json" $R "$P2" note "second reviewer" 400 >"$TMPD/second.out" 2>&1
rc2=$?
wait $p1
rc1=$?
ok $rc1 "the first save succeeds"
ok $((rc2 != 3)) "the second is refused as a conflict (status $rc2)"
grep -q "changed on disk" "$TMPD/second.out"; ok $? "and says the file changed on disk"
grep -q '"note": "first reviewer"' "$D/fr.json"; ok $? "the first reviewer's edit is in the file"
grep -q "second reviewer" "$D/fr.json"; ok $((! $?)) "the second did not overwrite it"

# many savers at once, each with its own fresh load: every save either lands
# or is refused; the file always validates
cp "$TMPD/A.json" "$D/fr.json"
pids=""
k=0
for id in $FRPOS; do
	k=$((k + 1))
	"$PTOOL" edit "$D/fr.json" $R "$id" note "reviewer $k" >/dev/null 2>&1 &
	pids="$pids $!"
done
landed=0
for p in $pids; do
	wait $p && landed=$((landed + 1))
done
run "$PARLEY" validate -q "$D/fr.json"
ok $rc "$k concurrent savers leave a valid file ($landed landed, the others were refused)"
n=$(grep -c '"note": "reviewer ' "$D/fr.json")
ok $((n != landed)) "exactly the saves that landed are in it ($n)"
done_testing
