/* fuzz_extract.c - a fuzz target for the extractor: any bytes as a plain
 * readout.  The draft must be a readout parley loads (valid) or the input
 * refused with a message; never a crash, a leak, or an invalid readout.
 * The lexicon comes from $PARLEY_LEXICON (default: lexicon/). */
#include "corpus.h"
#include "extract.h"
#include "jsonw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct lexicon lx;
static bool ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready) {
		const char *dirs[2] = { getenv("PARLEY_LEXICON"), NULL };
		if (!dirs[0])
			dirs[0] = "lexicon";
		struct diags d = { 0 };
		if (!lexicon_load(&lx, dirs, &d)) {
			fprintf(stderr, "fuzz_extract: no lexicon in %s (set PARLEY_LEXICON)\n", dirs[0]);
			abort();
		}
		diags_free(&d);
		ready = true;
	}
	struct diags d = { 0 };
	cJSON *r = extract_text(&lx, "fuzz.txt", (const char *)data, size, NULL, &d);
	if (r) {
		/* the draft loads as a readout with no error */
		struct strbuf b = { 0 };
		jsonw_write(&b, r, false);
		struct corpus c;
		corpus_init(&c);
		corpus_add_buffer(&c, "draft.json", b.s, b.n, false);
		if (c.n_skipped || c.diags.count[DIAG_RULE] || c.diags.count[DIAG_SYNTAX]) {
			diags_print(&c.diags, stderr, true);
			abort();
		}
		corpus_free(&c);
		sb_free(&b);
		cJSON_Delete(r);
	} else if (!d.n) {
		abort(); /* refused without saying why */
	}
	diags_free(&d);
	return 0;
}
