/* test_edit.c - edits, undo and redo, saving (unknown keys, key order,
 * JSON Lines kept byte for byte, conflicts) and the journal. */
#include "tap.h"
#include "corpus.h"
#include "fileio.h"
#include "edit.h"
#include "facets.h"
#include "journal.h"
#include "jsonw.h"
#include "save.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static int number_from(const char *cmd);

static size_t count_lines(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

static void copy(const char *from, const char *to)
{
	size_t n;
	char *s = read_file(from, &n);
	FILE *f = fopen(to, "wb");
	fwrite(s, 1, n, f);
	fclose(f);
	free(s);
}

struct world {
	struct corpus c;
	struct facets f;
	struct history h;
	struct saver s;
};

static void open_world(struct world *w, const char *path)
{
	corpus_init(&w->c);
	corpus_add_path(&w->c, path);
	facets_build(&w->f, &w->c, "");
	history_init(&w->h, &w->c, &w->f, "Test Reviewer");
	saver_init(&w->s, &w->c);
}

static void close_world(struct world *w)
{
	saver_free(&w->s);
	history_free(&w->h);
	facets_free(&w->f);
	corpus_free(&w->c);
}

static long rfind(struct world *w, const char *id)
{
	return corpus_find(&w->c, id);
}

/* A journal left by a "crash" with one real record (position pos of the
 * Chinese readout accepted), then the text tail appended as if written
 * later; j is a new session's journal, with that orphan found. */
static void journal_with(struct world *w, struct journal *j, char **paths, size_t pos, const char *tail)
{
	struct journal old;
	open_world(w, dir);
	journal_init(&old, paths, 1);
	w->h.listen = journal_listener(&old);
	long rzh = rfind(w, "zh-2021-06-28-xi-putin");
	save_snapshot(&w->s, (size_t)rzh, &w->c.diags);
	edit_begin(&w->h);
	edit_review(&w->h, (size_t)rzh, pos, REVIEW_ACCEPTED);
	FILE *f = fopen(old.path, "ab");
	fputs(tail, f);
	fclose(f);
	journal_free(&old); /* the crash: the file stays, unlocked */
	close_world(w);
	journal_init(j, paths, 1);
	journal_find_orphans(j, NULL);
}

/* A file in dir with this content. */
static void put_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");
	fputs(s, f);
	fclose(f);
}

static bool contains(const char *s, const char *what)
{
	return s && strstr(s, what);
}

/* Where the journal goes, and what it will not use or trust: a shared
 * directory, one writable by others or not the user's, a journal file that
 * is a link or not the user's; and the first write that fails is told with
 * its reason.  (XDG_STATE_HOME is dir on entry and on return.) */
