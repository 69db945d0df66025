#!/bin/sh
# files.sh - what parley reads and what it refuses: a named pipe or a device
# among the paths (or in a directory) is reported, never waited on; a file
# larger than the size limit is refused before it is read (--max-file-size,
# PARLEY_MAX_FILE_SIZE, set max-file-size, in that order); a file that does
# not fit in memory is skipped, the others load; a named pipe where the
# index cache should be never hangs a query.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# Every command below must end by itself: one that hangs fails after this
# long (generous: a busy machine is slow, a hang is forever).
limit() { timeout 60 "$@"; }
export XDG_CACHE_HOME="$TMPD/xdg" XDG_CONFIG_HOME="$TMPD/config"
GOOD="$TMPD/good.json"
cp "$top_srcdir/samples/en-2021-08-20-wang-yi-tileuberdi-call.json" "$GOOD"

# --- named pipes and devices ---------------------------------------------
mkfifo "$TMPD/pipe.json"
run limit "$PARLEY" validate "$GOOD" "$TMPD/pipe.json"
is "$rc" 2 "validate: a named pipe among the paths is an unreadable path (2), not a hang"
is "$err" "parley: $TMPD/pipe.json: not a regular file (a named pipe): not read" "  said with its name"
is "$out" "1 readout in 1 file: 1 valid, 0 invalid; 1 path could not be read" "  the other file is read"
# (under a limit on the address space: a parley that read it would take
# all the machine's memory before failing)
if sanitized; then
	run limit "$PARLEY" validate /dev/zero
else
	run limit sh -c "ulimit -v 2000000 && exec '$PARLEY' validate /dev/zero"
fi
is "$rc" 2 "validate /dev/zero: refused (2), not read until memory runs out"
is "$err" "parley: /dev/zero: not a regular file (a character device): not read" "  as a character device"
run limit "$PARLEY" query -c --no-cache "$TMPD/pipe.json" "$GOOD"
is "$rc:$out" "2:8" "query: a named pipe is skipped (2), the other file queried"
run limit "$PARLEY" stats "$TMPD/pipe.json"
is "$rc" 2 "stats: a named pipe is an unreadable path"
mkdir -p "$TMPD/dir/sub"
cp "$GOOD" "$TMPD/dir/"
mkfifo "$TMPD/dir/sub/x.jsonl" "$TMPD/dir/notes"
run limit "$PARLEY" validate "$TMPD/dir"
is "$rc" 2 "validate DIR: a named pipe named like a readout in it is reported"
is "$err" "parley: $TMPD/dir/sub/x.jsonl: not a regular file (a named pipe): not read" "  (one named otherwise is not a readout and is passed over)"
mkfifo "$TMPD/pipe.txt"
run limit "$PARLEY" extract "$TMPD/pipe.txt"
ok $((rc == 0)) "extract: a named pipe is not drafted ($rc)"
printf '%s' "$err" | grep -qF "pipe.txt: not a regular file"; ok $? "  and said so"

# --- the size limit --------------------------------------------------------
truncate -s 300M "$TMPD/big.json"
truncate -s 40G "$TMPD/huge.json"
run limit "$PARLEY" validate "$GOOD" "$TMPD/big.json" "$TMPD/huge.json"
is "$rc" 2 "files over the default limit (256 MB) are refused"
is "$err" "parley: $TMPD/big.json: 300 MB: larger than the size limit of 256 MB (--max-file-size): not read
parley: $TMPD/huge.json: 40 GB: larger than the size limit of 256 MB (--max-file-size): not read" "  before they are read, with their size and the limit"
is "$out" "1 readout in 1 file: 1 valid, 0 invalid; 2 paths could not be read" "  and the good file is read"
run limit "$PARLEY" validate --max-file-size=1K "$GOOD"
is "$rc" 2 "--max-file-size=1K refuses a 5 KB file"
printf '%s' "$err" | grep -qF "larger than the size limit of 1 KB"; ok $? "  saying the limit set"
run limit env PARLEY_MAX_FILE_SIZE=1K "$PARLEY" validate "$GOOD"
is "$rc" 2 "PARLEY_MAX_FILE_SIZE=1K does the same"
run limit env PARLEY_MAX_FILE_SIZE=1K "$PARLEY" validate --max-file-size=1M "$GOOD"
is "$rc" 0 "  and --max-file-size wins over it"
mkdir -p "$XDG_CONFIG_HOME/parley"
echo "set max-file-size = 2k" >"$XDG_CONFIG_HOME/parley/config"
run limit "$PARLEY" query -c --no-cache "$GOOD"
is "$rc" 2 "the config's set max-file-size = 2k applies to query"
run limit env PARLEY_MAX_FILE_SIZE=none "$PARLEY" query -c --no-cache "$GOOD"
is "$rc:$out" "0:8" "  and PARLEY_MAX_FILE_SIZE wins over it (none: no limit)"
rm "$XDG_CONFIG_HOME/parley/config"
run limit "$PARLEY" validate --max-file-size=lots "$GOOD"
is "$rc" 2 "a size that is not one is a usage error"
printf '%s' "$err" | grep -qF "'lots' is not a size"; ok $? "  said as such"
run limit env PARLEY_MAX_FILE_SIZE=12Q "$PARLEY" stats "$GOOD"
is "$rc" 2 "so is a bad PARLEY_MAX_FILE_SIZE"

