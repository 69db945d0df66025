/* readout.c - the readout model: enumeration tables, syntax checks of the
 * format's strings, and small queries on one readout. */
#include "readout.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>

#define NAME_ITEM(e, s) s,
const char *const readout_kind_names[KIND_COUNT] = { READOUT_KINDS(NAME_ITEM) };
const char *const agreement_kind_names[AKIND_COUNT] = { AGREEMENT_KINDS(NAME_ITEM) };
const char *const stance_names[STANCE_COUNT] = { STANCES(NAME_ITEM) };
const char *const review_names[REVIEW_COUNT] = { REVIEWS(NAME_ITEM) };
#undef NAME_ITEM
const char *const entity_kind_names[ENT_KINDS] = { "speaker", "topic", "agreement" };
const char *const entity_kind_plural[ENT_KINDS] = { "speakers", "topics", "agreements" };

int name_lookup(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int name_lookup_typed(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcasecmp(names[i], name) == 0) /* (as the other options' values: fileio.c's none) */
			return i;
	return -1;
}

void readout_free(struct readout *r)
{
	arena_free(&r->arena);
	free(r->text_buf);
	memset(r, 0, sizeof(*r));
}

bool readout_speaks(const struct readout *r, const struct position *p, uint32_t s)
{
	if (p->speaker == s)
		return true;
	const struct entity *g = &RO_SPEAKERS(r)[p->speaker];
	for (size_t i = 0; i < g->n_members; i++)
		if (g->members[i] == s)
			return true;
	return false;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool ids_eq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return na == nb && (a == b || mem_equal(a, b, na * sizeof(*a)));
}

/* Field by field: structs may have padding. */
bool position_eq(const struct position *a, const struct position *b)
{
	return str_eq(a->id, b->id) && a->speaker == b->speaker && a->span.start == b->span.start
	       && a->span.end == b->span.end && str_eq(a->summary, b->summary) && str_eq(a->note, b->note)
	       && str_eq(a->by, b->by) && str_eq(a->stance_text, b->stance_text) && a->review == b->review
	       && ids_eq(a->topics, a->n_topics, b->topics, b->n_topics)
	       && ids_eq(a->agreements, a->n_agreements, b->agreements, b->n_agreements);
}

struct order_key {
	size_t start, end, index;
};

static int by_text(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

void readout_text_order(const struct readout *r, size_t *order)
{
	size_t n = r->n_positions;
	bool sorted = true;
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		if (i) {
			const struct span *a = &r->positions[i - 1].span, *b = &r->positions[i].span;
			sorted = sorted && (a->start < b->start || (a->start == b->start && a->end >= b->end));
		}
	}
	if (sorted || n < 2)
		return; /* as in the file, the usual case */
	struct order_key *k = malloc(n * sizeof(*k));
	if (!k)
		abort();
	for (size_t i = 0; i < n; i++)
		k[i] = (struct order_key){ r->positions[i].span.start, r->positions[i].span.end, i };
	sort_array(k, n, sizeof(*k), by_text);
	for (size_t i = 0; i < n; i++)
		order[i] = k[i].index;
	free(k);
}

bool id_is_valid(const char *s, size_t n)
{
	if (n == 0 || n > 200)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		      || c == '.' || c == '_' || c == ':' || c == '-'))
			return false;
	}
	return true;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

const char *date_why_not(const char *s)
{
	static const char *const months[12] = { "January", "February", "March", "April", "May", "June", "July",
		                                "August", "September", "October", "November", "December" };
	static char why[64];
	size_t n = strlen(s);
	if (date_is_valid(s))
		return NULL;
	bool form = (n == 4 || n == 7 || n == 10) && digits(s, 4) && (n == 4 || (s[4] == '-' && digits(s + 5, 2)))
	            && (n < 10 || (s[7] == '-' && digits(s + 8, 2)));
	if (!form)
		return "the form is YYYY-MM-DD, YYYY-MM or YYYY";
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return "a month is 01 to 12";
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m == 2 && d == 29)
		snprintf(why, sizeof(why), "%.4s is not a leap year", s);
	else if (d == 0)
		snprintf(why, sizeof(why), "a day is 01 to the month's last");
	else
		snprintf(why, sizeof(why), "%s has %d days", months[m - 1], m == 2 ? 28 + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31);
	return why;
}

bool date_is_valid(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	if (!digits(s, 4))
		return false;
	if (n == 4)
		return true;
	if (s[4] != '-' || !digits(s + 5, 2))
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return false;
	if (n == 7)
		return true;
	if (s[7] != '-' || !digits(s + 8, 2))
		return false;
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max = mdays[m - 1];
	if (m == 2 && !leap)
		max = 28;
	return d >= 1 && d <= max;
}

