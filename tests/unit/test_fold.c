/* test_fold.c - case- and accent-insensitive search: what text folds to,
 * and which source bytes a match covers. */
#include "tap.h"
#include "blns.h"
#include "fold.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <unicase.h>
#include <unistr.h>

static void folds(const char *in, const char *want, const char *what)
{
	char *got = fold_dup(in, strlen(in));
	is_str(got, want, "%s", what);
	free(got);
}

/* fold_find of needle in text from folded offset `from`, as
 * "folded@src_start-src_end" or "none". */
static const char *find(const char *text, const char *needle, size_t from)
{
	static char buf[64];
	struct folded f;
	size_t a = 0, b = 0;
	fold_text(&f, text, strlen(text), true);
	size_t at = fold_find(&f, needle, strlen(needle), from, &a, &b);
	if (at == (size_t)-1)
		snprintf(buf, sizeof(buf), "none");
	else
		snprintf(buf, sizeof(buf), "%zu@%zu-%zu", at, a, b);
	folded_free(&f);
	return buf;
}


static bool same_fold(const char *a, size_t an, const char *b, size_t bn)
{
	char *fa = fold_dup(a, an), *fb = fold_dup(b, bn);
	bool same = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

/* Properties of the folding of any string; NULL when they hold. */
static const char *props(const char *s, size_t n)
{
	static char why[256];
	struct folded f;
	why[0] = '\0';
	fold_text(&f, s, n, true);
	char *dup = fold_dup(s, n);
	if (strcmp(dup, f.s) != 0 || strlen(f.s) != f.n)
		snprintf(why, sizeof(why), "fold_dup and fold_text differ");
	else if (u8_check((const uint8_t *)f.s, f.n))
		snprintf(why, sizeof(why), "folded text is not valid UTF-8");
	else if (f.map[f.n] != n)
		snprintf(why, sizeof(why), "map[n] is %zu, not %zu", f.map[f.n], n);
	/* The map points at code point starts, in order. */
	char *starts = calloc(n + 1, 1);
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		starts[i] = 1;
		i += len > 0 ? (size_t)len : 1;
	}
	for (size_t i = 0; !why[0] && i < f.n; i++)
		if (f.map[i] >= n || !starts[f.map[i]] || (i && f.map[i] < f.map[i - 1]))
			snprintf(why, sizeof(why), "map[%zu] = %zu", i, f.map[i]);
	free(starts);
	if (!why[0]) {
		char *again = fold_dup(f.s, f.n);
		if (strcmp(again, f.s) != 0)
			snprintf(why, sizeof(why), "folding twice gives \"%.40s\", not \"%.40s\"", again, f.s);
		free(again);
	}
	/* Its lower case folds the same.  (Not so its upper case: dotless ı
	 * folds to itself but its upper case I to i.) */
	if (!why[0] && !u8_check((const uint8_t *)s, n)) {
		size_t ln = 0;
		uint8_t *lo = u8_tolower((const uint8_t *)s, n, NULL, NULL, NULL, &ln);
		if (lo && !same_fold((char *)lo, ln, s, n))
			snprintf(why, sizeof(why), "its lower case folds differently");
		free(lo);
	}
	/* It finds itself, from its first folded byte. */
	if (!why[0] && f.n) {
		size_t a = 0, b = 0, at = fold_find(&f, s, n, 0, &a, &b);
		if (at != 0 || a != f.map[0] || b != n)
			snprintf(why, sizeof(why), "finds itself at %zu (source %zu-%zu)", at, a, b);
	}
	free(dup);
	folded_free(&f);
	return why[0] ? why : NULL;
}

