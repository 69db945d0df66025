/* keys.c - reading keys, key names, the action table and the key map. */
#include "keys.h"
#include "arena.h"

#include <curses.h>
#include <poll.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define ACTION_INFO(e, name, keys, group, loading, help) [ACT_##e] = { name, keys, group, help, loading },
const struct action_info action_info[ACT_COUNT] = { [ACT_NONE] = { "none", "", "", "", true }, ACTIONS(ACTION_INFO) };
#undef ACTION_INFO

#define SELECT_INFO(e, keys, help) [SEL_##e] = { #e, keys, "Selecting text", help, false },
const struct action_info select_info[SEL_COUNT] = { [SEL_NONE] = { "none", "", "", "", false }, SELECT_KEYS(SELECT_INFO) };
#undef SELECT_INFO

#define LINE_INFO(e, keys, help) [LINE_##e] = { #e, keys, "Editing a line", help, true },
const struct action_info line_info[LINE_COUNT] = { [LINE_NONE] = { "none", "", "", "", true }, LINE_KEYS(LINE_INFO) };
#undef LINE_INFO

#define PICK_INFO(e, keys, help) [PICKKEY_##e] = { #e, keys, "Choosing in a list", help, true },
const struct action_info pick_info[PICKKEY_COUNT] = { [PICKKEY_NONE] = { "none", "", "", "", true },
	                                              PICK_KEYS(PICK_INFO) };
#undef PICK_INFO

int mode_key(const struct action_info *table, int n, int key)
{
	for (int i = 1; i < n; i++) {
		char keys[64];
		snprintf(keys, sizeof(keys), "%s", table[i].keys);
		for (char *save, *t = strtok_r(keys, " ", &save); t; t = strtok_r(NULL, " ", &save))
			if (keyname_parse(t) == key)
				return i;
	}
	return 0;
}

enum action action_by_name(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(action_info[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Enter", KEY_RETURN }, { "Tab", KEY_TAB }, { "S-Tab", KEY_FUNC | KEY_BTAB }, { "Esc", KEY_ESC },
	{ "Space", ' ' }, { "Backspace", KEY_FUNC | KEY_BACKSPACE }, { "Del", KEY_FUNC | KEY_DC },
	{ "Up", KEY_FUNC | KEY_UP }, { "Down", KEY_FUNC | KEY_DOWN }, { "Left", KEY_FUNC | KEY_LEFT },
	{ "Right", KEY_FUNC | KEY_RIGHT }, { "PgUp", KEY_FUNC | KEY_PPAGE }, { "PgDn", KEY_FUNC | KEY_NPAGE },
	{ "Home", KEY_FUNC | KEY_HOME }, { "End", KEY_FUNC | KEY_END }, { "Insert", KEY_FUNC | KEY_IC },
};

int keyname_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcasecmp(named[i].name, name) == 0)
			return named[i].key;
	if (strcasecmp(name, "PageUp") == 0)
		return KEY_FUNC | KEY_PPAGE;
	if (strcasecmp(name, "PageDown") == 0)
		return KEY_FUNC | KEY_NPAGE;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 12 && (name[2] == '\0' || (name[3] == '\0' && name[2] >= '0' && name[2] <= '9')))
			return KEY_FUNC | KEY_F(n);
	}
	if (name[0] == 'M' && name[1] == '-' && name[2] > ' ' && (unsigned char)name[2] < 0x7f && !name[3])
		return KEY_ALT(name[2]);
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	/* one character */
	size_t n = strlen(name);
	ucs4_t uc;
	int len = u8_mbtouc(&uc, (const uint8_t *)name, n);
	if (n > 0 && (size_t)len == n && uc > ' ' && uc != 0x7f && uc != 0xfffd)
		return (int)uc;
	return -1;
}

const char *keyname_of(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return buf;
		}
	if ((key & ~0xff) == (KEY_FUNC | 0x10000)) {
		snprintf(buf, size, "M-%c", key & 0xff);
	} else if (key & KEY_FUNC) {
		int k = key & ~KEY_FUNC;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, size, "F%d", k - KEY_F0);
		else
			snprintf(buf, size, "<%d>", k);
	} else if (key >= 1 && key <= 26) {
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	} else if (key > ' ' && key != 0x7f) {
		uint8_t u[8];
		size_t n = 8;
		if (u32_to_u8((const uint32_t *)&key, 1, u, &n) && n < size) {
			memcpy(buf, u, n);
			buf[n] = '\0';
		} else {
			snprintf(buf, size, "?");
		}
	} else {
		snprintf(buf, size, "<%d>", key);
	}
	return buf;
}