static void journal_safety(char **paths)
{
	char why[512] = "", want[600];
	const struct passwd *pw = getpwuid(getuid());
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	char *p = journal_dir_path(why, sizeof(why));
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/') {
		snprintf(want, sizeof(want), "%s/.local/state/parley", strcmp(pw->pw_dir, "/") ? pw->pw_dir : "");
		is_str(p, want, "HOME and XDG_STATE_HOME unset: the password database's home");
	} else {
		ok(!p && *why, "HOME and XDG_STATE_HOME unset, no home in the password database: no journal (%s)", why);
	}
	ok(!p || strncmp(p, "/tmp", 4) != 0, "never under /tmp (%s)", p ? p : "none");
	free(p);
	setenv("HOME", "relative/home", 1);
	p = journal_dir_path(why, sizeof(why));
	ok(!p || strncmp(p, "relative", 8) != 0, "a relative HOME is not used (%s)", p ? p : "none");
	free(p);
	if (home)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	free(home);

	/* a group-writable directory, and one of another user (root can make one) */
	char state[300], pdir[400], cmd[1400];
	snprintf(state, sizeof(state), "%s/state2", dir);
	snprintf(pdir, sizeof(pdir), "%s/parley", state);
	setenv("XDG_STATE_HOME", state, 1);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && chmod 770 '%s'", pdir, pdir);
	ok(system(cmd) == 0, "a group-writable journal directory");
	struct journal j;
	journal_init(&j, paths, 1);
	ok(j.dirfd < 0 && contains(j.why, "other users can write to it (chmod go-w it)"), "is refused: %s", j.why);
	journal_free(&j);
	chmod(pdir, 0700);
	if (geteuid() == 0 && chown(pdir, 1, 1) == 0) {
		journal_init(&j, paths, 1);
		ok(j.dirfd < 0 && contains(j.why, "belongs to another user"), "one of another user is refused: %s", j.why);
		journal_free(&j);
		if (chown(pdir, 0, 0) != 0)
			diag_note("cannot chown %s back", pdir);
	} else {
		ok(1, "# SKIP a directory of another user: only root can make one");
	}

	/* journals left behind that are not to be trusted: a link to one with
	 * records, one of another user; beside one that is offered */
	journal_init(&j, paths, 1);
	ok(j.dirfd >= 0, "a journal directory of the user's own (%s)", j.why);
	char elsewhere[400], name[700], target[700];
	const char *rec = "{\"parley-journal\":1}\n{\"op\":\"delete\",\"readout\":\"x\",\"id\":\"p1\"}\n";
	snprintf(elsewhere, sizeof(elsewhere), "%s/elsewhere", state);
	mkdir(elsewhere, 0700);
	snprintf(target, sizeof(target), "%s/journal.jsonl", elsewhere);
	put_file(target, rec);
	snprintf(name, sizeof(name), "%s/%s-aaaaaaaaaaaa.jsonl", pdir, j.stem);
	ok(symlink(target, name) == 0, "a journal that is a symbolic link, planted");
	is_int(journal_find_orphans(&j, NULL), 0, "is not offered");
	unlink(name);
	snprintf(name, sizeof(name), "%s/%s-bbbbbbbbbbbb.jsonl", pdir, j.stem);
	put_file(name, rec);
	if (geteuid() == 0 && chown(name, 1, 1) == 0) {
		is_int(journal_find_orphans(&j, NULL), 0, "a journal of another user is not offered");
		if (chown(name, 0, 0) != 0)
			diag_note("cannot chown %s back", name);
	} else {
		ok(1, "# SKIP a journal of another user: only root can make one");
	}
	is_int(journal_find_orphans(&j, NULL), 1, "the user's own is");
	journal_free(&j);
	unlink(name);

	/* the first write that fails is told, with its reason (a file size
	 * limit: EFBIG, as a full disk or a quota would fail it), then another
	 * failure; once writes can be made again, the journal is written
	 * whole, to a new file (the records since the last save, its header
	 * first: the first write that failed was the header's), the old one
	 * gone */
	struct world w;
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	long rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	save_snapshot(&w.s, (size_t)rfr, &w.c.diags);
	struct position *p1 = &w.c.readouts[rfr].positions[1];
	struct rlimit was_lim, lim;
	getrlimit(RLIMIT_FSIZE, &was_lim);
	signal(SIGXFSZ, SIG_IGN);
	lim = was_lim;
	lim.rlim_cur = 0;
	setrlimit(RLIMIT_FSIZE, &lim);
	edit_begin(&w.h);
	edit_review(&w.h, (size_t)rfr, 1, (p1->review + 1) % REVIEW_COUNT);
	ok(j.failed && contains(j.fail_why, strerror(EFBIG)), "a first write that fails says why: %s", j.fail_why);
	snprintf(cmd, sizeof(cmd), "ls '%s' | grep -c '^journal-'", pdir);
	is_int(number_from(cmd), 0, "and leaves no journal without its header");
	snprintf(cmd, sizeof(cmd), "chmod 500 '%s'", pdir);
	ok(system(cmd) == 0, "the journal directory made read-only");
	edit_review(&w.h, (size_t)rfr, 1, (p1->review + 1) % REVIEW_COUNT);
	ok(contains(j.fail_why, strerror(EFBIG)), "the next failure does not hide the first");
	snprintf(cmd, sizeof(cmd), "chmod 700 '%s'", pdir);
	ok(system(cmd) == 0, "writable again");
	setrlimit(RLIMIT_FSIZE, &was_lim);
	edit_review(&w.h, (size_t)rfr, 1, (p1->review + 1) % REVIEW_COUNT);
	ok(!j.failed && !*j.fail_why && j.rewritten && j.fd >= 0, "the next edit writes the journal whole: safe again");
	size_t jn = 0;
	char *jt = j.path ? read_file(j.path, &jn) : NULL;
	ok(jt && strncmp(jt, "{\"parley-journal\":1", 19) == 0 && count_lines(jt, jn) == 4,
	   "its header and the three edits' records");
	free(jt);
	/* its file removed under a running parley: made again, whole */
	char *was_path = xstrdup(j.path);
	unlink(j.path);
	j.rewritten = false;
	edit_review(&w.h, (size_t)rfr, 1, (p1->review + 1) % REVIEW_COUNT);
	jt = j.path ? read_file(j.path, &jn) : NULL;
	ok(!j.failed && j.rewritten && strcmp(j.path, was_path) != 0 && jt && count_lines(jt, jn) == 5,
	   "the journal's file removed: the next edit writes it again, whole (%s)", j.path ? j.path : "none");
	free(jt);
	free(was_path);
	/* and its directory */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", pdir);
	ok(system(cmd) == 0, "the journal directory removed under a running parley");
	edit_review(&w.h, (size_t)rfr, 1, (p1->review + 1) % REVIEW_COUNT);
	jt = j.path ? read_file(j.path, &jn) : NULL;
	ok(!j.failed && jt && count_lines(jt, jn) == 6, "  made again, and the journal in it, whole");
	free(jt);
	/* removed again, then parley leaves with the edits unsaved: made
	 * sure of before it is named */
	unlink(j.path);
	ok(journal_sync(&j), "leaving: journal_sync writes the journal whole again");
	jt = j.path ? read_file(j.path, &jn) : NULL;
	ok(jt && count_lines(jt, jn) == 6 && j.rewritten == JOURNAL_FILE_GONE, "  every record in it, and why said");
	free(jt);
	ok(journal_sync(&j), "  a second time: nothing to do");
	journal_clear(&j);
	ok(!j.failed && !*j.fail_why && !j.kept.n, "a save that empties the journal starts afresh");
	journal_free(&j);
	/* a directory that cannot be made: the journal cannot be, and says so */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && touch '%s'", pdir, pdir);
	ok(system(cmd) == 0, "a file where the journal directory would be");
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	edit_begin(&w.h);
	edit_review(&w.h, (size_t)rfr, 1, (p1->review + 1) % REVIEW_COUNT);
	ok(j.failed && contains(j.fail_why, pdir), "the journal cannot be made, and says so: %s", j.fail_why);
	journal_free(&j);
	unlink(pdir);
	close_world(&w);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", state);
	if (system(cmd) != 0)
		diag_note("could not remove %s", state);
	setenv("XDG_STATE_HOME", dir, 1);
}

