/* journal.c - the edit journal (see journal.h). */
#include "config.h"
#include "journal.h"
#include "arena.h"
#include "fileio.h"
#include "hash.h"
#include "jsonw.h"
#include "lines.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* FNV-1a: a journal's name must stay the same from one version of parley
 * to the next, so that a journal an older one left behind is found. */
static uint64_t name_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

char *journal_dir_path(char *why, size_t size)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (x && x[0] == '/')
		return xasprintf("%s/parley", x);
	if (!home || home[0] != '/') {
		const struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
	}
	if (!home) {
		snprintf(why, size, "no home directory (HOME is unset and the password database has none)");
		return NULL;
	}
	return xasprintf("%s/.local/state/parley", strcmp(home, "/") == 0 ? "" : home);
}

/* The journal directory (journal_dir_path), made when missing, and
 * opened.  Never a shared directory: it must be the user's own and not
 * writable by anyone else, else j->why says why there is no journal. */
static void open_dir(struct journal *j)
{
	j->dir = journal_dir_path(j->why, sizeof(j->why));
	if (!j->dir)
		return;
	file_mkdirs(j->dir, 0, NULL, 0); /* (what is there is checked next) */
	int fd = open(j->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	const char *why = NULL;
	if (fd < 0 || fstat(fd, &st) != 0)
		snprintf(j->why, sizeof(j->why), "%s: %s", j->dir, strerror(errno));
	else if ((why = file_private_dir_why(&st)))
		snprintf(j->why, sizeof(j->why), "not using the directory %s: %s", j->dir, why);
	else {
		j->dirfd = fd;
		return;
	}
	if (fd >= 0)
		close(fd);
}

void journal_init(struct journal *j, char *const *paths, size_t n)
{
	memset(j, 0, sizeof(*j));
	j->fd = j->dirfd = -1;
	char **abs = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		char buf[PATH_MAX];
		abs[i] = xstrdup(realpath(paths[i], buf) ? buf : paths[i]);
	}
	qsort(abs, n, sizeof(char *), cmp_str);
	cJSON *hdr = cJSON_CreateObject();
	cJSON_AddNumberToObject(hdr, "parley-journal", 1);
	cJSON *arr = cJSON_AddArrayToObject(hdr, "paths");
	struct strbuf key = { 0 };
	for (size_t i = 0; i < n; i++) {
		cJSON_AddItemToArray(arr, cJSON_CreateString(abs[i]));
		sb_adds(&key, abs[i]);
		sb_add(&key, "\n", 1);
		free(abs[i]);
	}
	free(abs);
	struct strbuf h = { 0 };
	jsonw_write(&h, hdr, false);
	cJSON_Delete(hdr);
	j->header = h.s;
	j->stem = xasprintf("journal-%016llx", (unsigned long long)name_hash(key.s ? key.s : "", key.n));
	sb_free(&key);
	open_dir(j);
}

static void drop_orphans(struct journal *j)
{
	for (size_t i = 0; i < j->n_orphans; i++) {
		close(j->orphans[i].fd);
		free(j->orphans[i].name);
	}
	free(j->orphans);
	j->orphans = NULL;
	j->n_orphans = 0;
}

void journal_free(struct journal *j)
{
	if (j->fd >= 0)
		close(j->fd); /* the lock goes with it: the file is an orphan now */
	if (j->dirfd >= 0)
		close(j->dirfd);
	drop_orphans(j);
	free(j->dir);
	free(j->stem);
	free(j->path);
	free(j->header);
	sb_free(&j->kept);
	memset(j, 0, sizeof(*j));
	j->fd = j->dirfd = -1;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* This process's journal, made and locked at its first record:
 * journal-CORPUS-RANDOM.jsonl, created exclusively (never through a link
 * or over another file).  A parley looking for orphans may lock it for a
 * moment before we do, but finds no record in it and lets it go. */
static bool create_own(struct journal *j)
{
	if (j->dirfd < 0)
		return false;
	for (int tries = 0; tries < 16; tries++) {
		unsigned char rnd[6];
		if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
			unsigned long long t = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20) ^ (unsigned long long)tries;
			memcpy(rnd, &t, sizeof(rnd));
		}
		char name[128];
		snprintf(name, sizeof(name), "%s-%02x%02x%02x%02x%02x%02x.jsonl", j->stem, rnd[0], rnd[1], rnd[2], rnd[3],
		         rnd[4], rnd[5]);
		int fd = openat(j->dirfd, name, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return false;
		while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
			;
		j->fd = fd;
		j->path = xasprintf("%s/%s", j->dir, name);
		return true;
	}
	return false;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k == 0)
			errno = EIO;
		if (k <= 0)
			return false;
		s += k;
		n -= (size_t)k;
	}
	return true;
}

