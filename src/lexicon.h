/* lexicon.h - what the extractor knows of the genre, read from data files
 * (lexicon/README): the rows of words.tsv, countries.tsv, people.tsv,
 * agreements.tsv and topics.tsv from each directory given, later
 * directories adding to earlier ones; and the phrase matcher that finds
 * every form of them in a text at once.
 *
 * Matching is on folded text (fold.h: case and accents ignored) with
 * whitespace runs and apostrophes made one, token by token: a form whose
 * first token is the text's token at a place is compared there, so the cost
 * is about one hash look-up per token of the text whatever the size of the
 * lexicon.  A form in a script with spaces matches whole words only; Han
 * characters are tokens of their own.  A short form written in capitals
 * ("US", "ROK") matches only in capitals.
 */
#ifndef PARLEY_LEXICON_H
#define PARLEY_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "strmap.h"

/* The files, in the order of enum lex_file. */
enum lex_file { LEX_WORDS, LEX_COUNTRIES, LEX_PEOPLE, LEX_AGREEMENTS, LEX_TOPICS, LEX_FILES };

/* A row: its fields (at most 4), owned by the lexicon. */
struct lex_row {
	const char *f[4];
	int nf;
};

/* The classes a form is matched as. */
enum lex_class {
	LC_CUE, LC_CUE_PRON, LC_CUE_JOINT, LC_TITLE, LC_HONORIFIC, LC_GROUP, LC_PRONOUN, LC_STANCE,
	LC_KIND, LC_INITIATOR, LC_MONTH, LC_PLACE, LC_PLACE_END, LC_NAME_STOP, LC_CN_SURNAME, LC_ABBREV,
	LC_INSTRUMENT, LC_ANAPHOR, LC_LANGID, LC_CLAUSE, LC_ADVERB, LC_IMPERSONAL, LC_NAME_CHAR, LC_NOT_NAME, LC_GIVEN_NAME, LC_PROXY, LC_EARLIER, LC_WEEKDAY, LC_DAY_REL, LC_ABOUT, LC_NOT_CUE, LC_SIDELINES, LC_COUNTERPART,
	LC_NOMINATIVE,
	LC_COUNTRY_NAME, LC_COUNTRY_ADJ, LC_COUNTRY_SIDE, LC_COUNTRY_DOMAIN, LC_COUNTRY_CITY,
	LC_PERSON, LC_AGREEMENT, LC_TOPIC,
	LC_COUNT
};
extern const char *const lex_class_names[LC_COUNT];

/* One form to find: its class, language and value. */
struct lex_form {
	char *folded;              /* normalised folded form (lex_norm) */
	size_t len;
	enum lex_class cls;
	char lang[4];              /* "" for any */
	const char *form;          /* as written in the file */
	const char *value;         /* the row's value (stance, role forms, id...) */
	const char *extra;         /* a second value (a person's country, an agreement's kind) */
	const char *extra2;        /* a third (an agreement's date) */
	bool exact_case;           /* a short form in capitals */
	bool has_slot;             /* an initiator form with %: folded is the part
	                            * before it, suffix the part after */
	char *suffix;
	size_t suffix_len;
	size_t next;               /* the next form with the same first token, or -1 */
};

struct lexicon {
	struct lex_row *rows[LEX_FILES];
	size_t n_rows[LEX_FILES], cap_rows[LEX_FILES];
	struct lex_form *forms;
	size_t n_forms, cap_forms;
	struct strmap first;       /* first token -> the first of its forms */
	char **strings;            /* what rows point to */
	size_t n_strings, cap_strings;
};

/* Reads the lexicon files from each directory of dirs (NULL-terminated;
 * a missing file is skipped), later directories adding rows.  Problems go
 * to d (a line with too few fields, an unknown class); false when no
 * words.tsv was found anywhere. */
bool lexicon_load(struct lexicon *lx, const char *const *dirs, struct diags *d);
/* The lexicon parley uses: the lexicon directory of each data directory
 * (the first that has one), then the user's ($XDG_CONFIG_HOME/parley/
 * lexicon), whose rows add to it.  False with a message in d when none was
 * found. */
bool lexicon_load_default(struct lexicon *lx, const char *const *data_dirs, struct diags *d);
void lexicon_free(struct lexicon *lx);

/* A text made ready for matching: folded, whitespace runs as one space,
 * apostrophes as ', and each byte mapped back to the source. */
struct lex_text {
	char *s;                   /* normalised folded text, NUL-terminated */
	size_t n;
	size_t *map;               /* map[i]: source byte of s[i]; map[n]: the source length */
	size_t *tok;               /* token starts in s */
	size_t n_tok;
};

void lex_text_init(struct lex_text *t, const char *src, size_t n);
void lex_text_free(struct lex_text *t);
/* Normalises a form the way texts are (malloc'd). */
char *lex_norm(const char *s, size_t n, size_t *len);

/* A form found in a text: source bytes [start, end). */
struct lex_hit {
	size_t start, end;
	size_t form;               /* index into lx->forms */
	size_t tok;                /* the token it starts at */
};

/* Every form of the classes in mask (bits of enum lex_class) for language
 * lang (and forms of any language), found in t; overlapping hits are all
 * kept, in order of start, longest first. */
size_t lex_find(const struct lexicon *lx, const struct lex_text *t, const char *src, unsigned long long mask,
                const char *lang, struct lex_hit **out);

/* Is s[0..n) (not folded) a form of class cls in lang?  Returns the form or
 * NULL. */
const struct lex_form *lex_lookup(const struct lexicon *lx, enum lex_class cls, const char *lang, const char *s,
                                  size_t n);

#define LC_BIT(c) (1ULL << (c))

#endif
