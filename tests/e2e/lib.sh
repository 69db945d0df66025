# e2e/lib.sh - drive the real parley in tmux, as a user would (sourced).
#
#   start COLS ROWS [ENV=VALUE...] -- [PARLEY ARGS...]
#   keys KEY...          tmux send-keys, then wait until the screen settles
#   type TEXT            send literal text
#   screen               the screen as text (capture-pane)
#   screen_attrs         the screen with its attributes (capture-pane -e)
#   has TEXT DESC        ok when the screen contains TEXT
#   hasnt TEXT DESC      ok when it does not
#   wait_for TEXT        wait up to 5 s for TEXT to appear
#   resize COLS ROWS     resize the window
#   stop                 end the session
#   also NAME ...        start a second parley (args as start) in session
#                        NAME; use NAME (or use e2e) picks the one driven
#   parley_pid           the pid of the parley in the current session
#   hang_up              drop the connection and wait until parley has ended
#
# Every run is hermetic: its own tmux server socket, HOME, XDG dirs, TZ,
# LANG=C.UTF-8 and TERM (default xterm-256color); the raw output of parley
# is logged (pipe-pane) in $RAW so tests can check what reached the terminal.
#
# PARLEY_WRAP, when set, is put before parley in the sessions (valgrind,
# for tests/valgrind.sh), and PARLEY_E2E_SLOW (a whole number, default 1)
# multiplies every wait for a screen, for a slow parley under such a wrapper.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
[ -n "${PARLEY_SKIP_E2E:-}" ] && skip_all "PARLEY_SKIP_E2E is set"

SOCK="parley-e2e-$$"
T="tmux -L $SOCK -f /dev/null"
PANE=e2e # the tmux session the helpers drive (see also)
RAW="$TMPD/raw.log"
export HOME="$TMPD/home" XDG_CONFIG_HOME="$TMPD/home/.config" XDG_STATE_HOME="$TMPD/home/.state"
export XDG_CACHE_HOME="$TMPD/home/.cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
SAMPLES="$TMPD/samples"
test_samples "$SAMPLES"
SLOW=${PARLEY_E2E_SLOW:-1}
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT

start() {
	kill_server
	PANE=e2e
	RAW="$TMPD/raw.log"
	launch "$@"
}

# kill_server: end the tmux server, and wait until it has gone, its process
# too: a new session racing a dying server fails ("server exited
# unexpectedly").  A zombie counts as gone (nothing may reap it here).
kill_server() {
	local spid i=0
	spid=$($T display-message -p '#{pid}' 2>/dev/null)
	$T kill-server >/dev/null 2>&1
	while { $T ls >/dev/null 2>&1 || server_alive "$spid"; } && [ $i -lt $((250 * SLOW)) ]; do
		sleep 0.02
		i=$((i + 1))
	done
}

# server_alive PID: the (tmux server) process PID runs and is no zombie.
server_alive() {
	[ -n "$1" ] || return 1
	case "$(ps -o stat= -p "$1" 2>/dev/null)" in
	"" | Z*) return 1 ;;
	esac
	return 0
}

# also NAME COLS ROWS [ENV=VALUE...] -- [PARLEY ARGS...]: a second parley
# beside the first, in session NAME, which the helpers now drive (use NAME
# switches between them); its output is logged in $TMPD/raw-NAME.log.
also() {
	PANE=$1
	RAW="$TMPD/raw-$1.log"
	shift
	launch "$@"
}

use() {
	PANE=$1
	if [ "$1" = e2e ]; then RAW="$TMPD/raw.log"; else RAW="$TMPD/raw-$1.log"; fi
}

# The pid of the parley running in the current session.
parley_pid() {
	local shell
	shell=$($T display-message -p -t "$PANE" '#{pane_pid}')
	pgrep -P "$shell" | head -n 1
}