/* The officially assigned ISO 3166-1 alpha-2 codes, plus EU and UN
 * (exceptionally reserved) and XK (Kosovo, user-assigned but in wide use):
 * readouts are published by such bodies too. */
static const char iso3166[] =
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL "
	"BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV "
	"CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD "
	"GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM "
	"IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK "
	"LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW "
	"MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR "
	"PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS "
	"ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY "
	"UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW EU UN XK";

bool country_is_valid(const char *s)
{
	if (strlen(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return false;
	for (const char *p = iso3166;; p += 3) {
		if (p[0] == s[0] && p[1] == s[1])
			return true;
		if (!p[2])
			return false;
	}
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Well-formedness in the spirit of BCP 47: a primary language subtag of 2-8
 * letters (or "x"/"i" for private use and grandfathered tags) followed by
 * subtags of 1-8 letters or digits. */
bool lang_is_valid(const char *s)
{
	size_t i = 0, n = strlen(s), sub = 0;
	if (n == 0)
		return false;
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != '-')
			j++;
		size_t len = j - i;
		if (len < 1 || len > 8)
			return false;
		for (size_t k = i; k < j; k++)
			if (sub == 0 ? !is_alpha(s[k]) : !is_alnum(s[k]))
				return false;
		if (sub == 0 && len == 1 && s[i] != 'x' && s[i] != 'X' && s[i] != 'i' && s[i] != 'I')
			return false;
		sub++;
		i = j + 1;
	}
	return true;
}

bool lang_may_be(const char *s)
{
	return lang_is_valid(s) && strcspn(s, "-") <= 3;
}

/* The two-letter codes of ISO 639-1, as ICU lists them
 * (uloc_getISOLanguages: 182, deprecated ones left out), one after the
 * other.  A table here, not ICU's list: loading ICU for it took 3 MB of
 * a command's memory (a third of a query's over 10000 readouts) and its
 * time; the tests check the table against ICU's list where ICU is
 * installed. */
static const char iso_639_1[] =
	"aaabaeafakamanarasavayazbabebgbibmbnbobrbscacechcocrcscucvcydade"
	"dvdzeeeleneoeseteufafffifjfofrfygagdglgngugvhahehihohrhthuhyhzia"
	"idieigiiikioisitiujajvkakgkikjkkklkmknkokrkskukvkwkylalblglilnlo"
	"ltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnvnyocojomorospapipl"
	"psptqurmrnrorurwsascsdsesgsiskslsmsnsosqsrssstsusvswtatetgthtitk"
	"tntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu";

bool lang_is_assigned(const char *s)
{
	if (!lang_may_be(s))
		return false;
	if (strcspn(s, "-") != 2)
		return true; /* private use or grandfathered; three letters: ISO 639-2/3, too many to list */
	char a = (char)(s[0] | 0x20), b = (char)(s[1] | 0x20);
	for (const char *l = iso_639_1; *l; l += 2)
		if (l[0] == a && l[1] == b)
			return true;
	return false;
}

const char *lang_codes_assigned(void)
{
	return iso_639_1;
}

const char *readout_word(const char *s, size_t n)
{
	static const char extract[] = "extract";
	if (!s || n < 6 || n > 7) /* (the words' lengths) */
		return NULL;
	if (n == sizeof(extract) - 1 && memcmp(s, extract, n) == 0)
		return extract;
	for (int i = 0; i < STANCE_COUNT; i++)
		if (strlen(stance_names[i]) == n && memcmp(s, stance_names[i], n) == 0)
			return stance_names[i];
	return NULL;
}

bool stance_may_be(const char *s)
{
	size_t letters = 0, n = strlen(s);
	bool ideographs = false, joint = false; /* (a hyphen, space or apostrophe last) */
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	if (n > 64)
		return false;
	while (p < end) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (l <= 0 || uc == 0xFFFD)
			return false;
		if (uc_is_alpha(uc)) {
			letters++;
			ideographs = ideographs || uc_is_property_ideographic(uc);
			joint = false;
		} else if (letters && !joint && uc_is_general_category(uc, UC_CATEGORY_M)) {
			/* (a combining accent, a virama) */
		} else if (letters && !joint && (uc == '-' || uc == ' ' || uc == '\'' || uc == 0x2019)) {
			joint = true;
		} else {
			return false;
		}
		p += l;
	}
	/* three letters at least, two ideographs (保留) */
	return !joint && (letters >= 3 || (ideographs && letters >= 2));
}
