/* jsonw.h - writing JSON the way parley saves readouts.
 *
 * Two layouts: pretty (two-space indentation, one member or element per
 * line, ": " after keys: the layout of parley's own .json files) and compact
 * (no spaces: one readout per line of a .jsonl file).  Strings are written
 * as UTF-8, escaping only what JSON requires.  A number read by jsonw_parse
 * is written as it was read (1.0, 1e2, an integer beyond a double's 53
 * bits: a key parley does not know keeps its exact value); another, made
 * or changed by parley, that is an integer as an integer, else in the
 * shortest form that reads back equal.  The output of a tree parsed from
 * parley's own output is byte-identical.
 */
#ifndef PARLEY_JSONW_H
#define PARLEY_JSONW_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* cJSON_ParseWithLength, each number keeping the text it was read from
 * (in its valuestring, which cJSON leaves unused for numbers and frees
 * with it), for the writer to write it back as it was.  NULL when s is
 * not JSON. */
cJSON *jsonw_parse(const char *s, size_t n);
/* Appends v to b; pretty adds a final newline at the top level. */
void jsonw_write(struct strbuf *b, const cJSON *v, bool pretty);
/* Appends v as it is written at nesting depth `depth` (its members'
 * indentation), without the final newline: a part of a larger text. */
void jsonw_write_at(struct strbuf *b, const cJSON *v, bool pretty, int depth);
void jsonw_string(struct strbuf *b, const char *s);
/* The object s (n bytes) with its top-level member key set to the string
 * value, written again in the layout asked (malloc'd, its length in
 * *len); NULL when s is not an object. */
char *jsonw_with_string(const char *s, size_t n, const char *key, const char *value, bool pretty, size_t *len);

/* Where the parts of a text in the writer's layout are: its top-level
 * members (a member runs from its key's opening quote to the end of its
 * value), and the elements of the top-level array named by array_key.
 * Offsets are bytes from the start of the text, ends exclusive. */
struct jsonw_member {
	size_t key, key_end, value, end;
};
struct jsonw_layout {
	struct jsonw_member *m;
	size_t n;
	long array;            /* the index in m of array_key's member, -1 when absent */
	size_t *elem;          /* its elements: start and end, two per element */
	size_t n_elem;
};
/* True when s (n bytes) is exactly what jsonw_write writes for the object
 * it holds (pretty or compact), so that its parts can be copied into a new
 * text of that layout byte for byte; then *l tells where they are (free it
 * with jsonw_layout_free).  False for any other text. */
bool jsonw_layout(const char *s, size_t n, bool pretty, const char *array_key, struct jsonw_layout *l);
void jsonw_layout_free(struct jsonw_layout *l);
/* jsonw_write, telling in *l where the parts of what it wrote are, as
 * jsonw_layout would find them (free it with jsonw_layout_free). */
void jsonw_write_parts(struct strbuf *b, const cJSON *v, bool pretty, const char *array_key, struct jsonw_layout *l);

#endif
