/* readout_json.h - from a parsed JSON object to a readout, checking every
 * rule of the format on the way. */
#ifndef PARLEY_READOUT_JSON_H
#define PARLEY_READOUT_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "diag.h"
#include "readout.h"

/* Builds *r from obj.  Every broken rule is added to d as
 * "PATH: readout ID: JSON.PATH: message" (with " (line N)" appended when
 * line is not 0, for JSON Lines).  Returns true when the readout is valid;
 * on false *r holds nothing. */
bool readout_from_json(const cJSON *obj, const char *path, unsigned long line,
                       struct readout *r, struct diags *d);

#endif
