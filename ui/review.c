/* review.c - reviewing and editing from the keyboard: accept, reject,
 * back to pending, stances, summaries and notes, speakers, topics and
 * agreements, creating and deleting positions, undo and redo, saving,
 * reloading, the command line, the question before quitting with unsaved
 * changes, and the offer to replay the journal of an interrupted session.
 * The changes themselves are made by the core (edit.c, save.c); every one
 * is in the journal before the screen shows it. */
#include "app.h"
#include "datadir.h"
#include "draft.h"
#include "fileio.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The readout and position an action applies to, or false with a message. */
static bool target(struct app *a, size_t *ri, size_t *pi)
{
	if (!view_ops(a)->shows_readout || !a->corpus.n_readouts) {
		app_message(a, true, "open a readout first (Enter), then choose a position");
		return false;
	}
	if (a->sel < 0 || (size_t)a->sel >= a->corpus.readouts[a->cur].n_positions) {
		app_message(a, true, "no position selected: move onto one, or create one with v");
		return false;
	}
	*ri = a->cur;
	*pi = (size_t)a->sel;
	return true;
}

static void after_change(struct app *a, long ri, long pos)
{
	if (ri < 0)
		return;
	if ((size_t)ri != a->cur || !view_ops(a)->shows_readout)
		app_open_readout(a, (size_t)ri, -1);
	const struct readout *r = &a->corpus.readouts[a->cur];
	if (pos >= (long)r->n_positions)
		pos = r->n_positions ? (long)r->n_positions - 1 : -1;
	a->sel = pos;
	app_refilter(a);
	if (pos >= 0)
		reader_select(a, pos, true);
}

static void review(struct app *a, enum review rv)
{
	size_t ri, pi;
	if (!target(a, &ri, &pi) || !app_may_edit(a, ri))
		return;
	if (edit_review(&a->hist, ri, pi, rv))
		app_message(a, false, "%s: %s", a->corpus.readouts[ri].positions[pi].id, review_names[rv]);
	after_change(a, (long)ri, (long)pi);
}

/* Positions of readout r in text order (malloc'd), *n of them. */
static size_t *text_order(const struct readout *r, size_t *n)
{
	size_t *ord = xmalloc((r->n_positions + 1) * sizeof(size_t));
	readout_text_order(r, ord);
	*n = r->n_positions;
	return ord;
}

/* The pending positions of readout ri within the filters; *nth (when not
 * NULL) gets the place of position pi among them in text order, from 1. */
static size_t pending_in(const struct app *a, size_t ri, size_t *nth, size_t pi)
{
	const struct readout *r = &a->corpus.readouts[ri];
	size_t n = 0, no, *ord = text_order(r, &no);
	for (size_t k = 0; k < no; k++) {
		size_t p = ord[k];
		if (r->positions[p].review == REVIEW_PENDING && filter_position(&a->filter, &a->corpus, &a->facets, ri, p)) {
			n++;
			if (nth && p == pi)
				*nth = n;
		}
	}
	free(ord);
	return n;
}

/* The next (previous) pending position after the selection, in the
 * navigator's readout order and text order, within the filters.  At the
 * last pending position of the open readout, J stops and says so; J again
 * (the very next key) goes on to the next readout that has one. */
