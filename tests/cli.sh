#!/bin/sh
# cli.sh - the command-line surface: --help, --version, usage errors, exit codes.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

run "$PARLEY" --help
ok $((rc != 0)) "--help exits 0"
echo "$out" | grep -q '^Usage: parley' ; ok $? "--help prints a usage line"
echo "$out" | grep -q 'validate' ; ok $? "--help lists the validate command"
for o in --theme --no-color --read-only --compare --max-file-size --version; do
	echo "$out" | grep -q -- "^  .*$o" ; ok $? "--help lists the browser's option $o"
done
# the browser's own --help (reached after another option) lists the same options
opts_main=$(echo "$out" | sed -n '/^Options/,/^$/p' | grep -- '^  ')
run "$PARLEY" --no-color --help
opts_browse=$(echo "$out" | grep -- '^  ')
[ -n "$opts_main" ] && [ "$opts_main" = "$opts_browse" ] ; ok $? "parley --help and the browser's --help list the same options"

run "$PARLEY" --version
ok $((rc != 0)) "--version exits 0"
echo "$out" | head -1 | grep -Eq '^parley [0-9]+\.[0-9]+\.[0-9]+$' ; ok $? "--version prints 'parley X.Y.Z'"
# after another option too, as the help lists it (the browser refused it
# there), and a misspelling of it is named
run "$PARLEY" --no-color --version
[ $rc = 0 ] && echo "$out" | head -1 | grep -Eq '^parley [0-9]+\.[0-9]+\.[0-9]+$' ; ok $? "--version after another option ($rc: $err)"
run "$PARLEY" --vers
[ $rc = 2 ] && echo "$err" | grep -q "did you mean '--version'" ; ok $? "--vers: did you mean --version ($rc: $err)"

run "$PARLEY" --no-such-option
ok $((rc != 2)) "an unknown option exits 2"
echo "$err" | grep -q "unrecognized option '--no-such-option'" ; ok $? "and says which"
echo "$err" | grep -q "Try 'parley --help'" ; ok $? "and points to --help"
[ -z "$out" ] ; ok $? "and prints nothing on stdout"

run "$PARLEY" validate --bogus x
ok $((rc != 2)) "an unknown validate option exits 2"
echo "$err" | grep -q "Try 'parley validate --help'" ; ok $? "and points to validate --help"

run "$PARLEY" validate
ok $((rc != 2)) "validate without a path exits 2"

# The commands word their option errors alike (one function says them).
for cmd in query stats validate; do
	run "$PARLEY" $cmd -Z x
	ok $((rc != 2)) "$cmd -Z exits 2"
	echo "$err" | grep -q "invalid option -- 'Z'" ; ok $? "$cmd names the unknown short option"
	echo "$err" | grep -q "Try 'parley $cmd --help'" ; ok $? "$cmd points to its --help"
	run "$PARLEY" $cmd --zzz x
	echo "$err" | grep -q "unrecognized option '--zzz'" ; ok $? "$cmd names the unknown long option"
done
for cmd in query stats; do
	run "$PARLEY" $cmd x -s
	ok $((rc != 2)) "$cmd -s without its argument exits 2"
	echo "$err" | grep -q "option requires an argument -- 's'" ; ok $? "$cmd says -s needs an argument"
	run "$PARLEY" $cmd x --speaker
	echo "$err" | grep -q "option '--speaker' requires an argument" ; ok $? "$cmd says --speaker needs an argument"
done

run "$PARLEY" validate --help
ok $((rc != 0)) "validate --help exits 0"
echo "$out" | grep -q 'PATH:LINE:COLUMN' ; ok $? "validate --help shows the message formats"

run "$PARLEY" validate "$TMPD/does-not-exist.json"
ok $((rc != 2)) "validate of a missing path exits 2"
echo "$err" | grep -q "does-not-exist.json: No such file or directory" ; ok $? "and names it"