# a .jsonl is read a block of lines at a time (one of 512 KB or more) or
# whole: the limit is on each of its lines, not on the file.  lines N LONG:
# N readouts (GOOD's, with ids of their own) with, at line N / 2 + 1, one
# whose text is LONG bytes.
lines() {
	jq -c . "$GOOD" | L="$2" awk -v n="$1" '{ t = $0 } END {
		for (i = 1; i <= n; i++) {
			s = t
			sub(/"id":"[^"]*"/, "\"id\":\"r" i "\"", s)
			print s
			if (i == int(n / 2)) {
				y = "y"
				while (length(y) < ENVIRON["L"]) y = y y
				y = substr(y, 1, ENVIRON["L"])
				printf "{\"format\":\"parley/1\",\"id\":\"long\",\"text\":\"%s\"}\n", y
			}
		}
	}'
}
lines 40 30000 >"$TMPD/lines.jsonl"
bytes=$(wc -c <"$TMPD/lines.jsonl")
run limit "$PARLEY" validate --max-file-size=20K "$TMPD/lines.jsonl"
is "$rc:$out" "2:40 readouts in 1 file: all valid; 1 line longer than the size limit not read" \
	"a .jsonl of $bytes bytes (read whole) over a limit of 20 KB: its lines are read; the long one not read, not invalid (exit 2, as a path not read)"
is "$err" "parley: $TMPD/lines.jsonl:21: a line longer than the size limit of 20 KB (--max-file-size): not read" "  but for one longer than the limit, said with its number"
lines 300 30000 >"$TMPD/lines.jsonl"
bytes=$(wc -c <"$TMPD/lines.jsonl")
run limit "$PARLEY" validate --max-file-size=20K "$TMPD/lines.jsonl"
is "$rc:$out" "2:300 readouts in 1 file: all valid; 1 line longer than the size limit not read" "one of $bytes bytes, read in blocks: the same"
is "$err" "parley: $TMPD/lines.jsonl:151: a line longer than the size limit of 20 KB (--max-file-size): not read" "  said the same"
lines 300 1500000 >"$TMPD/lines.jsonl"
run limit "$PARLEY" validate --max-file-size=1M "$TMPD/lines.jsonl"
is "$err" "parley: $TMPD/lines.jsonl:151: a line longer than the size limit of 1 MB (--max-file-size): not read" "a line longer than a block read and than the limit: passed over"
is "$out" "300 readouts in 1 file: all valid; 1 line longer than the size limit not read" "  and the lines after it read"
run limit "$PARLEY" validate --max-file-size=2M "$TMPD/lines.jsonl"
is "$rc:$out" "0:301 readouts in 1 file: all valid" "  all of them under a limit above it"
# the index cache is its limit's: one made with none never gives what a
# lower limit refuses (the file dated back, so that the cache trusts it)
touch -d '2020-01-01 00:00' "$TMPD/lines.jsonl"
run limit env XDG_CACHE_HOME="$TMPD/limitcache" "$PARLEY" stats --max-file-size=none "$TMPD/lines.jsonl"
run limit env XDG_CACHE_HOME="$TMPD/limitcache" "$PARLEY" stats --max-file-size=1M "$TMPD/lines.jsonl"
is "$err" "parley: $TMPD/lines.jsonl:151: a line longer than the size limit of 1 MB (--max-file-size): not read" \
	"stats under a lower limit than the cache was made with: the long line refused all the same"
