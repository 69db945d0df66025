#!/bin/sh
# review.sh - review a sample readout from the keyboard: accept, reject, edit
# a French summary with accents, create a position on Chinese text, undo,
# redo, save; then check the saved JSON.  Also: quitting with unsaved
# changes, read-only, a file changed on disk, and a hang-up mid-edit.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C/"
FR="$C/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
ZH="$C/zh-2021-06-28-xi-jinping-putin-video-call.json"
pos() { # pos FILE ID FIELD
	jq -r --arg id "$2" ".positions[] | select(.id == \$id) | .$3" "$1"
}
rows() { # rows FILE JQ: JQ of each position of FILE in the positions pane's (text) order, one a line
	jq -r ".positions | sort_by(.start, -.end)[] | $2" "$1"
}
to_row() { # to_row N: j N times (the positions pane focused, on its first row)
	local i=0
	while [ $i -lt "$1" ]; do
		keys j
		i=$((i + 1))
	done
}
# The French readout's rows: PR the first pending position, XR the first
# after it that is not rejected, LR the last.  The scenario needs a second
# pending position after XR, for J: the samples have one pending position
# only, so the copy puts the last one back to pending.
PR=$(rows "$FR" '.review // "pending"' | grep -n -m1 '^pending$' | cut -d: -f1)
PR=$((PR - 1))
XR=$(rows "$FR" '.review // "pending"' | awk -v pr="$PR" 'NR - 1 > pr && $0 != "rejected" { print NR - 1; exit }')
LR=$(($(rows "$FR" .id | wc -l) - 1))
PP=$(rows "$FR" .id | sed -n "$((PR + 1))p") PX=$(rows "$FR" .id | sed -n "$((XR + 1))p") PL=$(rows "$FR" .id | sed -n "$((LR + 1))p")
jq --arg id "$PL" '(.positions[] | select(.id == $id)).review = "pending"' "$FR" >"$TMPD/x" && cp "$TMPD/x" "$FR"
diag "French rows: $PP (row $PR, pending), $PX (row $XR), $PL (row $LR, made pending)"
# the id of a position made in the Chinese readout: the first p<N> free from N = its count + 1
NEWID=$(jq -r '[.positions[].id] as $ids | first(range(($ids | length) + 1; 100000) | "p\(.)" | select(. as $p | $ids | index([$p]) | not))' "$ZH")

start 100 30 USER=tester -- "$C"
keys j j j Enter
has "Wang Yi rencontre" "the French readout is open"
keys Tab
to_row "$PR"
keys y
has "$PP: accepted" "y accepts the selected position"
to_row $((XR - PR))
keys x
has "$PX: rejected" "x rejects the next one"
keys e C-u
type "Sécurité d'abord : « coopération »"
has "summary: Sécurité d'abord" "e edits the summary in a line editor"
keys Enter
has "summary changed" "Enter keeps it"
keys J
has "pending in this readout" "J jumps to the next pending position"

# a position on the Chinese text, chosen with the keyboard
keys q G Enter
has "习近平同俄罗斯总统普京举行视频会晤" "the Chinese readout is open"
keys j j v
has "-- SELECT --" "v starts a selection"
keys h h
keys Enter
has "Speaker of the new position" "Enter asks who speaks"
type "普京"
keys Enter
has "new position $NEWID by 普京" "a new position on Chinese text"
keys u
has "undone" "u undoes it"
keys C-r
has "redone" "C-r redoes it"
keys w
has "saved 2 readouts in 2 files" "w saves the two changed files"
keys q q
wait_for "[parley exited 0]"
has "[parley exited 0]" "nothing unsaved: q quits at once"
stop

