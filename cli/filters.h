/* filters.h - what `parley query` and `parley stats` share: their
 * filter options (one table gives getopt's long options and the help
 * text, and one function applies each to a struct query), and the load of
 * a corpus for a query, names resolved by the rule of names.h. */
#ifndef PARLEY_CLI_FILTERS_H
#define PARLEY_CLI_FILTERS_H

#include <getopt.h>
#include <stdbool.h>

#include "corpus.h"
#include "facets.h"
#include "query.h"

enum { OPT_STANCE = 256, OPT_REVIEW, OPT_SINCE, OPT_UNTIL, OPT_LANG, OPT_TEXT, OPT_EVENT, OPT_KIND, OPT_ALL_SPEAKERS, OPT_FILTERS_END };

/* The short options of the filters, for getopt's optstring. */
#define CLI_FILTER_SHORT "s:t:a:"
/* The long options, to put at the head of a command's table. */
#define CLI_FILTER_LONG \
	{ "speaker", required_argument, NULL, 's' }, { "topic", required_argument, NULL, 't' }, \
	{ "agreement", required_argument, NULL, 'a' }, { "stance", required_argument, NULL, OPT_STANCE }, \
	{ "review", required_argument, NULL, OPT_REVIEW }, { "since", required_argument, NULL, OPT_SINCE }, \
	{ "until", required_argument, NULL, OPT_UNTIL }, { "lang", required_argument, NULL, OPT_LANG }, \
	{ "text", required_argument, NULL, OPT_TEXT }, { "event", required_argument, NULL, OPT_EVENT }, \
	{ "kind", required_argument, NULL, OPT_KIND }, { "all-speakers", no_argument, NULL, OPT_ALL_SPEAKERS }

/* The "Filters:" part of a command's --help. */
extern const char cli_filter_help[];

/* Applies option ch (with its argument) to q: 1 when it was a filter, 0
 * when it is not one, -1 after a usage error (printed, naming cmd). */
int cli_filter(struct query *q, int ch, const char *arg, const char *cmd);

/* Loads the corpus of paths for query q (readouts that cannot match left
 * out while loading), builds its facets with labels in the user's
 * language, resolves q's names and prints the problems: true when the
 * query can be answered, else false after saying why on standard error. */
bool cli_load(const char *cmd, struct query *q, char *const *paths, size_t n, bool use_cache, bool lazy_texts,
              struct corpus *c, struct facets *fa);

#endif
