#!/bin/sh
# exits.sh - every way out of the browser gives the terminal back (the
# normal screen, keypad and cursor as they were): q, the signals that leave
# cleanly (SIGTERM, SIGHUP, C-c), C-\ and the signals of a crash, which end
# it at once with the signal's status; loading never keeps it from leaving,
# even stuck on a file (PARLEY_TEST_STALL); named pipes and devices given as
# paths are refused, never waited on; and a byte typed that is not UTF-8
# costs one key, never the keys after it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

ulimit -c 0 2>/dev/null # the crashes below leave no core files

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C/"

# The pane's modes as tmux sees them: alternate screen, keypad (application
# keypad and cursor keys), cursor shown.
modes() {
	$T display-message -p -t "$PANE" '#{alternate_on} #{keypad_flag} #{keypad_cursor_flag} #{cursor_flag}'
}
# exit_status: waits (up to 30 s, for a loaded machine) for parley to have
# ended and prints its exit status, as the pane's shell says it.
exit_status() {
	local i=0
	while [ $i -lt 600 ]; do
		screen | grep -qF "[parley exited" && break
		sleep 0.05
		i=$((i + 1))
	done
	screen | sed -n 's/.*\[parley exited \([0-9]*\)\].*/\1/p' | head -n 1
}

start 100 30 -- "$C"
is "$(modes)" "1 1 1 1" "running: the alternate screen, keypad mode"
keys q
is "$(exit_status)" 0 "q quits"
is "$(modes)" "0 0 0 1" "and the terminal is back: normal screen, keypad off, cursor on"

# an index cache that cannot be made: said as parley ends, on the
# terminal given back (the loads were slow, and nothing else said why)
: >"$TMPD/not-a-dir"
start 250 30 XDG_CACHE_HOME="$TMPD/not-a-dir" -- "$C" # (wide: the message on one line)
wait_for "readouts"
status_has "no index cache: cannot make the directory $TMPD/not-a-dir/parley: Not a directory" \
	"while parley runs, the status line and E say there is no index cache, and why"
keys q
is "$(exit_status)" 0 "q quits with no index cache"
screen | grep -qF "parley: warning: no index cache: cannot make the directory $TMPD/not-a-dir/parley: Not a directory (each load reads every file again)"
ok $? "and the warning says why, once the terminal is back ($(screen | grep -A1 'no index cache' | tr '\n' ' '))"

# C-\ is SIGQUIT: parley ends at once, as the signal ends a program, but
# gives the terminal back first
start 100 30 -- "$C"
$T send-keys -t "$PANE" 'C-\'
is "$(exit_status)" 131 "C-\\ (SIGQUIT) ends parley with the signal's status"
is "$(modes)" "0 0 0 1" "C-\\: the terminal is back"

# the signals of a crash (abort and running out of memory raise SIGABRT)
for sig in SEGV BUS FPE ILL ABRT; do
	start 100 30 -- "$C"
	kill -s "$sig" "$(parley_pid)"
	st=$(exit_status)
	[ "$st" -gt 128 ]; ok $? "SIG$sig ends parley with the signal's status ($st)"
	is "$(modes)" "0 0 0 1" "SIG$sig: the terminal is back"
done

# the signals that leave cleanly
start 100 30 -- "$C"
kill -s TERM "$(parley_pid)"
is "$(exit_status)" 143 "SIGTERM: parley leaves (143)"
is "$(modes)" "0 0 0 1" "SIGTERM: the terminal is back"
start 100 30 -- "$C"
$T send-keys -t "$PANE" C-c
is "$(exit_status)" 130 "C-c (SIGINT): parley leaves (130)"
is "$(modes)" "0 0 0 1" "C-c: the terminal is back"

