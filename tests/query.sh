#!/bin/sh
# query.sh - `parley query` and `parley stats` against the samples: filters,
# name resolution, formats, exit codes, and the same answers with the index
# cache, without it, and without the readouts left out while loading.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

S="$TMPD/samples"
test_samples "$S"
export XDG_CACHE_HOME="$TMPD/cache"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= # labels in English (the corpus's rule), whatever the caller's locale
Q() { "$PARLEY" query --no-cache "$@"; }

count() { # count FILTERS...: prints the --count of a query of the samples
	Q -c "$@" "$S" 2>/dev/null
}

# what jq counts in the samples, for comparison
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
jqcount() { # jqcount FILTER: positions selected by a jq expression over .positions[]
	cat "$S"/*.json "$S"/*.jsonl | jq -n "[inputs | . as \$r | (.positions // [])[] | select($1)] | length"
}

# --- filters ---------------------------------------------------------------
run Q -c "$S"
ok $rc "no filter matches (exit 0)"
all=$out
# each sample file counted alone: every one has positions, and the
# corpus's count is their sum
sum=0 none=0
for f in "$S"/*.json "$S"/*.jsonl; do
	c=$(Q -c "$f" 2>/dev/null)
	[ "${c:-0}" -gt 0 ] || none=$((none + 1))
	sum=$((sum + ${c:-0}))
done
[ "$none" = 0 ] && [ "$all" = "$sum" ] ; ok $? "every position counts ($all, the sum of each file's; $none files without)"
if [ $have_jq = 1 ]; then
	[ "$all" = "$(jqcount true)" ] ; ok $? "as many as jq finds"
	[ "$(count --review rejected)" = "$(jqcount '.review == "rejected"')" ] ; ok $? "--review rejected"
	[ "$(count --review pending)" = "$(jqcount '(.review // "pending") == "pending"')" ] ; ok $? "--review pending counts positions without a review"
	[ "$(count --stance oppose --stance concern)" = "$(jqcount '.stance == "oppose" or .stance == "concern"')" ] ; ok $? "a repeated --stance is OR"
	[ "$(count --topic covid-19)" = "$(jqcount '(.topics // []) | index("covid-19") != null')" ] ; ok $? "--topic by id"
	[ "$(count --agreement un-charter)" = "$(jqcount '(.agreements // []) | index("un-charter") != null')" ] ; ok $? "--agreement by id"
	# a speaker: its own positions and those of the groups it belongs to
	want=$(cat "$S"/*.json "$S"/*.jsonl | jq -n '[inputs | ([(.speakers // [])[] | select(.id == "sergey-lavrov" or ((.members // []) | index("sergey-lavrov") != null)) | .id]) as $ok | (.positions // [])[] | select(.speaker as $s | $ok | index($s) != null)] | length')
	[ "$(count --speaker lavrov)" = "$want" ] ; ok $? "--speaker counts the groups it is a member of ($want)"
	want=$(cat "$S"/*.json "$S"/*.jsonl | jq -n '[inputs | select(.lang | startswith("zh")) | (.positions // [])[]] | length')
	[ "$(count --lang zh)" = "$want" ] ; ok $? "--lang zh ($want)"
fi
[ "$(count --topic covid-19 --review accepted)" -lt "$(count --topic covid-19)" ] ; ok $? "filters combine with AND"
[ "$(count --review accepted --review rejected)" -eq $(( $(count --review accepted) + $(count --review rejected) )) ] ; ok $? "a repeated --review is OR"

# names and aliases, any case and accents, in any readout's language
n=$(count --speaker lavrov)
[ "$(count --speaker 'Sergueï Lavrov')" = "$n" ] ; ok $? "a speaker by its French label"
[ "$(count --speaker 'SERGUEI LAVROV')" = "$n" ] ; ok $? "case and accents ignored"
[ "$(count --speaker 'M. Lavrov')" = "$n" ] ; ok $? "a speaker by an alias"
[ "$(count --speaker 'Сергей Лавров')" = "$n" ] ; ok $? "a speaker by its Russian label"
[ "$(count --speaker 'С.В.Лаврова')" = "$n" ] ; ok $? "a speaker by a Russian alias"
[ "$(count --speaker '普京')" = "$(count --speaker putin)" ] && [ "$(count --speaker putin)" -gt 0 ] ; ok $? "a speaker by its Chinese label"
[ "$(count --topic 'covid-19' )" = "$(count --topic 'COVID-19')" ] ; ok $? "a topic by its label"
# a name that first appears after readouts that use another name for the same id
[ "$(count --speaker 'Wang Yi' --topic afghanistan)" = "$(count --speaker wang-yi --topic afghanistan)" ] ; ok $? "a name resolves across readouts"
[ "$(PARLEY_QUERY_NO_PREFILTER=1 count --speaker 'Wang Yi' --topic afghanistan)" = "$(count --speaker 'Wang Yi' --topic afghanistan)" ] ; ok $? "leaving readouts out while loading changes nothing"

run Q --speaker 'Nobody Atall' "$S"
ok $((rc != 2)) "an unknown name exits 2"
echo "$err" | grep -q "no speaker in the corpus is named 'Nobody Atall'" ; ok $? "and says so"
printf '{"format":"parley/1","id":"amb","text":"x y","speakers":[{"id":"a1","label":"Li"},{"id":"a2","label":"LI"}],"positions":[{"id":"p","speaker":"a1","start":0,"end":1}]}\n' >"$TMPD/amb.json"
run Q --speaker li "$TMPD/amb.json"
ok $((rc != 2)) "an ambiguous name exits 2"
echo "$err" | grep -q "'li' names 2 speakers: Li (a1), LI (a2)" ; ok $? "and lists the candidates: $err"
# each candidate under the label the output uses (the corpus's, in the
# user's language), not the first readout's own
cat >"$TMPD/amb2.jsonl" <<'EOF2'
{"format":"parley/1","id":"ru1","lang":"ru","text":"Ван И заявил.","speakers":[{"id":"wang-yi","label":"Ван И"}],"positions":[{"id":"p1","speaker":"wang-yi","start":0,"end":13}]}
{"format":"parley/1","id":"en1","lang":"en","text":"Wang Yi said. Wang Wenbin said.","speakers":[{"id":"wang-yi","label":"Wang Yi"},{"id":"wang-wenbin","label":"Wang Wenbin"}],"positions":[{"id":"p1","speaker":"wang-yi","start":0,"end":13},{"id":"p2","speaker":"wang-wenbin","start":14,"end":31}]}
EOF2
run env LANGUAGE=en "$PARLEY" query --no-cache -s wang "$TMPD/amb2.jsonl"
[ "$rc" = 2 ] && echo "$err" | grep -q "Wang Yi (wang-yi)" && ! echo "$err" | grep -q "Ван И"
ok $? "an ambiguous name's candidates under the corpus's labels: $err"

# a unique word of a name; a person before a group whose name holds it;
# what an unknown name may have meant
W="$TMPD/words"
mkdir -p "$W"
cat >"$W/a.json" <<'EOF2'
{"format":"parley/1","id":"us-ru","lang":"en","text":"Secretary Blinken and Foreign Minister Lavrov met. Blinken said yes. Lavrov said no. They agreed.",
 "speakers":[{"id":"antony-blinken","label":"Secretary Antony Blinken","aliases":["Blinken"]},
  {"id":"sergey-lavrov","label":"Foreign Minister Sergey Lavrov"},
  {"id":"group:antony-blinken:sergey-lavrov","label":"Secretary Blinken and Foreign Minister Lavrov","members":["antony-blinken","sergey-lavrov"]}],
 "positions":[{"id":"p1","speaker":"antony-blinken","start":51,"end":68},{"id":"p2","speaker":"sergey-lavrov","start":69,"end":84},
  {"id":"p3","speaker":"group:antony-blinken:sergey-lavrov","start":85,"end":97}]}
EOF2
cat >"$W/b.jsonl" <<'EOF2'
{"format":"parley/1","id":"kerry","lang":"zh-Hant","text":"克裏說。王毅說。","speakers":[{"id":"john-kerry","label":"克裏"},{"id":"wang-yi","label":"國務委員兼外長王毅"}],"positions":[{"id":"p1","speaker":"john-kerry","start":0,"end":4},{"id":"p2","speaker":"wang-yi","start":4,"end":8}]}
{"format":"parley/1","id":"kerry-en","lang":"en","text":"Kerry spoke.","speakers":[{"id":"john-kerry","label":"John Kerry"}],"positions":[{"id":"p1","speaker":"john-kerry","start":0,"end":12}]}
{"format":"parley/1","id":"lavrov-ru","lang":"ru","text":"С.В.Лавров заявил.","speakers":[{"id":"sergey-lavrov","label":"С.В.Лавров"}],"positions":[{"id":"p1","speaker":"sergey-lavrov","start":0,"end":18}]}
EOF2
wcount() { Q -c "$@" "$W" 2>/dev/null; }
[ "$(wcount --speaker Blinken)" = 2 ] ; ok $? "a word of the name names the person, not the group that holds it (his and the group's positions)"
[ "$(wcount --speaker Kerry)" = 2 ] ; ok $? "a word of an English label names the person labelled in Chinese elsewhere"
# a name found to mean an entity of readouts loaded before (labelled in
# another script there): loaded again, from the files the first pass listed
mkdir -p "$TMPD/late"
printf '%s\n' '{"format":"parley/1","id":"l1","lang":"ru","text":"Лавров.","speakers":[{"id":"s-l","label":"Лавров"}],"positions":[{"id":"p1","speaker":"s-l","start":0,"end":7}]}' >"$TMPD/late/1.json"
printf '%s\n' '{"format":"parley/1","id":"l2","lang":"en","text":"Lavrov.","speakers":[{"id":"s-l","label":"Lavrov"}],"positions":[{"id":"p1","speaker":"s-l","start":0,"end":7}]}' >"$TMPD/late/2.json"
passes() { PARLEY_CACHE_TRACE=1 Q -c "$@" "$TMPD/late" 2>&1 >/dev/null | sed -n 's/^parley: pass: //p'; }
p2=$(passes --speaker Lavrov) p1=$(passes --speaker s-l)
[ "$p2" = "2, the files listed by the first" ] && [ "$p1" = "1, the files listed" ] &&
	[ "$(Q -c --speaker Lavrov "$TMPD/late")" = 2 ] && [ "$("$PARLEY" query -c --speaker Lavrov "$TMPD/late")" = 2 ]
ok $? "a name found late loads again without listing the files again ($p2; by its id: $p1)"
[ "$(wcount --speaker 王毅)" = 1 ] ; ok $? "Chinese characters of a longer Chinese label"
[ "$(wcount --speaker Лавров)" = "$(wcount --speaker sergey-lavrov)" ] ; ok $? "a word of an initialled Russian name (С.В.Лавров)"
grep lavrov-ru "$W/b.jsonl" >"$TMPD/ru-only.jsonl"
[ "$(Q -c --speaker lavrov "$TMPD/ru-only.jsonl")" = 1 ] && [ "$(Q -c --speaker LAVROV "$TMPD/ru-only.jsonl")" = 1 ] &&
	[ "$(Q -c --speaker 'Sergey Lavrov' "$TMPD/ru-only.jsonl")" = 1 ] &&
	[ "$("$PARLEY" stats --no-cache -f json --speaker lavrov "$TMPD/ru-only.jsonl" | jq .positions.total)" = 1 ]
ok $? "a word of the id names a speaker labelled in another script only (sergey-lavrov, С.В.Лавров), as the browser's picker has it"
[ "$(wcount --speaker 'sergey lavrov')" = 3 ] ; ok $? "several words in a row"
[ "$(Q -c --speaker 'С. В. Лавров' "$TMPD/ru-only.jsonl")" = 1 ] && [ "$(Q -c --speaker 'Лавров С.В.' "$TMPD/ru-only.jsonl")" = 1 ] &&
	[ "$(wcount --speaker 'Lavrov Sergey')" = "$(wcount --speaker sergey-lavrov)" ] && [ "$(wcount --speaker 'Lavrov Sergey')" -gt 0 ]
ok $? "spaced initials name the speaker labelled С.В.Лавров, and so do a name's words in another order"
[ "$(wcount --speaker 'minister lavrov')" = 1 ] ; ok $? "words in a row only in the group's name name the group"
[ "$(wcount --speaker secretary)" = 2 ] ; ok $? "a title the person and the group share names the person"
run Q --speaker Lavrof "$W"
[ $rc = 2 ] && echo "$err" | grep -q "did you mean .*(sergey-lavrov)" ; ok $? "a near miss gets suggestions: $err"
# labels in the user's language, else English, else the most used
st() { "$PARLEY" stats --no-cache -n 0 "$W" 2>/dev/null | grep -w john-kerry; }
LANG=C.UTF-8 LC_ALL= LANGUAGE= st | grep -q "John Kerry" ; ok $? "no language: the English label, whichever file loads first"
LANG=zh_TW.UTF-8 LC_ALL= LANGUAGE= st | grep -q "克裏" ; ok $? "LANG=zh_TW: the Chinese label"
LANG=C.UTF-8 LC_ALL= LANGUAGE=zh_TW:en st | grep -q "克裏" ; ok $? "LANGUAGE first"
mkdir -p "$TMPD/cfg/parley"
echo "set lang = zh" >"$TMPD/cfg/parley/config"
XDG_CONFIG_HOME="$TMPD/cfg" LANG=C.UTF-8 LC_ALL= LANGUAGE= st | grep -q "克裏" ; ok $? "set lang in the config"
LANG=ru_RU.UTF-8 LC_ALL= LANGUAGE= st | grep -q "John Kerry" ; ok $? "no label in the user's language: English"
printf '%s\n' '{"format":"parley/1","id":"k2","lang":"de","text":"x","speakers":[{"id":"john-kerry","label":"Kerry"}]}' \
	'{"format":"parley/1","id":"k3","lang":"de","text":"x","speakers":[{"id":"john-kerry","label":"Kerry"}]}' \
	'{"format":"parley/1","id":"k4","lang":"fr","text":"x","speakers":[{"id":"john-kerry","label":"J. Kerry"}]}' >"$TMPD/k.jsonl"
"$PARLEY" stats --no-cache -n 0 "$TMPD/k.jsonl" 2>/dev/null | grep -w john-kerry | grep -q "  Kerry$"
ok $? "no English label: the one most readouts give"
run Q --speaker Blinkin "$S" "$W"
echo "$err" | grep -q "did you mean .*(antony-blinken)" ; ok $? "suggestions come from every readout, not only those kept: $err"
# a name that fits nothing: said after a second load, which notes every
# readout's names and keeps none (the first, which leaves readouts out,
# does not note them), with the suggestions of a load that keeps every
# readout, in any language, from the cache too
same=0 lean=0
touch -d '1 minute ago' "$S"/* # (files modified in the second before a load are not cached)
for l in C.UTF-8 zh_TW.UTF-8 fr_FR.UTF-8; do
	for t in "--speaker Lavrof" "--speaker Blinkin" "--speaker 'M. Lavrof'" "--speaker 王一" "--topic securty" \
		"--topic afganistan --speaker lavrov" "--speaker Lavrof --topic afghanistan" "--agreement 'new start'"; do
		for cache in --no-cache ""; do
			a=$(eval "LANG=$l \"\$PARLEY\" query -c $cache $t \"\$S\"" 2>&1)
			b=$(eval "LANG=$l PARLEY_QUERY_NO_PREFILTER=1 \"\$PARLEY\" query -c $cache $t \"\$S\"" 2>&1)
			tr=$(eval "LANG=$l PARLEY_CACHE_TRACE=1 \"\$PARLEY\" query -c $cache $t \"\$S\"" 2>&1 >/dev/null)
			case $a in *"in the corpus is named"*) ;; *) same=1; echo "# $l $t $cache: $a" ;; esac
			[ "$a" = "$b" ] || { same=1; echo "# $l $t $cache: $a | $b"; }
			# (from the cache, its names table: one load, the message
			# from every readout's names, saved beside the cache)
			if [ -n "$cache" ]; then pass="pass: 2," names="not from the cache"
			else pass="pass: 1," names="every readout's, from beside the cache"; fi
			echo "$tr" | grep -q "^parley: kept: 0 readouts, let go: [1-9]" && echo "$tr" | grep -q "^parley: $pass" &&
				echo "$tr" | grep -q "^parley: names: $names" || { lean=1; echo "# $l $t $cache: $tr"; }
		done
	done
done
ok $same "a name that fits nothing: the suggestions of a load that keeps every readout"
ok $lean "and they come from a second load that keeps no readout, or from the cache's names table in one load"
# a name that fits two entities equally: said after a second load that
# keeps no readout, each named by the corpus's label
a=$(LANG=zh_TW.UTF-8 "$PARLEY" query -c --speaker li "$TMPD/amb.json" 2>&1)
b=$(LANG=zh_TW.UTF-8 PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query -c --speaker li "$TMPD/amb.json" 2>&1)
c=$(LANG=fr_FR.UTF-8 "$PARLEY" query -c --no-cache --topic securite "$S" 2>&1)
d=$(LANG=fr_FR.UTF-8 PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query -c --no-cache --topic securite "$S" 2>&1)
tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --no-cache --topic securite "$S" 2>&1 >/dev/null)
[ "$a" = "$b" ] && [ "$c" = "$d" ] && echo "$c" | grep -q "'securite' names [2-9] topics" &&
	echo "$tr" | grep -q "^parley: kept: 0 readouts" && echo "$tr" | grep -q "^parley: pass: 2,"
ok $? "an ambiguous name: the message of a load that keeps every readout, after a second that keeps none ($c)"
# names resolved from the names table beside the cache: one load, and the
# answers and messages of a load that keeps every readout: a name first
# declared in another script (two loads without the table), ambiguous
# names, names that fit nothing, ids, groups, and the labels shown, in
# three languages
mkdir -p "$TMPD/scripts"
printf '%s\n' '{"format":"parley/1","id":"s1","lang":"ru","text":"abc","speakers":[{"id":"sergey-lavrov","label":"Сергей Лавров"},{"id":"grp","label":"Лавров и Ван","group":true,"members":["sergey-lavrov"]}],"topics":[{"id":"sec","label":"безопасность"}],"positions":[{"id":"p","speaker":"sergey-lavrov","start":0,"end":1,"topics":["sec"]},{"id":"q","speaker":"grp","start":1,"end":2}]}' \
	'{"format":"parley/1","id":"s2","lang":"zh","text":"abc","speakers":[{"id":"sergey-lavrov","label":"拉夫罗夫"}],"positions":[{"id":"p","speaker":"sergey-lavrov","start":0,"end":1}]}' \
	'{"format":"parley/1","id":"s3","lang":"en","text":"abc","speakers":[{"id":"sergey-lavrov","label":"Sergey Lavrov","aliases":["Lavrov","Minister Smolensky"]},{"id":"lavrova","label":"Maria Lavrova"}],"topics":[{"id":"sec","label":"security"},{"id":"sec2","label":"security council"}],"positions":[{"id":"p","speaker":"sergey-lavrov","start":0,"end":1,"topics":["sec"]},{"id":"q","speaker":"lavrova","start":1,"end":3,"topics":["sec2"]}]}' >"$TMPD/scripts/a.jsonl"
cp "$S"/*.json "$TMPD/scripts/"
touch -d '1 minute ago' "$TMPD/scripts"/*
same=0 one=0
"$PARLEY" query -c --speaker lavrov "$TMPD/scripts" >/dev/null 2>&1 # (the cache and its table)
for l in C.UTF-8 zh_TW.UTF-8 ru_RU.UTF-8; do
	for t in "--speaker 'Sergey Lavrov'" "--speaker smolensky" "--speaker lavrov --topic security" "--speaker lavrova" "--speaker 'Maria'" \
		"--speaker 'Lavrov and'" "--speaker 'Лавров и Ван'" "--topic securty" "--speaker Lavrof" "--topic secu" \
		"--speaker sergey-lavrov --topic sec" "--speaker 'wang yi' --topic 'COVID 19'" "--speaker 拉夫罗夫"; do
		for f in "-c" "-f tsv"; do
			want=$(eval "LANG=$l PARLEY_QUERY_NO_PREFILTER=1 \"\$PARLEY\" query $f --no-cache $t \"\$TMPD/scripts\"" 2>&1)
			got=$(eval "LANG=$l \"\$PARLEY\" query $f $t \"\$TMPD/scripts\"" 2>&1)
			[ "$got" = "$want" ] || { same=1; echo "# $l $t $f: $got | $want"; }
		done
		tr=$(eval "LANG=$l PARLEY_CACHE_TRACE=1 \"\$PARLEY\" query -c $t \"\$TMPD/scripts\"" 2>&1 >/dev/null)
		echo "$tr" | grep -q "^parley: pass: 1," && echo "$tr" | grep -q "^parley: names: every readout's, from beside the cache" ||
			{ one=1; echo "# $l $t: $tr"; }
	done
done
# an entity a group in one readout and not in another, met first by the
# name where it is one (the candidate as the keep hook meets it: where a
# name first fits); candidates in the order a name first fits them
mkdir -p "$TMPD/flags" "$TMPD/order"
printf '%s\n' '{"format":"parley/1","id":"r1","lang":"en","text":"abc","speakers":[{"id":"x","label":"Alpha"},{"id":"y","label":"Gamma","group":true,"members":["x"]}],"positions":[{"id":"p","speaker":"x","start":0,"end":1}]}' \
	'{"format":"parley/1","id":"r2","lang":"en","text":"abc","speakers":[{"id":"x","label":"Beta Team","group":true,"members":["y"]},{"id":"y","label":"Beta Team"}],"positions":[{"id":"q","speaker":"y","start":1,"end":2}]}' >"$TMPD/flags/a.jsonl"
printf '%s\n' '{"format":"parley/1","id":"r1","lang":"en","text":"abc","speakers":[{"id":"x","label":"Alpha"},{"id":"y","label":"Beta"}],"positions":[{"id":"p","speaker":"x","start":0,"end":1}]}' \
	'{"format":"parley/1","id":"r2","lang":"en","text":"abc","speakers":[{"id":"x","label":"Alpha","aliases":["Beta"]}],"positions":[{"id":"q","speaker":"x","start":1,"end":2}]}' >"$TMPD/order/a.jsonl"
touch -d '1 minute ago' "$TMPD/flags"/* "$TMPD/order"/*
for d in flags order; do
	for t in "Beta Team" Beta Alpha Gamma Team x; do
		want=$(PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query --no-cache --speaker "$t" "$TMPD/$d" 2>&1; echo "rc $?")
		for i in 1 2; do
			got=$("$PARLEY" query --speaker "$t" "$TMPD/$d" 2>&1; echo "rc $?")
			[ "$got" = "$want" ] || { same=1; echo "# $d $t ($i): $got | $want"; }
		done
	done
done
ok $same "names from the cache's names table: the answers and messages of a load that keeps every readout"
ok $one "in one load"
tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --no-cache --speaker 'Minister Smolensky' "$TMPD/scripts" 2>&1 >/dev/null)
echo "$tr" | grep -q "^parley: pass: 2," ; ok $? "(where without it a name first declared in another script takes two)"
# a readout left out while the name fit two entities equally, one of which
# a later readout names better: loaded again, its positions counted
printf '%s\n' '{"format":"parley/1","id":"r1","text":"abc","speakers":[{"id":"x1","label":"Li Ming"}],"positions":[{"id":"p","speaker":"x1","start":0,"end":1}]}' \
	'{"format":"parley/1","id":"r2","text":"abc","speakers":[{"id":"x2","label":"Li Hua"}],"positions":[{"id":"p","speaker":"x2","start":0,"end":1},{"id":"q","speaker":"x2","start":1,"end":2}]}' \
	'{"format":"parley/1","id":"r3","text":"abc","speakers":[{"id":"x2","label":"Li"}],"positions":[{"id":"p","speaker":"x2","start":0,"end":1}]}' >"$TMPD/tie.jsonl"
a=$("$PARLEY" query -c --no-cache --speaker li "$TMPD/tie.jsonl") b=$("$PARLEY" query -c --speaker li "$TMPD/tie.jsonl")
c=$(PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query -c --no-cache --speaker li "$TMPD/tie.jsonl")
tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --no-cache --speaker li "$TMPD/tie.jsonl" 2>&1 >/dev/null)
[ "$a" = 3 ] && [ "$b" = 3 ] && [ "$c" = 3 ] && echo "$tr" | grep -q "^parley: pass: 2,"
ok $? "a readout left out while its speaker tied with another is loaded again once it is chosen ($a $b $c)"
# and not for a readout a date leaves out, nor one another name keeps
printf '%s\n' '{"format":"parley/1","id":"r1","date":"2019-01-01","text":"abc","speakers":[{"id":"x1","label":"Li Ming"},{"id":"x2","label":"Li Hua"}],"positions":[{"id":"p","speaker":"x1","start":0,"end":1}]}' \
	'{"format":"parley/1","id":"r2","date":"2022-01-01","text":"abc","speakers":[{"id":"x2","label":"Li"}],"positions":[{"id":"p","speaker":"x2","start":0,"end":1}]}' >"$TMPD/since.jsonl"
printf '%s\n' '{"format":"parley/1","id":"r1","text":"abc","speakers":[{"id":"a","label":"Zhang"},{"id":"b1","label":"Wang Yi Ru"},{"id":"b0","label":"Wang Yi Bo"}],"positions":[{"id":"p","speaker":"a","start":0,"end":1}]}' \
	'{"format":"parley/1","id":"r2","text":"abc","speakers":[{"id":"b1","label":"Wang Yi"}],"positions":[{"id":"p","speaker":"b1","start":0,"end":1}]}' >"$TMPD/multi.jsonl"
t1=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --no-cache --since 2021 --speaker li "$TMPD/since.jsonl" 2>&1)
t2=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --no-cache --speaker zhang --speaker 'wang yi' "$TMPD/multi.jsonl" 2>&1)
echo "$t1" | grep -q "^parley: pass: 1," && [ "$(echo "$t1" | tail -n 1)" = 1 ] &&
	echo "$t2" | grep -q "^parley: pass: 1," && [ "$(echo "$t2" | tail -n 1)" = 2 ]
ok $? "one load when the readout of a tied name is left out by a date, or kept by another name ($(echo $t1 | tail -c 40); $(echo $t2 | tail -c 40))"
# names by id (looked for on the threads that decode the cache) and by
# name, a name that fitted another entity before the id was seen, and 64
# names: the counts of a load that keeps every readout, from the cache too
printf '%s\n' '{"format":"parley/1","id":"n1","text":"abc","speakers":[{"id":"x9","label":"sergey-lavrov"}],"positions":[{"id":"p","speaker":"x9","start":0,"end":1}]}' >"$TMPD/byid/a0.jsonl" 2>/dev/null ||
	{ mkdir -p "$TMPD/byid" && printf '%s\n' '{"format":"parley/1","id":"n1","text":"abc","speakers":[{"id":"x9","label":"sergey-lavrov"}],"positions":[{"id":"p","speaker":"x9","start":0,"end":1}]}' >"$TMPD/byid/a0.jsonl"; }
cp "$S"/*.json "$S"/*.jsonl "$TMPD/byid/"
touch -d '1 minute ago' "$TMPD/byid"/*
many=""
for i in $(seq 63); do many="$many --speaker nobody-$i"; done
same=0
for t in "--speaker lavrov" "--speaker wang-yi --topic afghanistan" "--speaker lavrov --speaker wang-yi" "--speaker lavrov --topic security" \
	"--speaker 'Wang Yi' --topic afghanistan" "--speaker lavrov --stance support" "$many --speaker lavrov"; do
	want=$(eval "PARLEY_QUERY_NO_PREFILTER=1 \"\$PARLEY\" query -c --no-cache $t \"\$TMPD/byid\"" 2>&1)
	for cache in --no-cache "" ""; do
		got=$(eval "\"\$PARLEY\" query -c $cache $t \"\$TMPD/byid\"" 2>&1)
		[ "$got" = "$want" ] || { same=1; echo "# ${t#"$many"} $cache: $got, want $want"; }
	done
done
ok $same "names by id and by name, 64 of them too: the counts of a load that keeps every readout"
run Q --speaker a2 "$TMPD/amb.json"
ok $((rc != 1)) "an id that matches nothing exits 1"
[ -z "$out" ] ; ok $? "and prints nothing"

# dates: partial dates are ranges, and overlap counts
cat >"$TMPD/dates.jsonl" <<'J'
{"format":"parley/1","id":"d-day","date":"2021-07-15","text":"a","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p","speaker":"s","start":0,"end":1}]}
{"format":"parley/1","id":"d-month","date":"2021-07","text":"a","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p","speaker":"s","start":0,"end":1}]}
{"format":"parley/1","id":"d-year","date":"2021","text":"a","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p","speaker":"s","start":0,"end":1}]}
{"format":"parley/1","id":"d-none","text":"a","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p","speaker":"s","start":0,"end":1}]}
{"format":"parley/1","id":"d-2022","date":"2022-01-01","lang":"zh-Hans","text":"a","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p","speaker":"s","start":0,"end":1}]}
J
ids() { Q -f tsv "$@" "$TMPD/dates.jsonl" | sed 1d | cut -f1 | paste -sd' ' -; }
[ "$(ids --since 2021-07-16)" = "d-month d-year d-2022" ] ; ok $? "--since: a month or year overlapping the bound is in"
[ "$(ids --until 2021-07-14)" = "d-month d-year" ] ; ok $? "--until: likewise, and no date is out"
[ "$(ids --since 2021-07 --until 2021-07)" = "d-day d-month d-year" ] ; ok $? "--since and --until a month"
[ "$(ids --since 2022)" = "d-2022" ] ; ok $? "--since a year"
[ "$(ids --lang zh)" = "d-2022" ] ; ok $? "--lang zh matches zh-Hans"
[ "$(ids --lang ZH-hans)" = "d-2022" ] ; ok $? "--lang ignores case"
[ -z "$(ids --lang zh-Hant)" ] ; ok $? "--lang zh-Hant does not match zh-Hans"
# a language named, not coded: well-formed, the form of no language, and
# it matched nothing in silence
for l in french Russian chinese-Hans; do
	run "$PARLEY" query -c --lang "$l" "$S"
	[ $rc = 2 ] && [ -z "$out" ] && printf '%s\n' "$err" | grep -q "^parley: invalid language '$l' for --lang (a BCP 47 tag of its code, such as fr,"
	ok $? "--lang $l: a usage error naming the form ($rc: $err)"
done
run Q --since 2021-13 "$S"
ok $((rc != 2)) "an invalid date exits 2"
echo "$err" | grep -q "invalid date '2021-13' for --since: a month is 01 to 12" ; ok $? "and says which, and why"
run "$PARLEY" query --until 2019-02-29 "$S"
[ $rc = 2 ] && echo "$err" | grep -q "invalid date '2019-02-29' for --until: 2019 is not a leap year" ; ok $? "a day not in the calendar: why ($err)"

# text: every word, case and accents ignored, in the span or the summary
[ "$(count --text 'SÉCURITÉ')" = "$(count --text securite)" ] ; ok $? "--text ignores case and accents"
[ "$(count --text securite)" -gt 0 ] ; ok $? "--text finds French text"
[ "$(count --text '疫苗')" -gt 0 ] ; ok $? "--text finds Chinese text"
[ "$(count --text 'vaccins coopération')" -le "$(count --text vaccins)" ] ; ok $? "every word must occur"
# the punctuation typed around a word is not part of it (`climate, change.`
# matched nothing); a word of punctuation alone is looked for as it is
w=$(count --text 'vaccins coopération')
[ "$w" -gt 0 ] && [ "$(count --text '«vaccins», (coopération).')" = "$w" ] && [ "$(count --text 'vaccins, coopération.')" = "$w" ]
ok $? "--text: punctuation around words dropped ($w)"
# a mark of punctuation goes with the combining marks typed after it (a
# dead key pressed after the full stop: `coopération.` and U+0301)
[ "$(count --text "vaccins coopération.$(printf '\314\201')")" = "$w" ] &&
	[ "$(count --text "$(printf '\302\253\314\201')vaccins coopération")" = "$w" ]
ok $? "--text: punctuation with a combining mark after it is dropped whole"
[ "$(count --text '«')" -gt 0 ] && [ "$(count --text '«')" != "$(count)" ] ; ok $? "--text «: a word of punctuation alone is kept"
[ "$(count --text "vaccins$(printf '\343\200\200')coopération")" = "$(count --text 'vaccins coopération')" ] &&
	[ "$(count --text "vaccins$(printf '\302\240')coopération")" = "$(count --text 'vaccins coopération')" ]
ok $? "an ideographic or a no-break space between words splits them, as a space does"
# words no readout has, with a topic: the topic is then only in readouts
# left out (it once read past the facets' end)
for cache in --no-cache ""; do
	out=$("$PARLEY" query -c $cache --text zzzqqq --topic covid-19 "$S" 2>&1); rc=$?
	[ "$out" = 0 ] && [ $rc = 1 ] ; ok $? "--text matching nothing and --topic ${cache:-(cache)}: 0, exit 1 ($rc)"
done
[ "$(count --text zzzqqq --text vaccins)" = "$(count --text vaccins)" ] ; ok $? "a repeated --text is OR"

# Chinese in either script: traditional text folds to simplified (OpenCC t2s)
T="$TMPD/trad"
mkdir -p "$T"
cat >"$T/zh-hant.json" <<'EOT'
{"format": "parley/1", "id": "zh-hant-sample", "title": "習近平會見外交部長", "date": "2022-01-05", "lang": "zh-Hant",
 "text": "習近平會見外交部長。習近平指出，台灣問題是中國內政。",
 "speakers": [{"id": "xi-jinping", "label": "習近平", "aliases": ["習近平"]}],
 "positions": [{"id": "t1", "speaker": "xi-jinping", "start": 10, "end": 26, "summary": "A statement.", "stance": "affirm"}]}
EOT
[ "$(Q -c --text 台湾 "$T")" = 1 ] ; ok $? "--text 台湾 finds a readout written 台灣"
[ "$(Q -c --text 臺灣 "$T")" = 1 ] ; ok $? "--text 臺灣 finds it too"
[ "$(Q -c --speaker 习近平 "$T")" = 1 ] ; ok $? "--speaker 习近平 finds a speaker named 習近平"
[ "$(count --text 習近平 "$S")" = "$(count --text 习近平 "$S")" ] && [ "$(count --text 習近平 "$S")" -gt 0 ] ; ok $? "traditional --text finds simplified text"
run Q --text 台湾 "$T"
printf '%s\n' "$out" | grep -q '^zh-hant-sample  2022-01-05  習近平 ' ; ok $? "the speaker shown is the readout's own label, in its script"

# speakers together (--all-speakers) and kinds (--kind)
either=$(count -s lavrov -s 'wang yi')
both=$(count --all-speakers -s lavrov -s 'wang yi')
[ "$both" -gt 0 ] && [ "$both" -lt "$either" ] ; ok $? "--all-speakers: fewer positions than either ($both of $either)"
[ "$(count --all-speakers -s lavrov)" = "$(count -s lavrov)" ] ; ok $? "--all-speakers with one speaker is the same as without"
# without a speaker it was ignored in silence: a usage error
for cmd in "stats" "query -c" "query -c --text lavrov" "compare --event x"; do
	run "$PARLEY" $cmd --all-speakers "$S"
	[ $rc = 2 ] && [ -z "$out" ] && printf '%s\n' "$err" | grep -q "^parley: --all-speakers needs the speakers (--speaker, twice or more)"
	ok $? "$cmd --all-speakers without a speaker: a usage error ($rc: $err)"
done
[ "$(count --all-speakers -s 'wang yi' -s lavrov)" = "$both" ] ; ok $? "--all-speakers: the order of the speakers does not matter"
if [ $have_jq = 1 ]; then
	want=$(cat "$S"/*.json "$S"/*.jsonl | jq -n '[inputs | ([(.speakers // [])[] | select(.id == "sergey-lavrov" or ((.members // []) | index("sergey-lavrov") != null)) | .id]) as $l | ([(.speakers // [])[] | select(.id == "wang-yi" or ((.members // []) | index("wang-yi") != null)) | .id]) as $w | select(([.speakers[]?.id] | index("sergey-lavrov")) and ([.speakers[]?.id] | index("wang-yi"))) | (.positions // [])[] | select(.speaker as $s | ($l + $w) | index($s) != null)] | length')
	[ "$both" = "$want" ] ; ok $? "--all-speakers: the positions of either in readouts that declare both ($want, as jq finds)"
	want=$(cat "$S"/*.json "$S"/*.jsonl | jq -n '[inputs | select(.kind == "call") | (.positions // [])[]] | length')
	[ "$(count --kind call)" = "$want" ] ; ok $? "--kind call ($want)"
fi
[ "$(count --kind call --kind meeting)" -eq $(( $(count --kind call) + $(count --kind meeting) )) ] ; ok $? "a repeated --kind is OR"
run Q --kind summit "$S"
ok $((rc != 2)) "an unknown kind exits 2"
run "$PARLEY" stats --no-cache --all-speakers -s lavrov -s 'wang yi' "$S"
printf '%s\n' "$out" | grep -q "^positions  *$both matching" ; ok $? "stats --all-speakers counts the same positions"

# --- formats ---------------------------------------------------------------
run Q --topic covid-19 "$S"
ok $rc "text format"
[ "$(printf '%s\n' "$out" | wc -l)" = "$(count --topic covid-19)" ] ; ok $? "one line per position"
printf '%s' "$out" | grep -q "$(printf '\t')" ; ok $((! $?)) "no tab in text output to a pipe"
printf '%s' "$out" | grep -q "$(printf '\033')" ; ok $((! $?)) "no colour to a pipe"
# Wang Yi is "Ван И" in the Russian readout, "Wang Yi" in the English ones
printf '%s\n' "$out" | grep -Eq '^ru-2021-07-15-lavrov-wang-yi +2021-07-15  Wang Yi ' ; ok $? "columns: readout, date, speaker (the corpus's label, in English here)"
printf '%s\n' "$out" | grep -q '…' ; ok $((! $?)) "nothing is cut to a pipe"

run Q -f tsv --topic covid-19 "$S"
[ "$(printf '%s\n' "$out" | head -1)" = "$(printf 'readout\tdate\tlang\tposition\tspeaker_id\tspeaker\tstance\treview\ttopics\tagreements\tsummary\ttext\tfile\tline\tstart\tend')" ] ; ok $? "tsv header: the columns there were, then where each position is"
bad=$(printf '%s\n' "$out" | awk -F'\t' 'NF != 16' | wc -l)
[ "$bad" -eq 0 ] ; ok $? "every tsv line has 16 fields"
if [ $have_jq = 1 ]; then
	# file, line, start and end: those json gives, line for line
	t=$(printf '%s\n' "$out" | tail -n +2 | awk -F'\t' '{print $1, $4, $13, $14, $15, $16}')
	j=$(Q -f jsonl --topic covid-19 "$S" | jq -r '"\(.readout) \(.position) \(.file) \(.line) \(.start) \(.end)"')
	[ -n "$t" ] && [ "$t" = "$j" ] && printf '%s\n' "$t" | grep -q 'calls-2021.jsonl [2-9]' ; ok $? "tsv: each position's file, line and span, as json has them ($(printf '%s\n' "$t" | head -2 | tr '\n' ';'))"
fi

if [ $have_jq = 1 ]; then
	run Q -f json --speaker lavrov "$S"
	printf '%s' "$out" | jq -e 'type == "array"' >/dev/null ; ok $? "json is one array that jq reads"
	[ "$(printf '%s' "$out" | jq length)" = "$(count --speaker lavrov)" ] ; ok $? "with every match"
	printf '%s' "$out" | jq -e 'all(.[]; (.readout|type) == "string" and (.speaker.id|type) == "string" and (.text|type) == "string" and (.start|type) == "number")' >/dev/null ; ok $? "objects have readout, speaker, text, start"
	run Q -f jsonl --topic covid-19 "$S"
	printf '%s\n' "$out" | jq -e -c . >/dev/null ; ok $? "jsonl: every line is JSON"
	[ "$(printf '%s\n' "$out" | wc -l)" = "$(count --topic covid-19)" ] ; ok $? "one object per line"
	# text, summary and speaker of a match are those of the file
	first=$(printf '%s\n' "$out" | head -1)
	rid=$(printf '%s' "$first" | jq -r .readout); pid=$(printf '%s' "$first" | jq -r .position)
	f=$(printf '%s' "$first" | jq -r .file)
	want=$(jq -r --arg r "$rid" --arg p "$pid" 'select(.id == $r) | . as $o | .positions[] | select(.id == $p) | $o.text | explode | .[('"$(printf '%s' "$first" | jq .start)"'):('"$(printf '%s' "$first" | jq .end)"')] | implode' "$f")
	[ "$(printf '%s' "$first" | jq -r .text)" = "$want" ] ; ok $? "the span's text, cut at code points"
fi

# data that would move a terminal is escaped in JSON and made visible in text
printf '{"format":"parley/1","id":"esc","text":"a\\u001b[2Jb\\u202ec\\td\\ne","speakers":[{"id":"s","label":"S\\u009b1m"}],"positions":[{"id":"p","speaker":"s","start":0,"end":12}]}\n' >"$TMPD/esc.json"
run Q "$TMPD/esc.json"
printf '%s' "$out" | grep -q "$(printf '\033')" ; ok $((! $?)) "text: no raw ESC"
printf '%s' "$out" | grep -qF '^[[2J' ; ok $? "text: ESC shown as ^["
printf '%s' "$out" | grep -qF '<U+202E>' ; ok $? "text: bidi override shown"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] ; ok $? "text: a newline in a span does not break the line"
run Q -f json "$TMPD/esc.json"
printf '%s' "$out" | grep -q "$(printf '\033')" ; ok $((! $?)) "json: no raw ESC"
printf '%s' "$out" | grep -q "$(printf '\302\233')" ; ok $((! $?)) "json: no raw C1 control"
if [ $have_jq = 1 ]; then
	[ "$(printf '%s' "$out" | jq -r '.[0].text')" = "$(printf 'a\033[2Jb\342\200\256c\td\ne')" ] ; ok $? "json: and the text reads back exactly"
fi
run Q -f tsv "$TMPD/esc.json"
printf '%s\n' "$out" | sed -n 2p | grep -qF 'c\td\ne' ; ok $? "tsv: tab and newline escaped"
# to a pipe too, nothing a terminal acts on: ESC, C1, bidi controls, BEL
printf '{"format":"parley/1","id":"esc2","text":"x\\u0007y\\u001b]2;PWNED\\u0007z\\u200f\\u2066w","speakers":[{"id":"s","label":"S\\u009b1m\\u202e"}],"positions":[{"id":"p","speaker":"s","start":0,"end":17,"summary":"sum\\u001b[31m\\\\"}]}\n' >"$TMPD/esc2.json"
run Q -f tsv "$TMPD/esc2.json"
raw=" $(printf '%s' "$out" | od -An -v -tx1 | tr -s ' \n' '  ') "
case $raw in *" 1b "* | *" 07 "* | *" c2 9b "* | *" e2 80 8f "* | *" e2 80 ae "* | *" e2 81 a6 "*) bad=1 ;; *) bad=0 ;; esac
ok $bad "tsv to a pipe: no raw ESC, BEL, C1 or bidi control"
line=$(printf '%s\n' "$out" | sed -n 2p)
printf '%s' "$line" | grep -qF 'x\u0007y\u001b]2;PWNED\u0007z\u200f\u2066w' ; ok $? "tsv: escaped as \\uXXXX, as in JSON"
printf '%s' "$line" | grep -qF 'S\u009b1m\u202e' ; ok $? "tsv: in labels too"
printf '%s' "$line" | grep -qF 'sum\u001b[31m\\' ; ok $? "tsv: a backslash stays \\\\, so it reads back"
# runs of plain text between escapes, in every script: read back whole
printf '%s\n' '{"format":"parley/1","id":"esc3","text":"\u00abДа\u00bb \"q\" \\ 中文 \ud83d\ude00 \u061c\u2028é\u0085z","speakers":[{"id":"s","label":"Ли \"S\""}],"positions":[{"id":"p","speaker":"s","start":0,"end":21,"summary":"\\\"中\t"}]}' >"$TMPD/esc3.json"
run Q -f jsonl "$TMPD/esc3.json"
raw=" $(printf '%s' "$out" | od -An -v -tx1 | tr -s ' \n' '  ') "
case $raw in *" d8 9c "* | *" e2 80 a8 "* | *" c2 85 "*) bad=1 ;; *) bad=0 ;; esac
ok $bad "json: no raw ALM, line separator or NEL"
if [ $have_jq = 1 ]; then
	[ "$(printf '%s' "$out" | jq -r .text)" = "$(printf '\302\253\320\224\320\260\302\273 "q" \\ \344\270\255\346\226\207 \360\237\230\200 \330\234\342\200\250\303\251\302\205z')" ] &&
		[ "$(printf '%s' "$out" | jq -r .summary)" = "$(printf '\\"\344\270\255\t')" ] &&
		[ "$(printf '%s' "$out" | jq -r .speaker.label)" = 'Ли "S"' ]
	ok $? "json: quotes, backslashes, tabs, every script and what is escaped read back exactly"
fi
run Q -f tsv "$TMPD/esc3.json"
printf '%s\n' "$out" | sed -n 2p | grep -qF '\\"中\t' ; ok $? "tsv: a quote as it is, a backslash and a tab escaped"

# --- exit codes, errors, bad files -------------------------------------------
[ "$(Q -c --stance SUPPORT --review Accepted "$S")" = "$(Q -c --stance support --review accepted "$S")" ] &&
	[ "$(Q -c --kind Call "$S")" = "$(Q -c --kind call "$S")" ] && [ "$(Q -c --stance OTHER "$S")" = "$(Q -c --stance other "$S")" ] &&
	[ "$(Q -c --kind call "$S")" -gt 0 ] && [ "$(Q -c --stance support --review accepted "$S")" -gt 0 ]
ok $? "a stance, a review state and a kind typed in any case"
run Q -c --stance supportx "$S"
[ $rc = 2 ] ; ok $? "and an unknown one is still refused"
run Q -c --review rejected --stance oppose "$S"
ok $((rc != 1)) "nothing matched: exit 1"
[ "$out" = 0 ] ; ok $? "and --count prints 0"
run Q --bogus "$S"
ok $((rc != 2)) "an unknown option exits 2"
echo "$err" | grep -q "Try 'parley query --help'" ; ok $? "and points to query --help"
run Q
ok $((rc != 2)) "no path exits 2"
run Q -f xml "$S"
ok $((rc != 2)) "an unknown format exits 2"
run Q --stance maybe "$S"
ok $((rc != 2)) "an unknown stance exits 2"
run "$PARLEY" query --help
ok $rc "query --help exits 0"
echo "$out" | grep -q -- '--speaker' ; ok $? "and documents --speaker"
run "$PARLEY" --help
echo "$out" | grep -q 'query' ; ok $? "parley --help lists query"

mkdir "$TMPD/mixed"
cp "$S/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$TMPD/mixed/"
printf '{"format": "parley/1",\n "id": }\n' >"$TMPD/mixed/broken.json"
run Q -c "$TMPD/mixed"
ok $rc "a bad file does not stop the query"
echo "$err" | grep -qF "$TMPD/mixed/broken.json:2:8: invalid JSON" ; ok $? "and is reported on stderr as validate does"
[ "$out" = "$(count "$TMPD/mixed/fr-2021-07-15-wang-yi-lavrov-tashkent.json")" ] || [ "$out" -gt 0 ] ; ok $? "the good file's positions count"
run Q -c "$S" "$TMPD/nope.json"
ok $((rc != 2)) "a path that cannot be read exits 2, like grep"
echo "$err" | grep -q "nope.json: No such file or directory" ; ok $? "and is named"

# --- the cache gives the same answers -----------------------------------------
for args in "--speaker lavrov" "--topic covid-19 --review pending" "--text vaccins" "--lang ru" "--speaker Wang\ Yi"; do
	eval "set -- $args"
	a=$("$PARLEY" query -f jsonl "$@" "$S" 2>&1)
	b=$("$PARLEY" query -f jsonl "$@" "$S" 2>&1)
	c=$(Q -f jsonl "$@" "$S" 2>&1)
	[ "$a" = "$c" ] && [ "$b" = "$c" ] ; ok $? "same output with and without the cache: $args"
done

# positions printed as the readouts come, none held: once the names table
# beside the cache gives every readout's names (the labels, the terms bound
# before the load).  The same lines in every format, labels in any
# language, and the same exit status, as when the readouts are held
# (without the table, or leaving none out), and as without the cache
ST="$TMPD/stream"
mkdir -p "$ST"
cp "$S"/*.json "$S"/*.jsonl "$ST/"
find "$ST" -type f -exec touch -d '2020-01-01 00:00:00' {} +
streamed() { PARLEY_CACHE_TRACE=1 "$@" 2>&1 >/dev/null | sed -n 's/^parley: streamed: //p'; }
"$PARLEY" query -c "$ST" >/dev/null 2>&1 # (a count writes the cache, not the names)
tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -f jsonl "$ST" 2>&1 >/dev/null)
printf '%s\n' "$tr" | grep -q "^parley: held: none, every readout let go unfiltered, its names noted for a second load$" &&
	printf '%s\n' "$tr" | grep -q "^parley: names: noted, and saved beside the cache$" &&
	printf '%s\n' "$tr" | grep -q "^parley: streamed: [1-9][0-9]* readouts printed as they came, none held$" &&
	printf '%s\n' "$tr" | grep -q "^parley: pass: 2, the files listed by the first$"
ok $? "without the names table, a printing query holds none: a first load notes the names (no filter run), the second prints as they come"
[ -n "$(streamed "$PARLEY" query -f jsonl "$ST")" ] ; ok $? "with the table, the next prints them as they come"
tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query --no-cache -f jsonl "$ST" 2>&1 >/dev/null)
printf '%s\n' "$tr" | grep -q "^parley: kept: [1-9][0-9]* readouts" && ! printf '%s\n' "$tr" | grep -q "^parley: streamed:"
ok $? "--no-cache (no table to save) holds what it prints, loading once"
for args in "" "--speaker lavrov" "--speaker Lavrov --topic afghanistan" "--text securite" "--stance concern --lang fr" \
	"--speaker wang-yi --speaker lavrov --all-speakers" "--agreement un-charter" "--review pending --text the" \
	"--topic COVID-19 --since 2021-07" "--speaker 'Sergueï Lavrov' --text russie"; do
	same=0
	# (each format in a language of its own: the labels differ)
	for fl in text:C.UTF-8 tsv:fr_FR.UTF-8 json:zh_CN.UTF-8 jsonl:ru_RU.UTF-8; do
		f=${fl%%:*} l=${fl#*:}
		eval "set -- $args"
		a=$(LANG=$l "$PARLEY" query -f $f "$@" "$ST" 2>&1; echo "rc $?")
		b=$(LANG=$l PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query -f $f "$@" "$ST" 2>&1; echo "rc $?")
		c=$(LANG=$l "$PARLEY" query --no-cache -f $f "$@" "$ST" 2>&1; echo "rc $?")
		[ "$a" = "$b" ] && [ "$a" = "$c" ] || break
		same=$((same + 1))
	done
	[ $same = 4 ] && [ -n "$(eval "streamed \"\$PARLEY\" query $args \"\$ST\"")" ]
	ok $? "printed as they came, as when held and without the cache, in every format (each in a language): $args"
done
# output that cannot be written (a full disk): said, exit 2, never success
if [ -w /dev/full ]; then
	for f in "query -f jsonl" "query" "query -c" "query --timeline" "stats" "stats --speaker lavrov"; do
		run sh -c "\"\$PARLEY\" $f \"$ST\" >/dev/full"
		[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "^parley: ${f%% *}: write error: No space left on device$" ||
			{ diag "$f >/dev/full: exit $rc, $err"; break; }
	done
	ok $? "output to a full disk: a write error, exit 2"
else
	skip "no /dev/full"
fi

# --timeline counts the stances per date as the readouts come, none held:
# the periods of a load that holds every readout (years over more than
# two years, else months; undated and year-only readouts too)
printf '%s\n' '{"format":"parley/1","id":"tl-undated","text":"Ab cd.","speakers":[{"id":"sergey-lavrov","label":"Sergey Lavrov"}],"positions":[{"id":"p1","speaker":"sergey-lavrov","start":0,"end":6,"stance":"concern"}]}' \
	'{"format":"parley/1","id":"tl-year","date":"2019","text":"Ab cd.","speakers":[{"id":"sergey-lavrov","label":"Sergey Lavrov"}],"positions":[{"id":"p1","speaker":"sergey-lavrov","start":0,"end":6,"stance":"support"},{"id":"p2","speaker":"sergey-lavrov","start":0,"end":2,"stance":"odd-one"}]}' >"$ST/zz-dates.jsonl"
touch -d '2020-01-01 00:00:00' "$ST/zz-dates.jsonl"
same=0 streamed=0
for args in "" "--speaker lavrov" "--topic afghanistan --period month" "--text the --period year" "--lang fr" \
	"--since 2021 --speaker lavrov"; do
	for f in text tsv json jsonl; do
		a=$("$PARLEY" query --timeline -f $f $args "$ST" 2>&1; echo "rc $?")
		b=$(PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query --timeline -f $f $args "$ST" 2>&1; echo "rc $?")
		c=$("$PARLEY" query --no-cache --timeline -f $f $args "$ST" 2>&1; echo "rc $?")
		[ "$a" = "$b" ] && [ "$a" = "$c" ] || { same=1; echo "# --timeline $f $args: $a | $b | $c"; }
	done
	[ -n "$(streamed "$PARLEY" query --timeline $args "$ST")" ] && streamed=$((streamed + 1))
done
ok $same "--timeline counted as the readouts come: the periods of a load that holds them, in every format"
[ $streamed = 6 ] ; ok $? "and none held ($streamed of 6)"
tl=$("$PARLEY" query --timeline -f tsv --speaker lavrov "$ST")
printf '%s\n' "$tl" | grep -q "^2019	2	1	" && printf '%s\n' "$tl" | grep -q "^undated	1	" &&
	[ "$(printf '%s\n' "$tl" | tail -n +2 | awk -F'\t' '{ n += $2 } END { print n }')" = \
	  "$(($("$PARLEY" query -c --speaker lavrov "$ST") - $("$PARLEY" query -c --speaker lavrov --review rejected "$ST")))" ]
ok $? "by months, a year-only date counts in its year's own period, an undated readout last, every match once (not a rejected one)"
# a position a reviewer rejected is no one's stance: not counted, unless
# rejected ones are asked for
mkdir -p "$TMPD/tlr"
printf '{"format":"parley/1","id":"tlr","date":"2020-05-01","text":"Ab cd. Ef gh.","speakers":[{"id":"sergey-lavrov","label":"Sergey Lavrov"}],"positions":[{"id":"p1","speaker":"sergey-lavrov","start":0,"end":6,"stance":"concern","review":"accepted"},{"id":"p2","speaker":"sergey-lavrov","start":7,"end":13,"stance":"support","review":"rejected"}]}\n' >"$TMPD/tlr/r.jsonl"
tl=$("$PARLEY" query --timeline -f tsv --speaker lavrov "$TMPD/tlr" | sed -n 2p | cut -f1-4)
tr=$("$PARLEY" query --timeline -f tsv --speaker lavrov --review rejected "$TMPD/tlr" | sed -n 2p | cut -f1-4)
is "$tl / $tr" "2020-05	1	0	0 / 2020-05	1	1	0" "--timeline leaves out a rejected position (its support), but for --review rejected"
# (it counted in its year's January, under --since 2010-11 too): a period
# of the year alone, before the year's months
mkdir -p "$TMPD/tly"
for d in 2010 2010-11-05 2011-02 2012; do
	printf '{"format":"parley/1","id":"tl-%s","date":"%s","text":"Ab cd.","speakers":[{"id":"sergey-lavrov","label":"Sergey Lavrov"}],"positions":[{"id":"p1","speaker":"sergey-lavrov","start":0,"end":6,"stance":"concern"}]}\n' "$d" "$d"
done >"$TMPD/tly/all.jsonl"
tl=$("$PARLEY" query --timeline --period month -f tsv --since 2010-11 "$TMPD/tly" | cut -f1,2 | tr '\t\n' ': ')
[ "$tl" = "period:positions 2010:1 2010-11:1 2010-12:0 2011-01:0 2011-02:1 2012:1 " ] ; ok $? "by months, a year alone is its own period, never a January ($tl)"
tl=$("$PARLEY" query --timeline --period year -f tsv "$TMPD/tly" | cut -f1,2 | tr '\t\n' ': ')
[ "$tl" = "period:positions 2010:2 2011:1 2012:1 " ] ; ok $? "by years, as before ($tl)"
wide=$("$PARLEY" query --timeline --period month "$ST" | awk 'length > 80' | head -n 1)
[ -z "$wide" ] && [ "$("$PARLEY" query --timeline "$ST" | head -n 1)" = "period   positions  support  oppose  propose  concern  affirm  neutral  other" ]
ok $? "the text timeline fits 80 columns, each column as wide as its header or widest value (undated) (${wide:-none wider})"
# narrower than the table, on a terminal: the stances' characters for
# headers, their legend above (the lines wrapped mid-number)
if command -v script >/dev/null 2>&1; then
	bad=
	for cols in 40 60 76; do
		t=$(COLUMNS=$cols NO_COLOR=1 script -qec "'$PARLEY' query --timeline --period month '$ST' 2>/dev/null" /dev/null 2>/dev/null | tr -d '\r')
		w=$(printf '%s\n' "$t" | awk -v c=$cols 'length > c' | head -n 1)
		n=$(printf '%s\n' "$t" | grep -c '^20[0-9][0-9]')
		[ -z "$w" ] && [ "$n" -gt 1 ] || bad="$bad $cols:[$w]"
		if [ $cols -lt 76 ]; then
			printf '%s\n' "$t" | grep -Eq '^period +pos +\+ +- +> +! += +\. +\?$' && printf '%s\n' "$t" | grep -q '+ support' &&
				printf '%s\n' "$t" | grep -q '? other' || bad="$bad $cols:narrow"
		fi
	done
	a=$("$PARLEY" query --timeline -f tsv --period month "$ST" | tail -n +2 | cut -f2- | tr '\t' ' ')
	b=$(COLUMNS=40 NO_COLOR=1 script -qec "'$PARLEY' query --timeline --period month '$ST' 2>/dev/null" /dev/null 2>/dev/null | tr -d '\r' |
		grep -E '^(20[0-9][0-9]|undated)' | awk '{ $1 = ""; sub(/^ /, ""); print }')
	[ -z "$bad" ] && [ "$a" = "$b" ] ; ok $? "a narrow terminal's timeline fits it, with the same counts (${bad:-all fit})"
else
	skip "script(1) is not installed"
fi
rm -f "$ST/zz-dates.jsonl"
# --stance other: any other value, and none, as the timeline's other
# column counts them (--stance other matched a position without one not)
printf '%s\n' '{"format":"parley/1","id":"st-other","date":"2020-05","text":"Ab cd ef.","speakers":[{"id":"sergey-lavrov","label":"Sergey Lavrov"}],"positions":[{"id":"p1","speaker":"sergey-lavrov","start":0,"end":2,"stance":"support"},{"id":"p2","speaker":"sergey-lavrov","start":3,"end":5,"stance":"odd-one"},{"id":"p3","speaker":"sergey-lavrov","start":6,"end":8}]}' >"$TMPD/st-other.jsonl"
tl=$(Q --timeline -f tsv "$TMPD/st-other.jsonl" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "other") c = i } NR > 1 { n += $c } END { print n }')
[ "$(Q -c --stance other "$TMPD/st-other.jsonl")" = 2 ] && [ "$tl" = 2 ] &&
	[ "$(Q -f tsv --stance other "$TMPD/st-other.jsonl" | sed 1d | cut -f4 | paste -sd" " -)" = "p2 p3" ] &&
	[ "$(Q -c --stance support --stance other "$TMPD/st-other.jsonl")" = 3 ] && [ "$(Q -c --stance neutral "$TMPD/st-other.jsonl")" = 0 ]
ok $? "--stance other: another value and none, the timeline's other column ($tl)"

run "$PARLEY" query --speaker nobody-at-all "$ST"
[ $rc = 2 ] && [ -z "$out" ] && case $err in *"no speaker in the corpus is named 'nobody-at-all'"*) true ;; *) false ;; esac
ok $? "a name that fits nothing: said before anything is printed (exit $rc: $err)"
run "$PARLEY" query -f json --speaker nobody-at-all "$ST"
[ $rc = 2 ] && [ -z "$out" ] ; ok $? "not even a JSON list's bracket"
run "$PARLEY" query -f json --stance concern --lang xx "$ST"
[ $rc = 1 ] && [ "$out" = "[]" ] ; ok $? "nothing matching: an empty JSON list, exit 1 ($out)"
run "$PARLEY" query -f tsv --lang xx "$ST"
[ $rc = 1 ] && [ "$out" = "$(Q -f tsv --lang xx "$ST" 2>/dev/null)" ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
ok $? "and a TSV header alone"
# text output holds its rows, not the readouts, till their widths are
# known: in memory, past a size (PARLEY_TEST_SPOOL_MEM: a few rows here)
# in a file of TMPDIR, unlinked at once; in memory again when the file
# cannot be made or written
mkdir -p "$TMPD/spool"
a=$(Q "$ST" 2>&1; echo "rc $?")
b=$("$PARLEY" query "$ST" 2>&1; echo "rc $?")
[ "$a" = "$b" ] ; ok $? "text rows held in memory: the lines of a load that holds the readouts"
b=$(PARLEY_TEST_SPOOL_MEM=300 TMPDIR="$TMPD/spool" "$PARLEY" query "$ST" 2>&1; echo "rc $?")
[ "$a" = "$b" ] && [ -z "$(ls -A "$TMPD/spool")" ] ; ok $? "past the size, in a file of TMPDIR, which is left empty"
b=$(PARLEY_TEST_SPOOL_MEM=300 TMPDIR="$TMPD/no-such-dir" "$PARLEY" query "$ST" 2>&1; echo "rc $?")
[ "$a" = "$b" ] ; ok $? "a TMPDIR that cannot take them: in memory, the same lines"
chmod 500 "$TMPD/spool"
b=$(PARLEY_TEST_SPOOL_MEM=300 TMPDIR="$TMPD/spool" "$PARLEY" query "$ST" 2>&1; echo "rc $?")
chmod 700 "$TMPD/spool"
[ "$a" = "$b" ] || [ "$(id -u)" = 0 ] ; ok $? "nor one not writable"
# (a file size limit: the rows written before it are read back)
b=$( (trap '' XFSZ; ulimit -f 4; PARLEY_TEST_SPOOL_MEM=300 "$PARLEY" query "$ST" 2>&1; echo "rc $?") )
[ "$a" = "$b" ] ; ok $? "a file that cannot be written to the end: memory again, the same lines, exit 0"

# words of text from the index cache: the bodies that cannot hold them are
# not decoded (query_may_keep), the positions of the others judged where
# the cache is decoded (query_judge); the same positions as without the
# cache, without leaving readouts out, on one thread, in both layouts.
# Texts with escapes a word runs through, a word in a summary only, one
# outside every span, a Kelvin sign, traditional Chinese for simplified,
# readouts with a second position that has not the words (or has them in
# its note only), with stances, and many readouts around them.
TC=$TMPD/textcache
mkdir -p "$TC/files"
awk 'BEGIN {
	for (i = 0; i < 400; i++) {
		t = "Filler text " i " about trade and tourism."; s = ""; e = 11
		if (i % 37 == 5) { t = "La s\\u00e9curit\\u00e9 r\\u00e9gionale et la paix."; e = 21 }
		if (i % 41 == 7) s = ",\"summary\":\"On regional SECURITY\""
		if (i % 43 == 9) { t = "Trade first. Then \\u212aaro Limadenko spoke of security."; e = 51 }
		if (i % 47 == 11) { t = "台灣 security 安全 問題"; e = 17 }
		p2 = ""
		if (i % 3 == 0) p2 = ",{\"id\":\"p2\",\"speaker\":\"s\",\"start\":0,\"end\":11,\"stance\":\"support\",\"note\":\"karo security\"}"
		if (i % 6 == 0) s = s ",\"stance\":\"oppose\""
		line = sprintf("{\"format\":\"parley/1\",\"id\":\"w%03d\",\"text\":\"%s\",\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],\"positions\":[{\"id\":\"p1\",\"speaker\":\"s\",\"start\":0,\"end\":%d%s}%s]}", i, t, e, s, p2)
		print line > "'"$TC"'/all.jsonl"
		print line > ("'"$TC"'/files/" sprintf("%03d", i) ".json")
	}
}'
sleep 2 # a file modified in the second before a load is not trusted from the cache
for where in "$TC/all.jsonl" "$TC/files"; do
	"$PARLEY" query -c --text x "$where" >/dev/null 2>&1 # the cache written
	PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --text x "$where" 2>&1 >/dev/null | grep -q "cache: \([0-9]*\) of \1 files\{0,1\} from the cache$"
	ok $? "the index cache of ${where##*/} is used"
	for words in securite "'la securite'" security karo 台湾 "'regional security'" "'Filler 12'" tourism \
		"filler --stance support" "la --stance oppose" "trade --text security --stance oppose" "security --lang en"; do
		eval "set -- --text $words"
		a=$("$PARLEY" query --no-cache -f jsonl "$@" "$where" 2>&1)
		b=$("$PARLEY" query -f jsonl "$@" "$where" 2>&1)
		c=$(PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query -f jsonl "$@" "$where" 2>&1)
		d=$(PARLEY_THREADS=1 "$PARLEY" query -f jsonl "$@" "$where" 2>&1)
		# (more threads than processors: the calling thread and the
		# workers take the cache's entries in turns, any which way)
		e=$(PARLEY_THREADS=5 "$PARLEY" query -f jsonl "$@" "$where" 2>&1)
		[ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" = "$d" ] && [ "$a" = "$e" ]
		ok $? "--text $words from the cache: the positions found without it (${where##*/}, $(printf '%s' "$a" | grep -c .))"
		# counted as they come (query_tally), not kept: the same number,
		# and the same exit status
		n=$(printf '%s' "$a" | grep -c .)
		want=$([ "$n" -gt 0 ] && echo 0 || echo 1)
		ca=$("$PARLEY" query -c --no-cache "$@" "$where"; echo "rc $?")
		cb=$("$PARLEY" query -c "$@" "$where"; echo "rc $?")
		cc=$(PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" query -c "$@" "$where"; echo "rc $?")
		cd=$(PARLEY_THREADS=1 "$PARLEY" query -c "$@" "$where"; echo "rc $?")
		ce=$(PARLEY_THREADS=5 "$PARLEY" query -c "$@" "$where"; echo "rc $?")
		[ "$cb" = "$(printf '%s\nrc %s' "$n" "$want")" ] && [ "$ca" = "$cb" ] && [ "$cc" = "$cb" ] && [ "$cd" = "$cb" ] &&
			[ "$ce" = "$cb" ]
		ok $? "  and counted from the cache: $(echo $cb)"
	done
done
[ "$("$PARLEY" query -c --text securite "$TC/all.jsonl")" = 15 ] && [ "$("$PARLEY" query -c --text tourism "$TC/files")" = 0 ] &&
	[ "$("$PARLEY" query -c --text 'regional security' "$TC/files")" = 10 ] && [ "$("$PARLEY" query -c --text karo "$TC/files")" = 10 ] &&
	[ "$("$PARLEY" query -c --text filler --stance support "$TC/all.jsonl")" = 123 ]
ok $? "and the counts expected: a word through escapes, none outside the spans, a summary's words, not a note's, a second position's"

# the keyboard's apostrophe finds the typographic one, and back (a French
# text has either), cold and from the cache
printf '%s\n' '{"format":"parley/1","id":"ap1","text":"Un sujet d\u2019int\u00e9r\u00eat commun.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":26}]}' \
	'{"format":"parley/1","id":"ap2","text":"Le r\u00f4le de l'"'"'ONU.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":17}]}' >"$TMPD/apos.jsonl"
touch -d '1 minute ago' "$TMPD/apos.jsonl"
ap() { for c in --no-cache "" ""; do "$PARLEY" query -c $c --text "$1" "$TMPD/apos.jsonl"; done | tr '\n' ' '; }
a1=$(ap "d'intérêt") a2=$(ap "D’INTERET") b1=$(ap "l'onu") b2=$(ap "l’ONU") b3=$(ap "l‘onu")
[ "$a1" = "1 1 1 " ] && [ "$a2" = "1 1 1 " ] && [ "$b1" = "1 1 1 " ] && [ "$b2" = "1 1 1 " ] && [ "$b3" = "1 1 1 " ]
ok $? "' finds ’ and ’ finds ' (cold, then from the cache: $a1/ $a2/ $b1/ $b2/ $b3)"

# a word in a position's summary and not in its text, in a script no
# other readout has: found from the cache as from the files (the set of
# bytes a readout's words are among, in its head, holds its summaries'),
# and the readouts without the script are left out unread
printf '%s\n' \
	'{"format":"parley/1","id":"sm1","text":"They met.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":9,"summary":"Лавров"}]}' \
	'{"format":"parley/1","id":"sm2","text":"They spoke.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":11}]}' \
	'{"format":"parley/1","id":"sm3","text":"Talks in Moscow.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":16,"summary":"Лавров"}]}' \
	>"$TMPD/summ.jsonl"
touch -d '1 minute ago' "$TMPD/summ.jsonl"
"$PARLEY" query -c "$TMPD/summ.jsonl" >/dev/null # (the cache written)
sm() { # the count from the file, then from the cache, and how many it left out unread
	"$PARLEY" query -c --no-cache --text "$1" "$TMPD/summ.jsonl"
	PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --text "$1" "$TMPD/summ.jsonl" 2>&1 |
		sed -n 's/^parley: skimmed: \([0-9]*\) .*/unread \1/p; /^[0-9]/p'
}
m1=$(sm лавров | tr '\n' ' ') m2=$(sm met | tr '\n' ' ') m3=$(sm 'moscow лавров' | tr '\n' ' ')
[ "$m1" = "2 unread 1 2 " ] && [ "$m2" = "1 unread 2 1 " ] && [ "$m3" = "1 unread 2 1 " ]
ok $? "words in a summary alone, or one there and one in the span, from the cache as from the file, the readouts without them left out unread ($m1/ $m2/ $m3)"

# a word whose letters a text has, and not the word, in a summary of that
# readout: from the cache, the text is looked at alone first and found
# without it, and the words looked for in the summaries alone; a word in
# the span and one in the summary still make a position
printf '%s\n' \
	'{"format":"parley/1","id":"tf1","text":"Rome: four officers met.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":24,"summary":"calls for peace"}]}' \
	'{"format":"parley/1","id":"tf2","text":"Before the forum.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":17}]}' \
	'{"format":"parley/1","id":"tf3","text":"Rome: four officers met.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":24}]}' \
	>"$TMPD/tf.jsonl"
touch -d '1 minute ago' "$TMPD/tf.jsonl"
"$PARLEY" query -c "$TMPD/tf.jsonl" >/dev/null # (the cache written)
tf() { for c in --no-cache "" ""; do "$PARLEY" query -c $c --text "$1" "$TMPD/tf.jsonl"; done | tr '\n' ' '; }
t1=$(tf for) t2=$(tf 'four for') t3=$(tf 'officers peace') t4=$(tf 'met forum')
[ "$t1" = "2 2 2 " ] && [ "$t2" = "1 1 1 " ] && [ "$t3" = "1 1 1 " ] && [ "$t4" = "0 0 0 " ]
ok $? "a word a text's letters could spell, in a summary alone, from the cache as from the file ($t1/ $t2/ $t3/ $t4)"

# a count of a word's positions, from the cache: the readouts that cannot
# have it are left out unseen, their heads read no further than their ids
# (PARLEY_CACHE_TRACE); those ids still count as taken
skim() { PARLEY_CACHE_TRACE=1 "$PARLEY" query "$@" 2>&1 >/dev/null | sed -n 's/^parley: skimmed: \([0-9]*\) .*/\1/p'; }
"$PARLEY" query -c --text securite "$TC/all.jsonl" >/dev/null
s1=$(skim -c --text securite "$TC/all.jsonl") s2=$(skim -f jsonl --text securite "$TC/all.jsonl")
s3=$(skim -c --no-cache --text securite "$TC/all.jsonl") s4=$(skim -c --text securite --speaker lavrov "$TC/all.jsonl")
[ "${s1:-0}" -gt 0 ] && [ "$s2" = 0 ] && [ "$s3" = 0 ] && [ "$s4" = 0 ]
ok $? "a count from the cache leaves out unread the readouts that cannot have the word ($s1; printing, without the cache, with a name: $s2 $s3 $s4)"
# and those that may have it are judged and counted from their bodies, their
# heads left skimmed, unless the filter asks what heads hold (a language, a
# kind, dates, an event): then read whole, the count the same as the files'
heads() { PARLEY_CACHE_TRACE=1 "$PARLEY" query -c "$@" "$TC/all.jsonl" 2>&1 >/dev/null |
	sed -n 's/^parley: skimmed: .*, \([0-9]*\) judged from .*/\1/p'; }
h1=$(heads --text securite) h2=$(heads --text securite --stance support) h3=$(heads --text securite --lang fr)
h4=$(heads --text securite --kind meeting) h5=$(heads --text securite --since 2021-07) h6=$(heads --text securite --speaker lavrov)
same=0
for f in "" "--stance support" "--lang fr" "--lang en" "--kind meeting" "--since 2021-07" "--until 2021-06"; do
	[ "$("$PARLEY" query -c --text securite $f "$TC/all.jsonl")" = "$("$PARLEY" query -c --no-cache --text securite $f "$TC/all.jsonl")" ] || same=1
done
[ "${h1:-0}" -gt 0 ] && [ "${h2:-0}" -gt 0 ] && [ "$h3" = 0 ] && [ "$h4" = 0 ] && [ "$h5" = 0 ] && [ "${h6:-0}" = 0 ] && [ $same = 0 ]
ok $? "a count of a word's positions leaves the heads skimmed unless the filter reads them ($h1 $h2; --lang, --kind, --since, a name: $h3 $h4 $h5 ${h6:-none}), the counts the files' ($same)"
# (the trace accounts for every readout: kept and let go; of those let go,
# the ones left out unread are the same whether the heads are read or not)
count_trace() { PARLEY_CACHE_TRACE=1 "$PARLEY" query -c "$@" "$TC/all.jsonl" 2>&1 >/dev/null; }
unread() { count_trace "$@" | sed -n 's/^parley: skimmed: \([0-9]*\) .*/\1/p'; }
letgo() { count_trace "$@" | sed -n 's/^parley: kept: 0 readouts, let go: \([0-9]*\)$/\1/p'; }
u1=$(unread --text securite) u2=$(unread --text securite --lang fr) l1=$(letgo --text securite) l2=$(letgo --no-cache --text securite)
[ "${u1:-0}" -gt 0 ] && [ "$u1" = "$u2" ] && [ "${l1:-0}" -gt "$u1" ] && [ "$l1" = "$l2" ]
ok $? "the trace: as many left out unread with the heads read or not ($u1 $u2), every readout let go from the cache as without it ($l1 $l2)"
printf '%s\n' '{"format":"parley/1","id":"dup","text":"Rien.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":5}]}' \
	'{"format":"parley/1","id":"dup","text":"Zanzibar.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":9}]}' \
	'{"format":"parley/1","id":"one","text":"Zanzibar aussi.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":14}]}' >"$TMPD/dupskim.jsonl"
touch -d '1 minute ago' "$TMPD/dupskim.jsonl" # (trusted from the cache: not modified in the last second)
"$PARLEY" query -c --text zanzibar "$TMPD/dupskim.jsonl" >/dev/null 2>&1
a=$("$PARLEY" query -c --text zanzibar "$TMPD/dupskim.jsonl" 2>&1) s=$(skim -c --text zanzibar "$TMPD/dupskim.jsonl")
echo "$a" | grep -q "readout dup: id: already the id of the readout on line 1 of .* (line 2)$" && [ "$(echo "$a" | tail -n 1)" = 1 ] && [ "$s" = 1 ]
ok $? "a readout left out unread still holds its id: the next with it is a duplicate ($(echo $a), skimmed $s)"

# a word with what is not seen inside it (a soft hyphen, as pages copied
# from a ministry's site have, a zero-width space): found, from the cache too
printf '%s\n' '{"format":"parley/1","id":"sh","text":"La coop\u00e9\u00adration et la s\u00e9\u200bcurit\u00e9.","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":32}]}' >"$TMPD/shy.jsonl"
sleep 1 # (trusted from the cache once older than a second)
[ "$(Q -c --text cooperation "$TMPD/shy.jsonl")" = 1 ] && [ "$(Q -c --text 'Sécurité' "$TMPD/shy.jsonl")" = 1 ] &&
	"$PARLEY" query -c --text securite "$TMPD/shy.jsonl" >/dev/null &&
	[ "$("$PARLEY" query -c --text cooperation "$TMPD/shy.jsonl")" = 1 ] &&
	[ "$("$PARLEY" query -c --text securite "$TMPD/shy.jsonl")" = 1 ]
ok $? "a word with a soft hyphen or a zero-width space inside is found"

# a count with no words and no names: every readout judged and counted as
# it comes, and none held (PARLEY_CACHE_TRACE says how many were), with the
# rows' number, with the cache and without, on one thread and five
for where in "$TC/all.jsonl" "$TC/files" "$S"; do
	for f in "" "--stance support" "--stance oppose --lang en" "--review pending" "--lang fr" "--since 2021-07 --until 2021"; do
		rows=$("$PARLEY" query -f jsonl $f "$where" 2>/dev/null | grep -c .)
		want=$([ "$rows" -gt 0 ] && echo 0 || echo 1)
		ca=$("$PARLEY" query -c --no-cache $f "$where" 2>/dev/null; echo "rc $?")
		cb=$("$PARLEY" query -c $f "$where" 2>/dev/null; echo "rc $?")
		cd=$(PARLEY_THREADS=1 "$PARLEY" query -c $f "$where" 2>/dev/null; echo "rc $?")
		ce=$(PARLEY_THREADS=5 "$PARLEY" query -c --no-cache $f "$where" 2>/dev/null; echo "rc $?")
		kept=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c $f "$where" 2>&1 >/dev/null | sed -n 's/^parley: kept: \([^,]*\),.*/\1/p')
		keptc=$(PARLEY_CACHE_TRACE=1 "$PARLEY" query -c --no-cache $f "$where" 2>&1 >/dev/null |
			sed -n 's/^parley: kept: \([^,]*\),.*/\1/p')
		[ "$cb" = "$(printf '%s\nrc %s' "$rows" "$want")" ] && [ "$ca" = "$cb" ] && [ "$cd" = "$cb" ] &&
			[ "$ce" = "$cb" ] && [ "$kept" = "0 readouts" ] && [ "$keptc" = "0 readouts" ]
		ok $? "query -c ${f:-(no filter)} on ${where##*/}: the rows' number ($(echo $cb)), none held ($kept, $keptc)"
	done
done
# a name to resolve: counted as the readouts come, as printed, none held
for f in "$S"/*.json; do tr -d '\n' <"$f"; echo; done >"$S/../all-samples.jsonl"
touch -d '2020-01-01 00:00:00' "$S/../all-samples.jsonl" # (not changed in the second before the load: cached)
# (the readouts that had it were held: 195 MB for a count of 20000)
bad=
for f in "--speaker lavrov" "--speaker lavrov --topic afghanistan" "--topic covid-19 --stance support" "--agreement sco-charter" "-s 'wang yi' --text securite" "-s nobody-x"; do
	for where in "$S" "$S/../all-samples.jsonl"; do
		kept=$(eval "PARLEY_CACHE_TRACE=1 \"\$PARLEY\" query -c $f \"\$where\"" 2>&1 >/dev/null | sed -n 's/^parley: kept: \([^,]*\),.*/\1/p' | tail -n 1)
		a=$(eval "\"\$PARLEY\" query -c $f \"\$where\"" 2>&1; echo "rc $?")
		b=$(eval "\"\$PARLEY\" query -f jsonl $f \"\$where\"" 2>&1 | grep -c '^{'; eval "\"\$PARLEY\" query -f jsonl $f \"\$where\"" >/dev/null 2>&1; echo "rc $?")
		c=$(eval "\"\$PARLEY\" query -c --no-cache $f \"\$where\"" 2>&1; echo "rc $?")
		case $f in *nobody*) [ "$a" = "$c" ] ;; *) [ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$kept" = "0 readouts" ] ;; esac ||
			bad="$bad [$f ${where##*/}: $a | $b | $c | $kept]"
	done
done
[ -z "$bad" ] ; ok $? "query -c with names: the rows' number, none held, as without the cache:${bad:- all}"

a=$("$PARLEY" stats --no-cache --text security "$TC/all.jsonl" 2>&1)
b=$("$PARLEY" stats --text security "$TC/all.jsonl" 2>&1)
[ -n "$a" ] && [ "$a" = "$b" ] ; ok $? "stats --text: the same from the cache"

# on a terminal: the text is cut to its width, never the readout's id
if command -v script >/dev/null 2>&1; then
	tty_out=$(COLUMNS=60 NO_COLOR=1 script -qec "'$PARLEY' query --no-cache --topic covid-19 '$S'" /dev/null 2>/dev/null |
		sed 's/\x1b\[[0-9;]*m//g' | tr -d '\r')
	want_ids=$(Q -f tsv --topic covid-19 "$S" | awk -F'\t' 'NR > 1 { print $1 }' | sort -u)
	got_ids=$(printf '%s\n' "$tty_out" | grep -v '^ ' | awk '{ print $1 }' | sort -u)
	[ -n "$want_ids" ] && [ "$got_ids" = "$want_ids" ] ; ok $? "query on a 60-column terminal prints whole readout ids"
	printf '%s\n' "$tty_out" | grep -q '…' ; ok $? "and cuts the text column instead"
	# too narrow for the text beside the other columns (40 at least): each
	# row in two lines, the text indented under the others, cut to the
	# width; the columns the first line has no room for open the second,
	# or are a line of their own (they went without a word): here three
	rows=$(Q --topic covid-19 "$S" | grep -c .)
	texts=$(printf '%s\n' "$tty_out" | grep -c '^    [^ ]')
	short=$(printf '%s\n' "$tty_out" | grep '^    [^ ]' | while IFS= read -r l; do [ "$(printf '%s' "$l" | wc -m)" -ge 40 ] || echo x; done | grep -c x)
	meta=$(printf '%s\n' "$tty_out" | grep -cE '^    [^ ].*  (support|oppose|propose|concern|affirm|neutral|other|-) +(pending|accepted|rejected)$')
	[ "$texts" = $((2 * rows)) ] && [ "$meta" = "$rows" ] && [ "$(printf '%s\n' "$tty_out" | grep -c .)" = $((3 * rows)) ] && [ "$short" -le "$rows" ]
	ok $? "at 60 columns each of the $rows rows is three lines, the stance and review whole, its text under them ($texts indented, $meta with both, $short short)"
	# a short speaker column stays on the first line: the stance and
	# review open the text's line
	t=$(COLUMNS=60 NO_COLOR=1 script -qec "'$PARLEY' query --no-cache -s lavrov '$S' 2>/dev/null" /dev/null 2>/dev/null | tr -d '\r')
	n=$(Q -s lavrov "$S" | grep -c .)
	m=$(printf '%s\n' "$t" | grep -cE '^    (support|oppose|propose|concern|affirm|neutral|other|-) +(pending|accepted|rejected) +[^ ]')
	[ "$n" -gt 0 ] && [ "$m" = "$n" ] && [ "$(printf '%s\n' "$t" | grep -c .)" = $((2 * n)) ]
	ok $? "at 60 columns, -s lavrov: two lines, the stance and review opening the second ($m of $n)"
	# at 40 the review was cut to an ellipsis: the columns that fit whole
	# have a line, the rest open the text's, every stance and review whole
	t=$(COLUMNS=40 NO_COLOR=1 script -qec "'$PARLEY' query --no-cache -s lavrov '$S' 2>/dev/null" /dev/null 2>/dev/null | tr -d '\r')
	st=$(printf '%s\n' "$t" | grep -cE '(^    |  )(support|oppose|propose|concern|affirm|neutral|other|-)( |$)')
	rv=$(printf '%s\n' "$t" | grep -cE '(^    |  )(pending|accepted|rejected)( |$)')
	w=$(printf '%s\n' "$t" | grep '^ ' | perl -CS -ne 'chomp; print "$_\n" if length($_) > 40' | head -n 1)
	[ "$st" = "$n" ] && [ "$rv" = "$n" ] && [ -z "$w" ] && [ "$(printf '%s\n' "$t" | grep -c .)" = $((3 * n)) ]
	ok $? "at 40 columns, every stance and review whole, three lines a row ($st, $rv of $n)"
	# at 20 to 30 a column that does not fit where the line is goes on the
	# next, and so does a text left less than 12 (at 20 a line was 21 wide,
	# the review dropped, the text one cell)
	bad=
	for cols in 20 24 30; do
		t=$(COLUMNS=$cols NO_COLOR=1 script -qec "'$PARLEY' query --no-cache -s lavrov '$S' 2>/dev/null" /dev/null 2>/dev/null | tr -d '\r')
		w=$(printf '%s\n' "$t" | grep '^ ' | perl -CS -ne "chomp; s/ +\$//; print \"\$_\\n\" if length(\$_) > $cols" | head -n 1)
		rv=$(printf '%s\n' "$t" | grep -cE '(^    |  )(pending|accepted|rejected)( |$)')
		short=$(printf '%s\n' "$t" | grep -E '^    [A-Z]' | perl -CS -ne 'chomp; print "x\n" if length($_) < 12' | grep -c x)
		[ -z "$w" ] && [ "$rv" = "$n" ] || bad="$bad $cols:[$w]($rv)"
	done
	[ -z "$bad" ] ; ok $? "at 20 to 30 columns no line past the width, every review there:${bad:- all}"
	wide_out=$(COLUMNS=200 NO_COLOR=1 script -qec "'$PARLEY' query --no-cache --topic covid-19 '$S'" /dev/null 2>/dev/null | tr -d '\r')
	[ "$(printf '%s\n' "$wide_out" | grep -c .)" = "$rows" ] && ! printf '%s\n' "$wide_out" | grep -q '^ '
	ok $? "at 200 columns one line a row"
	# the first lines aligned (the ids padded), their columns whole or left
	# out (the speaker cut, to 12 at least); from 80 columns, every one
	at=$(printf '%s\n' "$tty_out" | grep -v '^ ' | awk '{ print index($0, " 20") }' | sort -u | wc -l)
	tty80=$(COLUMNS=80 NO_COLOR=1 script -qec "'$PARLEY' query --no-cache --topic covid-19 '$S'" /dev/null 2>/dev/null | tr -d '\r')
	stances=$(printf '%s\n' "$tty80" | grep -v '^ ' | grep -cE '  (support|oppose|propose|concern|affirm|neutral|other|-)( |$)')
	[ "$at" = 1 ] && [ "$stances" = "$rows" ] ; ok $? "two lines: the columns aligned ($at), at 80 every stance whole ($stances of $rows)"
	tty100=$(COLUMNS=100 NO_COLOR=1 script -qec "'$PARLEY' query --no-cache --topic covid-19 '$S'" /dev/null 2>/dev/null | tr -d '\r')
	[ "$(printf '%s\n' "$tty100" | grep -c .)" = $((2 * rows)) ] ; ok $? "at 100 columns still two lines: beside the others the text would have less than 40"
	# no line wider than the terminal, at widths around the columns' sum
	# (in terminal cells: a Chinese character takes two; perl-base is on
	# every Debian system)
	wide=""
	for cols in 40 50 60 72 76 78 80 82 90 100 120; do
		for f in "--text security" "--lang zh"; do
			m=$(COLUMNS=$cols NO_COLOR=1 script -qec "'$PARLEY' query --no-cache $f '$S'" /dev/null 2>/dev/null |
				sed 's/\x1b\[[0-9;]*m//g' | tr -d '\r' |
				perl -CS -ne 'chomp; my $w = 0; $w += /\p{EA=W}|\p{EA=F}/ ? 2 : 1 for split //; print "$w\n"' | sort -n | tail -1)
			[ "${m:-999}" -le "$cols" ] || wide="$wide $cols($f):$m"
		done
	done
	[ -z "$wide" ] ; ok $? "no line wider than the terminal at 40 to 120 columns, in cells, Chinese too:$wide"
else
	skip "script(1) is not installed: no terminal to print to"
	for _ in 1 2 3 4 5 6; do skip "script(1) is not installed"; done
fi

# --- stats ---------------------------------------------------------------------
run "$PARLEY" stats --no-cache "$S"
ok $rc "stats exits 0"
# on a terminal: every id whole (they name entities for the next command),
# a label beside it only with 20 columns, else on a line of its own
if command -v script >/dev/null 2>&1; then
	ids=$("$PARLEY" stats -f tsv --top 100 "$S" | awk -F'\t' 'NR > 1 && $1 != "review" && $1 != "count" && $2 != "" { print $2 }' | sort -u)
	bad=
	for cols in 50 60 80 120; do
		t=$(COLUMNS=$cols NO_COLOR=1 script -qec "'$PARLEY' stats --top 100 '$S'" /dev/null 2>/dev/null | tr -d '\r')
		shown=$(printf '%s\n' "$t" | awk '/^ +[0-9]+ +[0-9]+  / { print $3 }' | sort -u)
		short=$(printf '%s\n' "$t" | awk '/^ +[0-9]+ +[0-9]+  / && NF > 3' | grep '…' |
			perl -CS -ne 'chomp; s/^ +\d+ +\d+  \S+ +//; my $w = 0; $w += /\p{EA=W}|\p{EA=F}/ ? 2 : 1 for split //; print "$w\n" if $w < 20' | head -n 1)
		[ "$shown" = "$ids" ] && [ -z "$short" ] || bad="$bad $cols"
	done
	[ -n "$ids" ] && [ -z "$bad" ] ; ok $? "stats on a terminal: ids whole, labels beside them 20 columns or more, at 50 to 120 (bad:${bad:- none})"
else
	skip "script(1) is not installed"
fi
echo "$out" | grep -q '^readouts   7 in 6 files' ; ok $? "counts readouts and files"
echo "$out" | grep -q "^positions  $all:" ; ok $? "counts positions"
echo "$out" | grep -q 'wang-yi' ; ok $? "lists top speakers"
if [ $have_jq = 1 ]; then
	run "$PARLEY" stats -f json "$S"
	printf '%s' "$out" | jq -e . >/dev/null ; ok $? "stats json is JSON"
	[ "$(printf '%s' "$out" | jq .positions.total)" = "$all" ] ; ok $? "with the positions"
	[ "$(printf '%s' "$out" | jq '.positions.pending + .positions.accepted + .positions.rejected')" = "$all" ] ; ok $? "by review state"
	[ "$(printf '%s' "$out" | jq -r '.speakers.top[0].id')" = wang-yi ] ; ok $? "the top speaker first"
	[ "$(printf '%s' "$out" | jq '.topics.top | length')" = 10 ] ; ok $? "ten topics by default"
	run "$PARLEY" stats -f json --top 0 "$S"
	[ "$(printf '%s' "$out" | jq '.topics.top | length')" = "$(printf '%s' "$out" | jq '.topics.count')" ] ; ok $? "--top 0 lists all"
	wr=$(printf '%s' "$out" | jq '.speakers.top[] | select(.id == "wang-yi") | .positions')
	[ "$wr" = "$(count --speaker wang-yi)" ] ; ok $? "a speaker's count is what query counts"
fi
# labels do not depend on the filters: the corpus's, on every line
l1=$("$PARLEY" stats --no-cache -n 0 "$S" 2>/dev/null | awk '$3 == "vladimir-putin"' | sed 's/.*putin *//')
l2=$("$PARLEY" stats --no-cache -n 0 --topic afghanistan "$S" 2>/dev/null | awk '$3 == "vladimir-putin"' | sed 's/.*putin *//')
[ -n "$l1" ] && [ "$l1" = "$l2" ] ; ok $? "stats: a speaker's label is the same with a filter ($l1, $l2)"
n=$(Q --speaker Лавров "$S" 2>/dev/null | awk '{print $3}' | grep -c '^Sergey$')
[ "$n" = "$(Q -f json --speaker Лавров "$S" 2>/dev/null | jq '[.[] | select(.speaker.id == "sergey-lavrov")] | length')" ]
ok $? "query: Lavrov's own positions all show one label, whatever their readout's language ($n)"

# stats as TSV: a header, the corpus's totals, the review states, the entities
run "$PARLEY" stats --no-cache -f tsv -n 0 "$S"
ok $rc "stats -f tsv exits 0"
[ "$(printf '%s\n' "$out" | head -1)" = "$(printf 'kind\tid\tlabel\tpositions\treadouts')" ] ; ok $? "stats tsv header"
bad=$(printf '%s\n' "$out" | awk -F'\t' 'NF != 5' | wc -l)
[ "$bad" = 0 ] ; ok $? "stats tsv: five fields on every row"
[ "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "corpus" { print $4 }')" = "$all" ] ; ok $? "stats tsv: the corpus's positions ($all)"
rv=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "review" { n += $4 } END { print n }')
[ "$rv" = "$all" ] ; ok $? "stats tsv: the review states add up to them"
printf '%s\n' "$out" | grep -q "$(printf '^speaker\tsergey-lavrov\t')" ; ok $? "stats tsv: a speaker row by id"
is "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "count" { printf "%s=%s ", $2, $5 }')" \
	"files=$(ls "$S"/*.json "$S"/*.jsonl 2>/dev/null | wc -l | tr -d ' ') invalid=0 warnings=0 lines-not-read=0 paths-not-read=0 " \
	"stats tsv: the counts text and JSON give beside the readouts (files, invalid...)"
if [ $have_jq = 1 ]; then
	run "$PARLEY" stats --no-cache -f json -n 0 "$S"
	jn=$(printf '%s' "$out" | jq '.topics.count')
	run "$PARLEY" stats --no-cache -f tsv -n 0 "$S"
	[ "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "topic"' | wc -l)" = "$jn" ] ; ok $? "stats tsv lists as many topics as json ($jn)"
fi
run "$PARLEY" stats --no-cache -f tsv -n 2 --speaker lavrov "$S"
[ "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "speaker"' | wc -l)" -le 2 ] ; ok $? "stats tsv: --top and the filters apply"

# stats without filters counts each readout as it comes and holds none:
# the counts, labels and exit status of a load that holds every readout,
# with duplicates, invalid readouts and groups, in three languages, from
# the cache or not
mkdir -p "$TMPD/census"
cp "$S"/*.json* "$W"/*.json* "$TMPD/census/" 2>/dev/null
cp "$S/calls-2021.jsonl" "$TMPD/census/again.jsonl"
printf '{"format":"parley/1","id":"broken","text":"x","positions":[{"id":"p","speaker":"nobody","start":0,"end":1}]}\n' >"$TMPD/census/zz-broken.json"
touch -d '1 minute ago' "$TMPD/census"/*
same=0
for l in C.UTF-8 fr_FR.UTF-8 zh_TW.UTF-8; do
	for f in text "tsv -n 0" "json -n 3"; do
		want=$(LANG=$l PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" stats --no-cache -f $f "$TMPD/census" 2>&1; echo "rc $?")
		for cache in --no-cache "" ""; do
			got=$(LANG=$l "$PARLEY" stats $cache -f $f "$TMPD/census" 2>&1; echo "rc $?")
			[ "$got" = "$want" ] || { same=1; echo "# $l $f $cache: $got | $want"; }
		done
	done
done
ok $same "stats without filters: what a load that holds every readout says"
tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" stats "$TMPD/census" 2>&1 >/dev/null)
echo "$tr" | grep -q "^parley: kept: 0 readouts, let go: [1-9]" ; ok $? "and holds none ($(echo "$tr" | grep kept))"
echo "$want" | grep -q "rc 1" && echo "$want" | grep -q "already the id of the readout on line" ; ok $? "(with an invalid readout and duplicates)"

# stats with filters counts the readouts they keep as they come, and
# holds none either (the names table beside the cache giving the labels;
# without it, a first load notes them): what a load that holds every
# readout says, in every format and language, with an invalid readout
# and duplicates
same=0 streamed=0
for args in "--lang fr" "--speaker lavrov" "--speaker 'Сергей Лавров' --topic afghanistan" "--text securite" \
	"--review pending" "--review rejected" "--speaker wang-yi --speaker lavrov --all-speakers" \
	"--stance concern --since 2021"; do
	eval "set -- $args"
	# (each format in a language of its own)
	for fl in text:C.UTF-8 "tsv -n 0:fr_FR.UTF-8" "json -n 3:zh_TW.UTF-8"; do
		f=${fl%%:*} l=${fl#*:}
		want=$(LANG=$l PARLEY_QUERY_NO_PREFILTER=1 "$PARLEY" stats --no-cache -f $f "$@" "$TMPD/census" 2>&1; echo "rc $?")
		for cache in --no-cache "" ""; do
			got=$(LANG=$l "$PARLEY" stats $cache -f $f "$@" "$TMPD/census" 2>&1; echo "rc $?")
			[ "$got" = "$want" ] || { same=1; echo "# $args $l $f $cache: $got | $want"; }
		done
	done
	tr=$(PARLEY_CACHE_TRACE=1 "$PARLEY" stats "$@" "$TMPD/census" 2>&1 >/dev/null)
	echo "$tr" | grep -q "^parley: streamed: .*none held$" && echo "$tr" | grep -q "^parley: kept: 0 readouts" &&
		streamed=$((streamed + 1)) || echo "# $args: $tr"
done
ok $same "stats with filters, counted as they come: what a load that holds every readout says"
[ $streamed = 8 ] ; ok $? "and it holds none ($streamed of 8)"

# stats takes query's filters, and names resolve the same way
if [ $have_jq = 1 ]; then
	run "$PARLEY" stats --no-cache -f json -n 0 --speaker Lavrov --topic afghanistan "$S"
	ok $rc "stats with filters exits 0"
	[ "$(printf '%s' "$out" | jq .positions.total)" = "$(count --speaker Lavrov --topic afghanistan)" ] ; ok $? "stats counts the positions query finds"
	[ "$(printf '%s' "$out" | jq -r '.topics.top[0].id')" = afghanistan ] ; ok $? "and ranks the entities by their matching positions"
	n=$(printf '%s' "$out" | jq '[.speakers.top[] | select(.positions == 0)] | length')
	[ "$n" = 0 ] ; ok $? "leaving out those with none"
	[ "$(printf '%s' "$out" | jq .filtered)" = true ] ; ok $? "and says it was filtered"
	c1=$("$PARLEY" stats --no-cache -f json --speaker 'Сергей Лавров' "$S" 2>/dev/null | jq .positions.total)
	[ "$c1" = "$(count --speaker lavrov)" ] ; ok $? "a Russian label in stats, as in query"
fi
run "$PARLEY" stats --no-cache --speaker Lavrof "$S"
[ $rc = 2 ] && echo "$err" | grep -q "stats: no speaker in the corpus is named 'Lavrof'; did you mean" ; ok $? "stats: an unknown name exits 2 with suggestions"
run "$PARLEY" stats --no-cache "$S" "$TMPD/amb.json" "$W"
ok $rc "stats exits 0 when every readout loads"
printf '{"format":"parley/1","id":"broken","text":"x","positions":[{"id":"p","speaker":"nobody","start":0,"end":1}]}\n' >"$TMPD/broken.json"
run "$PARLEY" stats --no-cache "$S" "$TMPD/broken.json"
ok $((rc != 1)) "stats exits 1 when a readout could not be loaded (as validate does)"
# whatever made it fail, with the filters, the formats and the index cache
printf '{"format":"parley/1","id":"ok-line","text":"x"}\n{"format":"parley/1",\n' >"$TMPD/torn.jsonl"
printf '' >"$TMPD/empty.json"
for bad in "$TMPD/broken.json" "$TMPD/torn.jsonl" "$TMPD/empty.json"; do
	name=$(basename "$bad")
	for opts in "--no-cache" "" "" "--speaker lavrov" "-f json --topic afghanistan"; do
		run "$PARLEY" stats $opts "$S" "$bad"
		[ $rc = 1 ] || { diag "stats $opts ... $name: exit $rc"; break; }
	done
	ok $((rc != 1)) "stats exits 1 with $name: filtered or not, from the index cache or not"
	run "$PARLEY" validate -q "$S" "$bad"
	ok $((rc != 1)) "as validate does"
done
run "$PARLEY" stats --no-cache "$S" "$TMPD/no-such-file.json"
ok $((rc != 2)) "stats exits 2 when a path cannot be read (as validate and query do)"
run "$PARLEY" stats --format xml "$S"
ok $((rc != 2)) "stats: an unknown format exits 2"
run "$PARLEY" stats
ok $((rc != 2)) "stats: no path exits 2"

# --- a large JSON Lines file ------------------------------------------------
# the samples' .jsonl readouts repeated (ids made unique) to more than the
# 1 MB split among threads and the 4 MB read in one block when streaming,
# with a line that is not JSON in the middle: the same count and messages
# with one thread and several, with the index cache and without (read in
# blocks then), and validate names the exact line
big=$TMPD/big/all.jsonl
mkdir -p "$TMPD/big"
cat "$S"/*.jsonl | grep -v '^[[:space:]]*$' >"$TMPD/one.jsonl"
n1=$(wc -l <"$TMPD/one.jsonl")
reps=$(( 12000000 / $(wc -c <"$TMPD/one.jsonl") + 1 ))
awk -v reps="$reps" 'NR == FNR { l[NR] = $0; n = NR; next } END {
	for (r = 1; r <= reps; r++) {
		for (i = 1; i <= n; i++) { s = l[i]; sub(/"id": *"/, "&b" r "-", s); print s }
		if (r == int(reps / 2)) print "{\"format\": \"parley/1\", \"id\": ,}"
	}
}' "$TMPD/one.jsonl" /dev/null >"$big"
badline=$(( n1 * (reps / 2) + 1 ))
c1=$(PARLEY_THREADS=1 "$PARLEY" query --no-cache -c "$big" 2>"$TMPD/e1")
c2=$(PARLEY_THREADS=4 "$PARLEY" query --no-cache -c "$big" 2>"$TMPD/e2")
sleep 1 # a file modified in the last second is not trusted from the cache
"$PARLEY" query -c "$big" >/dev/null 2>&1 # writes the cache
c3=$("$PARLEY" query -c "$big" 2>"$TMPD/e3")
c4=$(PARLEY_THREADS=1 "$PARLEY" query -c "$big" 2>/dev/null)
[ -n "$c1" ] && [ "$c1" -gt 0 ] && [ "$c1" = "$c2" ] && [ "$c1" = "$c3" ] && [ "$c1" = "$c4" ]
ok $? "a large .jsonl: the same count on 1 and 4 threads, with the cache and without ($c1, $c2, $c3, $c4)"
cmp -s "$TMPD/e1" "$TMPD/e2" && cmp -s "$TMPD/e1" "$TMPD/e3" && grep -q "all.jsonl:$badline:" "$TMPD/e1"
ok $? "and the same messages, the bad line's number exact ($badline)"
run env PARLEY_THREADS=4 "$PARLEY" validate "$big"
printf '%s\n' "$err" | grep -q "all.jsonl:$badline:" && [ $rc = 1 ] &&
	[ "$out" = "$(( n1 * reps + 1 )) readouts in 1 file: $(( n1 * reps )) valid, 1 invalid" ]
ok $? "validate, streamed: the bad line ($badline) and the counts ($out)"

# a plain readout named where readouts in parley's format are read: said
# so, with what drafts one from it (its text is not called bad JSON)
printf 'Lavrov met Wang Yi in Moscow.\n' >"$TMPD/plain.txt"
run "$PARLEY" query -c "$S" "$TMPD/plain.txt"
[ $rc = 2 ] && [ "$out" = "$(Q -c "$S")" ] && printf '%s\n' "$err" | grep -q "plain.txt: a plain readout, not one in parley's format: not read (parley extract drafts one" &&
	! printf '%s\n' "$err" | grep -q JSON
ok $? "a plain readout given to query is said to be one, the others counted ($rc: $err)"
# a directory of plain readouts alone: said, by each command (silent
# before: nothing matched, or "0 readouts in 0 files: all valid"); beside
# readouts in parley's format (a README.txt in a corpus), not
mkdir -p "$TMPD/plaindir/sub" "$TMPD/mixdir"
printf 'Lavrov met Wang Yi.\n' >"$TMPD/plaindir/a.txt"
printf '<p>Wang Yi met Lavrov.</p>\n' >"$TMPD/plaindir/sub/b.html"
said="parley: no readout (.json, .jsonl) in the directories given, only plain ones (.txt, .html): 'parley extract FILE...' drafts readouts of them"
for cmd in "query" "query -c" "query -f jsonl --text lavrov" "stats" "validate" "validate -q"; do
	run "$PARLEY" $cmd "$TMPD/plaindir"
	# (the exit status of nothing found, every command's: stats and
	# validate exited 0)
	[ $rc = 1 ] && [ "$err" = "$said" ] ; ok $? "$cmd on a directory of plain readouts alone says why nothing came, exit 1 ($rc: $err)"
done
[ ${#said} -le 150 ] ; ok $? "the note is one line a reader takes in (${#said} characters)"
run "$PARLEY" validate "$TMPD/plaindir"
[ $rc = 1 ] && [ "$out" = "0 readouts in 0 files: none to validate" ] ; ok $? "validate: none to validate, not all valid ($rc: $out)"
run "$PARLEY" query -c "$TMPD/plaindir/sub"
[ $rc = 1 ] && [ "$out" = 0 ] ; ok $? "query's: nothing matched ($rc: $out)"
cp "$S"/*.json "$TMPD/mixdir/" && cp "$TMPD/plaindir/a.txt" "$TMPD/mixdir/README.txt"
run "$PARLEY" query -c "$TMPD/mixdir"
[ $rc = 0 ] && [ -z "$err" ] && [ "$out" = "$(Q -c "$S"/*.json)" ] ; ok $? "beside readouts, plain files are not spoken of ($rc: $err)"
# the browser drafts the plain readouts of a directory, but not its
# documentation (a README.txt became a readout, and w saved README.json
# into the corpus); named on the command line, it is drafted as asked
cp "$TMPD/plaindir/a.txt" "$TMPD/mixdir/call.txt" && cp "$TMPD/plaindir/a.txt" "$TMPD/mixdir/LICENSE.md.txt"
run "$PARLEY" "$TMPD/mixdir"
n_json=$(ls "$TMPD/mixdir"/*.json | wc -l)
[ $rc = 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" = $((n_json + 1)) ] && printf '%s\n' "$out" | grep -q ' call ' &&
	! printf '%s\n' "$out" | grep -q 'README\|LICENSE' ; ok $? "the browser drafts call.txt, not README.txt nor LICENSE.md.txt ($rc)"
run "$PARLEY" "$TMPD/mixdir/README.txt"
[ $rc = 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] ; ok $? "README.txt named: drafted as asked ($rc: $out)"
# two texts that would be saved as one NAME.json (call.txt, call.html):
# the first drafted, the second not, and said (w wrote the first's draft,
# then refused the second's as "made on disk since", and the next start
# took the second text as saved)
mkdir -p "$TMPD/twin"
cp "$TMPD/plaindir/a.txt" "$TMPD/twin/call.txt" && cp "$top_srcdir/tests/extract/pages/zh-mfa-page.html" "$TMPD/twin/call.html"
run "$PARLEY" "$TMPD/twin"
[ $rc = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] &&
	[ "$err" = "parley: $TMPD/twin/call.txt: not drafted: $TMPD/twin/call.html is drafted as $TMPD/twin/call.json already (rename one)" ]
ok $? "call.txt and call.html: one drafted as call.json, the other said ($rc: $err)"
rm -f "$TMPD/mixdir/call.txt" "$TMPD/mixdir/LICENSE.md.txt"
ln -s "$TMPD/nowhere.json" "$TMPD/plaindir/dangling.json"
run "$PARLEY" query -c "$TMPD/plaindir"
[ $rc = 2 ] && printf '%s\n' "$err" | grep -q "dangling.json" && ! printf '%s\n' "$err" | grep -q "no readout" ; ok $? "a file of readouts that cannot be read: that is said, not that there is none ($rc: $err)"
rm -f "$TMPD/plaindir/dangling.json"
mkdir -p "$TMPD/emptydir/sub"
run "$PARLEY" query -c "$TMPD/emptydir"
[ $rc = 1 ] && [ "$err" = "parley: no readout (.json, .jsonl) in the directories given" ] ; ok $? "an empty directory: said ($rc: $err)"
run "$PARLEY" validate "$TMPD/emptydir"
[ $rc = 1 ] && [ "$out" = "0 readouts in 0 files: none to validate" ] && [ "$err" = "parley: no readout (.json, .jsonl) in the directories given" ]
ok $? "validate of an empty directory: none to validate, said why ($rc: $out)"
run "$PARLEY" stats "$TMPD/emptydir"
[ $rc = 1 ] && [ "$err" = "parley: no readout (.json, .jsonl) in the directories given" ] ; ok $? "stats of an empty directory: said, exit 1 as nothing found ($rc: $err)"
run "$PARLEY" query -c "$TMPD/emptydir" "$S"
[ $rc = 0 ] && [ -z "$err" ] ; ok $? "beside readouts given, an empty directory is not spoken of ($rc: $err)"

# ICU and libxml2 are opened when first needed (dynload.h): a query never
# has them in the process, warm or parsing the readouts (whose language
# codes are checked against parley's table of ICU's list)
loaded() { # loaded COMMAND...: the libraries the dynamic loader opened for it
	LD_DEBUG=files "$@" 2>&1 >/dev/null |
		sed -n 's/^[[:space:]]*[0-9]*:[[:space:]]*file=\(lib[^ ]*\) .*/\1/p' | sort -u | tr '\n' ' '
}
"$PARLEY" query -c "$S" >/dev/null 2>&1 # (the cache written)
warm=$(loaded "$PARLEY" query -c --text securite -s lavrov "$S")
cold=$(loaded "$PARLEY" query -c --no-cache "$S")
case $warm in *libicu* | *libxml2*) false ;; *libcjson*) true ;; *) false ;; esac
ok $? "a warm query opens neither ICU nor libxml2 (${warm:-LD_DEBUG said nothing})"
case $cold in *libicu* | *libxml2*) false ;; *libcjson*) true ;; *) false ;; esac
ok $? "nor does a query that parses the readouts ($cold)"
printf 'Москва, 3 марта 2024 года.\n\nМинистр иностранных дел Сергей Лавров провёл переговоры с Пётром Бжезинским. Пётр Бжезинский заявил, что сотрудничество важно.\n' >"$TMPD/ru-plain.txt"
drafted=$(loaded "$PARLEY" extract "$TMPD/ru-plain.txt")
case $drafted in *libicui18n*) true ;; *) false ;; esac
ok $? "drafting a readout whose speaker has a Cyrillic name opens ICU, for the id ($drafted)"