lines 300 2100000 >"$TMPD/lines.jsonl"
run limit "$PARLEY" validate --max-file-size=2M "$TMPD/lines.jsonl"
is "$out" "300 readouts in 1 file: all valid; 1 line longer than the size limit not read" "a line longer than the limit near the end: the lines after it read"
# told apart from an invalid readout by stats and query too (a cached
# file's as a parsed one's: a file read whole is cached with its message)
printf '{"format":"parley/1","id":"bad"}\n' >>"$TMPD/lines.jsonl"
lines 40 30000 >"$TMPD/small.jsonl"
printf '{"format":"parley/1","id":"bad"}\n' >>"$TMPD/small.jsonl"
touch -d '2020-01-01 00:00' "$TMPD/small.jsonl"
for cache in --no-cache "" ""; do
	run limit env XDG_CACHE_HOME="$TMPD/linecache" "$PARLEY" stats -f tsv $cache --max-file-size=20K "$TMPD/small.jsonl"
	is "$rc:$(printf '%s\n' "$out" | awk -F'\t' '$1 == "count" { printf "%s=%s ", $2, $5 }')" \
		"2:files=1 invalid=1 warnings=0 lines-not-read=1 paths-not-read=0 " "stats -f tsv ${cache:-(cache)}: the line not read, the invalid readout, each counted, exit 2"
done
run limit env XDG_CACHE_HOME="$TMPD/linecache" "$PARLEY" validate --max-file-size=2M "$TMPD/lines.jsonl"
is "$rc:$out" "2:301 readouts in 1 file: 300 valid, 1 invalid; 1 line longer than the size limit not read" "validate from the cache: the same"
run limit env XDG_CACHE_HOME="$TMPD/linecache" "$PARLEY" query -c --max-file-size=2M "$TMPD/lines.jsonl"
is "$rc" 2 "query: exit 2, a line not read"

# --- memory running out: that file is skipped, never the others ------------
# (a limit on the address space makes the 4 GB file fail to fit, whatever
# the machine's memory; the program itself takes a few hundred MB of it)
truncate -s 4G "$TMPD/sparse.json"
if sanitized; then
	skip "out of memory loading one file: no limit on the address space under AddressSanitizer"
else
	run limit sh -c "ulimit -v 2000000 && exec '$PARLEY' validate --max-file-size=none '$GOOD' '$TMPD/sparse.json'"
	is "$rc" 2 "out of memory loading one file: no abort, an unreadable path (2)"
	is "$err" "parley: $TMPD/sparse.json: out of memory while loading it (4 GB): skipped" "  said with its name"
	is "$out" "1 readout in 1 file: 1 valid, 0 invalid; 1 path could not be read" "  and the other file is read"
fi

