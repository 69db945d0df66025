/* jsonw.h - writing JSON the way parley saves readouts.
 *
 * Two layouts: pretty (two-space indentation, one member or element per
 * line, ": " after keys: the layout of parley's own .json files) and compact
 * (no spaces: one readout per line of a .jsonl file).  Strings are written
 * as UTF-8, escaping only what JSON requires; numbers that are integers are
 * written as integers, others in the shortest form that reads back equal.
 * The output of a tree parsed from parley's own output is byte-identical.
 */
#ifndef PARLEY_JSONW_H
#define PARLEY_JSONW_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Appends v to b; pretty adds a final newline at the top level. */
void jsonw_write(struct strbuf *b, const cJSON *v, bool pretty);
void jsonw_string(struct strbuf *b, const char *s);

#endif