int main(void)
{
	folds("Sécurité", "securite", "accents and case go");
	folds("SECURITE", "securite", "upper case ASCII");
	folds("SÉCURITÉ", "securite", "upper case with accents");
	folds("S\xcc\x81" "E\xcc\x81", "se", "decomposed accents go too");
	/* what is not seen, within a word copied from a page: a soft hyphen,
	 * a zero-width space, a zero-width joiner, a word joiner, a byte
	 * order mark, a Hangul filler */
	folds("coop\xc3\xa9\xc2\xadration", "cooperation", "a soft hyphen goes");
	/* the apostrophe a French text has where a keyboard types ' */
	folds("l\xe2\x80\x99ONU d\xe2\x80\x98un \xca\xbc\xef\xbc\x87\xe2\x80\x9b", "l'onu d'un '''",
	      "typographic apostrophes and their look-alikes fold to '");
	folds("co\xe2\x80\x8bop\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf" "e\xe3\x85\xa4ration", "cooperation",
	      "zero-width characters, a word joiner, a byte order mark and a Hangul filler go");
	folds("é É E e", "e e e e", "é É E e are one letter");
	folds("Straße", "strasse", "ß is ss");
	folds("\xe1\xba\x9e", "ss", "capital ẞ is ss");
	folds("Ёлка ёж", "елка еж", "Ё and ё lose their diaeresis");
	folds("Лавров ЛАВРОВ", "лавров лавров", "Russian case");
	folds("Σίσυφος ΣΊΣΥΦΟΣ", "σισυφοσ σισυφοσ", "Greek: tonos goes, final sigma is σ");
	folds("王毅会见拉夫罗夫", "王毅会见拉夫罗夫", "simplified Han is unchanged");
	folds("台灣", "台湾", "traditional Han folds to simplified (OpenCC t2s)");
	folds("\xEF\xA9\xA2", "谒", "a compatibility ideograph (U+FA62) folds to its ideograph's simplified form");
	{
		/* folding is the same once or twice (fold_find folds the needle
		 * it is given, which is folded already) */
		const char *t = "\xEF\xA9\xA2見台灣";
		struct folded a, b;
		fold_text(&a, t, strlen(t), false);
		fold_text(&b, a.s, a.n, false);
		is_str(b.s, a.s, "folding twice gives what folding once gave");
		folded_free(&a);
		folded_free(&b);
	}
	folds("習近平會見", "习近平会见", "a traditional name and verb");
	folds("外交部長王毅", "外交部长王毅", "mixed scripts fold to one");
	folds("ＡＢ台灣", "ａｂ台湾", "fullwidth Latin is only case folded beside it");
	folds("한국 가", "한국 가", "Hangul syllables are unchanged");
	folds("が", "か", "kana voicing marks are marks");
	folds("İstanbul", "istanbul", "İ is i (no Turkic rules)");
	folds("ı", "ı", "dotless ı stays (its upper case I is i)");
	folds("ﬁnal", "final", "the fi ligature is fi (full case folding)");
	folds("\xe2\x84\xab", "a", "the angstrom sign is a");
	folds("\xc7\x84", "\xc7\x86", "DŽ folds to dž, not to d + ž (no compatibility decomposition)");
	folds("bad\xff", "bad\xef\xbf\xbd", "invalid UTF-8 is U+FFFD");
	folds("", "", "the empty string");

	/* The map, exactly. */
	struct folded f;
	const char *la = "La Sécurité.";
	fold_text(&f, la, strlen(la), true);
	is_str(f.s, "la securite.", "La Sécurité. folds");
	static const size_t want_map[] = { 0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14 };
	int bad = f.n != 12;
	for (size_t i = 0; !bad && i <= f.n; i++)
		bad = f.map[i] != want_map[i];
	ok(!bad, "each folded byte maps to its source code point, map[n] to the length");
	folded_free(&f);
	fold_text(&f, "Straße", strlen("Straße"), true);
	ok(f.n == 7 && f.map[4] == 4 && f.map[5] == 4 && f.map[6] == 6 && f.map[7] == 7,
	   "both s of ß map to ß");
	folded_free(&f);
	fold_text(&f, la, strlen(la), false);
	ok(f.map == NULL && strcmp(f.s, "la securite.") == 0, "no map unless asked");
	folded_free(&f);

	/* fold_find. */
	is_str(find(la, "securite", 0), "3@3-13", "securite in \"La Sécurité.\" is the source \"Sécurité\"");
	is_str(find(la, "SÉCURITÉ", 0), "3@3-13", "so is SÉCURITÉ");
	is_str(find(la, "curit", 0), "5@6-11", "a match inside a word");
	is_str(find(la, "securite", 4), "none", "none from after it");
	is_str(find(la, "securite", 99), "none", "none from beyond the end");
	is_str(find(la, "", 0), "none", "an empty needle finds nothing");
	is_str(find(la, "\xcc\x81", 0), "none", "a needle of marks only finds nothing");
	is_str(find("Se\xcc\x81" "curite", "se", 0), "0@0-4", "a match takes the dropped marks after it");
	is_str(find("Se\xcc\x81" "curite", "e", 0), "1@1-4", "... even a one-letter match");
	is_str(find("Straße", "ss", 0), "4@4-6", "ss finds ß");
	is_str(find("Straße", "s", 1), "4@4-6", "s finds the first half of ß");
	is_str(find("Straße", "s", 5), "5@4-6", "and the second half");
	is_str(find("Straße", "s", 6), "none", "and nothing after");
	is_str(find("Сергей Лавров", "ЛАВРОВ", 0), "13@13-25", "Russian, whatever the case");
	is_str(find("Сергей Лавров", "ё", 0), "2@2-4", "ё finds е, as е finds ё");
	is_str(find("Ещё Еще", "еще", 0), "0@0-6", "еще finds ещё");
	is_str(find("王毅会见拉夫罗夫", "拉夫罗夫", 0), "12@12-24", "CJK");
	is_str(find("在台灣問題上", "台湾", 0), "3@3-9", "台湾 finds 台灣, the source span exact");
	is_str(find("在台湾问题上", "臺灣", 0), "3@3-9", "and 臺灣 finds 台湾");
	is_str(find("習近平會見拉夫羅夫", "拉夫罗夫", 0), "15@15-27", "simplified finds traditional");
	is_str(find("각", "가", 0), "none", "a Hangul syllable is not found inside another");
	int count = 0;
	const char *three = "sécurité, SECURITE et Sécu\xcc\x81rite\xcc\x81";
	fold_text(&f, three, strlen(three), true);
	size_t a, b;
	for (size_t at = 0; (at = fold_find(&f, "Securité", 9, at, &a, &b)) != (size_t)-1; at++)
		count++;
	is_int(count, 3, "three occurrences, precomposed, upper case and decomposed");
	ok(b == strlen(three), "the last one ends with its mark");
	size_t at = fold_find(&f, "securite", 8, 0, &a, &b);
	folded_free(&f);
	fold_text(&f, three, strlen(three), false);
	size_t at2 = fold_find(&f, "securite", 8, 1, &a, &b);
	ok(at == 0 && at2 == 10 && a == 10 && b == 18, "without a map, the folded range");
	folded_free(&f);

	/* Naughty strings. */
	cJSON *blns = load_blns();
	if (blns) {
		bad = 0;
		int total = 0, idx = 0;
		size_t all_len = 0, all_cap = 1 << 16, parts_len = 0;
		char *all = malloc(all_cap), *parts = malloc(all_cap * 4);
		const cJSON *it;
		cJSON_ArrayForEach(it, blns) {
			idx++;
			if (!cJSON_IsString(it))
				continue;
			const char *s = it->valuestring;
			size_t n = strlen(s);
			const char *why = props(s, n);
			total++;
			if (why && bad++ < 5)
				diag_note("naughty string %d: %s", idx, why);
			while (all_len + n + 1 > all_cap) {
				all = realloc(all, all_cap *= 2);
				parts = realloc(parts, all_cap * 4);
			}
			memcpy(all + all_len, s, n);
			all_len += n;
			char *fs = fold_dup(s, n);
			memcpy(parts + parts_len, fs, strlen(fs));
			parts_len += strlen(fs);
			free(fs);
		}
		ok(total > 500, "the naughty strings are there (%d)", total);
		ok(bad == 0, "every naughty string folds to valid UTF-8 with an exact map, twice the same, "
			     "like its lower case, and finds itself (%d bad)", bad);
		char *whole = fold_dup(all, all_len);
		ok(strlen(whole) == parts_len && memcmp(whole, parts, parts_len) == 0,
		   "folding is per code point: the fold of them all is the folds put together");
		free(whole);
		free(all);
		free(parts);
		cJSON_Delete(blns);
	}
	return tap_done();
}
