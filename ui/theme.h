/* theme.h - colour themes: the elements of the screen, theme files, and the
 * fallback from 256 colours to 8 colours to attributes only.
 *
 * A theme file has one line per element: ELEMENT FG BG [ATTR...] (see
 * themes/default.theme).  The default and mono themes are compiled in, so
 * parley looks right with nothing installed.
 */
#ifndef PARLEY_THEME_H
#define PARLEY_THEME_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#define THEME_ELEMENTS(X) \
	X(NORMAL, "normal") X(TITLE, "title") X(STATUS, "status") X(MESSAGE, "message") \
	X(ERROR, "error") X(CURSOR, "cursor") X(CURSOR_UNFOCUSED, "cursor-unfocused") \
	X(HEADING, "heading") X(DIM, "dim") X(GUTTER, "gutter") \
	X(SPEAKER1, "speaker1") X(SPEAKER2, "speaker2") X(SPEAKER3, "speaker3") \
	X(SPEAKER4, "speaker4") X(SPEAKER5, "speaker5") X(SPEAKER6, "speaker6") \
	X(SELECTED, "selected") X(MENTION, "mention") X(SEARCH, "search") \
	X(ACCEPTED, "accepted") X(REJECTED, "rejected") X(PENDING, "pending") \
	X(STANCE, "stance") X(ESCAPED, "escaped") X(FILTER, "filter") X(BORDER, "border") \
	X(VISUAL, "visual")

#define THEME_ENUM(e, name) EL_##e,
enum theme_el { THEME_ELEMENTS(THEME_ENUM) EL_COUNT };
#undef THEME_ENUM
#define SPEAKER_COLOURS 6

extern const char *const theme_el_names[EL_COUNT];

struct theme_spec {
	short fg, bg;  /* -1: terminal default, 0-255 */
	attr_t attrs;
	bool set;
};

struct theme {
	char name[64];
	struct theme_spec el[EL_COUNT];
};

/* Error callback: line number (from 1) and message. */
typedef void (*theme_error_fn)(void *ctx, const char *source, unsigned line, const char *msg);

/* Parses theme text into t (elements not named keep their value).
 * Returns the number of bad lines. */
int theme_parse(struct theme *t, const char *text, const char *source, theme_error_fn err, void *ctx);
/* Parses one line's fields (ELEMENT FG BG ATTR...) after the element name;
 * used by the config file's `color` command too.  Returns NULL or an error. */
const char *theme_parse_spec(const char *fields, struct theme_spec *out);
enum theme_el theme_el_by_name(const char *name); /* EL_COUNT when unknown */

/* Fills t with the compiled-in default theme. */
void theme_default(struct theme *t);
/* Loads a theme by name (from the theme directories) or path.  On failure
 * returns false and writes a message to err. */
bool theme_load(struct theme *t, const char *name_or_path, theme_error_fn fn, void *ctx,
                char *err, size_t errsize);

enum colour_mode { COLOUR_NONE, COLOUR_8, COLOUR_16, COLOUR_256 };
/* Sets up colour pairs for the terminal (after initscr). */
void theme_apply(const struct theme *t, enum colour_mode mode);
/* The attributes to draw element e with. */
attr_t theme_attr(enum theme_el e);
/* Nearest basic colour (0-7) of an xterm colour number. */
short theme_colour8(short c);
/* The directories searched for themes, in order (NULL-terminated). */
const char *const *theme_dirs(void);

#endif