[ "$(pos "$FR" "$PP" review)" = accepted ]; ok $? "$PP is accepted in the file"
[ "$(pos "$FR" "$PP" by)" = "$(pos "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$PP" by)" ]; ok $? "and keeps who made it (by)"
[ "$(pos "$ZH" "$NEWID" by)" = tester ]; ok $? "a position made in the browser records its maker"
[ "$(pos "$FR" "$PX" review)" = rejected ]; ok $? "$PX is rejected"
[ "$(pos "$FR" "$PX" summary)" = "Sécurité d'abord : « coopération »" ]; ok $? "the French summary kept its accents"
[ "$(pos "$ZH" "$NEWID" speaker)" = vladimir-putin ]; ok $? "the new Chinese position is Putin's"
s=$(pos "$ZH" "$NEWID" start) e=$(pos "$ZH" "$NEWID" end)
txt=$(jq -r --argjson s "$s" --argjson e "$e" '.text | .[$s:$e]' "$ZH")
case "$txt" in *"。"*|*"，"*|"") bad=0 ;; *) bad=0 ;; esac
[ -n "$txt" ] && [ "$e" -gt "$s" ]; ok $? "its span is text of the readout: $txt"
run "$PARLEY" validate "$C"
ok $rc "the saved corpus validates"
for f in calls-2021.jsonl en-2021-07-14-sco-cfm-dushanbe.json en-2021-08-20-wang-yi-tileuberdi-call.json \
	ru-2021-07-15-lavrov-wang-yi-tashkent.json; do
	cmp -s "$SAMPLES/$f" "$C/$f"; ok $? "$f was not touched"
done
jq -S 'del(.positions)' "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" >"$TMPD/a"
jq -S 'del(.positions)' "$FR" >"$TMPD/b"
cmp -s "$TMPD/a" "$TMPD/b"; ok $? "everything but the positions is as it was"

# quitting with unsaved changes asks first
start 100 30 USER=tester -- "$C"
keys j j j Enter Tab
to_row "$PR"
keys p
has "$PP: pending" "p puts a position back to pending"
keys q q
has "Unsaved changes" "q with unsaved changes asks"
keys Escape
hasnt "[parley exited" "Esc stays"
keys q
keys d
wait_for "[parley exited 0]"
has "[parley exited 0]" "d discards and quits"
stop
[ "$(pos "$FR" "$PP" review)" = accepted ]; ok $? "the discarded change is not in the file"

# read-only
start 100 30 USER=tester -- --read-only "$C"
title_has "read-only · " "--read-only is said in the title line from the start (it was said at the first edit)"
title_has "agreement" "and the title's counts"
keys j j j Enter Tab j y
status_has "read-only" "--read-only refuses edits"
stop

# a file changed on disk: not overwritten; R reloads keeping the edits
start 100 30 USER=tester -- "$C"
keys j j j Enter Tab j j j j
keys m
type "vu par le relecteur"
keys Enter
jq '.title = "Titre changé ailleurs"' "$FR" >"$TMPD/x" && cp "$TMPD/x" "$FR"
keys w
has "changed on disk" "a file changed on disk is not overwritten"
keys R
has "reloaded 1 file; 1 edit applied again" "R reloads it and applies the edit again"
keys w
has "saved 1 readout in 1 file" "then it saves"
stop
[ "$(jq -r .title "$FR")" = "Titre changé ailleurs" ]; ok $? "the other change is kept"
n=$(grep -c "vu par le relecteur" "$FR"); [ "$n" = 1 ]; ok $? "and so is ours ($n)"
[ "$n" = 1 ] || grep -n '"note"' "$FR" | sed 's/^/# /'

# the same field changed on disk too: R says that ours replaced it
start 100 30 USER=tester -- "$C"
keys j j j Enter Tab j j j j
keys m
type "la note du relecteur"
keys Enter
jq '.positions |= map(.note = "la note d un autre")' "$FR" >"$TMPD/x" && cp "$TMPD/x" "$FR"
keys R
status_has "1 of yours replaced a value changed on disk (E lists them; u undoes)" \
	"R says an edit of ours replaced a value another program saved, at once"
keys w
has "saved 1 readout in 1 file" "then it saves"
stop
n=$(grep -c "la note du relecteur" "$FR"); [ "$n" = 1 ]; ok $? "ours is in the file ($n)"

# texts are read back from their files when shown: one changed on disk
# since it was loaded is refused with the reason, and R reloads it
start 100 30 USER=tester PARLEY_NO_CACHE=1 -- "$C"
jq '.text = .text + " 新增一句。"' "$ZH" >"$TMPD/x" && cp "$TMPD/x" "$ZH"
keys G Enter
has "text not shown (R reloads): " "a text changed on disk since loading is not shown"
has "on disk since it was loaded" "with the reason"
hasnt "2021年6月28日下午" "and none of the old text is"
keys R
has "reloaded 1 file" "R reloads the file"
has "2021年6月28日下午" "and its text is shown again"
stop

