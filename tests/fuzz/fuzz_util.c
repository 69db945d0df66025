/* fuzz_util.c - what the fuzz targets share (see fuzz_util.h). */
#include "fuzz_util.h"
#include "arena.h"
#include "hash.h"

#include <inttypes.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>

static char dir[128];

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void fuzz_clear(const char *d)
{
	DIR *dp = opendir(d);
	if (!dp)
		return;
	struct dirent *e;
	char p[512];
	while ((e = readdir(dp))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", d, e->d_name);
		unlink(p);
	}
	closedir(dp);
}

/* Removes path and, when it is a directory, what it holds. */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dp = opendir(path);
		if (dp) {
			struct dirent *e;
			char p[512];
			while ((e = readdir(dp))) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
				remove_tree(p);
			}
			closedir(dp);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void remove_dir(void)
{
	remove_tree(dir);
}

const char *fuzz_dir(void)
{
	if (*dir)
		return dir;
	struct stat st;
	const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
	                   ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	/* those of runs that ended without exit handlers (libFuzzer ends so,
	 * and a crash) go now: their process is gone */
	DIR *dp = opendir(base);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		long pid;
		char rest[32];
		if (sscanf(e->d_name, "parley-fuzz-%ld-%31s", &pid, rest) == 2 && pid > 0
		    && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			char old[512];
			snprintf(old, sizeof(old), "%s/%s", base, e->d_name);
			remove_tree(old);
		}
	}
	if (dp)
		closedir(dp);
	snprintf(dir, sizeof(dir), "%s/parley-fuzz-%ld-XXXXXX", base, (long)getpid());
	if (!mkdtemp(dir))
		fuzz_fail("cannot make a directory in %s", base);
	atexit(remove_dir);
	return dir;
}

void fuzz_write(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		fuzz_fail("cannot write %s", path);
	const char *p = data;
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k <= 0)
			fuzz_fail("cannot write %s", path);
		p += k;
		n -= (size_t)k;
	}
	close(fd);
}

/* --- the promises of a loaded readout ------------------------------------ */
static void check_span(const struct readout *r, const size_t *at, const struct span *s, const char *what, size_t i)
{
	if (s->start > s->end || s->end > r->text_cps)
		fuzz_fail("readout %s: %s[%zu]: span %" PRIu32 "-%" PRIu32 " outside the text (%zu code points)", r->id,
		          what, i, s->start, s->end, r->text_cps);
	if (at && (s->bstart != at[s->start] || s->bend != at[s->end]))
		fuzz_fail("readout %s: %s[%zu]: bytes %" PRIu32 "-%" PRIu32 " are not code points %" PRIu32 "-%" PRIu32,
		          r->id, what, i, s->bstart, s->bend, s->start, s->end);
	if (!at && (s->bstart > s->bend || s->bend > r->text_bytes))
		fuzz_fail("readout %s: %s[%zu]: bytes %" PRIu32 "-%" PRIu32 " outside the text", r->id, what, i, s->bstart,
		          s->bend);
}

static void check_ids(const struct readout *r, const uint32_t *v, size_t n, enum entity_kind k, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] >= r->n_ents[k])
			fuzz_fail("readout %s: %s refers to %s %u of %zu", r->id, what, entity_kind_names[k], v[i],
			          r->n_ents[k]);
}

