/* userconf.c - reading the config file (see userconf.h). */
#include "userconf.h"
#include "arena.h"
#include "fileio.h"
#include "diag.h"
#include "facets.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *userconf_dir(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(buf, size, "%s/parley", x);
	else if (h && *h)
		snprintf(buf, size, "%s/.config/parley", h);
	else
		buf[0] = '\0';
	return buf;
}

const char *userconf_path(char *buf, size_t size)
{
	char dir[1024];
	if (*userconf_dir(dir, sizeof(dir)))
		snprintf(buf, size, "%s/config", dir);
	else
		buf[0] = '\0';
	return buf;
}

static char *trim(char *s)
{
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void note(struct userconf *u, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void note(struct userconf *u, const char *fmt, ...)
{
	if (!u->note)
		return;
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	u->note(u->ctx, buf);
}

static void set(struct userconf *u, char *rest, const char *src, unsigned ln)
{
	char *eq = strchr(rest, '=');
	char *name = rest, *val;
	if (eq) {
		*eq = '\0';
		val = trim(eq + 1);
		name = trim(name);
	} else {
		size_t j = strcspn(rest, " \t");
		val = rest[j] ? trim(rest + j + 1) : rest + j;
		rest[j] = '\0';
	}
	size_t vn = strlen(val);
	if (vn >= 2 && val[0] == '"' && val[vn - 1] == '"') {
		val[vn - 1] = '\0';
		val++;
	}
	if (strcmp(name, "theme") == 0 && *val) {
		snprintf(u->theme, sizeof(u->theme), "%s", val);
		u->theme_line = ln;
	} else if (strcmp(name, "user") == 0 && *val) {
		snprintf(u->user, sizeof(u->user), "%s", val);
	} else if (strcmp(name, "lang") == 0 && *val) {
		if (lang_is_valid(val))
			snprintf(u->lang, sizeof(u->lang), "%s", val);
		else
			note(u, "%s:%u: set lang: '%s' is not a language tag (fr, en, zh, ru...)", src, ln, val);
	} else if (strcmp(name, "max-file-size") == 0 && *val) {
		uint64_t n;
		if (file_parse_size(val, &n) && strlen(val) < sizeof(u->max_file_size))
			snprintf(u->max_file_size, sizeof(u->max_file_size), "%s", val);
		else
			note(u, "%s:%u: set max-file-size: '%s' is not a size (256M, 1G, none)", src, ln, val);
	} else if (strcmp(name, "mouse") == 0 && *val) {
		if (strcmp(val, "off") == 0 || strcmp(val, "no") == 0 || strcmp(val, "false") == 0)
			u->mouse_off = true;
		else if (strcmp(val, "on") == 0 || strcmp(val, "yes") == 0 || strcmp(val, "true") == 0)
			u->mouse_off = false;
		else
			note(u, "%s:%u: set mouse: '%s' is not on or off", src, ln, val);
	} else if (!*val) {
		note(u, "%s:%u: 'set %s' needs a value", src, ln, name);
	} else {
		note(u, "%s:%u: unknown setting '%s' (settings: theme, user, lang, max-file-size, mouse)", src, ln, name);
	}
}

static void parse_line(struct userconf *u, char *line, const char *src, unsigned ln)
{
	char *s = trim(line);
	if (!*s || *s == '#')
		return;
	char *cmd = s;
	size_t k = strcspn(s, " \t");
	char *rest = s[k] ? s + k + 1 : s + k;
	s[k] = '\0';
	rest = trim(rest);
	if (strcmp(cmd, "set") == 0) {
		set(u, rest, src, ln);
		return;
	}
	if (!u->line)
		return;
	const char *err = u->line(u->ctx, cmd, rest);
	if (err)
		note(u, "%s:%u: %s", src, ln, err);
}

void userconf_parse(struct userconf *u, const char *text, const char *source)
{
	unsigned ln = 0;
	const char *p = text;
	while (*p) {
		ln++;
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char buf[1024];
		snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) - 1 ? len : sizeof(buf) - 1), p);
		parse_line(u, buf, source, ln);
		p += len + (nl ? 1 : 0);
	}
}

void userconf_load(struct userconf *u)
{
	userconf_path(u->path, sizeof(u->path));
	if (!u->path[0])
		return;
	/* (its own bound, not the readouts' limit: the file may set that) */
	char *text = read_file_max(u->path, NULL, (uint64_t)1 << 20, NULL);
	if (!text) {
		if (errno != ENOENT)
			note(u, "%s: %s", u->path, file_strerror(errno));
		return;
	}
	userconf_parse(u, text, u->path);
	free(text);
}

const char *userconf_lang(char *buf, size_t size)
{
	struct userconf u;
	memset(&u, 0, sizeof(u));
	userconf_load(&u);
	return facets_user_lang(u.lang, buf, size);
}
