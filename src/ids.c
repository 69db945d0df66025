/* ids.c - ids made from labels (see ids.h), transliterated by ICU. */
#include "ids.h"
#include "arena.h"
#include "hash.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

/* Russian by BGN/PCGN before the general Cyrillic rule, any script to
 * Latin (Han to pinyin), then to ASCII and lower case. */
static const char RULES[] = "Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower";
static UTransliterator *translit;
static pthread_once_t translit_once = PTHREAD_ONCE_INIT;

static void open_translit(void)
{
	UChar id[sizeof(RULES)];
	UErrorCode e = U_ZERO_ERROR;
	UParseError pe;
	u_uastrcpy(id, RULES);
	translit = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &e);
	if (U_FAILURE(e))
		translit = NULL; /* no ICU data: ASCII letters and digits only */
}

/* label in ASCII: transliterated when ICU can, else as it is (the slug
 * keeps its ASCII letters and digits only). */
static void to_ascii(const char *label, char *out, size_t size)
{
	pthread_once(&translit_once, open_translit);
	snprintf(out, size, "%s", label);
	if (!translit)
		return;
	enum { CAP = 1024 };
	UChar buf[CAP];
	int32_t len = 0, limit;
	UErrorCode e = U_ZERO_ERROR;
	/* the first 256 UTF-16 units are plenty for an id */
	u_strFromUTF8Lenient(buf, 256, &len, label, -1, &e);
	if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR && e != U_STRING_NOT_TERMINATED_WARNING)
		return;
	e = U_ZERO_ERROR;
	if (len > 256)
		len = 256;
	limit = len;
	utrans_transUChars(translit, buf, &len, CAP, 0, &limit, &e);
	if (U_FAILURE(e))
		return;
	int32_t n = 0;
	u_strToUTF8(out, (int32_t)size - 1, &n, buf, len, &e);
	if (U_FAILURE(e) || n < 0 || (size_t)n >= size)
		snprintf(out, size, "%s", label);
	else
		out[n] = '\0';
}

void ids_from_label(const char *label, char *out, size_t size)
{
	char ascii[1024];
	to_ascii(label, ascii, sizeof(ascii));
	size_t k = 0, word = 0;
	bool dash = false;
	for (const char *p = ascii; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum) {
			dash = k > 0;
			continue;
		}
		if (dash) {
			word = k; /* where to cut when the next word does not fit */
			if (k + 2 >= size)
				break;
			out[k++] = '-';
			dash = false;
		}
		if (k + 1 >= size) {
			k = word ? word : k; /* cut between words; a first word too long is cut */
			break;
		}
		out[k++] = c;
	}
	if (size)
		out[k] = '\0';
}

static bool taken(const struct corpus *c, const struct facets *f, size_t ri, const char *id)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		if (f && facets_find(f, (enum entity_kind)k, id) >= 0)
			return true;
		const struct readout *r = &c->readouts[ri];
		for (size_t i = 0; i < r->n_ents[k]; i++)
			if (strcmp(r->ents[k][i].id, id) == 0)
				return true;
	}
	return false;
}

void ids_new_entity(const struct corpus *c, const struct facets *f, size_t ri, enum entity_kind k,
                    const char *label, char *out, size_t size)
{
	char base[128];
	ids_from_label(label, base, sizeof(base) - 8);
	if (!*base)
		snprintf(base, sizeof(base), "%s-%08llx", entity_kind_names[k],
		         (unsigned long long)(hash64(label, strlen(label)) & 0xffffffffu));
	snprintf(out, size, "%s", base);
	for (unsigned n = 2; taken(c, f, ri, out); n++)
		snprintf(out, size, "%s-%u", base, n);
}
