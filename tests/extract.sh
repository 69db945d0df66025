#!/bin/sh
# extract.sh - parley extract: drafts that are valid readouts, what the
# opening states in the metadata, pages read as articles, bad input told
# apart from good, the options, the user's lexicon; and the drafts scored
# against the hand-annotated development set and the samples.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
DEV=$top_srcdir/tests/extract/dev
PAGES=$top_srcdir/tests/extract/pages
export XDG_CONFIG_HOME="$TMPD/config"

# --- every development readout drafts to a valid readout, its text kept
n=0
bad=0
for t in "$DEV"/*.txt; do
	name=$(basename "$t" .txt)
	n=$((n + 1))
	if ! "$PARLEY" extract -q -o "$TMPD/$name.json" "$t" 2>"$TMPD/err" ||
		! "$PARLEY" validate -q --strict "$TMPD/$name.json" >/dev/null 2>>"$TMPD/err" ||
		[ "$(jq -r .text "$TMPD/$name.json")" != "$(jq -r .text "$DEV/$name.json")" ]; then
		bad=$((bad + 1))
		echo "# $name:"
		sed 's/^/#   /' "$TMPD/err"
	fi
done
[ "$n" -ge 30 ] ; ok $? "the development set holds $n readouts (30 or more)"
[ "$bad" -eq 0 ] ; ok $? "each drafts to a valid readout (validate --strict) with the gold's text"
jq -e '(.positions | length) as $n | [.positions[] | select(.review == "pending" and .by == "extract")] | length == $n and $n > 0' \
	"$TMPD/en-2016-08-05-wang-yi-kerry-call.json" >/dev/null
ok $? "every drafted position is pending, by extract"

# --- what the opening states
d=$TMPD/en-2016-08-05-wang-yi-kerry-call.json
is "$(jq -r '[.date, .kind, .lang, .initiator] | join(" ")' "$d")" "2016-08-05 call en john-kerry" \
	"date, kind, language and the initiator (\"at request\") from the opening"
is "$(jq -r '.speakers[] | select(.id == "wang-yi") | .country' "$d")" "CN" "a known person gets the lexicon's id and country"
jq -e '.speakers[] | select(.members) | .members | sort == ["john-kerry", "wang-yi"]' "$d" >/dev/null
ok $? "\"Both sides\" is the group of the two participants"
d=$TMPD/zh-2016-05-16-wang-yi-kerry-call.json
is "$(jq -r '[.lang, .kind, .initiator] | join(" ")' "$d")" "zh call john-kerry" "traditional Chinese: 應約 names the initiator"
jq -e '.agreements[] | select(.id == "unsc-res-2254")' "$d" >/dev/null
ok $? "第2254號決議 is resolution 2254"
d=$TMPD/ru-2023-11-01-lukashenko-putin-call.json
is "$(jq -r .lang "$d")" "ru" "Russian is recognised by its script"
d=$TMPD/fr-2022-02-22-wang-yi-blinken-call.json
is "$(jq -r '[.lang, .kind, .initiator] | join(" ")' "$d")" "fr call antony-blinken" "French: \"à la demande de\" names the initiator"

# --- the opening's finer points, on texts written for the test
meta() { printf '%s\n' "$2" >"$TMPD/m.txt"; "$PARLEY" extract -q --lang "$1" "$TMPD/m.txt" | jq -r "$3"; }
is "$(meta fr "Le Président de la République s'est entretenu par téléphone vendredi 10 janvier avec le Premier ministre du Japon, M. Taro Aso.
Ils ont rappelé la visite du Premier ministre à Paris en juillet 2019." .date)" "2020-01-10" \
	"a date with a weekday and no year: the first year from the latest named whose day it is"
is "$(meta ru "Главы государств обсудили выполнение договорённостей, достигнутых в Москве 12 февраля 2008 года.
В ходе беседы Виктор Ющенко поблагодарил за поздравления.
Разговор состоялся по инициативе украинской стороны." '[.date // "none", .kind, .initiator] | join(" ")')" \
	"none call viktor-yushchenko" \
	"an earlier event's date is not the meeting's; the kind and initiator said at the end (\"Разговор состоялся по инициативе\")"
# dates in figures with slashes: month first in English (the State
# Department's pages), day first else, either when the other is over 12
# or when the file's name dates that day; "yesterday" under a page's date
is "$(meta en "Secretary Blinken's Call with Foreign Minister Colonna
02/10/2023
Secretary of State Antony J. Blinken spoke yesterday with French Foreign Minister Catherine Colonna. Secretary Blinken emphasized support for Ukraine.
They also discussed Iran." .date)" "2023-02-09" "a State Department dateline, 02/10/2023, and 'spoke yesterday': the day before"
is "$(meta en "Deputy Secretary Sherman's Meeting with Deputy Foreign Minister Ryabkov
01/09/2022 04:17 PM EST
Deputy Secretary of State Wendy R. Sherman met with Deputy Foreign Minister Sergey Ryabkov today in Geneva. The Deputy Secretary stressed dialogue.
They discussed security." .date)" "2022-01-09" "  01/09/2022 04:17 PM EST, 'today': that day, month first in English"
is "$(meta fr "Entretien de M. Le Drian avec M. Lavrov
01/03/2021
M. Jean-Yves Le Drian s'est entretenu avec M. Sergueï Lavrov. Il a souligné la paix.
Ils ont parlé de l'Iran." .date)" "2021-03-01" "  01/03/2021 in French: day first"
printf 'Entretien de M. Le Drian avec M. Lavrov\n03/01/2021\nM. Jean-Yves Le Drian a parlé avec M. Sergueï Lavrov. Il a souligné la paix.\nIls ont parlé de l'"'"'Iran.\n' >"$TMPD/fr-2021-03-01-le-drian.txt"
is "$("$PARLEY" extract -q "$TMPD/fr-2021-03-01-le-drian.txt" | jq -r .date)" "2021-03-01" "  03/01/2021 in French, month first where the file's name dates 1 March"
is "$(meta fr "Entretien de Mme Catherine Colonna avec M. Antony Blinken (17 juin 2022)
Mme Catherine Colonna s'est entretenue aujourd'hui par téléphone avec M. Antony Blinken.
La ministre a souligné son soutien à l'Ukraine." '[.title, .date] | join(" | ")')" \
	"Entretien de Mme Catherine Colonna avec M. Antony Blinken (17 juin 2022) | 2022-06-17" \
	"the text saying no date: the title's"
# an opening that only says who called whom is no position (its cue,
# "spoke", is part of the kind, "spoke with"); one that says about what is;
# and "il" after it is the caller
is "$(meta en "Secretary of State Antony J. Blinken spoke yesterday with French Foreign Minister Catherine Colonna. They discussed support to Ukraine.
They also discussed Iran." '[.kind, (.positions | length)] | join(" ")')" "call 2" \
	"'X spoke yesterday with Y.': a call, and no position (two, of what they discussed)"
is "$(meta en "Secretary of State John Kerry spoke with Russian Foreign Minister Sergey Lavrov about the situation in Ukraine. The Secretary stressed dialogue.
They agreed to stay in touch." '[.positions[0] | .start] | join(" ")')" "0" \
	"  'X spoke with Y about Ukraine.' is a position"
is "$(meta fr "Le Président de la République a appelé le Chancelier allemand, M. Gerhard Schröder, ce matin.
Il a remercié le Chancelier pour son message d'amitié." '[(.positions | length), .positions[0].speaker] | join(" ")')" \
	"1 le-president-de-la-republique" "  'Il' after an opening that is no position: the one who called"
# a name after a verb that goes on with its clause is its object, not an
# inverted subject ("said Lavrov."): one position, the Secretary's
is "$(meta en "Secretary of State Antony J. Blinken spoke with French Foreign Minister Catherine Colonna about Ukraine.
Secretary Blinken emphasized deep concern over tensions, reaffirmed the U.S. commitment to a two-state solution, and briefed Foreign Minister Colonna on his recent visit to Israel.
The two also discussed Armenia." '[.positions[] | .speaker] | join(" ")')" \
	"group:antony-blinken:catherine-colonna antony-blinken group:antony-blinken:catherine-colonna" \
	"'and briefed Foreign Minister Colonna on ...': Colonna is briefed, the sentence is Blinken's"
is "$(meta en "Minister Kono met Minister Swaraj in New York.
Minister Swaraj replied that she is happy to meet again. Minister Kono said that he agrees.
The two discussed trade." '[.positions[] | .speaker] | join(" ")')" "swaraj kono group:kono:swaraj" \
	"'replied' is a reporting cue"
is "$(meta en "Deputy Secretary of State Wendy R. Sherman met with Russian Deputy Foreign Minister Sergey Ryabkov today in Geneva.
The Deputy Secretary and Deputy Foreign Minister discussed the bilateral topics.
The Deputy Secretary stressed dialogue." '[.positions[] | .speaker] | join(" ")')" "group:sergey-ryabkov:wendy-r-sherman wendy-r-sherman" \
	"'The Deputy Secretary and Deputy Foreign Minister discussed': the two, by their roles, one article for both"
is "$(meta fr "Le 1er mars 2024, la ministre Catherine Colonna s'est entretenue avec M. Antony Blinken.
Elle a rappelé le soutien de la France à l'Ukraine." .date)" "2024-03-01" "'1er mars 2024': the first of March"
printf "Secretary Blinken's Call with Foreign Minister Colonna\n01/09/2022 04:17 PM EST\n\nOffice of the Spokesperson\n\nSecretary of State Antony J. Blinken spoke with French Foreign Minister Catherine Colonna.\n\nThe Secretary reiterated that the United States supports Ukraine.\n" >"$TMPD/state.txt"
is "$("$PARLEY" extract -q --lang en "$TMPD/state.txt" | jq -r '[.kind, .date] | join(" ")')" "call 2022-01-09" \
	"the State Department's layout: its 'Office of the Spokesperson' line is a heading, not the opening (a call, not a statement)"
# agreements: no organisation named after a treaty, no name's initial,
# no verb before a title in Han characters, one instrument for its full
# and short forms
is "$(meta ru "26 февраля Министр иностранных дел Э.Абдылдаев встретился с Генеральным секретарем Организации Договора о коллективной безопасности Н.Бордюжей." '[.agreements[]?.label] | length')" 0 \
	"the Organisation of the Collective Security Treaty is no agreement the readout refers to"
is "$(meta ru "Сергей Лавров напомнил о Договоре о добрососедстве Н.Иванову." '[.agreements[]?.label] | join("|")')" "Договор о добрососедстве" \
	"a title ends before a name's initial"
is "$(meta zh "2月10日，驻利比里亚大使任义生与利方外交部长凯马亚共同出席中利经济技术合作协定签字仪式。任义生表示，经济技术合作协定将推动两国合作。" \
	'[.agreements[]? | .label, (.aliases // [] | join(","))] | join("|")')" "中利经济技术合作协定|经济技术合作协定" \
	"no verb before a title in Han characters (出席), and its short form an alias of it, not another instrument"
# a known person's label: the lexicon's name in the text's script, not
# the case the text declines it in (kept as an alias)
is "$(meta ru "Министр иностранных дел Узбекистана Абдулазиз Камилов провёл телефонный разговор с Министром иностранных дел Российской Федерации Сергеем Лавровым. Сергей Лавров заявил, что Россия поддерживает диалог." \
	'[.speakers[] | select(.id == "sergey-lavrov") | .label, (.aliases | index("Сергеем Лавровым") != null)] | join(" ")')" \
	"Сергей Лавров true" "a known person declined in the text (Сергеем Лавровым) is labelled in the nominative"
# an envoy posted to a country (驻利比里亚大使) is not of it; a side
# before a title (利方外交部长) is the person's
is "$(meta zh "2月10日，驻利比里亚大使任义生与利方外交部长凯马亚共同出席签字仪式。
任大使表示，中方愿积极给予支持。
凯表示，感谢中方的帮助。" '[.speakers[] | select(.id | startswith("group") | not) | "\(.label):\(.country)"] | join(" ")')" \
	"任义生:CN 凯马亚:LR" "an ambassador to Liberia is not Liberian, the Liberian side's minister is"
# a day without its year: the year from the file's name when it dates
# that very day
printf 'On December 2, Sergey Lavrov met John Kerry in Hamburg.\n' >"$TMPD/en-2016-12-02-lavrov-kerry.txt"
cp "$TMPD/en-2016-12-02-lavrov-kerry.txt" "$TMPD/en-2016-12-05-lavrov-kerry.txt"
is "$("$PARLEY" extract -q "$TMPD/en-2016-12-02-lavrov-kerry.txt" | jq -r '.date // "none"') $("$PARLEY" extract -q "$TMPD/en-2016-12-05-lavrov-kerry.txt" | jq -r '.date // "none"')" \
	"2016-12-02 none" "\"On December 2\": the year from a file named for that day, not from one named for another"
# a date in figures alone over the text (a saved page's header line)
is "$(meta en "2021-08-20
Sergey Lavrov met Wang Yi in Tianjin." .date)" "2021-08-20" "a bare 2021-08-20 line dates the readout (none before)"
is "$(meta ru "20.08.2021 14:05
Сергей Лавров встретился с Ван И." .date)" "2021-08-20" "and 20.08.2021, day first"
is "$(meta en "2021-08-20
Sergey Lavrov met Wang Yi in Tianjin.
They spoke of the weather." '[.title // "none", .date] | join(" ")')" "none 2021-08-20" \
	"over a text of several paragraphs: the date line is no title"
is "$(meta zh "20.08.2021

王毅同拉夫罗夫会谈。
双方讨论了天气。" '[.title // "none", .date] | join(" ")')" "none 2021-08-20" "nor over a Chinese one, a blank line after it"
is "$(meta en "Sergey Lavrov met Wang Yi in Tianjin on August 16, 2021.
Published 2021-08-20" .date)" "2021-08-16" "a date in words wins over one in figures"
is "$(meta en "Sergey Lavrov met Wang Yi. They recalled the treaty signed on 2001-07-16." '.date // "none"')" "none" \
	"an earlier event's date in figures is not the meeting's"
is "$(meta en "Ref. 2021-08-20-17
Sergey Lavrov met Wang Yi." '.date // "none"')" "none" "nor figures within a longer number"
is "$(meta en "2021-02-31
Sergey Lavrov met Wang Yi." '.date // "none"')" "none" "nor a day the month has not"
is "$(meta en "On May 11, 2011, as a special representative of President Hu Jintao, State Councilor Dai Bingguo met with Tom Donilon in Washington.
Dai said that the dialogue had produced results." '.kind')" "meeting" \
	"one named as whom another represents takes no part: a meeting of two, not a multilateral one"
is "$(meta fr "Aujourd'hui, le premier ministre Justin Trudeau a rencontré Édouard Philippe, premier ministre de la France.
Les deux premiers ministres se sont rencontrés à Juno Beach, là où les soldats ont débarqué." '.place')" "Juno Beach" \
	"the place from the next line when it says they met there"
is "$(meta en "On December 2, Foreign Minister Sergey Lavrov met with Secretary of State John Kerry.
The diplomats discussed a settlement in Syria." '.place // "none"')" "none" \
	"not a place the next line names without saying they met there"
is "$(meta en "On December 2, Foreign Minister Sergey Lavrov met with Secretary of State John Kerry on the sidelines of the Rome Mediterranean Dialogues conference.
They discussed Syria." '.place')" "Rome" "a known city named only inside an event's name is the place"
is "$(meta en "On July 27, Secretary Kerry spoke by phone with Foreign Minister Sergey Lavrov about the situation in Ukraine.
Kerry said the fighting must stop." '[.kind, .place // "none"] | join(" ")')" "call none" \
	"a call's place is only a city (\"the situation in Ukraine\" is none)"
d=$(meta fr "Mme Catherine Colonna, ministre de l'Europe et des affaires étrangères, s'est entretenue aujourd'hui par téléphone avec son homologue des États-Unis d'Amérique, M. Antony Blinken.
La ministre et le Secrétaire d'État ont réaffirmé leur soutien à l'Ukraine." '[.speakers[] | select(.members | not) | .id] | sort | join(" ")')
is "$d" "antony-blinken catherine-colonna" \
	"\"la ministre\" is the one titled so after her name; \"le Secrétaire d'État\" the other, whose title the text had not given"

is "$(meta en "On 14 July, a meeting of foreign ministers was held in Dushanbe under the chairmanship of Sirojiddin Muhriddin, Minister of Foreign Affairs of Tajikistan. Taking part were Wang Yi, State Councilor and Minister of Foreign Affairs of China; and Sergey Lavrov, Minister of Foreign Affairs of Russia. Secretary-General Vladimir Norov also attended.
The ministers reviewed the preparations for the summit. They also discussed Afghanistan." \
	'. as $r | [.positions[] | .speaker as $s | $r.speakers[] | select(.id == $s) | .members | length | tostring] | join(" ")')" "3 3" \
	"\"the ministers\" are those titled minister, not the Secretary-General who also attended; \"they\" the group just named"
d=$(meta zh "8月23日，国务委员杨洁篪应约同美国国务卿蒂勒森通电话。
杨洁篪表示，当前，中美双方在广泛领域保持着沟通与合作。做好特朗普总统年内应习近平主席邀请访华准备。
蒂勒森表示，美方愿同中方一道落实好两国元首达成的重要共识。" '[.positions[] | .speaker] | join(" ")')
is "$d" "yang-jiechi di-lei-sen" \
	"Chinese: after \"表示，\" the sentence is what was said (\"双方…沟通\" in it starts nothing); \"请\" in \"邀请\" is no cue"

is "$(meta fr "Le premier ministre Justin Trudeau a rencontré aujourd'hui Matteo Renzi, premier ministre de l'Italie, en marge du Sommet du G20, en Turquie.
Les dirigeants ont réaffirmé leur amitié." .kind)" "meeting" "a meeting on the sidelines of a summit is a meeting, not a multilateral one"
d=$(meta fr "Aujourd'hui, le premier ministre Justin Trudeau s'est entretenu avec la présidente de la Commission européenne, Ursula von der Leyen.
Le premier ministre et la présidente ont échangé leurs points de vue. Les deux dirigeants ont salué l'accord conclu entre Israël et le Hamas. Ils ont encouragé toutes les parties à appliquer l'accord." \
	'[.speakers[] | select(.members | not) | .id] + [.agreements[] | .label] + [.positions[] | .speaker | test("^group:") | tostring] | join("|")')
is "$d" "justin-trudeau|ursula-von-der-leyen|l'accord conclu entre Israël et le Hamas|true|true|true" \
	"a name with particles after an organisation with a lower-case adjective; an agreement named by its parties; the leaders' statements as the group's"
is "$(meta zh "外交部长王毅20日应约同法国外长法比尤斯通电话，重点就伊拉克当前局势交换意见。
王毅表示，中方希望伊拉克尽快恢复稳定。" '[.initiator, (.positions[0].speaker | test("^group:") | tostring)] | join(" ")')" "fa-bi-you-si true" \
	"Chinese: a name before a number (\"王毅20日\") is named; the clause with no subject is the sentence's subject's, with whom he spoke; 法比尤斯 whole after 法国外长 (it was 比尤斯)"
is "$(meta zh "2015年7月20日，外交部副部长张业遂会见乌拉圭驻华大使波特利。
张业遂对波在担任驻华大使期间，积极推动双边关系发展表示赞赏。" '.positions[0].speaker')" "zhang-ye-sui" \
	"Chinese: \"X对…，…表示赞赏\": a 对 phrase with commas between the subject and its cue"

is "$(meta ru "21 ноября в Москве состоялась встреча Сергея Лаврова с Ван И.
Стороны обсудили ситуацию. Сергей Лавров подчеркнул важность диалога." '[.place, ([.speakers[] | select(.members | not) | .id] | sort | join(" "))] | join(" ")')" "Москва sergey-lavrov wang-yi" \
	"Russian: a known name declined (\"Сергея Лаврова\") names its person, and the opening with it; the place in the nominative"
is "$(meta fr "Le Président de la République a appelé le Chancelier allemand, M. Gerhard Schröder, ce matin.
Il a remercié le Chancelier." '[.kind, .initiator] | join(" ")')" "call le-president-de-la-republique" \
	"the one who called is the initiator"

# --- a byte-order mark and CRLF line ends change nothing
src=$DEV/fr-2021-11-05-joly-le-drian-call.txt
{ printf '\357\273\277'; sed 's/$/\r/' "$src"; } >"$TMPD/crlf.txt"
"$PARLEY" extract --id same "$src" >"$TMPD/lf.json" && "$PARLEY" extract --id same "$TMPD/crlf.txt" >"$TMPD/crlf.json"
ok $? "a text with a byte-order mark and CRLF line ends drafts"
cmp -s "$TMPD/lf.json" "$TMPD/crlf.json" ; ok $? "to the same readout as without them"
# nor blank lines between paragraphs, nor spaces at a line's end: the
# format's paragraphs are separated by one \n
sed -e 's/$/  /' -e 'a\
\t' "$src" >"$TMPD/blank.txt"
"$PARLEY" extract --id same "$TMPD/blank.txt" >"$TMPD/blank.json"
cmp -s "$TMPD/lf.json" "$TMPD/blank.json" ; ok $? "a blank line after each paragraph and spaces at their ends: the same readout"
jq -r .text "$TMPD/blank.json" | grep -c '^$' | grep -qx 0 ; ok $? "  its text has no blank line"

# --- pages saved from a ministry's site
run "$PARLEY" extract "$PAGES/zh-mfa-page.html"
ok $((rc != 0)) "a saved page drafts"
printf "%s\n" "$out" >"$TMPD/page.json"
is "$(jq -r '[.title, .date, .issuer, .source.url] | join("|")' "$TMPD/page.json")" \
	"杨洁篪应约同美国国务卿蓬佩奥通电话|2020-01-03|CN|https://www.mfa.gov.cn/web/zyxw/202001/t20200103_347737.shtml" \
	"its title, date, issuer (from the site) and address"
is "$(jq -r .text "$TMPD/page.json")" "$(cat "$DEV/zh-2020-01-03-yang-jiechi-pompeo-call.txt")" \
	"its text is the article's, paragraph for paragraph"
jq -r .text "$TMPD/page.json" | grep -q -e 首页 -e 版权 -e 脚本 -e 分享
ok $((! $?)) "no navigation, script, sharing links or footer in it"
run "$PARLEY" extract "$PAGES/en-embassy-page.html"
printf "%s\n" "$out" >"$TMPD/page.json"
is "$(jq -r '[.title, .source.publisher, .date] | join("|")' "$TMPD/page.json")" \
	"Wang Yi Holds Telephone Talks with Secretary of State John Kerry of US|Embassy of the People's Republic of China|2016-08-05" \
	"og:title and og:site_name; the date the text states wins over the page's"
jq -r .text "$TMPD/page.json" | grep -q -e "Suggest to a friend" -e "Consular" -e "Copyright" -e "JavaScript"
ok $((! $?)) "menus, links, footer and noscript text are left out"
run "$PARLEY" extract "$PAGES/no-article.html"
ok $((rc != 1)) "a page with no article: exit 1"
printf "%s\n" "$err" | grep -q "no-article.html: no article found" ; ok $? "and it says so, naming the file"

# --- bad input: a clear message, the other files still drafted
: >"$TMPD/empty.txt"
printf 'Wang Yi said \000 nothing.\n' >"$TMPD/binary.txt"
printf 'Line one.\nLe ministre a dit \351t\351.\n' >"$TMPD/latin1.txt"
cp "$DEV/en-2016-08-05-wang-yi-kerry-call.txt" "$TMPD/good.txt"
run "$PARLEY" extract -o "$TMPD/outdir" "$TMPD/empty.txt" "$TMPD/binary.txt" "$TMPD/latin1.txt" "$TMPD/good.txt"
ok $((rc != 1)) "some files bad, one good: exit 1"
printf "%s\n" "$err" | grep -q "empty.txt: empty" ; ok $? "an empty file is named as empty"
printf "%s\n" "$err" | grep -q "binary.txt: binary data" ; ok $? "binary data is named as such"
printf "%s\n" "$err" | grep -q "latin1.txt:2:19: invalid UTF-8" ; ok $? "invalid UTF-8 is reported at its line and column"
[ -s "$TMPD/outdir/good.json" ] ; ok $? "and the good file is drafted all the same"
[ ! -e "$TMPD/outdir/empty.json" ] ; ok $? "nothing is written for a bad one"
# a text far longer than a readout: refused at once, not read
dd if=/dev/zero bs=1048576 count=0 seek=100 of="$TMPD/huge.txt" 2>/dev/null
run "$PARLEY" extract "$TMPD/huge.txt"
ok $((rc != 1)) "a 100 MB text is refused (exit 1)"
printf "%s\n" "$err" | grep -q "longer than a readout can be" ; ok $? "saying it is longer than a readout can be"
run "$PARLEY" extract "$TMPD/no-such-file.txt"
printf "%s\n" "$err" | grep -q "no-such-file.txt: No such file" ; ok $? "a missing file is named"
# a FILE that cannot be read is said as every command says it, exit 2
is "$err" "parley: $TMPD/no-such-file.txt: No such file or directory" "  as the other commands say it"
is "$rc" 2 "  exit 2 (a file that could not be read)"
if mkfifo "$TMPD/pipe.txt" 2>/dev/null; then
	run "$PARLEY" extract "$TMPD/pipe.txt"
	is "$err" "parley: $TMPD/pipe.txt: not a regular file (a named pipe): not read" "a named pipe: said, never opened"
else
	skip "mkfifo is not available"
fi
# a readout file is not a text to draft from: refused, said
run "$PARLEY" extract "$top_srcdir/samples/fr-2021-07-15-wang-yi-lavrov-tashkent.json"
printf "%s\n" "$err" | grep -q "tashkent.json: a readout file already" && [ -z "$out" ] && [ "$rc" = 1 ] ; ok $? "a .json FILE is refused, said, exit 1"
# --max-file-size bounds the user's files, not parley's own lexicons
printf 'Wang Yi met Sergey Lavrov in Moscow.\n' >"$TMPD/short.txt"
run "$PARLEY" extract --max-file-size 1K "$TMPD/short.txt"
is "$rc" 0 "--max-file-size 1K drafts a short text (the lexicons have their own bound)"
printf "%s\n" "$out" | grep -q '"parley/1"' ; ok $? "  and prints its draft"
run "$PARLEY" extract --max-file-size 1K "$TMPD/short.txt" "$top_srcdir/samples/README"
printf "%s\n" "$err" | grep -q "^parley: .*samples/README: [0-9.]* KB: larger than the size limit of 1 KB (--max-file-size): not read" ; ok $? "  a FILE over it said with its size and the limit"
is "$rc" 2 "  exit 2, the other drafted"

# --- the options
run "$PARLEY" extract --lang en --id my-id --date 2020-01-02 --kind talks --place Paris --issuer FR \
	--title "A title" --url https://example.org/x --publisher "A ministry" "$src"
is "$(printf "%s\n" "$out" | jq -r '[.lang, .id, .date, .kind, .place, .issuer, .title, .source.url, .source.publisher] | join("|")')" \
	"en|my-id|2020-01-02|talks|Paris|FR|A title|https://example.org/x|A ministry" "what the options say wins over the text"
run "$PARLEY" extract --date 2020-13-01 "$src"
ok $((rc != 2)) "an invalid --date is a usage error"
run "$PARLEY" extract --date 2021-02-31 "$src"
[ $rc = 2 ] && [ -z "$out" ] ; ok $? "a day not in the calendar is a usage error (2021-02-31 made a readout that did not validate)"
run "$PARLEY" extract --date 2021-02 "$src"
is "$(printf "%s\n" "$out" | jq -r .date)" "2021-02" "--date YYYY-MM, as its help says"
# a language the lexicon has no words of: refused (--lang de drafted no
# position, in silence); one of its four in any case
run "$PARLEY" extract --lang de "$src"
[ $rc = 2 ] && [ -z "$out" ] && printf '%s\n' "$err" | grep -q "^parley: no draft in 'de': parley drafts en, fr, ru, zh"
ok $? "--lang de: a usage error naming the languages drafted ($rc: $err)"
run "$PARLEY" extract --lang EN "$src"
is "$(printf "%s\n" "$out" | jq -r .lang)" "en" "--lang EN: en"
# a cause fought for is not a thing opposed: "supports the fight against"
# was oppose (its "against"), in English and French
st() { printf '%s\n' "$1" >"$TMPD/st.txt"; "$PARLEY" extract -q -o - "$TMPD/st.txt" | jq -r '[.positions[].stance] | join(",")'; }
is "$(st 'Mr. Blinken said that the United States supports the fight against climate change.')" support "en: supports the fight against: support"
is "$(st 'M. Barrot a déclaré que la France soutient la lutte contre le terrorisme.')" support "fr: soutient la lutte contre: support"
is "$(st 'Mr. Blinken said that the United States is against unilateral sanctions.')" oppose "en: is against: oppose, as before"
# who asked: "called for" later in the text is no phone call (India was
# the initiator); "X called Y" in the opening is
printf 'On 12 March 2024, Foreign Minister Sergey Lavrov met with External Affairs Minister Subrahmanyam Jaishankar in Moscow.\n\nSubrahmanyam Jaishankar noted that India called for an immediate ceasefire in Gaza.\n' >"$TMPD/in.txt"
is "$("$PARLEY" extract -q -o - "$TMPD/in.txt" | jq -r .initiator)" null "a speaker who called for something did not ask for the meeting"
printf 'Foreign Minister Wang Yi called U.S. Secretary of State Antony Blinken on 5 April 2024. Wang said that China opposes sanctions.\n' >"$TMPD/in.txt"
is "$("$PARLEY" extract -q -o - "$TMPD/in.txt" | jq -r .initiator)" wang-yi "X called Y in the opening: X asked"
printf '5 марта 2021 года Президент России Владимир Путин позвонил Председателю Китайской Народной Республики Си Цзиньпину.\nСтороны обсудили торговлю.\n' >"$TMPD/in.txt"
is "$("$PARLEY" extract -q -o - "$TMPD/in.txt" | jq -r .initiator)" vladimir-putin "позвонил, a long title before the one called: the caller asked"
# -o - is standard output (it made a file named -)
run sh -c "cd '$TMPD' && '$PARLEY' extract -o - '$src'"
[ $rc = 0 ] && [ ! -e "$TMPD/-" ] && [ "$(printf "%s\n" "$out" | jq -r .format)" = "parley/1" ] ; ok $? "-o -: the draft on standard output, no file named -"
run "$PARLEY" extract --kind party "$src"
ok $((rc != 2)) "an invalid --kind is a usage error"
run "$PARLEY" extract --kind Video-Call "$src"
is "$(printf "%s\n" "$out" | jq -r .kind)" "video-call" "--kind in any case, written as the format spells it"
run "$PARLEY" extract --id "bad id" "$src"
ok $((rc != 2)) "an invalid --id is a usage error"
run "$PARLEY" extract
ok $((rc != 2)) "no FILE is a usage error"
run "$PARLEY" extract -o "$TMPD/outdir" "$TMPD/good.txt"
ok $((rc != 1)) "a file that exists is kept (exit 1)"
printf "%s\n" "$err" | grep -q "exists: kept" ; ok $? "and it says so"
run "$PARLEY" extract -f -o "$TMPD/outdir" "$TMPD/good.txt"
ok $rc "--force replaces it"
run "$PARLEY" extract -q -o "$TMPD/newdir/" "$TMPD/good.txt"
[ $rc = 0 ] && [ -s "$TMPD/newdir/good.json" ] ; ok $? "-o DIR/ with one file: the directory, made, with NAME.json in it"
run "$PARLEY" extract -q -o "$TMPD/deep/er/dir/" "$TMPD/good.txt"
[ $rc = 0 ] && [ -s "$TMPD/deep/er/dir/good.json" ] ; ok $? "-o DIR/ with its parents missing: made, as mkdir -p"
: >"$TMPD/afile"
run "$PARLEY" extract -q -o "$TMPD/afile/" "$TMPD/good.txt"
[ $rc = 2 ] && [ "$(printf "%s\n" "$err" | wc -l)" = 1 ] && printf "%s\n" "$err" | grep -q "afile: not a directory (a file is there)"
ok $? "a file where the directory goes: one line that says so, exit 2"
run "$PARLEY" extract -o "$TMPD/newdir//" "$TMPD/good.txt"
printf "%s\n" "$err" | grep -q "newdir/good.json exists" ; ok $? "and its name said without a double slash"
run "$PARLEY" extract "$TMPD/good.txt" "$src"
is "$(printf "%s\n" "$out" | wc -l | tr -d ' ')" 2 "several files on standard output: JSON Lines, one readout per line"
printf "%s\n" "$out" | jq -e -s 'length == 2' >/dev/null ; ok $? "each line a readout"
# texts of one name in two directories: one corpus of drafts, no id twice,
# no draft written over another
mkdir -p "$TMPD/one/a" "$TMPD/one/b"
cp "$TMPD/good.txt" "$TMPD/one/a/notes.txt" && cp "$src" "$TMPD/one/b/notes.txt"
run "$PARLEY" extract "$TMPD/one/a/notes.txt" "$TMPD/one/b/notes.txt"
is "$(printf "%s\n" "$out" | jq -r .id | tr '\n' ' ')" "notes notes-2 " "on standard output, the second draft of one name takes the next free id"
printf "%s\n" "$out" >"$TMPD/one.jsonl"
"$PARLEY" validate -q "$TMPD/one.jsonl" ; ok $? "so that the stream is a valid corpus"
run "$PARLEY" extract -f -o "$TMPD/onedir" "$TMPD/one/a/notes.txt" "$TMPD/one/b/notes.txt"
[ $rc = 1 ] && [ "$(jq -r .text "$TMPD/onedir/notes.json")" = "$("$PARLEY" extract -q "$TMPD/one/a/notes.txt" | jq -r .text)" ] &&
	printf "%s\n" "$err" | grep -q "onedir/notes.json: the draft of .*one/a/notes.txt, written in this run: not written over (two FILEs of one name)"
ok $? "-o DIR: the second of one name is not written over the first, even with -f, and that is said (exit 1)"
"$PARLEY" extract --help | grep -q "Usage: parley extract" ; ok $? "--help"

# --- counterparts, nationality adjectives, the kind of a meeting of two,
# institutions against topics (texts written for the test, in the style
# of a ministry's readout)
cp() { printf '%s\n' "$2" >"$TMPD/cp.txt"; "$PARLEY" extract -q --lang "$1" "$TMPD/cp.txt" >"$TMPD/cp.json"; }
people() { jq -r '[.speakers[] | select(.members | not) | .id + "/" + (.country // "-")] | sort | join(" ")' "$TMPD/cp.json"; }
group() { jq -r '[.speakers[] | select(.members) | .members | sort | join("+")] | join(" ")' "$TMPD/cp.json"; }
topics() { jq -r '[.topics[].id] | sort | join(" ")' "$TMPD/cp.json"; }
cp fr "Le 3 mars 2024, M. Jean-Noël Barrot, ministre de l'Europe et des Affaires étrangères, s'est entretenu à Paris avec son homologue algérien, M. Ahmed Attaf.
M. Barrot a souligné l'importance de la coopération migratoire entre la France et l'Algérie.
M. Attaf a rappelé l'attachement de l'Algérie au dialogue politique.
Les deux ministres ont évoqué la situation au Proche-Orient et la coordination de leurs positions au Conseil de sécurité des Nations unies.
Ils sont convenus de se revoir prochainement."
is "$(jq -r .kind "$TMPD/cp.json")" "meeting" "French: two ministers who talk in Paris meet; two people are no multilateral meeting"
is "$(people)" "ahmed-attaf/DZ jean-noel-barrot/FR" \
	"\"son homologue algérien, M. Ahmed Attaf\" is one person, Attaf, of Algeria; no speaker \"son homologue\""
is "$(group)" "ahmed-attaf+jean-noel-barrot" "\"Les deux ministres\" are the two"
is "$(topics)" "middle-east migration united-nations" \
	"\"coopération migratoire\" is migration; \"Conseil de sécurité\" is the UN, not the topic security"
cp fr "Paris, le 3 mars 2026.
La ministre de l'Europe et des Affaires étrangères, Claire Dupont, s'est entretenue ce jour avec son homologue allemand, M. Hans Weber.
La ministre a souligné l'importance de la coopération européenne. M. Weber a salué les progrès réalisés."
is "$(people)" "claire-dupont/- hans-weber/DE" \
	"\"La ministre de l'Europe et des Affaires étrangères, Claire Dupont,\": the title is Claire Dupont, no speaker of its own"
cp en "London, 3 March 2026.
The Foreign Secretary, James Cleverly, met the Chinese Foreign Minister, Wang Yi, in London. The Foreign Secretary said the UK welcomed the talks."
is "$(people)" "james-cleverly/GB wang-yi/CN" "\"The Foreign Secretary, James Cleverly,\": one person, as in French"
cp ru "Москва, 3 марта 2026 года.
Министр иностранных дел России С.В.Лавров провел переговоры с министром иностранных дел Казахстана. Стороны обсудили ситуацию вокруг Ирана и сотрудничество в рамках ЕАЭС."
is "$(topics)" "eaeu iran" "Iran and the Eurasian Economic Union (ЕАЭС) are topics, in Russian's cases"
cp en "Washington, March 3, 2026.
Secretary Blinken met Foreign Minister Wang Yi. They discussed the Iran nuclear issue."
is "$(topics)" "iran-nuclear" "\"the Iran nuclear issue\" is the nuclear question, not Iran as well"
cp fr "Paris, le 12 mars 2024

La ministre de l'Europe et des Affaires étrangères, Claire Dupont, s'est entretenue ce jour avec son homologue allemand, M. Hans Weber.
La ministre a souligné l'importance de la coopération européenne."
is "$(jq -r '(.title // "-") + " " + (.date // "-")' "$TMPD/cp.json")" "- 2024-03-12" "a dateline first (\"Paris, le 12 mars 2024\") is no title: its date is the readout's"
cp ru "О переговорах Министра иностранных дел России С.В.Лаврова с Министром иностранных дел Ирана Х.Амир-Абдоллахианом

15 февраля 2024 года в Москве состоялись переговоры Министра иностранных дел России С.В.Лаврова с Министром иностранных дел Ирана Х.Амир-Абдоллахианом.

С.В.Лавров заявил, что Россия поддерживает диалог."
is "$(jq -r '(.title // "-" | .[0:13]) + " " + (.date // "-") + " " + (.place // "-")' "$TMPD/cp.json")" "О переговорах 2024-02-15 Москва" \
	"a long Russian title (108 characters, 208 bytes) is the title: the date and place are the opening's"
cp fr "Le 5 avril 2024, Mme Catherine Colonna s'est entretenue par téléphone avec son homologue tunisien, M. Nabil Ammar.
Mme Colonna a souligné l'importance de la coopération migratoire et de la sécurité régionale.
M. Ammar a rappelé l'attachement de la Tunisie au partenariat avec la France."
is "$(jq -r .kind "$TMPD/cp.json") $(people)" "call catherine-colonna/FR nabil-ammar/TN" \
	"a person the lexicon does not know gets the country of the adjective after \"son homologue\""
is "$(topics)" "migration security" "\"sécurité\" on its own is still the topic security"
# adverbs between a cue's auxiliary and its participle
stances() { jq -r '[.positions[] | .speaker + ":" + .stance] | join(" ")' "$TMPD/cp.json"; }
cp fr "Paris, le 3 mars 2024.
La ministre Claire Dupont a reçu M. Sergueï Lavrov.
M. Lavrov a également proposé la tenue de consultations sur la sécurité régionale.
Mme Dupont a par ailleurs souligné l'importance du dialogue."
is "$(stances)" "sergey-lavrov:propose claire-dupont:affirm" \
	"\"a également proposé\", \"a par ailleurs souligné\": the cues with an adverb between"
cp en "London, 3 March 2026.
The Foreign Secretary, James Cleverly, met Foreign Minister Wang Yi.
Wang Yi has also called for closer coordination on climate."
is "$(stances)" "wang-yi:propose" "\"has also called for\": an adverb between the subject and its cue"
cp en "On March 3, 2024, Foreign Minister Jean-Noël Barrot met in Paris with his Algerian counterpart, Ahmed Attaf.
Minister Barrot stressed the importance of migration cooperation between France and Algeria.
Minister Attaf recalled Algeria's commitment to political dialogue.
The two ministers discussed the situation in the Middle East and their positions at the UN Security Council."
is "$(jq -r .kind "$TMPD/cp.json") $(people) $(group)" "meeting ahmed-attaf/DZ jean-noel-barrot/FR ahmed-attaf+jean-noel-barrot" \
	"English: \"his Algerian counterpart, Ahmed Attaf\" is Attaf, of Algeria; the meeting of two is a meeting"
is "$(topics)" "middle-east migration united-nations" "\"UN Security Council\" is the UN, not security; \"migration cooperation\" is migration"
cp en "On June 5, 2024, Foreign Minister Wang Yi and Vice Foreign Minister Ma Zhaoxu met Foreign Minister Sergey Lavrov in Beijing.
Wang Yi said that relations are good."
k2=$(jq -r .kind "$TMPD/cp.json")
cp en "On June 5, 2024, Foreign Minister Wang Yi, Foreign Minister Sergey Lavrov and Foreign Minister Ahmed Attaf met in Beijing.
The three ministers discussed the situation in the Middle East."
is "$k2 $(jq -r .kind "$TMPD/cp.json")" "meeting multilateral" \
	"three people of two countries meet bilaterally; three of three countries are a multilateral meeting"
cp en "On April 5, 2024, Secretary Antony Blinken spoke with his Tunisian counterpart, Nabil Ammar.
Secretary Blinken stressed the importance of cooperation on migration.
Minister Ammar recalled Tunisia's commitment to dialogue."
is "$(jq -r .kind "$TMPD/cp.json") $(people)" "call antony-blinken/US nabil-ammar/TN" \
	"English: the adjective before \"counterpart\" gives the country of the one named after the comma"
cp en "Secretary Antony Blinken met with his counterpart in Rabat on May 2, 2024.
Secretary Blinken underscored the importance of cooperation on irregular migration.
Foreign Minister Nasser Bourita welcomed the strong partnership between the two countries."
is "$(people)" "antony-blinken/US nasser-bourita/-" \
	"a counterpart named nowhere is the other of the two people the text names"
cp fr "Le 6 avril 2024, M. Jean-Noël Barrot s'est entretenu à Rabat avec son homologue marocain.
M. Barrot a souligné l'importance de la coopération migratoire.
M. Nasser Bourita a rappelé l'attachement du Maroc au dialogue.
Les deux ministres ont évoqué la situation au Sahel."
is "$(jq -r .kind "$TMPD/cp.json") $(people) $(group)" "meeting jean-noel-barrot/FR nasser-bourita/MA jean-noel-barrot+nasser-bourita" \
	"French: so is \"son homologue marocain\", who gives them the country"
cp ru "5 апреля 2024 года Министр иностранных дел Российской Федерации С.В.Лавров провел телефонный разговор со своим тунисским коллегой Н.Аммаром.
С.В.Лавров подчеркнул важность сотрудничества в сфере миграции.
Н.Аммар напомнил о приверженности Туниса политическому диалогу.
Министры обсудили ситуацию на Ближнем Востоке и взаимодействие в Совете Безопасности ООН."
is "$(jq -r .kind "$TMPD/cp.json") $(people)" "call n-ammar/TN sergey-lavrov/RU" \
	"Russian: a declined adjective (\"тунисским коллегой\") gives the country"
is "$(topics)" "middle-east migration united-nations" "\"миграции\" is migration, \"Совете Безопасности ООН\" the UN"
cp zh "2024年4月5日，外交部长王毅同突尼斯外长阿马尔通电话。
王毅强调，双方应加强移民领域合作。
阿马尔表示，突方重视对华关系。
双方就中东局势和在联合国安全理事会的协调交换了意见。"
is "$(people) $(group)" "a-ma-er/TN wang-yi/CN a-ma-er+wang-yi" "Chinese: 突尼斯外长 gives the country"
is "$(topics)" "middle-east migration united-nations" "移民 is migration; 安全理事会 is the UN, not 安全"

# a day its month has not dates nothing (the fuzz target's find: a draft
# must always load)
for l in en ru; do
	case $l in
	en) t="On 31 February 2008, Foreign Minister Sergey Lavrov met Foreign Minister Wang Yi in Moscow. Sergey Lavrov said that the talks were useful." ;;
	ru) t="31 февраля 2008 года Министр иностранных дел России С.В.Лавров провел переговоры с Министром иностранных дел Китая Ван И. С.В.Лавров заявил, что переговоры были полезными." ;;
	esac
	cp $l "$t"
	is "$(jq -r '.date // "none"' "$TMPD/cp.json")" none "$l: 31 February dates nothing"
	"$PARLEY" validate -q "$TMPD/cp.json"
	ok $? "$l: and the draft is a valid readout"
done

# --- a title or a body before a name is not a person: its words go to the
# one named after it, on texts written for the test
cp fr "La ministre des Affaires étrangères du Canada, Mme Mélanie Joly, a rencontré la ministre allemande des Affaires étrangères Annalena Baerbock à Berlin le 3 mai 2023.
Mme Joly a réaffirmé le soutien du Canada à l'Ukraine. Les deux ministres ont discuté de la sécurité européenne."
is "$(people) | $(group)" "annalena-baerbock/DE melanie-joly/CA | annalena-baerbock+melanie-joly" \
	"fr: a title with its country adjective inside (\"la ministre allemande des Affaires étrangères\") is the title of the name after it"
cp ru "5 апреля в Москве Министр иностранных дел России С.В.Лавров провел переговоры с членом Секретариата ЦК КПВ, Министром иностранных дел Вьетнама Буй Тхань Шоном.
С.В.Лавров подчеркнул важность Устава ООН. Министры обсудили двустороннее сотрудничество."
is "$(people) | $(group)" "buy-tkhan-shonom/VN sergey-lavrov/RU | buy-tkhan-shonom+sergey-lavrov" \
	"ru: a body before a comma and a title naming someone (\"членом Секретариата ЦК КПВ, Министром ...\") is no apposition"

# --- a position's agreements are those its span invokes
cp fr "Le 4 juin 2024, M. Jean Dupont, ministre des Affaires étrangères, s'est entretenu avec son homologue, M. Carlos Ruiz.
M. Dupont a rappelé que la Charte des Nations unies engage tous les États. M. Ruiz a souligné que l'Accord de Paris reste la base de l'action climatique. Les deux ministres ont discuté du commerce."
is "$(jq -r '[.positions[] | (.agreements // []) | join("+")] | join(" / ")' "$TMPD/cp.json")" "un-charter / paris-agreement / " \
	"each position lists the agreements named in its span, and only those"

# --- "the Treaty" that begins a title named whole is that title, not an
# anaphor of the treaty named before it
cp en "On 10 March 2026 Secretary of State John Smith met Foreign Minister Claire Dupont in Geneva.
Foreign Minister Dupont stressed that the Paris Agreement remains the cornerstone of climate cooperation. The Secretary underlined the need to uphold the Treaty on the Non-Proliferation of Nuclear Weapons."
is "$(jq -r '[.agreements[] | .label + "=" + ((.aliases // []) | join("+"))] | join(" / ")' "$TMPD/cp.json")" \
	"Paris Agreement= / Treaty on the Non-Proliferation of Nuclear Weapons=" \
	"the start of a title named whole is no anaphor (the Paris Agreement has no alias \"the Treaty\")"

# --- Russian places and agreement names in the nominative, whatever case
# the sentence puts them in
cp ru "10 марта в Минске Министр иностранных дел России С.В.Лавров провел переговоры с Министром иностранных дел Казахстана М.Тлеуберди.
С.В.Лавров подчеркнул значение Договора о вечной дружбе между двумя государствами и Устава ООН. Министры обсудили двустороннее сотрудничество."
is "$(jq -r .place "$TMPD/cp.json")" "Минск" "ru: a known city in another case is the place in the nominative (\"в Минске\": Минск)"
is "$(jq -r '[.agreements[] | .label] | sort | join(" / ")' "$TMPD/cp.json")" \
	"Договор о вечной дружбе между двумя государствами / Устав ООН" \
	"ru: an agreement's head word in the nominative (\"Договора о ...\", \"Устава ООН\"), another after \"и\" another agreement"
is "$(jq -r '[.mentions[] | select(.ref | test("^(un-charter|dogovor)")) | .ref] | length' "$TMPD/cp.json")" 2 \
	"ru: and the declined forms the text uses are still their mentions"

# --- an English position's summary is its statement's clause, after who
# made it (a group's sentence as it is), not "the participants (neutral)"
cp en "On 5 May 2024, Foreign Minister Jane Smith of Canada spoke by phone with Foreign Minister Tom Brown of Australia.
Ms. Smith stressed that the two countries must deepen their trade ties in the years ahead. The two ministers also discussed climate change. \"We stand together,\" she added."
is "$(jq -r '[.positions[] | .summary] | join(" | ")' "$TMPD/cp.json")" \
	"Jane Smith stressed that the two countries must deepen their trade ties in the years ahead. | The two ministers also discussed climate change. | Jane Smith: \"We stand together,\" she added." \
	"en: a summary is the clause from the cue (a group's sentence; a cue after the words, the sentence after the name; the opening, who called whom, none)"

# --- the user's lexicon adds to parley's
printf 'Wang Yi expounded that the matter is settled.\n' >"$TMPD/cue.txt"
n0=$("$PARLEY" extract "$TMPD/cue.txt" | jq '.positions | length')
mkdir -p "$XDG_CONFIG_HOME/parley/lexicon"
printf 'en\tcue\texpounded\taffirm\n' >"$XDG_CONFIG_HOME/parley/lexicon/words.tsv"
n1=$("$PARLEY" extract "$TMPD/cue.txt" | jq '.positions | length')
is "$n0 $n1" "0 1" "a cue in the user's lexicon makes a position"

# --- a draft's summary never says the stance, a field of its own that the
# reviewer changes (z): in a language whose statements are not paraphrased
# it is who and on what
"$PARLEY" extract -q -o "$TMPD/nostance" "$DEV"/*.txt
bad=$(cat "$TMPD/nostance"/*.json | jq -r '.positions[]? | select(.summary | test("\\((support|oppose|propose|concern|affirm|neutral)\\)")) | .summary' | head -3)
n=$(cat "$TMPD/nostance"/*.json | jq '[.positions[]?] | length' | awk '{s += $1} END {print s}')
[ -z "$bad" ] && [ "$n" -gt 100 ] ; ok $? "no draft summary says its stance ($n positions): $bad"

# --- a draft opens: the samples' texts drafted and loaded with the samples
"$PARLEY" extract -q -o "$TMPD/drafts" "$DEV"/*.txt
run "$PARLEY" stats "$TMPD/drafts"
ok $rc "the drafts of the whole development set load as a corpus"

# --- the score against the gold: the issue's targets are F1 0.90 for
# positions and 0.95 / 0.90 for agreement mentions; the floors here stop
# a change that makes the drafts worse than they are (README says where
# they stand)
SETS=dev OUT=$TMPD/score sh "$top_srcdir/tests/extract/run.sh" --min-f1 0.90 --min-agr-recall 0.95 \
	--min-agr-precision 0.95 --min-meta 0.95 >"$TMPD/score.txt"
rc=$?
sed 's/^/# /' "$TMPD/score.txt" | tail -6
ok $rc "the drafts of the development set score above the floors against the gold"
SETS=samples OUT=$TMPD/score-samples sh "$top_srcdir/tests/extract/run.sh" --min-f1 0.90 --min-f1-each 0.90 \
	--min-agr-recall 0.97 --min-agr-precision 0.97 >"$TMPD/score.txt"
rc=$?
sed 's/^/# /' "$TMPD/score.txt" | tail -1
ok $rc "and so do the drafts of the samples' texts"

echo "1..$tap_n"
exit $((tap_failed != 0))