static void step_pending(struct app *a, bool forward)
{
	if (!a->n_nav) {
		app_message(a, true, "no readouts");
		return;
	}
	size_t at = 0;
	bool listed = false; /* the open readout may be filtered out of the navigator */
	for (size_t i = 0; i < a->n_nav; i++)
		if (a->nav[i] == a->cur) {
			at = i;
			listed = true;
		}
	bool here = view_ops(a)->shows_readout && listed;
	bool crossing = here && a->cross_asked == a->keyno - 1 && a->cross_ri == a->cur && a->cross_forward == forward;
	for (size_t k = 0; k <= a->n_nav; k++) {
		size_t ni = forward ? (at + k) % a->n_nav : (at + a->n_nav - k % a->n_nav) % a->n_nav;
		size_t ri = a->nav[ni];
		const struct readout *r = &a->corpus.readouts[ri];
		size_t no, *ord = text_order(r, &no);
		long from = -1;
		if (k == 0 && here && ri == a->cur && a->sel >= 0)
			for (size_t i = 0; i < no; i++)
				if ((long)ord[i] == a->sel)
					from = (long)i;
		long found = -1;
		if (forward) {
			for (size_t i = (size_t)(from + 1); i < no && found < 0; i++)
				if (r->positions[ord[i]].review == REVIEW_PENDING
				    && filter_position(&a->filter, &a->corpus, &a->facets, ri, ord[i]))
					found = (long)ord[i];
		} else {
			size_t end = k == 0 && from >= 0 ? (size_t)from : no;
			for (size_t i = end; i-- > 0 && found < 0;)
				if (r->positions[ord[i]].review == REVIEW_PENDING
				    && filter_position(&a->filter, &a->corpus, &a->facets, ri, ord[i]))
					found = (long)ord[i];
		}
		free(ord);
		if (found >= 0 && (ri != a->cur || k > 0) && here && !crossing) {
			/* the readout is done: say so before leaving it, or before
			 * going round to its first (last) pending position when no
			 * other readout has one */
			a->cross_asked = a->keyno;
			a->cross_ri = a->cur;
			a->cross_forward = forward;
			if (ri == a->cur)
				app_message(a, false, "no %s pending position in this readout%s, nor in another: %s again goes "
				            "round to its %s", forward ? "later" : "earlier",
				            filter_is_empty(&a->filter) ? "" : " within the filters", forward ? "J" : "K",
				            forward ? "first" : "last");
			else
				app_message(a, false, "no %s pending position in this readout%s: %s again opens %s",
				            forward ? "later" : "earlier", filter_is_empty(&a->filter) ? "" : " within the filters",
				            forward ? "J" : "K", r->title ? r->title : r->id);
			return;
		}
		if (found >= 0) {
			app_open_readout(a, ri, found);
			size_t left = 0, nth = 0, mine = pending_in(a, ri, &nth, (size_t)found);
			for (size_t i = 0; i < a->n_nav; i++)
				left += pending_in(a, a->nav[i], NULL, 0);
			app_message(a, false, "%s: %zu of %zu pending in this readout, %zu in all%s", r->positions[found].id, nth,
			            mine, left, filter_is_empty(&a->filter) ? "" : " within the filters");
			return;
		}
	}
	app_message(a, false, "no pending position%s", filter_is_empty(&a->filter) ? "" : " within the filters");
}

static void cycle_stance(struct app *a)
{
	size_t ri, pi;
	if (!target(a, &ri, &pi) || !app_may_edit(a, ri))
		return;
	const struct position *p = &a->corpus.readouts[ri].positions[pi];
	int next = p->stance < 0 || p->stance >= STANCE_COUNT ? 0 : p->stance + 1;
	const char *s = next < STANCE_COUNT ? stance_names[next] : NULL;
	edit_stance(&a->hist, ri, pi, s);
	app_message(a, false, "stance: %s", s ? s : "(none)");
	after_change(a, (long)ri, (long)pi);
}

static void pick_stance(struct app *a)
{
	size_t ri, pi;
	if (!target(a, &ri, &pi))
		return;
	struct pick_item items[STANCE_COUNT + 1];
	memset(items, 0, sizeof(items));
	const struct position *p = &a->corpus.readouts[ri].positions[pi];
	for (int i = 0; i < STANCE_COUNT; i++) {
		items[i].label = stance_names[i];
		items[i].on = p->stance == i;
	}
	items[STANCE_COUNT].label = "(none)";
	char typed[64] = "";
	long r = pick_run(a, "Stance: Enter picks; type another value and Enter to use it", items, STANCE_COUNT + 1,
	                  PICK_FREE | PICK_CREATE, typed, sizeof(typed));
	if (r == PICK_CANCEL || !app_may_edit(a, ri))
		return;
	if (r == PICK_NEW && !stance_may_be(typed)) {
		/* (ZZ, then more of vi's keys, became a stance) */
		app_message(a, true, "not a stance: %s (words of letters, joined by hyphens, spaces or apostrophes, three "
		            "letters at least); the stance stays", typed);
		return;
	}
	const char *s = r == PICK_NEW ? typed : r == STANCE_COUNT ? NULL : stance_names[r];
	edit_stance(&a->hist, ri, pi, s);
	app_message(a, false, "stance: %s", s ? s : "(none)");
	after_change(a, (long)ri, (long)pi);
}

