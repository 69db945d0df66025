/* test_rules.c - every rule of the readout format, with a failing example,
 * and the model built from valid readouts (offsets in multi-byte text). */
#include "tap.h"
#include "corpus.h"

#include <stdlib.h>

/* "Wang Yi a rencontré Lavrov." is 27 code points and 28 bytes; the text is
 * 32 code points in all: " 中文 😀" adds a CJK pair and an emoji outside the
 * BMP. */
#define TEXT "\"text\":\"Wang Yi a rencontré Lavrov. 中文 😀\""
#define HEAD "{\"format\":\"parley/1\",\"id\":\"r1\"," TEXT ","
#define SPK "\"speakers\":[{\"id\":\"wang\",\"label\":\"Wang Yi\",\"aliases\":[\"M. Wang\"],\"country\":\"CN\"}," \
	"{\"id\":\"lavrov\",\"label\":\"Lavrov\"}," \
	"{\"id\":\"both\",\"label\":\"les deux\",\"members\":[\"wang\",\"lavrov\"]}]"
#define TOP "\"topics\":[{\"id\":\"sco\",\"label\":\"SCO\"}]"
#define AGR "\"agreements\":[{\"id\":\"un-charter\",\"label\":\"UN Charter\",\"kind\":\"charter\",\"date\":\"1945-06-26\"}]"
#define ENTS SPK "," TOP "," AGR
#define POS(body) "\"positions\":[" body "]"
#define P1 "{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":27}"

struct rcase {
	const char *what, *json, *want; /* want: a substring of one message */
};