void keymap_bind(struct keymap *m, int key, enum action a)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key == key) {
			if (a == ACT_NONE) {
				m->v[i] = m->v[--m->n];
				return;
			}
			m->v[i].action = a;
			return;
		}
	if (a == ACT_NONE)
		return;
	grow(&m->v, &m->cap, m->n + 1, sizeof(*m->v));
	m->v[m->n++] = (struct binding){ key, a };
}

void keymap_defaults(struct keymap *m)
{
	for (int a = 1; a < ACT_COUNT; a++) {
		char buf[128];
		snprintf(buf, sizeof(buf), "%s", action_info[a].keys);
		for (char *save, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			int k = keyname_parse(tok);
			if (k < 0) {
				fprintf(stderr, "parley: internal error: bad default key '%s'\n", tok);
				abort();
			}
			keymap_bind(m, k, (enum action)a);
		}
	}
}

enum action keymap_lookup(const struct keymap *m, int key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key == key)
			return m->v[i].action;
	return ACT_NONE;
}

void keymap_keys_of(const struct keymap *m, enum action a, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	/* in the order of the defaults first, then added bindings */
	for (size_t i = 0; i < m->n; i++) {
		if (m->v[i].action != a)
			continue;
		char kn[16];
		keyname_of(m->v[i].key, kn, sizeof(kn));
		int w = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", kn);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
}

void keymap_free(struct keymap *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* --- reading keys ------------------------------------------------------------ */

volatile sig_atomic_t keys_signal;
static const char *replay;
static int wait_ms = -1;

void keys_replay(const char *keys)
{
	replay = keys;
}

bool keys_replaying(void)
{
	return replay && *replay;
}

void keys_timeout(int ms)
{
	wait_ms = ms;
	timeout(ms);
}

int keys_read(void)
{
	if (replay && *replay) {
		int k = (unsigned char)*replay++;
		return k == '\r' ? KEY_RETURN : k;
	}
	wint_t ch;
	int r = get_wch(&ch);
	if (r == ERR) {
		/* a terminal that went away (the connection dropped without a
		 * SIGHUP reaching us) reads as an error at once: leave as on a
		 * hang-up instead of spinning */
		struct pollfd pf = { .fd = STDIN_FILENO, .events = POLLIN };
		if (poll(&pf, 1, 0) > 0 && (pf.revents & (POLLHUP | POLLERR | POLLNVAL)))
			keys_signal = SIGHUP;
		return -1;
	}
	if (r == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return KEY_RETURN;
		return KEY_FUNC | (int)ch;
	}
	if (ch == '\r')
		return KEY_RETURN;
	if (ch == 0x7f || ch == 8)
		return KEY_FUNC | KEY_BACKSPACE;
	return (int)ch;
}

int keys_next(void)
{
	for (;;) {
		int k = keys_read();
		if (k >= 0 || keys_signal)
			return k;
	}
}

bool keys_stop_requested(void)
{
	if (keys_signal)
		return true;
	if (replay)
		return false; /* replayed keys are the replay's */
	bool stop = false;
	wint_t kept[32];
	int kind[32], n = 0, r;
	wint_t ch;
	nodelay(stdscr, TRUE);
	/* what does not fit stays in the terminal's queue, in order */
	while (!stop && n < 30 && (r = get_wch(&ch)) != ERR) {
		if (r == OK && ch == KEY_ESC) {
			/* Esc alone, not the start of Alt+key or of a sequence
			 * the terminal description does not know */
			wint_t next;
			int r2 = get_wch(&next);
			if (r2 == ERR)
				stop = true;
			else
				kept[n] = ch, kind[n++] = r, kept[n] = next, kind[n++] = r2;
		} else {
			kept[n] = ch, kind[n++] = r;
		}
	}
	timeout(wait_ms);
	while (n-- > 0) /* pushed back last first */
		kind[n] == KEY_CODE_YES ? ungetch((int)kept[n]) : unget_wch(kept[n]);
	return stop;
}
