/* keys.h - keys: reading them from the terminal, their codes and names,
 * and the key map.
 *
 * A key is a code point (typed characters, control characters) or, for the
 * keys ncurses reports as KEY_*, KEY_FUNC | code.  Names follow tig and vim:
 * "j", "C-d", "Enter", "Esc", "Tab", "S-Tab", "PgDn", "F1", "Space".  The
 * modes with keys of their own (the line editor, the pickers, selecting
 * text) name theirs with the constants below, never with numbers.
 */
#ifndef PARLEY_KEYS_H
#define PARLEY_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

#include <signal.h>

#define KEY_FUNC 0x40000000
#define KEY_CTRL(c) ((c) & 0x1f)          /* KEY_CTRL('a'): C-a */
#define KEY_ESC 27
#define KEY_TAB '\t'
#define KEY_RETURN '\n'                   /* Enter, whatever the terminal sends */
#define KEY_ALT(c) (KEY_FUNC | 0x10000 | (c)) /* Esc then c, as the line editor reads M-b, M-f */
#define KEY_INVALID (KEY_FUNC | 0x20000)  /* input that is not UTF-8: one key, to be ignored */
#define KEY_UNKNOWN (KEY_FUNC | 0x30000)  /* a key the terminal sent as a sequence parley does not know: one key, ignored */

/* --- reading keys -------------------------------------------------------- */

/* The signal that arrived (SIGHUP, SIGTERM), 0 while none: its handler only
 * sets this, the loop does the rest. */
extern volatile sig_atomic_t keys_signal;
/* Keys read from this string instead of the terminal (PARLEY_REPLAY) until
 * it ends; keys_replaying tells whether some are left. */
void keys_replay(const char *keys);
bool keys_replaying(void);
/* How long keys_read waits for a key: ms, or -1 for as long as it takes. */
void keys_timeout(int ms);
/* The next key; -1 after the timeout, or when a signal arrived (a terminal
 * gone without a SIGHUP counts as one).  Typed characters are read as
 * UTF-8 byte by byte: a byte that is not UTF-8 is one KEY_INVALID, and
 * costs no other key.  An escape sequence the terminal description does
 * not give (Home as ESC [ 1 ~ under another TERM) is read whole here: a
 * key it names (Home, End, Delete, the arrows, pages), else one
 * KEY_UNKNOWN, never Esc and then its bytes as keys. */
int keys_read(void);
/* The next key, through timeouts; -1 only when a signal arrived. */
int keys_next(void);
/* At a prompt, a picker or a question: was the key that did not come a C-c
 * (SIGINT)?  Then it is taken (parley stays) and cancels there, as in vim
 * and bash; a hang-up or a TERM still leaves. */
bool keys_interrupted(void);
/* The next key if one was typed, else -1 at once. */
int keys_read_now(void);
/* Gives a key back: the next keys_read returns it (last given, first
 * read). */
void keys_unread(int key);
/* For long work that can be stopped: true when Esc was pressed (or a
 * signal arrived), without waiting; other keys typed meanwhile are kept
 * for after it. */
bool keys_stop_requested(void);

/* What a mouse event is, from ncurses' button state (mmask_t): a click of
 * the first button, the wheel up or down, or nothing parley uses. */
enum mouse_kind { MOUSE_NONE, MOUSE_CLICK, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN };
enum mouse_kind mouse_kind_of(unsigned long bstate);
/* The button states to ask the terminal for (mousemask). */
unsigned long mouse_wanted(void);

/* Parses a key name; returns -1 when it is not one. */
int keyname_parse(const char *name);
/* Writes the name of key to buf (at least 16 bytes). */
const char *keyname_of(int key, char *buf, size_t size);

struct keymap {
	struct binding {
		int key;
		enum action action;
	} *v;
	size_t n, cap;
};

/* The default bindings from the action table. */
void keymap_defaults(struct keymap *m);
void keymap_bind(struct keymap *m, int key, enum action a); /* ACT_NONE unbinds */
enum action keymap_lookup(const struct keymap *m, int key);
/* Keys bound to a, as a display string ("j, Down"). */
void keymap_keys_of(const struct keymap *m, enum action a, char *buf, size_t size);
void keymap_free(struct keymap *m);

#endif