static const struct rcase bad[] = {
	{ "speaker country invalid", HEAD "\"speakers\":[{\"id\":\"wang\",\"label\":\"W\",\"country\":\"China\"}]}", "speakers[0].country: \"China\" is not an ISO 3166-1 alpha-2 country code (two letters" },
	{ "lang with space", HEAD "\"lang\":\"fr FR\"}", "lang: \"fr FR\" is not" },
	{ "lang malformed", HEAD "\"lang\":\"f\"}", "lang: \"f\" is not a BCP 47 language tag" },
	{ "format missing", "{\"id\":\"r1\"," TEXT "}", "t.json: readout r1: format: missing (required string)" },
	{ "format wrong", "{\"format\":\"parley/2\",\"id\":\"r1\"," TEXT "}", "readout r1: format: \"parley/2\" is not \"parley/1\"" },
	{ "format not a string", "{\"format\":1,\"id\":\"r1\"," TEXT "}", "readout r1: format: expected a string, found a number" },
	{ "id missing", "{\"format\":\"parley/1\"," TEXT "}", "t.json: readout (no id): id: missing (required string)" },
	{ "id with a space", "{\"format\":\"parley/1\",\"id\":\"a b\"," TEXT "}", "readout a b: id: \"a b\" is not a valid id" },
	{ "id with a slash", "{\"format\":\"parley/1\",\"id\":\"a/b\"," TEXT "}", "id: \"a/b\" is not a valid id" },
	{ "id empty", "{\"format\":\"parley/1\",\"id\":\"\"," TEXT "}", "id: \"\" is not a valid id" },
	{ "id too long", "{\"format\":\"parley/1\",\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"," TEXT "}", "id: id is 201 bytes long, at most 200" },
	{ "text missing", "{\"format\":\"parley/1\",\"id\":\"r1\"}", "readout r1: text: missing (required string)" },
	{ "text not a string", "{\"format\":\"parley/1\",\"id\":\"r1\",\"text\":[\"a\"]}", "text: expected a string, found an array" },
	/* with no text to be within, an offset no text could have (a span's
	 * offsets are 32 bits: readout.h) */
	{ "offset past any text", "{\"format\":\"parley/1\",\"id\":\"r1\",\"text\":1," SPK "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":4294967296}") "}", "positions[0].end: 4294967296 is past the end of any text parley reads" },
	{ "title not a string", HEAD "\"title\":1}", "readout r1: title: expected a string, found a number" },
	{ "place not a string", HEAD "\"place\":true}", "place: expected a string, found a boolean" },
	{ "event not a string", HEAD "\"event\":null}", "event: expected a string, found null" },
	{ "date not a date", HEAD "\"date\":\"15/07/2021\"}", "date: \"15/07/2021\" is not a date: the form is YYYY-MM-DD, YYYY-MM or YYYY" },
	{ "date impossible", HEAD "\"date\":\"2021-02-29\"}", "date: \"2021-02-29\" is not a date: 2021 is not a leap year" },
	{ "date day 31 of April", HEAD "\"date\":\"2020-04-31\"}", "date: \"2020-04-31\" is not a date: April has 30 days" },
	{ "date 1900 not leap", HEAD "\"date\":\"1900-02-29\"}", "date: \"1900-02-29\" is not a date: 1900 is not a leap year" },
	{ "date month 13", HEAD "\"date\":\"2021-13\"}", "date: \"2021-13\" is not a date: a month is 01 to 12" },
	{ "source not an object", HEAD "\"source\":\"MFA\"}", "source: expected an object, found a string" },
	{ "source.url not a string", HEAD "\"source\":{\"url\":5}}", "readout r1: source.url: expected a string, found a number" },
	{ "source.publisher not a string", HEAD "\"source\":{\"publisher\":[]}}", "source.publisher: expected a string" },
	{ "source.retrieved not a string", HEAD "\"source\":{\"retrieved\":{}}}", "source.retrieved: expected a string" },
	{ "initiator unknown", HEAD ENTS ",\"initiator\":\"putin\"}", "initiator: \"putin\" names no speaker of this readout" },
	{ "initiator is a topic", HEAD ENTS ",\"initiator\":\"sco\"}", "initiator: \"sco\" is a topic, not a speaker" },
	{ "speakers not an array", HEAD "\"speakers\":{}}", "speakers: expected an array, found an object" },
	{ "speaker not an object", HEAD "\"speakers\":[\"wang\"]}", "speakers[0]: expected an object, found a string" },
	{ "speaker id missing", HEAD "\"speakers\":[{\"label\":\"Wang\"}]}", "speakers[0].id: missing (required string)" },
	{ "speaker id invalid", HEAD "\"speakers\":[{\"id\":\"wang yi\",\"label\":\"Wang\"}]}", "speakers[0].id: \"wang yi\" is not a valid id" },
	{ "speaker label missing", HEAD "\"speakers\":[{\"id\":\"wang\"}]}", "speakers[0].label: missing (required string)" },
	{ "speaker role not a string", HEAD "\"speakers\":[{\"id\":\"wang\",\"label\":\"W\",\"role\":3}]}", "speakers[0].role: expected a string" },
	{ "aliases not an array", HEAD "\"speakers\":[{\"id\":\"wang\",\"label\":\"W\",\"aliases\":\"M. Wang\"}]}", "speakers[0].aliases: expected an array of strings" },
	{ "alias not a string", HEAD "\"speakers\":[{\"id\":\"wang\",\"label\":\"W\",\"aliases\":[\"M. Wang\",7]}]}", "speakers[0].aliases[1]: expected a string, found a number" },
	{ "entity id reused across kinds", HEAD SPK ",\"topics\":[{\"id\":\"sco\",\"label\":\"SCO\"},{\"id\":\"wang\",\"label\":\"x\"}]}", "topics[1].id: \"wang\" is already the id of speakers[0]" },
	{ "entity id reused within kind", HEAD "\"topics\":[{\"id\":\"sco\",\"label\":\"SCO\"},{\"id\":\"sco\",\"label\":\"x\"}]}", "topics[1].id: \"sco\" is already the id of topics[0]" },
	{ "members not an array", HEAD "\"speakers\":[{\"id\":\"g\",\"label\":\"G\",\"members\":\"a\"}]}", "speakers[0].members: expected an array of speaker ids" },
	{ "member unknown", HEAD "\"speakers\":[{\"id\":\"wang\",\"label\":\"W\"},{\"id\":\"g\",\"label\":\"G\",\"members\":[\"wang\",\"putin\"]}]}", "speakers[1].members[1]: \"putin\" names no speaker of this readout" },
	{ "member is the group", HEAD "\"speakers\":[{\"id\":\"g\",\"label\":\"G\",\"members\":[\"g\"]}]}", "speakers[0].members[0]: \"g\" is the group itself" },
	{ "member is a topic", HEAD "\"speakers\":[{\"id\":\"g\",\"label\":\"G\",\"members\":[\"sco\"]}]," TOP "}", "speakers[0].members[0]: \"sco\" is a topic, not a speaker" },
	{ "agreement date invalid", HEAD "\"agreements\":[{\"id\":\"a\",\"label\":\"A\",\"date\":\"2001-7-16\"}]}", "agreements[0].date: \"2001-7-16\" is not a date" },
	{ "topics not an array", HEAD "\"topics\":\"sco\"}", "topics: expected an array, found a string" },
	{ "mentions not an array", HEAD ENTS ",\"mentions\":{}}", "mentions: expected an array, found an object" },
	{ "mention not an object", HEAD ENTS ",\"mentions\":[3]}", "mentions[0]: expected an object, found a number" },
	{ "mention ref missing", HEAD ENTS ",\"mentions\":[{\"start\":0,\"end\":1}]}", "mentions[0].ref: missing" },
	{ "mention ref unknown", HEAD ENTS ",\"mentions\":[{\"ref\":\"xi\",\"start\":0,\"end\":1}]}", "mentions[0].ref: \"xi\" names no speaker, topic or agreement of this readout" },
	{ "mention start missing", HEAD ENTS ",\"mentions\":[{\"ref\":\"wang\",\"end\":1}]}", "mentions[0].start: missing (required integer)" },
	{ "mention end past text", HEAD ENTS ",\"mentions\":[{\"ref\":\"wang\",\"start\":0,\"end\":33}]}", "mentions[0].end: 33 is past the end of text (32 code points)" },
	{ "positions not an array", HEAD ENTS ",\"positions\":null}", "positions: expected an array, found null" },
	{ "position not an object", HEAD ENTS "," POS("[]") "}", "positions[0]: expected an object, found an array" },
	{ "position id missing", HEAD ENTS "," POS("{\"speaker\":\"wang\",\"start\":0,\"end\":1}") "}", "positions[0].id: missing (required string)" },
	{ "position id empty", HEAD ENTS "," POS("{\"id\":\"\",\"speaker\":\"wang\",\"start\":0,\"end\":1}") "}", "positions[0].id: must not be empty" },
	{ "position id duplicate", HEAD ENTS "," POS(P1 "," P1) "}", "positions[1].id: \"p1\" is already the id of positions[0]" },
	{ "position speaker missing", HEAD ENTS "," POS("{\"id\":\"p1\",\"start\":0,\"end\":1}") "}", "positions[0].speaker: missing (required speaker id)" },
	{ "position speaker unknown", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"putin\",\"start\":0,\"end\":1}") "}", "positions[0].speaker: \"putin\" names no speaker of this readout" },
	{ "position speaker is an agreement", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"un-charter\",\"start\":0,\"end\":1}") "}", "positions[0].speaker: \"un-charter\" is an agreement, not a speaker" },
	{ "position speaker not a string", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":1,\"start\":0,\"end\":1}") "}", "positions[0].speaker: expected a speaker id (a string), found a number" },
	{ "start missing", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"end\":1}") "}", "positions[0].start: missing (required integer)" },
	{ "end missing", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":1}") "}", "positions[0].end: missing (required integer)" },
	{ "start after end", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":5,\"end\":3}") "}", "positions[0].start: 5 is after end (3)" },
	{ "start negative", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":-1,\"end\":3}") "}", "positions[0].start: -1 is negative" },
	{ "end not an integer", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":2.5}") "}", "positions[0].end: 2.5 is not an integer" },
	{ "end a string", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":\"3\"}") "}", "positions[0].end: expected an integer, found a string" },
	{ "end past text", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":33}") "}", "positions[0].end: 33 is past the end of text (32 code points)" },
	{ "end huge", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1e300}") "}", "positions[0].end: an integer too large to be an offset (about 1e+300)" },
	{ "review unknown", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"review\":\"done\"}") "}", "positions[0].review: \"done\" is not a review state" },
	{ "stance not a string", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"stance\":1}") "}", "positions[0].stance: expected a string, found a number" },
	{ "summary not a string", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"summary\":{}}") "}", "positions[0].summary: expected a string, found an object" },
	{ "note not a string", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"note\":[]}") "}", "positions[0].note: expected a string" },
	{ "by not a string", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"by\":false}") "}", "positions[0].by: expected a string" },
	{ "topics names an agreement", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"topics\":[\"un-charter\"]}") "}", "positions[0].topics[0]: \"un-charter\" is an agreement, not a topic" },
	{ "topics not an array", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"topics\":\"sco\"}") "}", "positions[0].topics: expected an array of topic ids" },
	{ "agreements names nothing", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"end\":1,\"agreements\":[\"sco\",\"nato\"]}") "}", "positions[0].agreements[1]: \"nato\" names no agreement of this readout" },
	{ "duplicate key in a position", HEAD ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"wang\",\"start\":0,\"start\":1,\"end\":1}") "}", "positions[0].start: key appears more than once" },
	{ "duplicate key at top", HEAD "\"title\":\"a\",\"title\":\"b\"}", "readout r1: title: key appears more than once" },
};

