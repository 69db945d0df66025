/* query.h - what `parley query` and `parley stats` ask of a corpus, in the
 * core: resolving --speaker/--topic/--agreement terms to corpus-wide
 * entities by the rule of names.h, and a keep hook for corpus_load that
 * leaves out, while loading, the readouts that cannot match, so a narrow
 * query never holds the whole corpus in memory.
 *
 * The hook sees every valid readout, kept or not, and records for each term
 * the entities it fits (names.h); resolution chooses among those records,
 * so a term resolves the same whatever else the query asks.  A readout is
 * kept when, for each kind with terms, it declares the entity some term
 * would resolve to so far (its leader: none while two fit it equally).  A
 * term that resolves to an entity some readout declared when it was not
 * the leader, the readout left out, has the load done again as below; an
 * ambiguous term holds no readout of its candidates.  An entity fitted only by a label or alias that appears
 * after readouts that declare it under other names (a Russian readout
 * before a French one, for a French name) may have lost those readouts:
 * query_resolve then asks for the load to be done again with the terms
 * bound to the ids they resolved to (query_rebind), which match at first
 * sight.  A term that fits nothing is said to, with the names nearest to
 * it among those of every readout (names_unknown's rule), and one that
 * fits two with their labels: a second load notes every name of the
 * kinds with terms and holds no readout (the first, which does not note
 * them, costs no more for it).
 */
#ifndef PARLEY_QUERY_H
#define PARLEY_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "facets.h"
#include "filter.h"
#include "names.h"
#include "names_index.h"
#include "readout.h"
#include "strmap.h"

#define QUERY_MAX_TERMS 64

struct query_cand {
	const char *id, *label;   /* in the query's arena */
	enum name_fit fit;        /* the best fit seen */
	bool group;
	bool late;                /* its id was declared by an earlier readout */
	bool missed;              /* a readout declaring it was left out (it was not the leader) */
};

struct query_term {
	enum entity_kind kind;
	const char *text;
	struct name_term name;
	bool id_only;             /* matches ids only (after query_rebind, or bound by query_names) */
	const char *asked;        /* bound by query_names: the text as given (query_restart) */
	bool id_seen;             /* an entity has it for its id: it wins */
	const char *bound;        /* the id it resolved to */
	struct query_cand *cands;
	size_t n_cands, cap_cands;
	/* the candidates name_choose would choose among so far: those of the
	 * best fit, persons and groups (persons win), the last of each */
	enum name_fit best;
	size_t n_persons, n_groups, person, group;
};

/* What the hook knows of one id of a kind with terms. */
struct query_ent {
	size_t first;             /* the readout that declared it first */
	const char *label;        /* the names fits was worked out for (copies in names) */
	const char **aliases;
	size_t n_aliases, cap_aliases;
	unsigned char *fits;      /* per term, the best fit of those names */
};

/* What stats counts of a corpus without filters, each readout counted as
 * it comes and let go (query_take): the facets' counts and names
 * (facets_tally), the readouts, and the positions by review. */
struct query_census {
	struct facets fa;
	size_t readouts, positions, by_review[REVIEW_COUNT];
};

/* A printing query's positions handed on as the readouts come, none held
 * (query_stream_take): set by the caller before the load (q->stream).
 * That needs, before the first readout, every readout's names (the
 * labels shown are the corpus's) and every term bound to an id: what the
 * names table beside the index cache gives (query_names).  Without it, a
 * load that saves the table beside the cache it writes holds nothing,
 * and the caller loads again, from that cache and its table (once);
 * else (no cache) the readouts the load keeps are held, for the caller
 * to filter after the load as a load without the hook would
 * (query_stream_end). */
