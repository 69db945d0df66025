/* test_ui.c - the terminal-free parts of the front end: layout, key names
 * and bindings, themes and the config file. */
#include "tap.h"
#include "app.h"
#include "keys.h"
#include "layout.h"
#include "settings.h"
#include "theme.h"

#include <stdarg.h>
#include <stdlib.h>

/* settings.c reports through app_note(); collect the notes here. */
static char notes[16][256];
static int n_notes;
void app_note(struct app *a, const char *fmt, ...)
{
	(void)a;
	va_list ap;
	va_start(ap, fmt);
	if (n_notes < 16)
		vsnprintf(notes[n_notes++], sizeof(notes[0]), fmt, ap);
	va_end(ap);
}

static void layout_tests(void)
{
	struct layout l;
	layout_compute(&l, 24, 80, 0, 50);
	ok(!l.too_small && l.split == SPLIT_STACK, "80x24 stacks the panes");
	ok(l.pane[0].h + l.pane[1].h + 1 == 22 && l.pane[0].w == 80, "stacked panes fill the body");
	layout_compute(&l, 40, 120, 0, 60);
	ok(l.split == SPLIT_SIDE && l.pane[0].w == 72 && l.pane[1].x == 73 && l.pane[1].w == 47,
	   "120 columns: side by side");
	layout_compute(&l, 30, 100, 1, 50);
	ok(l.split == SPLIT_SIDE, "side by side from 100 columns");
	layout_compute(&l, 30, 99, 1, 50);
	ok(l.split == SPLIT_STACK, "stacked at 99 columns");
	layout_compute(&l, 12, 60, 1, 50);
	ok(l.split == SPLIT_SINGLE && l.shown[1] && !l.shown[0], "short terminal: one pane, the focused one");
	layout_compute(&l, 6, 20, 0, 50);
	ok(!l.too_small && l.body.h == 4, "20x6 is the smallest usable size");
	layout_compute(&l, 5, 20, 0, 50);
	ok(l.too_small, "20x5 is too small");
	layout_compute(&l, 6, 19, 0, 50);
	ok(l.too_small, "19x6 is too small");
	layout_compute(&l, 100, 300, 0, 62);
	ok(l.pane[0].w + l.pane[1].w + 1 == 300 && l.status.y == 99, "300x100 fills the screen");
	int bad = 0;
	for (int rows = 6; rows <= 60; rows++)
		for (int cols = 20; cols <= 200; cols++) {
			layout_compute(&l, rows, cols, cols % 2, 58);
			for (int p = 0; p < 2; p++)
				if (l.shown[p] && (l.pane[p].h < 1 || l.pane[p].w < 1 || l.pane[p].x + l.pane[p].w > cols
				                   || l.pane[p].y + l.pane[p].h > rows - 1))
					bad++;
		}
	is_int(bad, 0, "every size from 20x6 to 200x60 gives panes inside the screen");
}

static void key_tests(void)
{
	char buf[32];
	is_int(keyname_parse("j"), 'j', "a letter");
	is_int(keyname_parse("C-d"), 4, "C-d");
	is_int(keyname_parse("Enter"), '\n', "Enter");
	is_int(keyname_parse("Esc"), 27, "Esc");
	is_int(keyname_parse("é"), 0xe9, "a non-ASCII character");
	is_int(keyname_parse("nope"), -1, "an unknown name");
	is_int(keyname_parse("C-"), -1, "C- alone");
	const char *names[] = { "j", "C-d", "Enter", "Tab", "S-Tab", "PgDn", "F1", "F12", "Space", "Esc", "Up", "?", "é" };
	int rt = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		rt += strcmp(keyname_of(keyname_parse(names[i]), buf, sizeof(buf)), names[i]) != 0;
	is_int(rt, 0, "key names round-trip");

	/* the default bindings: every key once, every action reachable */
	int dup = 0, unbound = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[128];
		snprintf(keys, sizeof(keys), "%s", action_info[a].keys);
		for (char *s, *t = strtok_r(keys, " ", &s); t; t = strtok_r(NULL, " ", &s))
			for (int b = a + 1; b < ACT_COUNT; b++) {
				char other[128];
				snprintf(other, sizeof(other), " %s ", action_info[b].keys);
				char want[32];
				snprintf(want, sizeof(want), " %s ", t);
				if (strstr(other, want)) {
					diag_note("key %s is bound to %s and %s", t, action_info[a].name, action_info[b].name);
					dup++;
				}
			}
		unbound += !action_info[a].keys[0];
	}
	is_int(dup, 0, "no key has two default actions");
	/* each group's actions together: the help shows one section a group
	 * (C-l, listed after the Accounts, made a second "Views") */
	int split = 0;
	for (int a = 2; a < ACT_COUNT; a++)
		if (strcmp(action_info[a].group, action_info[a - 1].group) != 0)
			for (int b = 1; b < a - 1; b++)
				if (strcmp(action_info[b].group, action_info[a].group) == 0) {
					diag_note("%s (%s) is apart from its group's first, %s", action_info[a].name,
					          action_info[a].group, action_info[b].name);
					split++;
					break;
				}
	is_int(split, 0, "each group of actions in one piece: one section of the help each");
	is_int(unbound, 0, "every action has a default key");
	struct keymap m = { 0 };
	keymap_defaults(&m);
	is_int(keymap_lookup(&m, 'j'), ACT_MOVE_DOWN, "j moves down");
	is_int(keymap_lookup(&m, KEY_FUNC | KEY_NPAGE), ACT_PAGE_DOWN, "PgDn pages down");
	keymap_bind(&m, 'j', ACT_NONE);
	is_int(keymap_lookup(&m, 'j'), ACT_NONE, "unbinding");
	keymap_keys_of(&m, ACT_MOVE_DOWN, buf, sizeof(buf));
	ok(strstr(buf, "Down") && !strstr(buf, "j"), "keys_of follows the map (%s)", buf);
	is_int(action_by_name("pick-speaker"), ACT_PICK_SPEAKER, "actions by config name");
	keymap_free(&m);
}

