/* settings.h - the browser's part of the config file (userconf.h): key
 * bindings and colours.
 *
 *   bind C-j move-down           bind a key to an action (`none` unbinds)
 *   color mention default default bold underline
 */
#ifndef PARLEY_SETTINGS_H
#define PARLEY_SETTINGS_H

#include <stddef.h>

#include "keys.h"
#include "theme.h"
#include "userconf.h"

struct settings {
	struct userconf conf;      /* set theme, set user, set lang; path */
	struct keymap *keys;       /* where bind lines go */
	struct colour_override {
		enum theme_el el;
		struct theme_spec spec;
	} colours[EL_COUNT * 2];
	size_t n_colours;
	void (*note)(void *ctx, const char *msg);
	void *note_ctx;
};

/* Reads the config file into s: keys holds the defaults, note (and ctx)
 * is told of bad lines. */
void settings_load(struct settings *s, struct keymap *keys, void (*note)(void *ctx, const char *msg), void *ctx);
/* The same from text (for tests). */
void settings_parse(struct settings *s, struct keymap *keys, void (*note)(void *ctx, const char *msg), void *ctx,
                    const char *text, const char *source);

#endif
