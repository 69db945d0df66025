/* settings.h - the user's config file, $XDG_CONFIG_HOME/parley/config (or
 * ~/.config/parley/config):
 *
 *   # comment
 *   set theme = light            theme by name or path
 *   set user = Jane Doe          name recorded as `by` on edits
 *   bind C-j move-down           bind a key to an action (`none` unbinds)
 *   color mention default default bold underline
 *
 * A bad line is reported with its line number and ignored, never fatal.
 */
#ifndef PARLEY_SETTINGS_H
#define PARLEY_SETTINGS_H

#include "app.h"

struct config {
	char path[1024];
	char theme[256];
	unsigned theme_line;       /* where theme was set, for messages */
	char user[128];
	struct colour_override {
		enum theme_el el;
		struct theme_spec spec;
	} colours[EL_COUNT * 2];
	size_t n_colours;
};

/* Reads the config file into cfg and a->keys (already holding the defaults).
 * Problems go to app_note(). A missing file is not a problem. */
void config_load(struct app *a, struct config *cfg);
/* Parses config text (exposed for tests). */
void config_parse(struct app *a, struct config *cfg, const char *text, const char *source);
/* The config file's path. */
const char *config_path(char *buf, size_t size);

#endif
