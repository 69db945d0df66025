#!/bin/sh
# cache.sh - the index cache from the command line: used when fresh, stale
# after a file edit, ignored when truncated, corrupt or foreign, right after
# files are removed or added, and never in the way (--no-cache, no cache
# directory).  PARLEY_CACHE_TRACE=1 makes query say what the cache did.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

C="$TMPD/corpus"
mkdir -p "$C/sub"
test_samples "$TMPD/seven"
cp "$TMPD"/seven/*.json "$C/"
mv "$C/zh-2021-06-28-xi-jinping-putin-video-call.json" "$C/sub/"
cp "$top_srcdir/samples/calls-2021.jsonl" "$C/sub/"
# files modified in the second before a load are never trusted from the
# cache (an edit right after could keep size and mtime): make these older
find "$C" -type f -exec touch -d '2020-01-01 00:00:00' {} +
export XDG_CACHE_HOME="$TMPD/xdg" PARLEY_CACHE_TRACE=1

q() { "$PARLEY" query -f jsonl "$@" "$C"; }
fresh() { "$PARLEY" query --no-cache -f jsonl "$@" "$C" 2>/dev/null; }
trace() { printf '%s\n' "$err" | sed -n 's/^parley: cache: //p' | head -n 1; } # (the first load's)

run q --speaker lavrov
ok $rc "a first query"
[ "$(trace)" = "0 of 6 files from the cache, cache written" ] ; ok $? "writes the cache ($(trace))"
idx=$(ls "$XDG_CACHE_HOME"/parley/*.idx 2>/dev/null)
[ -f "$idx" ] ; ok $? "under \$XDG_CACHE_HOME/parley"
[ "$out" = "$(fresh --speaker lavrov)" ] ; ok $? "and answers as without it"
run q --speaker lavrov
[ "$(trace)" = "6 of 6 files from the cache" ] ; ok $? "a second query reads every file from it ($(trace))"
[ "$out" = "$(fresh --speaker lavrov)" ] ; ok $? "with the same answer"
run "$PARLEY" stats "$C"
ok $rc "stats uses it too"

# an edit that keeps the size: the mtime tells
F="$C/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
sed -i 's/"summary": "Les deux pays doivent lutter ensemble/"summary": "LES DEUX PAYS DOIVENT LUTTER ENSEMBLE/' "$F"
touch -d '2020-01-02 00:00:00' "$F"
run q --text 'LUTTER ENSEMBLE'
[ "$(trace)" = "5 of 6 files from the cache, cache written" ] ; ok $? "an edited file is stale ($(trace))"
printf '%s' "$out" | grep -q 'LES DEUX PAYS' ; ok $? "and the edit is seen"
[ "$out" = "$(fresh --text 'LUTTER ENSEMBLE')" ] ; ok $? "as without the cache"
# a file put back with its size and mtime (cp -p, rsync -a, tar): its
# ctime tells
cp -p "$F" "$TMPD/orig.json"
sed 's/DOIVENT LUTTER/DOIVENX LUTTER/' "$F" >"$TMPD/edited.json"
touch -r "$F" "$TMPD/edited.json"
cp -p "$TMPD/edited.json" "$F"
run q --text 'LUTTER ENSEMBLE'
[ "$(trace)" = "5 of 6 files from the cache, cache written" ] && printf '%s' "$out" | grep -q 'DOIVENX LUTTER'
ok $? "a file put back with another's size and mtime (cp -p) is stale ($(trace))"
cp -p "$TMPD/orig.json" "$F"
run q --text 'LUTTER ENSEMBLE'
printf '%s' "$out" | grep -q 'DOIVENT LUTTER' && [ "$out" = "$(fresh --text 'LUTTER ENSEMBLE')" ] ; ok $? "and put back again, the same"
# an edit just now: reloaded, and not trusted the next time either
sed -i 's/LES DEUX PAYS/les deux pays/' "$F"
run q --text 'LUTTER ENSEMBLE'
printf '%s' "$out" | grep -q 'les deux pays' ; ok $? "an edit made just now is seen"
run q --text 'LUTTER ENSEMBLE'
[ "$(trace)" = "5 of 6 files from the cache, cache written" ] ; ok $? "and a file modified during the load is not trusted ($(trace))"
touch -d '2020-01-03 00:00:00' "$F"
run q
run q
[ "$(trace)" = "6 of 6 files from the cache" ] ; ok $? "until it is older ($(trace))"

# removed and added files
rm "$C/en-2021-07-14-sco-cfm-dushanbe.json"
run q
[ "$(trace)" = "5 of 5 files from the cache, cache written" ] ; ok $? "a removed file leaves the cache ($(trace))"
[ "$out" = "$(fresh)" ] ; ok $? "and its readouts leave the answer"
cp "$top_srcdir/samples/en-2021-07-14-sco-cfm-dushanbe.json" "$C/sub/again.json"
touch -d '2020-01-01 00:00:00' "$C/sub/again.json"
run q
[ "$(trace)" = "5 of 6 files from the cache, cache written" ] ; ok $? "an added file is loaded ($(trace))"
[ "$out" = "$(fresh)" ] ; ok $? "and its readouts are in the answer"
run q
[ "$(trace)" = "6 of 6 files from the cache" ] ; ok $? "then cached ($(trace))"

# a file given twice (a directory and a file in it) is read once, from
# its one record
"$PARLEY" query -c "$C" "$C/sub/again.json" >/dev/null 2>&1
run "$PARLEY" query -c "$C" "$C/sub/again.json"
[ "$(trace)" = "6 of 6 files from the cache" ] ; ok $? "a file given twice is read once, cached once ($(trace))"
for f in "$XDG_CACHE_HOME"/parley/*.idx; do [ "$f" = "$idx" ] || rm -f "$f"; done

# truncated, corrupt, foreign: ignored, never trusted, rebuilt
want=$(fresh --topic covid-19)
size=$(wc -c <"$idx")
for cut in 0 10 40 $((size / 2)) $((size - 1)); do
	head -c "$cut" "$idx" >"$idx.t" && mv "$idx.t" "$idx"
	run q --topic covid-19
	[ "$out" = "$want" ] && [ "$(trace)" = "0 of 6 files from the cache, cache written" ]
	ok $? "truncated to $cut bytes: ignored and rebuilt (the trace: $(trace))"
done
for at in 3 9 13 20 30 50 $((size / 3)) $((size / 2)) $((size - 2)); do
	cp "$idx" "$TMPD/good.idx"
	# 0xFF, or 0x01 where the byte was 0xFF already: a byte always changed
	# (the test once wrote 0x01 after a 0xFF that had changed it, undoing a
	# change of a byte that was 0x01: a cache left valid, 2 times in 256)
	printf '\377' | dd of="$idx" bs=1 seek="$at" conv=notrunc 2>/dev/null
	cmp -s "$idx" "$TMPD/good.idx" && { printf '\001' | dd of="$idx" bs=1 seek="$at" conv=notrunc 2>/dev/null; }
	cmp -s "$idx" "$TMPD/good.idx" ; ok $((! $?)) "byte $at of the cache is changed"
	run q --topic covid-19
	t1=$(trace)
	same=no
	[ "$out" = "$want" ] && same=yes
	# the checksum refuses the cache; or a record's heads their hash, when
	# it is decoded: that record refused (its file read), and the cache
	# removed, written again by the next load; or a body's hash, when it
	# is decoded (not by a query that leaves its readout, nor by one that
	# reads the texts back from the files, nor, of a text, by one whose
	# words cannot be in it: one that looks for words one of which is in
	# every text, in each script, finds it)
	if [ "$t1" = "6 of 6 files from the cache" ]; then
		run q --text e --text и --text 的
		[ "$out" = "$(fresh --text e --text и --text 的)" ] || same=no
		t1="$t1; then $(trace)"
	fi
	case $t1 in
	"0 of 6 files from the cache, cache written" | "6 of 6 files from the cache; then 0 of 6 files from the cache, cache written")
		t2= ;;
	"5 of 6 files from the cache" | "6 of 6 files from the cache; then 5 of 6 files from the cache")
		run q --topic covid-19 && t2=$(trace) ;;
	*) t2=bad ;;
	esac
	[ "$same" = yes ] && { [ -z "$t2" ] || { [ "$t2" = "0 of 6 files from the cache, cache written" ] && [ "$out" = "$want" ]; }; }
	ok $? "a byte changed at $at: ignored, or the record it is in, and rebuilt (the trace: $t1${t2:+; then $t2})"
done
head -c 100000 /dev/urandom >"$idx" 2>/dev/null || dd if=/dev/zero of="$idx" bs=1024 count=100 2>/dev/null
run q --topic covid-19
[ "$out" = "$want" ] ; ok $? "random bytes: ignored"
# the cache of one list of paths is no good for another
cp "$idx" "$TMPD/mine.idx"
run "$PARLEY" query -c "$C/sub"
other=$(ls "$XDG_CACHE_HOME"/parley/*.idx | grep -v "^$idx\$" | head -1)
[ -n "$other" ] ; ok $? "other paths have their own cache"
cp "$idx" "$other"
run "$PARLEY" query -c "$C/sub"
[ "$(trace)" = "0 of 3 files from the cache, cache written" ] ; ok $? "a cache of other paths is foreign ($(trace))"

# the names table beside the cache: saved by a load that names entities
# (and so reads every readout's names), used by the next from the same
# cache (its names resolved before the load: one load), never trusted
rm -f "$XDG_CACHE_HOME"/parley/*
names() { printf '%s\n' "$err" | sed -n 's/^parley: names: //p' | head -n 1; } # (the first load's)
pass() { printf '%s\n' "$err" | sed -n 's/^parley: pass: \([0-9]*\),.*/\1/p'; }
want=$(fresh --topic 'COVID 19' --speaker Lavrov)
run q --topic 'COVID 19' --speaker Lavrov
[ "$out" = "$want" ] && [ "$(names)" = "noted, and saved beside the cache" ] ; ok $? "a load that names entities saves their names beside the cache ($(names))"
idx=$(ls "$XDG_CACHE_HOME"/parley/*.idx) nam=$(ls "$XDG_CACHE_HOME"/parley/*.nam)
[ "${nam%.nam}" = "${idx%.idx}" ] ; ok $? "named as the cache is ($nam)"
run q --topic 'COVID 19' --speaker Lavrov
[ "$out" = "$want" ] && [ "$(names)" = "every readout's, from beside the cache" ] && [ "$(pass)" = 1 ]
ok $? "the next takes them from there, in one load ($(names); pass $(pass))"
# a name that fits nothing, with no table: the first load saves one, and
# the second, for what to say of the name, reads it (none noted again)
rm -f "$nam"
run q --speaker Lavrof
wantu=$("$PARLEY" query --no-cache -f jsonl --speaker Lavrof "$C" 2>&1 | grep '^parley: query:')
lastnames=$(printf '%s\n' "$err" | sed -n 's/^parley: names: //p' | tail -n 1)
[ $rc = 2 ] && [ "$(pass | tail -n 1)" = 2 ] && [ "$lastnames" = "every readout's, from beside the cache" ] &&
	[ "$(printf '%s\n' "$err" | grep '^parley: query:')" = "$wantu" ] && [ "$wantu" != "${wantu#*did you mean}" ]
ok $? "a name that fits nothing, no table yet: the second load reads the one the first saved ($lastnames; pass $(pass | tail -n 1))"
cp "$nam" "$TMPD/good.nam"
nsize=$(wc -c <"$nam")
for at in 0 9 13 17 25 33 41 $((nsize / 2)) $((nsize - 1)); do
	cp "$TMPD/good.nam" "$nam"
	printf '\377' | dd of="$nam" bs=1 seek="$at" conv=notrunc 2>/dev/null
	cmp -s "$nam" "$TMPD/good.nam" && { printf '\001' | dd of="$nam" bs=1 seek="$at" conv=notrunc 2>/dev/null; }
	run q --topic 'COVID 19' --speaker Lavrov
	[ "$out" = "$want" ] && [ "$(names)" = "noted, and saved beside the cache" ] && cmp -s "$nam" "$TMPD/good.nam"
	ok $? "its byte $at changed: not used, noted again and saved again ($(names))"
done
for cut in 0 39 $((nsize / 2)) $((nsize - 1)); do
	head -c "$cut" "$TMPD/good.nam" >"$nam"
	run q --topic 'COVID 19' --speaker Lavrov
	[ "$out" = "$want" ] && [ "$(names)" = "noted, and saved beside the cache" ] && cmp -s "$nam" "$TMPD/good.nam"
	ok $? "cut to $cut bytes: the same"
done
# a table of another cache (another list of paths) is not this one's
run "$PARLEY" query -c --speaker Lavrov "$C/sub"
other=$(ls "$XDG_CACHE_HOME"/parley/*.nam | grep -v "^$nam\$" | head -1)
cp "$other" "$nam"
run q --topic 'COVID 19' --speaker Lavrov
[ "$out" = "$want" ] && [ "$(names)" = "noted, and saved beside the cache" ] ; ok $? "a table made for another cache is not used ($(names))"
# an edit: the cache is written again, and so is the table, with the edit
F="$C/sub/again.json"
cp "$F" "$TMPD/dushanbe.json"
sed -i 's/"label": "Sergey Lavrov"/"label": "Sergei Lavrovsky"/' "$F"
touch -d '2020-01-04 00:00:00' "$F"
grep -q Lavrovsky "$F" ; ok $? "(a label edited)"
cp "$nam" "$TMPD/good.nam"
run q --speaker Lavrovsky
# (the label is that of an entity readouts before declared otherwise: a
# load by its id next, which finds the table saved by the first)
[ "$out" = "$(fresh --speaker Lavrovsky)" ] && [ -n "$out" ] && ! cmp -s "$nam" "$TMPD/good.nam" &&
	{ [ "$(names)" = "noted, and saved beside the cache" ] || [ "$(pass)" = 2 ]; }
ok $? "a file edited: its names noted again, with the cache ($(names); pass $(pass))"
run q --speaker Lavrovsky
[ "$out" = "$(fresh --speaker Lavrovsky)" ] && [ "$(names)" = "every readout's, from beside the cache" ] ; ok $? "and used from there next ($(names))"
cp "$TMPD/dushanbe.json" "$F"
touch -d '2020-01-05 00:00:00' "$F"
# a body found bad once the names are bound to ids: all loaded again from
# the files, the names as given
run q --speaker Lavrovsky
[ -z "$out" ] && [ $rc = 2 ] ; ok $? "the edit undone: the name is no longer one ($rc)"
run q --topic 'COVID 19' --speaker Lavrov
run q --topic 'COVID 19' --speaker Lavrov
[ "$(names)" = "every readout's, from beside the cache" ] ; ok $? "(the table in use)"
idx=${nam%.nam}.idx
at=$(grep -abo 'The pandemic is still spreading; the two countries' "$idx" | head -n 1 | cut -d: -f1)
[ -n "$at" ] && printf 'H' | dd of="$idx" bs=1 seek="$at" conv=notrunc 2>/dev/null
run q --topic 'COVID 19' --speaker Lavrov
[ "$out" = "$want" ] && [ "$(names)" = "noted, and saved beside the cache" ]
ok $? "a summary in the cache changed under a name bound by the table: the files read again, the same answer ($(names))"

# caches keep to what is used: a cache's mtime is when it was last used;
# writing a cache removes those unused for 30 days and temporary files of
# killed writers older than an hour, and nothing that is not parley's
D="$XDG_CACHE_HOME/parley"
touch -d '40 days ago' "$idx"
run q --topic covid-19
[ "$(trace)" = "6 of 6 files from the cache" ] ; ok $? "a cache not used for 40 days still serves ($(trace))"
[ -n "$(find "$idx" -newermt '1 hour ago')" ] ; ok $? "and using it makes it recent"
touch -d '40 days ago' "$idx"
cp "$idx" "$D/0123456789abcdef.idx" && touch -d '31 days ago' "$D/0123456789abcdef.idx"
cp "$idx" "$D/fedcba9876543210.idx" && touch -d '20 days ago' "$D/fedcba9876543210.idx"
: >"$D/0123456789abcdef.idx.tmp-Ab3dEf" && touch -d '2 hours ago' "$D/0123456789abcdef.idx.tmp-Ab3dEf"
: >"$D/fedcba9876543210.idx.tmp-Zz9yX8" && touch -d '10 minutes ago' "$D/fedcba9876543210.idx.tmp-Zz9yX8"
: >"$D/0123456789abcdef.nam" && touch -d '31 days ago' "$D/0123456789abcdef.nam"
: >"$D/fedcba9876543210.nam" && touch -d '20 days ago' "$D/fedcba9876543210.nam"
: >"$D/0123456789abcdef.nam.tmp-Ab3dEf" && touch -d '2 hours ago' "$D/0123456789abcdef.nam.tmp-Ab3dEf"
: >"$D/notes.txt" && touch -d '400 days ago' "$D/notes.txt"
: >"$D/0123456789ABCDEF.idx" && touch -d '400 days ago' "$D/0123456789ABCDEF.idx"
: >"$D/0123456789abcdef.idx.backup" && touch -d '400 days ago' "$D/0123456789abcdef.idx.backup"
: >"$TMPD/kept" && ln -s "$TMPD/kept" "$D/00000000000000aa.idx" && touch -h -d '400 days ago' "$D/00000000000000aa.idx"
mkdir "$D/00000000000000bb.idx" && touch -d '400 days ago' "$D/00000000000000bb.idx"
run q --topic covid-19
[ -f "$D/0123456789abcdef.idx" ] ; ok $? "a query that writes no cache removes nothing"
run "$PARLEY" query -c "$C/sub" "$C"
ok $rc "a query on a new list of paths"
[ ! -e "$D/0123456789abcdef.idx" ] ; ok $? "removes a cache unused for 31 days"
[ -f "$D/fedcba9876543210.idx" ] ; ok $? "keeps one used 20 days ago"
[ -f "$idx" ] ; ok $? "keeps the one just used (its mtime was refreshed)"
[ ! -e "$D/0123456789abcdef.idx.tmp-Ab3dEf" ] ; ok $? "removes a writer's temporary file 2 hours old"
[ -f "$D/fedcba9876543210.idx.tmp-Zz9yX8" ] ; ok $? "keeps one 10 minutes old (a writer may be at work)"
[ ! -e "$D/0123456789abcdef.nam" ] && [ -f "$D/fedcba9876543210.nam" ] && [ ! -e "$D/0123456789abcdef.nam.tmp-Ab3dEf" ]
ok $? "names tables beside caches: the same (unused for 31 days, removed; for 20, kept; a writer's, 2 hours old, removed)"
[ -f "$D/notes.txt" ] && [ -f "$D/0123456789ABCDEF.idx" ] && [ -f "$D/0123456789abcdef.idx.backup" ] ; ok $? "and never touches a file that is not a cache"
[ -L "$D/00000000000000aa.idx" ] && [ -d "$D/00000000000000bb.idx" ] && [ -f "$TMPD/kept" ] ; ok $? "nor a symbolic link or a directory"

# one large .jsonl: a record per segment of lines, fresh ones merged one
# at a time; lines appended: the old segments read from the cache, only
# the new lines parsed; a line edited: the segments before it still used
B="$TMPD/big"
mkdir -p "$B"
line=$(head -n 1 "$top_srcdir/samples/calls-2021.jsonl")
jq -c . "$top_srcdir/samples/fr-2021-07-15-wang-yi-lavrov-tashkent.json" >"$TMPD/fr.line"
A="$line" B="$(cat "$TMPD/fr.line")" awk 'BEGIN { # (not -v: awk would read the escapes)
	for (i = 1; i <= 1500; i++) {
		s = (i % 2 ? ENVIRON["A"] : ENVIRON["B"])
		sub(/"id": *"[^"]*"/, "\"id\":\"big-" i "\"", s)
		print s
	}
}' >"$B/all.jsonl"
touch -d '2020-01-01 00:00:00' "$B/all.jsonl"
bq() { "$PARLEY" query -f jsonl "$@" "$B"; }
bfresh() { "$PARLEY" query --no-cache -f jsonl "$@" "$B" 2>/dev/null; }
size=$(wc -c <"$B/all.jsonl")
[ "$size" -gt 6000000 ] ; ok $? "a .jsonl of $size bytes (several segments of 2 MB)"
run bq --speaker lavrov
[ "$(trace)" = "0 of 1 file from the cache, cache written" ] ; ok $? "a query writes its cache ($(trace))"
[ "$out" = "$(bfresh --speaker lavrov)" ] ; ok $? "answering as without it"
n=$(printf '%s\n' "$out" | grep -c .)
[ "$n" -gt 500 ] ; ok $? "($n positions)"
run bq --speaker lavrov
[ "$(trace)" = "1 of 1 file from the cache" ] ; ok $? "the next reads it all from the cache ($(trace))"
[ "$out" = "$(bfresh --speaker lavrov)" ] ; ok $? "with the same answer"
run bq --count
[ "$out" = "$(bfresh --count)" ] ; ok $? "as does a query without filters (every body decoded)"
head -n 40 "$B/all.jsonl" | sed 's/"id":"big-\([0-9]*\)"/"id":"more-\1"/' >>"$B/all.jsonl"
touch -d '2020-01-02 00:00:00' "$B/all.jsonl"
run bq --speaker lavrov
segs=$(trace | sed -n 's/^0 of 1 file from the cache, \([0-9]*\) segments of changed files, cache written$/\1/p')
[ -n "$segs" ] && [ "$segs" -ge 2 ] ; ok $? "lines appended: the old segments come from the cache ($(trace))"
[ "$out" = "$(bfresh --speaker lavrov)" ] ; ok $? "and the answer has the new lines' positions too"
printf '%s\n' "$out" | grep -q '"readout": *"more-' ; ok $? "(a new line's readout is among them)"
run bq --speaker lavrov
[ "$(trace)" = "1 of 1 file from the cache" ] ; ok $? "then the whole file is fresh in the cache ($(trace))"
sed -i '1200s/"id":"big-1200"/"id":"big-1200-longer"/' "$B/all.jsonl"
touch -d '2020-01-03 00:00:00' "$B/all.jsonl"
run bq --count
segs2=$(trace | sed -n 's/^0 of 1 file from the cache, \([0-9]*\) segments of changed files, cache written$/\1/p')
[ -n "$segs2" ] && [ "$segs2" -ge 1 ] && [ "$segs2" -lt "$segs" ] ; ok $? "a line edited: the segments before it still come from the cache ($(trace))"
[ "$out" = "$(bfresh --count)" ] ; ok $? "and the edit is seen"
run "$PARLEY" query -f jsonl --speaker lavrov "$B"
[ "$out" = "$(bfresh --speaker lavrov)" ] ; ok $? "as it is from the cache next"
# a segment's record changed, in what is used before it is decoded (the
# first line's number, by which the lines of a segment found bad are read
# again from the file) or in its readouts' heads: the answer is unchanged
bidx=$(grep -l -F "$B/all.jsonl" "$XDG_CACHE_HOME"/parley/*.idx 2>/dev/null | head -n 1)
flip() { # flip FILE OFFSET: one byte changed
	v=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf '%03o' $(( (v + 1) % 256 )))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
at=$(grep -boa -F "$B/all.jsonl" "$bidx" | sed -n 2p | cut -d: -f1)
plen=$(printf '%s' "$B/all.jsonl" | wc -c)
cp "$bidx" "$TMPD/bgood.idx"
want=$(bfresh --speaker lavrov)
flip "$bidx" $(( at + plen + 1 + 32 + 2 + 24 )) # (its line0)
run bq --speaker lavrov
[ "$out" = "$want" ] ; ok $? "a segment's first line's number changed in the cache: the same answer ($(trace))"
cp "$TMPD/bgood.idx" "$bidx"
flip "$bidx" $(( at + plen + 1 + 75 + 60 )) # (in its readouts' heads)
run bq --speaker lavrov
[ "$out" = "$want" ] ; ok $? "a byte of a segment's readouts' heads changed: the same answer ($(trace))"

# a query prints positions as the readouts come (the names table beside
# the cache giving the labels): a bad record or body met after some were
# printed has the load start over from the files, and those printed are
# not printed again
rm -f "$bidx" "${bidx%.idx}.nam"
bq --count >/dev/null 2>&1
run bq --speaker lavrov
[ "$(names)" = "noted, and saved beside the cache" ] ; ok $? "a printing query saves the names table ($(names))"
run bq --speaker lavrov
streamed() { printf '%s\n' "$err" | sed -n 's/^parley: streamed: //p'; }
nb=$(grep -c . "$B/all.jsonl")
[ "$out" = "$want" ] && [ "$(streamed)" = "$nb readouts printed as they came, none held" ]
ok $? "the next prints them as they come, holding none ($(streamed))"
bidx=$(grep -l -F "$B/all.jsonl" "$XDG_CACHE_HOME"/parley/*.idx 2>/dev/null | head -n 1)
cp "$bidx" "$TMPD/bgood.idx"
cp "${bidx%.idx}.nam" "$TMPD/bgood.nam"
bsize=$(wc -c <"$bidx")
# (the words with a stance: from the cache, a readout whose words are in
# a position of another stance is left out where it is decoded; from the
# files, it is kept, without a match: the second load takes others than
# the first did, and passes over those up to the last printed)
want2=$(bfresh --text afghanistan --stance concern)
midway=0
for pct in 35 50 60 70 85; do
	for args in "--speaker lavrov" "--text afghanistan --stance concern"; do
		cp "$TMPD/bgood.idx" "$bidx"
		cp "$TMPD/bgood.nam" "${bidx%.idx}.nam"
		flip "$bidx" $(( bsize * pct / 100 ))
		eval "run bq $args"
		w=$want
		[ "$args" = "--speaker lavrov" ] || w=$want2
		again=$(streamed | sed -n 's/.*; \([0-9]*\) taken before the load started again, not printed twice$/\1/p')
		[ "${again:-0}" -gt 0 ] && [ "$again" -lt "$nb" ] && midway=$((midway + 1))
		[ -n "$out" ] && [ "$out" = "$w" ] && [ -z "$(printf '%s\n' "$out" | sort | uniq -d)" ]
		ok $? "a byte $pct% into the cache changed, $args: the same lines, none twice ($(streamed))"
	done
done
[ "$midway" -gt 0 ] ; ok $? "(of which $midway found bad midway, after lines were printed)"

# the ids: a cache written by a load that found no two readouts with one
# id says so (a flag in its header, which its checksum chains), and a
# command reading every readout from it looks none up; one written with
# two alike does not, and they are said again each time
D="$TMPD/ids"
mkdir -p "$D"
cp "$TMPD"/seven/*.json "$D/"
find "$D" -type f -exec touch -d '2020-01-01 00:00:00' {} +
dq() { "$PARLEY" query "$@" "$D"; }
ids() { printf '%s\n' "$err" | sed -n 's/^parley: ids: //p'; }
want=$(dq --no-cache -c --text the 2>/dev/null)
run dq -c --text the
[ -z "$(ids)" ] ; ok $? "a first count writes the cache and looks the ids up"
run dq -c --text the
[ "$(ids)" = "all different, as the cache says (none looked up)" ] && [ "$out" = "$want" ] ; ok $? "the next takes them as the cache says ($(ids)), the same count ($out, $want)"
run dq -f jsonl --speaker lavrov
[ -n "$(ids)" ] && [ "$out" = "$(dq --no-cache -f jsonl --speaker lavrov 2>/dev/null)" ] ; ok $? "a query that keeps readouts too, the same answer"
run "$PARLEY" stats --lang fr "$D"
[ -n "$(ids)" ] && [ "$out" = "$("$PARLEY" stats --no-cache --lang fr "$D" 2>/dev/null)" ] ; ok $? "and stats with a filter"
didx=$(grep -l -F "$D" "$XDG_CACHE_HOME"/parley/*.idx | head -n 1)
cp "$didx" "$TMPD/dgood.idx"
# (the header's flags, cleared: a flag known, which the checksum alone
# tells was changed)
printf '\000' | dd of="$didx" bs=1 seek=36 conv=notrunc 2>/dev/null
run dq -c --text the
nd=$(ls "$D" | wc -l)
[ -z "$(ids)" ] && [ "$(trace)" = "0 of $nd files from the cache, cache written" ] && [ "$out" = "$want" ] ; ok $? "a flag changed in the header: the cache is refused ($(trace))"
cp "$D/fr-2021-07-15-wang-yi-lavrov-tashkent.json" "$D/again.json"
touch -d '2020-01-01 00:00:00' "$D/again.json"
want=$(dq --no-cache -c --text the 2>/dev/null)
run dq -c --text the
run dq -c --text the
nd=$(ls "$D" | wc -l)
[ "$(trace)" = "$nd of $nd files from the cache" ] && [ -z "$(ids)" ] && [ "$out" = "$want" ] ; ok $? "two readouts with one id: read from the cache, their ids looked up ($(trace); $(ids))"
printf '%s' "$err" | grep -q "id: already the id of a readout of" ; ok $? "and the second said again"

# --no-cache reads and writes nothing; no cache directory is no error
rm -rf "$XDG_CACHE_HOME"
run "$PARLEY" query --no-cache -c "$C"
ok $rc "--no-cache works"
[ ! -e "$XDG_CACHE_HOME" ] ; ok $? "and writes no cache"
# a cache directory whose parents are not there: made with them (as
# ~/.cache on a new account)
run env XDG_CACHE_HOME="$TMPD/new/a/b" "$PARLEY" query -c "$C"
[ $rc = 0 ] && ls "$TMPD/new/a/b/parley/"*.idx >/dev/null 2>&1 && [ -z "$(printf '%s' "$err" | grep warning)" ]
ok $? "a cache directory is made with its parents ($rc: $err)"
want=$("$PARLEY" query --no-cache -c "$C" 2>/dev/null)
: >"$TMPD/not-a-dir"
run env XDG_CACHE_HOME="$TMPD/not-a-dir/x" "$PARLEY" query -c "$C"
ok $rc "a cache directory that cannot be made is no error"
[ "$out" = "$want" ] ; ok $? "and the answer is the same"
printf '%s\n' "$err" | grep -q "^parley: warning: no index cache: cannot make the directory $TMPD/not-a-dir/x: Not a directory" &&
	[ "$(printf '%s\n' "$err" | grep -c 'no index cache')" = 1 ]
ok $? "and it is said, once, naming the directory and why ($err)"
mkdir -p "$TMPD/cfile" && : >"$TMPD/cfile/parley"
run env XDG_CACHE_HOME="$TMPD/cfile" "$PARLEY" stats "$C"
[ $rc = 0 ] && printf '%s\n' "$err" | grep -q "warning: no index cache: cannot write in $TMPD/cfile/parley: Not a directory"
ok $? "a cache that cannot be written: said by every command (stats: $err)"
run env XDG_CACHE_HOME="$TMPD/cfile" "$PARLEY" query --no-cache -c "$C"
[ $rc = 0 ] && [ "$out" = "$want" ] && ! printf '%s\n' "$err" | grep -q 'no index cache' ; ok $? "--no-cache: nothing tried, nothing said"
# a cache directory others may write to (or another user's): a cache
# there could be anyone's, and is neither read nor written
mkdir -p "$TMPD/shared/parley" && chmod 777 "$TMPD/shared/parley"
run env XDG_CACHE_HOME="$TMPD/shared" "$PARLEY" query -c "$C"
[ $rc = 0 ] && [ "$out" = "$want" ] && [ -z "$(ls "$TMPD/shared/parley")" ] &&
	printf '%s\n' "$err" | grep -q "warning: no index cache: not using the directory $TMPD/shared/parley: other users can write to it (chmod go-w it)"
ok $? "a cache directory others may write to is not used, and that is said ($err)"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -p "$TMPD/theirs/parley" && chmod 755 "$TMPD/theirs/parley" && chown nobody "$TMPD/theirs/parley"
	run env XDG_CACHE_HOME="$TMPD/theirs" "$PARLEY" query -c "$C"
	[ $rc = 0 ] && [ "$out" = "$want" ] && printf '%s\n' "$err" | grep -q "not using the directory $TMPD/theirs/parley: it belongs to another user"
	ok $? "nor another user's ($err)"
else
	skip "another user's cache directory: only root can make one"
fi

done_testing
