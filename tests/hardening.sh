#!/bin/sh
# hardening.sh - the built parley has the hardening configure enabled
# ($PARLEY_HARDENING, from the Makefile: fortify, stack-protector, pie,
# relro; --disable-hardening leaves it empty), as readelf sees it: fortified
# calls (__*_chk), the stack protector's __stack_chk_fail, a position-
# independent executable, a read-only relocation segment bound at start.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

command -v readelf >/dev/null 2>&1 || skip_all "readelf is not installed"
[ -f "$PARLEY" ] || skip_all "parley is not built"
readelf -h "$PARLEY" >/dev/null 2>&1 || skip_all "parley is not an ELF file"
H=" ${PARLEY_HARDENING-unknown} "
[ "$H" = " unknown " ] && skip_all "PARLEY_HARDENING is not set (run through make check)"
[ "$H" = "  " ] && diag "configure enabled no hardening (--disable-hardening, or the compiler takes none)"

readelf -W --dyn-syms "$PARLEY" >"$TMPD/syms" 2>&1
readelf -W -h "$PARLEY" >"$TMPD/head" 2>&1
readelf -W -l "$PARLEY" >"$TMPD/segs" 2>&1
readelf -W -d "$PARLEY" >"$TMPD/dyn" 2>&1

# feature NAME DESCRIPTION COMMAND...: checked when configure enabled NAME
feature() {
	local name=$1 desc=$2
	shift 2
	case $H in
	*" $name "*) check "$desc" "$@" ;;
	*) skip "$desc: not enabled by configure" ;;
	esac
}

feature fortify "_FORTIFY_SOURCE: fortified calls (__snprintf_chk and the like)" \
	grep -qE ' __[a-z_]+_chk(@|$| )' "$TMPD/syms"
feature stack-protector "-fstack-protector-strong: __stack_chk_fail is called" \
	grep -q ' __stack_chk_fail' "$TMPD/syms"
feature pie "PIE: a position-independent executable (type DYN)" \
	grep -qE 'Type: +DYN' "$TMPD/head"
feature relro "RELRO: a GNU_RELRO segment" \
	grep -q 'GNU_RELRO' "$TMPD/segs"
feature relro "full RELRO: bound at start (BIND_NOW)" \
	grep -qE '\(BIND_NOW\)|\(FLAGS\).*NOW|\(FLAGS_1\).*NOW' "$TMPD/dyn"
done_testing
