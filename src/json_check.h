/* json_check.h - a strict RFC 8259 syntax check that says where it failed.
 *
 * cJSON builds parley's trees but is lenient in places (numbers such as
 * "-01" or "1." pass) and reports only a pointer.  This scanner runs first,
 * without allocating, and either accepts exactly one JSON value surrounded by
 * whitespace or reports the byte offset and a message for the first error.
 * The input must already be valid UTF-8 (see utf8_invalid_at).
 */
#ifndef PARLEY_JSON_CHECK_H
#define PARLEY_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 1000 /* cJSON's own nesting limit */

struct json_check {
	/* on failure */
	size_t err_at;         /* byte offset of the error */
	char msg[96];
	/* on success */
	char top;              /* first byte of the top-level value: '{', '[', '"', 't', ... */
	size_t top_at;         /* its byte offset */
	size_t nul_escape_at;  /* offset of the first \u0000 escape, or (size_t)-1 */
	/* the string value of the top-level object's member "text" (its key
	 * written without escapes): offset of its opening quote and length
	 * with the quotes; text_len is 0 when there is none */
	size_t text_at, text_len;
};

bool json_check(const char *s, size_t n, struct json_check *out);

/* Decodes the JSON string s (n bytes, quotes included) into buf (at least
 * n bytes: a decoded string is never longer); *len gets its length, and a
 * NUL follows it.  False when it is not a well-formed string, or holds an
 * escaped NUL or lone surrogate (callers then ask cJSON).  Raw bytes are
 * copied as they are: the caller knows they were checked. */
bool json_string_decode(const char *s, size_t n, char *buf, size_t *len);
/* The same without looking for raw quotes and NULs (one pass fewer): for
 * a string whose result is checked otherwise (a text read back, against
 * its hash). */
bool json_string_unescape(const char *s, size_t n, char *buf, size_t *len);

#endif
