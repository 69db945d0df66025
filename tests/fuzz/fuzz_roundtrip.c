/* fuzz_roundtrip.c - a fuzz target for editing and saving: a readout file
 * is loaded from the input's bytes, edited, saved and loaded again, and
 * must give back what was saved.
 *
 * The input is the file's bytes, then optionally a NUL byte (no JSON text
 * has one) and a script of edits, each an operation byte and its arguments
 * (every operation: its byte, a readout's byte, a position's two bytes,
 * then its own: a stance, a summary, a span...), in the calls the browser
 * makes, with the arguments it can give (text typed is UTF-8; a span holds
 * a character at least).  Without a script a fixed one runs, so that every
 * seed is edited.  The file is a .json, or a .jsonl when the script's first
 * byte is odd or, without a script, when it does not load as a .json.
 *
 * After the save: every readout loads again (none is refused that loaded
 * before), and each is the readout as edited, field by field; the files
 * saved load with no new diagnostics; saving again changes nothing. */
#include "corpus.h"
#include "edit.h"
#include "facets.h"
#include "fuzz_util.h"
#include "save.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>

struct script {
	const uint8_t *p, *end;
};

static unsigned byte(struct script *s)
{
	return s->p < s->end ? *s->p++ : 0;
}

static size_t num(struct script *s)
{
	size_t v = byte(s);
	return v << 8 | byte(s);
}

/* A string of the script (a length byte, then its bytes) as a user could
 * type it: UTF-8 (a byte that is not becomes '?'), no NUL. */
static char *str(struct script *s)
{
	size_t n = byte(s);
	if (n > (size_t)(s->end - s->p))
		n = (size_t)(s->end - s->p);
	char *v = xmalloc(n + 1);
	memcpy(v, s->p, n);
	s->p += n;
	v[n] = '\0';
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)v + i, n - i);
		if (uc == 0xFFFD && !(k == 3 && memcmp(v + i, "\xEF\xBF\xBD", 3) == 0)) {
			v[i] = '?';
			k = 1;
		} else if (uc == 0) {
			v[i] = '?';
		}
		i += (size_t)k;
	}
	return v;
}

/* without a script: accept, summarise, set a stance, make a position, a
 * new topic on it, a note, undo and redo */
static const uint8_t default_script[] = {
	0,                                                                                   /* .json */
	0, 0, 0, 0, 1,                                                                       /* accept */
	2, 0, 0, 0, 12, 'R', 0xC3, 0xA9, 's', 'u', 'm', 0xC3, 0xA9, ' ', 0xC2, 0xAB, '"',   /* summary */
	1, 0, 0, 0, 7, 7, 'h', 'o', 'p', 'e', 'f', 'u', 'l',                                /* stance */
	14, 0, 0, 0,                                                                         /* next group */
	8, 0, 0, 0, 0, 0, 40,                                                                /* create */
	11, 0, 0, 0, 1, 9, 'N', 'e', 'w', ' ', 't', 'o', 'p', 'i', 'c',                     /* new topic */
	5, 0, 255, 255, 255,                                                                 /* topics: all */
	3, 0, 255, 255, 4, 'n', 'o', 't', 'e',                                               /* note */
	12, 0, 0, 0, 13, 0, 0, 0,                                                            /* undo, redo */
};

struct world {
	struct corpus c;
	struct facets f;
	struct history h;
	struct saver s;
	bool *snap;
};

static bool touch(struct world *w, size_t ri)
{
	if (w->snap[ri])
		return true;
	struct diags d = { 0 };
	if (!save_snapshot(&w->s, ri, &d)) {
		diags_print(&d, stderr, true);
		fuzz_fail("no snapshot of an unchanged file");
	}
	diags_free(&d);
	return w->snap[ri] = true;
}

