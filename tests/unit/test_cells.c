/* test_cells.c - display units: one cell per grapheme cluster, exact widths,
 * everything unsafe drawn as its visible replacement. */
#include "tap.h"
#include "blns.h"
#include "cells.h"
#include "sanitize.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <unigbrk.h>

/* The cells of s as "[start,end)wW" (or "[start,end)wW=repl" when
 * replaced), separated by spaces. */
static const char *cells_of(const char *s, size_t n, unsigned flags)
{
	static char buf[1024];
	size_t len = 0, i = 0;
	struct cell c;
	buf[0] = '\0';
	while (cell_next(s, n, i, flags, &c) && len < sizeof(buf) - 64) {
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s[%zu,%zu)w%d%s%s", i ? " " : "",
					c.start, c.end, c.width, c.replaced ? "=" : "", c.replaced ? c.repl : "");
		i = c.end;
	}
	return buf;
}

static void check(const char *s, unsigned flags, const char *want, const char *what)
{
	is_str(cells_of(s, strlen(s), flags), want, "%s", what);
}

/* The Big List of Naughty Strings as a cJSON array, or NULL (with a TAP
 * comment) when the shared test data is not there. */

/* Properties of the cells of any string; returns what is wrong, or NULL. */
static const char *props(const char *s, size_t n, unsigned flags)
{
	static char why[256];
	char *want = sanitize_dup(s, n, flags);
	char *drawn = malloc(n * SAN_REPL_MAX + 1);
	char *brk = malloc(n + 1);
	size_t dn = 0, i = 0;
	long sum = 0;
	bool prev_replaced = true;
	struct cell c;
	why[0] = '\0';
	u8_grapheme_breaks((const uint8_t *)s, n, brk);
	while (cell_next(s, n, i, flags, &c)) {
		if (c.start != i || c.end <= c.start || c.end > n) {
			snprintf(why, sizeof(why), "cell [%zu,%zu) after %zu", c.start, c.end, i);
			break;
		}
		if (c.width < 0 || (c.replaced && c.width != (int)strlen(c.repl) && c.width != 1)) {
			snprintf(why, sizeof(why), "cell [%zu,%zu) has width %d", c.start, c.end, c.width);
			break;
		}
		if (!c.replaced) {
			/* Never split a cluster, and end where clusters end. */
			for (size_t j = c.start + 1; j < c.end; j++)
				if (brk[j]) {
					snprintf(why, sizeof(why), "cell [%zu,%zu) splits clusters at %zu", c.start, c.end, j);
					break;
				}
			if (!prev_replaced && !brk[c.start])
				snprintf(why, sizeof(why), "cell at %zu starts inside a cluster", c.start);
			if (why[0])
				break;
		}
		prev_replaced = c.replaced;
		const char *src = c.replaced ? c.repl : s + c.start;
		size_t len = c.replaced ? strlen(c.repl) : c.end - c.start;
		memcpy(drawn + dn, src, len);
		dn += len;
		sum += c.width;
		i = c.end;
	}
	drawn[dn] = '\0';
	if (!why[0] && i != n)
		snprintf(why, sizeof(why), "cells end at %zu of %zu", i, n);
	if (!why[0] && strcmp(drawn, want) != 0)
		snprintf(why, sizeof(why), "drawn as \"%.60s\", sanitize_dup gives \"%.60s\"", drawn, want);
	if (!why[0] && cells_width(s, n, flags) != sum)
		snprintf(why, sizeof(why), "cells_width %d, cells add up to %ld", cells_width(s, n, flags), sum);
	for (int cols = 0; !why[0] && cols <= 12; cols++) {
		int used = -1;
		size_t fit = cells_fit(s, n, cols, flags, &used);
		if (used > cols || used != cells_width(s, fit, flags))
			snprintf(why, sizeof(why), "cells_fit(%d) takes %zu bytes of width %d", cols, fit, used);
		else if (fit < n && cell_next(s, n, fit, flags, &c) && c.width <= cols - used)
			snprintf(why, sizeof(why), "cells_fit(%d) stops at %zu before a cell that fits", cols, fit);
	}
	free(want);
	free(drawn);
	free(brk);
	return why[0] ? why : NULL;
}

