/* app.h - the browser's state, shared by its parts, and what each part
 * offers the others.
 *
 * Views (view.h): the navigator (readouts and facets, view_nav.c), the
 * reader (text and positions side by side, view_reader.c), and lists of
 * lines (help, problems, messages, corpus search hits, view_lines.c).  Each
 * draws itself and takes the actions that mean something in it; the loop
 * (browser.c) dispatches through the table of views, then to the review
 * keys (review.c) and the actions every view shares (global.c); bars.c
 * draws the title and status lines around the view.
 */
#ifndef PARLEY_APP_H
#define PARLEY_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "compare.h"
#include "corpus.h"
#include "edit.h"
#include "journal.h"
#include "save.h"
#include "facets.h"
#include "filter.h"
#include "order.h"
#include "fold.h"
#include "keys.h"
#include "layout.h"
#include "lexicon.h"
#include "searchhist.h"
#include "textwrap.h"
#include "theme.h"
#include "view.h"

enum lines_kind { LINES_HELP, LINES_PROBLEMS, LINES_HITS, LINES_MESSAGES };
#define MSG_KEEP 200            /* messages :messages shows */

/* Where a readout was left (app.left). */
struct place {
	size_t ri, text_cur, text_top;
	long sel;
	bool set;
};

struct hit {
	uint32_t readout;
	size_t bstart, bend;
};

struct app {
	struct corpus corpus;
	struct facets facets;
	struct filter filter;
	char dates_refused[64];   /* the dates prompt's text last refused, offered again */
	struct keymap keys;
	struct theme theme;
	char **notes;           /* other problems (config, theme, journal, save, reload), shown with the load problems (E) */
	size_t n_notes, cap_notes;
	const char *opened;     /* "samples in DIR" when no path was given */
	char *const *paths;     /* the paths loaded, as given (the samples' directory when none was) */
	size_t n_paths;
	char lang[12];          /* the language of the labels shown (facets_user_lang) */

	bool loading;           /* the corpus is still loading on another thread */
	size_t *load_total, *load_done;
	const struct view_ops *const *views; /* by enum view: view_table */
	enum view view, prev_view;
	enum view reader_from;  /* the view the open readout was opened from (q goes back to it) */
	struct layout lay;
	int rows, cols;
	bool quit;
	char msg[1024];         /* the message on the status line (wrapped above it when long) */
	bool msg_error;
	struct past_msg { char *text; bool error; long long when; } *past; /* :messages, the last MSG_KEEP */
	size_t n_past, cap_past, past_at;

	/* navigator */
	size_t *nav;            /* readouts shown (all, or those matching the filter) */
	size_t n_nav, nav_sel, nav_top;
	size_t cap_nav, nav_seen; /* nav's room; the corpus's readouts it was made from (the first nav_seen) */
	struct facet_row { int kind; size_t idx; } *frows; /* kind -1: heading for idx */
	bool frow_moved;        /* the user moved in the facets (loading keeps that row) */
	size_t n_frows, frow_sel, frow_top;
	int nav_focus;          /* 0 readouts, 1 facets */
	enum readout_order nav_order; /* the readouts' order (o): by date, newest first, at start */
	struct order_keys nav_keys; /* nav's keys while the corpus loads (readouts_merge), else none */
	/* per readout: the accounts of its event, and the likely ones
	 * (event_index), for the navigator's marks; made again when readouts
	 * arrive or are tied (ev_stale) */
	struct event_index ev;
	bool ev_stale;
	/* the facets' counts among the filtered positions (filter not empty) */
	struct facet_counts fcounts;
	bool fcounts_valid;

	/* reader */
	size_t cur;             /* current readout */
	struct wrap_view wrap;  /* cur's text wrapped, block by block (width 0: none yet) */
	size_t wrap_readout;
	size_t text_cur;        /* byte offset of the cursor line's start */
	size_t text_top;        /* byte offset of the first line shown */
	long sel;               /* selected position of cur (index into positions), -1 none */
	/* the readout shown before cur, where it was left: opened again
	 * (=, =), it is back there, as vim's alternate file */
	struct place left;
	struct place reopen;    /* where app_open_readout asks the reader to put it back (set: do) */
	struct match *plist;    /* rows of the positions pane */
	bool plist_valid;       /* with a filter: plist holds its matches */
	size_t plist_seen;      /* of the corpus's first plist_seen readouts (more arrive while loading) */
	size_t n_plist, p_sel, p_top;
	int focus;              /* 0 text, 1 positions */
	size_t *order;          /* positions of cur in text order */
	size_t n_order;