enum query_stream_mode {
	QUERY_STREAM_UNKNOWN,     /* no readout came yet */
	QUERY_STREAM_LIVE,        /* handed on as they come */
	QUERY_STREAM_HOLD,        /* held */
	QUERY_STREAM_NOTE,        /* let go: the load notes the names for the next */
};
struct query_stream {
	/* the matching positions m[0, n) of one readout, in text order, in
	 * corpus c1 of it alone (its file as the load's: c1->files[r->file])
	 * and its facets fa1, labelled as the whole corpus's (query_labels),
	 * f the query's filter for them (its entities fa1's); readouts come
	 * in corpus order, those without a match too when every is set;
	 * NULL: none is handed on, only counted (readouts, matched) */
	void (*emit)(const struct corpus *c1, const struct facets *fa1, const struct filter *f, const struct match *m,
	             size_t n, void *arg);
	void *arg;
	bool every;
	bool streamed;            /* (set by the loader: the last load handed them on) */
	char lang[12];            /* the user's language, for the labels */
	/* private */
	enum query_stream_mode mode;
	bool noted;               /* a load let them go, for the next (once) */
	struct corpus held;       /* held: the readouts kept */
	/* live: the place (file, line) of the last readout taken, and
	 * whether one was; after a restart, those taken again up to it are
	 * passed over (passed counts them) */
	uint32_t last_file;
	unsigned long last_line;
	bool any_taken, restarted;
	size_t passed;
	size_t readouts, matched; /* live: readouts with positions handed on, and their positions */
};

struct query {
	struct filter filter;     /* stances, reviews, dates, langs, texts: set by the caller;
	                           * entities: set by query_resolve */
	struct query_term terms[QUERY_MAX_TERMS];
	size_t n_terms;
	bool prefilter;           /* the hook leaves out readouts that cannot match */
	bool names_pass;          /* the hook notes every name of the kinds with terms, and holds no readout */
	bool names_known;         /* every readout's names were handed over before the load (query_names) */
	/* Only the number of matching positions is wanted (set by the
	 * caller): without terms, the readouts judged are counted as they
	 * come (query_tally, into tally) and let go. */
	bool count_only;
	size_t tally;
	unsigned want_labels;     /* bit per entity kind: labels to show, from every readout (query_labels) */
	struct query_census *census; /* set by the caller: without filters, readouts are counted there (query_take) */
	struct query_stream *stream; /* set by the caller: positions printed as they come (query_stream_take) */
	/* private */
	struct arena arena;
	struct strmap names;      /* label or alias -> index into fits */
	struct strmap seen[ENT_KINDS]; /* ids declared so far, of kinds with terms -> ents */
	struct query_ent *ents[ENT_KINDS];
	size_t n_ents[ENT_KINDS], cap_ents[ENT_KINDS];
	size_t n_seen_readouts;
	unsigned char *fits;      /* per distinct name, the fit of each term (n_terms each) */
	const char **fit_names;   /* per distinct name, the query's copy */
	size_t n_fits, cap_fits, cap_fit_names;
	/* the names of the kinds in want_labels, from every readout the
	 * hook saw: labels (query_labels); in a load that notes names, of
	 * the kinds with terms too, aliases as well (names_pass); or those
	 * of every kind handed over before the load (names_known) */
	struct names_index noted;
};

void query_init(struct query *q);
/* Adds a term (before loading): QUERY_TERM_ADDED; QUERY_TERM_BLANK when
 * text is empty or spaces alone (no entity has such a name or id);
 * QUERY_TERM_FULL when there are already QUERY_MAX_TERMS. */
enum query_term_added { QUERY_TERM_ADDED, QUERY_TERM_BLANK, QUERY_TERM_FULL };
enum query_term_added query_add_term(struct query *q, enum entity_kind kind, const char *text);
/* The look hook: the terms (a bit each) whose text is the id of an entity
 * of r of the term's kind.  Reads nothing the keep hook changes. */
uint64_t query_look(const struct readout *r, void *arg);
/* The names hook (corpus_opts.names): every readout's names, before the
 * load.  Each term that fits one entity by them (name_choose's rule, as
 * query_resolve would choose from the keep hook's records) is bound to
 * its id, so that one load finds its readouts by id; one that fits
 * nothing or two is then said to from these names, with no load more.
 * In a load that notes names (names_pass) they are noted no more.
 * Not taken (false) by a load that keeps every readout. */
bool query_names(const struct names_index *ni, void *arg);
/* The keep hook (arg: the struct query). */
bool query_keep(const struct readout *r, void *arg);
/* The may_keep hook: the words of text looked for in a body's bytes. */
bool query_may_keep(const char *bytes, size_t n, void *arg);
/* The may_have hook: the same, of the set of bytes a readout's words are
 * among. */
bool query_may_have(const unsigned char set[32], void *arg);
/* The text_may_hold hook: may any of the words be in a text of that set? */
bool query_text_may_hold(const unsigned char set[32], void *arg);
/* The text_may_have hook: may any of the words be in a text's bytes? */
bool query_text_may_have(const char *bytes, size_t n, void *arg);
/* The judge hook: the words of text, the stances and the reviews looked
 * for in each position of a readout, seen in the cache or parsed
 * (filter_judge, judged_for &q->filter). */
