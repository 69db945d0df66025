/* test_save.c - saving takes steps in proportion to what changed (a readout
 * of thousands of positions: one edit merges one position, the others are
 * copied byte for byte, and the result is what the whole merge writes),
 * edits of a readout that has no positions or entities yet, saving through
 * a symbolic link, the modes of the files written, and numbers of keys
 * parley does not know written back exactly as they were. */
#include "tap.h"
#include "corpus.h"
#include "edit.h"
#include "facets.h"
#include "jsonw.h"
#include "fileio.h"
#include "save.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define NPOS 3000

static char dir[64];

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

static void write_text(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	fwrite(s, 1, n, f);
	fclose(f);
}

/* A readout of n positions, one per sentence, with an unknown key in
 * every position; written pretty (parley's layout) or compact. */
static cJSON *long_readout(const char *id, int n)
{
	struct strbuf text = { 0 };
	cJSON *r = cJSON_CreateObject(), *pos = cJSON_CreateArray();
	cJSON_AddStringToObject(r, "format", "parley/1");
	cJSON_AddStringToObject(r, "id", id);
	cJSON *sp = cJSON_AddArrayToObject(r, "speakers");
	for (int k = 0; k < 2; k++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", k ? "b" : "a");
		cJSON_AddStringToObject(e, "label", k ? "Speaker B" : "Speaker A");
		cJSON_AddItemToArray(sp, e);
	}
	cJSON *tp = cJSON_AddArrayToObject(r, "topics");
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "id", "trade");
	cJSON_AddStringToObject(t, "label", "trade");
	cJSON_AddItemToArray(tp, t);
	for (int i = 0; i < n; i++) {
		char s[80], pid[16];
		size_t start = text.n;
		int k = snprintf(s, sizeof(s), "Sentence %d says \"something\" about trade. ", i);
		sb_add(&text, s, (size_t)k);
		cJSON *p = cJSON_CreateObject();
		snprintf(pid, sizeof(pid), "p%d", i + 1);
		cJSON_AddStringToObject(p, "id", pid);
		cJSON_AddStringToObject(p, "speaker", i % 3 ? "a" : "b");
		cJSON_AddNumberToObject(p, "start", (double)start);
		cJSON_AddNumberToObject(p, "end", (double)text.n - 1);
		cJSON_AddStringToObject(p, "summary", "wants more trade");
		if (i % 4 == 0)
			cJSON_AddStringToObject(p, "review", "accepted");
		cJSON *ts = cJSON_AddArrayToObject(p, "topics");
		cJSON_AddItemToArray(ts, cJSON_CreateString("trade"));
		cJSON_AddNumberToObject(p, "x-weight", i / 7.0); /* a key the format does not name */
		cJSON_AddItemToArray(pos, p);
	}
	cJSON_AddStringToObject(r, "text", text.s);
	cJSON_AddItemToObject(r, "positions", pos);
	sb_free(&text);
	return r;
}

/* The file readout ri would get from the whole merge, as saving wrote it
 * before saving took only what changed (the reference). */
static char *whole_merge(struct world *w, size_t ri, bool pretty)
{
	bool changed;
	cJSON *m = save_merge(&w->s, ri, &changed);
	struct strbuf b = { 0 };
	jsonw_write(&b, m, pretty);
	cJSON_Delete(m);
	return b.s;
}

/* Does the file hold exactly what the whole merge gave? */
static bool file_is(const char *path, const char *want)
{
	size_t n;
	char *got = read_file(path, &n);
	bool same = got && n == strlen(want) && memcmp(got, want, n) == 0;
	if (got && !same) {
		size_t k = 0;
		while (k < n && want[k] && got[k] == want[k])
			k++;
		diag_note("%s differs at byte %zu: ...%.60s", path, k, got + (k > 30 ? k - 30 : 0));
	}
	free(got);
	return same;
}

/* jsonw_layout finds in a text what jsonw_write_parts says it wrote, and
 * knows the writer's layout from any other. */
