/* test_names.c - the rule of names (names.h): how a typed term fits a
 * name, which candidate it resolves to, and what is said when it fits
 * several or none; the ids made from labels (ids.h); and the label a
 * facet shows as readouts join it (facets.h). */
#include "tap.h"
#include "corpus.h"
#include "facets.h"
#include "ids.h"
#include "names.h"
#include "names_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum name_fit fit(const char *term, const char *name)
{
	struct name_term t;
	name_term_init(&t, term);
	enum name_fit f = name_fit(&t, name);
	name_term_free(&t);
	return f;
}

static const char *slug(const char *label)
{
	static char buf[128];
	ids_from_label(label, buf, sizeof(buf));
	return buf;
}

/* The label each facet shows, readout after readout, is the one the rule
 * (facet_names_choose) picks among all its names then, for a user of
 * each language: labels in several languages, counts that overtake and
 * tie, aliases (never labels). */
static void label_tests(void)
{
	static const char *const langs[] = { "en", "fr", "ru", "fr-CA", "", "zh", "en-GB" };
	static const char *const labels[] = { "Wang Yi", "Wang  Yi", "Ван И", "王毅", "M. Wang" };
	struct corpus c;
	corpus_init(&c);
	char *buf = malloc(300 * 300), *p = buf;
	unsigned seed = 7;
	for (int i = 0; i < 300; i++) {
		seed = seed * 1103515245u + 12345u;
		const char *lang = langs[(seed >> 8) % 7], *label = labels[(seed >> 16) % 5];
		p += sprintf(p, "{\"format\":\"parley/1\",\"id\":\"r%d\",%s%s%s\"text\":\"x\",\"speakers\":"
		             "[{\"id\":\"wang\",\"label\":\"%s\"%s},{\"id\":\"s%d\",\"label\":\"%s\"}]}\n",
		             i, *lang ? "\"lang\":\"" : "", lang, *lang ? "\"," : "", label,
		             i % 4 ? "" : ",\"aliases\":[\"Wang\"]", i % 3, labels[(seed >> 24) % 5]);
	}
	corpus_add_buffer(&c, "w.jsonl", buf, (size_t)(p - buf), true);
	free(buf);
	is_int(c.n_readouts, 300, "300 readouts of one speaker in many languages load");
	static const char *const users[] = { "", "fr", "ru", "de" };
	for (size_t u = 0; u < 4; u++) {
		struct facets f;
		facets_init(&f, users[u]);
		size_t bad = 0;
		for (size_t ri = 0; ri < c.n_readouts; ri++) {
			facets_add_readout(&f, &c, ri);
			for (size_t i = 0; i < f.n[ENT_SPEAKER]; i++) {
				const struct facet *fc = &f.v[ENT_SPEAKER][i];
				bad += fc->label != facet_names_choose(fc->names, fc->n_names, f.lang);
			}
		}
		ok(bad == 0 && f.n[ENT_SPEAKER] == 4, "as readouts join, each facet shows the label the rule picks of all "
		   "its names (user language \"%s\")", users[u]);
		facets_free(&f);
	}
	corpus_free(&c);
}

/* The names table (names_index.h): what is noted of readouts, and its
 * bytes read back whole, or not at all when any of them is wrong. */