# valid, invalid, and a mix
cat >"$TMPD/good.json" <<'J'
{"format": "parley/1", "id": "good", "text": "Le ministre a parlé.",
 "speakers": [{"id": "m", "label": "Le ministre"}],
 "positions": [{"id": "p1", "speaker": "m", "start": 0, "end": 20}]}
J
cat >"$TMPD/bad.json" <<'J'
{"format": "parley/1", "id": "bad", "text": "Le ministre a parlé.",
 "speakers": [{"id": "m", "label": "Le ministre"}],
 "positions": [{"id": "p1", "speaker": "x", "start": 0, "end": 21}]}
J
printf '{"format": "parley/1",\n "id": }\n' >"$TMPD/syntax.json"

run "$PARLEY" validate "$TMPD/good.json"
ok $rc "a valid readout exits 0"
echo "$out" | grep -q '1 readout in 1 file: all valid' ; ok $? "and says so"
run "$PARLEY" validate -q "$TMPD/good.json"
ok $((rc != 0)) "-q exits 0"
[ -z "$out$err" ] ; ok $? "-q prints nothing when all is valid"

run "$PARLEY" validate "$TMPD/bad.json"
ok $((rc != 1)) "an invalid readout exits 1"
echo "$err" | grep -qF "$TMPD/bad.json: readout bad: positions[0].speaker: \"x\" names no speaker of this readout" ; ok $? "speaker message"
echo "$err" | grep -qF "$TMPD/bad.json: readout bad: positions[0].end: 21 is past the end of text (20 code points)" ; ok $? "offset message counts code points"

run "$PARLEY" validate "$TMPD/syntax.json"
ok $((rc != 1)) "a syntax error exits 1"
echo "$err" | grep -qF "$TMPD/syntax.json:2:8: invalid JSON: expected a value, found '}'" ; ok $? "with line and column"

run "$PARLEY" validate "$TMPD/good.json" "$TMPD/bad.json" "$TMPD/nope.json"
ok $((rc != 2)) "an I/O error wins over invalid readouts (exit 2)"
echo "$out" | grep -q '2 readouts in 2 files: 1 valid, 1 invalid' ; ok $? "summary counts"

# values a readout can do without are warnings: it loads, and validate
# exits 0 unless --strict
cat >"$TMPD/warn.json" <<'J'
{"format": "parley/1", "id": "uk-call", "lang": "english", "kind": "summit", "issuer": "UK",
 "text": "The Foreign Secretary spoke.",
 "speakers": [{"id": "fs", "label": "The Foreign Secretary", "country": "UK"}],
 "agreements": [{"id": "pact", "label": "The pact", "kind": "pact"}],
 "positions": [{"id": "p1", "speaker": "fs", "start": 0, "end": 28, "stance": "ambivalent"}]}
