/* search.c - case- and accent-insensitive search in texts (see search.h). */
#include "search.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

void needle_init(struct needle *nd, const char *text)
{
	nd->folded = fold_dup(text, strlen(text));
	nd->n = strlen(nd->folded);
}

void needle_free(struct needle *nd)
{
	free(nd->folded);
	memset(nd, 0, sizeof(*nd));
}

bool needle_in_folded(const struct needle *nd, const struct folded *f)
{
	size_t s, e;
	return nd->n && fold_find(f, nd->folded, nd->n, 0, &s, &e) != (size_t)-1;
}

bool needle_in(const struct needle *nd, const char *text, size_t n)
{
	if (!nd->n)
		return false;
	struct folded f;
	fold_text(&f, text, n, false);
	bool yes = needle_in_folded(nd, &f);
	folded_free(&f);
	return yes;
}

struct search_result search_corpus(const struct corpus *c, const struct needle *nd, const struct search_opts *o)
{
	struct search_result res = { 0 };
	size_t n = c->n_readouts;
	for (size_t ri = 0; ri < n && nd->n; ri++, res.searched++) {
		if (o->progress && o->progress(o->arg, ri, n, res.hits)) {
			res.stopped = true;
			break;
		}
		const struct readout *r = &c->readouts[ri];
		const char *text = corpus_text(c, ri);
		if (!text) {
			res.unread++;
			continue;
		}
		/* most texts have no hit: fold without the byte map first */
		if (!needle_in(nd, text, r->text_bytes))
			continue;
		struct folded f;
		size_t from = 0, s, e, at, here = 0;
		fold_text(&f, text, r->text_bytes, true);
		while ((at = fold_find(&f, nd->folded, nd->n, from, &s, &e)) != (size_t)-1) {
			o->hit(o->arg, ri, text, s, e);
			from = at + nd->n;
			here++;
		}
		folded_free(&f);
		res.hits += here;
		res.readouts += here > 0;
	}
	return res;
}
