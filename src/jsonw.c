/* jsonw.c - the JSON writer (see jsonw.h). */
#include "jsonw.h"
#include "arena.h"

#include <math.h>
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

static void number(struct strbuf *b, double d)
{
	char buf[40];
	if (!isfinite(d)) {
		sb_adds(b, "null"); /* JSON has no infinities; cJSON does the same */
		return;
	}
	if (d == floor(d) && fabs(d) < 9007199254740992.0) {
		snprintf(buf, sizeof(buf), "%.0f", d);
		if (strcmp(buf, "-0") == 0)
			snprintf(buf, sizeof(buf), "0");
	} else {
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, sizeof(buf), "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
	}
	sb_adds(b, buf);
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
