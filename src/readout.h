/* readout.h - the compact in-memory model of one annotated readout.
 *
 * This is what the rest of parley works on once a file is loaded: only the
 * keys of the format, with spans held both in code points (the format's
 * unit) and in bytes of `text` (for display and search).  The JSON tree is
 * not kept; a readout remembers where it came from so an editor can go back
 * to the JSON, with its unknown keys, when it needs to save.
 */
#ifndef PARLEY_READOUT_H
#define PARLEY_READOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define PARLEY_FORMAT "parley/1"

enum entity_kind { ENT_SPEAKER, ENT_TOPIC, ENT_AGREEMENT, ENT_KINDS };

/* X-macro tables of the format's enumerations: one list gives the enum, the
 * names used in files and the validation messages. */
#define READOUT_KINDS(X) \
	X(KIND_MEETING, "meeting") X(KIND_CALL, "call") X(KIND_VIDEO_CALL, "video-call") \
	X(KIND_TALKS, "talks") X(KIND_MULTILATERAL, "multilateral") \
	X(KIND_STATEMENT, "statement") X(KIND_OTHER, "other")
#define AGREEMENT_KINDS(X) \
	X(AKIND_TREATY, "treaty") X(AKIND_CHARTER, "charter") \
	X(AKIND_JOINT_STATEMENT, "joint-statement") X(AKIND_DECLARATION, "declaration") \
	X(AKIND_RESOLUTION, "resolution") X(AKIND_OTHER, "other")
#define STANCES(X) \
	X(STANCE_SUPPORT, "support") X(STANCE_OPPOSE, "oppose") X(STANCE_PROPOSE, "propose") \
	X(STANCE_CONCERN, "concern") X(STANCE_AFFIRM, "affirm") X(STANCE_NEUTRAL, "neutral")
#define REVIEWS(X) \
	X(REVIEW_PENDING, "pending") X(REVIEW_ACCEPTED, "accepted") X(REVIEW_REJECTED, "rejected")

#define ENUM_ITEM(e, s) e,
enum readout_kind { KIND_NONE = -1, READOUT_KINDS(ENUM_ITEM) KIND_COUNT };
enum agreement_kind { AKIND_NONE = -1, AGREEMENT_KINDS(ENUM_ITEM) AKIND_COUNT };
enum stance { STANCE_NONE = -1, STANCES(ENUM_ITEM) STANCE_COUNT, STANCE_UNKNOWN = STANCE_COUNT };
enum review { REVIEWS(ENUM_ITEM) REVIEW_COUNT };
#undef ENUM_ITEM

extern const char *const readout_kind_names[KIND_COUNT];
extern const char *const agreement_kind_names[AKIND_COUNT];
extern const char *const stance_names[STANCE_COUNT];
/* May a user give s as a stance of their own (not one of the six)?  A word
 * or a few, of letters (any script, with their combining marks) joined by
 * hyphens, spaces or apostrophes, three letters at least (two ideographs:
 * 保留): a stance typed by mistake ("Z", ":wq", "Z5j:set mouse=off", a vi
 * user's keys in the stance picker) is not one. */
bool stance_may_be(const char *s);
/* The format's words that a position's stance and by mostly are (the six
 * stances, "extract" for the extractor's): s (n bytes) as the program's
 * one copy of it, or NULL when it is none of them.  A large corpus's
 * positions then hold no copy of their own (a tenth of their strings). */
const char *readout_word(const char *s, size_t n);
extern const char *const review_names[REVIEW_COUNT];
extern const char *const entity_kind_names[ENT_KINDS]; /* "speaker", "topic", "agreement" */
/* "speakers", "topics", "agreements": the format's array of each kind,
 * and the kinds' plural in what parley says */
extern const char *const entity_kind_plural[ENT_KINDS];

/* Index of name in a table of n names, or -1. */
int name_lookup(const char *const *names, int n, const char *name);
/* The same, ASCII case ignored: a name typed (a command's option), not
 * a file's value, which the format spells in lower case. */
int name_lookup_typed(const char *const *names, int n, const char *name);

/* A text is at most TEXT_MAX bytes (readout_from_json refuses a longer
 * one): a span's offsets, and a count of things in a readout, fit 32
 * bits, which keeps the model of a large corpus small (a position is 96
 * bytes, not 120). */
#define TEXT_MAX ((size_t)UINT32_MAX - 1)

struct span {
	uint32_t start, end;    /* code points, end exclusive */
	uint32_t bstart, bend;  /* the same span in bytes of text */
};