/* A write to the journal failed (errno says why): the first failure is
 * the one told, with its reason and where (the file, else the
 * directory). */
static void note_failure(struct journal *j)
{
	const char *what = j->path ? j->path : j->dir ? j->dir : "the journal";
	j->rewritten = 0; /* (not safe after all) */
	if (!j->failed && j->kept_lost)
		snprintf(j->fail_why, sizeof(j->fail_why),
		         "more than %zu MB of edits since the last save: they cannot be written whole again",
		         JOURNAL_KEPT_MAX >> 20);
	else if (!j->failed && j->dirfd < 0)
		snprintf(j->fail_why, sizeof(j->fail_why), "%s", j->why);
	else if (!j->failed)
		snprintf(j->fail_why, sizeof(j->fail_why), "%s: %s", what, strerror(errno));
	j->failed = true;
}

static bool write_sync(int fd, const char *s, size_t n)
{
#ifdef HAVE_FDATASYNC
	return write_all(fd, s, n) && fdatasync(fd) == 0;
#else
	return write_all(fd, s, n) && fsync(fd) == 0;
#endif
}

/* Is the file open at fd still name in the directory? */
static bool still_there(int dirfd, const char *name, int fd)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && a.st_nlink > 0 && fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0
	       && file_same(&a, &b);
}

/* The journal's whole text as kept in memory: its header, then every
 * record kept (n: its length). */
static char *kept_text(const struct journal *j, size_t *n)
{
	struct strbuf b = { 0 };
	sb_adds(&b, j->header);
	sb_add(&b, "\n", 1);
	sb_add(&b, j->kept.s, j->kept.n);
	*n = b.n;
	return b.s;
}

/* The journal written whole to a new file of its own (its header, then
 * every record kept), which takes the place of the one before (removed,
 * when it is still there).  The directory is opened again when it was
 * removed. */
static bool rewrite(struct journal *j)
{
	if (j->kept_lost)
		return false; /* (note_failure says why) */
	struct stat ds;
	if (j->dirfd >= 0 && fstat(j->dirfd, &ds) == 0 && ds.st_nlink == 0) { /* (removed: made again) */
		close(j->dirfd);
		j->dirfd = -1;
	}
	if (j->dirfd < 0) { /* (none yet, or no more: made now, when it can be) */
		free(j->dir);
		j->dir = NULL;
		open_dir(j);
	}
	int old_fd = j->fd;
	char *old_path = j->path;
	j->fd = -1;
	j->path = NULL;
	bool ok = create_own(j);
	if (ok) {
		size_t n;
		char *text = kept_text(j, &n);
		ok = write_sync(j->fd, text, n);
		free(text);
		if (!ok) { /* (a part written: it goes) */
			int e = errno;
			unlinkat(j->dirfd, base_name(j->path), 0);
			close(j->fd);
			free(j->path);
			errno = e;
		}
	}
	if (!ok) {
		j->fd = old_fd;
		j->path = old_path;
		return false;
	}
	if (old_fd >= 0) {
		if (j->dirfd >= 0 && still_there(j->dirfd, base_name(old_path), old_fd))
			unlinkat(j->dirfd, base_name(old_path), 0);
		close(old_fd);
	}
	free(old_path);
	return true;
}

/* Is the journal's file there, and no write to it failed? */
static bool journal_ok(const struct journal *j)
{
	return j->fd >= 0 && !j->failed && j->dirfd >= 0 && still_there(j->dirfd, base_name(j->path), j->fd);
}

/* rewrite, and what it mends said (rewritten) */
static bool write_whole(struct journal *j)
{
	int why = j->failed ? JOURNAL_AFTER_FAILURE : j->fd >= 0 ? JOURNAL_FILE_GONE : 0;
	if (!rewrite(j))
		return false;
	if (why) {
		j->failed = false;
		j->fail_why[0] = '\0';
		j->rewritten = why;
	}
	return true;
}

