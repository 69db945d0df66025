#!/bin/sh
# save.sh - where and how saving writes: :w PATH makes a new file with the
# mode of the readout's file less the umask, and asks before writing over a
# file (n leaves it, y writes over it and keeps its mode); a readout opened
# through a symbolic link is saved into the file the link names, the link
# staying a link and the file keeping its mode.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
OUT="$TMPD/out"
mkdir -p "$C" "$OUT"
cp "$SAMPLES"/fr-2021-07-15-wang-yi-lavrov-tashkent.json "$C/fr.json"
FR="$C/fr.json"
pos() { # pos FILE ID FIELD
	jq -r --arg id "$2" ".positions[] | select(.id == \$id) | .$3" "$1"
}
mode() {
	stat -c %a "$1"
}
# the first pending position's row in the positions pane (text order), and its id
PR=$(jq -r '.positions | sort_by(.start, -.end)[] | .review // "pending"' "$FR" | grep -n -m1 '^pending$' | cut -d: -f1)
PR=$((PR - 1))
PP=$(jq -r '.positions | sort_by(.start, -.end)[] | .id' "$FR" | sed -n "$((PR + 1))p")
to_row() { # to_row N: j N times (the positions pane focused, on its first row)
	local i=0
	while [ $i -lt "$1" ]; do
		keys j
		i=$((i + 1))
	done
}
# accept_first: open the only readout, accept its first pending position
accept_first() {
	keys Enter Tab
	to_row "$PR"
	keys y
	has "$PP: accepted" "$PP accepted"
}
write_to() { # write_to PATH: the command line's :w PATH
	keys :
	type "w $1"
	keys Enter
}

# --- :w PATH: a new file, the mode of the readout's file less the umask ----
chmod 600 "$FR"
umask 022
start 120 30 USER=tester -- "$C"
accept_first
write_to "$OUT/a.json"
has "written to $OUT/a.json" ":w PATH writes a new file"
is "$(mode "$OUT/a.json")" 600 "from a file of mode 600: 600, not 644"
[ "$(pos "$OUT/a.json" "$PP" review)" = accepted ]; ok $? "with the edit"
keys u q q # undone: nothing left to offer the next start
wait_for "[parley exited 0]"
stop

chmod 644 "$FR"
umask 077
start 120 30 USER=tester -- "$C"
accept_first
write_to "$OUT/b.json"
has "written to $OUT/b.json" "under umask 077"
is "$(mode "$OUT/b.json")" 600 "from a file of mode 644 under umask 077: 600"
umask 022

# --- over a file that exists: asked first -----------------------------------
printf 'not a readout\n' >"$OUT/c.json"
chmod 640 "$OUT/c.json"
write_to "$OUT/c.json"
status_has "$OUT/c.json exists: y writes over it, n leaves it" ":w PATH over a file asks first"
keys n
has "not written" "n leaves it"
is "$(cat "$OUT/c.json")" "not a readout" "as it was"
write_to "$OUT/c.json"
status_has "exists: y writes over it" "asked again"
keys y
has "written to $OUT/c.json" "y writes over it"
[ "$(pos "$OUT/c.json" "$PP" review)" = accepted ]; ok $? "with the edit"
is "$(mode "$OUT/c.json")" 640 "and it keeps its mode"
# never over a file of the corpus: this readout's own (changed on disk by
# another user, whose change :w would lose) is w's to save
before=$(cat "$FR")
write_to "$FR"
status_has "not written: $FR is this readout's own file: w saves it" ":w over the readout's own file: refused, w named"
is "$(cat "$FR")" "$before" "  the file as it was"
keys u q q
wait_for "[parley exited 0]"
stop

# --- a readout opened through a symbolic link ------------------------------
R="$TMPD/real"
L="$TMPD/links"
mkdir -p "$R" "$L"
cp "$SAMPLES"/fr-2021-07-15-wang-yi-lavrov-tashkent.json "$R/fr.json"
chmod 640 "$R/fr.json"
ln -s ../real/fr.json "$L/fr.json"
start 120 30 USER=tester -- "$L"
accept_first
keys w
has "saved 1 readout in 1 file" "w saves through the link"
[ -L "$L/fr.json" ]; ok $? "the link is still a link"
[ "$(pos "$R/fr.json" "$PP" review)" = accepted ]; ok $? "the file it names has the edit"
is "$(mode "$R/fr.json")" 640 "and keeps its mode"
is "$(ls -A "$R" "$L" | grep -c '^\.fr\.json\.parley-')" 0 "no temporary file is left"
keys q q
wait_for "[parley exited 0]"
has "[parley exited 0]" "nothing is left unsaved"
stop

done_testing
