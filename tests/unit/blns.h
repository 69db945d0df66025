/* blns.h - the Big List of Naughty Strings for the unit tests: read from
 * $PARLEY_TESTDATA (else ../shared/testdata beside the source tree); NULL
 * with a TAP skip (its reason naming the file and how to provide it) when
 * it is not there. */
#ifndef PARLEY_TEST_BLNS_H
#define PARLEY_TEST_BLNS_H

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static cJSON *load_blns(void)
{
	char path[4096];
	const char *td = getenv("PARLEY_TESTDATA"), *top = getenv("top_srcdir");
	if (td && *td)
		snprintf(path, sizeof(path), "%s/naughty-strings/blns.json", td);
	else
		snprintf(path, sizeof(path), "%s/../shared/testdata/naughty-strings/blns.json",
			 top && *top ? top : ".");
	FILE *f = fopen(path, "rb");
	if (!f) {
		tap_skip("the naughty strings are not checked: %s is missing (the Big List of Naughty Strings; "
		         "set PARLEY_TESTDATA=DIR with DIR/naughty-strings/blns.json, by default "
		         "../shared/testdata beside the source tree)",
		         path);
		return NULL;
	}
	size_t cap = 1 << 16, n = 0, k;
	char *buf = malloc(cap);
	while ((k = fread(buf + n, 1, cap - n, f)) > 0)
		if ((n += k) == cap)
			buf = realloc(buf, cap *= 2);
	fclose(f);
	cJSON *a = cJSON_ParseWithLength(buf, n);
	free(buf);
	if (!cJSON_IsArray(a)) {
		diag_note("skipped: %s is not a JSON array", path);
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

#endif