# ICU that cannot be opened (a file of its name that is no library): the
# work is done without it, and said once it is; language codes are
# checked the same (parley's table)
icu_so=$(sed -n 's/^#define ICU_SONAME "\(.*\)"$/\1/p' "$(dirname "$PARLEY")/config.h" 2>/dev/null)
if [ -n "$icu_so" ]; then
	mkdir -p "$TMPD/noicu" && : >"$TMPD/noicu/$icu_so"
	printf '{"format":"parley/1","id":"q1","lang":"qz","text":"a"}\n' >"$TMPD/qz.jsonl"
	run "$PARLEY" validate "$TMPD/qz.jsonl"
	case $out in *"1 warning"*) true ;; *) false ;; esac
	ok $? "an unassigned language code is a warning ($out)"
	run env LD_LIBRARY_PATH="$TMPD/noicu" "$PARLEY" validate "$TMPD/qz.jsonl"
	[ $rc = 0 ] && [ "$out" = "1 readout in 1 file: all valid, 1 warning" ] &&
		printf '%s\n' "$err" | grep -q 'lang: warning: "qz" is not an assigned language code' &&
		! printf '%s\n' "$err" | grep -q "ICU"
	ok $? "without ICU too, and nothing is said of ICU, which it did not need ($out; $err)"
	run env LD_LIBRARY_PATH="$TMPD/noicu" "$PARLEY" extract "$TMPD/ru-plain.txt"
	[ $rc = 0 ] && printf '%s\n' "$out" | grep -q '"id": "speaker-' &&
		printf '%s\n' "$err" | grep -q "^parley: warning: ICU could not be opened (.*$icu_so.*): ids keep only a label's ASCII letters and digits$"
	ok $? "a draft without ICU: ids of what ASCII the label has (none: speaker-N), and the warning says why ($err)"
else
	skip "ICU_SONAME not found in the build's config.h"
	skip "ICU_SONAME not found in the build's config.h"
fi

done_testing