static void edit_text(struct app *a, bool summary)
{
	size_t ri, pi;
	if (!target(a, &ri, &pi) || !app_may_edit(a, ri))
		return;
	const struct position *p = &a->corpus.readouts[ri].positions[pi];
	char buf[2048];
	snprintf(buf, sizeof(buf), "%s", summary ? (p->summary ? p->summary : "") : (p->note ? p->note : ""));
	if (!lineedit_run(a, summary ? "summary: " : "note: ", buf, sizeof(buf), NULL)) {
		app_message(a, false, "unchanged");
		return;
	}
	bool changed = summary ? edit_summary(&a->hist, ri, pi, buf) : edit_note(&a->hist, ri, pi, buf);
	app_message(a, false, changed ? "%s changed" : "%s unchanged", summary ? "summary" : "note");
	after_change(a, (long)ri, (long)pi);
}

static void set_entities(struct app *a, enum entity_kind k)
{
	size_t ri, pi;
	if (!target(a, &ri, &pi))
		return;
	const struct position *p = &a->corpus.readouts[ri].positions[pi];
	static const char *const titles[ENT_KINDS] = {
		"Speaker of the position: Enter picks; type a new name to create one",
		"Topics: Tab toggles, Enter applies; type a new one to create it",
		"Agreements: Tab toggles, Enter applies; type a new one to create it",
	};
	uint32_t sp = p->speaker, *cur = k == ENT_SPEAKER ? &sp : k == ENT_TOPIC ? p->topics : p->agreements;
	size_t n_cur = k == ENT_SPEAKER ? 1 : k == ENT_TOPIC ? p->n_topics : p->n_agreements, made;
	uint32_t *ids;
	long m = pick_entities(a, ri, k, k != ENT_SPEAKER, titles[k], cur, n_cur, app_may_edit, &ids, &made);
	if (m < 0)
		return;
	const struct readout *r = &a->corpus.readouts[ri];
	if (k == ENT_SPEAKER) {
		if (m == 1) {
			edit_speaker(&a->hist, ri, pi, ids[0]);
			app_message(a, false, "speaker: %s%s", r->ents[k][ids[0]].label, made ? " (new in this readout)" : "");
		}
	} else {
		edit_refs(&a->hist, ri, pi, k, ids, (size_t)m);
		app_message(a, false, "%ld %s%s%s", m, k == ENT_TOPIC ? "topic" : "agreement", m == 1 ? "" : "s",
		            made ? " (new in this readout: its facet counts it at once)" : "");
	}
	free(ids);
	after_change(a, (long)ri, (long)pi);
}

static void delete_position(struct app *a)
{
	size_t ri, pi;
	if (!target(a, &ri, &pi) || !app_may_edit(a, ri))
		return;
	char id[64];
	snprintf(id, sizeof(id), "%s", a->corpus.readouts[ri].positions[pi].id);
	edit_delete(&a->hist, ri, pi);
	app_message(a, false, "deleted position %s (u undoes)", id);
	after_change(a, (long)ri, (long)pi);
}

static void undo_redo(struct app *a, bool undo)
{
	long keep = a->sel;
	a->hist.last_pos = -1;
	long ri = undo ? edit_undo(&a->hist) : edit_redo(&a->hist);
	if (ri < 0) {
		app_message(a, false, "nothing to %s", undo ? "undo" : "redo");
		return;
	}
	app_message(a, false, "%s in %s (%s again for more)", undo ? "undone" : "redone", a->corpus.readouts[ri].id,
	            undo ? "u" : "C-r");
	long pos = a->hist.last_pos >= 0 ? a->hist.last_pos : (size_t)ri == a->cur ? keep : 0;
	after_change(a, ri, pos);
}