struct entity {
	const char *id, *label;
	const char **aliases;
	/* speakers */
	const char *role, *country;
	uint32_t *members;     /* indexes into readout.speakers */
	/* agreements */
	const char *date;
	uint32_t n_aliases, n_members;
	int akind;             /* enum agreement_kind or AKIND_NONE */
	bool is_group;         /* (a speaker's, kept beside akind: 8 bytes less an entity) */
};

struct mention {
	enum entity_kind kind;
	uint32_t ent;          /* index into the readout's array of that kind */
	struct span span;
};

/* What a load decided of a position's words (corpus_opts.judge) */
enum judged { JUDGED_NOT, JUDGED_NO, JUDGED_YES };

struct position {
	const char *id;
	const char *summary, *note, *by;
	const char *stance_text; /* as in the file; NULL when absent */
	uint32_t *topics, *agreements;
	struct span span;
	uint32_t n_topics, n_agreements;
	uint32_t speaker;      /* index into readout.speakers */
	int stance;            /* enum stance, STANCE_UNKNOWN for other values */
	enum review review;
	unsigned char judged;  /* enum judged (in what would be padding) */
};

struct readout {
	const char *id, *title, *date, *place, *lang, *event, *issuer;
	int kind;              /* enum readout_kind or KIND_NONE */
	int initiator;         /* index into speakers, or -1 */
	const char *src_publisher, *src_url, *src_retrieved;

	/* The text, UTF-8 and NUL-terminated.  NULL when it was let go after
	 * loading (corpus_opts.lazy_texts): corpus_text() reads it back from
	 * the file.  text_buf is the readout's own copy (freed with it), else
	 * text points into a cache mapping. */
	const char *text;
	char *text_buf;
	size_t text_bytes, text_cps;
	uint64_t text_hash;    /* hash64 of the text (hash.h) */
	/* where the text's JSON string is within the object (0 0: unknown) */
	uint32_t text_at, text_json;

	struct entity *ents[ENT_KINDS];
	size_t n_ents[ENT_KINDS];
	struct mention *mentions;
	size_t n_mentions;
	struct position *positions;
	size_t n_positions;

	/* where the readout came from */
	uint32_t file;         /* index into the corpus's files */
	unsigned long line;    /* line of the object's first byte (1 for .json) */
	size_t offset, length; /* bytes of the object within the file */
	uint64_t looked;       /* what corpus_opts.look said of it, CORPUS_LOOKED set (0: not asked) */

	struct arena arena;
};

#define RO_SPEAKERS(r) ((r)->ents[ENT_SPEAKER])
#define RO_TOPICS(r) ((r)->ents[ENT_TOPIC])
#define RO_AGREEMENTS(r) ((r)->ents[ENT_AGREEMENT])

void readout_free(struct readout *r);

/* Does speaker index s of r speak through position p?  True when p's
 * speaker is s, or is a group with s among its members. */
bool readout_speaks(const struct readout *r, const struct position *p, uint32_t s);

/* Do two versions of a position say the same (every field a file holds)? */
bool position_eq(const struct position *a, const struct position *b);

/* The order of r's positions in the text, the one every list of them
 * uses: by start, a longer span first, then as in the file.  Fills order
 * with the r->n_positions indexes. */
void readout_text_order(const struct readout *r, size_t *order);

/* Helpers for the format's string syntaxes. */
bool id_is_valid(const char *s, size_t n);        /* [A-Za-z0-9._:-]+, at most 200 bytes */
bool date_is_valid(const char *s);                /* YYYY-MM-DD, YYYY-MM or YYYY, real dates */
/* Why s is no date ("2018 is not a leap year", "April has 30 days", "the
 * form is ..."), NULL when it is one (the text lasts until the next call). */
const char *date_why_not(const char *s);
bool country_is_valid(const char *s);             /* ISO 3166-1 alpha-2 */
bool lang_is_valid(const char *s);                /* well-formed BCP 47 tag */
/* Well formed, and its primary language subtag of a length some language
 * has: one letter (private use, grandfathered), two or three; no
 * language has one of 4 to 8 letters (`french`). */
bool lang_may_be(const char *s);
/* Well formed, and its primary language subtag is assigned (ISO 639-1, as
 * ICU lists it, for two letters; three letters are taken as ISO 639-2/3). */
bool lang_is_assigned(const char *s);
/* Those two-letter codes, one after the other ("aaab..."), for the tests
 * to check against ICU's list. */
const char *lang_codes_assigned(void);

#endif
