/* extract.h - drafting an annotated readout from a plain one: `parley
 * extract` and the browser's opening of .txt and .html files.
 *
 * The text (UTF-8, with or without a byte-order mark, CRLF or not) becomes
 * a parley/1 readout whose speakers, topics, agreements, mentions and
 * positions follow the annotation guidelines as far as rules and the
 * lexicons (lexicon.h) reach: one position per reported statement, from the
 * sentence with the reporting cue through the sentences that go on with it,
 * each `review: pending`, `by: extract`.  What the text states of the
 * meeting (date, place, kind, who asked for it) goes to the metadata.  A
 * page saved from a ministry's site is read first (html.h).
 */
#ifndef PARLEY_EXTRACT_H
#define PARLEY_EXTRACT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "lexicon.h"

/* The largest input read: a readout is a few pages; more is refused. */
#define EXTRACT_MAX_TEXT (4u << 20)
#define EXTRACT_MAX_HTML (16u << 20)

/* What the user says of the readout; NULL or "" for what the text (or the
 * page) should tell. */
struct extract_opts {
	const char *lang, *id, *date, *title, *place, *kind, *issuer;
	const char *url, *publisher, *retrieved;
};

/* Drafts a readout from text[0..n) (a plain readout); path names it in
 * messages.  Returns the readout (cJSON, the caller's) or NULL with an
 * error in d (empty, binary, invalid UTF-8 with its line and column, too
 * long). */
cJSON *extract_text(const struct lexicon *lx, const char *path, const char *text, size_t n,
                    const struct extract_opts *o, struct diags *d);

/* The same for a file: .html and .htm are read as pages (the article's
 * title, date and text), anything else as text. */
cJSON *extract_file(const struct lexicon *lx, const char *path, const struct extract_opts *o, struct diags *d);

/* corpus_opts' draft hook (corpus.h): the draft of the plain readout at
 * path as JSON (malloc'd), arg the lexicon. */
bool extract_draft(void *lexicon, const char *path, char **json, size_t *len, struct diags *d);

/* The language of a text by its scripts and function words: "zh", "ru",
 * "en", "fr", or "" when it cannot tell. */
const char *extract_guess_lang(const struct lexicon *lx, const char *text, size_t n);
/* The languages drafted ("en, fr, ru, zh"), and the one of them lang
 * names in any case ("FR": "fr"), else NULL: the lexicon's words are of
 * those alone (a draft in another would hold no position). */
extern const char extract_langs[];
const char *extract_lang_known(const char *lang);

#endif
