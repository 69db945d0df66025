/* compare.h - two accounts of one meeting: which readouts tell of the same
 * event, and how the positions of two accounts pair up.
 *
 * Each side publishes its own readout of a meeting; what one reports and
 * the other leaves out is the analysis.  Readouts with the same `event` are
 * accounts of it; readouts without one, of the same date and with the
 * same two parties (speakers by id, or their countries), are likely ones,
 * offered as a guess.  Two accounts' positions pair by topic and
 * agreement (ids, so accounts in different languages pair), the same
 * speaker first; what is left is only in one account.  The CLI (parley
 * compare, link) and the browser's compare view both call this.
 */
#ifndef PARLEY_COMPARE_H
#define PARLEY_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "readout.h"
#include "strmap.h"

/* --- accounts of one event ----------------------------------------------- */

struct counterpart {
	size_t ri;             /* index into the readouts */
	bool guess;            /* no shared event: same date and parties */
};

/* The other accounts of readout ri among rs[0, n): those with its event
 * first (in corpus order), then the likely ones.  Fills at most max;
 * returns how many there are in all. */
size_t compare_counterparts(const struct readout *rs, size_t n, size_t ri, struct counterpart *out, size_t max);

/* Are a and b likely accounts of one meeting (neither has an event, or
 * they share it): the same date and two parties in common (speaker ids,
 * or the countries of their speakers)? */
bool compare_likely(const struct readout *a, const struct readout *b);

/* Per readout of rs[0, n): how many readouts share its event (itself
 * included; 0 without one), and how many are likely counterparts, asked
 * per readout (what the navigator's marks need for the rows on screen,
 * not for the whole corpus at once).  Building it groups the readouts by
 * event and by date (time near n); event_index_likely compares a readout
 * with those of its date, once (kept).  rs must not move while the index
 * is in use. */
struct event_index {
	const struct readout *rs;
	size_t n;
	struct strmap events, dates;
	size_t *count;         /* per first readout of an event: how many have it */
	size_t *first;         /* per readout: the first of its event, or -1 */
	size_t *next, *head;   /* readouts of one date chained: head[slot] -> next[i] */
	size_t *slot;          /* per readout: its date's slot, or -1 */
	size_t *likely;        /* per readout: likely counterparts, -1 until asked */
};
void event_index_build(struct event_index *x, const struct readout *rs, size_t n);
size_t event_index_shared(const struct event_index *x, size_t ri);
size_t event_index_likely(struct event_index *x, size_t ri);
void event_index_free(struct event_index *x);

/* The event id to write into two accounts: the one either has, else one
 * made from the date and the parties ("2021-08-20-mukhtar-tileuberdi-
 * wang-yi"); false when neither has a date. */
bool compare_event_id(const struct readout *a, const struct readout *b, char *buf, size_t size);

/* --- pairing two accounts ------------------------------------------------ */

enum cmp_kind { CMP_PAIRED, CMP_ONLY_A, CMP_ONLY_B };

/* What a pair's stances say: both the same, different, or not both known. */
enum cmp_stance { CMP_STANCE_UNKNOWN, CMP_STANCE_AGREE, CMP_STANCE_DIFFER };

struct cmp_row {
	enum cmp_kind kind;
	/* the topic or agreement the row is about; ENT_SPEAKER for positions
	 * with neither (paired by speaker alone) */
	enum entity_kind key_kind;
	const char *key_id, *key_label;
	long a, b;             /* position indexes in A and B, -1 none */
	bool same_speaker;
	/* an only row whose position pairs under another topic or agreement
	 * (one side says more on this one than the other) */
	bool elsewhere;
	enum cmp_stance stance;
};

struct comparison {
	struct cmp_row *rows;  /* by key (A's text order, then B's), pairs first */
	size_t n;
	/* distinct pairs of positions; positions of A, of B, that pair
	 * nowhere */
	size_t paired, only_a, only_b;
	size_t agree, differ;  /* of the distinct pairs, those whose stances agree, differ */
	size_t keys;           /* topics and agreements compared */
};

/* Pairs the positions of a and b (rejected positions left out).  keep, if
 * not NULL, says which positions take part (a filter): keep(arg, side,
 * position index), side 0 for a. */
void compare_readouts(const struct readout *a, const struct readout *b,
                      bool (*keep)(void *arg, int side, size_t pi), void *arg, struct comparison *out);
void comparison_free(struct comparison *c);

/* Do speaker sa of a and sb of b stand for the same people: the same id,
 * the same country for two persons, or groups of such members? */
bool compare_same_speaker(const struct readout *a, uint32_t sa, const struct readout *b, uint32_t sb);

#endif
