#!/bin/sh
# drafts.sh - plain readouts opened in the browser: a directory of .txt and
# .html files beside a .json is drafted, the drafts said so, shown as such
# (title, I), reviewed and saved as the NAME.json beside their text (w
# saves every draft, also one not edited), the text never touched; the next start reads the .json, not the text again;
# a file of the draft's name made meanwhile is never written over; a bad
# text is skipped and explained.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
DEV=$top_srcdir/tests/extract/dev
D=$TMPD/readouts
mkdir -p "$D"
cp "$DEV/en-2016-08-05-wang-yi-kerry-call.txt" "$D/kerry.txt"
cp "$top_srcdir/tests/extract/pages/zh-mfa-page.html" "$D/pompeo.html"
cp "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$D/"
cp "$D/kerry.txt" "$TMPD/kerry.orig"

start 120 30 USER=tester -- "$D"
has "3 readouts" "the texts and the page are drafted, beside the readout already annotated"
status_has "2 readouts drafted from plain ones" "and the status line says what was drafted"
has "杨洁篪应约同美国国务卿蓬佩奥通电话" "the page's draft is listed under the page's title"
# newest first: fr-... (2021), pompeo (2020), kerry (2016)
keys j j
keys Enter
title_has "draft" "a draft not saved says so in the title"
has "Both sides" "its positions are there, with their speakers"

# what was drafted
keys I
has "A draft, not saved yet: made from kerry.txt, w writes it as kerry.json" \
	"I shows where the draft comes from and where it goes"
has "Wang Yi (wang-yi)" "the speakers found, with their ids"
has "Positions (4, 4 pending)" "its positions, all pending"
keys G
keys Enter
has "pending · x4" "Enter on a position opens it in the reader, on that position"

# :w never over the draft's own file-to-be, nor over the text it was
# made from
keys y
keys :
type "w $D/kerry.txt"
keys Enter
status_has "not written: $D/kerry.txt is the plain readout a draft was made from" ":w over a draft's text: refused"
cmp -s "$D/kerry.txt" "$TMPD/kerry.orig" ; ok $? "  the text is untouched"
keys :
type "w $D/kerry.json"
keys Enter
status_has "not written: $D/kerry.json is this readout's own file: w saves it" ":w to the draft's own file-to-be: refused, w named"
[ ! -e "$D/kerry.json" ] ; ok $? "  nothing written there"
# nor as a new file the corpus would read (the readout twice at the next
# load), nor over a directory; a path outside it is written
mkdir -p "$D/sub"
keys :
type "w $D/sub/../copy.json"
keys Enter
status_has "not written: $D/sub/../copy.json is within a directory of the corpus: the next load would read this readout twice" \
	":w as a new file in the corpus's directory: refused"
[ ! -e "$D/copy.json" ] ; ok $? "  nothing written there"
keys :
type "w $TMPD"
keys Enter
status_has "not written: $TMPD is a directory" ":w onto a directory: refused at once, no question of writing over it"
keys :
type "w $TMPD/nodir/x.json"
keys Enter
status_has "not written: there is no directory $TMPD/nodir" ":w into a directory not there: said so"
keys :
type "w ~/copy.json"
keys Enter
status_has "written to $HOME/copy.json" ":w ~/PATH: in the home directory, as a shell would have it"
keys :
type "w ~"
keys Enter
status_has "not written: $HOME is a directory" ":w ~: the home directory, a directory (no file named ~)"
keys :
type "w $D/minutes.txt"
keys Enter
status_has "not written: $D/minutes.txt is within a directory of the corpus: the next load would draft from it as a plain readout" \
	":w as a new text in the corpus: refused too (the next load would draft it)"
"$PARLEY" validate -q "$HOME/copy.json"
ok $? "  a readout"

# reviewed and saved
keys w
status_has "saved 2 readouts in 2 files" "w saves the drafts, the one reviewed and the one untouched"
[ -s "$D/kerry.json" ] ; ok $? "as the .json beside the text"
"$PARLEY" validate -q --strict "$D/kerry.json"
ok $? "a valid readout"
is "$(jq -r '.positions[] | select(.id == "x4") | [.review, .by] | join(" ")' "$D/kerry.json")" "accepted extract" \
	"the accepted position, still by extract"