# hang_up: the connection drops (the tmux server goes: parley gets SIGHUP),
# and wait until parley has ended (its journal's lock released), not for a
# time.
hang_up() {
	local pid i=0
	pid=$(parley_pid)
	kill_server
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt $((200 * SLOW)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

launch() {
	local cols=$1 rows=$2
	shift 2
	local envs="LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color NO_COLOR="
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	[ "${1:-}" = "--" ] && shift
	local args="" a
	for a in "$@"; do
		args="$args '$a'"
	done
	local i=0
	: >"$RAW"
	# a shell keeps the pane open after parley exits, and records its status
	$T new-session -d -s "$PANE" -x "$cols" -y "$rows" \
		"env $envs ${PARLEY_WRAP:-} $PARLEY $args; echo \"[parley exited \$?]\"; sleep 600"
	$T set-option -t "$PANE" status off >/dev/null
	$T pipe-pane -t "$PANE" -o "cat >>'$RAW'"
	# on a busy machine the first screen can be slow: wait for its title line
	# (or for parley to have exited, or to find the terminal too small)
	i=0
	while [ $i -lt $((100 * SLOW)) ]; do
		$T capture-pane -t "$PANE" -p 2>/dev/null | grep -qE '^ parley |\[parley exited|terminal too|too small' && break
		sleep 0.05
		i=$((i + 1))
	done
	# the browser is usable while the corpus loads; tests that count rows or
	# press j to a readout need it whole, so wait until loading is over
	# (loading.sh and exits.sh hold the loader on purpose and watch it themselves)
	case "$envs" in
	*PARLEY_TEST_HOLD=* | *PARLEY_TEST_STALL=*) ;;
	*)
		i=0
		while [ $i -lt $((200 * SLOW)) ]; do
			$T capture-pane -t "$PANE" -p 2>/dev/null | grep -qE 'loading [0-9]+ of|loading\.\.\.' || break
			sleep 0.05
			i=$((i + 1))
		done
		[ $i -lt $((200 * SLOW)) ] || { echo "# still loading after 10 s:"; screen | sed 's/^/#   | /'; }
		;;
	esac
	settle
}

# Wait until the screen and parley's output stay the same over two polls
# 50 ms apart (at most ~3 s); SLOW times as many polls, for as long.
settle() {
	local prev="" cur i=0 same=0
	sleep 0.03
	while [ $i -lt $((60 * SLOW)) ]; do
		cur="$(wc -c <"$RAW") $($T capture-pane -t "$PANE" -p -e 2>/dev/null)"
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
			[ $same -ge $((1 + SLOW)) ] && return 0
		else
			same=0
		fi
		prev=$cur
		sleep 0.05
		i=$((i + 1))
	done
}

# After keys: wait until parley has written something (up to 1 s: on a
# loaded machine it can be slow to answer), then until it is quiet.
after_keys() {
	local before=$1 i=0
	while [ "$(wc -c <"$RAW")" -le "$before" ] && [ $i -lt $((50 * SLOW)) ]; do
		sleep 0.02
		i=$((i + 1))
	done
	settle
}

keys() {
	local before
	before=$(wc -c <"$RAW")
	$T send-keys -t "$PANE" "$@"
	after_keys "$before"
}

# keys_times N KEY: KEY sent N times, one at a time (each waits as keys does)
keys_times() {
	local n=$1 i=0
	shift
	while [ "$i" -lt "$n" ]; do
		keys "$@"
		i=$((i + 1))
	done
}

type() {
	local before
	before=$(wc -c <"$RAW")
	$T send-keys -t "$PANE" -l "$1"
	after_keys "$before"
}

screen() {
	$T capture-pane -t "$PANE" -p
}

screen_attrs() {
	$T capture-pane -t "$PANE" -p -e
}

# ok_grep TEXT DESC WHERE: ok when the string WHERE contains TEXT; shows
# the screen when it does not.  (Not in a pipeline: ok counts the tests.)
ok_grep() {
	printf '%s\n' "$3" | grep -qF -- "$1"
	ok_screen $? "$2"
}

# poll CMD...: runs CMD until it succeeds or the 5 s (SLOW times as long)
# are up; its status is CMD's last.  The one wait of the assertions below.
poll() {
	local i=0
	while :; do
		"$@" && return 0
		[ $i -ge $((100 * SLOW)) ] && return 1
		sleep 0.05
		i=$((i + 1))
	done
}

# out_has FUNC TEXT: the output of FUNC (kept in POLL_OUT) contains TEXT.
out_has() {
	POLL_OUT=$("$1")
	printf '%s\n' "$POLL_OUT" | grep -qF -- "$2"
}

# ok_until TEXT DESC FUNC: ok once the output of the function FUNC
# contains TEXT.  keys and type return when the screen has been quiet for a
# moment, which a slow step (a corpus search under valgrind) can outlast:
# so an assertion polls for the state it expects, up to 5 s (SLOW times
# as long), and fails showing the screen if the state never comes.  A
# passing assertion costs one look.
ok_until() {
	poll out_has "$3" "$1"
	ok_grep "$1" "$2" "$POLL_OUT"
}

has() {
	ok_until "$1" "$2" screen
}

# hasnt TEXT DESC: ok once TEXT is not on the screen (polled as ok_until).
screen_lacks() {
	! screen | grep -qF -- "$1"
}

hasnt() {
	poll screen_lacks "$1"
	local s=$?
	ok $s "$2"
	[ $s -eq 0 ] || screen | sed 's/^/#   | /'
}

wait_for() {
	poll out_has screen "$1"
}