static void test_layout(void)
{
	cJSON *r = long_readout("layout-1", 5);
	cJSON_AddItemToObject(r, "x-empty", cJSON_CreateArray());
	cJSON_AddItemToObject(r, "x-nested", cJSON_Parse("{\"a\": [1, 2.5, -3e-7, true, null, {}], \"b\": \"\\u0001\\n\"}"));
	for (int pretty = 0; pretty < 2; pretty++) {
		struct strbuf w = { 0 }, p = { 0 };
		struct jsonw_layout a, b;
		jsonw_write(&w, r, pretty);
		jsonw_write_parts(&p, r, pretty, "positions", &a);
		ok(w.n == p.n && memcmp(w.s, p.s, w.n) == 0, "jsonw_write_parts writes what jsonw_write does (%s)",
		   pretty ? "pretty" : "compact");
		bool found = jsonw_layout(p.s, p.n, pretty, "positions", &b);
		bool same = found && a.n == b.n && a.array == b.array && a.n_elem == b.n_elem && a.n_elem == 5
		            && memcmp(a.m, b.m, a.n * sizeof(*a.m)) == 0
		            && memcmp(a.elem, b.elem, 2 * a.n_elem * sizeof(size_t)) == 0;
		ok(same, "and where its parts are, as jsonw_layout finds them");
		jsonw_layout_free(&b);
		ok(!jsonw_layout(p.s, p.n, !pretty, "positions", &b), "the other layout is not taken for it");
		/* one more space after a key */
		struct strbuf q = { 0 };
		size_t colon = (size_t)(strchr(p.s, ':') - p.s) + 1;
		sb_add(&q, p.s, colon);
		sb_add(&q, " ", 1);
		sb_add(&q, p.s + colon, p.n - colon);
		ok(!jsonw_layout(q.s, q.n, pretty, "positions", &b), "nor a text with one more space");
		sb_free(&q);
		jsonw_layout_free(&a);
		sb_free(&w);
		sb_free(&p);
	}
	const char *other[] = { "{\"a\": 1.}\n", "{\"a\": \"\\u00e9\"}\n", "{\"a\": \"\\/\"}\n", "{\"a\": 01}\n",
		                "{\"a\":1}\n", "{\n  \"a\": 1\n}", "{\n    \"a\": 1\n}\n", "{\n  \"a\": +0\n}\n" };
	int taken = 0;
	struct jsonw_layout l;
	for (size_t i = 0; i < sizeof(other) / sizeof(*other); i++)
		taken += jsonw_layout(other[i], strlen(other[i]), true, NULL, &l);
	is_int(taken, 0, "texts the writer would write otherwise are not in its layout");
	/* (a number as the file has it: the writer writes it back so) */
	const char *own = "{\n  \"a\": 1e+300,\n  \"b\": \"\\u001f\\t\",\n  \"c\": [\n    1.0,\n    -0,\n    1E2,\n    2.50\n  ]\n}\n";
	ok(jsonw_layout(own, strlen(own), true, NULL, &l), "one that is, is");
	jsonw_layout_free(&l);
	cJSON_Delete(r);
}