is "$(jq -r '[.positions[] | select(.review == "pending")] | length' "$D/kerry.json")" 3 "the others pending"
cmp -s "$D/kerry.txt" "$TMPD/kerry.orig" ; ok $? "the text is untouched"
"$PARLEY" validate -q --strict "$D/pompeo.json"
ok $? "the other draft, not edited, is written as drafted: a valid readout"
is "$(jq -r '[.positions[] | select(.review != "pending")] | length' "$D/pompeo.json")" 0 "all its positions pending"
keys q
keys q
rm "$D/pompeo.json" # the page is a draft again, for what follows

# the next start reads the saved .json, not the text
start 120 30 -- "$D"
has "3 readouts" "the next start: still three readouts"
status_has "1 readout drafted from a plain one" "only the page is a draft now"
keys j j
keys Enter
hasnt "draft ·" "the saved one is a readout like any other"
stop

# a file of the draft's name made meanwhile is never written over
start 120 30 USER=tester -- "$D"
keys j
keys Enter
title_has "draft" "the page's draft"
keys y
printf '{"format": "parley/1", "id": "made-meanwhile", "text": "x"}\n' >"$D/pompeo.json"
cp "$D/pompeo.json" "$TMPD/meanwhile"
keys w
status_has "made on disk since this draft" "w refuses to write over a file made meanwhile"
cmp -s "$D/pompeo.json" "$TMPD/meanwhile" ; ok $? "which is left as it was"
keys q
keys q
has "Unsaved changes" "the edit is not lost: quitting asks"
keys d
stop
rm -f "$D/pompeo.json"

# a text that is no readout: skipped and explained, the others drafted
printf 'binary \000 data\n' >"$D/broken.txt"
start 120 30 -- "$D"
has "3 readouts" "a binary file does not stop the others"
status_has "1 readout skipped" "it is counted as skipped"
keys E
has "broken.txt: binary data" "E says why"
stop

# a text where no sentence says what a speaker said: drafted with no
# position, which the status line and d say (v makes one by hand)
N=$TMPD/nothing
mkdir -p "$N"
printf 'Le 3 mai 2024, M. Barrot a rencontré M. Lavrov à Vienne.\n' >"$N/rencontre.txt"
start 120 30 USER=tester -- "$N"
status_has "1 readout drafted from a plain one, no position found (v selects text to make one)" \
	"a draft with no position: said so, not 'all pending'"
keys Enter
keys d
status_has "no position drafted: no sentence here says what a speaker said or holds" \
	"d finds none either: said so, not '0 positions drafted'"
stop

# a draft's id (its text's name) that a readout has: the draft takes the
# next free one, the annotated readout keeps its own, wherever each is;
# two texts of one name in two directories are both drafted
C=$TMPD/clash
mkdir -p "$C/a" "$C/b" "$C/c"
cp "$DEV/en-2016-08-05-wang-yi-kerry-call.txt" "$C/a/talks.txt"
cp "$DEV/en-2016-08-05-wang-yi-kerry-call.txt" "$C/b/talks.txt"
jq '.id = "talks"' "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json" >"$C/c/annotated.json"
start 120 30 USER=tester -- "$C"
has "3 readouts" "two drafts of one name and the readout whose id it is: all three listed"
status_has "2 readouts drafted from plain ones" "both texts drafted, none skipped"
keys w
status_has "saved 2 readouts in 2 files" "both drafts saved"
keys q
is "$(wait_exit)" 0 "q quits with status 0"
stop
is "$(jq -r .id "$C/a/talks.json") $(jq -r .id "$C/b/talks.json")" "talks-2 talks-3" \
	"each saved with the next free id, in the order of their paths"
"$PARLEY" validate -q --strict "$C"
ok $? "the corpus then validates: no id twice"
is "$(jq -r .id "$C/c/annotated.json")" "talks" "the annotated readout keeps its id"

echo "1..$tap_n"
exit $((tap_failed != 0))
