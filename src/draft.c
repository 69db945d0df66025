/* draft.c - drafting positions into a readout that has none yet: the
 * extractor reads the readout's own text, and what it drafts joins the
 * readout through the edit history (draft.h). */
#include "draft.h"

#include "extract.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The local index of the drafted entity with this id, declared in the
 * readout as the draft has it (a group with its members). */
static long declare(struct history *h, size_t ri, enum entity_kind k, const cJSON *draft, const char *id, int depth)
{
	const cJSON *e, *arr = cJSON_GetObjectItemCaseSensitive(draft, entity_kind_plural[k]);
	cJSON_ArrayForEach(e, arr)
	{
		const char *eid = str(e, "id"), *label = str(e, "label");
		if (!eid || strcmp(eid, id) != 0)
			continue;
		const cJSON *members = cJSON_GetObjectItemCaseSensitive(e, "members");
		if (k == ENT_SPEAKER && cJSON_IsArray(members) && depth == 0) {
			uint32_t m[32];
			size_t n = 0;
			const cJSON *x;
			cJSON_ArrayForEach(x, members)
			{
				long l = cJSON_IsString(x) ? declare(h, ri, ENT_SPEAKER, draft, x->valuestring, 1) : -1;
				if (l >= 0 && n < 32)
					m[n++] = (uint32_t)l;
			}
			return edit_add_group(h, ri, id, label ? label : id, m, n);
		}
		return edit_add_entity(h, ri, k, id, label ? label : id);
	}
	return -1;
}

static size_t refs_of(struct history *h, size_t ri, enum entity_kind k, const cJSON *draft, const cJSON *arr,
                      uint32_t *out, size_t max)
{
	size_t n = 0;
	const cJSON *x;
	cJSON_ArrayForEach(x, arr)
	{
		long l = cJSON_IsString(x) ? declare(h, ri, k, draft, x->valuestring, 0) : -1;
		if (l >= 0 && n < max)
			out[n++] = (uint32_t)l;
	}
	return n;
}

long draft_positions(struct history *h, size_t ri, const struct lexicon *lx, struct diags *d)
{
	struct readout *r = &h->c->readouts[ri];
	const char *path = h->c->files[r->file].path;
	if (r->n_positions) {
		diags_add(d, DIAG_IO, "%s: readout %s has positions already: nothing drafted", path, r->id);
		return -1;
	}
	const char *text = corpus_text(h->c, ri);
	if (!text) {
		diags_add(d, DIAG_IO, "%s: the text of readout %s cannot be read back", path, r->id);
		return -1;
	}
	struct extract_opts o = { .lang = r->lang, .id = r->id, .date = r->date };
	cJSON *draft = extract_text(lx, path, text, r->text_bytes, &o, d);
	if (!draft)
		return -1;
	/* the draft's offsets count the text as the extractor read it: the
	 * same text, or nothing */
	const char *dt = str(draft, "text");
	if (!dt || strlen(dt) != r->text_bytes || memcmp(dt, text, r->text_bytes) != 0) {
		diags_add(d, DIAG_IO, "%s: readout %s: the extractor reads its text otherwise (line ends, spaces): "
		                      "nothing drafted",
		          path, r->id);
		cJSON_Delete(draft);
		return -1;
	}
	const char *user = h->user;
	h->user = "extract"; /* the positions' maker */
	long made = 0;
	const cJSON *p, *positions = cJSON_GetObjectItemCaseSensitive(draft, "positions");
	cJSON_ArrayForEach(p, positions)
	{
		const char *sp = str(p, "speaker");
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(p, "start"), *e = cJSON_GetObjectItemCaseSensitive(p, "end");
		if (!sp || !cJSON_IsNumber(s) || !cJSON_IsNumber(e))
			continue;
		long who = declare(h, ri, ENT_SPEAKER, draft, sp, 0);
		if (who < 0)
			continue;
		long pi = edit_create(h, ri, (uint32_t)who, (size_t)s->valuedouble, (size_t)e->valuedouble);
		if (pi < 0)
			continue;
		made++;
		const char *stance = str(p, "stance"), *summary = str(p, "summary");
		if (stance)
			edit_stance(h, ri, (size_t)pi, stance);
		if (summary && *summary)
			edit_summary(h, ri, (size_t)pi, summary);
		uint32_t ids[64];
		size_t n = refs_of(h, ri, ENT_TOPIC, draft, cJSON_GetObjectItemCaseSensitive(p, "topics"), ids, 64);
		if (n)
			edit_refs(h, ri, (size_t)pi, ENT_TOPIC, ids, n);
		n = refs_of(h, ri, ENT_AGREEMENT, draft, cJSON_GetObjectItemCaseSensitive(p, "agreements"), ids, 64);
		if (n)
			edit_refs(h, ri, (size_t)pi, ENT_AGREEMENT, ids, n);
	}
	h->user = user;
	cJSON_Delete(draft);
	return made;
}