static void save(struct app *a)
{
	struct save_report rep;
	struct diags d = { 0 };
	bool ok = save_all(&a->saver, &rep, &d);
	if (ok && !save_pending(&a->saver))
		journal_clear(&a->journal);
	if (ok && !rep.files)
		app_message(a, false, "nothing to save");
	else if (ok)
		app_message(a, false, "saved %zu readout%s in %zu file%s", rep.readouts, rep.readouts == 1 ? "" : "s",
		            rep.files, rep.files == 1 ? "" : "s");
	else if (rep.conflicts)
		app_message(a, true, "%s: R reloads it keeping your edits, :w PATH saves elsewhere",
		            d.n ? d.v[0].text : "a file changed on disk");
	else
		app_message(a, true, "%s", d.n ? d.v[0].text : "not saved");
	for (size_t i = 0; i < d.n; i++)
		app_note(a, "%s", d.v[i].text);
	diags_free(&d);
}

/* :w PATH: a new file (the mode of the readout's file, less the umask),
 * or, once the user says so, over the file there; never over a file of
 * the corpus (this readout's own: w saves it, and says when another
 * program changed it since it was loaded, which :w over it would lose),
 * nor as a new one the corpus would take in, nor over a directory. */
static void save_as_path(struct app *a, const char *path);

static void save_as(struct app *a, const char *arg)
{
	if (!a->corpus.n_readouts)
		return;
	/* ~ (and ~/) is the home directory, as a shell would have it */
	const char *home = getenv("HOME");
	bool tilde = arg[0] == '~' && (arg[1] == '/' || arg[1] == '\0') && home && *home;
	char *path = tilde ? xasprintf("%s%s", home, arg + 1) : xstrdup(arg);
	save_as_path(a, path);
	free(path);
}

static void save_as_path(struct app *a, const char *path)
{
	for (uint32_t fi = 0; fi < a->corpus.n_files; fi++) {
		const struct corpus_file *cf = &a->corpus.files[fi];
		/* its file (a draft's: where w will save it, not made yet), or
		 * the plain readout a draft was made from */
		if (file_same_place(path, cf->path)) {
			if (fi == a->corpus.readouts[a->cur].file)
				app_message(a, true,
				            "not written: %s is this readout's own file: w saves it (R first, when another "
				            "program changed it)",
				            path);
			else
				app_message(a, true, "not written: %s is a file of the corpus (:w another path)", path);
			return;
		}
		if (cf->draft_of && file_same_place(path, cf->draft_of)) {
			app_message(a, true, "not written: %s is the plain readout a draft was made from (:w another path)",
			            path);
			return;
		}
	}
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		app_message(a, true, "not written: %s is a directory (:w a file's path)", path);
		return;
	}
	/* a new file: into a directory that is there */
	const char *slash = strrchr(path, '/');
	if (!exists && slash && slash > path) {
		char *dir = xstrndup(path, (size_t)(slash - path));
		struct stat ds;
		if (stat(dir, &ds) != 0 || !S_ISDIR(ds.st_mode)) {
			app_message(a, true, "not written: there is no directory %s (:w a path in one)", dir);
			free(dir);
			return;
		}
		free(dir);
	}
	/* nor one the next load would read: the readout twice, one of them
	 * left out */
	if (!exists && corpus_would_read(a->paths, a->n_paths, path, true)) {
		app_message(a, true, "not written: %s is within a directory of the corpus: the next load would %s (:w a path "
		            "outside it)",
		            path, corpus_is_plain(path) ? "draft from it as a plain readout" : "read this readout twice");
		return;
	}
	if (exists) {
		char q[1200];
		snprintf(q, sizeof(q), "%s exists: y writes over it, n leaves it ", path);
		for (;;) {
			int k = ask_key(a, q);
			if (k == 'y' || k == 'Y')
				break;
			if (k < 0)
				keys_interrupted(); /* C-c: n, and parley stays */
			if (k == 'n' || k == 'N' || k == KEY_ESC || k == 'q' || k < 0) {
				app_message(a, false, "not written: %s is as it was", path);
				return;
			}
		}
	}
	struct diags d = { 0 };
	uint32_t fi = a->corpus.readouts[a->cur].file;
	if (save_file_as(&a->saver, fi, path, exists, &d))
		app_message(a, false, "edits of %s written to %s", a->corpus.files[fi].path, path);
	else
		app_message(a, true, "%s", d.n ? d.v[0].text : "not saved");
	diags_free(&d);
}

/* The journal's records applied again; what no longer applies is listed
 * with the problems (E). */
