/* keys.c - reading keys, key names, the action table and the key map. */
#include "keys.h"
#include "arena.h"
#include "test_hooks.h"

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

/* The wheel down is button 5 from ncurses 6 on (2 before: no wheel). */
#ifdef BUTTON5_PRESSED
#define WHEEL_DOWN BUTTON5_PRESSED
#else
#define WHEEL_DOWN 0
#endif

unsigned long mouse_wanted(void)
{
	return (unsigned long)(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | WHEEL_DOWN);
}

enum mouse_kind mouse_kind_of(unsigned long bstate)
{
	if (bstate & BUTTON4_PRESSED)
		return MOUSE_WHEEL_UP;
	if ((bstate & WHEEL_DOWN) != 0)
		return MOUSE_WHEEL_DOWN;
	if (bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		return MOUSE_CLICK;
	return MOUSE_NONE;
}

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
static int pushed[64], n_pushed; /* keys given back (keys_unread), last first */

/* The rest of a character comes with its first byte: wait for it this long
 * at most (a byte missing after that makes the start an invalid key). */
#define UTF8_REST_MS 100

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

void keys_unread(int key)
{
	if (n_pushed < (int)(sizeof(pushed) / sizeof(pushed[0])))
		pushed[n_pushed++] = key;
}

/* A character whose first byte is b0 (0x80 or more), its other bytes read
 * here, as UTF-8 defines them (no overlong forms, no surrogates, nothing
 * past U+10FFFF); KEY_INVALID for a byte that starts none, or a start cut
 * short: one key, whatever it was, and the byte that cut it short is the
 * next key.  (ncurses' get_wch, which did this, held on to the keys typed
 * after an invalid byte, Enter and Esc included, for a hundred bytes or
 * more.) */
static int utf8_rest(int b0)
{
	int need;
	uint32_t cp;
	int lo = 0x80, hi = 0xBF;
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		need = 1, cp = (uint32_t)b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		need = 2, cp = (uint32_t)b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0;
		else if (b0 == 0xED)
			hi = 0x9F;
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		need = 3, cp = (uint32_t)b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90;
		else if (b0 == 0xF4)
			hi = 0x8F;
	} else {
		return KEY_INVALID;
	}
	timeout(UTF8_REST_MS);
	int key = -1;
	for (int i = 0; i < need && key < 0; i++) {
		int b = getch();
		if (b == ERR) {
			key = KEY_INVALID;
		} else if (b < lo || b > hi) {
			ungetch(b); /* the next key: never lost */
			key = KEY_INVALID;
		} else {
			cp = cp << 6 | ((uint32_t)b & 0x3F);
			lo = 0x80, hi = 0xBF;
		}
	}
	timeout(wait_ms);
	return key < 0 ? (int)cp : key;
}

/* The key an escape sequence names (the introducer read: '[' for CSI,
 * 'O' for SS3), read to its end here: what ncurses left undecoded, its
 * terminal description not having it.  Modifiers (ESC [ 1 ; 5 C) are let
 * go; an X10 mouse report (ESC [ M and three bytes) is read whole. */