/* The number the shell command prints (-1 when it cannot run). */
static int number_from(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

/* A stance of one's own is a word (stance_may_be): vi's keys typed into
 * the stance picker were taken for one. */
static void test_stance_may_be(void)
{
	static const char *const yes[] = { "hedged", "odd-one", "cautious support", "réservé", "обеспокоенность", "保留" "态度",
		                           "保留", "反对", "re\xcc\x81serve\xcc\x81", "d'accord", "d\xe2\x80\x99" "accord",
		                           "\xe0\xa4\xaa\xe0\xa5\x81\xe0\xa4\xa8\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\xb5\xe0\xa4\xbf\xe0\xa4\x9a\xe0\xa4\xbe\xe0\xa4\xb0" };
	static const char *const no[] = { "", "Z", "ZZ", ":wq", "Z5j:set mouse=off", "x1", "-no", "ok-", "a b", "tab\tin",
		                          "保", "a''b", "'abc", "abc'" };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ok(stance_may_be(yes[i]), "a stance of one's own: %s", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ok(!stance_may_be(no[i]), "no stance: '%s'", no[i]);
}

int main(void)
{
	test_stance_may_be();
	const char *top = getenv("top_srcdir");
	if (!top)
		top = ".";
	strcpy(dir, "/tmp/parley-edit-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char fr[256], zh[256], jl[256], src[512];
	snprintf(fr, sizeof(fr), "%s/fr.json", dir);
	snprintf(zh, sizeof(zh), "%s/zh.json", dir);
	snprintf(jl, sizeof(jl), "%s/calls.jsonl", dir);
	snprintf(src, sizeof(src), "%s/samples/fr-2021-07-15-wang-yi-lavrov-tashkent.json", top);
	copy(src, fr);
	snprintf(src, sizeof(src), "%s/samples/zh-2021-06-28-xi-jinping-putin-video-call.json", top);
	copy(src, zh);
	snprintf(src, sizeof(src), "%s/samples/calls-2021.jsonl", top);
	copy(src, jl);
	size_t fr_n, jl_n;
	char *fr_orig = read_file(fr, &fr_n), *jl_orig = read_file(jl, &jl_n);

	struct world w;
	open_world(&w, dir);
	is_int(w.c.n_readouts, 4, "four readouts in the work directory");
	long rfr = rfind(&w, "fr-2021-07-15-wang-lavrov"), rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	long rjl = rfind(&w, "ru-2021-08-16-lavrov-wang-yi-call");
	ok(rfr >= 0 && rzh >= 0 && rjl >= 0, "the readouts are there");

	/* edits, on the first pending position after the first position (which
	 * is deleted below) */
	size_t pe = 0;
	for (size_t i = 1; rfr >= 0 && i < w.c.readouts[rfr].n_positions && !pe; i++)
		if (w.c.readouts[rfr].positions[i].review == REVIEW_PENDING)
			pe = i;
	ok(pe > 0, "the French readout has a pending position after its first");
	char pe_id[64];
	snprintf(pe_id, sizeof(pe_id), "%s", pe > 0 ? w.c.readouts[rfr].positions[pe].id : "");
	char p0_id[64];
	snprintf(p0_id, sizeof(p0_id), "%s", rfr >= 0 ? w.c.readouts[rfr].positions[0].id : "");
	ok(save_snapshot(&w.s, (size_t)rfr, &w.c.diags), "snapshot before the first edit");
	edit_begin(&w.h);
	ok(edit_review(&w.h, (size_t)rfr, pe, REVIEW_ACCEPTED), "accept a position (%s)", pe_id);
	ok(!edit_review(&w.h, (size_t)rfr, pe, REVIEW_ACCEPTED), "accepting it again changes nothing");
	edit_begin(&w.h);
	ok(edit_summary(&w.h, (size_t)rfr, pe, "Résumé révisé : sécurité « commune »"), "edit a summary with accents");
	ok(w.c.readouts[rfr].positions[pe].by == NULL || strcmp(w.c.readouts[rfr].positions[pe].by, "Test Reviewer") != 0,
	   "an edit keeps who made the position (by)");
	edit_begin(&w.h);
	ok(edit_stance(&w.h, (size_t)rfr, pe, "ambivalent"), "an unlisted stance");
	edit_begin(&w.h);
	long ent = edit_new_entity(&w.h, (size_t)rfr, ENT_TOPIC, "Sécurité informatique");
	ok(ent >= 0 && strcmp(w.c.readouts[rfr].ents[ENT_TOPIC][ent].id, "securite-informatique") == 0,
	   "a new topic with an id made from its label");
	is_int(edit_add_entity(&w.h, (size_t)rfr, ENT_TOPIC, "cyber security", "x"), -1, "an invalid id is refused");
	is_int(edit_add_entity(&w.h, (size_t)rfr, ENT_TOPIC, "securite-informatique", "x"), ent,
	       "an id the readout has: that entity");
	is_int(edit_add_entity(&w.h, (size_t)rfr, ENT_TOPIC, "wang-yi", "x"), -1, "an id of another kind: refused");
	uint32_t t = (uint32_t)ent;
	ok(edit_refs(&w.h, (size_t)rfr, pe, ENT_TOPIC, &t, 1), "tag the position with it");
	size_t n_before = w.c.readouts[rfr].n_positions;
	edit_begin(&w.h);
	ok(edit_delete(&w.h, (size_t)rfr, 0), "delete a position");
	is_int(w.c.readouts[rfr].n_positions, n_before - 1, "one fewer position");

	/* a position on Chinese text */
	ok(save_snapshot(&w.s, (size_t)rzh, &w.c.diags), "snapshot of the Chinese readout");
	edit_begin(&w.h);
	long np = edit_create(&w.h, (size_t)rzh, 0, 0, 10);
	ok(np >= 0, "create a position on Chinese text");
	char np_id[64];
	snprintf(np_id, sizeof(np_id), "%s", np >= 0 ? w.c.readouts[rzh].positions[np].id : "");
	ok(np >= 0 && w.c.readouts[rzh].positions[np].by && strcmp(w.c.readouts[rzh].positions[np].by, "Test Reviewer") == 0,
	   "a position made here records its maker");
	const struct readout *rz = &w.c.readouts[rzh];
	ok(np >= 0 && rz->positions[np].span.bend - rz->positions[np].span.bstart > 10, "its bytes are right for CJK");

	/* one line of the JSON Lines file */
	ok(save_snapshot(&w.s, (size_t)rjl, &w.c.diags), "snapshot of a JSONL readout");
	edit_begin(&w.h);
	ok(edit_note(&w.h, (size_t)rjl, 0, "проверено"), "a note in Russian");

	/* the facet counts followed every edit: the same as counting afresh */
	edit_undo(&w.h);
	edit_redo(&w.h);
	struct facets fresh;
	facets_build(&fresh, &w.c, "");
	int differ = 0;
	for (int k = 0; k < ENT_KINDS; k++)
		for (size_t i = 0; i < fresh.n[k]; i++) {
			long g = facets_find(&w.f, (enum entity_kind)k, fresh.v[k][i].id);
			differ += g < 0 || w.f.v[k][g].n_positions != fresh.v[k][i].n_positions;
		}
	is_int(differ, 0, "facet position counts follow the edits, undo and redo");
	facets_free(&fresh);
	ok(save_pending(&w.s), "unsaved changes are pending");
	struct save_report rep;
	ok(save_all(&w.s, &rep, &w.c.diags), "save");
	is_int(rep.files, 3, "three files written");
	ok(!save_pending(&w.s), "nothing pending after the save");
	close_world(&w);

	/* what was saved */
	open_world(&w, dir);
	ok(w.c.n_skipped == 0 && w.c.diags.n == w.c.diags.count[DIAG_WARN], "the saved files validate (warnings aside: the stance ambivalent)");
	for (size_t i = 0; i < w.c.diags.n; i++)
		diag_note("%s", w.c.diags.v[i].text);
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	const struct readout *r = &w.c.readouts[rfr];
	long p2 = readout_position_index(r, pe_id);
	ok(p2 >= 0 && r->positions[p2].review == REVIEW_ACCEPTED, "the acceptance was saved");
	ok(p2 >= 0 && strcmp(r->positions[p2].summary, "Résumé révisé : sécurité « commune »") == 0, "the summary");
	ok(p2 >= 0 && strcmp(r->positions[p2].stance_text, "ambivalent") == 0, "the stance");
	ok(p2 >= 0 && r->positions[p2].n_topics == 1
	   && strcmp(RO_TOPICS(r)[r->positions[p2].topics[0]].id, "securite-informatique") == 0, "the new topic");
	ok(readout_position_index(r, p0_id) < 0, "the deleted position is gone");
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	ok(*np_id && readout_position_index(&w.c.readouts[rzh], np_id) >= 0, "the new Chinese position (%s)", np_id);
	size_t n;
	char *jl_now = read_file(jl, &n);
	const char *nl1 = strchr(jl_orig, '\n'), *nl1b = strchr(jl_now, '\n');
	ok(strcmp(nl1 + 1, nl1b + 1) == 0, "the other JSONL line is kept byte for byte");
	ok(strstr(jl_now, "\"note\":\"проверено\"") != NULL, "the edited line has the note");
	free(jl_now);
	/* unknown keys and key order */
	char *frs = read_file(fr, &n);
	const char *k1 = strstr(frs, "\"format\""), *k2 = strstr(frs, "\"id\""), *k3 = strstr(frs, "\"title\"");
	ok(k1 && k2 && k3 && k1 < k2 && k2 < k3, "key order kept");
	free(frs);

	/* undo everything back to the original: byte-identical */
	history_free(&w.h);
	close_world(&w);
	open_world(&w, dir);
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	save_snapshot(&w.s, (size_t)rfr, &w.c.diags);
	edit_begin(&w.h);
	edit_review(&w.h, (size_t)rfr, 0, REVIEW_REJECTED);
	edit_undo(&w.h);
	ok(!save_pending(&w.s), "an edit undone leaves nothing to save");
	edit_redo(&w.h);
	ok(save_pending(&w.s), "redo brings it back");
	close_world(&w);

	/* conflicts: the file changed on disk after loading */
	open_world(&w, dir);
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	save_snapshot(&w.s, (size_t)rfr, &w.c.diags);
	edit_begin(&w.h);
	edit_review(&w.h, (size_t)rfr, 0, REVIEW_REJECTED);
	char *before = read_file(fr, &n);
	FILE *f = fopen(fr, "ab");
	fputs("\n", f);
	fclose(f);
	size_t nd0 = w.c.diags.n;
	ok(!save_all(&w.s, &rep, &w.c.diags) && rep.conflicts == 1, "a file changed on disk is a conflict");
	ok(w.c.diags.n > nd0 && strstr(w.c.diags.v[nd0].text, "changed on disk"), "and says so");
	char *after = read_file(fr, &n);
	ok(strlen(after) == strlen(before) + 1, "and is not overwritten");
	char elsewhere[300];
	snprintf(elsewhere, sizeof(elsewhere), "%s/elsewhere.json.saved", dir);
	ok(save_file_as(&w.s, w.c.readouts[rfr].file, elsewhere, false, &w.c.diags), "save elsewhere");
	f = fopen(fr, "wb"); /* put the file back as parley wrote it */
	fwrite(before, 1, strlen(before), f);
	fclose(f);
	free(before);
	free(after);
	close_world(&w);

	/* a file put back with other bytes and its size and mtime (cp -p,
	 * rsync -a): changed, its ctime tells (it was taken as unchanged, and
	 * a save wrote over it) */
	open_world(&w, dir);
	{
		struct stat st0;
		stat(fr, &st0);
		char *b = read_file(fr, &n);
		char c0 = b[n - 3];
		b[n - 3] = c0 == ' ' ? '\t' : ' ';
		f = fopen(fr, "wb");
		fwrite(b, 1, n, f);
		fclose(f);
		utimensat(AT_FDCWD, fr, (struct timespec[2]){ { 0, UTIME_OMIT }, st0.st_mtim }, 0);
		struct stat st1;
		stat(fr, &st1);
		ok(st1.st_size == st0.st_size && st1.st_mtim.tv_sec == st0.st_mtim.tv_sec
		   && st1.st_mtim.tv_nsec == st0.st_mtim.tv_nsec && save_find_changed(&w.s) == 1,
		   "a file of other bytes put back with its size and mtime (cp -p) is changed");
		b[n - 3] = c0;
		f = fopen(fr, "wb");
		fwrite(b, 1, n, f);
		fclose(f);
		free(b);
	}
	close_world(&w);

	/* save_find_changed (R): what is on disk now, whether edited or not */
	open_world(&w, dir);
	uint32_t ffr = w.c.readouts[rfind(&w, "fr-2021-07-15-wang-lavrov")].file;
	uint32_t fzh = w.c.readouts[rfind(&w, "zh-2021-06-28-xi-putin")].file;
	uint32_t fjl = w.c.readouts[rfind(&w, "ru-2021-08-16-lavrov-wang-yi-call")].file;
	is_int(save_find_changed(&w.s), 0, "files as loaded: none changed");
	struct timespec later[2] = { { 0, UTIME_OMIT }, { time(NULL) + 60, 0 } };
	utimensat(AT_FDCWD, fr, later, 0);
	is_int(save_find_changed(&w.s), 0, "a file only touched is not changed (its bytes decide)");
	ok(!w.s.conflict[ffr], "and is not in conflict");
	char *zh_now = read_file(zh, &n);
	char was = zh_now[n - 3];
	zh_now[n - 3] = was == ' ' ? '\t' : ' '; /* same size, other bytes */
	f = fopen(zh, "wb");
	fwrite(zh_now, 1, n, f);
	fclose(f);
	utimensat(AT_FDCWD, zh, (struct timespec[2]){ { 0, UTIME_OMIT }, { 1, 0 } }, 0);
	is_int(save_find_changed(&w.s), 1, "a file with other bytes of the same size is changed");
	ok(w.s.conflict[fzh] && !w.s.conflict[ffr], "that one is in conflict, the touched one is not");
	char moved[300];
	snprintf(moved, sizeof(moved), "%s.away", jl);
	rename(jl, moved);
	is_int(save_find_changed(&w.s), 2, "a file gone is changed too");
	ok(w.s.conflict[fjl], "and in conflict");
	rename(moved, jl);
	is_int(save_find_changed(&w.s), 2, "a conflict stays until the file is reloaded");
	f = fopen(zh, "wb"); /* put it back */
	zh_now[n - 3] = was;
	fwrite(zh_now, 1, n, f);
	fclose(f);
	free(zh_now);
	close_world(&w);

	/* the journal: edits survive a crash */
	setenv("XDG_STATE_HOME", dir, 1);
	char *paths[] = { dir };
	char jglob[400];
	snprintf(jglob, sizeof(jglob), "ls %s/parley/journal-*.jsonl 2>/dev/null | wc -l", dir);
	struct journal j, j2;
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	ok(j.dirfd >= 0, "the journal directory is usable (%s)", j.why);
	is_int(number_from(jglob), 0, "no journal before the first edit");
	w.h.listen = journal_listener(&j);
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	save_snapshot(&w.s, (size_t)rzh, &w.c.diags);
	edit_begin(&w.h);
	edit_review(&w.h, (size_t)rzh, 2, REVIEW_REJECTED);
	edit_summary(&w.h, (size_t)rzh, 2, "被拒绝：与原文不符");
	edit_create(&w.h, (size_t)rzh, 1, 5, 12);
	edit_begin(&w.h);
	edit_create(&w.h, (size_t)rzh, 1, 20, 25);
	edit_undo(&w.h); /* the second creation is taken back */
	size_t n_zh = w.c.readouts[rzh].n_positions;
	is_int(j.records, 5, "every change is journaled, undo too");
	ok(j.path && strstr(j.path, "/parley/journal-") && j.fd >= 0, "in this process's own journal file");
	struct stat jst;
	ok(j.path && stat(j.path, &jst) == 0 && (jst.st_mode & 0777) == 0600, "readable by the user alone");
	/* while it runs, another parley on the same corpus does not offer it */
	journal_init(&j2, paths, 1);
	is_int(journal_find_orphans(&j2, NULL), 0, "a running session's journal is no orphan");
	journal_free(&j2);
	journal_free(&j);
	close_world(&w); /* "crash": nothing saved */

	open_world(&w, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	long long when = 0;
	is_int(journal_find_orphans(&j, &when), 5, "the next start finds the records");
	ok(when > 0 && j.n_orphans == 1, "in one orphaned journal, with its time");
	journal_init(&j2, paths, 1);
	is_int(journal_find_orphans(&j2, NULL), 0, "an orphan being offered is not offered by a second parley too");
	journal_free(&j2);
	size_t skipped = 0;
	size_t applied = journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	is_int(applied, 5, "all are replayed");
	is_int(skipped, 0, "none skipped");
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	ok(w.c.readouts[rzh].positions[2].review == REVIEW_REJECTED
	   && strcmp(w.c.readouts[rzh].positions[2].summary, "被拒绝：与原文不符") == 0, "the edits are back");
	is_int(w.c.readouts[rzh].n_positions, n_zh, "the created position is back, the undone one is not");
	ok(j.records > 0 && j.path, "the recovered edits are journaled by this session");
	is_int(number_from(jglob), 1, "and the orphan is gone: one journal, this session's");
	ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 1, "and can be saved");
	journal_clear(&j);
	is_int(number_from(jglob), 0, "a clean save empties the journal");
	journal_free(&j);
	close_world(&w);

	/* two sessions on one corpus: each owns its journal, a save clears only
	 * its own, and the other's survives its crash */
	struct world w2;
	open_world(&w, dir);
	open_world(&w2, dir);
	journal_init(&j, paths, 1);
	journal_init(&j2, paths, 1);
	w.h.listen = journal_listener(&j);
	w2.h.listen = journal_listener(&j2);
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	save_snapshot(&w.s, (size_t)rzh, &w.c.diags);
	edit_begin(&w.h);
	edit_summary(&w.h, (size_t)rzh, 6, "A was here"); /* A: unsaved */
	rfr = rfind(&w2, "fr-2021-07-15-wang-lavrov");
	size_t fr_last = w2.c.readouts[rfr].n_positions - 1; /* B's: the last French position */
	save_snapshot(&w2.s, (size_t)rfr, &w2.c.diags);
	edit_begin(&w2.h);
	ok(edit_summary(&w2.h, (size_t)rfr, fr_last, "B was here"), "B edits a summary"); /* B: saved */
	ok(j.path && j2.path && strcmp(j.path, j2.path) != 0, "two sessions, two journals");
	ok(save_all(&w2.s, &rep, &w2.c.diags), "B saves");
	journal_clear(&j2);
	ok(access(j.path, F_OK) == 0, "B's save leaves A's journal");
	is_int(number_from(jglob), 1, "and removes its own");
	journal_free(&j); /* A crashes */
	journal_free(&j2);
	close_world(&w);
	close_world(&w2);
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	is_int(journal_find_orphans(&j, NULL), 1, "A's unsaved edit is offered at the next start");
	applied = journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	ok(applied == 1 && strcmp(w.c.readouts[rzh].positions[6].summary, "A was here") == 0
	   && w.c.readouts[rfr].n_positions > fr_last
	   && strcmp(w.c.readouts[rfr].positions[fr_last].summary, "B was here") == 0, "A's edit is back, beside B's saved one");
	journal_free(&j); /* quit without saving: offered again */
	close_world(&w);
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	is_int(journal_find_orphans(&j, NULL), 1, "a session that quit unsaved leaves its edits for the next");
	char aside[1200] = "";
	is_int(journal_set_aside(&j, aside, sizeof(aside)), 1, "n sets them aside");
	ok(strstr(aside, ".set-aside-") && access(aside, F_OK) == 0, "in a file beside (%s)", aside);
	is_int(journal_find_orphans(&j, NULL), 0, "and they are offered no more");
	unlink(aside);
	journal_free(&j);
	close_world(&w);

	/* a torn last record is reported, the rest replays */
	journal_with(&w, &j, paths, 3, "{\"op\":\"position\",\"readout\":\"zh-2");
	open_world(&w, dir);
	w.h.listen = journal_listener(&j);
	applied = journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	ok(applied == 1 && skipped == 1, "a torn record is skipped, the others replay");
	journal_clear(&j);
	journal_free(&j);
	close_world(&w);

	/* a record stops at a NUL (a torn write can leave zeros); with a mask
	 * of files, only the records of their readouts replay (R, on this
	 * session's own journal) */
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	save_snapshot(&w.s, (size_t)rzh, &w.c.diags);
	save_snapshot(&w.s, (size_t)rfr, &w.c.diags);
	edit_begin(&w.h);
	edit_review(&w.h, (size_t)rzh, 4, REVIEW_ACCEPTED);
	edit_review(&w.h, (size_t)rfr, 4, REVIEW_REJECTED);
	f = fopen(j.path, "ab");
	static const char nul_rec[] = "{\"op\":\"del\0ete\",\"readout\":\"zh-2021-06-28-xi-putin\",\"id\":\"z1\"}\n";
	fwrite(nul_rec, 1, sizeof(nul_rec) - 1, f);
	fclose(f);
	close_world(&w);
	open_world(&w, dir);
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	size_t nd = w.c.diags.n;
	applied = journal_replay(&j, &w.h, &w.s, NULL, &skipped, &w.c.diags);
	ok(applied == 2 && skipped == 1, "a record with a NUL inside is skipped (%zu applied, %zu skipped)", applied,
	   skipped);
	ok(w.c.diags.n > nd && strstr(w.c.diags.v[nd].text, "not a journal record"), "and said to be no record");
	bool z1 = false;
	for (size_t i = 0; i < w.c.readouts[rzh].n_positions; i++)
		z1 = z1 || strcmp(w.c.readouts[rzh].positions[i].id, "z1") == 0;
	ok(z1, "so position z1 is not deleted (its op cut short to \"del\")");
	close_world(&w);
	open_world(&w, dir);
	rzh = rfind(&w, "zh-2021-06-28-xi-putin");
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	bool *only = calloc(w.c.n_files + 1, sizeof(bool));
	only[w.c.readouts[rfr].file] = true;
	enum review zh_was = w.c.readouts[rzh].positions[4].review;
	applied = journal_replay(&j, &w.h, &w.s, only, &skipped, &w.c.diags);
	ok(applied == 1 && skipped == 1,
	   "with a mask of files: only their records replay, the bad one still skipped (%zu applied, %zu skipped)",
	   applied, skipped);
	ok(w.c.readouts[rfr].positions[4].review == REVIEW_REJECTED && w.c.readouts[rzh].positions[4].review == zh_was,
	   "the French edit is back, the Chinese readout untouched");
	free(only);
	journal_clear(&j);
	journal_free(&j);
	close_world(&w);

	/* a record that no longer applies: the journal is copied beside it
	 * (once per content), a torn one alone is not worth a copy */
	journal_with(&w, &j, paths, 5, "{\"op\":\"delete\",\"readout\":\"no-such-readout\",\"id\":\"x1\"}\n");
	char kept_glob[400];
	snprintf(kept_glob, sizeof(kept_glob), "ls %s/parley/journal-*.jsonl.kept-* 2>/dev/null | wc -l", dir);
	char orphan[600];
	snprintf(orphan, sizeof(orphan), "%s/%s", j.dir, j.orphans[0].name);
	size_t on;
	char *orphan_text = read_file(orphan, &on);
	open_world(&w, dir);
	w.h.listen = journal_listener(&j);
	nd = w.c.diags.n;
	applied = journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	ok(applied == 1 && skipped == 1, "a record for a readout not loaded does not apply");
	bool said = false;
	for (size_t i = nd; i < w.c.diags.n; i++)
		said = said || strstr(w.c.diags.v[i].text, "is kept in");
	ok(said, "and the journal is kept in a copy, which is named");
	journal_free(&j); /* its recovered edit is an orphan again */
	close_world(&w);
	f = fopen(orphan, "wb"); /* the same journal left again */
	fwrite(orphan_text, 1, on, f);
	fclose(f);
	free(orphan_text);
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	journal_find_orphans(&j, NULL);
	journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	is_int(number_from(kept_glob), 1, "replayed again: the same copy, not a second one");
	journal_clear(&j);
	close_world(&w);
	open_world(&w, dir);
	f = fopen(orphan, "wb");
	fputs("{\"parley-journal\":1}\n{\"op\":\"position\",\"readout\":\"zh-2", f);
	fclose(f);
	journal_find_orphans(&j, NULL);
	journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	is_int(number_from(kept_glob), 1, "a torn record alone makes no copy");
	journal_clear(&j);
	journal_free(&j);
	close_world(&w);

	/* a record of a readout whose id is now loaded from another file (a
	 * copy of its file, made after the crash, loaded first): not applied
	 * there, and said */
	journal_with(&w, &j, paths, 5, "");
	char early[300];
	snprintf(early, sizeof(early), "%s/a-copy-of-zh.json", dir);
	copy(zh, early);
	size_t early_n;
	char *early_orig = read_file(early, &early_n);
	open_world(&w, dir);
	w.h.listen = journal_listener(&j);
	nd = w.c.diags.n;
	applied = journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	said = false;
	for (size_t i = nd; i < w.c.diags.n; i++)
		said = said || (strstr(w.c.diags.v[i].text, "zh.json is not loaded (that id is loaded from")
		                && strstr(w.c.diags.v[i].text, "a-copy-of-zh.json): not applied"));
	ok(applied == 0 && skipped == 1 && said, "an edit of zh.json is not applied to the copy its id is loaded from");
	ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 0, "  nothing to save");
	size_t after_n;
	char *now = read_file(early, &after_n);
	ok(now && after_n == early_n && memcmp(now, early_orig, early_n) == 0, "  the copy is as it was");
	free(now);
	free(early_orig);
	journal_free(&j);
	close_world(&w);
	unlink(early);
	char rmj[128];
	snprintf(rmj, sizeof(rmj), "rm -f %s/parley/journal-*", dir);
	if (system(rmj) != 0)
		diag_note("could not remove the journals");

	/* two sessions edit one position: A its review (unsaved), B its note
	 * (saved); A's edits come back onto the file as B left it, field by
	 * field: A's review beside B's note (the journal once held the whole
	 * position, and B's note went); a field both changed takes A's, said */
	open_world(&w, dir);
	open_world(&w2, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	long rfr2 = rfind(&w2, "fr-2021-07-15-wang-lavrov");
	save_snapshot(&w.s, (size_t)rfr, &w.c.diags);
	edit_begin(&w.h);
	enum review other = w.c.readouts[rfr].positions[0].review == REVIEW_REJECTED ? REVIEW_ACCEPTED : REVIEW_REJECTED;
	ok(edit_review(&w.h, (size_t)rfr, 0, other), "A reviews position 0");
	edit_begin(&w.h);
	ok(edit_summary(&w.h, (size_t)rfr, 1, "A's summary"), "and rewrites the summary of position 1");
	save_snapshot(&w2.s, (size_t)rfr2, &w2.c.diags);
	edit_begin(&w2.h);
	edit_note(&w2.h, (size_t)rfr2, 0, "B's note");
	edit_begin(&w2.h);
	edit_summary(&w2.h, (size_t)rfr2, 1, "B's summary");
	ok(save_all(&w2.s, &rep, &w2.c.diags), "B notes position 0, rewrites position 1's summary, and saves");
	journal_free(&j); /* A crashes */
	close_world(&w);
	close_world(&w2);
	open_world(&w, dir);
	journal_init(&j, paths, 1);
	w.h.listen = journal_listener(&j);
	journal_find_orphans(&j, NULL);
	nd = w.c.diags.n;
	applied = journal_recover(&j, &w.h, &w.s, &skipped, &w.c.diags);
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	const struct position *q0 = &w.c.readouts[rfr].positions[0], *q1 = &w.c.readouts[rfr].positions[1];
	ok(applied == 2 && q0->review == other && q0->note && strcmp(q0->note, "B's note") == 0,
	   "recovered: A's review, and B's saved note beside it (%s)", q0->note ? q0->note : "no note");
	said = false;
	for (size_t i = nd; i < w.c.diags.n; i++)
		said = said || strstr(w.c.diags.v[i].text, "your summary replaced the one the file has now");
	ok(q1->summary && strcmp(q1->summary, "A's summary") == 0 && said,
	   "a field both changed: A's edit, and it is said (%s)", q1->summary ? q1->summary : "none");
	ok(save_all(&w.s, &rep, &w.c.diags), "and saved");
	journal_clear(&j);
	journal_free(&j);
	close_world(&w);
	open_world(&w, dir);
	rfr = rfind(&w, "fr-2021-07-15-wang-lavrov");
	q0 = &w.c.readouts[rfr].positions[0];
	ok(q0->review == other && q0->note && strcmp(q0->note, "B's note") == 0, "on disk: both sessions' work");
	close_world(&w);

	/* a journal directory others can write to, or planted as a link, is
	 * never used */
	char unsafe[300], cmdl[1400];
	snprintf(unsafe, sizeof(unsafe), "%s/unsafe", dir);
	snprintf(cmdl, sizeof(cmdl), "mkdir -p '%s/parley' && chmod 777 '%s/parley'", unsafe, unsafe);
	ok(system(cmdl) == 0, "a world-writable journal directory");
	setenv("XDG_STATE_HOME", unsafe, 1);
	journal_init(&j, paths, 1);
	ok(j.dirfd < 0 && strstr(j.why, "other users can write to it (chmod go-w it)"), "is refused: %s", j.why);
	journal_free(&j);
	snprintf(cmdl, sizeof(cmdl), "rm -rf '%s/parley' && mkdir '%s/elsewhere' && ln -s '%s/elsewhere' '%s/parley'",
	         unsafe, unsafe, unsafe, unsafe);
	ok(system(cmdl) == 0, "a journal directory that is a symbolic link");
	journal_init(&j, paths, 1);
	ok(j.dirfd < 0 && *j.why, "is refused: %s", j.why);
	journal_free(&j);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	setenv("HOME", dir, 1);
	journal_init(&j, paths, 1);
	ok(j.dirfd >= 0 && j.dir && strncmp(j.dir, dir, strlen(dir)) == 0 && strstr(j.dir, "/.local/state/parley"),
	   "a relative XDG_STATE_HOME is ignored: HOME's is used (%s)", j.dir ? j.dir : "none");
	journal_free(&j);
	setenv("XDG_STATE_HOME", dir, 1);
	journal_safety(paths);

	/* byte-identical round trip of parley's own output */
	open_world(&w, dir);
	int identical = 0, total = 0;
	for (size_t ri = 0; ri < w.c.n_readouts; ri++) {
		const struct corpus_file *cf = &w.c.files[w.c.readouts[ri].file];
		if (cf->jsonl)
			continue;
		save_snapshot(&w.s, ri, &w.c.diags);
		bool changed = true;
		cJSON *m = save_merge(&w.s, ri, &changed);
		struct strbuf b = { 0 };
		jsonw_write(&b, m, true);
		char *disk = read_file(cf->path, &n);
		total++;
		int same = !changed && b.n == n && memcmp(b.s, disk, n) == 0;
		identical += same;
		if (!same) {
			size_t k = 0;
			while (k < n && k < b.n && b.s[k] == disk[k])
				k++;
			diag_note("%s differs at byte %zu (changed %d): ...%.40s", cf->path, k, changed, disk + (k > 20 ? k - 20 : 0));
		}
		free(disk);
		sb_free(&b);
		cJSON_Delete(m);
	}
	ok(total > 0 && identical == total, "an unchanged readout in parley's layout is written byte for byte (%d/%d)",
	   identical, total);
	close_world(&w);

	free(fr_orig);
	free(jl_orig);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag_note("could not remove %s", dir);
	return tap_done();
}
