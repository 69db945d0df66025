/* html.c - the article of a saved page, read with libxml2 (see html.h). */
#include "config.h"
#include "html.h"

#include "arena.h"
#include "dynload.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libxml2's functions, opened at the first page read (dynload.h) */
static struct {
	__typeof__(&htmlReadMemory) read;
	__typeof__(&xmlDocGetRootElement) root;
	__typeof__(&xmlFreeDoc) free_doc;
	__typeof__(&xmlGetProp) get_prop;
	__typeof__(&xmlInitParser) init;
	__typeof__(&xmlStrcasecmp) casecmp;
	xmlFreeFunc *free; /* (xmlFree is a variable, holding the function) */
} lx;

/* elements whose text is never the article's */
static bool skipped(const xmlNode *n)
{
	static const char *const tags[] = { "script", "style", "noscript", "nav", "header", "footer", "aside",
		                            "form", "iframe", "svg", "button", "select", "template", "object",
		                            "embed", "canvas", "menu", "input", "textarea", NULL };
	for (int i = 0; tags[i]; i++)
		if (lx.casecmp(n->name, (const xmlChar *)tags[i]) == 0)
			return true;
	/* class or id naming page furniture */
	static const char *const furniture[] = { "nav", "menu", "footer", "breadcrumb", "sidebar", "share",
		                                 "comment", "related", "banner", "toolbar", "copyright", "cookie",
		                                 "skip", NULL };
	static const char *const attrs[] = { "class", "id", NULL };
	for (int a = 0; attrs[a]; a++) {
		xmlChar *v = lx.get_prop((xmlNode *)n, (const xmlChar *)attrs[a]);
		if (!v)
			continue;
		char low[256];
		size_t k = 0;
		for (const xmlChar *p = v; *p && k + 1 < sizeof(low); p++)
			low[k++] = (char)tolower(*p);
		low[k] = '\0';
		(*lx.free)(v);
		for (int f = 0; furniture[f]; f++)
			if (strstr(low, furniture[f]))
				return true;
	}
	return false;
}

static bool is_block(const xmlNode *n)
{
	static const char *const tags[] = { "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
		                            "blockquote", "section", "article", "table", "ul", "ol", "dd", "dt",
		                            "pre", "hr", "td", "center", "font", NULL };
	for (int i = 0; tags[i]; i++)
		if (lx.casecmp(n->name, (const xmlChar *)tags[i]) == 0)
			return i < 23; /* font is not a block */
	return false;
}

/* text length of n, and of its links */
static void text_len(const xmlNode *n, size_t *all, size_t *links, bool in_link)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t l = 0;
			for (const xmlChar *p = c->content; p && *p; p++)
				l += !isspace(*p);
			*all += l;
			if (in_link)
				*links += l;
		} else if (c->type == XML_ELEMENT_NODE && !skipped(c)) {
			text_len(c, all, links, in_link || lx.casecmp(c->name, (const xmlChar *)"a") == 0);
		}
	}
}

struct score {
	const xmlNode *node;
	double score;
};

struct scores {
	struct score *v;
	size_t n, cap;
};

static void add_score(struct scores *s, const xmlNode *node, double v)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].node == node) {
			s->v[i].score += v;
			return;
		}
	grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = (struct score){ node, v };
}

/* Each paragraph's text (not links) counts for its parent, half for the
 * one above. */
static void score_tree(const xmlNode *n, struct scores *s, int depth)
{
	if (depth > 200)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		bool para = lx.casecmp(c->name, (const xmlChar *)"p") == 0
		            || lx.casecmp(c->name, (const xmlChar *)"pre") == 0;
		if (!para && lx.casecmp(c->name, (const xmlChar *)"div") == 0) {
			/* a div holding only text and inline elements is a paragraph */
			para = true;
			for (const xmlNode *g = c->children; g && para; g = g->next)
				if (g->type == XML_ELEMENT_NODE && is_block(g) && lx.casecmp(g->name, (const xmlChar *)"br") != 0)
					para = false;
		}
		if (para) {
			size_t all = 0, links = 0;
			text_len(c, &all, &links, false);
			if (all > links && all - links >= 10) {
				double v = (double)(all - links);
				add_score(s, c->parent, v);
				if (c->parent && c->parent->parent)
					add_score(s, c->parent->parent, v / 2);
			}
		}
		score_tree(c, s, depth + 1);
	}
}

static void sb_space(struct strbuf *b)
{
	if (b->n && b->s[b->n - 1] != ' ' && b->s[b->n - 1] != '\n')
		sb_add(b, " ", 1);
}

static void sb_break(struct strbuf *b)
{
	while (b->n && b->s[b->n - 1] == ' ')
		b->n--;
	if (b->n && b->s[b->n - 1] != '\n')
		sb_add(b, "\n", 1);
	if (b->s)
		b->s[b->n] = '\0';
}

