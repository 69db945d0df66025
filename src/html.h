/* html.h - the article in a page saved from a ministry's site, read with
 * libxml2's HTML parser: its title, its date, its address and site, and the
 * text of its body (paragraphs separated by a newline), without the
 * navigation, scripts, forms, headers, footers and link lists around it.
 *
 * The body is the element whose paragraphs hold the most text that is not
 * links (the usual way of finding an article in a page); the title is the
 * page's heading (og:title, h1, else <title>); the date is the article's
 * (article:published_time, <time datetime>, a meta date, else a date near
 * the title).
 */
#ifndef PARLEY_HTML_H
#define PARLEY_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct article {
	char *title, *text, *url, *site;
	char date[16];             /* YYYY-MM-DD or "" */
};

/* Reads the page buf[0..n); false with a message naming path when it has
 * no article (no text in paragraphs). */
bool html_article(const char *buf, size_t n, struct article *a, const char *path, struct diags *d);
void article_free(struct article *a);

#endif
