#!/bin/sh
# longtext.sh - a readout whose text is 30 MB, one paragraph: it opens,
# scrolls to its end and back, and / n N find what is in it, case and
# accents ignored, at its start, middle and end - with the memory of the
# text, not eight times more (the text is wrapped and searched a piece at
# a time, never whole: textwrap.h, search.h).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
mkdir -p "$C"
MB=30
fill() { # fill BYTES: sentences, no newline
	yes "La sécurité régionale est au cœur des échanges. Les deux parties ont discuté du commerce." |
		head -c "$1" | tr '\n' ' '
}
{
	printf '{"format":"parley/1","id":"long","title":"A text of %s MB","text":"' $MB
	printf 'DÉBUT DU TEXTE. '
	fill $((5 * 1024 * 1024))
	printf ' Sergueï Lavrov (premier) a parlé. '
	fill $((20 * 1024 * 1024))
	printf ' SERGUEÏ LAVROV (second) a répondu. '
	fill $((5 * 1024 * 1024))
	printf ' FIN DU TEXTE.'
	printf '"}\n'
} >"$C/long.json"
bytes=$(wc -c <"$C/long.json")
# A long text takes longer than a key usually does: wait for what each key
# should show (up to 20 s, for a loaded machine), then check it.
until_cursor() {
	local i=0
	while [ $i -lt 400 ] && ! cursor_line | grep -qF -- "$1"; do
		sleep 0.05
		i=$((i + 1))
	done
}
until_screen() {
	local i=0
	while [ $i -lt 400 ] && ! screen | grep -qF -- "$1"; do
		sleep 0.05
		i=$((i + 1))
	done
}

start 100 30 PARLEY_NO_CACHE=1 -- "$C"
keys Enter
until_screen "Text · "
has "Text · " "the readout of $MB MB opens"
cursor_has "DÉBUT DU TEXTE" "at its first line"
keys G
until_screen "FIN DU TEXTE."
has "FIN DU TEXTE." "G goes to its last line"
keys g
until_cursor "DÉBUT DU TEXTE"
cursor_has "DÉBUT DU TEXTE" "g back to the first"
keys /
type "serguei lavrov"
keys Enter
until_cursor "Sergueï"
cursor_has "Sergueï" "/ finds the first hit, 5 MB in, accents and case ignored"
keys n
until_cursor "SERGUEÏ"
cursor_has "SERGUEÏ" "n the next one, 20 MB further"
keys n
until_cursor "Sergueï"
cursor_has "Sergueï" "n again goes round to the first"
status_has "search wrapped" "and says so"
keys N
until_cursor "SERGUEÏ"
cursor_has "SERGUEÏ" "N goes back round to the last"
keys /
type "lavrov (troisieme)"
keys Enter
until_screen "not found in this readout"
status_has "not found in this readout" "a search with no hit says so"
# the peak memory: the text (read back when shown) and its load, not a
# byte map of the whole text folded (eight bytes per byte)
hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$(parley_pid)/status" 2>/dev/null)
sanitized && hwm= # AddressSanitizer's memory is not parley's
if [ -n "$hwm" ]; then
	limit=$((bytes * 6 / 1024))
	[ "$hwm" -lt "$limit" ]
	ok $? "peak memory ${hwm} kB, under six times the file ($limit kB)"
elif sanitized; then
	skip "peak memory: AddressSanitizer's is not parley's"
else
	skip "no /proc/PID/status here"
fi
keys q q
is "$(wait_exit)" 0 "q q quits"

done_testing
