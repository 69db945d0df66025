/* test_wrap.c - wrapping readout text: where lines break, what they cover,
 * and that no line is wider than asked. */
#include "tap.h"
#include "blns.h"
#include "cells.h"
#include "textwrap.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

/* The lines of s wrapped to width, joined with '|'. */
static const char *lines_of(const char *s, int width)
{
	static char buf[4096];
	struct wrap w;
	size_t len = 0;
	wrap_text(&w, s, strlen(s), width);
	for (size_t k = 0; k < w.n && len < sizeof(buf) - 512; k++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%.*s", k ? "|" : "",
					(int)(w.lines[k].end - w.lines[k].start), s + w.lines[k].start);
	wrap_free(&w);
	return buf;
}

/* The lines of s as "[start,end)width ...". */
static const char *bounds_of(const char *s, int width)
{
	static char buf[4096];
	struct wrap w;
	size_t len = 0;
	buf[0] = '\0';
	wrap_text(&w, s, strlen(s), width);
	for (size_t k = 0; k < w.n && len < sizeof(buf) - 64; k++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s[%zu,%zu)%d", k ? " " : "",
					w.lines[k].start, w.lines[k].end, w.lines[k].width);
	wrap_free(&w);
	return buf;
}

/* Everything a wrap must be, for any text and width; NULL when it is. */
static const char *props(const char *s, size_t n, int width)
{
	static char why[256];
	struct wrap w;
	why[0] = '\0';
	wrap_text(&w, s, n, width);
	size_t newlines = 0, gaps_nl = 0;
	for (size_t i = 0; i < n; i++)
		newlines += s[i] == '\n';
	if (w.n == 0 || w.lines[0].start != 0)
		snprintf(why, sizeof(why), "%zu lines, the first from %zu", w.n, w.n ? w.lines[0].start : 0);
	for (size_t k = 0; !why[0] && k < w.n; k++) {
		const struct wrap_line *l = &w.lines[k];
		size_t gap_end = k + 1 < w.n ? w.lines[k + 1].start : n;
		if (l->end < l->start || l->end > n || gap_end < l->end || (k + 1 < w.n && gap_end <= l->start)) {
			snprintf(why, sizeof(why), "line %zu is [%zu,%zu), the next starts at %zu", k, l->start, l->end, gap_end);
			break;
		}
		/* Between lines: spaces left out, and at most one '\n'. */
		size_t nl = 0;
		for (size_t i = l->end; i < gap_end; i++) {
			if (s[i] == '\n')
				nl++;
			else if (s[i] != ' ')
				snprintf(why, sizeof(why), "byte %zu (0x%02x) after line %zu is in no line", i,
					 (unsigned char)s[i], k);
		}
		if (!why[0] && (nl > 1 || (k + 1 == w.n && nl)))
			snprintf(why, sizeof(why), "%zu newlines after line %zu", nl, k);
		gaps_nl += nl;
		if (!why[0] && memchr(s + l->start, '\n', l->end - l->start))
			snprintf(why, sizeof(why), "line %zu holds a newline", k);
		if (!why[0] && l->end > l->start && s[l->end - 1] == ' ') {
			size_t i = l->start;
			while (i < l->end && s[i] == ' ')
				i++;
			if (i < l->end)
				snprintf(why, sizeof(why), "line %zu ends with a space", k);
		}
		/* Whole cells, the width they add up to, within the limit. */
		size_t i = l->start, cells = 0;
		int sum = 0;
		struct cell c;
		while (!why[0] && i < l->end && cell_next(s, l->end, i, SAN_KEEP_NEWLINE, &c)) {
			struct cell whole;
			cell_next(s, n, i, SAN_KEEP_NEWLINE, &whole);
			if (whole.end != c.end)
				snprintf(why, sizeof(why), "line %zu ends inside the cell [%zu,%zu)", k, whole.start, whole.end);
			sum += c.width;
			cells++;
			i = c.end;
		}
		if (!why[0] && sum != l->width)
			snprintf(why, sizeof(why), "line %zu says width %d, its cells add up to %d", k, l->width, sum);
		if (!why[0] && l->width > width && cells != 1)
			snprintf(why, sizeof(why), "line %zu is %d wide (limit %d) with %zu cells", k, l->width, width, cells);
	}
	if (!why[0] && gaps_nl != newlines)
		snprintf(why, sizeof(why), "%zu of %zu newlines between lines", gaps_nl, newlines);
	/* wrap_line_of agrees for every byte. */
	for (size_t b = 0; !why[0] && b <= n; b++) {
		size_t k = wrap_line_of(&w, b);
		if (k >= w.n || w.lines[k].start > b || (k + 1 < w.n && w.lines[k + 1].start <= b))
			snprintf(why, sizeof(why), "wrap_line_of(%zu) = %zu", b, k);
	}
	wrap_free(&w);
	return why[0] ? why : NULL;
}