/* the text of n, paragraphs on lines of their own, spaces made one */
static void text_of(const xmlNode *n, struct strbuf *b, int depth)
{
	if (depth > 200)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *p = c->content; p && *p; p++) {
				if (isspace(*p))
					sb_space(b);
				else if (p[0] == 0xC2 && p[1] == 0xA0) {
					/* a no-break space stays one */
					sb_add(b, p, 2);
					p++;
				} else
					sb_add(b, p, 1);
			}
		} else if (c->type == XML_ELEMENT_NODE && !skipped(c)) {
			bool block = is_block(c);
			if (block)
				sb_break(b);
			text_of(c, b, depth + 1);
			if (block)
				sb_break(b);
		}
	}
}

static char *trimmed(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static char *node_text(const xmlNode *n)
{
	struct strbuf b = { 0 };
	text_of(n, &b, 0);
	char *t = trimmed(b.s ? b.s : "");
	sb_free(&b);
	for (char *p = t; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return t;
}

static const xmlNode *find_elem(const xmlNode *n, const char *name, int depth)
{
	for (const xmlNode *c = n; c && depth < 200; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && lx.casecmp(c->name, (const xmlChar *)name) == 0)
			return c;
		if (c->type == XML_ELEMENT_NODE) {
			const xmlNode *f = find_elem(c->children, name, depth + 1);
			if (f)
				return f;
		}
	}
	return NULL;
}

/* <meta property|name=key content=...>, <link rel=key href=...> */
static char *meta(const xmlNode *n, const char *key, int depth)
{
	for (const xmlNode *c = n; c && depth < 200; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool m = lx.casecmp(c->name, (const xmlChar *)"meta") == 0;
		bool l = lx.casecmp(c->name, (const xmlChar *)"link") == 0;
		if (m || l) {
			static const char *const keys[] = { "property", "name", "itemprop", "rel", NULL };
			for (int k = 0; keys[k]; k++) {
				xmlChar *v = lx.get_prop((xmlNode *)c, (const xmlChar *)keys[k]);
				bool hit = v && lx.casecmp(v, (const xmlChar *)key) == 0;
				(*lx.free)(v);
				if (hit) {
					xmlChar *content = lx.get_prop((xmlNode *)c, (const xmlChar *)(m ? "content" : "href"));
					if (content) {
						char *r = trimmed((const char *)content);
						(*lx.free)(content);
						if (*r)
							return r;
						free(r);
					}
				}
			}
		}
		char *f = meta(c->children, key, depth + 1);
		if (f)
			return f;
	}
	return NULL;
}

/* The first date in s (2021-07-15, 2021/07/15, 2021年7月15日) as YYYY-MM-DD. */
static bool date_in(const char *s, char out[16])
{
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)p[0]) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		char *e;
		long y = strtol(p, &e, 10);
		if (e - p != 4 || y < 1900 || y > 2200)
			continue;
		size_t sep = 0;
		if (*e == '-' || *e == '/' || *e == '.')
			sep = 1;
		else if (strncmp(e, "年", 3) == 0)
			sep = 3;
		if (!sep || !isdigit((unsigned char)e[sep]))
			continue;
		char *e2;
		long m = strtol(e + sep, &e2, 10);
		size_t sep2 = 0;
		if (*e2 == '-' || *e2 == '/' || *e2 == '.')
			sep2 = 1;
		else if (strncmp(e2, "月", 3) == 0)
			sep2 = 3;
		if (m < 1 || m > 12 || !sep2 || !isdigit((unsigned char)e2[sep2]))
			continue;
		long d = strtol(e2 + sep2, NULL, 10);
		if (d < 1 || d > 31)
			continue;
		snprintf(out, 16, "%04ld-%02ld-%02ld", y, m, d);
		return true;
	}
	return false;
}

/* The longest part of a page title cut at " - ", " | ", "_", " — ". */
static char *title_part(const char *t)
{
	static const char *const seps[] = { " | ", " - ", " — ", " – ", "_", "｜", NULL };
	const char *best = t;
	size_t best_len = strlen(t);
	for (int i = 0; seps[i]; i++) {
		if (!strstr(t, seps[i]))
			continue;
		best_len = 0;
		for (const char *p = t; p;) {
			const char *q = strstr(p, seps[i]);
			size_t l = q ? (size_t)(q - p) : strlen(p);
			if (l > best_len) {
				best = p;
				best_len = l;
			}
			p = q ? q + strlen(seps[i]) : NULL;
		}
		break;
	}
	char *r = xstrndup(best, best_len);
	char *tr = trimmed(r);
	free(r);
	return tr;
}

static bool declares_charset(const char *buf, size_t n)
{
	size_t lim = n < 4096 ? n : 4096;
	/* buf need not end with a NUL: compare only the bytes it has */
	for (size_t i = 0; i + 8 <= lim; i++)
		if (strncasecmp(buf + i, "charset=", 8) == 0 || (n - i >= 9 && strncasecmp(buf + i, "encoding=", 9) == 0))
			return true;
	return false;
}