static void test_long_readout(void)
{
	char big[128], lines[128];
	snprintf(big, sizeof(big), "%s/long.json", dir);
	snprintf(lines, sizeof(lines), "%s/long.jsonl", dir);
	cJSON *r = long_readout("long-1", NPOS);
	struct strbuf b = { 0 };
	jsonw_write(&b, r, true);
	write_text(big, b.s, b.n);
	sb_free(&b);
	cJSON_Delete(r);

	struct world w;
	open_world(&w, big);
	is_int(w.c.n_readouts, 1, "a readout of %d positions", NPOS);
	ok(w.c.n_readouts == 1 && w.c.readouts[0].n_positions == NPOS, "all of them loaded");

	/* one edit: one position merged, every other copied */
	ok(save_snapshot(&w.s, 0, &w.c.diags), "snapshot");
	edit_begin(&w.h);
	ok(edit_review(&w.h, 0, 1234, REVIEW_REJECTED), "one edit");
	char *want = whole_merge(&w, 0, true);
	w.s.merged = w.s.spliced = 0;
	ok(save_pending(&w.s), "pending");
	is_int(w.s.merged, 0, "finding that something is to be saved merges nothing");
	struct save_report rep;
	ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 1, "saved");
	is_int(w.s.spliced, 1, "the readout's unchanged parts are copied");
	is_int(w.s.merged, 1, "one position merged for one edit, of %d", NPOS);
	ok(file_is(big, want), "the file is what the whole merge writes");
	free(want);
	ok(!save_pending(&w.s), "nothing pending after the save");
	is_int(w.s.merged, 1, "and nothing merged to find that out");

	/* a summary, a new position, a deleted one, a new topic (the array of
	 * topics gets one more; the position refers to it) */
	edit_begin(&w.h);
	edit_summary(&w.h, 0, 10, "an \"edited\" summary\twith a tab");
	long np = edit_create(&w.h, 0, 1, 0, 8);
	ok(np == NPOS, "a new position at the end");
	ok(edit_delete(&w.h, 0, 2000), "a position deleted");
	long t = edit_new_entity(&w.h, 0, ENT_TOPIC, "Climate change");
	uint32_t tv[2] = { 0, (uint32_t)t };
	ok(t == 1 && edit_refs(&w.h, 0, 20, ENT_TOPIC, tv, 2), "a new topic, on a position");
	want = whole_merge(&w, 0, true);
	w.s.merged = w.s.spliced = 0;
	ok(save_all(&w.s, &rep, &w.c.diags), "saved again");
	ok(w.s.spliced == 1 && w.s.merged == 3, "three positions merged (%zu)", w.s.merged);
	ok(file_is(big, want), "the file is what the whole merge writes");
	free(want);
	/* undo all of it: the file as it was after the first save */
	edit_undo(&w.h);
	char *first = whole_merge(&w, 0, true);
	ok(save_pending(&w.s), "undone: to be saved");
	ok(save_all(&w.s, &rep, &w.c.diags) && file_is(big, first), "and saved as it was");
	free(first);
	close_world(&w);

	open_world(&w, big);
	ok(w.c.n_skipped == 0 && w.c.readouts[0].n_positions == NPOS, "the saved file loads, every position");
	ok(w.c.readouts[0].positions[1234].review == REVIEW_REJECTED, "with the edit");
	close_world(&w);

	/* edits and saves in turn, each save checked against the whole merge
	 * (a save finds the parts of what it wrote without looking again) */
	r = long_readout("long-4", 60);
	jsonw_write(&b, r, true);
	write_text(big, b.s, b.n);
	sb_free(&b);
	cJSON_Delete(r);
	open_world(&w, big);
	save_snapshot(&w.s, 0, &w.c.diags);
	int bad = 0, rounds = 40, saves = 0;
	unsigned seed = 12345;
	for (int k = 0; k < rounds; k++) {
		seed = seed * 1103515245u + 12345u;
		const struct readout *rr = &w.c.readouts[0];
		size_t pi = (seed >> 8) % rr->n_positions;
		edit_begin(&w.h);
		switch ((seed >> 20) % 6) {
		case 0:
			edit_review(&w.h, 0, pi, (rr->positions[pi].review + 1) % REVIEW_COUNT);
			break;
		case 1: {
			char sum[64];
			snprintf(sum, sizeof(sum), "summary \"%d\" \\ é", k);
			edit_summary(&w.h, 0, pi, sum);
			break;
		}
		case 2:
			edit_create(&w.h, 0, (uint32_t)(k % 2), (size_t)k, (size_t)k + 5);
			break;
		case 3:
			edit_delete(&w.h, 0, pi);
			break;
		case 4: {
			char label[32];
			snprintf(label, sizeof(label), "Topic %d", k);
			long t2 = edit_new_entity(&w.h, 0, ENT_TOPIC, label);
			uint32_t one = (uint32_t)t2;
			if (t2 >= 0)
				edit_refs(&w.h, 0, pi, ENT_TOPIC, &one, 1);
			break;
		}
		default:
			edit_undo(&w.h);
		}
		if (!save_pending(&w.s))
			continue;
		want = whole_merge(&w, 0, true);
		w.s.spliced = 0;
		saves++;
		bad += !save_all(&w.s, &rep, &w.c.diags) || w.s.spliced != 1 || !file_is(big, want);
		free(want);
	}
	ok(!bad && saves > rounds / 2, "%d rounds of edits, %d saves: each file what the whole merge writes (%d not)",
	   rounds, saves, bad);
	close_world(&w);

	/* the same readout in a JSON Lines file, compact, between two others */
	r = long_readout("long-2", NPOS);
	cJSON *r1 = long_readout("short-1", 3), *r3 = long_readout("short-3", 3);
	jsonw_write(&b, r1, false);
	sb_add(&b, "\n", 1);
	jsonw_write(&b, r, false);
	sb_add(&b, "\n", 1);
	jsonw_write(&b, r3, false);
	sb_add(&b, "\n", 1);
	write_text(lines, b.s, b.n);
	sb_free(&b);
	cJSON_Delete(r);
	cJSON_Delete(r1);
	cJSON_Delete(r3);
	open_world(&w, lines);
	long ri = corpus_find(&w.c, "long-2");
	ok(ri >= 0 && save_snapshot(&w.s, (size_t)ri, &w.c.diags), "a long line's snapshot");
	edit_begin(&w.h);
	edit_note(&w.h, (size_t)ri, 77, "a note");
	want = whole_merge(&w, (size_t)ri, false);
	w.s.merged = w.s.spliced = 0;
	ok(save_all(&w.s, &rep, &w.c.diags), "saved");
	ok(w.s.spliced == 1 && w.s.merged == 1, "one position merged in the line");
	size_t n;
	char *jl = read_file(lines, &n);
	const char *l2 = strchr(jl, '\n') + 1;
	ok(strncmp(l2, want, strlen(want)) == 0 && l2[strlen(want)] == '\n', "the line is what the whole merge writes");
	free(jl);
	free(want);
	close_world(&w);

	/* a readout in another layout (compact in a .json file): the first save
	 * writes it whole, in parley's layout; the next copies */
	r = long_readout("long-3", 200);
	jsonw_write(&b, r, false);
	write_text(big, b.s, b.n);
	sb_free(&b);
	cJSON_Delete(r);
	open_world(&w, big);
	save_snapshot(&w.s, 0, &w.c.diags);
	edit_begin(&w.h);
	edit_review(&w.h, 0, 4, REVIEW_PENDING);
	want = whole_merge(&w, 0, true);
	w.s.merged = w.s.spliced = 0;
	ok(save_all(&w.s, &rep, &w.c.diags) && w.s.spliced == 0 && w.s.merged == 200,
	   "another layout: merged whole (%zu positions)", w.s.merged);
	ok(file_is(big, want), "into parley's layout");
	free(want);
	edit_begin(&w.h);
	edit_review(&w.h, 0, 6, REVIEW_REJECTED);
	want = whole_merge(&w, 0, true);
	w.s.merged = w.s.spliced = 0;
	ok(save_all(&w.s, &rep, &w.c.diags) && w.s.spliced == 1 && w.s.merged == 1, "then in parley's layout: one merged");
	ok(file_is(big, want), "the file is what the whole merge writes");
	free(want);
	close_world(&w);
	unlink(big);
	unlink(lines);
}