static size_t replay(struct app *a, const bool *files, size_t *skipped)
{
	struct diags d = { 0 };
	size_t applied = journal_replay(&a->journal, &a->hist, &a->saver, files, skipped, &d);
	for (size_t i = 0; i < d.n; i++)
		app_note(a, "%s", d.v[i].text);
	diags_free(&d);
	return applied;
}

/* Does file fi hold a readout with unsaved edits? */
static bool file_edited(const struct app *a, uint32_t fi)
{
	for (size_t ri = 0; ri < a->corpus.n_readouts; ri++)
		if (a->corpus.readouts[ri].file == fi && save_changed(&a->saver, ri))
			return true;
	return false;
}

/* Reload the files changed on disk (save_find_changed looks at every
 * file), then apply this session's edits of their readouts again from the
 * journal.  A file must still hold the same readouts (same ids); one that
 * does not is left as loaded, in conflict, so never overwritten. */
static void reload(struct app *a)
{
	size_t reloaded = 0, unloadable = 0, added = 0;
	uint32_t first_bad = 0;
	bool *done = xcalloc(a->corpus.n_files + 1, sizeof(bool));
	/* the edits are applied again from the journal: without one, a file
	 * with unsaved edits is not reloaded */
	bool journal_ok = a->journal.dirfd >= 0 && !a->journal.failed;
	save_find_changed(&a->saver);
	for (uint32_t fi = 0; fi < a->corpus.n_files; fi++) {
		if (!a->saver.conflict[fi])
			continue;
		struct corpus_file *cf = &a->corpus.files[fi];
		struct corpus fresh;
		corpus_init(&fresh);
		corpus_add_path(&fresh, cf->path);
		size_t mine = 0, same = 0;
		for (size_t ri = 0; ri < a->corpus.n_readouts; ri++)
			if (a->corpus.readouts[ri].file == fi) {
				mine++;
				same += corpus_find(&fresh, a->corpus.readouts[ri].id) >= 0;
			}
		const char *why = NULL;
		if (!journal_ok && file_edited(a, fi))
			why = "your edits of it are unsaved and there is no journal to apply them again from (E says why)";
		else if (fresh.n_files != 1 || fresh.n_io_errors)
			why = fresh.diags.n ? fresh.diags.v[0].text : "cannot be read";
		else if (same != mine)
			why = fresh.files[0].n_skipped > cf->n_skipped ? "some of its readouts no longer load"
			                                               : "some of its readouts were removed or renamed";
		/* readouts added (lines appended to a .jsonl) join the corpus,
		 * unless one has the id of another file's */
		for (size_t k = 0; !why && k < fresh.n_readouts; k++) {
			long at = corpus_find(&a->corpus, fresh.readouts[k].id);
			if (at >= 0 && a->corpus.readouts[at].file != fi)
				why = "a readout added to it has the id of a readout of another file";
		}
		if (why) {
			app_note(a, "%s: %s; not reloaded (restart parley to see it; :w PATH saves your edits elsewhere)",
			         cf->path, why);
			if (!unloadable++)
				first_bad = fi;
			corpus_free(&fresh);
			continue;
		}
		if (fresh.files[0].n_skipped != cf->n_skipped) /* lines that do not load: say why */
			for (size_t i = 0; i < fresh.diags.n; i++)
				app_note(a, "%s", fresh.diags.v[i].text);
		/* drop the history of these readouts, keep their memory */
		size_t w = 0, cur = a->hist.cur;
		for (size_t i = 0; i < a->hist.n; i++) {
			if (a->corpus.readouts[a->hist.v[i].readout].file == fi) {
				if (i < a->hist.cur)
					cur--;
				continue;
			}
			a->hist.v[w++] = a->hist.v[i];
		}
		a->hist.n = w;
		a->hist.cur = cur;
		for (size_t ri = 0; ri < a->corpus.n_readouts; ri++) {
			struct readout *r = &a->corpus.readouts[ri];
			if (r->file != fi)
				continue;
			long k = corpus_find(&fresh, r->id);
			struct readout nr = fresh.readouts[k];
			memset(&fresh.readouts[k].arena, 0, sizeof(nr.arena)); /* now ours */
			fresh.readouts[k].text_buf = NULL;
			/* keep the old arena alive: undo history elsewhere may point in it */
			grow(&a->graveyard, &a->cap_graveyard, a->n_graveyard + 1, sizeof(struct arena));
			a->graveyard[a->n_graveyard++] = r->arena;
			free(r->text_buf);
			nr.file = fi;
			*r = nr;
			save_forget(&a->saver, ri);
		}
		/* then those added, after the corpus's others */
		for (size_t k = 0; k < fresh.n_readouts; k++) {
			if (corpus_find(&a->corpus, fresh.readouts[k].id) >= 0)
				continue;
			struct readout nr = fresh.readouts[k];
			memset(&fresh.readouts[k].arena, 0, sizeof(nr.arena)); /* now ours */
			fresh.readouts[k].text_buf = NULL;
			nr.file = fi;
			corpus_append(&a->corpus, &nr);
			cf->n_readouts++;
			added++;
		}
		cf->size = fresh.files[0].size;
		cf->mtime = fresh.files[0].mtime;
		cf->hash = fresh.files[0].hash;
		cf->n_skipped = fresh.files[0].n_skipped;
		a->saver.conflict[fi] = false;
		corpus_free(&fresh);
		done[fi] = true;
		reloaded++;
		corpus_texts_forget(&a->corpus); /* the texts read back from the old file */
	}
	if (!reloaded) {
		if (unloadable)
			app_message(a, true, "%s changed on disk and cannot be reloaded%s (E says why)",
			            a->corpus.files[first_bad].path, unloadable > 1 ? ", with others" : "");
		else
			app_message(a, false, "no file changed on disk");
		free(done);
		return;
	}
	if (added) {
		saver_grow(&a->saver);
		history_grow(&a->hist);
	}
	facets_free(&a->facets);
	facets_build(&a->facets, &a->corpus, a->lang);
	filter_clear(&a->filter);
	free(a->frows);
	a->frows = NULL;
	a->n_frows = 0;
	/* this session's edits of the reloaded readouts again, from the journal
	 * (the others' edits and history are as they were) */
	size_t skipped = 0;
	size_t applied = replay(a, done, &skipped);
	free(done);
	wrap_view_free(&a->wrap);
	free(a->miss_fold); /* texts may have changed */
	a->miss_fold = NULL;
	reader_keep_hits(a, NULL, 0); /* and with them where F found its hits */
	a->hit_set = false;
	app_refilter(a);
	if (added)
		app_corpus_grew(a);
	if (view_ops(a)->shows_readout)
		app_open_readout(a, a->cur, -1);
	char more[64] = "", over[96] = "";
	if (added)
		snprintf(more, sizeof(more), "; %zu readout%s added", added, added == 1 ? "" : "s");
	/* a field the other program changed too: yours now, theirs gone at
	 * the next w (said, not only listed) */
	size_t replaced = a->journal.replaced;
	if (replaced)
		snprintf(over, sizeof(over), "; %zu of yours replaced a value changed on disk (E lists them; u undoes)",
		         replaced);
	app_message(a, skipped > 0 || unloadable > 0 || replaced > 0, "reloaded %zu file%s%s; %zu edit%s applied again%s%s%s",
	            reloaded, reloaded == 1 ? "" : "s", more, applied, applied == 1 ? "" : "s",
	            skipped ? ", some no longer apply (E lists them)" : "", over,
	            unloadable ? "; some files cannot be reloaded (E says why)" : "");
}