static bool append(struct journal *j, const cJSON *rec)
{
	struct strbuf b = { 0 };
	jsonw_write(&b, rec, false);
	sb_add(&b, "\n", 1);
	j->records++;
	if (!j->kept_lost && j->kept.n + b.n <= JOURNAL_KEPT_MAX) {
		sb_add(&j->kept, b.s, b.n);
	} else {
		j->kept_lost = true;
		sb_free(&j->kept);
	}
	/* appended to the file there is, unless it is not (the first record,
	 * a write that failed, a file or directory removed): then the journal
	 * written whole, to a new file */
	bool ok = journal_ok(j) ? write_sync(j->fd, b.s, b.n) : write_whole(j);
	sb_free(&b);
	if (!ok)
		note_failure(j);
	return ok;
}

bool journal_sync(struct journal *j)
{
	if (!j->records || journal_ok(j))
		return j->records == 0 || !j->failed;
	bool ok = write_whole(j);
	if (!ok)
		note_failure(j);
	return ok;
}

static cJSON *record(const struct corpus *c, size_t ri, const char *op)
{
	const struct readout *r = &c->readouts[ri];
	cJSON *rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "op", op);
	cJSON_AddStringToObject(rec, "readout", r->id);
	/* (absolute: a replay from another directory names the same file) */
	char *abs = realpath(c->files[r->file].path, NULL);
	cJSON_AddStringToObject(rec, "file", abs ? abs : c->files[r->file].path);
	free(abs);
	cJSON_AddNumberToObject(rec, "time", (double)time(NULL));
	return rec;
}

static cJSON *ids_array(const struct entity *ents, const uint32_t *ids, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(ents[ids[i]].id));
	return a;
}

/* A position's fields as the journal writes them (and as replay_text
 * reads them). */
static cJSON *position_json(const struct readout *r, const struct position *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "speaker", RO_SPEAKERS(r)[p->speaker].id);
	cJSON_AddNumberToObject(o, "start", (double)p->span.start);
	cJSON_AddNumberToObject(o, "end", (double)p->span.end);
	if (p->summary)
		cJSON_AddStringToObject(o, "summary", p->summary);
	if (p->stance_text)
		cJSON_AddStringToObject(o, "stance", p->stance_text);
	cJSON_AddItemToObject(o, "topics", ids_array(RO_TOPICS(r), p->topics, p->n_topics));
	cJSON_AddItemToObject(o, "agreements", ids_array(RO_AGREEMENTS(r), p->agreements, p->n_agreements));
	cJSON_AddStringToObject(o, "review", review_names[p->review]);
	if (p->note)
		cJSON_AddStringToObject(o, "note", p->note);
	if (p->by)
		cJSON_AddStringToObject(o, "by", p->by);
	return o;
}

/* A position edited: what it is now, and what it was ("was"), so that a
 * replay onto a file someone else changed since applies only the fields
 * this edit changed (replay_text). */
static void on_position(void *ctx, const struct corpus *c, size_t ri, const char *pid, const struct position *p,
                        const struct position *was)
{
	struct journal *j = ctx;
	const struct readout *r = &c->readouts[ri];
	cJSON *rec = record(c, ri, p ? "position" : "delete");
	cJSON_AddStringToObject(rec, "id", pid);
	if (p) {
		cJSON_AddItemToObject(rec, "position", position_json(r, p));
		if (was)
			cJSON_AddItemToObject(rec, "was", position_json(r, was));
	}
	append(j, rec);
	cJSON_Delete(rec);
}

static void on_entity(void *ctx, const struct corpus *c, size_t ri, enum entity_kind k, const struct entity *e,
                      bool added)
{
	struct journal *j = ctx;
	cJSON *rec = record(c, ri, added ? "entity" : "entity-undone");
	cJSON_AddStringToObject(rec, "kind", entity_kind_names[k]);
	cJSON_AddStringToObject(rec, "id", e->id);
	cJSON_AddStringToObject(rec, "label", e->label);
	if (e->n_members) {
		const struct readout *r = &c->readouts[ri];
		cJSON *m = cJSON_AddArrayToObject(rec, "members");
		for (size_t i = 0; i < e->n_members; i++)
			if (e->members[i] < r->n_ents[ENT_SPEAKER])
				cJSON_AddItemToArray(m, cJSON_CreateString(RO_SPEAKERS(r)[e->members[i]].id));
	}
	append(j, rec);
	cJSON_Delete(rec);
}

struct edit_listener journal_listener(struct journal *j)
{
	return (struct edit_listener){ on_position, on_entity, j };
}

void journal_clear(struct journal *j)
{
	if (j->fd >= 0) {
		/* gone before its lock: no other parley can take it for an orphan */
		unlinkat(j->dirfd, base_name(j->path), 0);
		close(j->fd);
		j->fd = -1;
	}
	free(j->path);
	j->path = NULL;
	j->records = 0;
	sb_free(&j->kept);
	j->kept_lost = false;
	j->failed = false;
	j->fail_why[0] = '\0';
}

