/* test_filter.c - the filter engine's dates, languages and words of text,
 * and that they combine with the entity filters. */
#include "tap.h"
#include <stdint.h>
#include <stdlib.h>
#include "corpus.h"
#include "facets.h"
#include "filter.h"
#include "order.h"

#include <stdio.h>
#include <string.h>

#include <stdlib.h>

/* readouts_merge, batch after batch as readouts arrive while loading,
 * makes the list readouts_sort makes of them all, in every order: many
 * ties (titles the same once folded, the same dates, none, titles and
 * languages alike in their first 8 bytes), three files, in the order of
 * their paths or not (swapped: the packed keys cannot order files by
 * their index then), with its packed keys kept from merge to merge and
 * without. */
static void merge_tests(bool swapped)
{
	static const char *const titles[] = { "Zeta", "zeta", "Élan", "elan", "", "Alpha", "Abcdefgh", "abcdefghi" };
	static const char *const dates[] = { "2021-07-15", "2021-07", "2021", "", "2022-01-02", "2021-07-15" };
	static const char *const langs[] = { "fr", "FR", "", "zh-Hans", "en", "zh-Hans-CN", "ZH-hans-cn" };
	struct corpus c;
	corpus_init(&c);
	static const char *const paths[2][3] = { { "a.jsonl", "b.jsonl", "c.jsonl" }, { "b.jsonl", "a.jsonl", "c.jsonl" } };
	for (int f = 0; f < 3; f++) {
		char *buf = malloc(200 * 256), *p = buf;
		for (int i = 0; i < (f < 2 ? 200 : 1); i++) {
			int k = f * 200 + i;
			p += sprintf(p, "{\"format\":\"parley/1\",\"id\":\"r%03d\"", k);
			if (*titles[k % 8])
				p += sprintf(p, ",\"title\":\"%s\"", titles[k % 8]);
			if (*dates[k / 3 % 6])
				p += sprintf(p, ",\"date\":\"%s\"", dates[k / 3 % 6]);
			if (*langs[k / 2 % 7])
				p += sprintf(p, ",\"lang\":\"%s\"", langs[k / 2 % 7]);
			/* two positions, of s and t, or of t alone */
			p += sprintf(p, ",\"text\":\"xy\",\"speakers\":[{\"id\":\"s\",\"label\":\"S\"},{\"id\":\"t\","
			             "\"label\":\"T\"}],\"positions\":[{\"id\":\"p1\",\"speaker\":\"%s\",\"start\":1,"
			             "\"end\":2},{\"id\":\"p2\",\"speaker\":\"t\",\"start\":0,\"end\":1}]}\n",
			             k % 3 ? "t" : "s");
		}
		corpus_add_buffer(&c, paths[swapped][f], buf, (size_t)(p - buf), true);
		free(buf);
	}
	is_int(c.n_readouts, 401, "401 readouts of three files load");
	size_t n = c.n_readouts;
	size_t *all = malloc(n * sizeof(size_t)), *nav = malloc(n * sizeof(size_t)), *add = malloc(n * sizeof(size_t));
	static const size_t batches[] = { 1, 7, 64, 0, 3, 128, 2, 64, 131 };
	for (int o = 0; o < 2 * ORDER_COUNT; o++) {
		bool keyed = o >= ORDER_COUNT;
		struct order_keys keys = { 0 };
		for (size_t i = 0; i < n; i++)
			all[i] = i;
		readouts_sort(&c, all, n, (enum readout_order)(o % ORDER_COUNT));
		size_t have = 0, from = 0, bad = 0;
		for (size_t b = 0; from < n; b++) {
			size_t to = from + batches[b % (sizeof(batches) / sizeof(batches[0]))];
			if (to > n)
				to = n;
			size_t n_add = 0;
			for (size_t ri = from; ri < to; ri++)
				if (ri % 5 != 4 || o % ORDER_COUNT != ORDER_DATE) /* some left out, as a filter would */
					add[n_add++] = ri;
			readouts_sort(&c, add, n_add, (enum readout_order)(o % ORDER_COUNT));
			readouts_merge(&c, nav, have, add, n_add, (enum readout_order)(o % ORDER_COUNT), keyed ? &keys : NULL);
			have += n_add;
			from = to;
			/* the list so far is the full sort of those readouts */
			size_t j = 0;
			for (size_t i = 0; i < n; i++)
				if (all[i] < to && (all[i] % 5 != 4 || o % ORDER_COUNT != ORDER_DATE))
					bad += j >= have || nav[j++] != all[i];
			bad += j != have;
			bad += keyed && keys.n != have;
		}
		is_int(bad, 0, "merged batch by batch, by %s%s%s: the list sorting them all makes",
		       readout_order_names[o % ORDER_COUNT], keyed ? ", its keys kept" : "",
		       swapped ? ", files not in the order of their paths" : "");
		order_keys_free(&keys);
	}
	/* the matches of a filter (speaker t, and not on ... so some readouts
	 * have none), grown batch by batch as readouts arrive: the matches of
	 * the new ones alone merged in give what making them all anew gives */
	struct facets fa;
	facets_build(&fa, &c, "");
	struct filter f = { 0 };
	idset_add(&f.ents[ENT_SPEAKER], (uint32_t)facets_find(&fa, ENT_SPEAKER, "t"));
	filter_set_dates(&f, "2021", NULL);
	for (int o = 0; o < ORDER_COUNT; o++) {
		struct match *pl = NULL, *want = NULL, *more;
		size_t n_pl = 0, from = 0, bad = 0, steps = 0;
		for (size_t b = 0; from < n; b++) {
			size_t to = from + batches[b % (sizeof(batches) / sizeof(batches[0]))];
			if (to > n)
				to = n;
			c.n_readouts = to; /* the corpus when `to` readouts had arrived */
			size_t n_nav = 0;
			for (size_t ri = 0; ri < to; ri++)
				if (filter_readout(&f, &c, &fa, ri))
					nav[n_nav++] = ri;
			readouts_sort(&c, nav, n_nav, (enum readout_order)o);
			size_t n_more = filter_matches_from(&f, &c, &fa, from, &more);
			pl = realloc(pl, (n_pl + n_more + 1) * sizeof(*pl));
			matches_merge(pl, n_pl, more, n_more, nav, n_nav, to);
			n_pl += n_more;
			free(more);
			size_t n_want = filter_matches(&f, &c, &fa, &want);
			matches_sort(want, n_want, nav, n_nav, to);
			bad += n_want != n_pl || (n_pl && memcmp(want, pl, n_pl * sizeof(*pl)) != 0);
			steps += n_more > 0;
			free(want);
			from = to;
		}
		c.n_readouts = n;
		ok(bad == 0 && n_pl > 100 && steps > 5, "matches grown batch by batch, by %s: those made anew (%zu)",
		   readout_order_names[o], n_pl);
		free(pl);
	}
	filter_clear(&f);
	facets_free(&fa);
	free(all);
	free(nav);
	free(add);
	corpus_free(&c);
}