	/* search */
	char search[256];       /* as typed */
	char *search_fold;      /* folded, NULL when no search */
	struct range { size_t s, e; } *rhits; /* search hits in cur shown, source bytes */
	size_t n_rhits, cap_rhits;
	char *miss_fold;        /* a search readout miss_ri has no hit of (folded) */
	size_t miss_ri;
	size_t hit_at;          /* byte offset of the hit last gone to (n, N, /, Enter in F's list)... */
	size_t hit_ri;          /* ...in readout hit_ri, when hit_set: n goes on from it while the cursor is on its line */
	bool hit_set;
	/* F's hits (corpus order, each readout's in text order), kept after
	 * its list is left: n and N step through them until another search */
	struct hit *fhits;
	size_t n_fhits;
	unsigned long step_count; /* n, N: the count typed before (count.c), 0: one */
	/* search in a list (the navigator's focused pane, help, problems...):
	 * / where the user is, n and N there */
	char list_search[256];
	struct searchhist searches; /* / and F: Up and Down at the prompt, / Enter */
	char *list_fold;        /* folded, NULL when none */
	enum view list_view;    /* the view it was made in */

	/* J at a readout's last pending position asks before going on: the
	 * key number and readout of that question */
	unsigned long keyno, cross_asked;
	unsigned long count;    /* a count typed before a key (5j), 0: none (count.c) */
	size_t cross_ri;
	bool cross_forward;

	/* editing */
	struct history hist;
	struct saver saver;
	struct journal journal;
	bool read_only;
	bool discarded;         /* the edits discarded at the quit question (d): nothing said of them */
	bool mouse;             /* the mouse is asked for (set mouse = on, the default) */
	char user[128];
	struct arena *graveyard; /* memory of readouts replaced by a reload: freed at exit */
	size_t n_graveyard, cap_graveyard;
	char *missing;          /* app_text's stand-in for a text that cannot be read */
	size_t missing_ri;      /* the readout it stands for */
	/* the extractor's lexicon, read at the first d (review_draft) */
	struct lexicon lx;
	int lx_state;           /* 0 not read, 1 read, -1 not found */
	bool vis;               /* selecting text */
	size_t vis_s, vis_e;    /* the selection, bytes of cur's text */
	long vis_pos;           /* the position whose span is edited, -1: a new one */

	/* line lists */
	enum lines_kind lines_kind;
	char **lines;
	struct hit *hits;       /* LINES_HITS: one per line */
	size_t n_lines, l_sel, l_top;
	int lines_cols;         /* the width the lines were wrapped to */
};

/* app.c */
/* n or N went round the end (of a list, of the readouts, of the matches):
 * the one message every view gives, then fmt's detail (NULL: none). */
