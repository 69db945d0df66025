/* edit.h - changing readouts: every edit, its undo and redo.
 *
 * An edit replaces one position with a new version of it, replaces a
 * readout's array of positions (create, delete), or adds a speaker, topic or
 * agreement.  Old versions stay in the readout's arena, so undo and redo
 * only swap values back, across readouts and without limit, until the
 * corpus is freed.  Edits made by one user action form a group that undo
 * takes back together.  A position made here records its maker in `by`;
 * reviewing or editing one keeps its `by` (who made it: the extractor, an
 * annotator), as the format says.  A listener (the journal) hears every
 * change as it is applied.
 */
#ifndef PARLEY_EDIT_H
#define PARLEY_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "facets.h"
#include "strmap.h"

enum edit_kind { EDIT_POSITION, EDIT_POSITIONS, EDIT_ENTITIES };

struct edit {
	enum edit_kind kind;
	uint32_t readout;
	unsigned group;
	/* EDIT_POSITION */
	size_t pi;
	struct position before, after;
	/* EDIT_POSITIONS */
	struct position *arr_before, *arr_after;
	size_t n_before, n_after;
	/* EDIT_ENTITIES */
	enum entity_kind ek;
	struct entity *ents_before, *ents_after;
	size_t ne_before, ne_after;
};

/* What a listener hears: a position of readout ri now is *p (NULL: the
 * position with this id was deleted), and was *was before (NULL: it is
 * new), or an entity was added. */
struct edit_listener {
	void (*position)(void *ctx, const struct corpus *c, size_t ri, const char *pid,
	                 const struct position *p, const struct position *was);
	void (*entity)(void *ctx, const struct corpus *c, size_t ri, enum entity_kind k,
	               const struct entity *e, bool added);
	void *ctx;
};

struct history {
	struct edit *v;
	size_t n, cap;
	size_t cur;            /* edits [0, cur) are applied; [cur, n) can be redone */
	unsigned group;
	bool *touched;         /* per readout: ever edited this session */
	size_t n_touched;
	const char *user;      /* recorded as `by` */
	struct corpus *c;
	struct facets *f;
	struct edit_listener listen;
	long last_pos;         /* the position the last applied edit touched, -1 none */
	/* positions by id for a journal's replay: of readout pid_ri while its
	 * array is pid_arr of pid_n positions */
	struct strmap pid_map;
	size_t pid_ri, pid_n;
	const struct position *pid_arr;
};

void history_init(struct history *h, struct corpus *c, struct facets *f, const char *user);
/* The corpus has more readouts now (appended): they are tracked too. */
void history_grow(struct history *h);
void history_free(struct history *h);
/* Starts a new group: the edits until the next call are undone together. */
void edit_begin(struct history *h);

/* Position edits (pi indexes the readout's positions). Return false when
 * nothing changed. */
bool edit_review(struct history *h, size_t ri, size_t pi, enum review rv);
bool edit_stance(struct history *h, size_t ri, size_t pi, const char *stance); /* NULL clears */
bool edit_summary(struct history *h, size_t ri, size_t pi, const char *text);  /* "" clears */
bool edit_note(struct history *h, size_t ri, size_t pi, const char *text);     /* "" clears */
bool edit_speaker(struct history *h, size_t ri, size_t pi, uint32_t speaker);
bool edit_refs(struct history *h, size_t ri, size_t pi, enum entity_kind k, const uint32_t *ids, size_t n);
/* Spans are in code points; false when out of range. */
bool edit_span(struct history *h, size_t ri, size_t pi, size_t start, size_t end);
/* A new position; returns its index or -1. */
long edit_create(struct history *h, size_t ri, uint32_t speaker, size_t start, size_t end);
bool edit_delete(struct history *h, size_t ri, size_t pi);
/* Readout ri declares the entity of kind k with this id and label: one of
 * the corpus that it did not declare yet (the same id is the same entity),
 * or one made by edit_new_entity.  Returns its local index (the one it has
 * when the readout declares it already), or -1 when the id is not valid or
 * is an id of another kind in the readout. */
long edit_add_entity(struct history *h, size_t ri, enum entity_kind k, const char *id, const char *label);
/* A group speaker: edit_add_entity, with its members (local speaker
 * indexes of ri).  Its local index, or -1. */
long edit_add_group(struct history *h, size_t ri, const char *id, const char *label, const uint32_t *members,
                    size_t n);
/* A new entity of kind k labelled `label` in readout ri, with an id made
 * from the label and unique in the corpus (ids.h); its local index. */
long edit_new_entity(struct history *h, size_t ri, enum entity_kind k, const char *label);

/* Undo or redo the last group; returns the readout it touched, or -1. */
long edit_undo(struct history *h);
long edit_redo(struct history *h);

/* Applies a change heard from a journal: position pid of readout ri becomes
 * *p (with ids resolved), or is deleted (p NULL). */
bool edit_replay_position(struct history *h, size_t ri, const char *pid, const struct position *p);

/* The span [start, end) (code points) of readout ri's text, with its byte
 * offsets; false when it is not within the text or the text cannot be read
 * (corpus_text). */
bool readout_span(const struct corpus *c, size_t ri, size_t start, size_t end, struct span *s);
/* The index of the position with this id, or -1. */
long readout_position_index(const struct readout *r, const char *id);

#endif