static size_t matches(struct filter *f, const struct corpus *c, const struct facets *fa)
{
	struct match *m;
	size_t n = filter_matches(f, c, fa, &m);
	free(m);
	return n;
}

/* filter_judge says of each position what its span and summary say
 * alone (filter_readout_words of a readout of that position only), by
 * either of its ways: spans searched each alone (together no longer than
 * the text) or told from the text's matches (spans that overlap). */
static void judge_tests(void)
{
	static const char *const pieces[] = { "un", "UN", "u", "n", " ", "é", "ne", "sé", "cu", "rité", "Un", "." };
	static const char *const words[] = { "un", "une", "sécurité", "n u", "é", "nu", "unu" };
	/* what may be between two summaries where a load says where they
	 * are (judge_hints.sums): any bytes, NULs too (the index cache has a
	 * summary's length there), words' pieces, and a lead byte that the
	 * summary after it does not continue */
	static const struct {
		const char *b;
		size_t n;
	} gaps[] = { { "", 0 },       { "u", 1 },        { "n", 1 },      { "un", 2 }, { "une", 3 },
		     { "\x05\0\0\0", 4 }, { "u\0n\0", 4 }, { "\xc3", 1 }, { "\xe4\xb8", 2 }, { "é", 2 }, { " N", 2 } };
	uint64_t rng = 0x9E3779B97F4A7C15ull;
	int bad = 0, runs = 0, overlapping = 0, disjoint = 0, told_sums = 0;
	for (int round = 0; round < 400; round++) {
		char text[512], json[4096];
		size_t tn = 0, cps = 0;
		unsigned n = 1 + (unsigned)tap_below(&rng, 40);
		for (unsigned i = 0; i < n; i++) {
			const char *pc = pieces[tap_below(&rng, sizeof(pieces) / sizeof(pieces[0]))];
			for (; *pc; pc++) {
				text[tn++] = *pc;
				cps += ((unsigned char)*pc & 0xC0) != 0x80;
			}
		}
		text[tn] = 0;
		/* positions: spans of code points, apart or overlapping */
		bool overlap = round % 2;
		char *p = json;
		p += sprintf(p, "{\"format\":\"parley/1\",\"id\":\"r\",\"text\":\"%s\","
		             "\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],\"positions\":[", text);
		unsigned np = 1 + (unsigned)tap_below(&rng, 6);
		size_t from = 0;
		for (unsigned i = 0; i < np; i++) {
			size_t a, b;
			if (overlap) {
				a = tap_below(&rng, cps + 1);
				b = cps;
			} else {
				if (from > cps)
					break;
				a = from + tap_below(&rng, cps - from + 1);
				b = a + tap_below(&rng, cps - a + 1);
				from = b;
			}
			/* a summary of pieces, or none */
			char sum[128] = "";
			size_t sn = 0;
			for (unsigned k = tap_below(&rng, 3) ? 0 : 1 + (unsigned)tap_below(&rng, 5); k > 0; k--)
				sn += (size_t)sprintf(sum + sn, "%s", pieces[tap_below(&rng, sizeof(pieces) / sizeof(pieces[0]))]);
			p += sprintf(p, "%s{\"id\":\"p%u\",\"speaker\":\"s\",\"start\":%zu,\"end\":%zu", i ? "," : "", i, a,
			             b);
			p += sn || tap_below(&rng, 4) == 0 ? sprintf(p, ",\"summary\":\"%s\"}", sum) : sprintf(p, "}");
		}
		p += sprintf(p, "]}");
		struct corpus c;
		corpus_init(&c);
		corpus_add_buffer(&c, "j.json", json, strlen(json), false);
		if (c.n_readouts == 1) {
			struct readout *r = &c.readouts[0];
			size_t sum = 0;
			for (size_t i = 0; i < r->n_positions; i++)
				sum += r->positions[i].span.bend - r->positions[i].span.bstart;
			if (sum > r->text_bytes)
				overlapping++;
			else
				disjoint++;
			for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
				struct filter f = { 0 };
				filter_add_text(&f, words[w]);
				unsigned char v[16];
				bool any = filter_judge(&f, r, NULL, v), want_any = false;
				for (size_t i = 0; i < r->n_positions; i++) {
					struct readout one = *r;
					one.positions = &r->positions[i];
					one.n_positions = 1;
					bool want = filter_readout_words(&f, &one);
					want_any |= want;
					if ((v[i] == JUDGED_YES) != want) {
						if (bad++ < 5)
							diag_note("'%s' in position %zu of %s: %d, want %d", words[w], i, json,
							          v[i] == JUDGED_YES, want);
					}
				}
				bad += any != want_any;
				/* the same told the set of bytes the text holds (spans
				 * not searched for a word that cannot be there) */
				unsigned char set[32] = { 0 }, v2[16];
				for (size_t i = 0; i < r->text_bytes; i++)
					set[(unsigned char)r->text[i] >> 3] |= (unsigned char)(1u << ((unsigned char)r->text[i] & 7));
				struct judge_hints h = { set, NULL, 0 };
				bool any2 = filter_judge(&f, r, &h, v2);
				if (any2 != any || memcmp(v, v2, r->n_positions) != 0) {
					if (bad++ < 5)
						diag_note("'%s' in %s: told the text's bytes, other verdicts", words[w], json);
				}
				/* and told where the summaries are: copies of them one
				 * after another, other bytes between */
				char block[2048];
				size_t bn = 0;
				struct readout moved = *r;
				struct position mp[16];
				memcpy(mp, r->positions, r->n_positions * sizeof(mp[0]));
				moved.positions = mp;
				h.sums = NULL;
				for (size_t i = 0; i < r->n_positions; i++) {
					if (!mp[i].summary)
						continue;
					if (h.sums) { /* (none before the first) */
						size_t g = tap_below(&rng, sizeof(gaps) / sizeof(gaps[0]));
						memcpy(block + bn, gaps[g].b, gaps[g].n);
						bn += gaps[g].n;
					}
					size_t sl = strlen(mp[i].summary);
					memcpy(block + bn, mp[i].summary, sl + 1);
					mp[i].summary = block + bn;
					if (!h.sums)
						h.sums = block + bn;
					bn += sl + 1;
					h.sums_n = (size_t)(block + bn - 1 - h.sums);
				}
				unsigned char v3[16];
				bool any3 = filter_judge(&f, &moved, &h, v3);
				if (any3 != any || memcmp(v, v3, r->n_positions) != 0) {
					if (bad++ < 5)
						diag_note("'%s' in %s: told where the summaries are, other verdicts", words[w], json);
				}
				told_sums += h.sums != NULL;
				runs++;
				filter_clear(&f);
			}
		}
		corpus_free(&c);
	}
	ok(bad == 0 && overlapping > 50 && disjoint > 50 && told_sums > 500,
	   "filter_judge: each position as its span and summary alone say, told the text's bytes or not, and where the "
	   "summaries are or not (%d runs, %d with summaries; spans overlapping in %d readouts, apart in %d)",
	   runs, told_sums, overlapping, disjoint);
}