# --- a named pipe where the index cache goes --------------------------------
export XDG_CACHE_HOME="$TMPD/xdg2"
C="$TMPD/corpus"
mkdir -p "$C"
cp "$top_srcdir"/samples/*.json "$C/"
find "$C" -type f -exec touch -d '2020-01-01 00:00:00' {} +
want=$("$PARLEY" query -c --no-cache "$C")
run limit "$PARLEY" query -c "$C"
idx=$(ls "$XDG_CACHE_HOME"/parley/*.idx)
rm -f "$idx"
mkfifo "$idx"
run limit "$PARLEY" query -c "$C"
is "$rc:$out" "0:$want" "a named pipe at the cache's path: the query answers, not hangs"
[ -f "$idx" ]; ok $? "  and a new cache replaces the pipe"
run limit "$PARLEY" query -c "$C"
is "$rc:$out" "0:$want" "  which the next query reads"

# --- walking a directory ------------------------------------------------------
# Its subdirectories are walked on every processor: the readouts come in
# byte order of path all the same, whatever directory they are in (names
# that sort around '/': "a.json" before "a/", "a-b" before "a/"); a
# symbolic link to a directory above is not followed round, and a
# directory linked twice is read once.
W="$TMPD/walk"
mkdir -p "$W/a/deep/er" "$W/a-b" "$W/b" "$W/c/d" "$W/e"
n=0
for f in a.json a/x.json a/deep/y.json a/deep/er/z.json a-b/q.json a0.json b/r.json c/d/s.json c/t.json e/u.json; do
	n=$((n + 1))
	sed "0,/\"id\": \"en-2021-08-20-wang-yi-tileuberdi\"/s//\"id\": \"walk-$n\"/" "$GOOD" > "$W/$f"
done
ln -s .. "$W/a/deep/up"   # a loop
ln -s ../c "$W/e/also-c"  # c linked twice
run limit "$PARLEY" query -f tsv --no-cache "$W"
got=$(printf '%s\n' "$out" | awk -F '\t' 'NR > 1 && !seen[$1]++ { print $1 }' | tr '\n' ' ')
is "$rc:$got" "0:walk-5 walk-1 walk-4 walk-3 walk-2 walk-6 walk-7 walk-8 walk-9 walk-10 " "a directory's readouts in byte order of path, a loop not followed, a directory linked twice read once"
is "$err" "" "  and nothing said about them"
for i in 1 2 3; do
	run limit env PARLEY_THREADS=$i "$PARLEY" query -f tsv --no-cache "$W"
	g=$(printf '%s\n' "$out" | awk -F '\t' 'NR > 1 && !seen[$1]++ { print $1 }' | tr '\n' ' ')
	[ "$g" = "$got" ] ; ok $? "  the same on $i thread(s)"
done
# A directory reached twice, from two subdirectories walked on different
# threads: read where one walk in order reads it (the directory's own
# order), whichever thread gets there first.  a/x.json and m/y.json share
# an id, zz links to a, d15/m-again to m: which copy of the id is kept,
# and the paths said, are those of one thread, on every run.
W2="$TMPD/walk2"
mkdir -p "$W2/a" "$W2/m"
for i in $(seq 10 29); do mkdir -p "$W2/d$i/e" && touch "$W2/d$i/e/notes.txt"; done
sed '0,/"id": "en-2021-08-20-wang-yi-tileuberdi"/s//"id": "twice"/' "$GOOD" | sed 's/Wang Yi/Wang Yi alpha/' > "$W2/a/x.json"
sed '0,/"id": "en-2021-08-20-wang-yi-tileuberdi"/s//"id": "twice"/' "$GOOD" | sed 's/Wang Yi/Wang Yi beta/' > "$W2/m/y.json"
ln -s a "$W2/zz"
ln -s ../m "$W2/d15/m-again"
want=$(PARLEY_THREADS=1 "$PARLEY" query --no-cache -f jsonl "$W2" 2>&1)
same=0
for i in $(seq 1 40); do
	[ "$(PARLEY_THREADS=8 "$PARLEY" query --no-cache -f jsonl "$W2" 2>&1)" = "$want" ] && same=$((same + 1))
done
n=$(printf '%s\n' "$want" | grep -c '"readout":"twice"')
[ "$n" -gt 0 ] && [ "$same" = 40 ] ; ok $? "a directory linked from two subdirectories is read where an ordered walk reads it: $same of 40 runs on 8 threads"
printf '%s\n' "$want" | grep -q "readout twice: id: already the id of a readout of" ; ok $? "  the other copy said, with both paths"
# a directory and its copy: the first ids found twice said one by one, the
# rest summed up where the two parts part (one line, however many
# directories below: not a line each); copy/ comes first, so orig/'s
# readouts are the ones found twice
D2="$TMPD/dupdirs"
mkdir -p "$D2/orig/2021" "$D2/orig/2022"
for i in $(seq 1 15); do for y in 2021 2022; do
	printf '{"format":"parley/1","id":"r-%s-%s","text":"x","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":1}]}\n' \
		"$y" "$i" >"$D2/orig/$y/r$i.json"
done; done
cp -r "$D2/orig" "$D2/copy"
out=$("$PARLEY" query -c --no-cache "$D2" 2>"$TMPD/dup.err")
said=$(grep -c ": id: already the id of a readout of " "$TMPD/dup.err")
sums=$(sed -n 's/.*: \([0-9]*\) more readouts* with ids* of readouts* of .*/\1/p' "$TMPD/dup.err" |
	awk '{ s += $1 } END { print s }')