bool review_confirm_quit(struct app *a)
{
	if (!save_pending(&a->saver))
		return true;
	for (;;) {
		int k = ask_key(a, "Unsaved changes: w saves and quits, d discards them and quits, Esc stays ");
		if (k == 'w') {
			save(a);
			if (!save_pending(&a->saver))
				return true;
			return false; /* the message says why */
		}
		if (k == 'd') {
			journal_clear(&a->journal);
			a->discarded = true;
			return true;
		}
		if (k < 0)
			keys_interrupted(); /* C-c: as Esc, parley stays (a hang-up still leaves) */
		if (k == KEY_ESC || k == 'q' || k < 0)
			return false;
	}
}

/* Is c the command `name` or an abbreviation of it of min letters or
 * more (as vi takes :mes for :messages)? */
static bool abbrev(const char *c, const char *name, size_t min)
{
	size_t n = strlen(c);
	return n >= min && n <= strlen(name) && strncmp(c, name, n) == 0;
}

static void command(struct app *a)
{
	char buf[1024] = "";
	if (!lineedit_run(a, ":", buf, sizeof(buf), NULL))
		return;
	char *c = buf + strspn(buf, " ");
	if (a->loading && strcmp(c, "q") != 0 && strcmp(c, "q!") != 0 && !abbrev(c, "messages", 3) && !abbrev(c, "help", 1)
	    && *c) {
		app_message(a, true, "still loading: only q, q!, messages and help until the whole corpus is here");
		return;
	}
	if (strcmp(c, "w") == 0) {
		save(a);
	} else if (strncmp(c, "w ", 2) == 0) {
		save_as(a, c + 2 + strspn(c + 2, " "));
	} else if (strcmp(c, "wq") == 0 || strcmp(c, "x") == 0) {
		save(a);
		if (!save_pending(&a->saver))
			a->quit = true;
	} else if (strcmp(c, "q") == 0) {
		if (review_confirm_quit(a))
			a->quit = true;
	} else if (strcmp(c, "q!") == 0) {
		a->quit = true; /* the journal keeps the edits for the next start */
	} else if (abbrev(c, "reload", 3) || strcmp(c, "e!") == 0) {
		reload(a);
	} else if (abbrev(c, "messages", 3)) {
		lines_open(a, LINES_MESSAGES);
	} else if (abbrev(c, "help", 1)) {
		lines_open(a, LINES_HELP);
	} else if (abbrev(c, "problems", 4)) {
		lines_open(a, LINES_PROBLEMS);
	} else if (*c) {
		app_message(a, true, "unknown command: %s (w, w PATH, wq, q, q!, reload, messages, help, problems)", c);
	}
}