static void run(struct world *w, struct script *s)
{
	struct corpus *c = &w->c;
	while (s->p < s->end) {
		unsigned op = byte(s) % 16;
		size_t ri = byte(s) % c->n_readouts;
		struct readout *r = &c->readouts[ri];
		size_t np = r->n_positions;
		size_t pi = np ? num(s) % np : 0;
		if (op != 12 && op != 13 && op != 14)
			touch(w, ri);
		switch (op) {
		case 0:
			edit_review(&w->h, ri, pi, (enum review)(byte(s) % REVIEW_COUNT));
			break;
		case 1: {
			unsigned k = byte(s);
			if (k < STANCE_COUNT) {
				edit_stance(&w->h, ri, pi, stance_names[k]);
			} else if (k == 255) {
				edit_stance(&w->h, ri, pi, NULL);
			} else {
				char *v = str(s);
				edit_stance(&w->h, ri, pi, v);
				free(v);
			}
			break;
		}
		case 2:
		case 3: {
			char *v = str(s);
			if (op == 2)
				edit_summary(&w->h, ri, pi, v);
			else
				edit_note(&w->h, ri, pi, v);
			free(v);
			break;
		}
		case 4:
			if (r->n_ents[ENT_SPEAKER])
				edit_speaker(&w->h, ri, pi, (uint32_t)(byte(s) % r->n_ents[ENT_SPEAKER]));
			break;
		case 5:
		case 6: {
			enum entity_kind k = op == 5 ? ENT_TOPIC : ENT_AGREEMENT;
			unsigned mask = byte(s);
			uint32_t ids[8];
			size_t n = 0;
			for (uint32_t i = 0; i < 8 && i < r->n_ents[k]; i++)
				if (mask & (1u << i))
					ids[n++] = i;
			edit_refs(&w->h, ri, pi, k, ids, n);
			break;
		}
		case 7:
		case 8: {
			size_t cps = r->text_cps;
			size_t a = num(s), b = byte(s) + 1;
			if (!cps)
				break;
			a %= cps;
			b = a + b > cps ? cps : a + b;
			if (op == 7)
				edit_span(&w->h, ri, pi, a, b);
			else if (r->n_ents[ENT_SPEAKER])
				edit_create(&w->h, ri, (uint32_t)(pi % r->n_ents[ENT_SPEAKER]), a, b);
			break;
		}
		case 9:
			edit_delete(&w->h, ri, pi);
			break;
		case 10: {
			/* an entity of another readout, as the pickers offer it */
			size_t o = byte(s) % c->n_readouts;
			enum entity_kind k = (enum entity_kind)(byte(s) % ENT_KINDS);
			const struct readout *ro = &c->readouts[o];
			if (ro->n_ents[k]) {
				const struct entity *e = &ro->ents[k][byte(s) % ro->n_ents[k]];
				char *id = xstrdup(e->id), *label = xstrdup(e->label);
				edit_add_entity(&w->h, ri, k, id, label);
				free(id);
				free(label);
			}
			break;
		}
		case 11: {
			enum entity_kind k = (enum entity_kind)(byte(s) % ENT_KINDS);
			char *label = str(s);
			if (*label)
				edit_new_entity(&w->h, ri, k, label);
			free(label);
			break;
		}
		case 12:
			edit_undo(&w->h);
			break;
		case 13:
			edit_redo(&w->h);
			break;
		default:
			edit_begin(&w->h);
			break;
		}
	}
}

static void open_world(struct world *w, const char *path)
{
	corpus_init(&w->c);
	corpus_add_path(&w->c, path);
	facets_build(&w->f, &w->c, "");
	history_init(&w->h, &w->c, &w->f, "Fuzz Reviewer");
	saver_init(&w->s, &w->c);
	w->snap = xcalloc(w->c.n_readouts + 1, 1);
}

static void close_world(struct world *w)
{
	free(w->snap);
	saver_free(&w->s);
	history_free(&w->h);
	facets_free(&w->f);
	corpus_free(&w->c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size;
	struct script s = { default_script, default_script + sizeof(default_script) };
	if (nul)
		s = (struct script){ nul + 1, data + size };
	char dir[512], path[600];
	snprintf(dir, sizeof(dir), "%s/rt", fuzz_dir());
	mkdir(dir, 0700);
	fuzz_clear(dir);
	bool jsonl = nul && (byte(&s) & 1);
	if (!nul)
		s.p++;
	struct world w;
	for (int pass = 0; pass < 2; pass++) {
		snprintf(path, sizeof(path), "%s/x.%s", dir, jsonl ? "jsonl" : "json");
		fuzz_write(path, data, n);
		open_world(&w, path);
		if (w.c.n_readouts || nul || jsonl)
			break;
		close_world(&w);
		unlink(path);
		jsonl = true;
	}
	if (!w.c.n_readouts) {
		close_world(&w);
		return 0;
	}
	size_t skipped = w.c.n_skipped, nr = w.c.n_readouts;
	run(&w, &s);

	/* save: nothing may be left unsaved */
	struct save_report rep = { 0 };
	struct diags d = { 0 };
	if (!save_all(&w.s, &rep, &d) || rep.conflicts || rep.errors) {
		diags_print(&d, stderr, true);
		fuzz_fail("the save failed: %zu conflicts, %zu errors", rep.conflicts, rep.errors);
	}
	diags_free(&d);
	if (getenv("PARLEY_FUZZ_VERBOSE"))
		fprintf(stderr, "roundtrip: %zu readouts, %zu edits, %zu files and %zu readouts saved\n", nr, w.h.cur,
		        rep.files, rep.readouts);

	/* load again: the readouts as edited */
	struct world v;
	open_world(&v, path);
	if (v.c.n_readouts != nr || v.c.n_skipped != skipped) {
		diags_print(&v.c.diags, stderr, true);
		fuzz_fail("%zu readouts and %zu refused after the save, %zu and %zu before", v.c.n_readouts,
		          v.c.n_skipped, nr, skipped);
	}
	if (rep.files && v.c.diags.count[DIAG_RULE] + v.c.diags.count[DIAG_SYNTAX] > w.c.diags.count[DIAG_RULE]
	                                                                            + w.c.diags.count[DIAG_SYNTAX]) {
		diags_print(&v.c.diags, stderr, true);
		fuzz_fail("the file saved has new errors");
	}
	for (size_t i = 0; i < nr; i++) {
		fuzz_check_readout(&v.c, i);
		fuzz_same_readout(&w.c, i, &v.c, i, 0, "saved and loaded again");
	}
	close_world(&w);

	/* a save with no edit writes nothing */
	for (size_t i = 0; i < nr; i++)
		touch(&v, i);
	rep = (struct save_report){ 0 };
	if (!save_all(&v.s, &rep, &d) || rep.files)
		fuzz_fail("a save with no edit wrote %zu files", rep.files);
	diags_free(&d);
	close_world(&v);
	return 0;
}