/* Records in a journal's text: its lines after the header. */
static size_t count_records(const char *buf, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += buf[i] == '\n';
	if (n && buf[n - 1] != '\n')
		count++; /* a torn last line is offered too */
	return count ? count - 1 : 0;
}

/* Is name one of this corpus's journals: STEM.jsonl (as older versions
 * named it) or STEM-RANDOM.jsonl? */
static bool is_journal_name(const struct journal *j, const char *name)
{
	size_t k = strlen(j->stem), n = strlen(name);
	if (n < k + 6 || strncmp(name, j->stem, k) != 0 || strcmp(name + n - 6, ".jsonl") != 0)
		return false;
	return n == k + 6 || name[k] == '-';
}

/* The paths of a journal's header (its first line), NULL when it has
 * none. */
static cJSON *header_paths(const char *line, size_t n)
{
	cJSON *h = cJSON_ParseWithLength(line, n);
	cJSON *p = cJSON_DetachItemFromObjectCaseSensitive(h, "paths");
	cJSON_Delete(h);
	if (!cJSON_IsArray(p)) {
		cJSON_Delete(p);
		return NULL;
	}
	return p;
}

size_t journal_find_others(const struct journal *j, char **paths)
{
	*paths = NULL;
	if (j->dirfd < 0)
		return 0;
	cJSON *mine = header_paths(j->header, strlen(j->header));
	int dfd = dup(j->dirfd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		cJSON_Delete(mine);
		return 0;
	}
	rewinddir(d);
	/* each such journal: the paths it was started on (as a command's
	 * arguments, quoted for a shell where they need it), its records */
	struct other {
		char *paths;
		size_t records;
		long long mtime;
	} *v = NULL;
	size_t nv = 0, cap = 0;
	struct dirent *e;
	while (mine && (e = readdir(d))) {
		size_t nl = strlen(e->d_name), ks = strlen(j->stem);
		if (strncmp(e->d_name, "journal-", 8) != 0 || nl < 6 || strcmp(e->d_name + nl - 6, ".jsonl") != 0
		    || (nl >= ks && strncmp(e->d_name, j->stem, ks) == 0))
			continue;
		int fd = openat(j->dirfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		struct stat st;
		if (fd < 0)
			continue;
		/* the user's own, whose parley has ended (its lock free: taken
		 * for a moment, to know) */
		bool orphan = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() && st.st_size > 0
		              && flock(fd, LOCK_EX | LOCK_NB) == 0;
		size_t n = 0;
		char *buf = orphan ? read_fd(fd, &n) : NULL;
		close(fd); /* (and its lock) */
		size_t records = buf ? count_records(buf, n) : 0;
		const char *eol = buf ? memchr(buf, '\n', n) : NULL;
		cJSON *theirs = records && eol ? header_paths(buf, (size_t)(eol - buf)) : NULL;
		bool meet = false;
		const cJSON *x, *y;
		cJSON_ArrayForEach(x, theirs)
		{
			cJSON_ArrayForEach(y, mine)
			{
				if (cJSON_IsString(x) && cJSON_IsString(y))
					meet = meet || path_under(x->valuestring, y->valuestring)
					       || path_under(y->valuestring, x->valuestring);
			}
		}
		if (meet) {
			struct strbuf b = { 0 };
			cJSON_ArrayForEach(x, theirs)
			{
				const char *s = cJSON_IsString(x) ? x->valuestring : "?";
				if (b.n)
					sb_add(&b, " ", 1);
				if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:=@%") == strlen(s)) {
					sb_adds(&b, s);
					continue;
				}
				sb_add(&b, "'", 1); /* (a ' as '\'') */
				for (; *s; s++)
					sb_adds(&b, *s == '\'' ? "'\\''" : (char[]){ *s, 0 });
				sb_add(&b, "'", 1);
			}
			grow(&v, &cap, nv + 1, sizeof(*v));
			v[nv++] = (struct other){ b.s, records, (long long)st.st_mtime };
		}
		cJSON_Delete(theirs);
		free(buf);
	}
	closedir(d);
	cJSON_Delete(mine);
	/* the latest one's paths, and the records of every journal of those
	 * (what parley on them offers) */
	size_t latest = 0, total = 0;
	for (size_t i = 1; i < nv; i++)
		if (v[i].mtime > v[latest].mtime)
			latest = i;
	for (size_t i = 0; i < nv; i++)
		if (strcmp(v[i].paths, v[latest].paths) == 0)
			total += v[i].records;
	for (size_t i = 0; i < nv; i++)
		if (i != latest)
			free(v[i].paths);
	if (nv)
		*paths = v[latest].paths;
	free(v);
	return total;
}

