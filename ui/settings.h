/* settings.h - the user's config file, $XDG_CONFIG_HOME/parley/config (or
 * ~/.config/parley/config):
 *
 *   # comment
 *   set theme = light            theme by name or path
 *   set user = Jane Doe          name recorded as `by` on edits
 *   set lang = fr                language of the labels shown (see facets.h)
 *   bind C-j move-down           bind a key to an action (`none` unbinds)
 *   color mention default default bold underline
 *
 * A bad line is reported with its line number and ignored, never fatal.
 * The browser reads all of it; the commands read `set lang`.
 */
#ifndef PARLEY_SETTINGS_H
#define PARLEY_SETTINGS_H

#include <stddef.h>

#include "keys.h"
#include "theme.h"

struct config {
	char path[1024];
	char theme[256];
	unsigned theme_line;       /* where theme was set, for messages */
	char user[128];
	char lang[36];
	struct colour_override {
		enum theme_el el;
		struct theme_spec spec;
	} colours[EL_COUNT * 2];
	size_t n_colours;
	struct keymap *keys;       /* where bind lines go (NULL: ignored) */
	/* told of each bad line ("FILE:LINE: message"; NULL: not told) */
	void (*note)(void *ctx, const char *msg);
	void *ctx;
};

/* Reads the config file into cfg (zeroed but for keys, already holding the
 * defaults, and note).  A missing file is not a problem. */
void config_load(struct config *cfg);
/* Parses config text (exposed for tests). */
void config_parse(struct config *cfg, const char *text, const char *source);
/* The config file's path. */
const char *config_path(char *buf, size_t size);
/* The user's language for labels (facets_user_lang), with the config's
 * `set lang`: into buf (12 bytes at least). */
const char *config_user_lang(char *buf, size_t size);

#endif