void fuzz_check_readout(const struct corpus *c, size_t ri)
{
	const struct readout *r = &c->readouts[ri];
	if (!r->id || !id_is_valid(r->id, strlen(r->id)))
		fuzz_fail("readout %zu: no valid id", ri);
	const char *text = corpus_text(c, ri);
	if (!text)
		fuzz_fail("readout %s: its text cannot be read back: %s", r->id, corpus_text_error(c));
	if (memchr(text, '\0', r->text_bytes) || text[r->text_bytes] != '\0')
		fuzz_fail("readout %s: its text is not one string of %zu bytes", r->id, r->text_bytes);
	if (hash64(text, r->text_bytes) != r->text_hash)
		fuzz_fail("readout %s: the text's hash is not the one recorded", r->id);
	/* the byte offset of every code point, and of the end */
	size_t *at = NULL;
	if (!u8_check((const uint8_t *)text, r->text_bytes)) {
		at = xmalloc((r->text_bytes + 1) * sizeof(size_t));
		size_t cps = 0;
		for (size_t b = 0; b < r->text_bytes;) {
			ucs4_t uc;
			at[cps++] = b;
			b += (size_t)u8_mbtouc(&uc, (const uint8_t *)text + b, r->text_bytes - b);
		}
		at[cps] = r->text_bytes;
		if (cps != r->text_cps)
			fuzz_fail("readout %s: %zu code points, %zu recorded", r->id, cps, r->text_cps);
	} else {
		fuzz_fail("readout %s: its text is not UTF-8", r->id);
	}
	for (int k = 0; k < ENT_KINDS; k++)
		for (size_t i = 0; i < r->n_ents[k]; i++) {
			const struct entity *e = &r->ents[k][i];
			if (!e->id || !e->label)
				fuzz_fail("readout %s: %s %zu has no id or label", r->id, entity_kind_names[k], i);
			check_ids(r, e->members, e->n_members, ENT_SPEAKER, "a group's members");
		}
	if (r->initiator < -1 || (r->initiator >= 0 && (size_t)r->initiator >= r->n_ents[ENT_SPEAKER]))
		fuzz_fail("readout %s: initiator %d", r->id, r->initiator);
	for (size_t i = 0; i < r->n_mentions; i++) {
		const struct mention *m = &r->mentions[i];
		if (m->kind >= ENT_KINDS || m->ent >= r->n_ents[m->kind])
			fuzz_fail("readout %s: mentions[%zu] refers to nothing", r->id, i);
		check_span(r, at, &m->span, "mentions", i);
	}
	for (size_t i = 0; i < r->n_positions; i++) {
		const struct position *p = &r->positions[i];
		if (!p->id)
			fuzz_fail("readout %s: positions[%zu] has no id", r->id, i);
		if (p->speaker >= r->n_ents[ENT_SPEAKER])
			fuzz_fail("readout %s: positions[%zu]: speaker %u of %zu", r->id, i, p->speaker,
			          r->n_ents[ENT_SPEAKER]);
		if (p->review >= REVIEW_COUNT || p->stance < STANCE_NONE || p->stance > STANCE_UNKNOWN)
			fuzz_fail("readout %s: positions[%zu]: review or stance out of range", r->id, i);
		check_span(r, at, &p->span, "positions", i);
		check_ids(r, p->topics, p->n_topics, ENT_TOPIC, p->id);
		check_ids(r, p->agreements, p->n_agreements, ENT_AGREEMENT, p->id);
	}
	free(at);
}

/* --- two loads of one readout --------------------------------------------- */
static const char *what_;

static void same_str(const char *a, const char *b, const char *field)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		fuzz_fail("%s: %s differs: \"%s\" and \"%s\"", what_, field, a ? a : "(none)", b ? b : "(none)");
}

static void same_num(unsigned long long a, unsigned long long b, const char *field)
{
	if (a != b)
		fuzz_fail("%s: %s differs: %llu and %llu", what_, field, a, b);
}

static void same_span(const struct span *a, const struct span *b, const char *field)
{
	if (a->start != b->start || a->end != b->end || a->bstart != b->bstart || a->bend != b->bend)
		fuzz_fail("%s: %s differs: %" PRIu32 "-%" PRIu32 " (bytes %" PRIu32 "-%" PRIu32 ") and %" PRIu32 "-%" PRIu32
		          " (bytes %" PRIu32 "-%" PRIu32 ")",
		          what_, field, a->start, a->end, a->bstart, a->bend, b->start, b->end, b->bstart, b->bend);
}

static void same_ids(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, const char *field)
{
	same_num(na, nb, field);
	for (size_t i = 0; i < na; i++)
		same_num(a[i], b[i], field);
}