int main(void)
{
	merge_tests(false);
	merge_tests(true);
	char lo[11], hi[11];
	filter_date_range("2021", lo, hi);
	ok(!strcmp(lo, "2021-01-01") && !strcmp(hi, "2021-12-31"), "a year is a range of days");
	filter_date_range("2021-07", lo, hi);
	ok(!strcmp(lo, "2021-07-01") && !strcmp(hi, "2021-07-31"), "a month too");
	filter_date_range("2021-07-15", lo, hi);
	ok(!strcmp(lo, "2021-07-15") && !strcmp(hi, "2021-07-15"), "a day is itself");

	ok(filter_lang_matches("zh", "zh-Hans"), "zh matches zh-Hans");
	ok(filter_lang_matches("zh", "ZH"), "case is ignored");
	ok(!filter_lang_matches("zh", "zha"), "zh does not match zha");
	ok(!filter_lang_matches("zh-Hans", "zh"), "zh-Hans does not match zh");
	ok(filter_lang_matches("zh-hans", "zh-Hans-CN"), "zh-hans matches zh-Hans-CN");
	ok(!filter_lang_matches("fr", NULL), "no lang never matches");

	const char *jl =
		"{\"format\":\"parley/1\",\"id\":\"a\",\"title\":\"Zeta\",\"kind\":\"call\",\"date\":\"2021-07\",\"lang\":\"fr\",\"text\":\"La Sécurité régionale. Rien.\","
		"\"speakers\":[{\"id\":\"s\",\"label\":\"S\"},{\"id\":\"t\",\"label\":\"T\"}],\"topics\":[{\"id\":\"sec\",\"label\":\"sécurité\"}],"
		"\"positions\":[{\"id\":\"p1\",\"speaker\":\"s\",\"start\":0,\"end\":22,\"topics\":[\"sec\"]},"
		"{\"id\":\"p2\",\"speaker\":\"t\",\"start\":23,\"end\":28,\"summary\":\"Nothing SECURE\"}]}\n"
		"{\"format\":\"parley/1\",\"id\":\"b\",\"title\":\"Élan\",\"kind\":\"meeting\",\"date\":\"2022-01-02\",\"lang\":\"zh-Hans\",\"text\":\"地区安全\","
		"\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],"
		"\"positions\":[{\"id\":\"p1\",\"speaker\":\"s\",\"start\":0,\"end\":4}]}\n"
		"{\"format\":\"parley/1\",\"id\":\"c\",\"text\":\"x\",\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],"
		"\"positions\":[{\"id\":\"p1\",\"speaker\":\"s\",\"start\":0,\"end\":1}]}\n";
	struct corpus c;
	corpus_init(&c);
	corpus_add_buffer(&c, "t.jsonl", jl, strlen(jl), true);
	is_int(c.n_readouts, 3, "three readouts load");
	struct facets fa;
	facets_build(&fa, &c, "");

	struct filter f = { 0 };
	is_int(matches(&f, &c, &fa), 4, "an empty filter matches every position");
	ok(filter_is_empty(&f), "and is empty");

	ok(filter_set_dates(&f, "2021-07-10", NULL), "a valid --since");
	ok(!filter_is_empty(&f), "a date bound makes the filter not empty");
	is_int(matches(&f, &c, &fa), 3, "since 2021-07-10: a readout of 2021-07 is in, one without a date is out");
	ok(filter_readout(&f, &c, &fa, 0) && !filter_readout(&f, &c, &fa, 2), "filter_readout agrees");
	ok(filter_set_dates(&f, NULL, "2021-12"), "a valid --until");
	is_int(matches(&f, &c, &fa), 2, "and until 2021-12 leaves 2022 out");
	ok(!filter_set_dates(&f, "2021-02-30", NULL), "an impossible date is refused");
	filter_clear(&f);

	ok(filter_add_lang(&f, "zh"), "a language range");
	ok(!filter_add_lang(&f, "not a tag"), "an ill-formed one is refused");
	is_int(matches(&f, &c, &fa), 1, "zh matches the zh-Hans readout only");
	filter_clear(&f);

	ok(filter_add_text(&f, "  SECURITE   regionale "), "words of text");
	is_int(matches(&f, &c, &fa), 1, "every word, case and accents ignored, in the span");
	filter_clear(&f);
	ok(filter_add_text(&f, "secure"), "a word");
	is_int(matches(&f, &c, &fa), 1, "found in a summary (the span's 'securite' does not have it)");
	filter_clear(&f);
	ok(filter_add_text(&f, "nothing rien"), "words from the summary and the span");
	is_int(matches(&f, &c, &fa), 1, "each word may be in either");
	ok(filter_add_text(&f, "安全"), "a second text");
	is_int(matches(&f, &c, &fa), 2, "texts are alternatives");
	ok(!filter_add_text(&f, "  \t "), "no word is refused");
	is_int(filter_count(&f), 2, "two texts: two filters");
	filter_set_dates(&f, "2021", "2022");
	f.kinds = (1u << KIND_CALL) | (1u << KIND_MEETING);
	f.stances = 1u << STANCE_SUPPORT | 1u << STANCE_OPPOSE;
	idset_toggle(&f.ents[ENT_SPEAKER], 0);
	idset_toggle(&f.ents[ENT_SPEAKER], 1);
	idset_toggle(&f.ents[ENT_TOPIC], 0);
	filter_add_lang(&f, "fr");
	is_int(filter_count(&f), 10,
	       "and the dates (one), two kinds, the stances (one), two speakers, a topic and a language: ten");
	ok(filter_readout_words(&f, &c.readouts[0]) && filter_readout_words(&f, &c.readouts[1])
	   && !filter_readout_words(&f, &c.readouts[2]), "filter_readout_words: the readouts with a position that has them");
	filter_clear(&f);
	ok(filter_readout_words(&f, &c.readouts[2]) && filter_words_may_be_in(&f, "", 0),
	   "without texts, every readout can have them");
	/* bytes holding a readout's strings, other bytes between */
	static const char bytes[] = "\x05\0\0\0La S\xc3\xa9" "curit\xc3\xa9 r\xc3\xa9gionale\0\xff\x02\0Nothing SECURE\0";
	filter_add_text(&f, "securite REGIONALE");
	ok(filter_words_may_be_in(&f, bytes, sizeof(bytes) - 1), "words in the bytes' strings may be there");
	filter_clear(&f);
	filter_add_text(&f, "secure regionale");
	ok(filter_words_may_be_in(&f, bytes, sizeof(bytes) - 1), "each word in a string of its own too");
	filter_clear(&f);
	filter_add_text(&f, "securite vaccins");
	ok(!filter_words_may_be_in(&f, bytes, sizeof(bytes) - 1), "a word in none of them: cannot be");
	filter_add_text(&f, "nothing");
	ok(filter_words_may_be_in(&f, bytes, sizeof(bytes) - 1), "unless another text can");
	filter_clear(&f);

	/* with entities */
	idset_add(&f.ents[ENT_SPEAKER], (uint32_t)facets_find(&fa, ENT_SPEAKER, "s"));
	filter_set_dates(&f, "2021", "2021");
	is_int(matches(&f, &c, &fa), 1, "a speaker and a year");
	filter_add_text(&f, "rien");
	is_int(matches(&f, &c, &fa), 0, "and a word it did not say");
	ok(!filter_readout(&f, &c, &fa, 0), "filter_readout needs a position with the words");
	filter_clear(&f);

	/* kinds */
	f.kinds = 1u << KIND_CALL;
	ok(!filter_is_empty(&f), "a kind makes the filter not empty");
	is_int(matches(&f, &c, &fa), 2, "kind call: the call's positions");
	f.kinds |= 1u << KIND_MEETING;
	is_int(matches(&f, &c, &fa), 3, "kinds are alternatives; a readout without a kind is out");
	filter_clear(&f);

	/* a period as typed */
	char why[128];
	ok(filter_set_period(&f, "2021-07-10 .. 2021-12", why, sizeof(why)), "SINCE..UNTIL");
	is_int(matches(&f, &c, &fa), 2, "the period holds the readout of 2021-07 only");
	ok(filter_set_period(&f, "2022", why, sizeof(why)), "one date");
	ok(!strcmp(f.since, "2022-01-01") && !strcmp(f.until, "2022-12-31"), "is its range of days");
	is_int(matches(&f, &c, &fa), 1, "2022: the readout of 2022");
	ok(filter_set_period(&f, "..2021", why, sizeof(why)) && !f.since[0] && !strcmp(f.until, "2021-12-31"), "..UNTIL leaves since unset");
	ok(filter_set_period(&f, "2021-08..", why, sizeof(why)) && !strcmp(f.since, "2021-08-01") && !f.until[0], "SINCE.. leaves until unset");
	ok(!filter_set_period(&f, "2021-13..", why, sizeof(why)) && !strcmp(f.since, "2021-08-01"),
	   "a month 13 is refused, nothing changes");
	is_str(why, "2021-13 is no date: a month is 01 to 12", "and the date is named, with why");
	ok(!filter_set_period(&f, "2021-01..2021-02-30", why, sizeof(why)), "a day its month has not is refused");
	is_str(why, "2021-02-30 is no date: February has 28 days", "the second date named, with why");
	ok(!filter_set_period(&f, "2021-08..2021-07", why, sizeof(why)) && !strcmp(f.since, "2021-08-01") && !f.until[0],
	   "a range the wrong way round is refused, nothing changes");
	is_str(why, "2021-08..2021-07: the first date is after the second, no date is both", "and said so");
	ok(!filter_set_period(&f, "2021-09-02..2021-09-01", why, sizeof(why)) && strstr(why, "after")
	   && !filter_dates_empty(&f), "so is one of days, and the dates left are not empty");
	ok(!filter_set_period(&f, "soon", why, sizeof(why)), "so is a word");
	is_str(why, "soon is no date: the form is YYYY-MM-DD, YYYY-MM or YYYY", "said with the form");
	ok(!filter_set_period(&f, "2021-07-01T00:00:00Z..", why, sizeof(why)), "a date too long for one is refused");
	is_str(why, "2021-07-01T00:00:00Z..: the form is SINCE..UNTIL, each YYYY-MM-DD, YYYY-MM or YYYY",
	       "said whole, with the form");
	ok(filter_set_period(&f, " ", why, sizeof(why)) && filter_is_empty(&f), "nothing clears both bounds");

	/* languages toggled */
	ok(filter_toggle_lang(&f, "zh"), "a language toggled on");
	is_int(matches(&f, &c, &fa), 1, "zh");
	ok(filter_toggle_lang(&f, "fr"), "another");
	is_int(matches(&f, &c, &fa), 3, "zh or fr");
	ok(!filter_toggle_lang(&f, "ZH") && f.n_langs == 1, "toggled off, case ignored");
	ok(!filter_toggle_lang(&f, "fr") && filter_is_empty(&f), "both off: empty");
	ok(!filter_toggle_lang(&f, "x y") && f.n_langs == 0, "an ill-formed range changes nothing");
	filter_clear(&f);

	/* speakers together */
	idset_add(&f.ents[ENT_SPEAKER], (uint32_t)facets_find(&fa, ENT_SPEAKER, "s"));
	idset_add(&f.ents[ENT_SPEAKER], (uint32_t)facets_find(&fa, ENT_SPEAKER, "t"));
	is_int(matches(&f, &c, &fa), 4, "s or t: every position");
	f.all_speakers = true;
	is_int(matches(&f, &c, &fa), 2, "s and t: the positions of either in the readout that has both");
	size_t rd[4];
	ok(filter_readouts(&f, &c, &fa, rd) == 1 && rd[0] == 0, "one readout declares both");
	ok(filter_readout(&f, &c, &fa, 0) && !filter_readout(&f, &c, &fa, 1), "filter_readout agrees");
	ok(!filter_position(&f, &c, &fa, 1, 0), "and filter_position");
	idset_toggle(&f.ents[ENT_SPEAKER], (uint32_t)facets_find(&fa, ENT_SPEAKER, "t"));
	is_int(matches(&f, &c, &fa), 3, "with one speaker chosen, together is the same as either");
	filter_clear(&f);

	/* orders */
	size_t idx[3];
	static const char *const want[ORDER_COUNT] = { "b a c", "c b a", "a b c", "a b c" };
	for (int o = 0; o < ORDER_COUNT; o++) {
		for (size_t i = 0; i < 3; i++)
			idx[i] = 2 - i;
		readouts_sort(&c, idx, 3, (enum readout_order)o);
		char got[8];
		snprintf(got, sizeof(got), "%s %s %s", c.readouts[idx[0]].id, c.readouts[idx[1]].id, c.readouts[idx[2]].id);
		is_str(got, want[o], "by %s", readout_order_names[o]);
	}
	struct match mm[4] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 2, 0 } };
	size_t nav[2] = { 2, 0 };
	matches_sort(mm, 4, nav, 2, 3);
	ok(mm[0].readout == 2 && mm[1].readout == 0 && mm[1].position == 0 && mm[2].readout == 0
	   && mm[2].position == 1 && mm[3].readout == 1,
	   "matches in the readouts' order, each readout's kept, those not listed last");
	is_int(readout_order_by_name("language"), ORDER_LANG, "an order by its name");
	is_int(readout_order_by_name("size"), -1, "an unknown name");

	facets_free(&fa);
	corpus_free(&c);
	/* idset: members by bitmap, huge values by list, order kept */
	struct idset set = { 0 };
	idset_add(&set, 3);
	idset_add(&set, 1000);
	idset_add(&set, UINT32_MAX);
	idset_add(&set, 3);
	ok(set.n == 3 && idset_has(&set, 3) && idset_has(&set, 1000) && idset_has(&set, UINT32_MAX),
	   "idset holds small, grown and huge members once");
	ok(!idset_has(&set, 4) && !idset_has(&set, 999) && !idset_has(&set, UINT32_MAX - 1), "and nothing else");
	ok(!idset_toggle(&set, 1000) && !idset_has(&set, 1000) && set.n == 2, "toggle removes");
	ok(idset_toggle(&set, 1000) && idset_has(&set, 1000) && set.v[2] == 1000, "toggle adds at the end");
	ok(!idset_toggle(&set, UINT32_MAX) && !idset_has(&set, UINT32_MAX), "a huge member is removed too");
	size_t all = 0;
	for (uint32_t v = 0; v < 5000; v += 7)
		idset_add(&set, v);
	for (uint32_t v = 0; v < 5000; v++)
		all += idset_has(&set, v) != (v % 7 == 0 || v == 1000 || v == 3);
	is_int(all, 0, "membership is exact after growing past the first bitmap");
	free(set.v);
	free(set.bits);
	/* speaker colours: different within a readout while the palette allows */
	{
		struct corpus k;
		corpus_init(&k);
		const char *ja = "{\"format\":\"parley/1\",\"id\":\"a\",\"text\":\"x\",\"speakers\":["
		                 "{\"id\":\"s0\",\"label\":\"0\"},{\"id\":\"s1\",\"label\":\"1\"},"
		                 "{\"id\":\"s2\",\"label\":\"2\"},{\"id\":\"s3\",\"label\":\"3\"},"
		                 "{\"id\":\"s4\",\"label\":\"4\"},{\"id\":\"s5\",\"label\":\"5\"}]}";
		const char *jb = "{\"format\":\"parley/1\",\"id\":\"b\",\"text\":\"x\",\"speakers\":["
		                 "{\"id\":\"both\",\"label\":\"双方\"},{\"id\":\"s0\",\"label\":\"王毅\"},"
		                 "{\"id\":\"s1\",\"label\":\"1\"}]}";
		corpus_add_buffer(&k, "a.json", ja, strlen(ja), false);
		corpus_add_buffer(&k, "b.json", jb, strlen(jb), false);
		struct facets kf;
		facets_build(&kf, &k, "");
		size_t a0 = facets_speaker_slot(&kf, &k, 0, 0, 6), b0 = facets_speaker_slot(&kf, &k, 1, 0, 6);
		size_t b1 = facets_speaker_slot(&kf, &k, 1, 1, 6), b2 = facets_speaker_slot(&kf, &k, 1, 2, 6);
		ok(a0 == 0 && b0 == 0, "a speaker's slot is its corpus index modulo the palette (%zu, %zu)", a0, b0);
		ok(b1 != b0 && b2 != b0 && b2 != b1, "two speakers of one readout never share one while slots remain (%zu %zu %zu)",
		   b0, b1, b2);
		facets_free(&kf);
		corpus_free(&k);
	}
	judge_tests();
	{
		/* the words of a text that must all be found: the rarest first */
		struct filter f = { 0 };
		filter_add_text(&f, "la santé publique de Zanzibar");
		bool sorted = f.n_texts == 1 && f.texts[0].n == 5;
		for (size_t w = 1; sorted && w < f.texts[0].n; w++)
			sorted = f.texts[0].words[w - 1].cost <= f.texts[0].words[w].cost;
		/* (publique is keyed on its q, between an i and a u) */
		ok(sorted && !strcmp(f.texts[0].words[0].folded, "publique") && f.texts[0].words[4].folded[2] == '\0',
		   "a text's words are looked for rarest first (%s first, %s last)", f.texts[0].words[0].folded,
		   f.texts[0].words[4].folded);
		filter_clear(&f);
	}
	return tap_done();
}