static void index_tests(void)
{
	static const char jl[] =
		"{\"format\":\"parley/1\",\"id\":\"a\",\"lang\":\"ru\",\"text\":\"x\",\"speakers\":[{\"id\":\"sl\",\"label\":\"Сергей Лавров\"},"
		"{\"id\":\"g\",\"label\":\"Стороны\",\"group\":true,\"members\":[\"sl\"]}],\"topics\":[{\"id\":\"t\",\"label\":\"безопасность\"}]}\n"
		"{\"format\":\"parley/1\",\"id\":\"b\",\"lang\":\"en-GB\",\"text\":\"x\",\"speakers\":[{\"id\":\"sl\",\"label\":\"Sergey Lavrov\",\"aliases\":[\"Lavrov\"]}],"
		"\"agreements\":[{\"id\":\"nst\",\"label\":\"New START\",\"kind\":\"treaty\"}]}\n"
		"{\"format\":\"parley/1\",\"id\":\"c\",\"lang\":\"en\",\"text\":\"x\",\"speakers\":[{\"id\":\"sl\",\"label\":\"Sergey Lavrov\",\"aliases\":[\"Lavrov\"]}]}\n";
	struct corpus c;
	corpus_init(&c);
	corpus_add_buffer(&c, "n.jsonl", jl, strlen(jl), true);
	is_int((int)c.n_readouts, 3, "(three readouts)");
	struct names_index ni = { 0 };
	for (size_t i = 0; i < c.n_readouts; i++)
		names_index_note(&ni, &c.readouts[i], NAMES_ALL_KINDS, NAMES_ALL_KINDS);
	ok(ni.n[ENT_SPEAKER] == 2 && ni.n[ENT_TOPIC] == 1 && ni.n[ENT_AGREEMENT] == 1, "every entity of every kind, once");
	long sl = names_index_find(&ni, ENT_SPEAKER, "sl"), g = names_index_find(&ni, ENT_SPEAKER, "g");
	ok(sl == 0 && g == 1 && names_index_find(&ni, ENT_SPEAKER, "t") == -1, "in the order first declared, by kind");
	const struct names_ent *x = &ni.v[ENT_SPEAKER][0];
	ok(x->n == 3 && strcmp(x->v[0].s, "Сергей Лавров") == 0 && strcmp(x->v[0].lang, "ru") == 0 && x->v[0].label
	       && strcmp(x->v[1].s, "Sergey Lavrov") == 0 && strcmp(x->v[1].lang, "en") == 0 && x->v[1].readouts == 2
	       && strcmp(x->v[2].s, "Lavrov") == 0 && !x->v[2].label && x->v[2].readouts == 2,
	   "its names: labels by language (the primary subtag), aliases, each with how many readouts give it");
	ok(ni.v[ENT_SPEAKER][1].group && !x->group, "and whether it is a group");
	/* declarations: a's sl 0, g 1, t 2; b's sl 3, nst 4; c's sl 5 */
	ok(ni.decls == 6 && x->at == 0 && x->seen[0].at == 0 && x->seen[1].at == 3 && x->seen[2].at == 3
	       && ni.v[ENT_AGREEMENT][0].at == 4 && ni.v[ENT_SPEAKER][1].seen[0].group,
	   "where each name was first given, counted in declarations, and as what");
	struct names_index only = { 0 };
	for (size_t i = 0; i < c.n_readouts; i++)
		names_index_note(&only, &c.readouts[i], 1u << ENT_TOPIC, 0);
	ok(only.n[ENT_SPEAKER] == 0 && only.n[ENT_TOPIC] == 1, "the kinds asked for alone");
	names_index_free(&only);

	struct strbuf b = { 0 };
	names_index_encode(&ni, 0x1234, &b);
	struct names_index back = { 0 };
	bool same = names_index_decode(&back, b.s, b.n, 0x1234);
	for (int k = 0; same && k < ENT_KINDS; k++) {
		same = back.n[k] == ni.n[k];
		for (size_t i = 0; same && i < ni.n[k]; i++) {
			const struct names_ent *p = &ni.v[k][i], *q = &back.v[k][i];
			same = strcmp(p->id, q->id) == 0 && p->group == q->group && p->at == q->at && p->n == q->n
			       && names_index_find(&back, (enum entity_kind)k, p->id) == (long)i;
			for (size_t j = 0; same && j < p->n; j++)
				same = strcmp(p->v[j].s, q->v[j].s) == 0 && memcmp(p->v[j].lang, q->v[j].lang, sizeof(p->v[j].lang)) == 0
				       && p->v[j].label == q->v[j].label && p->v[j].readouts == q->v[j].readouts
				       && p->v[j].hash == q->v[j].hash && p->seen[j].at == q->seen[j].at
				       && p->seen[j].group == q->seen[j].group;
		}
	}
	ok(same, "its bytes read back as they were");
	names_index_clear(&back);
	ok(!names_index_decode(&back, b.s, b.n, 0x1235), "not for another cache");
	bool cut = true, changed = true;
	for (size_t n = 0; n < b.n; n++) {
		cut = cut && !names_index_decode(&back, b.s, n, 0x1234) && back.n[ENT_SPEAKER] == 0;
		for (int bit = 0; bit < 8; bit += 3) {
			((unsigned char *)b.s)[n] ^= (unsigned char)(1u << bit);
			changed = changed && !names_index_decode(&back, b.s, b.n, 0x1234) && back.n[ENT_SPEAKER] == 0;
			((unsigned char *)b.s)[n] ^= (unsigned char)(1u << bit);
		}
	}
	ok(cut, "cut anywhere: refused, nothing read");
	ok(changed, "any byte changed: refused, nothing read");
	uint64_t rng = 7;
	bool noise = true;
	for (int i = 0; i < 200; i++) {
		for (size_t n = 40; n < b.n; n++)
			((unsigned char *)b.s)[n] = (unsigned char)tap_below(&rng, 256);
		noise = noise && !names_index_decode(&back, b.s, b.n, 0x1234);
	}
	ok(noise, "random bytes after a sound header: refused");
	sb_free(&b);

	/* names given over (from a table into a query's): counts add up */
	struct names_index sum = { 0 };
	for (int i = 0; i < 2; i++)
		for (size_t j = 0; j < x->n; j++)
			names_index_give(&sum, ENT_SPEAKER, x->id, x->group, &x->v[j]);
	ok(sum.n[ENT_SPEAKER] == 1 && sum.v[ENT_SPEAKER][0].n == 3 && sum.v[ENT_SPEAKER][0].v[1].readouts == 4
	       && strcmp(sum.v[ENT_SPEAKER][0].v[1].lang, "en") == 0,
	   "names given over twice: their readouts counted twice");
	names_index_free(&sum);
	names_index_free(&back);
	names_index_free(&ni);
	corpus_free(&c);
}

