#!/bin/sh
# entities.sh - speakers, topics and agreements made in the browser: their
# ids are readable in every script and unique in the corpus (two new
# speakers in two readouts never merge), the pickers offer the corpus's
# entities (not only the open readout's), and what is made shows in the
# facets at once.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$SAMPLES"/*.jsonl "$C/"
ZH="$C/zh-2021-06-28-xi-jinping-putin-video-call.json"
RU="$C/ru-2021-07-15-lavrov-wang-yi-tashkent.json"
EN="$C/en-2021-08-20-wang-yi-tileuberdi-call.json"
ent() { # ent FILE KIND LABEL: the id of the entity with that label
	jq -r --arg l "$3" ".$2[] | select(.label == \$l) | .id" "$1"
}

start 120 35 USER=tester -- "$C"
# the Chinese readout (the last): a new speaker and two new topics (the
# new speakers' names are no speaker's name or alias in the corpus: 俄方 is
# Putin's alias, Китайская сторона Wang Yi's)
keys G Enter Tab
keys S
type "俄代表"
wait_for "> 俄代表"
has "+ new: 俄代表" "S offers to make a speaker named 俄代表"
keys Down Down Down Down Down Enter
has "speaker: 俄代表" "the position is 俄代表's now"
keys T
type "安全"
wait_for "> 安全"
has "生物安全 (biosecurity)" "T offers the topics whose names hold the text"
new=$(screen | grep -n "+ new: 安全" | cut -d: -f1) bio=$(screen | grep -n "生物安全 (biosecurity)" | cut -d: -f1)
[ "$new" -lt "$bio" ]; ok $? "but first offers to make 安全: inside 生物安全, it is another topic"
keys Enter
has "new in this readout" "T makes the topic 安全"
keys j T
type "经济"
wait_for "> 经济"
keys Down Down Down Down Down Enter
has "topics: 中俄关系, 经济" "and 经济 on the next position"
# the Russian readout (the third oldest): another new speaker, and the corpus's topic 安全
keys q k k Enter Tab
keys S
type "Китайская делегация"
wait_for "> Китайская делегация"
has "+ new: Китайская делегация" "S offers to make a speaker named Китайская делегация"
keys Down Down Down Down Down Enter
has "speaker: Китайская делегация" "a new speaker in the Russian readout"
keys T
type "安全"
wait_for "> 安全"
has "安全 (an-quan)" "T offers the corpus's topic made in another readout, with its id"
has "1 rd" "and says it is in another readout"
keys Enter
has "new in this readout" "picking it declares it in this readout too"
# a readout with no agreement at all: A still offers the corpus's charters
keys q
keys g Enter Tab
has "Tileuberdi" "the Kazakh call (no agreements, the newest) is open"
keys A
type "charter"
wait_for "> charter"
has "(un-charter)" "A offers the UN Charter from the rest of the corpus"
first=$(screen | grep -n "(un-charter)" | cut -d: -f1) new=$(screen | grep -n "+ new: charter" | cut -d: -f1)
[ "$first" -lt "$new" ]; ok $? "before a new one: the corpus's entities that fit come first"
keys Tab Enter
has "1 agreement" "the UN Charter is picked"
keys q Tab
has "俄代表" "the new speakers are in the facets at once"
has "Китайская делегация" "both of them"
keys w
has "saved 3 readouts in 3 files" "w saves the three readouts"
keys q
wait_for "[parley exited 0]"
stop

is "$(ent "$ZH" speakers 俄代表)" "e-dai-biao" "俄代表 gets a pinyin id"
is "$(ent "$RU" speakers "Китайская делегация")" "kitayskaya-delegatsiya" "Китайская делегация a transliterated one"
is "$(ent "$ZH" topics 安全)" "an-quan" "安全 is an-quan"
is "$(ent "$ZH" topics 经济)" "jing-ji" "经济 is jing-ji, not a second topic-1"
is "$(ent "$RU" topics 安全)" "an-quan" "the Russian readout declares the same an-quan"
is "$(jq -r '.agreements[0].id' "$EN")" "un-charter" "the Kazakh call refers to the corpus's un-charter"
run "$PARLEY" validate "$C"
ok $rc "the corpus validates"
run "$PARLEY" stats --no-cache -n 0 "$C"
echo "$out" | grep -q "e-dai-biao" && echo "$out" | grep -q "kitayskaya-delegatsiya"
ok $? "stats counts the two new speakers apart"
n=$("$PARLEY" query --no-cache -c --speaker 俄代表 "$C")
is "$n" 1 "query --speaker 俄代表: its one position, not the other's"
n=$("$PARLEY" query --no-cache -c --speaker "Китайская делегация" "$C")
is "$n" 1 "query --speaker Китайская делегация: its one position"
n=$("$PARLEY" query --no-cache -c --topic 安全 "$C")
is "$n" 2 "query --topic 安全: the positions of both readouts"

done_testing
