/* settings.c - the bind and color lines of the config file (see
 * settings.h); the rest is userconf.c's. */
#include "settings.h"

#include <stdio.h>
#include <string.h>

static char *trim(char *s)
{
	return s + strspn(s, " \t");
}

/* A bind or color line; NULL when it was taken, else what is wrong. */
static const char *line(void *ctx, const char *cmd, char *rest)
{
	struct settings *s = ctx;
	static char err[300];
	if (strcmp(cmd, "bind") == 0) {
		char *keyname = rest;
		size_t j = strcspn(rest, " \t");
		if (!rest[j])
			return "usage: bind KEY ACTION";
		rest[j] = '\0';
		char *act = trim(rest + j + 1);
		int key = keyname_parse(keyname);
		enum action ac = action_by_name(act);
		if (key < 0) {
			snprintf(err, sizeof(err), "unknown key '%s'", keyname);
			return err;
		}
		if (ac == ACT_NONE && strcmp(act, "none") != 0) {
			snprintf(err, sizeof(err), "unknown action '%s' (see the help screen, ?)", act);
			return err;
		}
		keymap_bind(s->keys, key, ac);
		return NULL;
	}
	if (strcmp(cmd, "color") == 0 || strcmp(cmd, "colour") == 0) {
		size_t j = strcspn(rest, " \t");
		char el[64];
		snprintf(el, sizeof(el), "%.*s", (int)(j < 63 ? j : 63), rest);
		enum theme_el e = theme_el_by_name(el);
		struct theme_spec spec;
		const char *why = e == EL_COUNT ? "unknown element" : theme_parse_spec(rest + j, &spec);
		if (why) {
			snprintf(err, sizeof(err), "%s '%s'", why, e == EL_COUNT ? el : rest + j);
			return err;
		}
		if (s->n_colours < sizeof(s->colours) / sizeof(s->colours[0]))
			s->colours[s->n_colours++] = (struct colour_override){ e, spec };
		return NULL;
	}
	snprintf(err, sizeof(err), "unknown command '%s' (commands: set, bind, color)", cmd);
	return err;
}

static void note(void *ctx, const char *msg)
{
	struct settings *s = ctx;
	if (s->note)
		s->note(s->note_ctx, msg);
}

static void init(struct settings *s, struct keymap *keys, void (*note_fn)(void *ctx, const char *msg), void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->keys = keys;
	s->note = note_fn;
	s->note_ctx = ctx;
	s->conf.line = line;
	s->conf.note = note;
	s->conf.ctx = s;
}

void settings_load(struct settings *s, struct keymap *keys, void (*note_fn)(void *ctx, const char *msg), void *ctx)
{
	init(s, keys, note_fn, ctx);
	userconf_load(&s->conf);
}

void settings_parse(struct settings *s, struct keymap *keys, void (*note_fn)(void *ctx, const char *msg), void *ctx,
                    const char *text, const char *source)
{
	init(s, keys, note_fn, ctx);
	userconf_parse(&s->conf, text, source);
}
