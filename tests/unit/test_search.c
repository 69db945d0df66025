/* test_search.c - searching one long text a window at a time: the matches
 * and their spans are those of the text folded whole (fold_find), for
 * windows of every size, matches across their edges included. */
#include "tap.h"
#include "fold.h"
#include "search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* Pieces texts are made of: ASCII, precomposed and combining accents,
 * a letter that folds to two (ß), a mark alone, Cyrillic, Han, an emoji. */
static const char *const pieces[] = {
	"a", "e", "s", "S", " ", "é", "e\xcc\x81", "\xcc\x81", "ß", "SS", "Sé", "сé", "Л", "安", "\n", "\xf0\x9f\x98\x80",
	/* (a key's forms that are not ASCII share a lead byte with others:
	 * ç with é, Ч with Л) */
	"c", "ç", "Ç", "ч", "Ч", "\xc2\xad",
	/* (c's forms in Latin Extended-A are a run, C4 86 to C4 8D: ć č in
	 * it, Ď just past its end) */
	"ć", "č", "Ď",
};
/* (ASCII keys with a neighbour after them, before them, and both: "ea" is
 * keyed on its last letter, the pair check then looking back; "esa" and
 * "éaß" on a letter between two, checked on both sides; "asa", "eae" and
 * "чaч" begin as they end, and are keyed between) */
static const char *const needles[] = { "e", "se", "ss", "é", "a e", "sé", "лс", "安e", "aa", "s", "ea", "Sa", "e s", "as",
	                               "esa", "éaß", "a s", "sae", "ç", "ec", "çé", "ч", "чл", "лч", "сч", "asa", "eae",
	                               "чaч" };

static uint64_t rng = 0x2545F4914F6CDD1Dull;
#define below(n) tap_below(&rng, (n))

struct spans {
	size_t s[512], e[512];
	size_t n;
};

static void add(void *arg, size_t s, size_t e)
{
	struct spans *v = arg;
	if (v->n < 512) {
		v->s[v->n] = s;
		v->e[v->n] = e;
		v->n++;
	}
}

static size_t add_start(void *arg, size_t s)
{
	add(arg, s, s);
	return s;
}

/* How far past a start skip_start asks to go on from: 0 to 149 bytes
 * more, by the start alone (the same in the test's own count). */
static size_t skip_of(size_t s)
{
	return s + 1 + (s * 37 + 11) % 150;
}

static size_t skip_start(void *arg, size_t s)
{
	add(arg, s, s);
	return skip_of(s);
}

/* Every match of the whole fold, overlapping ones too (fold_find from each
 * folded offset), with their spans. */
static void all_matches(const char *text, size_t n, const char *needle, struct spans *v)
{
	struct folded f;
	fold_text(&f, text, n, true);
	char *nf = fold_dup(needle, strlen(needle));
	size_t s, e;
	v->n = 0;
	for (size_t at = 0; (at = fold_find(&f, nf, strlen(nf), at, &s, &e)) != (size_t)-1; at++)
		add(v, s, e);
	free(nf);
	folded_free(&f);
}

/* The matches as fold_find's callers list them: each after the last. */
static void greedy(const char *text, size_t n, const char *needle, struct spans *v)
{
	struct folded f;
	fold_text(&f, text, n, true);
	char *nf = fold_dup(needle, strlen(needle));
	size_t s, e, nl = strlen(nf);
	v->n = 0;
	for (size_t at = 0; (at = fold_find(&f, nf, nl, at, &s, &e)) != (size_t)-1; at += nl)
		add(v, s, e);
	free(nf);
	folded_free(&f);
}