void review_draft(struct app *a, size_t ri)
{
	if (ri >= a->corpus.n_readouts)
		return;
	const struct readout *r = &a->corpus.readouts[ri];
	if (r->n_positions) {
		app_message(a, false, "this readout has positions already: d drafts a readout that has none");
		return;
	}
	if (a->lx_state == 0) {
		struct diags d = { 0 };
		a->lx_state = lexicon_load_default(&a->lx, data_dirs(), &d) ? 1 : -1;
		if (a->lx_state < 0)
			app_message(a, true, "no lexicon to draft with: %s", d.n ? d.v[d.n - 1].text : "not found");
		diags_free(&d);
	}
	if (a->lx_state < 0 || !app_may_edit(a, ri))
		return;
	struct diags d = { 0 };
	long n = draft_positions(&a->hist, ri, &a->lx, &d);
	if (n < 0) {
		char *m = d.n ? sanitize_dup(d.v[d.n - 1].text, strlen(d.v[d.n - 1].text), 0) : NULL;
		app_message(a, true, "%s", m ? m : "not drafted");
		free(m);
	} else if (n == 0) {
		app_message(a, false,
		            "no position drafted: no sentence here says what a speaker said or holds (v selects text to "
		            "make one)");
	} else {
		app_refilter(a);
		app_message(a, false, "%ld position%s drafted, pending: review them (y x, J), u takes them back, w saves", n,
		            n == 1 ? "" : "s");
	}
	diags_free(&d);
}