resize() {
	$T resize-window -t "$PANE" -x "$1" -y "$2" >/dev/null 2>&1
	settle
}

stop() {
	kill_server
}

# The widest line of the screen, in columns (wc -L counts display width).
screen_width() {
	screen | wc -L
}

# --- helpers appended for facets, sync, search, cjk, resize, terms, themes,
# naughty -------------------------------------------------------------------
#
#   restart COLS ROWS [ENV=V...] -- [ARGS...]
#                        the same as start (which now waits for the old
#                        server to go and for parley's first screen)
#   resize_wait COLS ROWS  resize, and wait for parley to redraw
#   wait_exit            wait up to 5 s for "[parley exited N]"; prints N
#   screen_line N        line N (1-based) of the screen
#   title_line           the first line; status_line the last one
#   left_pane            the screen with everything from a '│' divider on cut
#   cursor_line          the text pane's cursor line ('>' or '-' in column 1)
#   selected_span        the text lines marked '|' (the selected position)
#   selected_pos         the id of the expanded (selected) position entry
#   screen_cells         the widest line in terminal cells (see there)
#   sgr_classes          one word per colour/reverse SGR parameter on the
#                        screen: 256, rgb, basic, bright, reverse
#                        (sgr_parse: the same for standard input)
#   raw_scan [FILE]      counts of unsafe bytes parley wrote ($RAW)
#   corpus_json [DIR]    the readouts of DIR as one JSON array, corpus order
# Assertions (each prints the screen when it fails):
#   ok_screen STATUS DESC    ok
#   is VALUE EXPECTED DESC   ok when equal
#   width_ok COLS DESC       no screen line wider than COLS cells
#   has_line RE DESC         some screen line matches the extended RE
#   title_has / status_has / cursor_has / span_has TEXT DESC
#                            that line (the selected span) contains TEXT

restart() {
	start "$@" # start waits for the old server and for the first screen
}

# ok_screen STATUS DESC: ok, showing the screen when STATUS is not 0.
ok_screen() {
	ok "$1" "$2"
	[ "$1" -eq 0 ] || screen | sed 's/^/#   | /'
	return "$1"
}

screen_line() {
	screen | sed -n "${1}p"
}

title_line() {
	screen_line 1
}

status_line() {
	screen | tail -n 1
}

left_pane() {
	screen | sed 's/│.*//'
}

cursor_line() {
	left_pane | grep -m1 -e '^[>-]'
}

selected_span() {
	left_pane | grep -e '^.|' | cut -c3-
}

selected_pos() {
	screen | sed -n 's/.* \(pending\|accepted\|rejected\) · \([A-Za-z0-9._:-]*\)[ ~…]*$/\2/p' | head -n 1
}

sgr_classes() {
	screen_attrs | sgr_parse
}

# sgr_parse: the same for the SGR sequences on standard input.
sgr_parse() {
	awk '{
		s = $0
		while (match(s, /\033\[[0-9;:]*m/)) {
			n = split(substr(s, RSTART + 2, RLENGTH - 3), p, /[;:]/)
			s = substr(s, RSTART + RLENGTH)
			for (i = 1; i <= n; i++) {
				v = p[i] + 0
				if ((v == 38 || v == 48 || v == 58) && p[i + 1] == "5") { print "256"; i += 2 }
				else if ((v == 38 || v == 48 || v == 58) && p[i + 1] == "2") { print "rgb"; i += 4 }
				else if ((v >= 30 && v <= 37) || (v >= 40 && v <= 47)) print "basic"
				else if ((v >= 90 && v <= 97) || (v >= 100 && v <= 107)) print "bright"
				else if (v == 7) print "reverse"
			}
		}
	}'
}

# screen_cells: the widest screen line in terminal cells as tmux counts
# them.  Unlike wc -L (screen_width), which adds up every code point's
# width, tmux draws a character joined by U+200D ZERO WIDTH JOINER in the
# cell of the one before it (so an emoji ZWJ sequence such as U+1F468 ZWJ
# U+1F9B0 takes 2 cells, not 4): drop each ZWJ and the character after it.
screen_cells() {
	screen | sed "s/$(printf '\342\200\215')[^$(printf '\342\200\215')]\{0,1\}//g" | wc -L
}

width_ok() {
	local w
	w=$(screen_cells)
	[ "$w" -le "$1" ]
	local s=$?
	ok $s "$2 (widest line $w, terminal $1)"
	[ $s -eq 0 ] || screen | sed 's/^/#   | /'
	return $s
}

screen_matches() {
	screen | grep -qE -- "$1"
}

has_line() {
	poll screen_matches "$1"
	local s=$?
	ok $s "$2"
	[ $s -eq 0 ] || screen | sed 's/^/#   | /'
	return $s
}