/* The first position of a readout that has none, the first topic and
 * speaker of one that has none, a position's topics cleared, a directory
 * with no readouts: no array to copy from or sort (UBSan: memcpy or qsort
 * of NULL). */
static void test_empty_readout(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/empty.json", dir);
	const char *json = "{\"format\": \"parley/1\", \"id\": \"empty-1\", \"text\": \"Nothing was said. Then A spoke.\"}\n";
	write_text(path, json, strlen(json));
	struct world w;
	open_world(&w, path);
	ok(w.c.n_readouts == 1 && w.c.readouts[0].n_positions == 0 && w.c.readouts[0].n_ents[ENT_SPEAKER] == 0,
	   "a readout with no positions, speakers or topics");
	save_snapshot(&w.s, 0, &w.c.diags);
	edit_begin(&w.h);
	is_int(edit_new_entity(&w.h, 0, ENT_SPEAKER, "Speaker A"), 0, "its first speaker");
	is_int(edit_create(&w.h, 0, 0, 18, 31), 0, "its first position");
	is_int(edit_new_entity(&w.h, 0, ENT_TOPIC, "Trade"), 0, "its first topic");
	uint32_t t0 = 0;
	ok(edit_refs(&w.h, 0, 0, ENT_TOPIC, &t0, 1), "on the position");
	ok(edit_refs(&w.h, 0, 0, ENT_TOPIC, NULL, 0), "and cleared again");
	is_int(edit_add_entity(&w.h, 0, ENT_AGREEMENT, "un-charter", "UN Charter"), 0, "its first agreement");
	edit_begin(&w.h);
	ok(edit_delete(&w.h, 0, 0), "its only position deleted");
	edit_undo(&w.h);
	is_int(w.c.readouts[0].n_positions, 1, "and back");
	struct save_report rep;
	ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 1, "saved");
	close_world(&w);
	open_world(&w, path);
	ok(w.c.n_skipped == 0 && w.c.readouts[0].n_positions == 1 && w.c.readouts[0].n_ents[ENT_TOPIC] == 1
	   && w.c.readouts[0].n_ents[ENT_AGREEMENT] == 1 && w.c.readouts[0].positions[0].n_topics == 0,
	   "the file has them all");
	close_world(&w);
	unlink(path);

	/* a directory with no readouts: none to sort, and that said (not as
	 * a path that could not be read) */
	char empty[128];
	snprintf(empty, sizeof(empty), "%s/empty-dir", dir);
	mkdir(empty, 0755);
	open_world(&w, empty);
	ok(w.c.n_readouts == 0 && w.c.n_files == 0 && w.c.n_io_errors == 0 && w.c.diags.n == 1
	   && strstr(w.c.diags.v[0].text, "no readout (.json, .jsonl) in the directories given"),
	   "an empty directory: no readouts, and that said, not as a path unread");
	close_world(&w);
	rmdir(empty);
}