J
run "$PARLEY" validate "$TMPD/warn.json"
ok $rc "warnings only: validate exits 0"
echo "$out" | grep -q '1 readout in 1 file: all valid, 6 warnings' ; ok $? "and counts them: $out"
echo "$err" | grep -qF "$TMPD/warn.json: readout uk-call: speakers[0].country: warning: \"UK\" is not an assigned ISO 3166-1 alpha-2 country code (\"GB\"?)" ; ok $? "the country, in the spec's form, with the code meant"
echo "$err" | grep -qF "readout uk-call: issuer: warning: \"UK\"" ; ok $? "the issuer"
echo "$err" | grep -qF "readout uk-call: lang: warning: \"english\" is not an assigned language code" ; ok $? "a language tag with no such language"
echo "$err" | grep -qF "readout uk-call: kind: warning: \"summit\"" ; ok $? "an unknown kind"
echo "$err" | grep -qF "readout uk-call: agreements[0].kind: warning: \"pact\"" ; ok $? "an unknown agreement kind"
echo "$err" | grep -qF "readout uk-call: positions[0].stance: warning: \"ambivalent\"" ; ok $? "an unknown stance"
run "$PARLEY" validate --strict "$TMPD/warn.json"
ok $((rc != 1)) "--strict fails on warnings (exit 1)"
# (it said "all valid, 1 warning" and exited 1)
[ "$out" = "1 readout in 1 file: none invalid, 6 warnings, failed by --strict" ] ; ok $? "--strict: the summary says the warnings failed it ($out)"
run "$PARLEY" validate "$TMPD/warn.json"
[ $rc = 0 ] && [ "$out" = "1 readout in 1 file: all valid, 6 warnings" ] ; ok $? "without --strict: all valid ($rc: $out)"
run "$PARLEY" validate --strict "$TMPD/good.json"
ok $rc "--strict passes a readout without warnings"
run "$PARLEY" query -c --no-cache "$TMPD/warn.json"
[ "$out" = 1 ] ; ok $? "query uses the readout and its position"
echo "$err" | grep -q "1 readout" ; ok $((! $?)) "query does not list the warnings"
echo "$err" | grep -q "6 warnings about values the readouts can do without (parley validate lists them)" ; ok $? "it counts them in one line: $err"
run "$PARLEY" stats --no-cache "$TMPD/warn.json"
echo "$out" | grep -q "readouts   1 in 1 file, 6 warnings" ; ok $? "stats counts the readout and its warnings: $out"
export XDG_CACHE_HOME="$TMPD/cache"
"$PARLEY" query -c "$TMPD/warn.json" >/dev/null 2>&1
run "$PARLEY" query -c "$TMPD/warn.json"
[ "$out" = 1 ] && echo "$err" | grep -q "6 warnings" ; ok $? "the warnings come back from the index cache"
run "$PARLEY" validate "$TMPD/warn.json" "$TMPD/bad.json"
ok $((rc != 1)) "an error still fails, beside warnings"
echo "$out" | grep -q '2 readouts in 2 files: 1 valid, 1 invalid, 6 warnings' ; ok $? "summary with both: $out"

# the listing (standard output not a terminal): its exit status is the
# commands' (2: a path could not be read)
run "$PARLEY" "$TMPD/good.json" "$TMPD/does-not-exist.json"
is "$rc" 2 "the listing with a missing path exits 2"
is "$err" "parley: $TMPD/does-not-exist.json: No such file or directory" "  and names it as the commands do"
run "$PARLEY" "$TMPD/good.json"
is "$rc" 0 "the listing of a valid readout exits 0"
# --max-file-size bounds the readouts, not parley's own themes (light: 1.2 KB)
run env TERM=dumb PARLEY_DATADIR="$top_srcdir" "$PARLEY" --max-file-size 1K --theme light "$TMPD/good.json"
is "$rc:$err" "0:" "--max-file-size 1K: the light theme still loads, the readout is listed"