# a loader stuck on a file (a read that never returns) never keeps parley
# from leaving, and leaves no temporary index cache behind
rm -rf "$XDG_CACHE_HOME/parley"
start 100 30 PARLEY_TEST_STALL=1 -- "$C"
has "loading 2 of 6 files" "the loader is stuck on its third file"
keys q
is "$(exit_status)" 0 "q quits while the loader is stuck"
is "$(modes)" "0 0 0 1" "and the terminal is back"
left=$(ls -A "$XDG_CACHE_HOME/parley" 2>/dev/null | grep -c '\.idx\.' || true)
is "$left" 0 "no temporary cache file is left behind"
start 100 30 PARLEY_TEST_STALL=1 -- "$C"
has "loading 2 of 6 files" "stuck again"
kill -s TERM "$(parley_pid)"
is "$(exit_status)" 143 "SIGTERM ends it while the loader is stuck"
start 100 30 PARLEY_TEST_STALL=1 -- "$C"
has "loading 2 of 6 files" "stuck again"
pid=$(parley_pid)
hang_up
kill -0 "$pid" 2>/dev/null
ok $((! $?)) "a hang-up ends it while the loader is stuck"

# a byte that is not UTF-8 is one key, ignored: the next key acts
start 100 30 -- "$C"
$T send-keys -t "$PANE" -H ff
keys '?'
has "parley keys" "after a byte 0xff, ? shows the help"
keys q
$T send-keys -t "$PANE" -H ff
wait_for "not UTF-8"
status_has "not UTF-8" "the byte is said to be ignored"
keys /
status_line | grep -q '^/'; ok $? "/ opens the search prompt"
$T send-keys -t "$PANE" -H c3 # a character cut short by the Esc after it
keys Escape
status_line | grep -q '^/'; ok $((! $?)) "an Esc after a cut character still closes the prompt"
type "é"
has "é is not bound to anything" "a whole character typed after it is a key of its own"
keys q
is "$(exit_status)" 0 "q quits"

# a named pipe and a device among the paths: refused at once, said under E
# (last, under a limit on the address space that the new tmux server and
# parley inherit: a parley that read /dev/zero would take all the memory)
sanitized || ulimit -S -v 4000000 2>/dev/null
mkfifo "$TMPD/pipe.json"
start 100 30 -- "$C" "$TMPD/pipe.json" /dev/zero
has "7 readouts" "the readouts load beside a named pipe and /dev/zero"
status_has "2 paths unreadable" "both are said to be unreadable"
keys E
has "pipe.json: not a regular file (a named pipe): not read" "the pipe is refused, never opened"
has "/dev/zero: not a regular file (a character device): not read" "so is the device"
status_has "2 unreadable (E)" "the status line says them unreadable, not skipped"
keys q q
is "$(exit_status)" 0 "and q quits"

# every path given missing (names mistyped): no browser opened on nothing;
# each said on the standard error in the load's words, and 2
start 100 30 -- "$TMPD/nope.json" "$TMPD/nope-dir"
is "$(exit_status)" 2 "every path missing: parley ends at once, with 2"
has "nope.json: No such file or directory" "the first is said"
has "nope-dir: No such file or directory" "and the second"
ok "$(grep -c "$(printf '\033')\[?1049h" "$RAW" | grep -qx 0; echo $?)" "the browser's screen never opened"
# a file there that cannot be read (another's): as a missing one.  (Root
# reads every file: run as nobody then, with setpriv, when there is one.)
echo '{}' >"$TMPD/locked.json"
chmod 000 "$TMPD/locked.json"
as_other=""
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" != 0 ] || [ -n "$as_other" ]; then
	chmod 711 "$TMPD" # (the file is there for the other, found, and not readable)
	PARLEY_WRAP="${PARLEY_WRAP:-} $as_other" start 100 30 -- "$TMPD/locked.json"
	is "$(exit_status)" 2 "a file that cannot be read, alone: parley ends at once, with 2"
	has "locked.json: Permission denied" "and says why"
	chmod 700 "$TMPD"
else
	skip "a file that cannot be read (root, and no setpriv to be another)"
	skip "and why"
fi
chmod 600 "$TMPD/locked.json"
# one of them there: the browser, the missing one said under E
start 100 30 -- "$TMPD/nope.json" "$C"
has "7 readouts" "one path there and one missing: the browser opens on the one"
status_has "1 path unreadable: press E to see why" "the missing one is said unreadable (nothing of 0 readouts skipped)"
hasnt "0 readouts skipped" "no count of nothing"
keys j
status_has "1 unreadable (E)" "then, on the status line, unreadable, not skipped"
keys q
is "$(exit_status)" 0 "and q quits"

done_testing
