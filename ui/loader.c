/* loader.c - the corpus loaded behind the browser (see loader.h). */
#include "loader.h"
#include "app.h"
#include "datadir.h"
#include "cache.h"
#include "extract.h"
#include "test_hooks.h"
#include "tty.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include <stdlib.h>
#include <string.h>

#define LOADER_BIG_ALLOC (256 * 1024)

/* On the loader's thread: a readout loaded, in corpus order. */
static void take_readout(struct readout *r, const struct corpus *c, void *arg)
{
	struct loader *l = arg;
	if (r->file >= 2) {
		test_hold(l->files_sent, &l->cancel);
		test_stall(l->files_sent);
	}
	pthread_mutex_lock(&l->mu);
	for (; l->files_sent <= r->file; l->files_sent++) {
		struct corpus_file f = c->files[l->files_sent];
		f.path = xstrdup(f.path);
		f.draft_of = f.draft_of ? xstrdup(f.draft_of) : NULL;
		f.draft_json = f.draft_json ? xstrndup(f.draft_json, f.draft_len) : NULL;
		grow(&l->files, &l->cap_files, l->n_files + 1, sizeof(*l->files));
		l->files[l->n_files++] = f;
	}
	grow(&l->pending, &l->cap_pending, l->n_pending + 1, sizeof(*l->pending));
	l->pending[l->n_pending++] = *r;
	pthread_mutex_unlock(&l->mu);
}

/* The corpus's draft hook: the lexicon read at the first plain readout
 * (any of the loading threads). */
static bool draft(void *arg, const char *path, char **json, size_t *len, struct diags *d)
{
	struct loader *l = arg;
	pthread_mutex_lock(&l->lx_mu);
	if (l->lx_state == 0)
		l->lx_state = lexicon_load_default(&l->lx, data_dirs(), &l->lx_diags) ? 1 : -1;
	int state = l->lx_state;
	pthread_mutex_unlock(&l->lx_mu);
	if (state < 0) {
		diags_add(d, DIAG_IO, "%s: not drafted: %s", path,
		          l->lx_diags.n ? l->lx_diags.v[l->lx_diags.n - 1].text : "no lexicon");
		return false;
	}
	return extract_draft(&l->lx, path, json, len, d);
}

static void drafts_end(struct loader *l)
{
	if (l->lx_state)
		lexicon_free(&l->lx);
	diags_free(&l->lx_diags);
	l->lx_state = 0;
	pthread_mutex_destroy(&l->lx_mu);
}

static struct corpus_opts opts_of(struct loader *l)
{
	return (struct corpus_opts){ .use_cache = getenv("PARLEY_NO_CACHE") == NULL, .files_total = &l->total,
		                     .files_done = &l->done, .readouts_cached = &l->cached, .lazy_texts = true,
		                     .take = take_readout, .arg = l,
		                     .cancel = &l->cancel, .draft = draft, .draft_arg = l };
}

static void load(struct loader *l)
{
	corpus_init(&l->corpus);
	struct corpus_opts o = opts_of(l);
	corpus_load(&l->corpus, l->paths, l->n, &o);
}

/* The loader's threads yield to the screen's: the loading thread takes a
 * lower priority (nice LOADER_NICE), which the threads it starts inherit,
 * so that on a machine whose cores it keeps busy a key is read and drawn
 * at once rather than after a scheduler's slice of the loader.  Only where
 * a thread has its own nice value (Linux); elsewhere setpriority would
 * lower the whole process. */
static void yield_to_screen(void)
{
#ifdef __linux__
	id_t self = (id_t)syscall(SYS_gettid);
	errno = 0;
	int now = getpriority(PRIO_PROCESS, self);
	if (errno == 0 && now < LOADER_NICE)
		(void)setpriority(PRIO_PROCESS, self, LOADER_NICE);
#endif
}

static void *loader_main(void *arg)
{
	struct loader *l = arg;
	yield_to_screen();
	/* the readouts are kept till the browser ends: their arenas' chunks
	 * from slabs, as are those of the threads the load starts */
	arena_slabs(!test_no_slabs());
	load(l);
	arena_slabs(false);
	arena_slabs_release();
	__atomic_store_n(&l->finished, 1, __ATOMIC_RELEASE);
	return NULL;
}

void loader_start(struct loader *l, struct app *a, char *const *paths, size_t n)
{
#ifdef __GLIBC__
	/* the arrays the screen's thread grows as readouts arrive (the
	 * corpus's readouts, 264 bytes each, its files) double now and then:
	 * a block of LOADER_BIG_ALLOC or more is always mapped on its own, so
	 * that growing it remaps its pages (mremap) instead of copying every
	 * readout so far.  (glibc's threshold otherwise rises to the largest
	 * block freed, the loader's 1 MB reads among them.) */
	mallopt(M_MMAP_THRESHOLD, LOADER_BIG_ALLOC);
	/* (the heaps the loading threads allocate from: corpus_load) */
#endif
	memset(l, 0, sizeof(*l));
	l->paths = paths;
	l->n = n;
	pthread_mutex_init(&l->mu, NULL);
	pthread_mutex_init(&l->lx_mu, NULL);
	a->loading = true;
	a->load_total = &l->total;
	a->load_done = &l->done;
	struct corpus_opts o = opts_of(l);
	corpus_load_prepare(paths, n, &o);
	/* the signals are the screen's thread's: it leaves when told */
	sigset_t old;
	term_block_signals(&old);
	l->threaded = pthread_create(&l->thread, NULL, loader_main, l) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!l->threaded) {
		load(l);
		l->finished = 1;
	}
}