# an uninstalled build finds its data beside it or one directory up (no
# path of the building machine is compiled in)
case "$(cd "$top_builddir" && pwd)" in
"$(cd "$top_srcdir" && pwd)" | "$(cd "$top_srcdir" && pwd)"/*)
	up=$(cd "$top_builddir/.." && pwd)
	if [ "$(cd "$top_builddir" && pwd)" = "$(cd "$top_srcdir" && pwd)" ] || [ "$up" = "$(cd "$top_srcdir" && pwd)" ]; then
		out=$(env -u PARLEY_DATADIR "$PARLEY" </dev/null 2>&1 | cat)
		echo "$out" | grep -q "zh-2021-06-28-xi-putin" ; ok $? "with no path and no PARLEY_DATADIR, the build finds the samples"
		out=$(env PARLEY_DATADIR="$TMPD/nowhere" TERM=dumb "$PARLEY" --theme light </dev/null 2>&1 | cat)
		echo "$out" | grep -q "no theme named" ; ok $((! $?)) "and the light theme (a file) is found too"
	else
		skip "the build is two directories below the source (distcheck)"
	fi
	;;
*) skip "the build is outside the source tree" ;;
esac
! strings "$PARLEY" 2>/dev/null | grep -q "^$(cd "$top_srcdir" && pwd)/themes$" ; ok $? "no source path is compiled in as a data directory"

# a terminal escape in a value must not reach stderr raw
printf '{"format":"parley/1","id":"e","text":"x","title":1,"kind":"\\u001b[2J\\u009b31m"}' >"$TMPD/esc.json"
run "$PARLEY" validate "$TMPD/esc.json"
printf '%s' "$err" | grep -q "$(printf '\033')" ; ok $((! $?)) "no raw ESC in messages"
printf '%s' "$err" | grep -q "$(printf '\302\233')" ; ok $((! $?)) "no raw C1 CSI in messages"
echo "$err" | grep -qF '"^[[2J<U+009B>31m" is not a readout kind' ; ok $? "escapes shown visibly"

# a mistyped command is said to be one, with the command meant (it opened
# the browser on a path that is not there); a word far from every command,
# or a path that is there, is a path as before
for typo in querry:query qeury:query stat:stats valdate:validate extrat:extract quer:query \
	q:query qu:query st:stats v:validate QUERY:query Stats:stats li:link; do
	run "$PARLEY" "${typo%%:*}" "$top_srcdir/samples"
	[ $rc = 2 ] && [ -z "$out" ] && printf '%s\n' "$err" | grep -q "^parley: '${typo%%:*}' is no command and no file; did you mean '${typo#*:}'?$"
	ok $? "parley ${typo%%:*}: did you mean ${typo#*:} ($rc: $err)"
done
run "$PARLEY" no-such-corpus
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "no-such-corpus: No such file or directory" ; ok $? "a word far from every command is a path ($err)"
run "$PARLEY" qry
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "qry: No such file or directory" ; ok $? "a word of 3 letters two from a command is a path ($err)"
mkdir -p "$TMPD/typo" && cp "$top_srcdir/samples/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$TMPD/typo/stat"
run sh -c "cd '$TMPD/typo' && '$PARLEY' stat </dev/null"
[ $rc = 0 ] && printf '%s\n' "$out" | grep -q "fr-2021-07-15-wang-lavrov" ; ok $? "a file named like a typo is read ($rc: $err)"

# a long option is spelled whole: an abbreviation was taken silently (query
# --top 3 was --topic 3, "no topic named '3'"), and is refused naming it
for c in "query --top 3:--top:--topic" "query --spea lavrov:--spea:--speaker" \
	"query --text=la --tex=x:--tex:--text" "validate --stric:--stric:--strict" \
	"compare --even x:--even:--event" "link --eve x:--eve:--event" "extract --for:--for:--force" \
	"--them x:--them:--theme" "query --speker x:--speker:--speaker"; do
	set -- ${c%%:*}
	rest=${c#*:}
	run "$PARLEY" "$@" "$top_srcdir/samples"
	[ $rc = 2 ] && [ -z "$out" ] && printf '%s\n' "$err" | grep -q "^parley: unrecognized option '${rest%%:*}'; did you mean '${rest#*:}'?"
	ok $? "${c%%:*}: refused, naming ${rest#*:} ($rc: $err)"
done
# an option that takes no argument given one: said so (it offered the
# option itself as the one meant)
for c in "query --count=3" "validate --quiet=1" "stats --no-cache=yes"; do
	set -- $c
	run "$PARLEY" "$@" "$top_srcdir/samples"
	o=${2%%=*}
	[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: option '$o' takes no argument$" ; ok $? "$c: takes no argument ($err)"
done
# the start of several options: said so, with them (it offered the first)
run "$PARLEY" query --s x "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: option '--s' is the start of several: --speaker, .*--stance, .*--since" ; ok $? "--s: ambiguous, the options named ($err)"
run "$PARLEY" stats --to 2 "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: option '--to' is the start of several: --topic, --top$" ; ok $? "stats --to: --topic or --top ($err)"
run "$PARLEY" query --bogus "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: unrecognized option '--bogus'$"; ok $? "an option near none is named alone ($err)"
run "$PARLEY" query --speaker=lavrov --count "$top_srcdir/samples"
[ $rc = 0 ] && [ "$out" -gt 0 ]; ok $? "options spelled whole still work, with = too ($rc: $out $err)"
run "$PARLEY" validate --max-file-size
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: option '--max-file-size' requires an argument$"; ok $? "validate: a missing argument is said so ($err)"
# a size of 0 is refused (it was taken as none: no limit at all)
for z in 0 0K 000M; do
	run "$PARLEY" validate --max-file-size "$z" "$top_srcdir/samples"
	[ $rc = 2 ] && [ -z "$out" ] && printf '%s\n' "$err" | grep -q "^parley: --max-file-size: '$z' would let no file be read (a size of 1 byte at least; none for no limit)$"
	ok $? "--max-file-size $z: refused, saying why ($rc: $err)"
done
run env PARLEY_MAX_FILE_SIZE=0 "$PARLEY" validate "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "PARLEY_MAX_FILE_SIZE: '0' would let no file be read" ; ok $? "and from the environment ($rc: $err)"

# output that could not be written is an error, whatever printed it
printf 'Foreign Minister Sergey Lavrov met Foreign Minister Wang Yi in Moscow on 1 April 2024.\n' >"$TMPD/wr.txt"
if [ -w /dev/full ]; then
	# (extract's output is written past stdio's buffer: it said "Input/output error")
	for c in "validate $top_srcdir/samples" "--help" "--version" "query --help" "validate --help" "$top_srcdir/samples" \
		"extract $TMPD/wr.txt"; do
		run sh -c "'$PARLEY' $c >/dev/full </dev/null"
		[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: \(.*: \)\?write error: No space left on device$" &&
			[ "$(printf '%s\n' "$err" | grep -c 'write error')" = 1 ]
		ok $? "parley $c >/dev/full: a write error said once, exit 2 ($rc: $err)"
	done
else
	for _ in 1 2 3 4 5 6 7; do skip "no /dev/full"; done
fi

# every --help fits a terminal of 80 columns (counted in characters)
for cmd in "" validate query stats compare link extract; do
	run env LC_ALL=C.UTF-8 "$PARLEY" $cmd --help
	wide=$(printf '%s\n' "$out" | awk 'length > 79' | head -n 1)
	[ $rc = 0 ] && [ -z "$wide" ] ; ok $? "parley${cmd:+ $cmd} --help: no line past 79 columns (${wide:-none})"
done

# filters that can match nothing whatever the corpus are usage errors
for o in "--speaker=" "--topic= " "--agreement=	"; do
	run "$PARLEY" query -c "$(printf '%b' "$o")" "$top_srcdir/samples"
	[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "needs a name or an id" && [ -z "$out" ]
	ok $? "query $o: a usage error ($rc: $err)"
done
run "$PARLEY" query -c --since 2022 --until 2020-06 "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: --since 2022 is after --until 2020-06: no date is both$"
ok $? "--since after --until: a usage error naming both bounds ($rc: $err)"
run "$PARLEY" stats --until 2021-07 --since 2021-07-31 "$top_srcdir/samples"
[ $rc = 0 ] ; ok $? "a month and a day within it are not ($rc: $err)"
run "$PARLEY" query -c --since 2022 --until 2020 --until 2023 "$top_srcdir/samples"
[ $rc = 0 ] || [ $rc = 1 ] ; ok $? "a later --until replaces the earlier: the bounds as the options leave them ($rc: $err)"
for cmd in query stats; do
	run "$PARLEY" $cmd --since 2022 --until 2020 "$top_srcdir/samples"
	[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: --since 2022 is after --until 2020: no date is both$" && [ -z "$out" ]
	ok $? "$cmd: --since after --until, a usage error ($rc: $err)"
done
run "$PARLEY" query --count --timeline "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "count or --timeline, not both" && [ -z "$out" ]
ok $? "--count with --timeline: a usage error, not --count ignored ($rc: $err)"
run "$PARLEY" query --period month -c "$top_srcdir/samples"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "count or --period, not both" && [ -z "$out" ]
ok $? "--period with --count: the error names --period, the option typed ($rc: $err)"

done_testing