[ "$out" = 30 ] && [ "$said" = 10 ] && [ "$sums" = 20 ] && [ "$(wc -l <"$TMPD/dup.err")" = 11 ] &&
	grep -q "^$D2/orig: 20 more readouts with ids of readouts of $D2/copy (after the first 10, listed one by one): is one a copy of the other?$" "$TMPD/dup.err"
ok $? "30 ids found twice: 10 said, the other 20 summed up in one line ($said, $sums: $(tail -n 1 "$TMPD/dup.err"))"
# one id on 15 lines of a file: the 4 past the first 10 (and the first
# line) summed up as the same file's; one more in a copy, in the singular
for i in $(seq 1 15); do printf '{"format":"parley/1","id":"same","text":"x"}\n'; done >"$D2/same.jsonl"
"$PARLEY" validate "$D2/same.jsonl" 2>"$TMPD/dup.err" >/dev/null
grep -q "^$D2/same.jsonl: 4 more readouts with ids of earlier readouts of the same file (after the first 10, " \
	"$TMPD/dup.err" && [ "$(grep -c ": id: already the id of the readout on line 1 of " "$TMPD/dup.err")" = 10 ]
ok $? "ids found again in one file: summed up as that file's"
# two .jsonl files given, one a copy: the files named, not their
# directories (it said "old: 5 more ... of new")
mkdir -p "$D2/jl/old" "$D2/jl/new"
for i in $(seq 1 15); do printf '{"format":"parley/1","id":"j%s","text":"x"}\n' "$i"; done >"$D2/jl/old/all.jsonl"
cp "$D2/jl/old/all.jsonl" "$D2/jl/new/all.jsonl"
"$PARLEY" validate "$D2/jl/old/all.jsonl" "$D2/jl/new/all.jsonl" 2>"$TMPD/dup.err" >/dev/null
grep -q "^$D2/jl/new/all.jsonl: 5 more readouts with ids of readouts of $D2/jl/old/all.jsonl (after the first 10, " "$TMPD/dup.err"
ok $? "two .jsonl files: the summary names the files ($(tail -n 1 "$TMPD/dup.err"))"
mkdir -p "$D2/one/a" "$D2/one/b"
for i in $(seq 1 11); do printf '{"format":"parley/1","id":"i%s","text":"x"}\n' "$i" >"$D2/one/a/$i.json"; done
cp "$D2/one/a/"*.json "$D2/one/b/"
"$PARLEY" validate "$D2/one" 2>"$TMPD/dup.err" >/dev/null
grep -q "^$D2/one/b: 1 more readout with the id of a readout of $D2/one/a " "$TMPD/dup.err"
ok $? "and one more, in the singular"
# the same file reached twice (a directory given twice, a file given with
# its directory, a symbolic or hard link to it): read once, where it comes
# first, and not a duplicate of itself; a copy is another file
D3="$TMPD/twice"
mkdir -p "$D3/d/sub"
for i in 1 2 3; do
	printf '{"format":"parley/1","id":"t%s","text":"x","speakers":[{"id":"s","label":"S"}],"positions":[{"id":"p1","speaker":"s","start":0,"end":1}]}\n' \
		"$i" >"$D3/d/sub/t$i.json"
done
one=$("$PARLEY" query -c --no-cache "$D3/d" 2>&1)
two=$("$PARLEY" query -c --no-cache "$D3/d" "$D3/d" 2>&1) three=$("$PARLEY" query -c --no-cache "$D3/d" "$D3/d/sub/t2.json" 2>&1)
v=$("$PARLEY" validate --strict "$D3/d" "$D3/d/sub" 2>&1; echo "rc $?")
ln -s t1.json "$D3/d/sub/link.json"
ln "$D3/d/sub/t3.json" "$D3/d/sub/hard.json"
four=$("$PARLEY" query -c --no-cache "$D3/d" 2>&1) five=$("$PARLEY" query -c "$D3/d" 2>&1) six=$("$PARLEY" query -c "$D3/d" 2>&1)
[ "$one" = 3 ] && [ "$two" = 3 ] && [ "$three" = 3 ] && [ "$four" = 3 ] && [ "$five" = 3 ] && [ "$six" = 3 ] &&
	[ "$v" = "$(printf '3 readouts in 3 files: all valid\nrc 0')" ]