/* libxml2 is ready for several threads once opened and initialised by
 * one */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static bool xml_ok;
static char xml_why[256];

static void xml_init(void)
{
	const struct dynsym syms[] = {
		{ "htmlReadMemory", (void **)&lx.read },   { "xmlDocGetRootElement", (void **)&lx.root },
		{ "xmlFreeDoc", (void **)&lx.free_doc },   { "xmlGetProp", (void **)&lx.get_prop },
		{ "xmlInitParser", (void **)&lx.init },    { "xmlStrcasecmp", (void **)&lx.casecmp },
		{ "xmlFree", (void **)&lx.free },
	};
	xml_ok = dynload(XML_SONAME, syms, sizeof(syms) / sizeof(syms[0]), xml_why, sizeof(xml_why));
	if (xml_ok)
		lx.init();
}

bool html_article(const char *buf, size_t n, struct article *a, const char *path, struct diags *d)
{
	pthread_once(&xml_once, xml_init);
	memset(a, 0, sizeof(*a));
	if (!xml_ok) {
		diags_add(d, DIAG_IO, "%s: not read: a saved page is read with libxml2, which cannot be opened (%s)", path,
		          xml_why);
		return false;
	}
	if (n > (size_t)0x7fffffff) {
		diags_add(d, DIAG_SYNTAX, "%s: too large a page", path);
		return false;
	}
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
	htmlDocPtr doc = lx.read(buf, (int)n, NULL, declares_charset(buf, n) ? NULL : "UTF-8", opts);
	const xmlNode *root = doc ? lx.root(doc) : NULL;
	if (!root) {
		diags_add(d, DIAG_SYNTAX, "%s: not a page: no HTML could be read", path);
		if (doc)
			lx.free_doc(doc);
		return false;
	}
	struct scores s = { 0 };
	score_tree(root, &s, 0);
	const xmlNode *best = NULL;
	double top = 0;
	for (size_t i = 0; i < s.n; i++) {
		/* links in it weigh against it */
		size_t all = 0, links = 0;
		text_len(s.v[i].node, &all, &links, false);
		double v = s.v[i].score * (all ? 1.0 - (double)links / (double)all : 0);
		if (v > top) {
			top = v;
			best = s.v[i].node;
		}
	}
	free(s.v);
	if (!best || top < 40) {
		diags_add(d, DIAG_SYNTAX, "%s: no article found in the page (no paragraphs of text)", path);
		lx.free_doc(doc);
		return false;
	}
	struct strbuf b = { 0 };
	text_of(best, &b, 0);
	/* lines trimmed, blank ones dropped */
	struct strbuf t = { 0 };
	for (char *line = b.s, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *l = trimmed(line);
		if (*l) {
			if (t.n)
				sb_add(&t, "\n", 1);
			sb_adds(&t, l);
		}
		free(l);
	}
	sb_free(&b);
	a->text = t.s ? t.s : xstrdup("");

	char *title = meta(root, "og:title", 0);
	if (!title) {
		const xmlNode *h1 = find_elem(root, "h1", 0);
		if (h1)
			title = node_text(h1);
		if (title && !*title) {
			free(title);
			title = NULL;
		}
	}
	if (!title) {
		const xmlNode *te = find_elem(root, "title", 0);
		if (te) {
			char *raw = node_text(te);
			title = title_part(raw);
			free(raw);
		}
	}
	a->title = title;
	/* the article's text does not start with its title */
	if (title && *title && strncmp(a->text, title, strlen(title)) == 0 && a->text[strlen(title)] == '\n')
		memmove(a->text, a->text + strlen(title) + 1, strlen(a->text + strlen(title) + 1) + 1);
	a->url = meta(root, "canonical", 0);
	if (!a->url)
		a->url = meta(root, "og:url", 0);
	a->site = meta(root, "og:site_name", 0);
	static const char *const date_keys[] = { "article:published_time", "datePublished", "PubDate", "pubdate",
		                                 "publishdate", "date", "dc.date", "DC.date.issued", NULL };
	for (int k = 0; date_keys[k] && !a->date[0]; k++) {
		char *v = meta(root, date_keys[k], 0);
		if (v)
			date_in(v, a->date);
		free(v);
	}
	if (!a->date[0]) {
		const xmlNode *tm = find_elem(root, "time", 0);
		if (tm) {
			xmlChar *dt = lx.get_prop((xmlNode *)tm, (const xmlChar *)"datetime");
			if (dt)
				date_in((const char *)dt, a->date);
			(*lx.free)(dt);
		}
	}
	if (!a->date[0]) {
		/* a date in the page before the article's end */
		char *all = node_text(root);
		date_in(all, a->date);
		free(all);
	}
	lx.free_doc(doc);
	return true;
}

void article_free(struct article *a)
{
	free(a->title);
	free(a->text);
	free(a->url);
	free(a->site);
	memset(a, 0, sizeof(*a));
}
