/* extract_int.h - what the extractor's parts share (extract.c drives them):
 * the document being drafted, with every lexicon form found in it, its
 * sentences and what each part has found so far.  Offsets are bytes of the
 * text until the readout is written (code points then). */
#ifndef PARLEY_EXTRACT_INT_H
#define PARLEY_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "lexicon.h"

struct xsent {
	size_t start, end;         /* from its first to past its last non-space byte */
	size_t para;
};

/* A person or a group of them. */
struct xspeaker {
	char id[128];
	char *label;
	char **aliases;            /* forms that name it in the text */
	size_t n_aliases, cap_aliases;
	char **names;              /* the plain names among them (no title) */
	size_t n_names, cap_names;
	char **titles;             /* the titles the text gives it */
	size_t n_titles, cap_titles;
	char country[4];
	char *roles;               /* role forms of its title, |-separated */
	size_t first;              /* where it is first named */
	bool group, participant, speaks, named;
	bool counterpart;          /* "son homologue" naming nobody the text names */
	size_t title_end;          /* made of a title alone: where that title ends, else 0 */
	size_t *members;
	size_t n_members;
	const char *gazetteer_id;
};

struct xagreement {
	char id[128];
	char *label, *kind, *date;
	char **aliases;
	size_t n_aliases, cap_aliases;
	size_t first;
};

struct xtopic {
	const char *id;            /* the lexicon's */
	char *label;
	char out_id[128];          /* as written: unique in the readout */
};

/* A place where the text names a speaker (SUBJ_*), for subjects. */
enum xref_kind { XR_PERSON, XR_ROLE, XR_SIDE, XR_GROUP, XR_PRONOUN_SG, XR_PRONOUN_PL };
struct xref {
	size_t start, end;
	enum xref_kind kind;
	size_t who;                /* speaker index; for pronouns resolved later */
};

/* A mention in the readout: ent is a speaker, agreement or topic. */
struct xmention {
	size_t start, end;
	int kind;                  /* 0 speaker, 1 topic, 2 agreement */
	size_t ent;
};

struct xposition {
	size_t start, end;
	size_t speaker;
	const char *stance;
	size_t *topics, n_topics;
	size_t *agreements, n_agreements;
	const char *cue;           /* the cue's form, for the summary */
	size_t cue_at, cue_end;    /* where the cue is (cue_end 0: no cue) */
	bool cue_pron;             /* a cue with its own subject ("he added") */
};

struct xdoc {
	const struct lexicon *lx;
	const struct extract_opts *o;
	const char *path;
	struct diags *d;
	char lang[8];
	char *text;
	size_t n;
	char *title;
	struct lex_text lt;
	struct lex_hit *hits;
	size_t n_hits;
	struct xsent *sents;
	size_t n_sents;
	struct xspeaker *sp;
	size_t n_sp, cap_sp;
	struct xref *refs;
	size_t n_refs, cap_refs;
	struct xagreement *ag;
	size_t n_ag, cap_ag;
	struct xtopic *tp;
	size_t n_tp, cap_tp;
	struct xmention *men;
	size_t n_men, cap_men;
	struct xposition *pos;
	size_t n_pos, cap_pos;
	/* metadata */
	char date[16], kind[16], issuer[4];
	char *place;
	long initiator;            /* speaker index, -1 */
	size_t opening_para;       /* the first paragraph that names someone */
	bool qa;                   /* questions and answers (a spokesperson's) */
	char *url, *publisher;
};

/* the form of hit h */
#define HIT_FORM(x, h) (&(x)->lx->forms[(h)->form])
#define HIT_CLASS(x, h) (HIT_FORM(x, h)->cls)

/* extract_people.c: the speakers (people, groups) and where the text names
 * them (x->refs). */
void x_people(struct xdoc *x);
/* The speaker a group of the participants is (made when needed). */
size_t x_participants_group(struct xdoc *x, const char *form, const char *role);
/* The group of the people members[0..n) (made when new). */
size_t x_group_of(struct xdoc *x, size_t *members, size_t n, const char *label);
/* The text at [a, b) names group g as a subject: one of its forms. */
void x_group_form_used(struct xdoc *x, size_t g, size_t a, size_t b);
/* Drops the speakers that neither speak nor take part, once the
 * positions and the initiator are known. */
void x_prune(struct xdoc *x);
/* The person a title alone names at [a, b) ("Spokesperson"): one holding
 * it, else one made so. */
size_t x_person_titled(struct xdoc *x, size_t a, size_t b);
/* Sets group g's id from its members' ids. */
void x_group_id(struct xdoc *x, size_t g);

/* extract_refs.c: agreements and topics. */
void x_agreements(struct xdoc *x);
void x_topics(struct xdoc *x);
bool x_topic_inside(const struct xdoc *x, size_t h);

/* extract_pos.c: positions. */
void x_positions(struct xdoc *x);

/* extract_meta.c: date, place, kind, initiator. */
void x_meta(struct xdoc *x);

/* extract_util.c */
bool x_is_han_at(const char *s, size_t n, size_t i);
/* the sentence holding byte b */
size_t x_sentence_of(const struct xdoc *x, size_t b);
/* the first hit starting at byte b or after (the hits are in order of
 * their starts): where a scan of what is said from b on begins */
size_t x_hits_from(const struct xdoc *x, size_t b);
/* Is the text at [a, b) only spaces? */
bool x_blank(const char *s, size_t a, size_t b);
/* Adds s[0..len) (trimmed) to a list of forms unless it is there; its index. */
size_t x_add_alias(char ***v, size_t *n, size_t *cap, const char *s, size_t len);

#endif