/* Values a readout can do without: a warning, and the readout loads. */
static const struct rcase warned[] = {
	{ "kind unknown", HEAD "\"kind\":\"summit\"}", "kind: warning: \"summit\" is not a readout kind" },
	{ "issuer lower case", HEAD "\"issuer\":\"cn\"}", "issuer: warning: \"cn\" is not an assigned ISO 3166-1 alpha-2" },
	{ "issuer unassigned", HEAD "\"issuer\":\"QQ\"}", "issuer: warning: \"QQ\" is not an assigned ISO 3166-1" },
	{ "agreement kind unknown", HEAD "\"agreements\":[{\"id\":\"a\",\"label\":\"A\",\"kind\":\"pact\"}]}", "agreements[0].kind: warning: \"pact\" is not an agreement kind" },
	{ "speaker country UK", HEAD "\"speakers\":[{\"id\":\"b\",\"label\":\"B\",\"country\":\"UK\"}]}", "speakers[0].country: warning: \"UK\" is not an assigned ISO 3166-1 alpha-2 country code (\"GB\"?)" },
	{ "issuer in lower case", HEAD "\"issuer\":\"fr\"}", "issuer: warning: \"fr\" is not an assigned ISO 3166-1 alpha-2 country code (\"FR\"?)" },
	{ "lang unassigned", HEAD "\"lang\":\"xx\"}", "lang: warning: \"xx\" is not an assigned language code" },
	{ "lang of eight letters", HEAD "\"lang\":\"francais\"}", "lang: warning: \"francais\" is not an assigned language code" },
	{ "stance unknown", HEAD "\"speakers\":[{\"id\":\"w\",\"label\":\"W\"}]," POS("{\"id\":\"p1\",\"speaker\":\"w\",\"start\":0,\"end\":1,\"stance\":\"ambivalent\"}") "}", "positions[0].stance: warning: \"ambivalent\" is not a stance" },
};

