/* sanitize.c - make data safe for a terminal (see sanitize.h). */
#include "sanitize.h"
#include "arena.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

bool sanitize_plain(ucs4_t uc)
{
	/* C1 controls end at U+009F; the bidirectional controls are U+061C,
	 * U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069; the line and
	 * paragraph separators U+2028 and U+2029; the surrogates U+D800 to
	 * U+DFFF */
	return (uc >= 0xa0 && uc < 0x61c) || (uc > 0x61c && uc < 0x200e) || (uc > 0x2069 && uc < 0xd800)
	       || (uc > 0xdfff && uc <= 0x10ffff);
}

bool sanitize_char(ucs4_t uc, unsigned flags, char *buf)
{
	if (uc == '\n' && (flags & SAN_KEEP_NEWLINE))
		return false;
	if (uc == '\t' && (flags & SAN_KEEP_TAB))
		return false;
	if (uc < 0x20 || uc == 0x7f) {
		buf[0] = '^';
		buf[1] = uc == 0x7f ? '?' : (char)(uc + '@');
		buf[2] = '\0';
		return true;
	}
	if (uc < 0x80)
		return false;
	/* (most text: letters of the ranges that hold none of those below,
	 * told without looking them up; test_sanitize checks every code
	 * point against the lookups) */
	if (sanitize_plain(uc))
		return false;
	if (uc_is_general_category(uc, UC_CATEGORY_Cc) /* C1 controls */
	    || uc_is_property_bidi_control(uc)        /* LRE..RLO, LRI..PDI, LRM, RLM, ALM */
	    || uc_is_general_category(uc, UC_CATEGORY_Zl)
	    || uc_is_general_category(uc, UC_CATEGORY_Zp)
	    || uc_is_general_category(uc, UC_CATEGORY_Cs)) {
		snprintf(buf, SAN_REPL_MAX, "<U+%04X>", (unsigned)uc);
		return true;
	}
	return false;
}

/* Appends s[0, n) to out (length *len, room *cap, a NUL kept after). */
static void append(char **out, size_t *cap, size_t *len, const char *s, size_t n)
{
	grow(out, cap, *len + n + 1, 1);
	memcpy(*out + *len, s, n);
	*len += n;
}

char *sanitize_dup(const char *s, size_t n, unsigned flags)
{
	size_t cap = n + 16, len = 0;
	char *out = xmalloc(cap);
	const uint8_t *p = (const uint8_t *)s;
	/* what shows as it is is copied a run at a time, from plain to i */
	size_t i = 0, plain = 0;
	while (i < n) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		ucs4_t uc;
		bool bad;
		size_t k = utf8_decode(p + i, n - i, &uc, &bad);
		char repl[SAN_REPL_MAX];
		if (!bad && !sanitize_char(uc, flags, repl)) {
			i += k;
			continue;
		}
		append(&out, &cap, &len, s + plain, i - plain);
		if (bad)
			append(&out, &cap, &len, "\xef\xbf\xbd", 3);
		else
			append(&out, &cap, &len, repl, strlen(repl));
		i += k;
		plain = i;
	}
	append(&out, &cap, &len, s + plain, n - plain);
	out[len] = '\0';
	return out;
}

bool sanitize_is_clean(const char *s, size_t n, unsigned flags)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		ucs4_t uc;
		bool bad;
		char repl[SAN_REPL_MAX];
		i += utf8_decode(p + i, n - i, &uc, &bad);
		if (bad || sanitize_char(uc, flags, repl))
			return false;
	}
	return true;
}