static void theme_errors(void *ctx, const char *src, unsigned line, const char *msg)
{
	(void)ctx;
	(void)src;
	app_note(NULL, "%u: %s", line, msg);
}

static void theme_tests(void)
{
	const char *files[] = { "default", "light", "high-contrast", "mono" };
	const char *top = getenv("top_srcdir");
	for (size_t i = 0; i < 4; i++) {
		char path[1024], err[256];
		snprintf(path, sizeof(path), "%s/themes/%s.theme", top ? top : ".", files[i]);
		struct theme t;
		n_notes = 0;
		memset(&t, 0, sizeof(t));
		bool loaded = theme_load(&t, path, theme_errors, NULL, err, sizeof(err));
		ok(loaded && n_notes == 0, "theme %s loads without a problem", files[i]);
		/* every element named in the file itself */
		FILE *f = fopen(path, "r");
		int seen[EL_COUNT] = { 0 };
		char line[256];
		while (f && fgets(line, sizeof(line), f)) {
			char name[64];
			if (line[0] != '#' && sscanf(line, "%63s", name) == 1 && theme_el_by_name(name) < EL_COUNT)
				seen[theme_el_by_name(name)]++;
		}
		if (f)
			fclose(f);
		int missing = 0;
		for (int e = 0; e < EL_COUNT; e++)
			missing += seen[e] != 1;
		is_int(missing, 0, "theme %s names every element once", files[i]);
	}
	struct theme t;
	memset(&t, 0, sizeof(t));
	n_notes = 0;
	int bad = theme_parse(&t, "normal default default\nnosuch red blue\ntitle red\ncursor red blue sparkly\nstatus color300 red\n",
	                      "x", theme_errors, NULL);
	is_int(bad, 4, "four bad theme lines");
	ok(n_notes == 4 && strstr(notes[0], "2: unknown element 'nosuch'") && strstr(notes[1], "3: expected a foreground")
	   && strstr(notes[2], "4: unknown attribute 'sparkly'") && strstr(notes[3], "5: unknown colour 'color300'"),
	   "each reported with its line");
	is_int(theme_colour8(52), COLOR_RED, "dark red falls back to red");
	is_int(theme_colour8(22), COLOR_GREEN, "dark green falls back to green");
	is_int(theme_colour8(18), COLOR_BLUE, "dark blue falls back to blue");
	is_int(theme_colour8(236), COLOR_BLACK, "dark grey falls back to black");
	is_int(theme_colour8(252), COLOR_WHITE, "light grey falls back to white");
	is_int(theme_colour8(12), COLOR_BLUE, "bright blue falls back to blue");
	is_int(theme_colour8(-1), -1, "default stays default");
	char err[256];
	ok(!theme_load(&t, "nosuch-theme", NULL, NULL, err, sizeof(err)) && strstr(err, "nosuch-theme"),
	   "an unknown theme name is an error naming it");
}

static void config_note(void *ctx, const char *msg)
{
	app_note(ctx, "%s", msg);
}

