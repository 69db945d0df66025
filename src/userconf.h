/* userconf.h - the user's config file, $XDG_CONFIG_HOME/parley/config (or
 * ~/.config/parley/config): what every part of parley reads of it, and the
 * lines only the browser knows, handed to it.
 *
 *   # comment
 *   set theme = light            theme by name or path (the browser)
 *   set user = Jane Doe          name recorded as `by` on positions made
 *   set lang = fr                language of the labels shown (facets.h)
 *   set max-file-size = 1G       the largest file read (fileio.h)
 *   set mouse = off              no mouse in the browser (on by default)
 *   bind C-j move-down           (the browser: keys.h)
 *   color mention default default bold underline   (the browser: theme.h)
 *
 * A bad line is reported with its line number and ignored, never fatal.
 */
#ifndef PARLEY_USERCONF_H
#define PARLEY_USERCONF_H

#include <stdbool.h>
#include <stddef.h>

struct userconf {
	char path[1024];
	char theme[256];
	unsigned theme_line;       /* where theme was set, for messages */
	char user[128];
	char lang[36];
	char max_file_size[32];    /* as written, checked (fileio.h) */
	bool mouse_off;            /* set mouse = off (the browser) */
	/* a line whose command is not "set" (bind, color): rest is what
	 * follows the command; returns NULL when it took the line, else what
	 * is wrong with it ("unknown key 'x'").  NULL: such lines are left
	 * alone (the commands read the config for set lang only). */
	const char *(*line)(void *ctx, const char *cmd, char *rest);
	/* told of each bad line ("FILE:LINE: message"; NULL: not told) */
	void (*note)(void *ctx, const char *msg);
	void *ctx;
};

/* Reads the config file into u (zeroed but for its hooks).  A missing file
 * is not a problem. */
void userconf_load(struct userconf *u);
/* Parses config text (exposed for tests). */
void userconf_parse(struct userconf *u, const char *text, const char *source);
/* parley's config directory, $XDG_CONFIG_HOME/parley or ~/.config/parley
 * ("" without either). */
const char *userconf_dir(char *buf, size_t size);
/* The config file's path ("" without XDG_CONFIG_HOME and HOME). */
const char *userconf_path(char *buf, size_t size);
/* The user's language for labels (facets_user_lang, with `set lang`): into
 * buf (12 bytes at least). */
const char *userconf_lang(char *buf, size_t size);

#endif
