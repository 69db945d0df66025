/* json_check.c - iterative strict JSON syntax scanner (see json_check.h). */
#include "json_check.h"

#include <stdio.h>
#include <string.h>
#include <unistr.h>

struct scan {
	const unsigned char *s;
	size_t n, i;
	struct json_check *out;
};

static void describe(const struct scan *sc, char *buf, size_t size)
{
	if (sc->i >= sc->n) {
		snprintf(buf, size, "end of input");
		return;
	}
	unsigned char c = sc->s[sc->i];
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else if (c == '\n')
		snprintf(buf, size, "end of line");
	else if (c < 0x80)
		snprintf(buf, size, "byte 0x%02X", c);
	else {
		ucs4_t uc;
		u8_mbtouc(&uc, sc->s + sc->i, sc->n - sc->i);
		snprintf(buf, size, "U+%04X", (unsigned)uc);
	}
}

static bool fail(struct scan *sc, const char *what)
{
	char found[24];
	describe(sc, found, sizeof(found));
	sc->out->err_at = sc->i;
	snprintf(sc->out->msg, sizeof(sc->out->msg), "%s, found %s", what, found);
	return false;
}

static bool fail_plain(struct scan *sc, size_t at, const char *msg)
{
	sc->out->err_at = at;
	snprintf(sc->out->msg, sizeof(sc->out->msg), "%s", msg);
	return false;
}

