#!/bin/sh
# run.sh - draft every readout of the development set and the samples with
# `parley extract`, then score the drafts against the hand-annotated gold
# (score.c).  Prints the score table; with arguments, passes them to the
# scorer (the targets: --min-f1 0.90 ...).  Used by extract.sh (make check)
# and by hand:  sh tests/extract/run.sh [-v]
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${PARLEY:=$top_builddir/parley}"
SCORE=${SCORE:-$top_builddir/tests/extract/score}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/parley-extract.XXXXXX")}
mkdir -p "$OUT"
set --  "$@"
pairs=
for g in "$top_srcdir"/tests/extract/dev/*.json; do
	name=$(basename "$g" .json)
	"$PARLEY" extract -q -f -o "$OUT/$name.json" "$top_srcdir/tests/extract/dev/$name.txt" || exit 2
	pairs="$pairs $g $OUT/$name.json"
done
# the samples: their texts, drafted as plain readouts (SETS=dev: not them;
# SETS=samples: only them)
case ${SETS:-all} in samples) pairs= ;; esac
for g in "$top_srcdir"/samples/*.json "$top_srcdir"/samples/*.jsonl; do
	[ "${SETS:-all}" = dev ] && break
	n=0
	while IFS= read -r line || [ -n "$line" ]; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		name=sample-$(basename "$g" | sed 's/\.jsonl*$//')-$n
		if [ "${g%.jsonl}" = "$g" ]; then cp "$g" "$OUT/$name.gold.json"; else printf '%s\n' "$line" >"$OUT/$name.gold.json"; fi
		# an account not annotated yet is no gold
		if [ "$(jq '.positions // [] | length' "$OUT/$name.gold.json")" = 0 ]; then
			[ "${g%.jsonl}" = "$g" ] && break
			continue
		fi
		jq -r .text "$OUT/$name.gold.json" >"$OUT/$name.txt"
		"$PARLEY" extract -q -f -o "$OUT/$name.json" "$OUT/$name.txt" || exit 2
		pairs="$pairs $OUT/$name.gold.json $OUT/$name.json"
		[ "${g%.jsonl}" = "$g" ] && break
	done <"$g"
done
# shellcheck disable=SC2086
"$SCORE" "$@" $pairs
