/* test_sanitize.c - nothing from data reaches a terminal raw. */
#include "tap.h"
#include "sanitize.h"

#include <unictype.h>
#include <unistr.h>

#include <stdlib.h>

static void check(const char *in, const char *want, unsigned flags, const char *what)
{
	char *got = sanitize_dup(in, strlen(in), flags);
	is_str(got, want, "%s", what);
	ok(sanitize_is_clean(in, strlen(in), flags) == (strcmp(in, want) == 0),
	   "%s: is_clean agrees", what);
	free(got);
}

/* The rule character by character, as sanitize_dup had it before it
 * copied runs: each character decoded (an invalid byte U+FFFD), replaced
 * when sanitize_char says so. */
static char *ref_dup(const char *s, size_t n, unsigned flags)
{
	char *out = malloc(n * SAN_REPL_MAX + 1);
	size_t len = 0, i = 0;
	while (i < n) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		bool bad = uc == 0xfffd && (k != 3 || u8_check((const uint8_t *)s + i, 3) != NULL);
		char repl[SAN_REPL_MAX];
		if (bad)
			memcpy(out + len, "\xef\xbf\xbd", 3), len += 3;
		else if (sanitize_char(uc, flags, repl))
			memcpy(out + len, repl, strlen(repl)), len += strlen(repl);
		else
			memcpy(out + len, s + i, (size_t)k), len += (size_t)k;
		i += k > 0 ? (size_t)k : 1;
	}
	out[len] = '\0';
	return out;
}

int main(void)
{
	check("plain text", "plain text", 0, "ASCII passes");
	check("sécurité 安全 безопасность 😀", "sécurité 安全 безопасность 😀", 0, "letters of every script pass");
	check("e\xcc\x81", "e\xcc\x81", 0, "combining marks pass");
	check("a\x1b[31mred", "a^[[31mred", 0, "ESC becomes ^[");
	check("bell\a", "bell^G", 0, "BEL becomes ^G");
	check("del\x7f", "del^?", 0, "DEL becomes ^?");
	check("nul\x01", "nul^A", 0, "C0 controls become caret notation");
	check("csi\xc2\x9b" "2J", "csi<U+009B>2J", 0, "C1 CSI is shown, not sent");
	check("osc\xc2\x9d" "0;x\xc2\x9c", "osc<U+009D>0;x<U+009C>", 0, "C1 OSC and ST are shown");
	check("abc\xe2\x80\xae" "def", "abc<U+202E>def", 0, "RLO override is shown");
	check("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>", 0, "bidi isolates are shown");
	check("\xe2\x80\x8fx", "<U+200F>x", 0, "RLM is shown");
	check("a\xe2\x80\xa8" "b", "a<U+2028>b", 0, "line separator is shown");
	check("bad\xff" "byte", "bad\xef\xbf\xbd" "byte", 0, "an invalid byte becomes U+FFFD");
	check("cut\xe7\x8e", "cut\xef\xbf\xbd", 0, "a truncated sequence becomes one U+FFFD");
	check("two\xff\xfe", "two\xef\xbf\xbd\xef\xbf\xbd", 0, "each invalid byte becomes U+FFFD");
	check("real \xef\xbf\xbd", "real \xef\xbf\xbd", 0, "a real U+FFFD passes");
	check("a\nb\tc", "a^Jb^Ic", 0, "newline and tab are controls by default");
	check("a\nb\tc", "a\nb\tc", SAN_KEEP_NEWLINE | SAN_KEEP_TAB, "kept when the caller asks");

	char buf[SAN_REPL_MAX];
	ok(!sanitize_char('A', 0, buf), "'A' is safe");
	ok(sanitize_char(0x1b, 0, buf) && strcmp(buf, "^[") == 0, "ESC replacement is ^[");
	ok(sanitize_char(0x85, 0, buf) && strcmp(buf, "<U+0085>") == 0, "NEL is shown");
	/* the ranges sanitize_plain tells without a lookup hold no character
	 * the lookups would show replaced, and leave out only a few */
	size_t wrong = 0, plain = 0;
	for (ucs4_t uc = 0xa0; uc <= 0x10ffff; uc++) {
		if (!sanitize_plain(uc))
			continue;
		plain++;
		wrong += uc_is_general_category(uc, UC_CATEGORY_Cc) || uc_is_property_bidi_control(uc)
		         || uc_is_general_category(uc, UC_CATEGORY_Zl) || uc_is_general_category(uc, UC_CATEGORY_Zp)
		         || uc_is_general_category(uc, UC_CATEGORY_Cs);
	}
	ok(wrong == 0 && plain > 0x10ffff - 0xa0 - 2048 - 100, "sanitize_plain: %zu code points, none a control, separator or surrogate (%zu)",
	   plain, wrong);
	/* random strings of bytes that begin, cut and end sequences, and
	 * of controls, separators and letters: the same as the rule */
	srand(7);
	static const unsigned char pool[] = { 'a', ' ', 0x1b, '\n', '\t', 0x7f, 0xc2, 0x85, 0xe2, 0x80, 0xa8,
		                              0xae, 0xd8, 0x9c, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0xe4,
		                              0xb8, 0xad, 0xff, 0xc3, 0xa9, 0x00 };
	size_t differ = 0;
	for (int it = 0; it < 200000; it++) {
		char in[40];
		size_t n = (size_t)rand() % sizeof(in);
		for (size_t i = 0; i < n; i++)
			in[i] = (char)(rand() % 4 ? pool[rand() % sizeof(pool)] : rand() % 256);
		unsigned fl = (unsigned)rand() % 4;
		char *a = sanitize_dup(in, n, fl), *b = ref_dup(in, n, fl);
		differ += strcmp(a, b) != 0;
		free(a);
		free(b);
	}
	ok(differ == 0, "sanitize_dup: 200000 random strings as the rule character by character has them (%zu differ)",
	   differ);
	ok(sanitize_char(0x61c, 0, buf) && sanitize_char(0x200f, 0, buf) && sanitize_char(0x2066, 0, buf)
	   && !sanitize_char(0x2070, 0, buf) && !sanitize_char(0x4e2d, 0, buf),
	   "ALM, RLM and LRI shown replaced; U+2070 and 中 as they are");
	return tap_done();
}
