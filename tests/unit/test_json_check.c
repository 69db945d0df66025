/* test_json_check.c - the strict syntax check and where it says it failed;
 * decoding a string as cJSON does. */
#include "tap.h"
#include "blns.h"
#include "json_check.h"

#include <cjson/cJSON.h>

struct tcase {
	const char *json;
	int valid;
	long err_at;       /* expected byte offset of the error, -1 to skip */
	const char *msg;   /* expected substring of the message */
};

static const struct tcase cases[] = {
	{ "{}", 1, -1, NULL },
	{ " { \"a\" : [1, -2.5e+3, true, false, null, \"x\\u00e9\\ud83d\\ude00\"] } \n", 1, -1, NULL },
	{ "[]", 1, -1, NULL },
	{ "0", 1, -1, NULL },
	{ "", 0, 0, "expected a value, found end of input" },
	{ "{", 0, 1, "expected a string key" },
	{ "{\"a\" 1}", 0, 5, "expected ':'" },
	{ "{\"a\":1,}", 0, 7, "expected a string key, found '}'" },
	{ "[1,]", 0, 3, "expected a value, found ']'" },
	{ "[1 2]", 0, 3, "expected ',' or ']'" },
	{ "{\"a\":1 \"b\":2}", 0, 7, "expected ',' or '}'" },
	{ "-01", 0, 2, "unexpected data after" },
	{ "1.", 0, 2, "digit after the decimal point" },
	{ ".5", 0, 0, "expected a value" },
	{ "1e", 0, 2, "digit in the exponent" },
	{ "+1", 0, 0, "expected a value" },
	{ "tru", 0, 0, "expected a value" },
	{ "\"abc", 0, 0, "unterminated string" },
	{ "\"a\tb\"", 0, 2, "control character" },
	{ "\"\\x\"", 0, 1, "unknown escape" },
	{ "\"\\u12\"", 0, 1, "four hex digits" },
	{ "\"\\udc00\"", 0, 1, "lone low surrogate" },
	{ "\"\\ud800x\"", 0, 1, "high surrogate" },
	{ "{} {}", 0, 3, "unexpected data after the top-level value" },
	{ "[1]]", 0, 3, "unexpected data" },
	{ "{\"a\":1}\n\n  x", 0, 11, "found 'x'" },
};

/* The case as a one-line test name. */
static const char *name(const char *json)
{
	static char buf[64];
	size_t k = 0;
	for (const char *p = json; *p && k < sizeof(buf) - 3; p++) {
		if (*p == '\n' || *p == '\t') {
			buf[k++] = '\\';
			buf[k++] = *p == '\n' ? 'n' : 't';
		} else {
			buf[k++] = *p;
		}
	}
	buf[k] = '\0';
	return buf;
}

int main(void)
{
	struct json_check jc;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *t = &cases[i];
		int got = json_check(t->json, strlen(t->json), &jc);
		if (t->valid) {
			ok(got, "valid: %s", name(t->json));
			continue;
		}
		ok(!got, "invalid: %s", name(t->json));
		if (t->err_at >= 0)
			is_int(jc.err_at, t->err_at, "  error offset of %s", name(t->json));
		ok(strstr(jc.msg, t->msg) != NULL, "  message \"%s\" contains \"%s\"", jc.msg, t->msg);
	}

	/* Depth: 1000 levels pass, 1001 fail without recursion. */
	static char deep[2 * 1001 + 1];
	for (int i = 0; i < 1000; i++) {
		deep[i] = '[';
		deep[1000 + i] = ']';
	}
	ok(json_check(deep, 2000, &jc), "1000 nested arrays are accepted");
	memset(deep, '[', 1001);
	memset(deep + 1001, ']', 1001);
	ok(!json_check(deep, 2002, &jc) && strstr(jc.msg, "deeper"), "1001 nested arrays are refused");

	ok(json_check("{\"t\":\"a\\u0000b\"}", 16, &jc) && jc.nul_escape_at == 7,
	   "a \\u0000 escape is valid JSON and its place is reported");
	ok(json_check("[1]", 3, &jc) && jc.top == '[' && jc.top_at == 0, "top-level kind is reported");

	/* json_string_decode: what cJSON gives, or false */
	static const struct {
		const char *json, *want; /* want NULL: refused */
	} dec[] = {
		{ "\"\"", "" },
		{ "\"plain\"", "plain" },
		{ "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"", "a\"b\\c/d\b\f\n\r\te" },
		{ "\"\\u00e9t\\u00C9\"", "\xc3\xa9t\xc3\x89" },
		{ "\"\\ud83d\\ude00!\"", "\xf0\x9f\x98\x80!" },
		{ "\"\xe4\xb8\xad\\u6587\"", "\xe4\xb8\xad\xe6\x96\x87" },
		{ "\"\\ud83d\"", NULL },
		{ "\"\\ude00\"", NULL },
		{ "\"\\ud83dx\\ude00\"", NULL },
		{ "\"a\\u0000b\"", NULL },
		{ "\"a\\u00g1\"", NULL },
		{ "\"a\\u00e\"", NULL },
		{ "\"a\\x\"", NULL },
		{ "\"a\\\"", NULL },
		{ "\"a\"b\"", NULL },
		{ "\"abc", NULL },
		{ "abc\"", NULL },
		{ "\"", NULL },
	};
	for (size_t i = 0; i < sizeof(dec) / sizeof(dec[0]); i++) {
		size_t n = strlen(dec[i].json), len = 0;
		char buf[64];
		bool got = json_string_decode(dec[i].json, n, buf, &len);
		if (dec[i].want)
			ok(got && len == strlen(dec[i].want) && memcmp(buf, dec[i].want, len) == 0 && !buf[len],
			   "decode %s", name(dec[i].json));
		else
			ok(!got, "decode refuses %s", name(dec[i].json));
	}
	char nulbuf[8];
	size_t nl = 0;
	ok(!json_string_decode("\"a\0b\"", 5, nulbuf, &nl), "decode refuses a raw NUL (cJSON would stop there)");
	char inplace[] = "\"x\\ty\\u00e9\"";
	size_t il = 0;
	ok(json_string_decode(inplace, strlen(inplace), inplace, &il) && il == 5 && memcmp(inplace, "x\ty\xc3\xa9", 5) == 0,
	   "decode in place");
	/* every naughty string, written by cJSON, decodes back to itself */
	cJSON *blns = load_blns();
	size_t same = 0, total = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, blns)
	{
		if (!cJSON_IsString(it))
			continue;
		char *enc = cJSON_PrintUnformatted(it);
		size_t n = strlen(enc), len = 0;
		char *buf = malloc(n + 1);
		total++;
		same += json_string_decode(enc, n, buf, &len) && strcmp(buf, it->valuestring) == 0
		        && len == strlen(it->valuestring);
		free(buf);
		free(enc);
	}
	cJSON_Delete(blns);
	if (total)
		is_int(same, total, "every naughty string written by cJSON decodes back to itself");
	return tap_done();
}
