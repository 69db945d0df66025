/* theme.c - loading themes and turning them into curses attributes. */
#include "config.h"
#include "theme.h"
#include "datadir.h"
#include "fileio.h"
#include "arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin-themes.h"

#define THEME_NAME(e, name) name,
const char *const theme_el_names[EL_COUNT] = { THEME_ELEMENTS(THEME_NAME) };
#undef THEME_NAME

static attr_t el_attr[EL_COUNT];

enum theme_el theme_el_by_name(const char *name)
{
	for (int i = 0; i < EL_COUNT; i++)
		if (strcmp(theme_el_names[i], name) == 0)
			return (enum theme_el)i;
	return EL_COUNT;
}

static const char *const basic[] = { "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white" };

static bool parse_colour(const char *s, short *out)
{
	if (strcmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (short i = 0; i < 8; i++) {
		if (strcmp(s, basic[i]) == 0) {
			*out = i;
			return true;
		}
		if (strncmp(s, "bright-", 7) == 0 && strcmp(s + 7, basic[i]) == 0) {
			*out = (short)(i + 8);
			return true;
		}
	}
	if (strncmp(s, "color", 5) == 0 && s[5]) {
		char *end;
		long v = strtol(s + 5, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 255) {
			*out = (short)v;
			return true;
		}
	}
	return false;
}

static const struct {
	const char *name;
	attr_t attr;
} attr_names[] = {
	{ "bold", A_BOLD }, { "underline", A_UNDERLINE }, { "reverse", A_REVERSE },
	{ "standout", A_STANDOUT }, { "dim", A_DIM }, { "italic", A_ITALIC }, { "normal", A_NORMAL },
};

const char *theme_parse_spec(const char *fields, struct theme_spec *out)
{
	static char msg[96];
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", fields);
	char *save, *tok;
	struct theme_spec s = { -1, -1, A_NORMAL, true };
	int n = 0;
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save), n++) {
		if (tok[0] == '#')
			break;
		if (n < 2) {
			if (!parse_colour(tok, n == 0 ? &s.fg : &s.bg)) {
				snprintf(msg, sizeof(msg), "unknown colour '%.40s'", tok);
				return msg;
			}
			continue;
		}
		size_t i;
		for (i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
			if (strcmp(tok, attr_names[i].name) == 0)
				break;
		if (i == sizeof(attr_names) / sizeof(attr_names[0])) {
			snprintf(msg, sizeof(msg), "unknown attribute '%.40s'", tok);
			return msg;
		}
		s.attrs |= attr_names[i].attr;
	}
	if (n < 2)
		return "expected a foreground and a background colour";
	*out = s;
	return NULL;
}

int theme_parse(struct theme *t, const char *text, const char *source, theme_error_fn err, void *ctx)
{
	int bad = 0;
	unsigned line = 0;
	const char *p = text;
	while (*p) {
		line++;
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char buf[256];
		snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) - 1 ? len : sizeof(buf) - 1), p);
		p += len + (nl ? 1 : 0);
		char *s = buf + strspn(buf, " \t\r");
		s[strcspn(s, "\r")] = '\0';
		if (!*s || *s == '#')
			continue;
		size_t nlen = strcspn(s, " \t");
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(nlen < 63 ? nlen : 63), s);
		enum theme_el e = theme_el_by_name(name);
		const char *msg = NULL;
		char m[96];
		struct theme_spec spec;
		if (e == EL_COUNT) {
			snprintf(m, sizeof(m), "unknown element '%.40s'", name);
			msg = m;
		} else {
			msg = theme_parse_spec(s + nlen, &spec);
		}
		if (msg) {
			bad++;
			if (err)
				err(ctx, source, line, msg);
			continue;
		}
		t->el[e] = spec;
	}
	return bad;
}

void theme_default(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "default");
	theme_parse(t, builtin_theme_default, "default", NULL, NULL);
}

const char *const *theme_dirs(void)
{
	static char user[512], env[4][4200];
	static const char *dirs[6];
	int n = 0;
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(user, sizeof(user), "%s/parley/themes", x);
	else if (h && *h)
		snprintf(user, sizeof(user), "%s/.config/parley/themes", h);
	if (*user)
		dirs[n++] = user;
	const char *const *data = data_dirs();
	for (size_t i = 0; data[i] && i < 4; i++) {
		snprintf(env[i], sizeof(env[i]), "%s/themes", data[i]);
		dirs[n++] = env[i];
	}
	dirs[n] = NULL;
	return dirs;
}