static void config_tests(void)
{
	struct app a;
	memset(&a, 0, sizeof(a));
	keymap_defaults(&a.keys);
	struct settings set;
	n_notes = 0;
	settings_parse(&set, &a.keys, config_note, &a,
	             "# a comment\n"
	             "set theme = light\n"
	             "bind C-j move-down\n"
	             "bind x frobnicate\n"
	             "\n"
	             "bind Nope move-up\n"
	             "set user \"Jane Doe\"\n"
	             "color mention default default bold\n"
	             "color sparkle red red\n"
	             "launch missiles\n"
	             "bind k none\n"
	             "set lang = fr\n"
	             "set lang = not a tag\n",
	             "config");
	const struct userconf cfg = set.conf;
	is_str(cfg.lang, "fr", "set lang");
	is_str(cfg.theme, "light", "set theme");
	is_str(cfg.user, "Jane Doe", "set user, quoted");
	is_int(keymap_lookup(&a.keys, 10), ACT_MOVE_DOWN, "bind C-j");
	is_int(keymap_lookup(&a.keys, 'k'), ACT_NONE, "bind k none unbinds");
	is_int(set.n_colours, 1, "one colour override");
	is_int(n_notes, 5, "five bad lines reported");
	ok(strstr(notes[0], "config:4: unknown action 'frobnicate'") != NULL, "%s", notes[0]);
	ok(strstr(notes[1], "config:6: unknown key 'Nope'") != NULL, "%s", notes[1]);
	ok(strstr(notes[2], "config:9: unknown element") != NULL, "%s", notes[2]);
	ok(strstr(notes[3], "config:10: unknown command 'launch'") != NULL, "%s", notes[3]);
	ok(strstr(notes[4], "config:13: set lang: 'not a tag' is not a language tag") != NULL, "%s", notes[4]);
	keymap_free(&a.keys);
}

/* The mouse: what an event is, and where it falls; set mouse. */
static void mouse_tests(void)
{
	is_int(mouse_kind_of(BUTTON1_PRESSED), MOUSE_CLICK, "button 1 pressed: a click");
	is_int(mouse_kind_of(BUTTON1_CLICKED), MOUSE_CLICK, "button 1 clicked: a click");
	is_int(mouse_kind_of(BUTTON4_PRESSED), MOUSE_WHEEL_UP, "button 4: the wheel up");
#ifdef BUTTON5_PRESSED
	is_int(mouse_kind_of(BUTTON5_PRESSED), MOUSE_WHEEL_DOWN, "button 5: the wheel down");
#endif
	is_int(mouse_kind_of(BUTTON1_RELEASED), MOUSE_NONE, "a release is nothing");
	is_int(mouse_kind_of(BUTTON3_PRESSED), MOUSE_NONE, "the right button is nothing");
	ok((mouse_wanted() & BUTTON1_PRESSED) && (mouse_wanted() & BUTTON4_PRESSED), "clicks and the wheel are asked for");

	struct layout l;
	int row = -1;
	layout_compute(&l, 30, 100, 0, 62); /* side by side: 62 columns, the divider, 37 */
	is_int(layout_hit(&l, 0, 5, &row), -1, "the title line is no pane");
	is_int(layout_hit(&l, 29, 5, &row), -1, "nor the status line");
	is_int(layout_hit(&l, 1, 62, &row), -1, "nor the divider");
	is_int(layout_hit(&l, 1, 5, &row), 0, "row 1, column 5: the first pane");
	is_int(row, 0, "on its heading");
	is_int(layout_hit(&l, 6, 70, &row), 1, "row 6, column 70: the second pane");
	is_int(row, 5, "its fifth row below the heading");
	layout_compute(&l, 40, 80, 0, 50); /* stacked */
	is_int(layout_hit(&l, 30, 10, &row), 1, "stacked: the lower half is the second pane");
	is_int(row, 30 - l.pane[1].y, "counted from its top");
	layout_compute(&l, 12, 80, 1, 50); /* one at a time: the second shown */
	is_int(layout_hit(&l, 3, 10, &row), 1, "one pane at a time: the one shown");
	layout_compute(&l, 3, 10, 0, 50);
	is_int(layout_hit(&l, 1, 1, &row), -1, "a terminal too small has no panes");

	struct app a;
	memset(&a, 0, sizeof(a));
	keymap_defaults(&a.keys);
	struct settings set;
	n_notes = 0;
	settings_parse(&set, &a.keys, config_note, &a, "set mouse = off\n", "config");
	ok(set.conf.mouse_off && n_notes == 0, "set mouse = off");
	settings_parse(&set, &a.keys, config_note, &a, "set mouse = on\nset mouse = sometimes\n", "config");
	ok(!set.conf.mouse_off, "set mouse = on (the default)");
	is_int(n_notes, 1, "a value that is not on or off is reported");
	ok(strstr(notes[0], "config:2: set mouse: 'sometimes' is not on or off") != NULL, "%s", notes[0]);
	keymap_free(&a.keys);
}

int main(void)
{
	layout_tests();
	key_tests();
	theme_tests();
	config_tests();
	mouse_tests();
	return tap_done();
}