bool review_action(struct app *a, enum action act)
{
	/* while the corpus loads, editing waits (the action table says which) */
	if (a->loading && act > ACT_NONE && act < ACT_COUNT && !action_info[act].while_loading) {
		app_message(a, true, "still loading: editing starts when the whole corpus is here");
		return true;
	}
	switch (act) {
	case ACT_DRAFT:
		if (!a->corpus.n_readouts)
			return true;
		review_draft(a, view_ops(a)->shows_readout || !a->n_nav ? a->cur : a->nav[a->nav_sel]);
		return true;
	case ACT_ACCEPT:
		review(a, REVIEW_ACCEPTED);
		return true;
	case ACT_REJECT:
		review(a, REVIEW_REJECTED);
		return true;
	case ACT_UNREVIEW:
		review(a, REVIEW_PENDING);
		return true;
	case ACT_NEXT_PENDING:
	case ACT_PREV_PENDING:
		step_pending(a, act == ACT_NEXT_PENDING);
		return true;
	case ACT_CYCLE_STANCE:
		cycle_stance(a);
		return true;
	case ACT_PICK_STANCE:
		pick_stance(a);
		return true;
	case ACT_EDIT_SUMMARY:
	case ACT_EDIT_NOTE:
		edit_text(a, act == ACT_EDIT_SUMMARY);
		return true;
	case ACT_SET_SPEAKER:
		set_entities(a, ENT_SPEAKER);
		return true;
	case ACT_SET_TOPICS:
		set_entities(a, ENT_TOPIC);
		return true;
	case ACT_SET_AGREEMENTS:
		set_entities(a, ENT_AGREEMENT);
		return true;
	case ACT_SELECT_TEXT:
	case ACT_EDIT_SPAN: {
		if (!view_ops(a)->shows_readout || !a->corpus.n_readouts) {
			app_message(a, true, "open a readout first (Enter)");
			return true;
		}
		size_t ri, pi;
		if (act == ACT_EDIT_SPAN && !target(a, &ri, &pi))
			return true;
		if (a->read_only) {
			app_message(a, true, "read-only: started with --read-only");
			return true;
		}
		visual_run(a, act == ACT_EDIT_SPAN ? a->sel : -1);
		return true;
	}
	case ACT_DELETE:
		delete_position(a);
		return true;
	case ACT_UNDO:
	case ACT_REDO:
		undo_redo(a, act == ACT_UNDO);
		return true;
	case ACT_SAVE:
		save(a);
		return true;
	case ACT_RELOAD:
		reload(a);
		return true;
	case ACT_COMMAND:
		command(a);
		return true;
	default:
		return false;
	}
}

void review_offer_recovery(struct app *a)
{
	long long when = 0;
	size_t n = journal_find_orphans(&a->journal, &when);
	if (!n) {
		/* those of a session started on other paths, with files of
		 * these: said, for parley on those paths to offer them */
		char *paths = NULL;
		size_t others = journal_find_others(&a->journal, &paths);
		if (others) {
			app_message(a, true, "%zu unsaved edit%s of an earlier session started on other paths: parley %s offers %s",
			            others, others == 1 ? "" : "s", paths, others == 1 ? "it" : "them");
			app_note(a, "%s", a->msg);
		}
		free(paths);
		return;
	}
	size_t sessions = a->journal.n_orphans;
	char q[256], date[64] = "", from[96];
	time_t t = (time_t)when;
	struct tm tm;
	if (localtime_r(&t, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm);
	if (sessions == 1)
		snprintf(from, sizeof(from), "an earlier session (%s)", date);
	else
		snprintf(from, sizeof(from), "%zu earlier sessions (the last %s)", sessions, date);
	snprintf(q, sizeof(q), "%zu unsaved edit%s from %s: y replays %s, n sets %s aside ", n, n == 1 ? "" : "s",
	         from, n == 1 ? "it" : "them", n == 1 ? "it" : "them");
	for (;;) {
		int k = ask_key(a, q);
		if (k == 'y' || k == 'Y') {
			size_t skipped = 0;
			struct diags d = { 0 };
			size_t applied = journal_recover(&a->journal, &a->hist, &a->saver, &skipped, &d);
			for (size_t i = 0; i < d.n; i++)
				app_note(a, "%s", d.v[i].text);
			diags_free(&d);
			app_refilter(a);
			char over[96] = "";
			if (a->journal.replaced)
				snprintf(over, sizeof(over), "; %zu replaced a value changed on disk (E lists them)",
				         a->journal.replaced);
			app_message(a, skipped > 0 || a->journal.replaced > 0, "recovered %zu edit%s (not saved yet: w saves)%s%s",
			            applied, applied == 1 ? "" : "s", skipped ? "; some no longer apply: E lists them" : "", over);
			return;
		}
		if (k == 'n' || k == 'N') {
			char aside[1200];
			size_t moved = journal_set_aside(&a->journal, aside, sizeof(aside));
			if (moved == 1)
				app_message(a, false, "the earlier edits are kept in %s", aside);
			else if (moved)
				app_message(a, false, "the earlier edits are kept in %zu files such as %s", moved, aside);
			return;
		}
		if (k < 0)
			return;
	}
}
