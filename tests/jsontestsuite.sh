#!/bin/sh
# jsontestsuite.sh - Nicolas Seriot's JSONTestSuite through `parley validate`:
# every n_ file is rejected with PATH:LINE:COLUMN, every y_ file parses as
# JSON and is then refused as a readout with a clear message, i_ files go
# either way; nothing crashes (exit status above 2 or a signal).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

D="$PARLEY_TESTDATA/JSONTestSuite/test_parsing"
[ -d "$D" ] || skip_all "$(testdata_missing "Nicolas Seriot's JSONTestSuite" "directory $D")"

for f in "$D"/*.json; do
	b=$(basename "$f")
	run "$PARLEY" validate -q "$f"
	if [ "$rc" -gt 2 ]; then
		ok 1 "$b: crashed or failed (status $rc)"
		continue
	fi
	line=$(printf '%s\n' "$err" | head -1)
	case "$b" in
	n_*)
		# exit 1 and the first message is PATH:LINE:COLUMN: invalid ...
		s=1
		case "$line" in
		"$f":*) printf '%s' "${line#"$f":}" | grep -Eq "^[0-9]+:[0-9]+: (invalid JSON|invalid UTF-8|byte-order mark)" && s=0 ;;
		esac
		[ "$rc" -eq 1 ] || s=1
		ok $s "$b rejected: $line"
		;;
	y_*)
		# valid JSON: never a syntax message; refused as a readout, exit 1
		s=0
		printf '%s' "$err" | grep -Eq ": (invalid JSON|invalid UTF-8):? " && s=1
		[ "$rc" -eq 1 ] || s=1
		printf "%s" "$err" | grep -Eq "(not a readout|NUL\\) in a string is not supported|: readout .*: [a-z]+[^:]*: )" || s=1
		ok $s "$b parses, then refused as a readout: $line"
		;;
	i_*)
		ok 0 "$b handled (status $rc): $line"
		;;
	esac
done
done_testing
