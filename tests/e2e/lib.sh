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
#
# Every run is hermetic: its own tmux server socket, HOME, XDG dirs, TZ,
# LANG=C.UTF-8 and TERM (default xterm-256color); the raw output of parley
# is logged (pipe-pane) in $RAW so tests can check what reached the terminal.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

SOCK="parley-e2e-$$"
T="tmux -L $SOCK -f /dev/null"
RAW="$TMPD/raw.log"
export HOME="$TMPD/home" XDG_CONFIG_HOME="$TMPD/home/.config" XDG_STATE_HOME="$TMPD/home/.state"
export XDG_CACHE_HOME="$TMPD/home/.cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
SAMPLES="$top_srcdir/samples"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT

start() {
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
	$T kill-server >/dev/null 2>&1
	: >"$RAW"
	# a shell keeps the pane open after parley exits, and records its status
	$T new-session -d -s e2e -x "$cols" -y "$rows" \
		"env $envs $PARLEY $args; echo \"[parley exited \$?]\"; sleep 600"
	$T set-option -t e2e status off >/dev/null
	$T pipe-pane -t e2e -o "cat >>'$RAW'"
	settle
}

# Wait until two captures 50 ms apart are the same (at most ~3 s).
settle() {
	local prev="" cur i=0
	sleep 0.05
	while [ $i -lt 60 ]; do
		cur=$($T capture-pane -t e2e -p -e 2>/dev/null)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.05
		i=$((i + 1))
	done
}

keys() {
	$T send-keys -t e2e "$@"
	settle
}

type() {
	$T send-keys -t e2e -l "$1"
	settle
}

screen() {
	$T capture-pane -t e2e -p
}

screen_attrs() {
	$T capture-pane -t e2e -p -e
}

has() {
	screen | grep -qF -- "$1"
	local s=$?
	ok $s "$2"
	[ $s -eq 0 ] || screen | sed 's/^/#   | /'
	return $s
}

hasnt() {
	screen | grep -qF -- "$1"
	local s=$?
	ok $((! s)) "$2"
	[ $s -ne 0 ] || screen | sed 's/^/#   | /'
}

wait_for() {
	local i=0
	while [ $i -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

resize() {
	$T resize-window -t e2e -x "$1" -y "$2" >/dev/null 2>&1
	settle
}

stop() {
	$T kill-server >/dev/null 2>&1
}

# The widest line of the screen, in columns (wc -L counts display width).
screen_width() {
	screen | wc -L
}