static int escape_rest(int intro)
{
	char params[16];
	size_t np = 0;
	int fin = -1, key = KEY_UNKNOWN;
	timeout(UTF8_REST_MS);
	if (intro == 'O') {
		fin = getch();
	} else {
		/* parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, then the
		 * final byte 0x40-0x7E */
		for (int i = 0; i < 64; i++) {
			int b = getch();
			if (b == ERR || b < 0x20 || b > 0x7E) {
				if (b != ERR)
					ungetch(b); /* not of the sequence: the next key */
				break;
			}
			if (b >= 0x40) {
				fin = b;
				break;
			}
			if (np + 1 < sizeof(params))
				params[np++] = (char)b;
		}
	}
	params[np] = '\0';
	if (intro == '[' && fin == 'M' && np == 0)
		for (int i = 0; i < 3; i++)
			getch();
	/* the first parameter: ESC [ 4 ~ is End, ESC [ 1 ; 5 H Home */
	int first = atoi(params);
	switch (fin) {
	case 'A': key = KEY_FUNC | KEY_UP; break;
	case 'B': key = KEY_FUNC | KEY_DOWN; break;
	case 'C': key = KEY_FUNC | KEY_RIGHT; break;
	case 'D': key = KEY_FUNC | KEY_LEFT; break;
	case 'H': key = KEY_FUNC | KEY_HOME; break;
	case 'F': key = KEY_FUNC | KEY_END; break;
	case '~':
		switch (first) {
		case 1: case 7: key = KEY_FUNC | KEY_HOME; break;
		case 4: case 8: key = KEY_FUNC | KEY_END; break;
		case 2: key = KEY_FUNC | KEY_IC; break;
		case 3: key = KEY_FUNC | KEY_DC; break;
		case 5: key = KEY_FUNC | KEY_PPAGE; break;
		case 6: key = KEY_FUNC | KEY_NPAGE; break;
		default: break;
		}
		break;
	default:
		break;
	}
	timeout(wait_ms);
	return key;
}

/* The next key from the terminal: bytes and the keys ncurses decodes
 * (keypad mode), characters put together here. */
static int term_key(void)
{
	int r = getch();
	if (r == ERR)
		return -1;
	if (r == KEY_ESC) {
		/* what ncurses did not know of a sequence is in its queue
		 * already: Esc alone has nothing after it */
		nodelay(stdscr, TRUE);
		int next = getch();
		timeout(wait_ms);
		if (next == '[' || next == 'O')
			return escape_rest(next);
		if (next != ERR)
			ungetch(next); /* Esc, then that key */
		return KEY_ESC;
	}
	if (r >= KEY_MIN)
		return r == KEY_ENTER ? KEY_RETURN : KEY_FUNC | r;
	if (r == '\r')
		return KEY_RETURN;
	if (r == 0x7f || r == 8)
		return KEY_FUNC | KEY_BACKSPACE;
	return r < 0x80 ? r : utf8_rest(r);
}

int keys_read(void)
{
	if (n_pushed)
		return pushed[--n_pushed];
	if (replay && *replay) {
		if (!test_replay_due(wait_ms))
			return -1; /* PARLEY_REPLAY_EARLY's pace */
		int k = (unsigned char)*replay++;
		return k == '\r' ? KEY_RETURN : k;
	}
	int k = term_key();
	if (k < 0) {
		/* a terminal that went away (the connection dropped without a
		 * SIGHUP reaching us) reads as an error at once: leave as on a
		 * hang-up instead of spinning */
		struct pollfd pf = { .fd = STDIN_FILENO, .events = POLLIN };
		if (poll(&pf, 1, 0) > 0 && (pf.revents & (POLLHUP | POLLERR | POLLNVAL)))
			keys_signal = SIGHUP;
	}
	return k;
}

bool keys_interrupted(void)
{
	if (keys_signal != SIGINT)
		return false;
	keys_signal = 0;
	return true;
}

int keys_next(void)
{
	for (;;) {
		int k = keys_read();
		if (k >= 0 || keys_signal)
			return k;
	}
}

int keys_read_now(void)
{
	if (n_pushed || (replay && *replay))
		return keys_read();
	nodelay(stdscr, TRUE);
	int k = term_key();
	timeout(wait_ms);
	return k;
}

bool keys_stop_requested(void)
{
	if (keys_signal)
		return true;
	if (replay)
		return false; /* replayed keys are the replay's */
	bool stop = false;
	int kept[32], n = 0, k;
	/* what does not fit stays in the terminal's queue, in order */
	while (!stop && n < 30 && (k = keys_read_now()) >= 0) {
		if (k == KEY_ESC) {
			/* Esc alone, not the start of Alt+key or of a sequence
			 * the terminal description does not know */
			int next = keys_read_now();
			if (next < 0)
				stop = true;
			else
				kept[n++] = k, kept[n++] = next;
		} else {
			kept[n++] = k;
		}
	}
	while (n-- > 0) /* given back last first */
		keys_unread(kept[n]);
	return stop;
}