int main(void)
{
	char text[1024];
	int bad_text = 0, bad_next = 0, bad_prev = 0, bad_range = 0, bad_nth = 0, bad_parts = 0, bad_in = 0, bad_starts = 0, bad_skip = 0,
	    runs = 0;
	static const size_t windows[] = { 1, 2, 3, 5, 8, 13, 64, 0 };
	for (int round = 0; round < 300; round++) {
		size_t n = 0;
		/* (some past 64 bytes several times: the scan's vector loop) */
		unsigned len = 1 + below(round % 5 ? 60 : 160);
		for (unsigned i = 0; i < len; i++) {
			const char *p = pieces[below(sizeof(pieces) / sizeof(pieces[0]))];
			size_t k = strlen(p);
			if (n + k >= sizeof(text))
				continue;
			memcpy(text + n, p, k);
			n += k;
		}
		text[n] = '\0';
		const char *needle = needles[below(sizeof(needles) / sizeof(needles[0]))];
		struct needle nd;
		needle_init(&nd, needle);
		struct spans want, got, every;
		greedy(text, n, needle, &want);
		all_matches(text, n, needle, &every);
		for (size_t w = 0; w < sizeof(windows) / sizeof(windows[0]); w++) {
			search_set_window(windows[w]);
			runs++;
			got.n = 0;
			search_text(&nd, text, n, add, &got);
			bool same = got.n == want.n;
			for (size_t i = 0; same && i < got.n; i++)
				same = got.s[i] == want.s[i] && got.e[i] == want.e[i];
			if (!same && bad_text++ < 3)
				diag_note("search_text, window %zu: %zu matches of '%s' in '%s', want %zu", windows[w], got.n,
				          needle, text, want.n);
			/* next: the first match starting at or after each byte */
			for (size_t from = 0; from <= n; from++) {
				if (from < n && ((unsigned char)text[from] & 0xC0) == 0x80)
					continue;
				size_t s = 0, e = 0, ws = 0, we = 0;
				bool has = search_next(&nd, text, n, from, &s, &e), whas = false;
				for (size_t i = 0; i < every.n && !whas; i++)
					if (every.s[i] >= from)
						whas = true, ws = every.s[i], we = every.e[i];
				if ((has != whas || (has && (s != ws || e != we))) && bad_next++ < 3)
					diag_note("search_next from %zu, window %zu, '%s' in '%s': %d %zu-%zu, want %d %zu-%zu",
					          from, windows[w], needle, text, has, s, e, whas, ws, we);
				/* between: the same, starting before a byte after it */
				size_t until = from + below(12);
				has = search_between(&nd, text, n, from, until, &s, &e);
				whas = false;
				for (size_t i = 0; i < every.n && !whas; i++)
					if (every.s[i] >= from)
						whas = every.s[i] < until, ws = every.s[i], we = every.e[i];
				if ((has != whas || (has && (s != ws || e != we))) && bad_next++ < 3)
					diag_note("search_between %zu and %zu, window %zu, '%s' in '%s': %d %zu-%zu, want %d %zu-%zu",
					          from, until, windows[w], needle, text, has, s, e, whas, ws, we);
				/* prev: the last match starting before it */
				has = search_prev(&nd, text, n, from, &s, &e);
				whas = false;
				for (size_t i = every.n; i-- > 0 && !whas;)
					if (every.s[i] < from)
						whas = true, ws = every.s[i], we = every.e[i];
				if ((has != whas || (has && (s != ws || e != we))) && bad_prev++ < 3)
					diag_note("search_prev before %zu, window %zu, '%s' in '%s': %d %zu-%zu, want %d %zu-%zu",
					          from, windows[w], needle, text, has, s, e, whas, ws, we);
			}
			/* nth: the k-th distinct start from each byte, both ways, as
			 * search_next (search_prev) k times over would give */
			for (size_t from = 0; from <= n; from++) {
				if (from < n && ((unsigned char)text[from] & 0xC0) == 0x80)
					continue;
				for (size_t k = 1; k <= 4; k++) {
					size_t s = 0, e = 0, ws = 0, we = 0, want_got = 0;
					size_t got_n = search_nth(&nd, text, n, from, true, k, &s, &e);
					for (size_t i = 0, last = 0; i < every.n && want_got < k; i++)
						if (every.s[i] >= from && (!want_got || every.s[i] > last)) {
							last = ws = every.s[i];
							we = every.e[i];
							want_got++;
						}
					/* and without the prefilter, as the reader searches */
					struct needle plain = { .folded = nd.folded, .n = nd.n };
					size_t ps = 0, pe = 0, pgot = search_nth(&plain, text, n, from, true, k, &ps, &pe);
					if ((pgot != got_n || ps != s || pe != e) && bad_nth++ < 3)
						diag_note("search_nth %zu from %zu without its key: %zu %zu-%zu, with it %zu %zu-%zu", k,
						          from, pgot, ps, pe, got_n, s, e);
					if ((got_n != want_got || (got_n && (s != ws || e != we))) && bad_nth++ < 3)
						diag_note("search_nth %zu from %zu, window %zu, '%s' in '%s': %zu %zu-%zu, want %zu %zu-%zu",
						          k, from, windows[w], needle, text, got_n, s, e, want_got, ws, we);
					s = e = ws = we = 0;
					want_got = 0;
					got_n = search_nth(&nd, text, n, from, false, k, &s, &e);
					for (size_t i = every.n, last = 0; i-- > 0 && want_got <= k;) {
						if (every.s[i] >= from)
							continue;
						if (want_got && every.s[i] == last)
							continue; /* an earlier match at the same byte: the last one's span */
						if (want_got == k)
							break;
						last = ws = every.s[i];
						we = every.e[i];
						want_got++;
					}
					if ((got_n != want_got || (got_n && (s != ws || e != we))) && bad_nth++ < 3)
						diag_note("search_nth %zu before %zu, window %zu, '%s' in '%s': %zu %zu-%zu, want %zu %zu-%zu",
						          k, from, windows[w], needle, text, got_n, s, e, want_got, ws, we);
				}
			}
			/* parts told from the text's matches (needle_hits), as each
			 * part searched alone */
			struct needle_hits h;
			needle_hits_init(&h, &nd, text, n);
			for (size_t lo = 0; lo <= n; lo += 1 + below(5)) {
				while (lo < n && ((unsigned char)text[lo] & 0xC0) == 0x80)
					lo++;
				size_t hi = lo + below(30);
				if (hi > n)
					hi = n;
				while (hi < n && ((unsigned char)text[hi] & 0xC0) == 0x80)
					hi++;
				bool got_in = needle_hits_in(&h, lo, hi), want_in = needle_in(&nd, text + lo, hi - lo);
				if (got_in != want_in && bad_parts++ < 3)
					diag_note("needle_hits [%zu, %zu), '%s' in '%s': %d, alone %d", lo, hi, needle, text, got_in,
					          want_in);
			}
			needle_hits_free(&h);
			/* range: every match it gives is a match, and overlaps */
			for (size_t lo = 0; lo < n; lo += 1 + below(7)) {
				size_t hi = lo + 1 + below(20);
				got.n = 0;
				search_range(&nd, text, n, lo, hi, add, &got);
				for (size_t i = 0; i < got.n; i++) {
					bool real = false;
					for (size_t k = 0; k < every.n && !real; k++)
						real = every.s[k] == got.s[i] && every.e[k] == got.e[i];
					if ((!real || got.e[i] <= lo || got.s[i] >= (hi < n ? hi : n)) && bad_range++ < 3)
						diag_note("search_range [%zu, %zu), '%s' in '%s': %zu-%zu", lo, hi, needle, text,
						          got.s[i], got.e[i]);
				}
				/* and a match that does not overlap another is given */
				for (size_t k = 0; k < every.n; k++) {
					bool alone = (k == 0 || every.e[k - 1] <= every.s[k]) && (k + 1 == every.n || every.e[k] <= every.s[k + 1]);
					if (!alone || every.e[k] <= lo || every.s[k] >= hi)
						continue;
					bool given = false;
					for (size_t i = 0; i < got.n && !given; i++)
						given = got.s[i] == every.s[k];
					if (!given && bad_range++ < 3)
						diag_note("search_range [%zu, %zu), '%s' in '%s': misses %zu-%zu", lo, hi, needle, text,
						          every.s[k], every.e[k]);
				}
			}
		}
		search_set_window(0);
		/* needle_in on parts of every length (its own way: each
		 * candidate told where it is), against the part folded
		 * whole; the part is copied to a block of its own length, no
		 * NUL after it, so that a read past it is a read of memory
		 * it does not own (as the sanitizers' builds see) */
		for (size_t lo = 0; lo <= n; lo += 1 + below(9)) {
			while (lo < n && ((unsigned char)text[lo] & 0xC0) == 0x80)
				lo++;
			size_t hi = lo + below((unsigned)(n - lo + 1));
			while (hi < n && ((unsigned char)text[hi] & 0xC0) == 0x80)
				hi++;
			char *part = malloc(hi > lo ? hi - lo : 1);
			if (!part)
				abort();
			memcpy(part, text + lo, hi - lo);
			struct spans whole;
			greedy(part, hi - lo, needle, &whole);
			bool got_in = needle_in(&nd, part, hi - lo);
			if (got_in != (whole.n > 0) && bad_in++ < 3)
				diag_note("needle_in [%zu, %zu), '%s' in '%s': %d, want %d", lo, hi, needle, text, got_in,
				          whole.n > 0);
			/* and needle_starts: the starts of those matches */
			struct spans st = { .n = 0 };
			needle_starts(&nd, part, hi - lo, add_start, &st);
			bool same = st.n == whole.n;
			for (size_t i = 0; same && i < st.n; i++)
				same = st.s[i] == whole.s[i];
			if (!same && bad_starts++ < 3)
				diag_note("needle_starts [%zu, %zu), '%s' in '%s': %zu starts, want %zu", lo, hi, needle, text,
				          st.n, whole.n);
			/* and those wanted when each asks to go on further on:
			 * the first start at or past where it asked */
			struct spans sk = { .n = 0 }, want = { .n = 0 };
			needle_starts(&nd, part, hi - lo, skip_start, &sk);
			for (size_t i = 0, from = 0; i < whole.n; i++)
				if (whole.s[i] >= from) {
					add(&want, whole.s[i], whole.s[i]);
					from = skip_of(whole.s[i]);
				}
			same = sk.n == want.n;
			for (size_t i = 0; same && i < sk.n; i++)
				same = sk.s[i] == want.s[i];
			if (!same && bad_skip++ < 3)
				diag_note("needle_starts skipping [%zu, %zu), '%s' in '%s': %zu starts, want %zu", lo, hi, needle,
				          text, sk.n, want.n);
			free(part);
		}
		needle_free(&nd);
	}
	search_set_window(0);
	ok(bad_text == 0, "search_text gives fold_find's matches and spans, whatever the window (%d runs)", runs);
	ok(bad_next == 0, "search_next, search_between: the first match at or after a byte, its span exact");
	ok(bad_prev == 0, "search_prev: the last match before a byte, its span exact");
	ok(bad_nth == 0, "search_nth: the k-th match from a byte, forward and back, in one pass");
	ok(bad_range == 0, "search_range: the matches over a range, none missed, none false");
	ok(bad_parts == 0, "needle_hits: a part of a text holds the needle as it does searched alone");
	ok(bad_in == 0, "needle_in: a part of any length holds the needle as the part folded whole does");
	ok(bad_starts == 0, "needle_starts: the starts of the matches of a part of any length, as search_text's");
	ok(bad_skip == 0, "needle_starts: past where each asks to go on from, the first start there, and on");

	/* the edge cases */
	struct needle nd;
	size_t s, e;
	needle_init(&nd, "cafe");
	bool found = search_next(&nd, "CAFE\xcc\x81", 6, 0, &s, &e);
	ok(found && s == 0 && e == 6, "a match ends after the mark folding dropped (%zu-%zu)", s, e);
	search_set_window(4);
	found = search_next(&nd, "CAFE\xcc\x81!", 7, 0, &s, &e);
	ok(found && s == 0 && e == 6, "also when the window ends before the mark (%zu-%zu)", s, e);
	search_set_window(0);
	ok(!search_next(&nd, "", 0, 0, &s, &e), "nothing in the empty text");
	ok(!search_prev(&nd, "cafe", 4, 0, &s, &e), "nothing before the start");
	needle_free(&nd);
	needle_init(&nd, "\xcc\x81");
	ok(!search_next(&nd, "e\xcc\x81", 3, 0, &s, &e), "a needle that folds to nothing is found nowhere");
	needle_free(&nd);
	return tap_done();
}