static int by_mtime(const void *x, const void *y)
{
	const struct journal_orphan *a = x, *b = y;
	return a->mtime < b->mtime ? -1 : a->mtime > b->mtime ? 1 : strcmp(a->name, b->name);
}

size_t journal_find_orphans(struct journal *j, long long *mtime)
{
	drop_orphans(j);
	if (mtime)
		*mtime = 0;
	if (j->dirfd < 0)
		return 0;
	int dfd = dup(j->dirfd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return 0;
	}
	rewinddir(d);
	size_t total = 0, cap = 0;
	const char *own = j->path ? base_name(j->path) : "";
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_journal_name(j, e->d_name) || strcmp(e->d_name, own) == 0)
			continue;
		int fd = openat(j->dirfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		struct stat st;
		if (fd < 0)
			continue;
		/* only the user's own regular files, and only those whose
		 * parley has ended (a running one holds its lock) */
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()
		    || flock(fd, LOCK_EX | LOCK_NB) != 0) {
			close(fd);
			continue;
		}
		/* locked: but a parley that saved may have removed it just before
		 * (a removed journal is no orphan); one left by an older parley,
		 * which did not lock its journal, only once it is quiet */
		bool legacy = strlen(e->d_name) == strlen(j->stem) + 6;
		if (fstat(fd, &st) != 0 || st.st_nlink == 0 || (legacy && st.st_mtime > time(NULL) - 15 * 60)) {
			close(fd);
			continue;
		}
		size_t n;
		char *buf = read_fd(fd, &n);
		if (!buf) { /* unreadable now: left for another time */
			close(fd);
			continue;
		}
		size_t records = count_records(buf, n);
		free(buf);
		if (!records) {
			/* made by a parley that had not written its first record
			 * yet, or died then: an old one goes */
			if (st.st_mtime < time(NULL) - 3600)
				unlinkat(j->dirfd, e->d_name, 0);
			close(fd);
			continue;
		}
		grow(&j->orphans, &cap, j->n_orphans + 1, sizeof(*j->orphans));
		j->orphans[j->n_orphans++] = (struct journal_orphan){ xstrdup(e->d_name), fd, records,
		                                                       (long long)st.st_mtime };
		total += records;
		if (mtime && (long long)st.st_mtime > *mtime)
			*mtime = (long long)st.st_mtime;
	}
	closedir(d);
	if (j->n_orphans > 1)
		qsort(j->orphans, j->n_orphans, sizeof(*j->orphans), by_mtime);
	return total;
}

static long local_id(const struct readout *r, enum entity_kind k, const cJSON *v)
{
	if (!cJSON_IsString(v))
		return -1;
	for (size_t i = 0; i < r->n_ents[k]; i++)
		if (strcmp(r->ents[k][i].id, v->valuestring) == 0)
			return (long)i;
	return -1;
}

static uint32_t *refs(struct readout *r, enum entity_kind k, const cJSON *arr, uint32_t *n, bool *bad)
{
	size_t cnt = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	uint32_t *v = arena_alloc(&r->arena, (cnt + 1) * sizeof(uint32_t));
	*n = 0;
	for (const cJSON *x = cJSON_IsArray(arr) ? arr->child : NULL; x; x = x->next) {
		long id = local_id(r, k, x);
		if (id < 0)
			*bad = true;
		else
			v[(*n)++] = (uint32_t)id;
	}
	return v;
}

static const char *opt_str(struct readout *r, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsString(v))
		return NULL;
	const char *w = readout_word(v->valuestring, strlen(v->valuestring));
	return w ? w : arena_strdup(&r->arena, v->valuestring);
}

/* The whole file open at fd, from its start. */
static char *pread_all(int fd, size_t *n)
{
	if (lseek(fd, 0, SEEK_SET) < 0)
		return NULL;
	return read_fd(fd, n);
}

/* Records that no longer apply would go with the journal at the next clean
 * save or quit: a copy of it is kept beside it, named by its content (the
 * same journal is copied once). */