bool query_judge(const struct readout *r, const struct judge_hints *hints, unsigned char *verdict, void *arg);
/* The take hook (with q->census, and no filter): readout r counted into
 * the census, then freed. */
void query_take(struct readout *r, const struct corpus *c, void *arg);
/* The take hook with q->stream: readout r, kept, handed on (its matching
 * positions to q->stream->emit, and let go) when the stream is live, held
 * or let go.  The mode is decided at the first readout (or before it:
 * query_stream_noting): live when every readout's names came before the
 * load (query_names) and bound every term; else let go when the load
 * notes names for the cache it writes (the first time), else held. */
void query_stream_take(struct readout *r, const struct corpus *c, void *arg);
/* The noting_only hook with q->stream (corpus.h): the load notes the
 * names for the cache, and (the first time) the mode is decided then:
 * let go, keep leaving every readout out (its names noted) and the
 * hooks that would look for it not run. */
bool query_stream_noting(void *arg);
/* The restart hook with q->stream: as query_restart; a live stream keeps
 * its terms bound and its labels (from the names table, checked apart
 * from the cache), and passes over the readouts it handed on already,
 * which come again first. */
void query_stream_restart(void *arg);
/* After a load with q->stream: QUERY_STREAMED, the positions were handed
 * on; QUERY_HELD, c (the load's, its readouts taken) is now the corpus of
 * the readouts held, with what the load made (corpus_take_loaded): filter
 * it as a load without the hook; QUERY_AGAIN, none was held or handed
 * on: unless a term is found not to resolve, load again (query_forget),
 * with the names table the load saved. */
enum query_stream_end { QUERY_STREAMED, QUERY_HELD, QUERY_AGAIN };
enum query_stream_end query_stream_end(struct query *q, struct corpus *c);
/* The tally hook: the matching positions of a readout judged, counted. */
void query_tally(const struct readout *r, const unsigned char *verdict, size_t n, void *arg);
/* Can the readouts judged be counted as they come (query_tally), and
 * none kept?  With count_only (a count, not a timeline) and no terms:
 * what is asked of a readout is then what judge and its head say. */
bool query_tallies(const struct query *q);
/* Does the query look at more of a readout's head than its id and where
 * it is: its terms, the labels it shows, or a filter on what heads hold
 * (filter_reads_heads)?  A count that does not has heads left skimmed
 * (corpus_opts.skim_kept). */
bool query_reads_heads(const struct query *q);
enum query_resolved { QUERY_OK, QUERY_ERROR, QUERY_RELOAD, QUERY_NAMES };
/* After the load: sets q->filter.ents from the terms and the corpus's
 * facets.  On an ambiguous term, or one that fits nothing, returns
 * QUERY_ERROR and sets *err to a message (malloc'd) naming the term and
 * the candidates or the names nearest to it (of every readout the hook
 * saw, kept or not).  QUERY_RELOAD: readouts may have been left out
 * wrongly; call query_rebind and load again.  QUERY_NAMES: a term fits
 * nothing or two; call query_note_names and load again, for what to say
 * of it (a load that notes the names and holds no readout). */
enum query_resolved query_resolve(struct query *q, const struct corpus *c, const struct facets *fa, char **err);
/* The facets' labels of the kinds in q->want_labels chosen from every
 * readout the hook saw, not only those kept: a label does not depend on
 * the filters (user_lang as for facets_build). */
void query_labels(const struct query *q, struct facets *fa);
/* Binds every term to the id it resolved to, and forgets what the hook
 * recorded, for a second load. */
void query_rebind(struct query *q);
/* Forgets what the keep hook saw; the terms stay as they are. */
void query_forget(void *arg);
/* corpus_opts.restart (the load starts over): the terms query_names
 * bound are as given again, and what the hooks saw is forgotten. */
void query_restart(void *arg);
/* Has the next load note every name of the kinds with terms and hold no
 * readout, forgetting what the hook recorded (QUERY_NAMES). */
void query_note_names(struct query *q);
/* Has the hook keep every readout (compare: an account with nothing the
 * filters ask for still counts), forgetting what it recorded. */
void query_load_all(struct query *q);
void query_free(struct query *q);

#endif