static void test_link_and_modes(void)
{
	char real_dir[128], real[160], link_dir[128], link[160], cmd[600];
	snprintf(real_dir, sizeof(real_dir), "%s/real", dir);
	snprintf(link_dir, sizeof(link_dir), "%s/links", dir);
	snprintf(real, sizeof(real), "%s/readout.json", real_dir);
	snprintf(link, sizeof(link), "%s/readout.json", link_dir);
	mkdir(real_dir, 0755);
	mkdir(link_dir, 0755);
	cJSON *r = long_readout("linked-1", 20);
	struct strbuf b = { 0 };
	jsonw_write(&b, r, true);
	write_text(real, b.s, b.n);
	sb_free(&b);
	cJSON_Delete(r);
	chmod(real, 0640);
	ok(symlink("../real/readout.json", link) == 0, "a readout opened through a symbolic link");
	/* another owner and group, where this user may give them (root) */
	bool root = geteuid() == 0;
	if (root && chown(real, 1, 1) != 0)
		root = false;

	struct world w;
	open_world(&w, link_dir);
	ok(w.c.n_readouts == 1, "loads");
	save_snapshot(&w.s, 0, &w.c.diags);
	edit_begin(&w.h);
	edit_review(&w.h, 0, 3, REVIEW_REJECTED);
	struct save_report rep;
	ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 1, "saved");
	struct stat st;
	ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is still a link");
	memset(&st, 0, sizeof(st));
	stat(real, &st);
	ok((st.st_mode & 07777) == 0640, "the file it names keeps its mode (%o)", (unsigned)(st.st_mode & 07777));
	if (root)
		ok(st.st_uid == 1 && st.st_gid == 1, "and its owner and group");
	else
		ok(1, "# SKIP its owner and group: only root can give a file to another user");
	size_t n;
	char *s = read_file(real, &n);
	ok(s && strstr(s, "\"review\": \"rejected\""), "and has the edit");
	free(s);
	snprintf(cmd, sizeof(cmd), "ls -a '%s' '%s' | grep -c '^\\.readout.json.parley-'", real_dir, link_dir);
	FILE *p = popen(cmd, "r");
	int left = -1;
	if (p && fscanf(p, "%d", &left) != 1)
		left = -1;
	if (p)
		pclose(p);
	is_int(left, 0, "no temporary file is left in either directory");
	/* saving again, through the link, after the save */
	edit_begin(&w.h);
	edit_review(&w.h, 0, 4, REVIEW_REJECTED);
	ok(save_all(&w.s, &rep, &w.c.diags) && lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "and again");

	/* :w PATH: a new file has the mode of the readout's file less the
	 * umask; an existing one is written over only when asked */
	char out[160];
	snprintf(out, sizeof(out), "%s/copy.json", dir);
	mode_t old = umask(077);
	ok(save_file_as(&w.s, w.c.readouts[0].file, out, false, &w.c.diags), "written elsewhere under umask 077");
	memset(&st, 0, sizeof(st));
	stat(out, &st);
	ok((st.st_mode & 0777) == 0600, "0640 less 077: 0600 (%o)", (unsigned)(st.st_mode & 0777));
	umask(022);
	chmod(real, 0600);
	unlink(out);
	ok(save_file_as(&w.s, w.c.readouts[0].file, out, false, &w.c.diags), "from a file of mode 0600");
	memset(&st, 0, sizeof(st));
	stat(out, &st);
	ok((st.st_mode & 0777) == 0600, "is 0600 under umask 022 (%o)", (unsigned)(st.st_mode & 0777));
	chmod(out, 0604);
	size_t nd = w.c.diags.n;
	ok(!save_file_as(&w.s, w.c.readouts[0].file, out, false, &w.c.diags) && w.c.diags.n > nd,
	   "a file there is not written over: %s", w.c.diags.n > nd ? w.c.diags.v[nd].text : "");
	ok(save_file_as(&w.s, w.c.readouts[0].file, out, true, &w.c.diags), "unless asked");
	ok(stat(out, &st) == 0 && (st.st_mode & 0777) == 0604, "and then it keeps its mode");
	umask(old);
	close_world(&w);
}

