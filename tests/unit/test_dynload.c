/* test_dynload.c - ICU and libxml2 opened at their first use (dynload.h):
 * not in the process before, there and working after; a library or a
 * symbol that cannot be had says which. */
#include "config.h"
#include "tap.h"
#include "diag.h"
#include "dynload.h"
#include "html.h"
#include "icu.h"
#include "ids.h"
#include "readout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	/* (nothing linked them: this program starts without them) */
	ok(!dynload_loaded(ICU_SONAME), "ICU is not in the process at start (%s)", ICU_SONAME);
	ok(icu_missing() == NULL, "nor said missing before anything wanted it");
	ok(!dynload_loaded(XML_SONAME), "nor libxml2 (%s)", XML_SONAME);
	ok(lang_is_assigned("fr") && lang_is_assigned("ZH-Hant") && !lang_is_assigned("qz") && !lang_is_assigned("xx"),
	   "language codes are checked");
	ok(!dynload_loaded(ICU_SONAME), "without ICU (parley's table: loading ICU cost a command 3 MB)");

	char id[64];
	ids_from_label("Ван И", id, sizeof(id));
	is_str(id, "van-i", "an id from a Cyrillic label, transliterated by ICU");
	ids_from_label("王毅", id, sizeof(id));
	is_str(id, "wang-yi", "and from a Chinese one");
	ok(dynload_loaded(ICU_SONAME), "ICU is in the process once an id was made");
	ok(icu() != NULL && icu_missing() == NULL, "and its functions were all found");
	/* the table is ICU's list of two-letter codes, neither more nor fewer */
	const char *table = lang_codes_assigned();
	size_t theirs = 0, missing = 0;
	for (const char *const *l = icu()->iso_languages(); *l; l++) {
		if (strlen(*l) != 2)
			continue;
		theirs++;
		bool found = false;
		for (const char *t = table; *t && !found; t += 2)
			found = t[0] == (*l)[0] && t[1] == (*l)[1];
		if (!found && missing++ < 5)
			diag_note("ICU lists %s, the table has it not", *l);
	}
	is_int(missing, 0, "every two-letter code ICU lists is in the table");
	is_int(strlen(table) / 2, theirs, "and the table has no other (%zu)", theirs);
	ok(!dynload_loaded(XML_SONAME), "libxml2 is still not in the process");

	static const char page[] = "<html><head><title>Talks - Ministry</title></head><body><nav>Home</nav>"
	                           "<article><h1>Talks</h1><p>The ministers met in Tashkent and discussed the "
	                           "situation in the region at length, and agreed to meet again.</p><p>They "
	                           "also spoke of trade, of the pandemic and of the coming summit.</p></article>"
	                           "</body></html>";
	struct article a;
	struct diags d = { 0 };
	bool read = html_article(page, sizeof(page) - 1, &a, "page.html", &d);
	ok(read && a.text && strstr(a.text, "Tashkent") && !strstr(a.text, "Home"),
	   "a page read with libxml2: its article's text");
	if (read)
		article_free(&a);
	ok(dynload_loaded(XML_SONAME), "libxml2 is in the process once a page was read");
	diags_free(&d);

	/* what cannot be had */
	void *f = &f;
	char why[256];
	struct dynsym none[] = { { "no_such_function_here", &f } };
	ok(!dynload("libparley-no-such-library.so.9", none, 1, why, sizeof(why)) && f == NULL
	       && strstr(why, "libparley-no-such-library.so.9"),
	   "a library that is not there: false, its name said (%s)", why);
	f = &f;
	ok(!dynload(XML_SONAME, none, 1, why, sizeof(why)) && f == NULL && strstr(why, "no_such_function_here"),
	   "a symbol the library has not: false, its name said (%s)", why);
	return tap_done();
}