void fuzz_same_readout(const struct corpus *ca, size_t ra, const struct corpus *cb, size_t rb, unsigned flags,
                       const char *what)
{
	const struct readout *a = &ca->readouts[ra], *b = &cb->readouts[rb];
	what_ = what;
	same_str(a->id, b->id, "id");
	same_str(a->title, b->title, "title");
	same_str(a->date, b->date, "date");
	same_str(a->place, b->place, "place");
	same_str(a->lang, b->lang, "lang");
	same_str(a->event, b->event, "event");
	same_str(a->issuer, b->issuer, "issuer");
	same_str(a->src_publisher, b->src_publisher, "source.publisher");
	same_str(a->src_url, b->src_url, "source.url");
	same_str(a->src_retrieved, b->src_retrieved, "source.retrieved");
	same_num((unsigned long long)a->kind, (unsigned long long)b->kind, "kind");
	same_num((unsigned long long)a->initiator, (unsigned long long)b->initiator, "initiator");
	same_num(a->text_bytes, b->text_bytes, "text's length");
	same_num(a->text_cps, b->text_cps, "text's code points");
	same_num(a->text_hash, b->text_hash, "text's hash");
	const char *ta = corpus_text(ca, ra), *tb = corpus_text(cb, rb);
	if (!ta || !tb || memcmp(ta, tb, a->text_bytes) != 0)
		fuzz_fail("%s: the texts differ", what);
	if (flags & SAME_PLACE) {
		same_num(a->line, b->line, "line");
		same_num(a->offset, b->offset, "offset");
		same_num(a->length, b->length, "length");
		same_num(a->text_at, b->text_at, "text_at");
		same_num(a->text_json, b->text_json, "text_json");
	}
	for (int k = 0; k < ENT_KINDS; k++) {
		same_num(a->n_ents[k], b->n_ents[k], entity_kind_names[k]);
		for (size_t i = 0; i < a->n_ents[k]; i++) {
			const struct entity *x = &a->ents[k][i], *y = &b->ents[k][i];
			same_str(x->id, y->id, "an entity's id");
			same_str(x->label, y->label, "an entity's label");
			same_num(x->n_aliases, y->n_aliases, "an entity's aliases");
			for (size_t j = 0; j < x->n_aliases; j++)
				same_str(x->aliases[j], y->aliases[j], "an alias");
			same_str(x->role, y->role, "a role");
			same_str(x->country, y->country, "a country");
			same_ids(x->members, x->n_members, y->members, y->n_members, "members");
			same_num(x->is_group, y->is_group, "a group");
			same_str(x->date, y->date, "an agreement's date");
			same_num((unsigned long long)x->akind, (unsigned long long)y->akind, "an agreement's kind");
		}
	}
	same_num(a->n_mentions, b->n_mentions, "mentions");
	for (size_t i = 0; i < a->n_mentions; i++) {
		same_num(a->mentions[i].kind, b->mentions[i].kind, "a mention's kind");
		same_num(a->mentions[i].ent, b->mentions[i].ent, "a mention's entity");
		same_span(&a->mentions[i].span, &b->mentions[i].span, "a mention's span");
	}
	same_num(a->n_positions, b->n_positions, "positions");
	for (size_t i = 0; i < a->n_positions; i++) {
		const struct position *x = &a->positions[i], *y = &b->positions[i];
		same_str(x->id, y->id, "a position's id");
		same_num(x->speaker, y->speaker, "a position's speaker");
		same_span(&x->span, &y->span, "a position's span");
		same_str(x->summary, y->summary, "a summary");
		same_str(x->note, y->note, "a note");
		same_str(x->by, y->by, "by");
		same_str(x->stance_text, y->stance_text, "a stance as written");
		same_num((unsigned long long)x->stance, (unsigned long long)y->stance, "a stance");
		same_num(x->review, y->review, "a review");
		same_ids(x->topics, x->n_topics, y->topics, y->n_topics, "topics");
		same_ids(x->agreements, x->n_agreements, y->agreements, y->n_agreements, "agreements");
	}
}
