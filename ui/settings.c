/* settings.c - reading the config file (see settings.h). */
#include "settings.h"
#include "arena.h"
#include "diag.h"
#include "facets.h"

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *config_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(buf, size, "%s/parley/config", x);
	else if (h && *h)
		snprintf(buf, size, "%s/.config/parley/config", h);
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

static void note(struct config *cfg, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void note(struct config *cfg, const char *fmt, ...)
{
	if (!cfg->note)
		return;
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cfg->note(cfg->ctx, buf);
}

static void parse_line(struct config *cfg, char *line, const char *src, unsigned ln)
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
			snprintf(cfg->theme, sizeof(cfg->theme), "%s", val);
			cfg->theme_line = ln;
		}
		else if (strcmp(name, "user") == 0 && *val)
			snprintf(cfg->user, sizeof(cfg->user), "%s", val);
		else if (strcmp(name, "lang") == 0 && *val) {
			if (lang_is_valid(val))
				snprintf(cfg->lang, sizeof(cfg->lang), "%s", val);
			else
				note(cfg, "%s:%u: set lang: '%s' is not a language tag (fr, en, zh, ru...)", src, ln, val);
		}
		else if (!*val)
			note(cfg, "%s:%u: 'set %s' needs a value", src, ln, name);
		else
			note(cfg, "%s:%u: unknown setting '%s' (settings: theme, user, lang)", src, ln, name);
		return;
	}
	if (strcmp(cmd, "bind") == 0) {
		char *keyname = rest;
		size_t j = strcspn(rest, " \t");
		if (!rest[j]) {
			note(cfg, "%s:%u: usage: bind KEY ACTION", src, ln);
			return;
		}
		rest[j] = '\0';
		char *act = trim(rest + j + 1);
		int key = keyname_parse(keyname);
		enum action ac = action_by_name(act);
		if (key < 0)
			note(cfg, "%s:%u: unknown key '%s'", src, ln, keyname);
		else if (ac == ACT_NONE && strcmp(act, "none") != 0)
			note(cfg, "%s:%u: unknown action '%s' (see the help screen, ?)", src, ln, act);
		else if (cfg->keys)
			keymap_bind(cfg->keys, key, ac);
		return;
	}
	if (strcmp(cmd, "color") == 0 || strcmp(cmd, "colour") == 0) {
		size_t j = strcspn(rest, " \t");
		char el[64];
		snprintf(el, sizeof(el), "%.*s", (int)(j < 63 ? j : 63), rest);
		enum theme_el e = theme_el_by_name(el);
		struct theme_spec spec;
		const char *err = e == EL_COUNT ? "unknown element" : theme_parse_spec(rest + j, &spec);
		if (err)
			note(cfg, "%s:%u: %s '%s'", src, ln, err, e == EL_COUNT ? el : rest + j);
		else if (cfg->n_colours < sizeof(cfg->colours) / sizeof(cfg->colours[0]))
			cfg->colours[cfg->n_colours++] = (struct colour_override){ e, spec };
		return;
	}
	note(cfg, "%s:%u: unknown command '%s' (commands: set, bind, color)", src, ln, cmd);
}

void config_parse(struct config *cfg, const char *text, const char *source)
{
	unsigned ln = 0;
	const char *p = text;
	while (*p) {
		ln++;
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char buf[1024];
		snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) - 1 ? len : sizeof(buf) - 1), p);
		parse_line(cfg, buf, source, ln);
		p += len + (nl ? 1 : 0);
	}
}

void config_load(struct config *cfg)
{
	config_path(cfg->path, sizeof(cfg->path));
	if (!cfg->path[0])
		return;
	char *text = read_file(cfg->path, NULL);
	if (!text) {
		if (errno != ENOENT)
			note(cfg, "%s: %s", cfg->path, strerror(errno));
		return;
	}
	config_parse(cfg, text, cfg->path);
	free(text);
}

const char *config_user_lang(char *buf, size_t size)
{
	struct config cfg;
	memset(&cfg, 0, sizeof(cfg));
	config_load(&cfg);
	return facets_user_lang(cfg.lang, buf, size);
}