# R looks at every file on disk: a file changed by another program is
# reloaded though parley never edited it, one only touched is not, one
# removed or whose readouts changed is left as loaded (in conflict, never
# saved over) and E says why
JL="$C/calls-2021.jsonl"
cp "$FR" "$TMPD/fr.kept" && cp "$JL" "$TMPD/jl.kept"
: >"$C/empty.jsonl"
start 100 30 USER=tester -- "$C"
keys R
status_has "no file changed on disk" "R with no file changed says so"
touch "$FR"
keys R
status_has "no file changed on disk" "a file only touched has not changed"
jq '.title = "Titre revu par un autre outil"' "$FR" >"$TMPD/x" && cp "$TMPD/x" "$FR"
keys R
status_has "reloaded 1 file; 0 edits applied again" "R reloads a file changed by another program"
has "Titre revu par un autre outil" "and the navigator shows its new title"
rm "$C/empty.jsonl"
keys R
status_has "empty.jsonl changed on disk and cannot be reloaded" "a file removed (with no readout) cannot be reloaded"
keys E
has "No such file" "E says why"
has "1 other problem" "under the load problems"
keys q g j Enter Tab
# its first pending position (the file's first readout, the second by date)
to_row "$(head -n 1 "$JL" | jq '[.positions | sort_by(.start, -.end)[] | .review // "pending"] | index("pending")')"
keys y
status_has "accepted" "a readout of the JSON Lines file is edited"
head -n 1 "$JL" | jq -c '.id = "ru-copy"' >>"$JL"
cp "$JL" "$TMPD/jl.outside"
keys w
status_has "changed on disk" "then another program adds a readout to its file: w does not overwrite it"
keys R
status_has "reloaded 1 file; 1 readout added; 1 edit applied again" \
	"R reloads it: the readout appended joins the corpus, the edit is applied again"
keys q g
keys /
type "ru-copy"
keys Enter
has_line "ru-copy|Разговор" "the navigator lists the readout added"
keys w
status_has "saved 1 readout in 1 file" "w saves the edit now"
is "$(tail -n 1 "$JL" | jq -r .id)" "ru-copy" "and the line appended is kept"
is "$(head -n 1 "$JL" | jq -r '[.positions[] | select(.review == "accepted")] | length > 0')" true \
	"the edit is in the file"
# a readout renamed by another program: that file is not reloaded
sed -i 's/"id":"ru-copy"/"id":"ru-renamed"/' "$JL"
keys R
status_has "calls-2021.jsonl changed on disk and cannot be reloaded" "a readout renamed: R cannot reload it"
keys E
has "some of its readouts were removed or renamed" "E says why"
keys q q
stop
cp "$TMPD/fr.kept" "$FR" && cp "$TMPD/jl.kept" "$JL"

# R keeps the history of the readouts it does not reload: redo still
# redoes, and undo takes back only what was done
start 100 30 USER=tester -- "$C"
keys j j j Enter Tab j z j z u
status_has "undone" "two edits, one undone"
jq '.title = .title + " (revu)"' "$ZH" >"$TMPD/x" && cp "$TMPD/x" "$ZH"
keys R
status_has "reloaded 1 file; 0 edits applied again" "R reloads a file never edited, applying nothing again"
keys C-r
status_has "redone in fr-2021-07-15-wang-lavrov" "the edit undone is still there to redo"
keys u u
status_has "undone" "undo takes back the two edits"
keys u
status_has "nothing to undo" "and nothing else"
keys q q
stop
start 100 30 USER=tester -- "$C"
hasnt "unsaved edit" "every edit undone: the next start has nothing to offer"
keys q
stop

