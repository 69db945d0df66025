# lib.sh - TAP helpers for parley's shell tests (sourced).
# Environment from the Makefile: top_srcdir, top_builddir, PARLEY, PARLEY_TESTDATA.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${PARLEY:=$top_builddir/parley}"
: "${PARLEY_TESTDATA:=$top_srcdir/../shared/testdata}"
# canonical paths: an out-of-tree build gives ".../_build/.." forms
top_srcdir=$(cd "$top_srcdir" && pwd)
export LC_ALL=C.UTF-8 TZ=UTC

tap_n=0
tap_failed=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/parley-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

ok() { # ok COND-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		printf 'ok %s - %s\n' "$tap_n" "$2"
	else
		tap_failed=$((tap_failed + 1))
		printf 'not ok %s - %s\n' "$tap_n" "$2"
	fi
}

# The seven samples the tests were written against (samples/ holds more,
# for the compare and timeline views): tests that count what the samples
# hold work on a copy of these, so a new sample changes no test.
TEST_SAMPLES="calls-2021.jsonl en-2021-07-14-sco-cfm-dushanbe.json en-2021-08-20-wang-yi-tileuberdi-call.json
fr-2021-07-15-wang-yi-lavrov-tashkent.json ru-2021-07-15-lavrov-wang-yi-tashkent.json
zh-2021-06-28-xi-jinping-putin-video-call.json"
test_samples() { # test_samples DIR: the seven samples copied into DIR
	mkdir -p "$1"
	for f in $TEST_SAMPLES; do cp "$top_srcdir/samples/$f" "$1/"; done
}

# Is parley built with AddressSanitizer?  Its memory is not parley's (a
# shadow, no limit on the address space can be set under it): checks of
# peak memory and of running out of memory are skipped.
sanitized() {
	ldd "$PARLEY" 2>/dev/null | grep -q 'libasan\|libtsan' || nm "$PARLEY" 2>/dev/null | grep -q '__asan_init'
}

skip() { # skip REASON: a test that cannot run here, counted as passed
	tap_n=$((tap_n + 1))
	printf 'ok %s # SKIP %s\n' "$tap_n" "$1"
}

check() { # check DESCRIPTION COMMAND...: ok when the command succeeds
	local d=$1
	shift
	"$@" >/dev/null 2>&1
	ok $? "$d"
}

# testdata_missing WHAT PATH: the reason a test skips for want of the test
# data: what and where, and how to provide it.
testdata_missing() {
	printf '%s is missing: no %s (set PARLEY_TESTDATA=DIR, DIR holding JSONTestSuite/test_parsing/ and naughty-strings/blns.json; by default ../shared/testdata beside the source tree)' "$1" "$2"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# run CMD...: runs the command, leaving stdout in $out, stderr in $err, status in $rc
run() {
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	out=$(cat "$TMPD/out")
	err=$(cat "$TMPD/err")
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

is() { # is ACTUAL EXPECTED DESCRIPTION: ok when they are equal, else both shown
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"
	fi
}
