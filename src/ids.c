/* ids.c - ids made from labels (see ids.h), transliterated by ICU. */
#include "ids.h"
#include "arena.h"
#include "fold.h"
#include "hash.h"
#include "icu.h"
#include "strmap.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* Russian by BGN/PCGN before the general Cyrillic rule, any script to
 * Latin (Han to pinyin), then to ASCII and lower case.  A label wholly in
 * Cyrillic or wholly in Han characters goes through the rule of its script
 * alone, which gives the same and is many times faster. */
enum { T_ANY, T_CYRILLIC, T_HAN, T_COUNT };
static const char *const RULES[T_COUNT] = {
	"Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower",
	"Russian-Latin/BGN; Latin-ASCII; Lower",
	"Han-Latin; Latin-ASCII; Lower",
};
static UTransliterator *translits[T_COUNT];
static bool opened[T_COUNT];

static UTransliterator *open_translit(int which)
{
	if (opened[which])
		return translits[which];
	opened[which] = true;
	const struct icu *I = icu();
	if (!I)
		return NULL; /* no ICU: ASCII letters and digits only */
	UChar id[128];
	UErrorCode e = U_ZERO_ERROR;
	UParseError pe;
	I->uastrcpy(id, RULES[which]);
	translits[which] = I->trans_open(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &e);
	if (U_FAILURE(e))
		translits[which] = NULL; /* no ICU data: the same */
	return translits[which];
}

/* which rule a label needs: its letters beyond ASCII all Cyrillic, all
 * Han, or else */
static int script_of(const char *label)
{
	bool cyr = false, han = false, other = false;
	for (const unsigned char *p = (const unsigned char *)label; *p;) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, p, strlen((const char *)p));
		if (l < 1)
			return T_ANY;
		if (uc >= 0x400 && uc <= 0x52F)
			cyr = true;
		else if ((uc >= 0x3400 && uc <= 0x9FFF) || (uc >= 0xF900 && uc <= 0xFAFF))
			han = true;
		else if (uc >= 0x80)
			other = true;
		p += l;
	}
	return other || (cyr && han) ? T_ANY : cyr ? T_CYRILLIC : han ? T_HAN : T_ANY;
}

/* Transliterating is slow (a few hundred microseconds a label for Han):
 * what was done is remembered, for the labels that come back (a drafted
 * corpus names the same people over and over).  One lock for both: ICU's
 * transliterator is not to be used by two threads at once. */
static pthread_mutex_t translit_lock = PTHREAD_MUTEX_INITIALIZER;
#define MEMO_SIZE 1024
static struct memo {
	char *label, *ascii;
} memo[MEMO_SIZE];

static void transliterate(const char *label, char *out, size_t size);

static void to_ascii(const char *label, char *out, size_t size)
{
	bool plain = true;
	for (const char *p = label; *p && plain; p++)
		plain = (unsigned char)*p < 0x80;
	if (plain) {
		snprintf(out, size, "%s", label);
		return;
	}
	/* Latin with accents: folded ("Sergueï" -> "serguei") */
	char *f = fold_dup(label, strlen(label));
	bool ascii = true;
	for (const char *p = f; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	if (ascii) {
		snprintf(out, size, "%s", f);
		free(f);
		return;
	}
	free(f);
	size_t slot = hash64(label, strlen(label)) % MEMO_SIZE;
	pthread_mutex_lock(&translit_lock);
	if (memo[slot].label && strcmp(memo[slot].label, label) == 0) {
		snprintf(out, size, "%s", memo[slot].ascii);
	} else {
		transliterate(label, out, size);
		free(memo[slot].label);
		free(memo[slot].ascii);
		memo[slot].label = xstrdup(label);
		memo[slot].ascii = xstrdup(out);
	}
	pthread_mutex_unlock(&translit_lock);
}

/* label in ASCII: transliterated when ICU can, else as it is (the slug
 * keeps its ASCII letters and digits only). */
static void transliterate(const char *label, char *out, size_t size)
{
	/* (under translit_lock) */
	UTransliterator *translit = open_translit(script_of(label));
	snprintf(out, size, "%s", label);
	if (!translit)
		return;
	enum { CAP = 1024 };
	UChar buf[CAP];
	int32_t len = 0, limit;
	UErrorCode e = U_ZERO_ERROR;
	/* the first 256 UTF-16 units are plenty for an id */
	const struct icu *I = icu(); /* (there: translit is) */
	I->from_utf8(buf, 256, &len, label, -1, &e);
	if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR && e != U_STRING_NOT_TERMINATED_WARNING)
		return;
	e = U_ZERO_ERROR;
	if (len > 256)
		len = 256;
	limit = len;
	I->trans(translit, buf, &len, CAP, 0, &limit, &e);
	if (U_FAILURE(e))
		return;
	int32_t n = 0;
	I->to_utf8(out, (int32_t)size - 1, &n, buf, len, &e);
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

void ids_unique(const char *base, bool (*taken)(const char *id, void *arg), void *arg, char *out, size_t size)
{
	snprintf(out, size, "%s", base);
	for (unsigned n = 2; taken(out, arg) && n; n++)
		snprintf(out, size, "%.*s-%u", (int)(size > 12 ? size - 12 : 0), base, n);
}

bool ids_in_map(const char *id, void *map)
{
	size_t v;
	return strmap_get(map, id, strlen(id), &v);
}

struct entity_ids {
	const struct corpus *c;
	const struct facets *f;
	size_t ri;
};

static bool taken(const char *id, void *arg)
{
	const struct entity_ids *e = arg;
	const struct corpus *c = e->c;
	const struct facets *f = e->f;
	size_t ri = e->ri;
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
	struct entity_ids e = { c, f, ri };
	ids_unique(base, taken, &e, out, size);
}
