/* jsonw.c - the JSON writer (see jsonw.h). */
#include "jsonw.h"
#include "arena.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jsonw_string(struct strbuf *b, const char *s)
{
	sb_add(b, "\"", 1);
	const char *run = s;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		const char *esc = NULL;
		char u[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20) {
				snprintf(u, sizeof(u), "\\u%04x", c);
				esc = u;
			}
		}
		if (esc) {
			sb_add(b, run, (size_t)(p - run));
			sb_adds(b, esc);
			run = p + 1;
		}
	}
	sb_adds(b, run);
	sb_add(b, "\"", 1);
}

/* How a number is written (buf of 40 bytes). */
static void number_text(char *buf, double d)
{
	if (!isfinite(d)) {
		strcpy(buf, "null"); /* JSON has no infinities; cJSON does the same */
		return;
	}
	if (d == floor(d) && fabs(d) < 9007199254740992.0) {
		snprintf(buf, 40, "%.0f", d);
		if (strcmp(buf, "-0") == 0)
			strcpy(buf, "0");
	} else {
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, 40, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
	}
}

static void number(struct strbuf *b, double d)
{
	char buf[40];
	number_text(buf, d);
	sb_adds(b, buf);
}

/* The text a number was read from (jsonw_parse), when it still reads as
 * its value (a number changed in place since is written from its value). */
static const char *read_as(const cJSON *v)
{
	if (!v->valuestring || !*v->valuestring)
		return NULL;
	char *end;
	double d = strtod(v->valuestring, &end);
	return !*end && d == v->valuedouble ? v->valuestring : NULL;
}

/* Where the next number of a JSON text begins at or after *i (strings
 * passed over), and its length; false when there is none. */
static bool next_number(const char *s, size_t n, size_t *i, size_t *len)
{
	for (size_t p = *i; p < n; p++) {
		char c = s[p];
		if (c == '"') {
			for (p++; p < n && s[p] != '"'; p++)
				if (s[p] == '\\')
					p++;
			continue;
		}
		if (c == '-' || (c >= '0' && c <= '9')) {
			size_t q = p;
			while (q < n && ((s[q] >= '0' && s[q] <= '9') || s[q] == '-' || s[q] == '+' || s[q] == '.'
			                 || s[q] == 'e' || s[q] == 'E'))
				q++;
			*i = p;
			*len = q - p;
			return true;
		}
	}
	return false;
}

struct numbers {
	const char *s;
	size_t n, at;
	bool lost;                 /* the texts and the tree's numbers did not pair */
};

/* The numbers of the tree, in the order of the text, given their texts. */
static void attach(cJSON *v, struct numbers *nb)
{
	for (; v && !nb->lost; v = v->next) {
		if (cJSON_IsNumber(v)) {
			size_t len;
			if (!next_number(nb->s, nb->n, &nb->at, &len)) {
				nb->lost = true;
				return;
			}
			v->valuestring = malloc(len + 1);
			if (v->valuestring) {
				memcpy(v->valuestring, nb->s + nb->at, len);
				v->valuestring[len] = '\0';
			}
			nb->at += len;
		} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
			attach(v->child, nb);
		}
	}
}

/* Drops the texts again (they did not pair: each number from its value). */
static void detach(cJSON *v)
{
	for (; v; v = v->next) {
		if (cJSON_IsNumber(v)) {
			free(v->valuestring);
			v->valuestring = NULL;
		} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
			detach(v->child);
		}
	}
}

cJSON *jsonw_parse(const char *s, size_t n)
{
	cJSON *root = cJSON_ParseWithLength(s, n);
	if (!root)
		return NULL;
	struct numbers nb = { s, n, 0, false };
	attach(root, &nb);
	if (nb.lost)
		detach(root);
	return root;
}

static void indent(struct strbuf *b, int depth)
{
	sb_add(b, "\n", 1);
	for (int i = 0; i < depth; i++)
		sb_add(b, "  ", 2);
}