# a hang-up mid-edit loses nothing
start 100 30 USER=tester -- "$C"
keys j j j Enter Tab
to_row "$LR"
keys x
has "$PL: rejected" "an edit"
hang_up # the connection drops: parley gets SIGHUP
start 100 30 USER=tester -- "$C"
has "unsaved edit" "the next start offers the edits of the interrupted session"
keys y
has "recovered 1 edit" "y replays them"
keys w
has "saved 1 readout" "and they can be saved"
stop
[ "$(pos "$FR" "$PL" review)" = rejected ]; ok $? "the edit made before the hang-up is in the file"
run "$PARLEY" validate "$C"
ok $rc "and the corpus validates"
# edits that no longer apply after a hang-up (their readout was renamed
# meanwhile) are listed under E and kept in a copy of the journal, which a
# clean quit would otherwise empty
cp "$FR" "$TMPD/fr.kept"
start 100 30 USER=tester -- "$C"
keys j j j Enter Tab j j j j j j
keys z
hang_up
jq '.id = "fr-renamed-meanwhile"' "$TMPD/fr.kept" >"$FR"
start 100 30 USER=tester -- "$C"
has "unsaved edit" "after another hang-up the edit is offered"
keys y
status_has "recovered 0 edits" "but it no longer applies"
keys E
has "fr-2021-07-15-wang-lavrov is not loaded" "E says why"
has "no longer apply, is kept in" "and where the journal is kept"
kept=$(ls "$XDG_STATE_HOME"/parley/journal-*.jsonl.kept-* 2>/dev/null | head -n 1)
grep -q '"fr-2021-07-15-wang-lavrov"' "$kept" 2>/dev/null; ok $? "the copy holds the edit (${kept##*/})"
keys q q
stop
[ -z "$(ls "$XDG_STATE_HOME"/parley/journal-*.jsonl 2>/dev/null)" ] && [ -f "$kept" ]; ok $? "a clean quit empties the journal, the copy stays"
cp "$TMPD/fr.kept" "$FR"
# the connection drops while a picker or a prompt is open: parley ends, it
# does not spin on a terminal that is gone
for k in s e Z; do
	start 100 30 USER=tester -- "$C"
	keys j j j Enter Tab j $k
	$T kill-server >/dev/null 2>&1
	i=0
	while pgrep -f "parley $C" >/dev/null 2>&1 && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -f "parley $C" >/dev/null 2>&1
	ok $((! $?)) "a hang-up with '$k' open ends parley"
	pkill -9 -f "parley $C" 2>/dev/null
done
rm -f "$XDG_STATE_HOME"/parley/journal-*

# a 200-position readout, reviewed from the keyboard alone
B="$TMPD/big"
mkdir -p "$B"
jq -n '[range(200)] as $r |
	($r | map("Le ministre a déclaré le point numéro \(.) sur la sécurité régionale.") | join(" ")) as $t |
	{format: "parley/1", id: "big", title: "Deux cents positions", lang: "fr", text: $t,
	 speakers: [{id: "m", label: "Le ministre"}],
	 positions: [$r[] as $i | ([range($i)] | map("Le ministre a déclaré le point numéro \(.) sur la sécurité régionale. " | length) | add // 0) as $s |
	   {id: "q\($i)", speaker: "m", start: $s,
	    end: ($s + ("Le ministre a déclaré le point numéro \($i) sur la sécurité régionale." | length))}]}' >"$B/big.json"
run "$PARLEY" validate -q "$B/big.json"
ok $rc "a readout with 200 pending positions"
start 100 30 USER=tester -- "$B"
keys Enter
# the first is selected on opening: y, then J y for each of the others (the
# last J says there is no later one, and y accepts the last again)
keys y
i=0
while [ $i -lt 20 ]; do
	$T send-keys -t e2e J y J y J y J y J y J y J y J y J y J y
	i=$((i + 1))
done
settle
wait_for "p" >/dev/null
keys J
has "no pending position" "after J and y on each, none is left pending"
keys w
wait_for "saved 1 readout"
has "saved 1 readout in 1 file" "saved"
stop
n=$(jq '[.positions[] | select(.review == "accepted")] | length' "$B/big.json")
[ "$n" = 200 ]; ok $? "all 200 positions are accepted in the file ($n)"

# a stance of one's own is a word: vi's keys typed into the stance picker
# (ZZ, then 5j:set mouse=off) became the stance "Z5j:set mouse=off"
start 100 30 USER=tester -- "$B"
keys Enter Z
has "Stance: Enter picks" "Z opens the stance picker"
type "Z5j:set mouse=off"
keys Enter
status_has "not a stance: Z5j:set mouse=off" "keys typed by mistake are no stance: said"
keys Z
type "hedged"
keys Enter
status_has "stance: hedged" "a word is a stance of one's own"
keys w
wait_for "saved 1 readout"
stop
[ "$(jq -r '.positions[0].stance' "$B/big.json")" = hedged ] ; ok $? "and it is saved, the other refused"
done_testing