int main(void)
{
	/* Letters of every script. */
	check("ab", 0, "[0,1)w1 [1,2)w1", "ASCII: a cell per character");
	check("Sécurité", 0, "[0,1)w1 [1,3)w1 [3,4)w1 [4,5)w1 [5,6)w1 [6,7)w1 [7,8)w1 [8,10)w1",
	      "French: precomposed accents are one column");
	is_int(cells_width("« Sécurité » : oui", strlen("« Sécurité » : oui"), 0), 18, "French with « » and ' : '");
	check("e\xcc\x81", 0, "[0,3)w1", "e + combining acute is one cell of width 1");
	check("e\xcc\x81\xcc\xa7x", 0, "[0,5)w1 [5,6)w1", "two combining marks stay with their base");
	check("\xcc\x81" "a", 0, "[0,2)w0 [2,3)w1", "a lone combining mark at the start is a cell of width 0");
	check("王毅", 0, "[0,3)w2 [3,6)w2", "CJK ideographs are double width");
	is_int(cells_width("王毅会见拉夫罗夫", strlen("王毅会见拉夫罗夫"), 0), 16, "eight ideographs take 16 columns");
	check("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", 0, "[0,9)w2", "conjoining Hangul jamo make one syllable cell");
	check("한국", 0, "[0,3)w2 [3,6)w2", "Hangul syllables are double width");
	is_int(cells_width("Лавров", strlen("Лавров"), 0), 6, "Russian: one column a letter");
	check("Ёё", 0, "[0,2)w1 [2,4)w1", "Cyrillic Ё");

	/* Emoji. */
	check("\xf0\x9f\x98\x80", 0, "[0,4)w2", "an emoji outside the BMP is one cell of width 2");
	check("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7x", 0, "[0,18)w6 [18,19)w1",
	      "a ZWJ family is one cell (as wide as its parts: what curses counts)");
	check("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xab", 0,
	      "[0,8)w2 [8,16)w2 [16,20)w1", "regional indicators pair into flags");
	check("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 0, "[0,8)w4", "an emoji with a skin tone modifier is one cell");
	check("a\xe2\x80\x8d", 0, "[0,4)w1", "a ZWJ joins the cluster before it");
	check("\xe2\x80\x8d", 0, "[0,3)w0", "a ZWJ alone is a cell of width 0");

	/* Controls, bidi, invalid UTF-8. */
	check("\x1b[31m", 0, "[0,1)w2=^[ [1,2)w1 [2,3)w1 [3,4)w1 [4,5)w1", "ESC is a replaced cell ^[");
	check("\x1b\xcc\x81x", 0, "[0,1)w2=^[ [1,3)w0 [3,4)w1",
	      "a combining mark after a control is a cell of its own");
	check("\xc2\x9b" "2J", 0, "[0,2)w8=<U+009B> [2,3)w1 [3,4)w1", "C1 CSI is shown");
	check("a\xe2\x80\xae" "b", 0, "[0,1)w1 [1,4)w8=<U+202E> [4,5)w1", "RLO override is shown");
	check("\xe2\x81\xa6x\xe2\x81\xa9", 0, "[0,3)w8=<U+2066> [3,4)w1 [4,7)w8=<U+2069>", "bidi isolates are shown");
	check("a\xe2\x80\xa8" "b", 0, "[0,1)w1 [1,4)w8=<U+2028> [4,5)w1", "line separator is shown");
	check("del\x7f", 0, "[0,1)w1 [1,2)w1 [2,3)w1 [3,4)w2=^?", "DEL is ^?");
	check("\xff", 0, "[0,1)w1=\xef\xbf\xbd", "an invalid byte is U+FFFD of width 1");
	check("\xff\xcc\x81", 0, "[0,1)w1=\xef\xbf\xbd [1,3)w0", "no mark joins an invalid byte");
	check("cut\xe7\x8e", 0, "[0,1)w1 [1,2)w1 [2,3)w1 [3,5)w1=\xef\xbf\xbd",
	      "a truncated sequence is one U+FFFD, as sanitize_dup draws it");
	check("\xef\xbf\xbd", 0, "[0,3)w1", "a real U+FFFD is not replaced");
	check("a\tb\n", 0, "[0,1)w1 [1,2)w2=^I [2,3)w1 [3,4)w2=^J", "tab and newline are controls by default");
	check("a\tb\n", SAN_KEEP_TAB | SAN_KEEP_NEWLINE, "[0,1)w1 [1,2)w1 [2,3)w1 [3,4)w0",
	      "kept tab is width 1, kept newline width 0");
	check("\r\n", SAN_KEEP_NEWLINE, "[0,1)w2=^M [1,2)w0", "CR of CR LF is shown");

	/* cells_width and cells_fit. */
	int used = -1;
	const char *cjk = "王毅会见";
	is_int(cells_fit(cjk, strlen(cjk), 5, 0, &used), 6, "5 columns hold two ideographs, not half a third");
	is_int(used, 4, "... using 4 columns");
	is_int(cells_fit(cjk, strlen(cjk), 1, 0, &used), 0, "1 column holds no ideograph");
	is_int(used, 0, "... using 0 columns");
	is_int(cells_fit("e\xcc\x81x", 4, 1, 0, &used), 3, "a cluster is never split");
	is_int(cells_fit("\xcc\x81" "a", 3, 0, 0, &used), 2, "zero-width cells fit in no columns");
	is_int(cells_fit("\x1bX", 2, 1, 0, &used), 0, "^[ does not fit in one column");
	is_int(cells_fit("\x1bX", 2, 2, 0, &used), 1, "^[ fits in two");
	is_int(cells_fit("abc", 3, -1, 0, NULL), 0, "negative columns hold nothing");
	is_int(cells_width("", 0, 0), 0, "the empty string is 0 columns");
	is_int(cells_width("a\x1b\xe2\x80\xae", 5, 0), 11, "replacements count with their own width");
	struct cell c;
	ok(!cell_next("abc", 3, 3, 0, &c), "cell_next is false at the end");

	/* Naughty strings, and a few more that JSON cannot carry. */
	static const char *extra[] = {
		"\xff\xfe", "a\xe7\x8e", "\xed\xa0\x80 surrogate", "\xc0\xaf overlong", "\xf4\x90\x80\x80 too big",
		"Z\xcd\x91\xcd\x92\xcd\x93\xcd\x94\xcd\x95\xcd\x96\xcd\x97\xcd\x98\xcd\x99\xcd\x9a zalgo",
		"\xf0\x9f\x91\xa8\xe2\x80\x8d\xe2\x80\xae\xf0\x9f\x91\xa9", "\xf0\x9f\x87\xab\x1b\xf0\x9f\x87\xb7",
		"\xf0\x9f\x87\xab\xff\xf0\x9f\x87\xb7\xf0\x9f\x87\xab", "a\r\nb\tc\x0b" "d\x0c" "e\xc2\x85" "f",
	};
	int bad = 0, total = 0;
	for (size_t k = 0; k < sizeof(extra) / sizeof(*extra); k++)
		for (unsigned fl = 0; fl <= (SAN_KEEP_NEWLINE | SAN_KEEP_TAB); fl += 3) {
			const char *why = props(extra[k], strlen(extra[k]), fl);
			total++;
			if (why && bad++ < 5)
				diag_note("extra string %zu, flags %u: %s", k, fl, why);
		}
	ok(bad == 0, "cells of %d invalid or tricky strings tile them and draw as sanitize_dup", total);

	cJSON *blns = load_blns();
	if (blns) {
		bad = total = 0;
		int idx = 0;
		const cJSON *it;
		cJSON_ArrayForEach(it, blns) {
			idx++;
			if (!cJSON_IsString(it))
				continue;
			for (unsigned fl = 0; fl <= (SAN_KEEP_NEWLINE | SAN_KEEP_TAB); fl += 3) {
				const char *why = props(it->valuestring, strlen(it->valuestring), fl);
				total++;
				if (why && bad++ < 5)
					diag_note("naughty string %d, flags %u: %s", idx, fl, why);
			}
		}
		ok(total > 500, "the naughty strings are there (%d checks)", total);
		ok(bad == 0, "cells of every naughty string tile it, never split a cluster, draw as sanitize_dup, "
			     "and cells_fit is exact (%d bad)", bad);
		cJSON_Delete(blns);
	}
	return tap_done();
}