void search_wrapped(struct app *a, bool forward, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* A message on the status line, kept for :messages. */
void app_message(struct app *a, bool error, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* A filter set (on) or cleared: "filter on NAME: N readouts, M positions
 * match", and how many filters are on in all when that is more than the
 * one named ("2 filters on", "1 filter still on"; with the speakers' mode
 * when two or more are chosen): the one message of every way of setting
 * one. */
void app_say_filter(struct app *a, bool on, const char *name);
/* The readouts the load skipped and the paths it could not read, those
 * there are of the two ("2 readouts skipped, 1 path unreadable"; brief:
 * "2 skipped, 1 unreadable"; "" with neither), in buf. */
const char *app_unread(const struct app *a, char *buf, size_t size, bool brief);
/* "N readouts, M positions": what the filters let through (with none,
 * every position of the corpus: n_plist is then the open readout's), in
 * buf. */
const char *app_matched(const struct app *a, char *buf, size_t size);
/* A passing message (progress): shown, not kept. */
void app_status(struct app *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* A problem that is not the corpus's (config, theme, journal, saving,
 * reloading): listed under E with the load problems. */
void app_note(struct app *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* After the filter changed: the lists again. */
void app_refilter(struct app *a);
/* Opens readout ri in the reader, on position pos (-1: the first that
 * matches the filters, else the first). */
void app_open_readout(struct app *a, size_t ri, long pos);
/* Readout ri's text (corpus_text).  When it cannot be read back (its file
 * changed on disk), a stand-in of the same length in bytes - the reason,
 * then spaces - so that spans still fall on characters, the same buffer
 * while it stands for the same readout; the file is then marked for R to
 * reload. */
const char *app_text(struct app *a, size_t ri);
/* The label of a readout's entity, as that readout writes it. */
const char *app_label(const struct app *a, enum entity_kind k, size_t ri, uint32_t local);
/* Editing starts on the app's corpus, now complete. */
void app_start_editing(struct app *a);
/* May readout ri be changed (not read-only, its file writable and as
 * loaded)?  Takes its snapshot and starts an undo group; false with a
 * message.  The one guard before every change. */
bool app_may_edit(struct app *a, size_t ri);
/* Is byte b of the open readout in the text being selected (visual.c)? */
static inline bool app_selecting(const struct app *a, size_t b)
{
	return a->vis && b >= a->vis_s && b < a->vis_e;
}
/* More readouts arrived while loading: the lists show them in place. */
void app_corpus_grew(struct app *a);
void app_free(struct app *a);

/* bars.c: the whole screen for the current view, not yet refreshed. */
void app_draw(struct app *a);

/* count.c: a number typed before a key (5j, 3], 4G) */
/* Takes a digit of a count (or Esc, which forgets one); false when key is
 * neither. */
bool count_key(struct app *a, int key);
/* Runs act, as many times as the count says for a movement or a jump (G
 * and g with a count: that line or entry), and forgets the count. */
void count_run(struct app *a, enum action act);

/* mouse.c: a mouse event at row y, column x of the screen, with ncurses'
 * button state. */
void mouse_event(struct app *a, int y, int x, unsigned long bstate);

/* global.c: an action no view took. */
void global_action(struct app *a, enum action act);
/* view_reader.c: the search in force is text ("" clears it, and F's list
 * of hits with it); the reader goes to its first hit. */
void app_set_search(struct app *a, const char *text);

/* list.c */
/* Move a list cursor for a movement action; false when act is not one. */
bool list_move(size_t *sel, size_t *top, size_t n, int height, enum action act);
/* Keep sel visible in a list of the given height. */
void list_scroll(size_t sel, size_t *top, size_t n, int height);
/* The same after a jump (a search): sel a third of the way down when it
 * was out of sight, so what follows it shows too. */
void list_reveal(size_t sel, size_t *top, size_t n, int height);

/* view_reader.c */
void reader_prepare(struct app *a);  /* wrap and lists for the current size */
/* Byte b's column on the line below (above) it, or the line's end (start)
 * at the text's last (first) line. */
size_t reader_line_below(struct app *a, size_t b, bool down);
void reader_select(struct app *a, long pos, bool scroll_text);
/* The open readout back at place w (its line, top and position), when w
 * is set and is the open readout's. */
void reader_put_back(struct app *a, const struct place *w);
void reader_rebuild_list(struct app *a);
void reader_goto_byte(struct app *a, size_t b); /* cursor to the line holding byte b */
void reader_step_match(struct app *a, bool forward); /* next/previous row of the positions pane */
/* The incremental search (/ as it is typed): the first hit at or after
 * the cursor line, else the first of the readout; false when it has none. */
bool reader_search_step(struct app *a, bool forward, bool from_cursor);
/* n, N: count hits on (back) from the cursor - strictly after (before) its
 * line, or the hit it is on - then through the next (previous) readouts of
 * the navigator, or through F's list while there is one; edge: from the
 * start (end) of the open readout instead.  A count stops where the search
 * wraps (one message).  False when there is no hit anywhere. */
bool reader_search_next(struct app *a, bool forward, unsigned long count, bool edge);
/* F's list kept for n and N (hits[1..n) of its lines), or none. */
void reader_keep_hits(struct app *a, const struct hit *hits, size_t n);

/* review.c: the actions that change readouts, save and quit */
bool review_action(struct app *a, enum action act);
bool review_confirm_quit(struct app *a);      /* false: stay */
void review_offer_recovery(struct app *a);

/* Drafts the positions of readout ri, which has none, with the extractor
 * (d): pending, by extract, undone with u, saved with w. */
void review_draft(struct app *a, size_t ri);

/* visual.c: selecting text for a new position or a new span */
void visual_run(struct app *a, long pos);

/* view_info.c: what the open (or selected) readout holds */
void info_open(struct app *a);

/* view_compare.c: two accounts of one meeting side by side (C), and the
 * other account of a readout opened in the reader (=) */
void compare_open(struct app *a);
/* Readouts ri and rj side by side, whatever they are (--compare). */
void compare_open_pair(struct app *a, size_t ri, size_t rj);
void compare_counterpart(struct app *a);

/* view_timeline.c: the filtered speaker's positions over time (H) */
void timeline_open(struct app *a);

/* view_lines.c */
void lines_open(struct app *a, enum lines_kind kind);
void lines_open_hits(struct app *a, const char *query);

/* picker.c: a list to choose from, narrowed by typing: an item is kept
 * when the typed text fits one of its names (names.h: label, id, `also`,
 * and with a facet every label and alias the corpus gives it), the best
 * fits first.  PICK_MULTI: Tab toggles rows, Enter accepts; PICK_CREATE: a
 * "+ new" row for typed text that names nothing; PICK_FREE: Enter on no
 * match returns the typed text. */
struct pick_item {
	const char *label, *id, *also;
	const struct facet *facet;  /* its names, when it is an entity of the corpus */
	char extra[48];
	bool on;
};
enum { PICK_MULTI = 1, PICK_CREATE = 2, PICK_FREE = 4 };
enum { PICK_CANCEL = -1, PICK_NEW = -2, PICK_DONE = -3 };
long pick_run(struct app *a, const char *title, struct pick_item *items, size_t n, unsigned flags,
              char *typed, size_t typed_size);
/* Choosing entities of kind k for readout ri: the readout's own first, then
 * the rest of the corpus's (so a topic the corpus knows is not made again),
 * or a new one typed.  With multi, the rows of cur (local indexes) start
 * on.  Once chosen, and if may_change(a, ri) allows, the corpus's and new
 * ones join the readout (edit_add_entity, edit_new_entity).  Returns the
 * count of the chosen local indexes put in *out (malloc'd), -1 when
 * cancelled, -2 when not allowed; *made counts the entities the readout
 * gained. */
long pick_entities(struct app *a, size_t ri, enum entity_kind k, bool multi, const char *title, const uint32_t *cur,
                   size_t n_cur, bool (*may_change)(struct app *, size_t), uint32_t **out, size_t *made);

/* picker.c */
void picker_run(struct app *a, enum entity_kind kind);

/* metafilter.c: the filters of what readouts are (language, kind, dates)
 * and how chosen speakers combine. */
void metafilter_pick_lang(struct app *a);
void metafilter_pick_kind(struct app *a);
void metafilter_dates(struct app *a);
void metafilter_toggle_together(struct app *a);
/* A line editor on the status line for a search; returns false when
 * cancelled.  on_change is called after every edit (incremental search);
 * Up and Down recall the searches (a->searches). */
bool prompt_run(struct app *a, const char *label, char *buf, size_t size,
                void (*on_change)(struct app *, const char *));

/* lineedit.c: the status line's input: the line editor; lineedit_key edits buf for one key and
 * returns 1 edited, 0 not an editing key, -1 cancel, 2 done, 3 an earlier
 * line (Up), 4 a later one (Down). */
int lineedit_key(char *buf, size_t size, size_t *cur, int key);
bool lineedit_run(struct app *a, const char *label, char *buf, size_t size,
                  void (*on_change)(struct app *, const char *));
/* The same with Up and Down going through the searches of hist. */
bool lineedit_run_recall(struct app *a, const char *label, char *buf, size_t size,
                         void (*on_change)(struct app *, const char *), const struct searchhist *hist);
/* A one-key question on the status line; returns the key. */
int ask_key(struct app *a, const char *question);

/* draw.c */
int draw_text(int y, int x, int w, const char *s, size_t n, attr_t attr);
void draw_fill(int y, int x, int w, attr_t attr);
int draw_str(int y, int x, int w, const char *s, attr_t attr);
/* A column of `width` display columns (at most w): s cut or padded with
 * spaces by display width, never by bytes; returns the columns taken. */
int draw_column(int y, int x, int w, const char *s, int width, attr_t attr);
int draw_textf(int y, int x, int w, attr_t attr, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* text on the last rows of the screen, wrapped to its width, with attr:
 * the status line and as many rows above it as it needs (a third of the
 * screen at most, the rest cut with "~"); returns the row it starts on and
 * puts the end of the text at *ey, *ex (for a cursor after a question). */
int draw_bottom(struct app *a, const char *text, attr_t attr, int *ey, int *ex);
/* The colour of speaker `local` of readout ri (facets_speaker_slot). */
enum theme_el speaker_el(const struct app *a, size_t ri, uint32_t local);

#endif