/* Numbers as a file has them (1.0, 1e2, -0.0, integers beyond a double's
 * 53 bits, a long fraction, one too large for a double) are written back
 * byte for byte: in a key of the readout, in a position that changes and
 * in one that does not, in an entity of an array that grows; in parley's
 * pretty layout, in a .jsonl line, and in a file of another layout
 * (rewritten whole). */
static void test_numbers(void)
{
	static const char *const nums[] = { "1405678901234567891", "0.30000000000000004", "1.0", "1e2", "-0.0",
		                            "12345678901234567890123", "1.2345678901234567890123", "1E-7", "2.50",
		                            "1e999", "0" };
	struct strbuf arr = { 0 };
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		sb_adds(&arr, i ? ", " : "");
		sb_adds(&arr, nums[i]);
	}
	char obj[2048];
	for (int layout = 0; layout < 3; layout++) {
		const char *sp = layout == 1 ? "" : " ", *nl = layout == 0 ? "\n  " : "";
		snprintf(obj, sizeof(obj),
		         "{%s\"format\":%s\"parley/1\",%s\"id\":%s\"n%d\",%s\"text\":%s\"A said this. B said that.\",%s"
		         "\"x-nums\":%s[%s],%s\"x-crawl\":%s{\"tweet_id\":%s1405678901234567891,\"score\":%s0.30000000000000004},%s"
		         "\"speakers\":%s[{\"id\":%s\"a\",\"label\":%s\"A\",\"x-rank\":%s1.0}],%s"
		         "\"positions\":%s[{\"id\":%s\"p1\",\"speaker\":%s\"a\",\"start\":%s0,\"end\":%s12,\"x-w\":%s2.50},"
		         "{\"id\":%s\"p2\",\"speaker\":%s\"a\",\"start\":%s13,\"end\":%s25,\"x-w\":%s1e2}]%s}\n",
		         nl, sp, nl, sp, layout, nl, sp, nl, sp, arr.s, nl, sp, sp, sp, nl, sp, sp, sp, sp, nl, sp, sp, sp, sp,
		         sp, sp, sp, sp, sp, sp, sp, layout == 0 ? "\n" : "");
		char path[128];
		snprintf(path, sizeof(path), "%s/numbers-%d.%s", dir, layout, layout == 1 ? "jsonl" : "json");
		write_text(path, obj, strlen(obj));
		struct world w;
		open_world(&w, path);
		ok(w.c.n_readouts == 1, "layout %d: the readout loads", layout);
		save_snapshot(&w.s, 0, &w.c.diags);
		edit_begin(&w.h);
		ok(edit_stance(&w.h, 0, 1, "support"), "layout %d: a stance set on the second position", layout);
		is_int(edit_new_entity(&w.h, 0, ENT_SPEAKER, "Speaker B"), 1, "layout %d: and a speaker added", layout);
		struct save_report rep;
		ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 1, "layout %d: saved", layout);
		close_world(&w);
		size_t n;
		char *got = read_file(path, &n);
		/* the file without its spaces and newlines (the layouts') */
		char *flat = got ? xstrdup(got) : NULL;
		size_t k = 0;
		for (size_t i = 0; flat && flat[i]; i++)
			if (flat[i] != ' ' && flat[i] != '\n')
				flat[k++] = flat[i];
		if (flat)
			flat[k] = '\0';
		struct strbuf want = { 0 };
		for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
			sb_adds(&want, i ? "," : "[");
			sb_adds(&want, nums[i]);
		}
		sb_adds(&want, "]");
		bool all = flat && strstr(flat, want.s);
		if (!all)
			diag_note("layout %d: not %s in: %s", layout, want.s, got ? got : "(none)");
		ok(all, "layout %d: the numbers of an unknown key are written as they were read", layout);
		sb_free(&want);
		bool rest = flat && strstr(flat, "\"tweet_id\":1405678901234567891,\"score\":0.30000000000000004}")
		            && strstr(flat, "\"x-rank\":1.0}") && strstr(flat, "\"x-w\":2.50}") && strstr(flat, "\"x-w\":1e2")
		            && strstr(flat, "\"support\"");
		if (!rest)
			diag_note("layout %d: %s", layout, got ? got : "(none)");
		ok(rest, "layout %d: and those of an object, an entity and the positions, changed or not", layout);
		free(flat);

		free(got);
		open_world(&w, path);
		ok(w.c.n_readouts == 1 && w.c.n_skipped == 0 && w.c.readouts[0].n_ents[ENT_SPEAKER] == 2,
		   "layout %d: the file written loads", layout);
		close_world(&w);
		unlink(path);
	}
	sb_free(&arr);
}

