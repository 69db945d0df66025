#!/bin/sh
# themes.sh - colours and the config file: NO_COLOR and --no-color draw with
# attributes only (the selection in reverse video); the default theme uses
# 256 colours where the terminal has them and the 8 basic ones on TERM=xterm;
# the shipped themes and a theme file load; an unknown theme is an error; a
# config file's bad line is reported with its number while its good lines
# still apply.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
FR_AT=$(nav_json | jq '[.[].id] | index("fr-2021-07-15-wang-lavrov")')

# count WORD: how many SGR parameters of that class are on the screen
count() {
	sgr_classes | grep -cx "$1"
}

# no_colour CONTEXT: the screen has no colour SGR but uses reverse video,
# and the navigator's selected row (screen line 3, then 4 after j) is reverse
no_colour() {
	is "$(count 256)/$(count rgb)/$(count basic)/$(count bright)" 0/0/0/0 \
		"$1: no colour SGR on the screen (256/rgb/basic/bright)"
	[ "$(count reverse)" -gt 0 ]
	ok_screen $? "$1: reverse video is used"
	[ "$(screen_attrs | sed -n 3p | sgr_parse | grep -cx reverse)" -gt 0 ]
	ok_screen $? "$1: the selected readout (first row) is in reverse video"
	keys j
	[ "$(screen_attrs | sed -n 4p | sgr_parse | grep -cx reverse)" -gt 0 ] &&
		[ "$(screen_attrs | sed -n 3p | sgr_parse | grep -cx reverse)" -eq 0 ]
	ok_screen $? "$1: j moves the reverse video to the second row"
	keys k
	local i=0
	while [ $i -lt "$FR_AT" ]; do
		keys j
		i=$((i + 1))
	done
	keys Enter
	is "$(count 256)/$(count basic)" 0/0 "$1: the reader has no colour either"
	[ "$(screen_attrs | grep -E '^(.\[[0-9;]*m)*.(.\[[0-9;]*m)*\|' | sgr_parse | grep -cx reverse)" -gt 0 ]
	ok_screen $? "$1: the selected position's text ('|' lines) is in reverse video"
	keys Tab
	[ "$(count reverse)" -gt 0 ]
	ok_screen $? "$1: with the positions pane focused, reverse video marks the selection"
}

restart 80 24 NO_COLOR=1 -- "$SAMPLES"
has "Readouts" "NO_COLOR=1: parley starts"
no_colour "NO_COLOR=1"

restart 80 24 -- --no-color "$SAMPLES"
has "Readouts" "--no-color: parley starts"
no_colour "--no-color"

restart 80 24 TERM=xterm-256color -- "$SAMPLES"
[ "$(count 256)" -gt 0 ]
ok_screen $? "default theme, xterm-256color: 256-colour SGR (38;5 / 48;5) appears"
keys Enter
[ "$(count 256)" -gt 0 ]
ok_screen $? "default theme, xterm-256color: in the reader too"

restart 80 24 TERM=xterm -- "$SAMPLES"
is "$(count 256)" 0 "default theme, TERM=xterm (8 colours): no 256-colour SGR"
[ "$(count basic)" -gt 0 ]
ok_screen $? "default theme, TERM=xterm: basic colours (3x/4x) appear"
keys Enter
is "$(count 256)" 0 "TERM=xterm: no 256-colour SGR in the reader either"

# --- the shipped themes and a theme file --------------------------------
cp "$top_srcdir/themes/light.theme" "$TMPD/mine.theme"
restart 80 24 -- "$SAMPLES"
DEFAULT_ATTRS=$(screen_attrs)
for th in light high-contrast mono "$TMPD/mine.theme"; do
	name=$(basename "$th" .theme)
	restart 80 24 -- --theme "$th" "$SAMPLES"
	has "Readouts" "--theme $name: parley starts"
	[ "$(screen_attrs)" != "$DEFAULT_ATTRS" ]
	ok_screen $? "--theme $name: the screen looks different from the default theme"
	case $name in
	mono) is "$(count 256)/$(count basic)" 0/0 "--theme mono: no colours" ;;
	high-contrast) is "$(count 256)" 0 "--theme high-contrast: basic colours only" ;;
	*) [ "$(count 256)" -gt 0 ]; ok_screen $? "--theme $name: 256 colours" ;;
	esac
	keys '?' G
	has "theme: $name" "--theme $name: the help names the theme in use"
	keys q q
	is "$(wait_exit)" 0 "--theme $name: quits with status 0"
done

run "$PARLEY" --theme nosuch "$SAMPLES"
is "$rc" 2 "--theme nosuch exits with status 2"
printf '%s\n' "$err" | grep -q "nosuch"
ok $? "and the message names the theme: $err"
run "$PARLEY" --theme "$TMPD/missing.theme" "$SAMPLES"
is "$rc" 2 "--theme with a missing file exits with status 2"

# --- the config file ----------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/parley"
CFG="$XDG_CONFIG_HOME/parley/config"
printf '# parley config for themes.sh\nzap the screen\nbind H help\n' >"$CFG"
restart 80 24 -- "$SAMPLES"
has "Readouts" "config with a bad line: parley still runs"
status_has "config:2: unknown" "the status line reports the bad line with its number (line 2)"
keys E
screen | tr '\n' ' ' | tr -s ' ' | grep -qF "config:2: unknown command 'zap'"
ok_screen $? "E lists it in the problems view (long lines wrapped)"
keys q H
has "parley keys" "the good line 'bind H help' works: H opens the help"
i=0
while [ $i -lt 20 ] && ! screen | grep -q "Show this help"; do
	keys PgDn
	i=$((i + 1))
done
screen | grep "Show this help" | grep -qE '(^|[ ,])H(,| )'
ok_screen $? "and the help lists H among the keys for 'Show this help'"
keys q Q
is "$(wait_exit)" 0 "Q quits with status 0"

printf 'set theme = nosuch\nbind H help\n' >"$CFG"
restart 120 24 -- "$SAMPLES"
has "Readouts" "config naming an unknown theme: parley still runs"
status_has "no theme named 'nosuch'" "and says the theme was not found"
keys E
screen | tr '\n' ' ' | tr -s ' ' | grep -qF "no theme named 'nosuch'"
ok_screen $? "the problems view lists it"
has "config:1:" "with the line number of 'set theme' (like every other config problem)"
keys q Q
is "$(wait_exit)" 0 "Q quits with status 0"
stop
done_testing