static void write_value(struct strbuf *b, const cJSON *v, bool pretty, int depth)
{
	if (cJSON_IsString(v)) {
		jsonw_string(b, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		const char *t = read_as(v);
		if (t)
			sb_adds(b, t);
		else
			number(b, v->valuedouble);
	} else if (cJSON_IsTrue(v)) {
		sb_adds(b, "true");
	} else if (cJSON_IsFalse(v)) {
		sb_adds(b, "false");
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		bool obj = cJSON_IsObject(v);
		sb_add(b, obj ? "{" : "[", 1);
		if (!v->child) {
			sb_add(b, obj ? "}" : "]", 1);
			return;
		}
		for (const cJSON *c = v->child; c; c = c->next) {
			if (pretty)
				indent(b, depth + 1);
			if (obj) {
				jsonw_string(b, c->string ? c->string : "");
				sb_adds(b, pretty ? ": " : ":");
			}
			write_value(b, c, pretty, depth + 1);
			if (c->next)
				sb_add(b, ",", 1);
		}
		if (pretty)
			indent(b, depth);
		sb_add(b, obj ? "}" : "]", 1);
	} else {
		sb_adds(b, "null");
	}
}

void jsonw_write(struct strbuf *b, const cJSON *v, bool pretty)
{
	write_value(b, v, pretty, 0);
	if (pretty)
		sb_add(b, "\n", 1);
}

void jsonw_write_at(struct strbuf *b, const cJSON *v, bool pretty, int depth)
{
	write_value(b, v, pretty, depth);
}

void jsonw_write_parts(struct strbuf *b, const cJSON *v, bool pretty, const char *array_key, struct jsonw_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->array = -1;
	if (!cJSON_IsObject(v) || !v->child) {
		jsonw_write(b, v, pretty);
		return;
	}
	size_t at = b->n, cap = 0;
	sb_add(b, "{", 1);
	for (const cJSON *c = v->child; c; c = c->next) {
		if (pretty)
			indent(b, 1);
		grow(&l->m, &cap, l->n + 1, sizeof(*l->m));
		struct jsonw_member *m = &l->m[l->n++];
		m->key = b->n - at;
		jsonw_string(b, c->string ? c->string : "");
		m->key_end = b->n - at;
		sb_adds(b, pretty ? ": " : ":");
		m->value = b->n - at;
		if (array_key && c->string && strcmp(c->string, array_key) == 0 && cJSON_IsArray(c)) {
			/* the array, element by element, as write_value writes it */
			l->array = (long)(l->n - 1);
			size_t n = (size_t)cJSON_GetArraySize(c), i = 0;
			l->elem = xmalloc((2 * n + 1) * sizeof(size_t));
			sb_add(b, "[", 1);
			for (const cJSON *e = c->child; e; e = e->next, i++) {
				if (pretty)
					indent(b, 2);
				l->elem[2 * i] = b->n - at;
				write_value(b, e, pretty, 2);
				l->elem[2 * i + 1] = b->n - at;
				if (e->next)
					sb_add(b, ",", 1);
			}
			l->n_elem = i;
			if (i && pretty)
				indent(b, 1);
			sb_add(b, "]", 1);
		} else {
			write_value(b, c, pretty, 1);
		}
		m->end = b->n - at;
		if (c->next)
			sb_add(b, ",", 1);
	}
	if (pretty)
		indent(b, 0);
	sb_add(b, "}", 1);
	if (pretty)
		sb_add(b, "\n", 1);
}

/* --- recognising the writer's layout ------------------------------------- */

struct scan {
	const char *s;
	size_t n, i;
	bool pretty;
};

/* A string as jsonw_string writes it: no raw control character, and only
 * the escapes it uses (\" \\ \n \r \t \b \f, else \u00xx in lower case for
 * the other controls). */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Does one of the eight bytes of v stop a run of a string's plain
 * characters (a quote, a backslash or a control)?  Eight at a time: the
 * text of a readout is most of its bytes. */
static bool stops(uint64_t v)
{
	uint64_t q = v ^ (ONES * '"'), bs = v ^ (ONES * '\\');
	return (((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) | ((bs - ONES) & ~bs)) & HIGHS;
}

static bool scan_string(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->i + 1, n = sc->n;
	for (;;) {
		/* the run up to the next quote, backslash or control */
		uint64_t v;
		while (i + 8 <= n && (memcpy(&v, s + i, 8), !stops(v)))
			i += 8;
		while (i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
			i++;
		if (i >= n || (unsigned char)s[i] < 0x20)
			return false;
		if (s[i] == '"')
			break;
		if (i + 1 >= n)
			return false;
		char e = s[i + 1];
		if (e == '"' || e == '\\' || e == 'n' || e == 'r' || e == 't' || e == 'b' || e == 'f') {
			i += 2;
			continue;
		}
		if (e != 'u' || i + 6 > n || s[i + 2] != '0' || s[i + 3] != '0' || (s[i + 4] != '0' && s[i + 4] != '1'))
			return false;
		const char *hex = "0123456789abcdef";
		const char *h = memchr(hex, s[i + 5], 16);
		if (!h || !s[i + 5])
			return false;
		int c = (s[i + 4] - '0') * 16 + (int)(h - hex);
		if (c == 0 || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
			return false;
		i += 6;
	}
	sc->i = i + 1;
	return true;
}

/* A number: the writer writes one read from a text as it was (jsonw_parse),
 * so any in JSON's form. */
static bool scan_number(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->i, n = sc->n;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || s[i] < '0' || s[i] > '9')
		return false;
	if (s[i] == '0')
		i++;
	else
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i < n && s[i] == '.') {
		size_t d = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return false;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return false;
	}
	sc->i = i;
	return true;
}

static bool scan_lit(struct scan *sc, const char *lit)
{
	size_t k = strlen(lit);
	if (sc->n - sc->i < k || memcmp(sc->s + sc->i, lit, k) != 0)
		return false;
	sc->i += k;
	return true;
}

/* A newline and the indentation of depth, in the pretty layout. */
static bool scan_indent(struct scan *sc, int depth)
{
	if (!sc->pretty)
		return true;
	size_t k = 1 + 2 * (size_t)depth;
	if (sc->n - sc->i < k || sc->s[sc->i] != '\n')
		return false;
	for (size_t j = 1; j < k; j++)
		if (sc->s[sc->i + j] != ' ')
			return false;
	sc->i += k;
	return true;
}

static bool scan_value(struct scan *sc, int depth, struct jsonw_layout *l, const char *array_key);

/* An object or an array; at depth 0 (the top-level object) its members
 * go to l, and the elements of the member named array_key too. */
static bool scan_container(struct scan *sc, int depth, struct jsonw_layout *l, const char *array_key,
                           bool keep_elements)
{
	const char *s = sc->s;
	bool obj = s[sc->i] == '{';
	char close = obj ? '}' : ']';
	size_t cap = 0, cap_m = 0;
	sc->i++;
	if (sc->i < sc->n && s[sc->i] == close) {
		sc->i++;
		return true;
	}
	for (;;) {
		if (!scan_indent(sc, depth + 1) || sc->i >= sc->n)
			return false;
		size_t key = sc->i, key_end = 0;
		if (obj) {
			if (s[sc->i] != '"' || !scan_string(sc))
				return false;
			key_end = sc->i;
			if (!scan_lit(sc, sc->pretty ? ": " : ":"))
				return false;
		}
		size_t value = sc->i;
		bool elements = false;
		if (depth == 0 && obj && l) {
			size_t klen = key_end - key - 2;
			elements = array_key && klen == strlen(array_key) && memcmp(s + key + 1, array_key, klen) == 0
			           && sc->i < sc->n && s[sc->i] == '[';
			if (elements)
				l->array = (long)l->n;
		}
		if (elements) {
			if (!scan_container(sc, depth + 1, l, NULL, true))
				return false;
		} else if (!scan_value(sc, depth + 1, NULL, NULL)) {
			return false;
		}
		if (depth == 0 && obj && l) {
			grow(&l->m, &cap_m, l->n + 1, sizeof(*l->m));
			l->m[l->n++] = (struct jsonw_member){ key, key_end, value, sc->i };
		}
		if (keep_elements) {
			grow(&l->elem, &cap, 2 * (l->n_elem + 1), sizeof(*l->elem));
			l->elem[2 * l->n_elem] = value;
			l->elem[2 * l->n_elem + 1] = sc->i;
			l->n_elem++;
		}
		if (sc->i < sc->n && s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		break;
	}
	if (!scan_indent(sc, depth) || sc->i >= sc->n || s[sc->i] != close)
		return false;
	sc->i++;
	return true;
}

static bool scan_value(struct scan *sc, int depth, struct jsonw_layout *l, const char *array_key)
{
	if (sc->i >= sc->n)
		return false;
	switch (sc->s[sc->i]) {
	case '"':
		return scan_string(sc);
	case '{':
	case '[':
		return depth < 512 && scan_container(sc, depth, l, array_key, false);
	case 't':
		return scan_lit(sc, "true");
	case 'f':
		return scan_lit(sc, "false");
	case 'n':
		return scan_lit(sc, "null");
	default:
		return scan_number(sc);
	}
}

bool jsonw_layout(const char *s, size_t n, bool pretty, const char *array_key, struct jsonw_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->array = -1;
	struct scan sc = { s, n, 0, pretty };
	bool ok = n && s[0] == '{' && scan_value(&sc, 0, l, array_key) && (!pretty || scan_lit(&sc, "\n"))
	          && sc.i == n;
	if (!ok)
		jsonw_layout_free(l);
	return ok;
}

void jsonw_layout_free(struct jsonw_layout *l)
{
	free(l->m);
	free(l->elem);
	memset(l, 0, sizeof(*l));
	l->array = -1;
}

char *jsonw_with_string(const char *s, size_t n, const char *key, const char *value, bool pretty, size_t *len)
{
	cJSON *j = jsonw_parse(s, n);
	cJSON *v = j && cJSON_IsObject(j) ? cJSON_CreateString(value) : NULL;
	if (!v) {
		cJSON_Delete(j);
		return NULL;
	}
	if (cJSON_GetObjectItemCaseSensitive(j, key))
		cJSON_ReplaceItemInObjectCaseSensitive(j, key, v);
	else
		cJSON_AddItemToObject(j, key, v);
	struct strbuf b = { 0 };
	jsonw_write(&b, j, pretty);
	cJSON_Delete(j);
	*len = b.n;
	return b.s;
}
