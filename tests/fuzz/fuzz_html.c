/* fuzz_html.c - a fuzz target for the reader of saved pages: any bytes as
 * a page.  An article or a message; never a crash or a leak. */
#include "html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = { 0 };
	struct article a;
	if (html_article((const char *)data, size, &a, "fuzz.html", &d)) {
		if (!a.text || strlen(a.text) > size * 4 + 64)
			abort();
		article_free(&a);
	} else if (!d.n) {
		abort();
	}
	diags_free(&d);
	return 0;
}
