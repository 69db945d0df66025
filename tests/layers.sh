#!/bin/sh
# layers.sh - the program's files call each other in no circle, and the
# core and the commands call nothing of the screen: which file calls which
# is read from the built objects (nm: what each defines, what it needs),
# and tsort finds any circle.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

command -v nm >/dev/null 2>&1 || skip_all "nm is not installed"
command -v tsort >/dev/null 2>&1 || skip_all "tsort is not installed"
cd "$top_builddir" || exit 1
objs=$(ls src/*.o ui/parley-*.o cli/parley-*.o 2>/dev/null)
[ -n "$objs" ] || skip_all "no objects in $top_builddir"

# one line per object: "D file symbol" for what it defines, "U file
# symbol" for what it needs (file: src/x, ui/x, cli/x)
for o in $objs; do
	f=$(echo "$o" | sed 's/parley-//; s/\.o$//')
	# an object of a file since removed from the sources is left out
	[ -f "$top_srcdir/$f.c" ] || continue
	nm "$o" | awk -v f="$f" 'NF == 3 && $2 ~ /^[TDBR]$/ { print "D", f, $3 } NF == 2 && $1 == "U" { print "U", f, $2 }'
done >"$TMPD/syms"
awk '$1 == "D" { def[$3] = $2 } $1 == "U" { need[++n] = $2 " " $3 }
     END { for (i = 1; i <= n; i++) { split(need[i], p, " "); if (p[2] in def && def[p[2]] != p[1]) print p[1], def[p[2]] } }' \
	"$TMPD/syms" | sort -u >"$TMPD/edges"

n_files=$(awk '{ print $2 }' "$TMPD/syms" | sort -u | wc -l)
[ "$n_files" -gt 40 ] ; ok $? "the objects of the program are read ($n_files files)"
[ -s "$TMPD/edges" ] ; ok $? "and who calls whom ($(wc -l <"$TMPD/edges") pairs)"

# tsort wants "before after" pairs; it says "loop" for each circle
tsort "$TMPD/edges" >/dev/null 2>"$TMPD/loops"
[ ! -s "$TMPD/loops" ] ; ok $? "no circle between the program's files"
[ -s "$TMPD/loops" ] && sed 's/^/# /' "$TMPD/loops"

# (main starts the browser; the test hooks have no screen)
grep -E '^(src|cli)/[^ ]+ ui/' "$TMPD/edges" | grep -v -e ' ui/test_hooks$' -e '^cli/main ui/browser$' >"$TMPD/up"
[ ! -s "$TMPD/up" ] ; ok $? "the core and the commands call nothing else of the browser"
[ -s "$TMPD/up" ] && sed 's/^/# /' "$TMPD/up"

grep -E '^src/[^ ]+ (ui|cli)/' "$TMPD/edges" >"$TMPD/core"
[ ! -s "$TMPD/core" ] ; ok $? "the core calls nothing outside it"
[ -s "$TMPD/core" ] && sed 's/^/# /' "$TMPD/core"

# and the circle check itself sees a circle
printf 'ui/a ui/b\nui/b ui/a\n' | tsort >/dev/null 2>"$TMPD/loops"
[ -s "$TMPD/loops" ] ; ok $? "(tsort reports a circle it is given)"

# the sources say the same: no curses in the core or the commands
inc=$(grep -l -E '#include *[<"](n?curses|ncursesw/|app\.h|view\.h)' "$top_srcdir"/src/*.[ch] "$top_srcdir"/cli/*.[ch] 2>/dev/null)
[ -z "$inc" ] ; ok $? "the core and the commands include no curses header"
[ -n "$inc" ] && echo "# $inc"

echo "1..$tap_n"
exit $((tap_failed != 0))