int main(void)
{
	label_tests();
	index_tests();
	/* fits */
	is_int(fit("Sergueï Lavrov", "SERGUEI LAVROV"), NAME_WHOLE, "a whole name, case and accents ignored");
	is_int(fit("Blinken", "Secretary Antony Blinken"), NAME_WORDS, "a word of a name");
	is_int(fit("antony blinken", "Secretary Antony Blinken"), NAME_WORDS, "words in a row");
	is_int(fit("secretary blinken", "Secretary Antony Blinken"), NAME_NONE, "words not in a row do not fit");
	is_int(fit("Blink", "Secretary Antony Blinken"), NAME_PREFIX, "the start of a word");
	is_int(fit("link", "Secretary Antony Blinken"), NAME_PART, "a piece inside a word is only a part");
	is_int(fit("sergueï", "Sergueï Lavrov"), NAME_WORDS, "an accented word");
	is_int(fit("serguei", "Sergueï Lavrov"), NAME_WORDS, "the same without its accent");
	is_int(fit("Лавров", "Сергей Лавров"), NAME_WORDS, "a Cyrillic word");
	is_int(fit("习近平", "習近平"), NAME_WHOLE, "a simplified name fits its traditional form");
	is_int(fit("習近平", "习近平"), NAME_WHOLE, "and the other way");
	is_int(fit("王毅", "中國外長王毅"), NAME_PART, "a Chinese name inside a title");
	is_int(fit("лавров", "С.В.Лавров"), NAME_WORDS, "a name after initials with full stops");
	is_int(fit("С. В. Лавров", "С.В.Лавров"), NAME_WHOLE, "initials spaced fit the name with them unspaced");
	is_int(fit("С.В.Лавров", "С. В. Лавров"), NAME_WHOLE, "and the other way");
	is_int(fit("wang  yi", "Wang Yi"), NAME_WHOLE, "two spaces between words: the whole name");
	is_int(fit("С. В. Лавров", "Министр С.В.Лавров"), NAME_WORDS, "spaced initials, words of a longer name");
	is_int(fit("Lavrov Sergey", "Sergey Lavrov"), NAME_WORDS, "all the words in another order: words of it");
	is_int(fit("Лавров Сергей Викторович", "Сергей Викторович Лавров"), NAME_WORDS, "three words reordered");
	is_int(fit("Lavrov Lavrov", "Sergey Lavrov"), NAME_NONE, "a word twice is not the two words");
	is_int(fit("Blinken Antony", "Secretary Antony Blinken"), NAME_NONE, "some words reordered do not fit");
	is_int(fit("王毅", "国务委员兼外长王毅"), NAME_PART, "Han characters within a longer run: a part");
	is_int(fit("安全", "生物安全"), NAME_PART, "so 安全 is only a part of 生物安全");
	is_int(fit("王毅", "外长 王毅"), NAME_WORDS, "a Han run of its own is a word");
	is_int(fit("Лав", "Сергей Лавров"), NAME_PREFIX, "the start of a word");
	is_int(fit("лав", "Глава МИД КНР"), NAME_PART, "inside a word: only a part");
	is_int(fit("sergey lav", "Sergey Lavrov"), NAME_PREFIX, "whole words, then the start of the next");
	is_int(fit("Afghan", "Afghanistan"), NAME_PREFIX, "the start of a one-word name");
	is_int(fit("王毅", "王毅"), NAME_WHOLE, "a whole Chinese name");
	is_int(fit("Wang", "M. Wang"), NAME_WORDS, "a word after an abbreviated title");
	is_int(fit("Kerry", "John Kerry"), NAME_WORDS, "a surname");
	is_int(fit("Lavrov", "Wang Yi"), NAME_NONE, "another name does not fit");
	is_int(fit("", "Wang Yi"), NAME_NONE, "an empty term fits nothing");
	is_int(fit("...", "Wang Yi"), NAME_NONE, "nor does punctuation");

	struct name_term t;
	name_term_init(&t, "lavrov");
	struct entity e = { .id = "lavrov", .label = "Сергей Лавров" };
	is_int(name_fit_entity(&t, &e), NAME_ID, "an id is the best fit");
	name_term_free(&t);
	name_term_init(&t, "M. Lavrov");
	const char *al[] = { "Lavrov", "M. Lavrov" };
	struct entity e2 = { .id = "s1", .label = "Sergueï Lavrov", .aliases = al, .n_aliases = 2 };
	is_int(name_fit_entity(&t, &e2), NAME_WHOLE, "an alias, whole");
	name_term_free(&t);

	/* choosing */
	struct name_cand v[4] = {
		{ "group:a:b", "Blinken and Lavrov", NAME_WORDS, true, 0 },
		{ "a", "Antony Blinken", NAME_WORDS, false, 1 },
		{ "c", "Blinken's deputy", NAME_PART, false, 2 },
	};
	size_t nb;
	long at = name_choose(v, 3, &nb);
	ok(at >= 0 && strcmp(v[at].id, "a") == 0, "a person before a group whose name holds the same words");
	struct name_cand w[3] = {
		{ "x", "Li Wei", NAME_WORDS, false, 0 },
		{ "y", "Li Qiang", NAME_WORDS, false, 1 },
		{ "z", "Li", NAME_WHOLE, false, 2 },
	};
	at = name_choose(w, 3, &nb);
	ok(at >= 0 && strcmp(w[at].id, "z") == 0, "a whole name before words of others");
	struct name_cand w2[3] = {
		{ "x", "Li Wei", NAME_WORDS, false, 0 },
		{ "z", "Lin", NAME_PART, false, 2 },
		{ "y", "Li Qiang", NAME_WORDS, false, 1 },
	};
	memcpy(w, w2, sizeof(w));
	at = name_choose(w, 3, &nb);
	ok(at == -1 && nb == 2 && strcmp(w[0].id, "x") == 0 && strcmp(w[1].id, "y") == 0,
	   "two persons with the word: ambiguous, the two first");
	char *msg = names_ambiguous(ENT_SPEAKER, "Li", w, nb);
	is_str(msg, "'Li' names 2 speakers: Li Wei (x), Li Qiang (y); give more of the name, or the id",
	       "the message lists them");
	free(msg);
	struct name_cand part[2] = { { "x", "Li Wei", NAME_PART, false, 0 }, { "y", "Zhao", NAME_NONE, false, 1 } };
	is_int(name_choose(part, 2, &nb), 0, "a part of a name resolves when it is the only fit");
	struct name_cand none[1] = { { "x", "Li Wei", NAME_NONE, false, 0 } };
	is_int(name_choose(none, 1, &nb), -2, "no fit: nothing");

	/* distances */
	is_int(name_distance("lavrof", "lavrov", 3), 1, "one letter off");
	is_int(name_distance("王一", "王毅", 3), 1, "in code points, not bytes");
	is_int(name_distance("abcdefgh", "z", 2), 3, "past the cap: cap + 1");

	/* the name a word typed meant (a command, an option) */
	const char *cmds[] = { "query", "stats", "validate", "extract", "compare", "link", "serve" };
	size_t nc = sizeof(cmds) / sizeof(cmds[0]);
	const char *m = name_meant("q", 1, cmds, nc);
	ok(m && strcmp(m, "query") == 0, "the start of one name: it");
	m = name_meant("s", 1, cmds, nc);
	ok(m && strcmp(m, "stats") == 0, "the start of several: the shortest (%s)", m ? m : "none");
	m = name_meant("qeury", 5, cmds, nc);
	ok(m && strcmp(m, "query") == 0, "two letters off a word of 4 or more: the name");
	m = name_meant("valdate", 7, cmds, nc);
	ok(m && strcmp(m, "validate") == 0, "a letter left out");
	ok(name_meant("qry", 3, cmds, nc) == NULL, "two letters off a word of 3: none");
	m = name_meant("lnk", 3, cmds, nc);
	ok(m && strcmp(m, "link") == 0, "one letter off a word of 3: the name");
	ok(name_meant("corpus", 6, cmds, nc) == NULL && name_meant("", 0, cmds, nc) == NULL,
	   "a word far from every name, or none: none");
	const char *opts[] = { "topics", "topic", "text", "speaker", "strict" };
	m = name_meant("top=3", 3, opts, 5);
	ok(m && strcmp(m, "topic") == 0, "its first len bytes only; the shortest it begins (%s)", m ? m : "none");
	m = name_meant("speker", 6, opts, 5);
	ok(m && strcmp(m, "speaker") == 0, "a letter off, among options");
	m = name_meant("tex", 3, (const char *[]){ "text", "next" }, 2);
	ok(m && strcmp(m, "text") == 0, "a start before a name as near by a letter");

	/* against a corpus: suggestions from every name and word */
	struct corpus c;
	corpus_init(&c);
	const char *j = "{\"format\":\"parley/1\",\"id\":\"r\",\"text\":\"x\",\"speakers\":["
	                "{\"id\":\"sergey-lavrov\",\"label\":\"Sergey Lavrov\",\"aliases\":[\"Лавров\"]},"
	                "{\"id\":\"wang-yi\",\"label\":\"王毅\"},{\"id\":\"mz\",\"label\":\"Мария Захарова\"}],"
	                "\"topics\":[{\"id\":\"security\",\"label\":\"sécurité\"}]}";
	corpus_add_buffer(&c, "mem.json", j, strlen(j), false);
	struct facets f;
	facets_build(&f, &c, "");
	char *why;
	long gi = names_resolve(&c, &f, ENT_SPEAKER, "лавров", &why);
	ok(gi >= 0 && strcmp(f.v[ENT_SPEAKER][gi].id, "sergey-lavrov") == 0 && !why, "resolved by an alias");
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Lavrof", &why);
	ok(gi < 0 && why && strstr(why, "did you mean Sergey Lavrov (sergey-lavrov)?"), "a near miss: %s", why);
	free(why);
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Лавровъ", &why);
	ok(gi < 0 && why && strstr(why, "sergey-lavrov"), "near an alias in another script: %s", why);
	free(why);
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Lavrof", &why);
	free(why);
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Sergei Lavrof", &why);
	ok(gi < 0 && why && strstr(why, "(sergey-lavrov)"), "two words near two words: %s", why);
	free(why);
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Lavrv", &why);
	ok(gi < 0 && why && strstr(why, "(sergey-lavrov)"), "a letter missing: %s", why);
	free(why);
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Zakharova", &why);
	ok(gi < 0 && why && strstr(why, "did you mean Мария Захарова (mz)"), "a Latin spelling of a Cyrillic name: %s", why);
	free(why);
	gi = names_resolve(&c, &f, ENT_SPEAKER, "Lavr", &why);
	ok(gi >= 0 && strcmp(f.v[ENT_SPEAKER][gi].id, "sergey-lavrov") == 0, "the start of a name resolves, alone");
	free(why);
	gi = names_resolve(&c, &f, ENT_TOPIC, "zzzz", &why);
	ok(gi < 0 && why && strstr(why, "no topic in the corpus is named 'zzzz'") && !strstr(why, "did you mean"),
	   "nothing near: said so (%s)", why);
	free(why);
	gi = names_resolve(&c, &f, ENT_TOPIC, "SECURITE", &why);
	ok(gi >= 0 && !why, "a topic by its label, accents ignored");
	facets_free(&f);
	corpus_free(&c);

	/* ids made from labels, in every script */
	is_str(slug("Sergueï Lavrov"), "serguei-lavrov", "Latin: a slug without accents");
	is_str(slug("Сергей Лавров"), "sergey-lavrov", "Cyrillic: transliterated (BGN/PCGN)");
	is_str(slug("Китайская сторона"), "kitayskaya-storona", "Cyrillic, any words");
	is_str(slug("俄方"), "e-fang", "Chinese: pinyin without tones");
	is_str(slug("經濟"), "jing-ji", "traditional Chinese too");
	is_str(slug("安全"), "an-quan", "a topic in Chinese");
	is_str(slug("U.N. Charter (1945)"), "u-n-charter-1945", "punctuation becomes one dash");
	is_str(slug("   "), "", "nothing to make an id of");
	char small[8];
	ids_from_label("Supercalifragilistic", small, sizeof(small));
	is_str(small, "superca", "a first word longer than the room is cut, not dropped");
	ids_from_label("ab cdefgh", small, sizeof(small));
	is_str(small, "ab", "a later one is left out whole");
	return tap_done();
}