static void check(const char *s, int width, const char *want, const char *what)
{
	is_str(lines_of(s, width), want, "%s", what);
	const char *why = props(s, strlen(s), width);
	if (why)
		diag_note("%s: %s", what, why);
}


/* A view of the text (wrap_view) against wrap_text: the same lines, one
 * after the other with wrap_view_move, back again, and for every byte the
 * same line; NULL when they agree. */
static const char *view_agrees(const char *s, size_t n, int width)
{
	static char why[256];
	struct wrap w;
	struct wrap_view v;
	wrap_text(&w, s, n, width);
	wrap_view_init(&v, n, width);
	why[0] = '\0';
	struct wrap_line l = wrap_view_line(&v, s, 0);
	for (size_t k = 0; k < w.n && !why[0]; k++) {
		if (l.start != w.lines[k].start || l.end != w.lines[k].end || l.width != w.lines[k].width)
			snprintf(why, sizeof(why), "line %zu is [%zu,%zu), not [%zu,%zu)", k, l.start, l.end,
			         w.lines[k].start, w.lines[k].end);
		long moved;
		struct wrap_line next = wrap_view_move(&v, s, l, 1, &moved);
		if (!why[0] && moved != (k + 1 < w.n))
			snprintf(why, sizeof(why), "moved %ld lines after line %zu of %zu", moved, k, w.n);
		if (!why[0] && moved && wrap_view_move(&v, s, next, -1, NULL).start != l.start)
			snprintf(why, sizeof(why), "back from line %zu is not line %zu", k + 1, k);
		l = next;
	}
	for (size_t b = 0; b <= n && !why[0]; b++) {
		size_t k = wrap_line_of(&w, b);
		if (wrap_view_line(&v, s, b).start != w.lines[k].start)
			snprintf(why, sizeof(why), "byte %zu is on line [%zu,...), not %zu", b, wrap_view_line(&v, s, b).start,
			         w.lines[k].start);
	}
	long moved;
	struct wrap_line last = wrap_view_move(&v, s, wrap_view_line(&v, s, 0), (long)w.n + 5, &moved);
	if (!why[0] && (moved != (long)w.n - 1 || last.start != w.lines[w.n - 1].start))
		snprintf(why, sizeof(why), "%zu lines ahead went %ld, to [%zu,...)", w.n + 5, moved, last.start);
	wrap_view_free(&v);
	wrap_free(&w);
	return why[0] ? why : NULL;
}

/* A paragraph longer than a piece: its lines cover it in order, each one
 * no wider than the width, and within a piece they are wrap_text's. */
