/* fuzz_config.c - a fuzz target for the config file and theme parsers: any
 * bytes as the config file (read by the commands alone, then with the
 * browser's bind and color lines) and as a theme file.  Never a crash; a
 * bad line is reported, never fatal; what is kept is within range (colours
 * -1 to 255, a language tag that is one, strings cut to their buffers). */
#include "fuzz_util.h"
#include "settings.h"
#include "theme.h"
#include "userconf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t notes;

static void note(void *ctx, const char *msg)
{
	(void)ctx;
	if (!msg || !*msg)
		fuzz_fail("an empty message");
	notes++;
}

static void theme_err(void *ctx, const char *source, unsigned line, const char *msg)
{
	(void)ctx;
	(void)source;
	if (!line || !msg || !*msg)
		fuzz_fail("a theme error without a line or a message");
	notes++;
}

static void check_conf(const struct userconf *u)
{
	if (!memchr(u->theme, '\0', sizeof(u->theme)) || !memchr(u->user, '\0', sizeof(u->user))
	    || !memchr(u->lang, '\0', sizeof(u->lang)))
		fuzz_fail("a setting is not a string");
	if (*u->lang && !lang_is_valid(u->lang))
		fuzz_fail("set lang kept '%s', which is no language tag", u->lang);
	if (*u->theme && !u->theme_line)
		fuzz_fail("set theme kept without its line");
}

static void check_spec(const struct theme_spec *s)
{
	if (s->set && (s->fg < -1 || s->fg > 255 || s->bg < -1 || s->bg > 255))
		fuzz_fail("a colour out of range: %d %d", s->fg, s->bg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the parsers read NUL-terminated text, as read_file gives it */
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	/* the commands: set lines only */
	struct userconf u;
	memset(&u, 0, sizeof(u));
	userconf_parse(&u, text, "config");
	check_conf(&u);

	/* the browser: bind and color lines too */
	struct keymap keys;
	memset(&keys, 0, sizeof(keys));
	keymap_defaults(&keys);
	struct settings s;
	notes = 0;
	settings_parse(&s, &keys, note, NULL, text, "config");
	check_conf(&s.conf);
	if (s.n_colours > sizeof(s.colours) / sizeof(s.colours[0]))
		fuzz_fail("%zu colours kept", s.n_colours);
	for (size_t i = 0; i < s.n_colours; i++) {
		if (s.colours[i].el >= EL_COUNT)
			fuzz_fail("a colour for no element");
		check_spec(&s.colours[i].spec);
	}
	keymap_free(&keys);

	/* the same bytes as a theme */
	struct theme t;
	theme_default(&t);
	notes = 0;
	int bad = theme_parse(&t, text, "fuzz.theme", theme_err, NULL);
	if (bad < 0 || (size_t)bad != notes)
		fuzz_fail("theme_parse: %d bad lines, %zu reported", bad, notes);
	for (int e = 0; e < EL_COUNT; e++)
		check_spec(&t.el[e]);
	free(text);
	return 0;
}
