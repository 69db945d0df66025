/* keys.h - key codes, key names and the key map.
 *
 * A key is a code point (typed characters, control characters) or, for the
 * keys ncurses reports as KEY_*, KEY_FUNC | code.  Names follow tig and vim:
 * "j", "C-d", "Enter", "Esc", "Tab", "S-Tab", "PgDn", "F1", "Space".
 */
#ifndef PARLEY_KEYS_H
#define PARLEY_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

#define KEY_FUNC 0x40000000

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