static void skip_ws(struct scan *sc)
{
	while (sc->i < sc->n) {
		unsigned char c = sc->s[sc->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->i++;
	}
}

static int hex4(const unsigned char *p)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		unsigned char c = p[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static bool scan_string(struct scan *sc)
{
	size_t start = sc->i;
	sc->i++; /* opening quote */
	for (;;) {
		if (sc->i >= sc->n)
			return fail_plain(sc, start, "invalid JSON: unterminated string");
		unsigned char c = sc->s[sc->i];
		if (c == '"') {
			sc->i++;
			return true;
		}
		if (c < 0x20)
			return fail(sc, "invalid JSON: control character in string (escape it)");
		if (c != '\\') {
			sc->i++;
			continue;
		}
		size_t esc = sc->i;
		sc->i++;
		if (sc->i >= sc->n)
			return fail_plain(sc, start, "invalid JSON: unterminated string");
		c = sc->s[sc->i];
		if (strchr("\"\\/bfnrt", c) && c) {
			sc->i++;
			continue;
		}
		if (c != 'u')
			return fail_plain(sc, esc, "invalid JSON: unknown escape sequence in string");
		if (sc->n - sc->i < 5 || hex4(sc->s + sc->i + 1) < 0)
			return fail_plain(sc, esc, "invalid JSON: \\u must be followed by four hex digits");
		int u = hex4(sc->s + sc->i + 1);
		sc->i += 5;
		if (u == 0 && sc->out->nul_escape_at == (size_t)-1)
			sc->out->nul_escape_at = esc;
		if (u >= 0xDC00 && u <= 0xDFFF)
			return fail_plain(sc, esc, "invalid JSON: lone low surrogate escape (not a Unicode character)");
		if (u >= 0xD800 && u <= 0xDBFF) {
			int lo = -1;
			if (sc->n - sc->i >= 6 && sc->s[sc->i] == '\\' && sc->s[sc->i + 1] == 'u')
				lo = hex4(sc->s + sc->i + 2);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return fail_plain(sc, esc, "invalid JSON: high surrogate escape not followed by a low one");
			sc->i += 6;
		}
	}
}

static bool digits(struct scan *sc)
{
	size_t k = sc->i;
	while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
		sc->i++;
	return sc->i > k;
}

static bool scan_number(struct scan *sc)
{
	if (sc->s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->n && sc->s[sc->i] == '0') {
		sc->i++;
	} else if (!digits(sc)) {
		return fail(sc, "invalid JSON: expected a digit");
	}
	if (sc->i < sc->n && sc->s[sc->i] == '.') {
		sc->i++;
		if (!digits(sc))
			return fail(sc, "invalid JSON: expected a digit after the decimal point");
	}
	if (sc->i < sc->n && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->n && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
			sc->i++;
		if (!digits(sc))
			return fail(sc, "invalid JSON: expected a digit in the exponent");
	}
	return true;
}

static bool scan_literal(struct scan *sc, const char *lit)
{
	size_t len = strlen(lit);
	if (sc->n - sc->i < len || memcmp(sc->s + sc->i, lit, len) != 0)
		return fail(sc, "invalid JSON: expected a value");
	sc->i += len;
	return true;
}

bool json_check(const char *s, size_t n, struct json_check *out)
{
	struct scan sc = { (const unsigned char *)s, n, 0, out };
	char stack[JSON_MAX_DEPTH];
	size_t depth = 0;

	memset(out, 0, sizeof(*out));
	out->nul_escape_at = (size_t)-1;

	skip_ws(&sc);
	out->top = sc.i < n ? s[sc.i] : 0;
	out->top_at = sc.i;

	enum { VALUE, KEY, AFTER } want = VALUE;
	bool text_key = false; /* the value coming is the top-level "text" */
	for (;;) {
		skip_ws(&sc);
		if (want == KEY) {
			if (sc.i >= n || sc.s[sc.i] != '"')
				return fail(&sc, "invalid JSON: expected a string key");
			size_t k = sc.i;
			if (!scan_string(&sc))
				return false;
			text_key = depth == 1 && sc.i - k == 6 && memcmp(s + k, "\"text\"", 6) == 0;
			skip_ws(&sc);
			if (sc.i >= n || sc.s[sc.i] != ':')
				return fail(&sc, "invalid JSON: expected ':' after the key");
			sc.i++;
			want = VALUE;
			continue;
		}
		if (want == VALUE) {
			if (sc.i >= n)
				return fail(&sc, "invalid JSON: expected a value");
			unsigned char c = sc.s[sc.i];
			bool is_text = text_key;
			text_key = false;
			switch (c) {
			case '{':
			case '[':
				if (depth == JSON_MAX_DEPTH)
					return fail_plain(&sc, sc.i, "invalid JSON: nested deeper than 1000 levels");
				stack[depth++] = (char)c;
				sc.i++;
				skip_ws(&sc);
				if (sc.i < n && sc.s[sc.i] == (c == '{' ? '}' : ']')) {
					sc.i++;
					depth--;
					want = AFTER;
				} else {
					want = c == '{' ? KEY : VALUE;
				}
				continue;
			case '"': {
				size_t v = sc.i;
				if (!scan_string(&sc))
					return false;
				if (is_text && !out->text_len) {
					out->text_at = v;
					out->text_len = sc.i - v;
				}
				break;
			}
			case 't':
				if (!scan_literal(&sc, "true"))
					return false;
				break;
			case 'f':
				if (!scan_literal(&sc, "false"))
					return false;
				break;
			case 'n':
				if (!scan_literal(&sc, "null"))
					return false;
				break;
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					if (!scan_number(&sc))
						return false;
					break;
				}
				return fail(&sc, "invalid JSON: expected a value");
			}
			want = AFTER;
			continue;
		}
		/* AFTER a value */
		if (depth == 0) {
			if (sc.i < n)
				return fail(&sc, "invalid JSON: unexpected data after the top-level value");
			return true;
		}
		char top = stack[depth - 1];
		if (sc.i < n && sc.s[sc.i] == ',') {
			sc.i++;
			want = top == '{' ? KEY : VALUE;
			continue;
		}
		if (sc.i < n && sc.s[sc.i] == (top == '{' ? '}' : ']')) {
			sc.i++;
			depth--;
			continue;
		}
		return fail(&sc, top == '{' ? "invalid JSON: expected ',' or '}' after an object member"
		                            : "invalid JSON: expected ',' or ']' after an array element");
	}
}

/* --- decoding a string --------------------------------------------------- */

/* json_string_decode, and json_string_unescape when !strict (raw quotes
 * and NULs are not looked for) */
static bool string_decode(const char *s, size_t n, char *buf, size_t *len, bool strict)
{
	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return false;
	const char *p = s + 1, *end = s + n - 1;
	char *o = buf;
	while (p < end) {
		const char *bs = memchr(p, '\\', (size_t)(end - p));
		size_t run = (size_t)((bs ? bs : end) - p);
		if (strict && (memchr(p, '"', run) || memchr(p, '\0', run)))
			return false; /* a quote must be escaped; cJSON stops at a NUL */
		if (o != p)
			memmove(o, p, run); /* o may be p: decoding in place is allowed */
		o += run;
		p += run;
		if (!bs)
			break;
		if (++p >= end)
			return false;
		char e = *p++;
		switch (e) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			int cp = end - p >= 4 ? hex4((const unsigned char *)p) : -1, lo;
			if (cp < 0)
				return false;
			p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u'
				    || (lo = hex4((const unsigned char *)p + 2)) < 0xdc00 || lo > 0xdfff)
					return false;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			} else if ((cp >= 0xdc00 && cp <= 0xdfff) || cp == 0) {
				return false;
			}
			int k = u8_uctomb((uint8_t *)o, (ucs4_t)cp, 4);
			if (k <= 0)
				return false;
			o += k;
			break;
		}
		default:
			return false;
		}
	}
	*o = '\0';
	*len = (size_t)(o - buf);
	return true;
}

bool json_string_decode(const char *s, size_t n, char *buf, size_t *len)
{
	return string_decode(s, n, buf, len, true);
}

bool json_string_unescape(const char *s, size_t n, char *buf, size_t *len)
{
	return string_decode(s, n, buf, len, false);
}