static const char *long_view(const char *s, size_t n, int width)
{
	static char why[256];
	struct wrap_view v;
	wrap_view_init(&v, n, width);
	why[0] = '\0';
	struct wrap_line l = wrap_view_line(&v, s, 0);
	size_t lines = 1, pieces = 1;
	for (;;) {
		if (l.width > width)
			snprintf(why, sizeof(why), "line [%zu,%zu) is %d wide", l.start, l.end, l.width);
		long moved;
		struct wrap_line next = wrap_view_move(&v, s, l, 1, &moved);
		if (!moved || why[0])
			break;
		if (next.start < l.end || (next.start > l.end && s[l.end] != ' '))
			snprintf(why, sizeof(why), "line [%zu,%zu) then [%zu,%zu)", l.start, l.end, next.start, next.end);
		if (wrap_view_line(&v, s, next.start).start != next.start || wrap_view_line(&v, s, l.start).start != l.start)
			snprintf(why, sizeof(why), "the line of byte %zu is not the line there", next.start);
		pieces += next.start % WRAP_PIECE < l.start % WRAP_PIECE;
		l = next;
		lines++;
	}
	if (!why[0] && l.end != n)
		snprintf(why, sizeof(why), "the last line ends at %zu of %zu", l.end, n);
	if (!why[0] && pieces < n / WRAP_PIECE)
		snprintf(why, sizeof(why), "%zu pieces in %zu bytes", pieces, n);
	wrap_view_free(&v);
	return why[0] ? why : NULL;
}