static bool keep_copy(const struct journal *j, const char *name, const char *buf, size_t n, struct diags *d)
{
	char path[PATH_MAX + 64], err[256];
	struct stat st;
	int k = snprintf(path, sizeof(path), "%s/%s.kept-%016llx", j->dir, name, (unsigned long long)hash64(buf, n));
	if (k < 0 || (size_t)k >= sizeof(path))
		snprintf(err, sizeof(err), "name too long");
	else if ((fstatat(j->dirfd, base_name(path), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)
	          && st.st_size == (off_t)n)
	         || write_atomic(path, buf, n, 0600, err, sizeof(err))) {
		diags_add(d, DIAG_IO, "the journal, with the edits that no longer apply, is kept in %s", path);
		return true;
	}
	diags_add(d, DIAG_IO, "%s/%s: cannot keep a copy (%s): save elsewhere (:w PATH) what you need", j->dir, name,
	          err);
	return false;
}

/* The fields of a position record, every one (merge_fields). */
static const char *const position_fields[] = { "speaker", "start", "end", "summary", "stance", "topics",
	                                       "agreements", "review", "note", "by" };

/* Do two values of a field say the same (both absent too)? */
static bool same_value(const cJSON *a, const cJSON *b)
{
	return a ? b && cJSON_Compare(a, b, true) : !b;
}

/* Position pid of r as it is now, with the fields record o changed from
 * what they were (was) set as o has them: a new object, or NULL when
 * there is nothing to merge (no was: a journal of an older parley, or a
 * new position; no position pid now), o then applying whole.  A field
 * both this edit and the file changed takes this edit's value, and a note
 * says so. */
static cJSON *merge_fields(struct journal *j, const char *name, unsigned long line, const struct readout *r,
                           const char *pid, const cJSON *o, const cJSON *was, struct diags *d)
{
	if (!cJSON_IsObject(o) || !cJSON_IsObject(was))
		return NULL;
	long pi = readout_position_index(r, pid);
	if (pi < 0)
		return NULL;
	cJSON *now = position_json(r, &r->positions[pi]);
	cJSON *m = cJSON_CreateObject();
	for (size_t i = 0; i < sizeof(position_fields) / sizeof(position_fields[0]); i++) {
		const char *k = position_fields[i];
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(was, k), *mine = cJSON_GetObjectItemCaseSensitive(o, k),
		            *cur = cJSON_GetObjectItemCaseSensitive(now, k);
		bool changed = !same_value(w, mine), theirs = !same_value(w, cur);
		const cJSON *take = changed ? mine : cur;
		if (changed && theirs && !same_value(cur, mine)) {
			diags_add(d, DIAG_IO,
			          "%s/%s:%lu: position %s of readout %s: your %s replaced the one the file has now", j->dir,
			          name, line, pid, r->id, k);
			j->replaced++;
		}
		if (take)
			cJSON_AddItemToObject(m, k, cJSON_Duplicate(take, true));
	}
	cJSON_Delete(now);
	return m;
}

/* Is the file a record was of (as it named it) some other file than
 * path, where its readout's id is loaded from now?  Not when it is no
 * more (moved, renamed: the id says where it went). */
static bool other_file(const char *was, const char *path)
{
	struct stat a, b;
	return stat(was, &a) == 0 && stat(path, &b) == 0 && !file_same(&a, &b);
}

/* Replays the records of journal text buf (journal file `name`) through
 * h; with again, each applied record is journaled anew by this process.
 * Returns the number applied; *lost tells whether a well-formed record no
 * longer applied. */
