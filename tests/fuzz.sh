#!/bin/sh
# fuzz.sh - smoke runs of the fuzz targets (tests/fuzz) through driver.c:
# the development set and the pages as seeds, a few hundred mutations of
# each, for crashes, leaks and invalid drafts (run under ASan in CI's
# sanitizer build, plain here).  A long run uses libFuzzer (build.sh).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

X=$top_builddir/tests/fuzz/fuzz_extract_smoke
H=$top_builddir/tests/fuzz/fuzz_html_smoke
[ -x "$X" ] && [ -x "$H" ] || skip_all "the fuzz drivers are not built"
PARLEY_LEXICON=$top_srcdir/lexicon "$X" -n 200 "$top_srcdir"/tests/extract/dev/*.txt >"$TMPD/x" 2>&1
ok $? "the extractor: the development set and mutations of it ($(cat "$TMPD/x" | tail -1))"
[ $? -eq 0 ] || sed 's/^/# /' "$TMPD/x" | tail -20
"$H" -n 300 "$top_srcdir"/tests/extract/pages/*.html >"$TMPD/h" 2>&1
ok $? "the page reader: the pages and mutations of them ($(tail -1 "$TMPD/h"))"
echo "1..$tap_n"
exit $((tap_failed != 0))