/* A theme is a few hundred bytes: its own bound, not the readouts' limit
 * (--max-file-size) */
#define THEME_MAX ((uint64_t)1 << 20)

bool theme_load(struct theme *t, const char *arg, theme_error_fn fn, void *ctx, char *err, size_t errsize)
{
	char path[1024];
	char *text = NULL;
	if (strchr(arg, '/')) {
		snprintf(path, sizeof(path), "%s", arg);
		text = read_file_max(path, NULL, THEME_MAX, NULL);
		if (!text) {
			snprintf(err, errsize, "cannot read theme %s: %s", arg, file_strerror(errno));
			return false;
		}
	} else {
		for (const char *const *d = theme_dirs(); *d && !text; d++) {
			snprintf(path, sizeof(path), "%s/%s.theme", *d, arg);
			text = read_file_max(path, NULL, THEME_MAX, NULL);
		}
		if (!text && strcmp(arg, "default") == 0) {
			theme_default(t);
			return true;
		}
		if (!text) {
			snprintf(err, errsize, "no theme named '%s' (themes: default, light, high-contrast, mono, or a path)", arg);
			return false;
		}
	}
	theme_default(t);
	const char *base = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
	snprintf(t->name, sizeof(t->name), "%.*s", (int)strcspn(base, "."), base);
	theme_parse(t, text, path, fn, ctx);
	free(text);
	return true;
}

/* The xterm palette, computed: 16 system colours, a 6x6x6 cube, 24 greys. */
static void xterm_rgb(short c, int rgb[3])
{
	static const int sys[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 }, { 205, 0, 205 },
		{ 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 },
		{ 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	if (c < 16) {
		memcpy(rgb, sys[c], sizeof(sys[c]));
	} else if (c < 232) {
		static const int lv[6] = { 0, 95, 135, 175, 215, 255 };
		int i = c - 16;
		rgb[0] = lv[i / 36];
		rgb[1] = lv[i / 6 % 6];
		rgb[2] = lv[i % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

short theme_colour8(short c)
{
	if (c < 0)
		return c;
	if (c < 8)
		return c;
	if (c < 16)
		return (short)(c - 8);
	int rgb[3];
	xterm_rgb(c, rgb);
	int max = rgb[0], min = rgb[0];
	for (int i = 1; i < 3; i++) {
		if (rgb[i] > max)
			max = rgb[i];
		if (rgb[i] < min)
			min = rgb[i];
	}
	if (max - min < 40) /* a grey */
		return max < 128 ? COLOR_BLACK : COLOR_WHITE;
	short out = 0;
	if (rgb[0] * 2 > max)
		out |= COLOR_RED;
	if (rgb[1] * 2 > max)
		out |= COLOR_GREEN;
	if (rgb[2] * 2 > max)
		out |= COLOR_BLUE;
	return out;
}

void theme_apply(const struct theme *t, enum colour_mode mode)
{
	struct theme mono;
	if (mode == COLOUR_NONE) {
		memset(&mono, 0, sizeof(mono));
		theme_parse(&mono, builtin_theme_mono, "mono", NULL, NULL);
		for (int e = 0; e < EL_COUNT; e++)
			el_attr[e] = mono.el[e].attrs;
		return;
	}
	for (int e = 0; e < EL_COUNT; e++) {
		short fg = t->el[e].fg, bg = t->el[e].bg;
		attr_t extra = 0;
		if (mode == COLOUR_8 || (mode == COLOUR_16 && fg >= 16))
			fg = theme_colour8(fg);
		if (mode == COLOUR_8 || (mode == COLOUR_16 && bg >= 16))
			bg = theme_colour8(bg);
		if (mode == COLOUR_8 && t->el[e].fg >= 8 && t->el[e].fg < 16)
			extra = A_BOLD; /* bright foregrounds */
		init_pair((short)(e + 1), fg, bg);
		el_attr[e] = COLOR_PAIR(e + 1) | t->el[e].attrs | extra;
	}
}

attr_t theme_attr(enum theme_el e)
{
	return el_attr[e];
}