static size_t replay_text(struct journal *j, const char *name, const char *buf, size_t n, struct history *h,
                          struct saver *s, const bool *files, bool again, size_t *skipped, bool *lost,
                          struct diags *d)
{
	size_t applied = 0;
	struct edit_listener keep = h->listen;
	if (!again)
		h->listen = (struct edit_listener){ 0 }; /* already in the journal */
	edit_begin(h);
	struct lines it = lines_of(buf, n);
	while (lines_next(&it)) {
		unsigned long line = it.no;
		if (line == 1)
			continue; /* header */
		/* a record stops at a NUL (a torn write can leave zeros) */
		cJSON *rec = cJSON_ParseWithLength(buf + it.start, strnlen(buf + it.start, it.end - it.start));
		const cJSON *op = cJSON_GetObjectItemCaseSensitive(rec, "op");
		const cJSON *rid = cJSON_GetObjectItemCaseSensitive(rec, "readout");
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(rec, "file");
		long ri = cJSON_IsString(rid) ? corpus_find(h->c, rid->valuestring) : -1;
		if (files && ri >= 0 && !files[h->c->readouts[ri].file]) {
			cJSON_Delete(rec);
			continue; /* not asked for: neither applied nor skipped */
		}
		/* its id loaded from another file than the record's (a copy of
		 * it, loaded first): not there */
		const char *elsewhere = NULL;
		if (ri >= 0 && cJSON_IsString(file)
		    && other_file(file->valuestring, h->c->files[h->c->readouts[ri].file].path)) {
			elsewhere = h->c->files[h->c->readouts[ri].file].path;
			ri = -1;
		}
		bool ok = false, record = cJSON_IsString(op) && cJSON_IsString(id);
		if (!record) {
			diags_add(d, DIAG_IO,
			          "%s/%s:%lu: not a journal record (a torn last write is expected after a crash)", j->dir,
			          name, line);
		} else if (ri < 0 && elsewhere) {
			diags_add(d, DIAG_IO, "%s/%s:%lu: readout %s of %s is not loaded (that id is loaded from %s): not applied",
			          j->dir, name, line, rid->valuestring, file->valuestring, elsewhere);
		} else if (ri < 0) {
			diags_add(d, DIAG_IO, "%s/%s:%lu: readout %s is not loaded", j->dir, name, line,
			          cJSON_IsString(rid) ? rid->valuestring : "?");
		} else if (!save_snapshot(s, (size_t)ri, d)) {
			/* the message says why */
		} else if (strcmp(op->valuestring, "delete") == 0) {
			ok = edit_replay_position(h, (size_t)ri, id->valuestring, NULL) || true;
		} else if (strcmp(op->valuestring, "entity") == 0) {
			const cJSON *kind = cJSON_GetObjectItemCaseSensitive(rec, "kind");
			const cJSON *label = cJSON_GetObjectItemCaseSensitive(rec, "label");
			int k = cJSON_IsString(kind) ? name_lookup(entity_kind_names, ENT_KINDS, kind->valuestring) : -1;
			struct readout *r = &h->c->readouts[ri];
			const cJSON *mem = cJSON_GetObjectItemCaseSensitive(rec, "members");
			if (k >= 0 && cJSON_IsString(label) && id_is_valid(id->valuestring, strlen(id->valuestring))) {
				long have = local_id(r, (enum entity_kind)k, id);
				if (k == ENT_SPEAKER && cJSON_IsArray(mem) && cJSON_GetArraySize(mem) > 0) {
					/* a group: its record with members follows the one
					 * without (edit_add_group) */
					uint32_t m[64];
					size_t n = 0;
					const cJSON *x;
					cJSON_ArrayForEach(x, mem)
					{
						long l = local_id(r, ENT_SPEAKER, x);
						if (l >= 0 && n < 64)
							m[n++] = (uint32_t)l;
					}
					struct entity *e = have >= 0 ? &r->ents[ENT_SPEAKER][have] : NULL;
					if (!e)
						edit_add_group(h, (size_t)ri, id->valuestring, label->valuestring, m, n);
					else if (!e->n_members && n) {
						e->members = arena_alloc(&r->arena, n * sizeof(uint32_t));
						memcpy(e->members, m, n * sizeof(uint32_t));
						e->n_members = n;
						e->is_group = true;
					}
				} else if (have < 0) {
					edit_add_entity(h, (size_t)ri, (enum entity_kind)k, id->valuestring, label->valuestring);
				}
				ok = true;
			}
		} else if (strcmp(op->valuestring, "entity-undone") == 0) {
			ok = true; /* an unused entity does no harm; it is dropped at the next undo */
		} else if (strcmp(op->valuestring, "position") == 0) {
			struct readout *r = &h->c->readouts[ri];
			const cJSON *o = cJSON_GetObjectItemCaseSensitive(rec, "position");
			/* onto the position as it is now: the fields this edit
			 * changed (what it was told from what it made), the others
			 * as they are (a colleague's note saved since stays) */
			cJSON *merged = merge_fields(j, name, line, r, id->valuestring, o,
			                             cJSON_GetObjectItemCaseSensitive(rec, "was"), d);
			if (merged)
				o = merged;
			const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "start");
			const cJSON *en = cJSON_GetObjectItemCaseSensitive(o, "end");
			long sp = local_id(r, ENT_SPEAKER, cJSON_GetObjectItemCaseSensitive(o, "speaker"));
			bool bad = sp < 0 || !cJSON_IsNumber(st) || !cJSON_IsNumber(en) || st->valuedouble < 0
			           || en->valuedouble < st->valuedouble || en->valuedouble > (double)r->text_cps;
			struct position np;
			memset(&np, 0, sizeof(np));
			if (!bad)
				bad = !readout_span(h->c, ri, (size_t)st->valuedouble, (size_t)en->valuedouble, &np.span);
			if (!bad) {
				np.speaker = (uint32_t)sp;
				np.summary = opt_str(r, o, "summary");
				np.note = opt_str(r, o, "note");
				np.by = opt_str(r, o, "by");
				np.stance_text = opt_str(r, o, "stance");
				np.stance = np.stance_text ? name_lookup(stance_names, STANCE_COUNT, np.stance_text) : STANCE_NONE;
				if (np.stance_text && np.stance < 0)
					np.stance = STANCE_UNKNOWN;
				const cJSON *rv = cJSON_GetObjectItemCaseSensitive(o, "review");
				int rk = cJSON_IsString(rv) ? name_lookup(review_names, REVIEW_COUNT, rv->valuestring) : 0;
				np.review = rk < 0 ? REVIEW_PENDING : (enum review)rk;
				np.topics = refs(r, ENT_TOPIC, cJSON_GetObjectItemCaseSensitive(o, "topics"), &np.n_topics, &bad);
				np.agreements = refs(r, ENT_AGREEMENT, cJSON_GetObjectItemCaseSensitive(o, "agreements"),
				                     &np.n_agreements, &bad);
			}
			if (bad)
				diags_add(d, DIAG_IO, "%s/%s:%lu: position %s of readout %s no longer applies", j->dir, name, line,
				          id->valuestring, r->id);
			else
				ok = edit_replay_position(h, (size_t)ri, id->valuestring, &np) || true;
			cJSON_Delete(merged);
		}
		cJSON_Delete(rec);
		if (ok)
			applied++;
		else
			(*skipped)++;
		*lost |= !ok && record;
	}
	h->listen = keep;
	return applied;
}

