/* ptool.c - drives the core's editing and saving without a terminal, for
 * the fault, concurrency and round-trip tests.
 *
 *   ptool edit PATH READOUT POSITION FIELD VALUE [DELAY_MS]
 *       load PATH, set FIELD (review, stance, summary, note) of the position,
 *       wait DELAY_MS, save.  Exit 0 saved, 3 conflict, 1 other error.
 *   ptool edit-all PATH POSITION FIELD VALUE
 *       load PATH (a directory: many files at once), set FIELD of the
 *       position of every readout that has it, save; print "edited N
 *       readouts".  Exit 0 saved, 1 not (or no readout had it).
 *   ptool saveloop PATH READOUT POSITION
 *       save the summary "version A", "version B", ... for ever.
 *   ptool roundtrip PATH
 *       every readout of every .json file, merged unchanged and written in
 *       parley's layout, must be the file byte for byte.  Exit 0 when so.
 */
#include "corpus.h"
#include "fileio.h"
#include "edit.h"
#include "facets.h"
#include "save.h"
#include "jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int setup(const char *path, const char *rid, const char *pid, struct corpus *c, struct facets *f,
                 struct history *h, struct saver *s, size_t *ri, size_t *pi)
{
	corpus_init(c);
	corpus_add_path(c, path);
	facets_build(f, c, "");
	history_init(h, c, f, "ptool");
	saver_init(s, c);
	long r = corpus_find(c, rid);
	if (r < 0) {
		fprintf(stderr, "ptool: no readout %s\n", rid);
		return 1;
	}
	long p = readout_position_index(&c->readouts[r], pid);
	if (p < 0) {
		fprintf(stderr, "ptool: no position %s\n", pid);
		return 1;
	}
	*ri = (size_t)r;
	*pi = (size_t)p;
	if (!save_snapshot(s, *ri, &c->diags)) {
		diags_print(&c->diags, stderr, true);
		return 3;
	}
	return 0;
}

/* FIELD of position pi of readout ri set to val (within an edit begun). */
static bool apply_edit(struct history *h, size_t ri, size_t pi, const char *field, const char *val)
{
	if (strcmp(field, "review") == 0) {
		int k = name_lookup(review_names, REVIEW_COUNT, val);
		if (k < 0)
			return false;
		edit_review(h, ri, pi, (enum review)k);
	} else if (strcmp(field, "stance") == 0) {
		edit_stance(h, ri, pi, val);
	} else if (strcmp(field, "summary") == 0) {
		edit_summary(h, ri, pi, val);
	} else if (strcmp(field, "note") == 0) {
		edit_note(h, ri, pi, val);
	} else {
		return false;
	}
	return true;
}

/* ptool edit-all: see the top. */
static int edit_all(const char *path, const char *pid, const char *field, const char *val)
{
	struct corpus c;
	struct facets f;
	struct history h;
	struct saver s;
	corpus_init(&c);
	corpus_add_path(&c, path);
	facets_build(&f, &c, "");
	history_init(&h, &c, &f, "ptool");
	saver_init(&s, &c);
	size_t edited = 0;
	bool ok = true;
	for (size_t r = 0; r < c.n_readouts && ok; r++) {
		long p = readout_position_index(&c.readouts[r], pid);
		if (p < 0)
			continue;
		if (!save_snapshot(&s, r, &c.diags)) {
			ok = false;
			break;
		}
		edit_begin(&h);
		ok = apply_edit(&h, r, (size_t)p, field, val);
		edited += ok;
	}
	struct save_report rep;
	ok = ok && edited > 0 && save_all(&s, &rep, &c.diags);
	diags_print(&c.diags, stderr, true);
	printf("edited %zu readouts\n", edited);
	saver_free(&s);
	history_free(&h);
	facets_free(&f);
	corpus_free(&c);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct corpus c;
	struct facets f;
	struct history h;
	struct saver s;
	size_t ri, pi;
	if (argc >= 7 && strcmp(argv[1], "edit") == 0) {
		int rc = setup(argv[2], argv[3], argv[4], &c, &f, &h, &s, &ri, &pi);
		if (rc) {
			saver_free(&s);
			history_free(&h);
			facets_free(&f);
			corpus_free(&c);
			return rc;
		}
		edit_begin(&h);
		if (!apply_edit(&h, ri, pi, argv[5], argv[6]))
			return 1;
		if (argc >= 8) {
			long ms = atol(argv[7]);
			struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
		struct save_report rep;
		bool ok = save_all(&s, &rep, &c.diags);
		diags_print(&c.diags, stderr, true);
		saver_free(&s);
		history_free(&h);
		facets_free(&f);
		corpus_free(&c);
		return ok ? 0 : rep.conflicts ? 3 : 1;
	}
	if (argc >= 6 && strcmp(argv[1], "edit-all") == 0)
		return edit_all(argv[2], argv[3], argv[4], argv[5]);
	if (argc >= 5 && strcmp(argv[1], "saveloop") == 0) {
		int rc = setup(argv[2], argv[3], argv[4], &c, &f, &h, &s, &ri, &pi);
		if (rc)
			return rc;
		for (unsigned long i = 0;; i++) {
			edit_begin(&h);
			edit_summary(&h, ri, pi, i % 2 ? "version B" : "version A");
			struct save_report rep;
			if (!save_all(&s, &rep, &c.diags)) {
				diags_print(&c.diags, stderr, true);
				return 1;
			}
		}
	}
	if (argc >= 3 && strcmp(argv[1], "roundtrip") == 0) {
		corpus_init(&c);
		corpus_add_path(&c, argv[2]);
		saver_init(&s, &c);
		int bad = 0;
		for (size_t r = 0; r < c.n_readouts; r++) {
			const struct corpus_file *cf = &c.files[c.readouts[r].file];
			if (cf->jsonl || !save_snapshot(&s, r, &c.diags))
				continue;
			bool changed = true;
			cJSON *m = save_merge(&s, r, &changed);
			struct strbuf b = { 0 };
			jsonw_write(&b, m, true);
			size_t n = 0;
			char *disk = read_file(cf->path, &n);
			if (changed || !disk || n != b.n || memcmp(disk, b.s, n) != 0) {
				fprintf(stderr, "ptool: %s: not byte-identical\n", cf->path);
				bad++;
			}
			free(disk);
			sb_free(&b);
			cJSON_Delete(m);
		}
		diags_print(&c.diags, stderr, true);
		saver_free(&s);
		corpus_free(&c);
		return bad ? 1 : 0;
	}
	fprintf(stderr, "usage: ptool edit PATH READOUT POSITION FIELD VALUE [DELAY_MS]\n"
	                "       ptool edit-all PATH POSITION FIELD VALUE\n"
	                "       ptool saveloop PATH READOUT POSITION\n");
	return 2;
}