/* A .jsonl of CRLF line ends: the edited line keeps its CRLF, the others
 * are as they were, byte for byte. */
static void test_crlf_lines(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/crlf.jsonl", dir);
	const char *l1 = "{\"format\":\"parley/1\",\"id\":\"c1\",\"text\":\"A said this.\",\"speakers\":[{\"id\":\"a\","
	                 "\"label\":\"A\"}],\"positions\":[{\"id\":\"p1\",\"speaker\":\"a\",\"start\":0,\"end\":12}]}\r\n";
	const char *l2 = "{\"format\":\"parley/1\",\"id\":\"c2\",\"text\":\"B.\"}\r\n";
	struct strbuf in = { 0 };
	sb_adds(&in, l1);
	sb_adds(&in, l2);
	write_text(path, in.s, in.n);
	struct world w;
	open_world(&w, path);
	save_snapshot(&w.s, 0, &w.c.diags);
	edit_begin(&w.h);
	ok(w.c.n_readouts == 2 && edit_stance(&w.h, 0, 0, "support"), "CRLF .jsonl: a stance set on its first line");
	struct save_report rep;
	ok(save_all(&w.s, &rep, &w.c.diags) && rep.files == 1, "CRLF .jsonl: saved");
	close_world(&w);
	size_t n;
	char *got = read_file(path, &n);
	const char *second = got ? strstr(got, "\r\n{") : NULL;
	ok(second && strstr(got, "\"support\"") < second && strcmp(second + 2, l2) == 0,
	   "CRLF .jsonl: the edited line ends in CRLF as it did, the next as it was");
	free(got);
	sb_free(&in);
	unlink(path);
}

int main(void)
{
	strcpy(dir, "/tmp/parley-save-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	test_layout();
	test_long_readout();
	test_empty_readout();
	test_link_and_modes();
	test_numbers();
	test_crlf_lines();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag_note("could not remove %s", dir);
	return tap_done();
}