size_t journal_replay(struct journal *j, struct history *h, struct saver *s, const bool *files, size_t *skipped,
                      struct diags *d)
{
	*skipped = 0;
	j->replaced = 0;
	/* the file's, unless a write to it failed: then the records kept in
	 * memory, every one since the last save (those it left out of the
	 * file too) */
	size_t n;
	bool lost = false;
	char *buf = NULL;
	if ((j->failed || j->fd < 0) && !j->kept_lost && j->records)
		buf = kept_text(j, &n);
	else if (j->fd >= 0) {
		buf = pread_all(j->fd, &n);
	}
	if (!buf)
		return 0;
	const char *name = j->path ? base_name(j->path) : "journal";
	size_t applied = replay_text(j, name, buf, n, h, s, files, false, skipped, &lost, d);
	if (lost)
		keep_copy(j, name, buf, n, d);
	free(buf);
	return applied;
}

size_t journal_recover(struct journal *j, struct history *h, struct saver *s, size_t *skipped, struct diags *d)
{
	size_t applied = 0;
	*skipped = 0;
	j->replaced = 0;
	for (size_t i = 0; i < j->n_orphans; i++) {
		struct journal_orphan *o = &j->orphans[i];
		size_t n, sk = 0;
		bool lost = false;
		char *buf = pread_all(o->fd, &n);
		if (!buf) {
			diags_add(d, DIAG_IO, "%s/%s: %s; not recovered", j->dir, o->name, strerror(errno));
			continue;
		}
		applied += replay_text(j, o->name, buf, n, h, s, NULL, true, &sk, &lost, d);
		*skipped += sk;
		bool kept = !lost || keep_copy(j, o->name, buf, n, d);
		free(buf);
		/* it goes only when its records are this process's now, or kept
		 * in a copy: else it stays, to be offered again */
		if (kept && !j->failed)
			unlinkat(j->dirfd, o->name, 0);
	}
	drop_orphans(j);
	return applied;
}

size_t journal_set_aside(struct journal *j, char *newpath, size_t size)
{
	size_t moved = 0;
	long long now = (long long)time(NULL);
	for (size_t i = 0; i < j->n_orphans; i++) {
		char name[300];
		snprintf(name, sizeof(name), "%s.set-aside-%lld", j->orphans[i].name, now);
		if (renameat(j->dirfd, j->orphans[i].name, j->dirfd, name) != 0)
			continue;
		if (!moved++)
			snprintf(newpath, size, "%s/%s", j->dir, name);
	}
	drop_orphans(j);
	return moved;
}
