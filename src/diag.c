/* diag.c - collecting and printing diagnostics. */
#include "diag.h"
#include "arena.h"
#include "sanitize.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *xvasprintf(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);
static char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static void push(struct diags *d, enum diag_kind kind, char *text)
{
	grow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n].kind = kind;
	d->v[d->n].text = text;
	d->n++;
	d->count[kind]++;
}

void diags_add(struct diags *d, enum diag_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push(d, kind, xvasprintf(fmt, ap));
	va_end(ap);
}

void diags_syntax(struct diags *d, const char *path, unsigned long line, unsigned long col,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	push(d, DIAG_SYNTAX, xasprintf("%s:%lu:%lu: %s", path, line, col, msg));
	free(msg);
}

void diags_print(const struct diags *d, FILE *f, bool warnings)
{
	diags_print_from(d, f, warnings, NULL);
}

void diags_print_from(const struct diags *d, FILE *f, bool warnings, const char *prog)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].kind == DIAG_WARN && !warnings)
			continue;
		char *s = sanitize_dup(d->v[i].text, strlen(d->v[i].text), 0);
		fprintf(f, "%s%s%s\n", prog && d->v[i].kind == DIAG_IO ? prog : "",
		        prog && d->v[i].kind == DIAG_IO ? ": " : "", s);
		free(s);
	}
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof(*d));
}