int main(void)
{
	/* French: breaks at spaces, never before ':' '?' '!' or '»'. */
	check("La sécurité est importante", 10, "La|sécurité|est|importante", "French at width 10");
	is_str(bounds_of("La sécurité est importante", 10), "[0,2)2 [3,13)8 [14,17)3 [18,28)10",
	       "... bytes and widths of the lines");
	const char *fr = "Il a dit : « oui » et non ? bien !";
	check(fr, 12, "Il a dit :|« oui » et|non ? bien !", "French punctuation at width 12");
	check(fr, 8, "Il a|dit :|« oui »|et non ?|bien !", "French punctuation at width 8");
	int bad = 0;
	for (int width = 7; width <= 40; width++) {
		struct wrap w;
		wrap_text(&w, fr, strlen(fr), width);
		for (size_t k = 0; k < w.n; k++) {
			const char *a = fr + w.lines[k].start, *z = fr + w.lines[k].end;
			if (*a == ':' || *a == '?' || *a == '!' || strncmp(a, "»", 2) == 0
			    || (z - a >= 2 && strncmp(z - 2, "«", 2) == 0)) {
				if (bad++ < 3)
					diag_note("width %d: line %zu is \"%.*s\"", width, k, (int)(z - a), a);
			}
		}
		wrap_free(&w);
	}
	ok(bad == 0, "at widths 7 to 40 no line starts with : ? ! » or ends with «");
	check("Il a dit\xc2\xa0: «\xc2\xa0oui\xc2\xa0»", 7, "Il a|dit\xc2\xa0:|«\xc2\xa0oui\xc2\xa0»",
	      "no-break spaces hold French punctuation to its word");

	/* CJK: breaks between ideographs, never half of one. */
	check("王毅会见拉夫罗夫", 5, "王毅|会见|拉夫|罗夫", "CJK at width 5: two ideographs a line");
	is_str(bounds_of("王毅会见拉夫罗夫", 5), "[0,6)4 [6,12)4 [12,18)4 [18,24)4", "... 4 columns each, never 5");
	check("王毅会见拉夫罗夫。", 5, "王毅|会见|拉夫|罗|夫。", "no break before the ideographic full stop");
	check("王毅会见拉夫罗夫", 2, "王|毅|会|见|拉|夫|罗|夫", "CJK at width 2");
	is_str(bounds_of("王毅", 1), "[0,3)2 [3,6)2", "width 1: an ideograph wider than the line stands alone");
	check("Wang Yi 王毅 met Lavrov", 9, "Wang Yi|王毅 met|Lavrov", "mixed Latin and CJK");

	/* Russian, emoji, clusters. */
	check("Сергей Лавров встретился с Ван И", 12, "Сергей|Лавров|встретился с|Ван И", "Russian at width 12");
	check("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
	      "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 3,
	      "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7|"
	      "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7|\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
	      "a ZWJ sequence and flags are never split");
	check("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3,
	      "e\xcc\x81" "e\xcc\x81" "e\xcc\x81|e\xcc\x81" "e\xcc\x81" "e\xcc\x81|e\xcc\x81",
	      "a word of combining sequences breaks between clusters");

	/* Long words, spaces, width 1. */
	check("Antidisestablishmentarianism", 10, "Antidisest|ablishment|arianism", "a long word is broken");
	check("a Antidisestablishmentarianism b", 10, "a|Antidisest|ablishment|arianism b",
	      "a long word starts a line of its own");
	check("abc", 1, "a|b|c", "width 1");
	check("a b", 1, "a|b", "width 1 with a space");
	is_str(bounds_of("aaa   bbb", 4), "[0,3)3 [6,9)3", "spaces at a break are left out");
	check("    indented text", 12, "    indented|text", "spaces that start a paragraph are text");
	check("   ", 2, "", "a paragraph of spaces is one empty line");
	is_str(bounds_of("王   abc", 1), "[0,3)2 [6,7)1 [7,8)1 [8,9)1", "spaces after a wide cell are left out");
	check("word   ", 10, "word", "trailing spaces are left out");

	/* Paragraphs. */
	is_str(bounds_of("a\n\nb", 4), "[0,1)1 [2,2)0 [3,4)1", "an empty paragraph is an empty line");
	is_str(bounds_of("a\n", 4), "[0,1)1 [2,2)0", "a final newline gives an empty last line");
	is_str(bounds_of("", 4), "[0,0)0", "the empty text is one empty line");
	is_str(bounds_of("\n", 4), "[0,0)0 [1,1)0", "a lone newline is two empty lines");
	is_str(bounds_of("first line\nsecond", 6), "[0,5)5 [6,10)4 [11,17)6", "newline is a mandatory break");

	/* Controls are measured as drawn. */
	is_str(bounds_of("a\x1b[31mred text", 4), "[0,3)4 [3,7)4 [7,9)2 [10,14)4", "ESC counts as ^[");
	is_str(bounds_of("a\r\nb", 4), "[0,2)3 [3,4)1", "CR before LF is shown as ^M");
	is_str(bounds_of("ab\xe2\x80\xae" "cd", 5), "[0,2)2 [2,5)8 [5,7)2", "a bidi override is measured as <U+202E>");
	is_str(bounds_of("x\xff" "y", 5), "[0,3)3", "invalid UTF-8 is one column");
	is_str(bounds_of("tab\there", 20), "[0,8)9", "a tab is ^I");

	/* wrap_line_of. */
	struct wrap w;
	const char *t = "aaa   bbb\n\nccc";
	wrap_text(&w, t, strlen(t), 4);
	is_int(w.n, 4, "four lines");
	static const int want_line[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 3 };
	bad = 0;
	for (size_t b = 0; b <= strlen(t); b++)
		if ((int)wrap_line_of(&w, b) != want_line[b] && bad++ < 3)
			diag_note("wrap_line_of(%zu) = %zu, want %d", b, wrap_line_of(&w, b), want_line[b]);
	ok(bad == 0, "wrap_line_of for every byte, skipped spaces and newline included");
	wrap_free(&w);

	/* Properties over fixed strings and the naughty strings. */
	static const char *fixed[] = {
		"La sécurité est importante", "Il a dit : « oui » et non ? bien !", "王毅会见拉夫罗夫。",
		"Сергей Лавров встретился с Ван И", "a\n\nb\n", "   lead and trail   \n  \n",
		"x\x1b[2J\xc2\x9b\xe2\x80\xae\xff\xe7\x8e y", "Antidisestablishmentarianism e\xcc\x81\xcc\xa7",
		"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
		"a\rb\x0b" "c\x0c" "d\xc2\x85" "e\xe2\x80\xa8" "f\xe2\x80\xa9" "g", "\xc2\xab  \xc2\xbb  \xe2\x80\x9c \xe2\x80\x9d",
	};
	static const int widths[] = { 1, 2, 3, 4, 5, 7, 10, 13, 20, 80 };
	const int nw = (int)(sizeof(widths) / sizeof(*widths));
	bad = 0;
	int total = 0;
	for (size_t k = 0; k < sizeof(fixed) / sizeof(*fixed); k++)
		for (int j = 0; j < nw; j++) {
			const char *why = props(fixed[k], strlen(fixed[k]), widths[j]);
			total++;
			if (why && bad++ < 5)
				diag_note("fixed string %zu at width %d: %s", k, widths[j], why);
		}
	ok(bad == 0, "%d wraps of fixed strings: lines in order, cover the text, whole cells, within the width", total);

	cJSON *blns = load_blns();
	if (blns) {
		bad = total = 0;
		size_t all_len = 0, all_cap = 1 << 16;
		char *all = malloc(all_cap);
		const cJSON *it;
		int idx = 0;
		cJSON_ArrayForEach(it, blns) {
			idx++;
			if (!cJSON_IsString(it))
				continue;
			const char *s = it->valuestring;
			size_t n = strlen(s);
			for (int j = 0; j < nw; j++) {
				const char *why = props(s, n, widths[j]);
				total++;
				if (why && bad++ < 5)
					diag_note("naughty string %d at width %d: %s", idx, widths[j], why);
			}
			while (all_len + n + 2 > all_cap)
				all = realloc(all, all_cap *= 2);
			memcpy(all + all_len, s, n);
			all_len += n;
			all[all_len++] = idx % 3 ? ' ' : '\n';
		}
		ok(total > 5000, "the naughty strings are there (%d wraps)", total);
		ok(bad == 0, "every naughty string wraps within the width at %d widths (%d bad)", nw, bad);
		bad = 0;
		for (int j = 0; j < nw; j++) {
			const char *why = props(all, all_len, widths[j]);
			if (why && bad++ < 5)
				diag_note("all naughty strings in one text at width %d: %s", widths[j], why);
		}
		ok(bad == 0, "all naughty strings in one text of %zu bytes wrap at %d widths", all_len, nw);
		bad = 0;
		for (int j = 0; j < nw; j++) {
			const char *why = view_agrees(all, all_len, widths[j]);
			if (why && bad++ < 5)
				diag_note("the view of all naughty strings at width %d: %s", widths[j], why);
		}
		ok(bad == 0, "a view of them wrapped block by block has wrap_text's lines at %d widths", nw);
		free(all);
		cJSON_Delete(blns);
	}
	/* views: paragraphs, empty ones, a text ending with a newline */
	const char *texts[] = { "", "\n", "a\n\nb", "La sécurité est importante\n\n« oui » et non ?\n",
		                "   spaces first\nand  then  more   \n" };
	bad = 0;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		for (int width = 1; width <= 30; width++) {
			const char *why = view_agrees(texts[t], strlen(texts[t]), width);
			if (why && bad++ < 5)
				diag_note("view of '%s' at width %d: %s", texts[t], width, why);
		}
	ok(bad == 0, "views of short texts have wrap_text's lines, both ways");
	/* paragraphs longer than a piece: words, then CJK without spaces */
	size_t big = 3 * WRAP_PIECE + 777;
	char *words = malloc(big + 1), *han = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		words[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
	words[big] = '\0';
	size_t hn = 0;
	while (hn + 3 <= big) {
		memcpy(han + hn, "安", 3);
		hn += 3;
	}
	han[hn] = '\0';
	const char *why = long_view(words, big, 40);
	ok(!why, "a paragraph of %zu bytes of words is wrapped in pieces%s%s", big, why ? ": " : "", why ? why : "");
	why = long_view(han, hn, 33);
	ok(!why, "and one of %zu bytes of Han without a space%s%s", hn, why ? ": " : "", why ? why : "");
	free(words);
	free(han);
	return tap_done();
}