wait_exit() {
	wait_for "[parley exited" || return 1
	screen | sed -n 's/.*\[parley exited \([0-9]*\)\].*/\1/p' | head -n 1
}

# corpus_json [DIR]: every readout of DIR (default: the samples) as one JSON
# array, in parley's corpus order (paths in byte order, .jsonl lines in order).
corpus_json() {
	(cd "${1:-$SAMPLES}" && find . \( -name '*.json' -o -name '*.jsonl' \) ! -path '*/.*' | LC_ALL=C sort |
		while IFS= read -r f; do cat "$f"; echo; done) | jq -s .
}

# nav_json [DIR]: the readouts of corpus_json in the navigator's first
# order: by date, newest first (without a date last), then corpus order.
nav_json() {
	corpus_json "$@" | jq 'to_entries | sort_by([((.value.date // "") + "\u0000") | explode | map(-.)] + [.key])
		| [.[] | select(.value.date != null)] + [.[] | select(.value.date == null)] | map(.value)'
}

# title_has / status_has TEXT DESC: ok when the title (status) line contains TEXT.
title_has() {
	ok_until "$1" "$2" title_line
}

# A message too long for the status line is wrapped on the rows above it:
# status_has looks at the last rows joined (a wrapped line breaks at a space).
status_text() {
	printf '%s %s\n' "$(status_line)" "$(screen | tail -n 4 | sed 's/ *$//' | tr '\n' ' ' | sed 's/  */ /g')"
}

status_has() {
	ok_until "$1" "$2" status_text
}

# is VALUE EXPECTED DESC: ok when they are equal; shows both and the screen if not.
is() {
	[ "$1" = "$2" ]
	local s=$?
	ok $s "$3"
	if [ $s -ne 0 ]; then
		diag "got:      '$1'" "expected: '$2'"
		screen | sed 's/^/#   | /'
	fi
	return $s
}

# cursor_has / span_has TEXT DESC: ok when the text pane's cursor line (the
# lines of the selected position, marked '|', joined: a wrapped line breaks
# at a space) contains TEXT.
cursor_has() {
	ok_until "$1" "$2" cursor_line
}

span_text() {
	selected_span | sed 's/ *$//' | tr '\n' ' '
}

span_has() {
	ok_until "$1" "$2" span_text
}

# resize_wait COLS ROWS: resize, then wait until parley has redrawn (tmux
# resizes the pane's terminal a little later than the window, so `resize`
# can return while the screen still shows the old layout; parley's redraw
# shows up as new output in $RAW), then settle.
resize_wait() {
	local before i=0
	before=$(wc -c <"$RAW")
	$T resize-window -t "$PANE" -x "$1" -y "$2" >/dev/null 2>&1
	while [ "$(wc -c <"$RAW")" -le "$before" ] && [ $i -lt $((100 * SLOW)) ]; do
		sleep 0.02
		i=$((i + 1))
	done
	settle
}

# raw_scan [FILE]: scan what parley wrote to the terminal ($RAW) byte by
# byte; prints "NAME COUNT" lines for: osc_pwned (ESC ] 2 ; P W N E D),
# c1 (UTF-8 of U+0080..U+009F), bidi (UTF-8 of LRM, RLM, ALM, LRE..RLO,
# LRI..PDI), c0 (bytes 00-1F other than ESC BS TAB LF CR SO SI, and DEL).
raw_scan() {
	od -An -v -tx1 "${1:-$RAW}" | tr -s ' \n' '\n\n' | grep . | awk '
	BEGIN { ok["1b"] = ok["08"] = ok["09"] = ok["0a"] = ok["0d"] = ok["0e"] = ok["0f"] = 1
		split("1b 5d 32 3b 50 57 4e 45 44", pw, " ")
		c1 = bidi = c0 = pwned = 0; m = 0; p1 = p2 = "" }
	{
		b = $1
		if ((b < "20" && !(b in ok)) || b == "7f") c0++
		if (p1 == "c2" && b >= "80" && b <= "9f") c1++
		if (p2 == "e2" && p1 == "80" && (b == "8e" || b == "8f" || (b >= "aa" && b <= "ae"))) bidi++
		if (p2 == "e2" && p1 == "81" && b >= "a6" && b <= "a9") bidi++
		if (p1 == "d8" && b == "9c") bidi++
		if (b == pw[m + 1]) { m++; if (m == 9) { pwned++; m = 0 } } else m = (b == "1b") ? 1 : 0
		p2 = p1; p1 = b
	}
	END { printf "osc_pwned %d\nc1 %d\nbidi %d\nc0 %d\n", pwned, c1, bidi, c0 }'
}
