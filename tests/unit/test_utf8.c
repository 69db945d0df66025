/* test_utf8.c - code points, code-point to byte maps, line and column. */
#include "tap.h"
#include "utf8.h"

#include <stdlib.h>
#include <unistr.h>

/* Reference: the byte offset of code point cp, by decoding from the start. */
static size_t slow_byte(const char *s, size_t n, size_t cp)
{
	size_t b = 0;
	while (cp-- > 0 && b < n) {
		ucs4_t uc;
		b += (size_t)u8_mbtouc(&uc, (const uint8_t *)s + b, n - b);
	}
	return b;
}

static void check_map(const char *name, const char *s, size_t want_cps)
{
	size_t n = strlen(s);
	struct cpmap m;
	cpmap_init(&m, s, n);
	is_int(m.cps, want_cps, "%s: %zu code points", name, want_cps);
	int bad = 0;
	for (size_t cp = 0; cp <= m.cps; cp++)
		if (cpmap_byte(&m, cp) != slow_byte(s, n, cp))
			bad++;
	is_int(bad, 0, "%s: every code point maps to its byte offset", name);
	cpmap_free(&m);
}

int main(void)
{
	/* "é" is one code point and two bytes: offsets 0 and 1 only. */
	struct cpmap m;
	cpmap_init(&m, "é", 2);
	is_int(m.cps, 1, "\"é\" is one code point");
	is_int(cpmap_byte(&m, 0), 0, "offset 0 of \"é\" is byte 0");
	is_int(cpmap_byte(&m, 1), 2, "offset 1 of \"é\" is byte 2");
	cpmap_free(&m);

	check_map("ascii", "Wang Yi met Lavrov in Tashkent.", 31);
	check_map("french", "Le Conseiller d'État a rencontré M. Lavrov à Tachkent — « sécurité »", 68);
	check_map("cjk", "王毅会见俄罗斯外长拉夫罗夫。双方同意加强协调。", 23);
	check_map("russian", "Сергей Лавров провёл переговоры с Ван И.", 40);
	check_map("emoji", "🇨🇳🤝🇷🇺 talks 😀 — 𝄞 outside the BMP", 33);
	check_map("combining", "e\xcc\x81te\xcc\x81 cafe\xcc\x81", 11);

	/* A long mixed text exercises the sampled map beyond one step. */
	char *big = malloc(20000);
	size_t len = 0, cps = 0;
	const char *parts[] = { "a", "é", "王", "😀", "д" };
	for (int i = 0; len < 19000; i++) {
		const char *p = parts[i % 5];
		size_t k = strlen(p);
		memcpy(big + len, p, k);
		len += k;
		cps++;
	}
	big[len] = '\0';
	check_map("long mixed", big, cps);
	free(big);

	unsigned long line, col;
	const char *t = "{\n  \"text\": \"été\",\n  \"x\": 1é\n}";
	utf8_linecol(t, strlen(t), 0, &line, &col);
	ok(line == 1 && col == 1, "byte 0 is line 1, column 1");
	const char *at = strstr(t, "1é");
	utf8_linecol(t, strlen(t), (size_t)(at - t) + 1, &line, &col);
	ok(line == 3 && col == 9, "column counts code points (got %lu:%lu)", line, col);
	at = strstr(t, "\",\n");
	utf8_linecol(t, strlen(t), (size_t)(at - t), &line, &col);
	ok(line == 2 && col == 15, "after \"été\" on line 2 (got %lu:%lu)", line, col);

	is_int(utf8_invalid_at("abc", 3), 3, "valid text has no invalid byte");
	is_int(utf8_invalid_at("ab\xff" "c", 4), 2, "0xFF is invalid");
	is_int(utf8_invalid_at("é\xc3", 3), 2, "a truncated sequence is invalid");
	is_int(utf8_invalid_at("\xed\xa0\x80", 3), 0, "an encoded surrogate is invalid");
	is_int(utf8_invalid_at("\xc0\xaf", 2), 0, "an overlong encoding is invalid");
	return tap_done();
}