static struct corpus load(const char *json)
{
	struct corpus c;
	corpus_init(&c);
	corpus_add_buffer(&c, "t.json", json, strlen(json), false);
	return c;
}

static int has(const struct corpus *c, const char *want)
{
	for (size_t i = 0; i < c->diags.n; i++)
		if (strstr(c->diags.v[i].text, want))
			return 1;
	return 0;
}

static void dump(const struct corpus *c)
{
	for (size_t i = 0; i < c->diags.n; i++)
		diag_note("  %s", c->diags.v[i].text);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct corpus c = load(bad[i].json);
		int good = c.n_readouts == 0 && c.n_skipped == 1 && has(&c, bad[i].want);
		if (!ok(good, "rule: %s", bad[i].what)) {
			diag_note("want: %s", bad[i].want);
			dump(&c);
		}
		corpus_free(&c);
	}

	for (size_t i = 0; i < sizeof(warned) / sizeof(warned[0]); i++) {
		struct corpus c = load(warned[i].json);
		int good = c.n_readouts == 1 && c.n_skipped == 0 && c.diags.n == 1 && c.diags.count[DIAG_WARN] == 1
		           && has(&c, warned[i].want);
		if (!ok(good, "warning, the readout loads: %s", warned[i].what)) {
			diag_note("want: %s", warned[i].want);
			dump(&c);
		}
		corpus_free(&c);
	}

	/* A valid readout, and the model built from it. */
	const char *valid = HEAD "\"date\":\"2021-07-15\",\"lang\":\"fr\",\"kind\":\"meeting\",\"issuer\":\"CN\","
		"\"initiator\":\"wang\",\"x-extra\":{\"kept\":[1,2]}," ENTS ","
		"\"mentions\":[{\"ref\":\"wang\",\"start\":0,\"end\":7},{\"ref\":\"un-charter\",\"start\":28,\"end\":30}],"
		POS(P1 ",{\"id\":\"p2\",\"speaker\":\"both\",\"start\":28,\"end\":30,\"stance\":\"ambivalent\",\"review\":\"accepted\",\"topics\":[\"sco\"],\"agreements\":[\"un-charter\"]},"
		    "{\"id\":\"p3\",\"speaker\":\"lavrov\",\"start\":31,\"end\":32,\"stance\":\"support\"}") "}";
	struct corpus c = load(valid);
	if (!ok(c.n_readouts == 1 && c.diags.n == 1 && has(&c, "positions[1].stance: warning: \"ambivalent\""),
	        "a valid readout loads, with a warning for its unknown stance only"))
		dump(&c);
	if (c.n_readouts == 1) {
		const struct readout *r = &c.readouts[0];
		is_int(r->text_cps, 32, "text length in code points");
		is_int(r->text_bytes, 40, "text length in bytes");
		is_int(r->n_positions, 3, "three positions");
		is_int(r->positions[0].span.bend, 28, "end 27 is byte 28 after the two-byte é");
		is_int(r->positions[1].span.bstart, 29, "CJK span starts at byte 29");
		is_int(r->positions[1].span.bend, 35, "CJK span of two characters is six bytes");
		is_int(r->positions[2].span.bstart, 36, "emoji starts at byte 36");
		is_int(r->positions[2].span.bend, 40, "emoji outside the BMP is one code point, four bytes");
		ok(memcmp(r->text + r->positions[1].span.bstart, "中文", 6) == 0, "span text is 中文");
		is_int(r->positions[1].stance, STANCE_UNKNOWN, "an unknown stance is kept");
		is_str(r->positions[1].stance_text, "ambivalent", "and shown as it is");
		ok(r->positions[2].stance_text == stance_names[STANCE_SUPPORT],
		   "a stance of the six is the program's one copy of it (readout_word)");
		ok(readout_word("extract", 7) && !readout_word("extrac", 6) && !readout_word("Neutral", 7)
		   && readout_word("neutral", 7) == stance_names[STANCE_NEUTRAL], "readout_word: the words, exactly");
		is_int(r->positions[0].review, REVIEW_PENDING, "review defaults to pending");
		is_int(r->positions[1].review, REVIEW_ACCEPTED, "review accepted");
		ok(readout_speaks(r, &r->positions[1], 0) && readout_speaks(r, &r->positions[1], 1),
		   "a group's position counts for each member");
		ok(!readout_speaks(r, &r->positions[2], 0), "Lavrov's position is not Wang's");
		is_int(r->initiator, 0, "initiator resolves to the speaker");
		is_int(r->n_mentions, 2, "two mentions");
		is_int(r->mentions[1].kind, ENT_AGREEMENT, "mention of an agreement");
		is_str(RO_SPEAKERS(r)[0].aliases[0], "M. Wang", "aliases kept");
		is_int(RO_AGREEMENTS(r)[0].akind, AKIND_CHARTER, "agreement kind");
	}
	corpus_free(&c);

	/* All problems of a readout are listed, not only the first. */
	c = load(HEAD "\"date\":\"x\",\"kind\":\"y\"," ENTS "," POS("{\"id\":\"p1\",\"speaker\":\"nobody\",\"start\":9,\"end\":99}") "}");
	ok(c.diags.n == 4 && has(&c, "date:") && has(&c, "kind:") && has(&c, "positions[0].speaker:")
	   && has(&c, "positions[0].end: 99"), "every problem is reported (%zu)", c.diags.n);
	corpus_free(&c);

	/* File-level problems use PATH:LINE:COLUMN. */
	c = load("{\n  \"format\": \"parley/1\",\n  \"id\": x\n}");
	ok(has(&c, "t.json:3:9: invalid JSON: expected a value, found 'x'"), "syntax error line and column");
	dump(&c);
	corpus_free(&c);
	c = load("[{\"format\":\"parley/1\"}]");
	ok(has(&c, "t.json:1:1: not a readout: the top level is an array"), "top level must be an object");
	corpus_free(&c);
	c = load("\xEF\xBB\xBF{}");
	ok(has(&c, "t.json:1:1: byte-order mark"), "a BOM is refused");
	corpus_free(&c);
	c = load("{\"format\":\"parley/1\",\n\"id\":\"r\xe9sum\xe9\"}");
	ok(has(&c, "t.json:2:8: invalid UTF-8 (byte 0xE9)"), "Latin-1 bytes are not UTF-8");
	dump(&c);
	corpus_free(&c);
	c = load("{\"format\":\"parley/1\",\"id\":\"r1\",\"text\":\"a\\u0000b\"}");
	ok(has(&c, "t.json:1:41: \\u0000 (NUL) in a string is not supported"), "NUL in a string is refused");
	dump(&c);
	corpus_free(&c);
	c = load("");
	ok(has(&c, "t.json:1:1: invalid JSON: expected a value, found end of input"), "an empty file");
	corpus_free(&c);
	return tap_done();
}