/* Up to LOADER_BATCH of the readouts handed over join the app's corpus
 * and its facets, in corpus order (their indexes are final), with the
 * files before them.  True when some did. */
static bool absorb(struct loader *l, struct app *a)
{
	pthread_mutex_lock(&l->mu);
	size_t n = l->n_pending - l->taken;
	if (n > LOADER_BATCH)
		n = LOADER_BATCH;
	/* the files up to the last of those readouts (files are sent before
	 * their readouts; at most LOADER_BATCH of them when none is left) */
	size_t nf = l->n_files - l->files_taken;
	if (n) {
		size_t need = l->pending[l->taken + n - 1].file + 1; /* the app's files then */
		size_t have = a->corpus.n_files;
		nf = need > have ? need - have : 0;
		if (nf > l->n_files - l->files_taken)
			nf = l->n_files - l->files_taken;
	} else if (nf > LOADER_BATCH) {
		nf = LOADER_BATCH;
	}
	struct readout *rv = xmalloc((n + 1) * sizeof(*rv));
	struct corpus_file *fv = xmalloc((nf + 1) * sizeof(*fv));
	if (n) /* (nothing may be pending yet: no array) */
		memcpy(rv, l->pending + l->taken, n * sizeof(*rv));
	if (nf)
		memcpy(fv, l->files + l->files_taken, nf * sizeof(*fv));
	l->taken += n;
	l->files_taken += nf;
	/* what was taken goes: at once when all was, else when it is most of
	 * the arrays (each moved once or so) */
	if (l->taken == l->n_pending || l->taken > l->n_pending / 2) {
		if (l->n_pending > l->taken)
			memmove(l->pending, l->pending + l->taken, (l->n_pending - l->taken) * sizeof(*l->pending));
		l->n_pending -= l->taken;
		l->taken = 0;
	}
	if (l->files_taken == l->n_files || l->files_taken > l->n_files / 2) {
		if (l->n_files > l->files_taken)
			memmove(l->files, l->files + l->files_taken, (l->n_files - l->files_taken) * sizeof(*l->files));
		l->n_files -= l->files_taken;
		l->files_taken = 0;
	}
	pthread_mutex_unlock(&l->mu);
	bench_batch(n);
	/* a warm load: the arrays sized once for all its readouts, when the
	 * cache has counted them (they come after) */
	size_t cached = __atomic_load_n(&l->cached, __ATOMIC_ACQUIRE);
	if (cached && !l->reserved) {
		corpus_reserve(&a->corpus, a->corpus.n_readouts + cached,
		               a->corpus.n_files + __atomic_load_n(&l->total, __ATOMIC_ACQUIRE));
		l->reserved = true;
	}
	for (size_t i = 0; i < nf; i++)
		corpus_add_file(&a->corpus, &fv[i]);
	for (size_t i = 0; i < n; i++)
		facets_add_readout(&a->facets, &a->corpus, corpus_append(&a->corpus, &rv[i]));
	free(rv);
	free(fv);
	return n > 0;
}

/* Handed over and not taken yet? */
static bool behind(struct loader *l)
{
	pthread_mutex_lock(&l->mu);
	bool b = l->taken < l->n_pending || l->files_taken < l->n_files;
	pthread_mutex_unlock(&l->mu);
	return b;
}

bool loader_behind(struct loader *l)
{
	return !l->over && (behind(l) || __atomic_load_n(&l->finished, __ATOMIC_ACQUIRE));
}

bool loader_poll(struct loader *l, struct app *a, bool *finished)
{
	*finished = false;
	/* finished is read first: everything handed over before it ended is
	 * there by then */
	bool ended = __atomic_load_n(&l->finished, __ATOMIC_ACQUIRE);
	bool grew = absorb(l, a);
	if (!ended || behind(l))
		return grew;
	if (l->threaded)
		pthread_join(l->thread, NULL);
	corpus_take_loaded(&a->corpus, &l->corpus);
	pthread_mutex_destroy(&l->mu);
	free(l->pending);
	free(l->files);
	l->pending = NULL;
	l->files = NULL;
	drafts_end(l);
	l->over = true;
	a->loading = false;
	app_start_editing(a);
	*finished = true;
	return true;
}

bool loader_stop(struct loader *l)
{
	if (!l->threaded || __atomic_load_n(&l->finished, __ATOMIC_ACQUIRE))
		return true;
	__atomic_store_n(&l->cancel, 1, __ATOMIC_RELEASE);
	/* it stops between pieces of a file, between lines, between files:
	 * soon, unless a read hangs (a disk, a network file system) or one
	 * large readout is being parsed */
	for (int ms = 0; ms < LOADER_STOP_MS; ms += 5) {
		if (__atomic_load_n(&l->finished, __ATOMIC_ACQUIRE)) {
			pthread_join(l->thread, NULL);
			drafts_end(l);
			return true;
		}
		nanosleep(&(struct timespec){ 0, 5000000 }, NULL);
	}
	cache_writer_abandon(); /* the old index cache stays as it was */
	return false;
}

void loader_load_all(struct app *a, char *const *paths, size_t n)
{
	static struct loader l;
	memset(&l, 0, sizeof(l));
	pthread_mutex_init(&l.lx_mu, NULL);
	struct corpus_opts o = { .use_cache = getenv("PARLEY_NO_CACHE") == NULL, .lazy_texts = true, .draft = draft,
		                 .draft_arg = &l };
	corpus_free(&a->corpus);
	corpus_init(&a->corpus);
	corpus_load(&a->corpus, paths, n, &o);
	drafts_end(&l);
	facets_free(&a->facets);
	facets_build(&a->facets, &a->corpus, a->lang);
	app_start_editing(a);
}