ok $? "a file reached twice is read once: a directory given twice, a file with its directory, links ($(echo $two / $three / $four / $v))"
rm "$D3/d/sub/link.json" "$D3/d/sub/hard.json"
cp "$D3/d/sub/t1.json" "$D3/d/sub/copy.json"
"$PARLEY" validate "$D3/d" >/dev/null 2>"$TMPD/twice.err"
[ $? = 1 ] && grep -q "t1.json: readout t1: id: already the id of a readout of .*copy.json" "$TMPD/twice.err"
ok $? "  and a copy is another file: its ids are duplicates"
# one path given absolute, the other relative: never "the same file", nor
# a name left empty
mkdir -p "$D2/mix/a/x" "$D2/mix/b/x"
for i in $(seq 1 13); do printf '{"format":"parley/1","id":"m%s","text":"x"}\n' "$i" >"$D2/mix/a/x/m$i.json"; done
cp "$D2/mix/a/x/"*.json "$D2/mix/b/x/"
(cd "$D2/mix" && "$PARLEY" validate "$D2/mix/a/x" b) 2>"$TMPD/mix.err" >/dev/null
(cd "$D2/mix" && "$PARLEY" validate b "$D2/mix/a/x") 2>"$TMPD/mix2.err" >/dev/null
grep -q "^b/x: 3 more readouts with ids of readouts of $D2/mix/a/x " "$TMPD/mix.err" &&
	grep -q "^$D2/mix/a/x: 3 more readouts with ids of readouts of b/x " "$TMPD/mix2.err" &&
	! grep -q "same file\|^: " "$TMPD/mix.err" "$TMPD/mix2.err"
ok $? "an absolute path and a relative one: summed up per directory ($(tail -n 1 "$TMPD/mix.err"))"
# ids found again in other files of the same directory: summed up as that
# directory's, not as a copy of itself
mkdir -p "$D2/flat"
for i in $(seq 1 14); do printf '{"format":"parley/1","id":"f%s","text":"x"}
' "$i" >"$D2/flat/a$i.json"; done
for i in $(seq 1 14); do printf '{"format":"parley/1","id":"f%s","text":"x"}
' "$i" >"$D2/flat/b$i.json"; done
"$PARLEY" validate "$D2/flat" 2>"$TMPD/dup.err" >/dev/null
grep -q "^$D2/flat: 4 more readouts with ids of readouts of other files of the same directory (after the first 10, " "$TMPD/dup.err" &&
	! grep -q "copy of the other" "$TMPD/dup.err"
ok $? "ids found again in other files of one directory: summed up as that directory's ($(tail -n 1 "$TMPD/dup.err"))"

# twenty directories each linked from the top: the threads race for each
# (a walk that let the first thread to get there keep it listed some of
# them under the link's path a few runs in a hundred)
W3="$TMPD/walk3"
mkdir -p "$W3"
for i in $(seq 10 29); do
	mkdir -p "$W3/d$i"
	for j in 1 2 3; do
		sed "0,/\"id\": \"en-2021-08-20-wang-yi-tileuberdi\"/s//\"id\": \"r$i-$j\"/" "$GOOD" > "$W3/d$i/f$j.json"
	done
	ln -s "d$i" "$W3/l$i"
done
want=$(PARLEY_THREADS=1 "$PARLEY" query --no-cache -f jsonl "$W3" 2>&1)
same=0
for i in $(seq 1 100); do
	[ "$(PARLEY_THREADS=8 "$PARLEY" query --no-cache -f jsonl "$W3" 2>&1)" = "$want" ] && same=$((same + 1))
done
[ "$(printf '%s\n' "$want" | grep -c '"readout"')" -gt 0 ] && [ "$same" = 100 ]
ok $? "twenty directories linked from the top: the paths of one walk in order, $same of 100 runs on 8 threads"

done_testing
