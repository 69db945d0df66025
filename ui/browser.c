/* browser.c - `parley [OPTION]... [PATH]...`: the ncurses browser.
 *
 * cmd_browse reads the options, the config and the theme, finds the paths
 * (the installed samples when none is given), starts the journal, makes
 * sure of a UTF-8 locale, sets up the terminal and the signals, starts the
 * loader, and runs one loop: draw the current view (bars.c), read a key
 * (a mouse event goes to mouse.c, a digit of a count to count.c), look up
 * its action in the key map, and let the view take it, else the review
 * keys (review.c), else the actions every view shares (global.c).
 * Signals that leave only set a flag (keys.h); the terminal is given back
 * on every way out, crashes included (tty.h).  When standard output is not a
 * terminal, or the terminal cannot address the cursor (TERM=dumb), the
 * readouts are listed as plain text instead.
 */
#include "config.h"
#include "app.h"
#include "cache.h"
#include "commands.h"
#include "datadir.h"
#include "dynload.h"
#include "fileio.h"
#include "loader.h"
#include "output.h"
#include "sanitize.h"
#include "settings.h"
#include "test_hooks.h"
#include "tty.h"
#include "view.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool open_compare; /* --compare: the first two readouts side by side once loaded */

const char browse_options_help[] =
	"  -t, --theme=NAME|PATH  colour theme: default, light, high-contrast, mono,\n"
	"                         or a theme file\n"
	"      --no-color         no colours, attributes only (as NO_COLOR=1)\n"
	"      --read-only        browse only: no key changes a readout\n"
	"      --compare          open the first two readouts side by side (two\n"
	"                         accounts of one meeting: A.json B.json --compare)\n";

static void help(void)
{
	printf("Usage: %s [OPTION]... [PATH]...\n"
	       "Browse annotated readouts: PATH is a .json or .jsonl file or a directory.\n"
	       "With no PATH, the installed sample readouts are opened.\n\n"
	       "%s%s"
	       "  -h, --help             display this help and exit\n"
	       "  -V, --version          output version information and exit\n\n"
	       "Press ? in the browser for the keys.  See parley(1).\n",
	       progname, browse_options_help, max_file_size_help);
}

/* The keys of every table (actions.h) for the man page (fmt "man") or as
 * text: the actions, then the keys of each mode. */
static void dump_actions(const char *fmt)
{
	bool man = strcmp(fmt, "man") == 0;
	const struct {
		const struct action_info *v;
		int n;
	} tables[] = { { action_info, ACT_COUNT }, { select_info, SEL_COUNT }, { pick_info, PICKKEY_COUNT },
	               { line_info, LINE_COUNT } };
	const char *group = "";
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (int j = 1; j < tables[t].n; j++) {
			const struct action_info *ai = &tables[t].v[j];
			if (strcmp(group, ai->group) != 0) {
				group = ai->group;
				printf(man ? ".SS %s\n" : "\n%s\n", group);
			}
			if (man) {
				printf(".TP\n.B ");
				for (const char *k = ai->keys; *k; k++) {
					if (*k == ' ')
						fputs(", ", stdout);
					else if (*k == '\\' || *k == '-')
						printf("\\%c", *k);
					else
						putchar(*k);
				}
				if (t == 0)
					printf("\n%s (\\fI%s\\fR).\n", ai->help, ai->name);
				else
					printf("\n%s.\n", ai->help);
			} else {
				printf("  %-22s %-18s %s\n", ai->keys, t == 0 ? ai->name : "", ai->help);
			}
		}
}

static bool find_samples(char *buf, size_t size)
{
	const char *const *dirs = data_dirs();
	for (size_t i = 0; dirs[i]; i++) {
		struct stat st;
		snprintf(buf, size, "%s/samples", dirs[i]);
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
}

static void plain_listing(struct app *a, const char *why)
{
	if (why)
		fprintf(stderr, "%s: %s; listing the readouts instead of browsing\n", progname, why);
	for (size_t i = 0; i < a->corpus.n_readouts; i++) {
		const struct readout *r = &a->corpus.readouts[i];
		size_t done = 0;
		for (size_t p = 0; p < r->n_positions; p++)
			done += r->positions[p].review != REVIEW_PENDING;
		char line[1024];
		snprintf(line, sizeof(line), "%-10s  %-12s  %-40s  %zu/%zu reviewed  %s",
		         r->date ? r->date : "-", r->kind >= 0 ? readout_kind_names[r->kind] : "-", r->id,
		         done, r->n_positions, r->title ? r->title : "");
		char *safe = sanitize_dup(line, strlen(line), 0);
		puts(safe);
		free(safe);
	}
}

/* The paths given (--compare's order) */
static char **given;
static size_t n_given;

/* Which path given readout ri came from (its index; n_given: none). */
static size_t given_rank(const struct app *a, size_t ri)
{
	const struct corpus_file *f = &a->corpus.files[a->corpus.readouts[ri].file];
	const char *p = f->draft_of ? f->draft_of : f->path;
	for (size_t k = 0; k < n_given; k++) {
		size_t n = strlen(given[k]);
		if (strcmp(p, given[k]) == 0
		    || (n && strncmp(p, given[k], n) == 0 && (p[n] == '/' || given[k][n - 1] == '/')))
			return k;
	}
	return n_given;
}

/* --compare: the first two readouts in the order of the paths given (a
 * draft comes after the annotated readouts in the corpus: corpus_load),
 * then in corpus order. */
static void compare_first_two(struct app *a)
{
	size_t best[2] = { SIZE_MAX, SIZE_MAX }, rank[2] = { SIZE_MAX, SIZE_MAX };
	for (size_t ri = 0; ri < a->corpus.n_readouts; ri++) {
		size_t k = given_rank(a, ri);
		if (k < rank[0]) {
			best[1] = best[0], rank[1] = rank[0];
			best[0] = ri, rank[0] = k;
		} else if (k < rank[1]) {
			best[1] = ri, rank[1] = k;
		}
	}
	compare_open_pair(a, best[0], best[1]);
}

/* The whole corpus is here: what the user should know first. */
static void loaded(struct app *a)
{
	reader_rebuild_list(a);
	/* no index cache, and why (said again as parley ends): among the
	 * problems, so that E has it while parley runs */
	const char *ct = cache_trouble();
	if (ct)
		app_note(a, "no index cache: %s (each start reads every file again)", ct);
	if (a->opened)
		app_message(a, false, "%s", a->opened);
	else if (a->corpus.n_skipped || a->corpus.n_io_errors) {
		char what[96]; /* (what there is of the two: no "0 readouts skipped") */
		app_message(a, true, "%s: press E to see why", app_unread(a, what, sizeof(what), false));
	}
	else if (a->n_notes)
		app_message(a, true, "%s (E lists all)", a->notes[0]);
	else if (a->corpus.diags.count[DIAG_WARN])
		app_message(a, false, "every readout loaded, with %zu warning%s: press E to see them",
		            a->corpus.diags.count[DIAG_WARN], a->corpus.diags.count[DIAG_WARN] == 1 ? "" : "s");
	else if (!a->corpus.n_readouts)
		app_message(a, true, "no readouts found");
	else {
		/* drafts made from plain readouts: where they go, and what
		 * they hold */
		size_t drafts = 0, positions = 0;
		const char *one = NULL;
		for (size_t i = 0; i < a->corpus.n_files; i++)
			if (a->corpus.files[i].draft_json) {
				drafts++;
				one = a->corpus.files[i].path;
			}
		for (size_t ri = 0; drafts && ri < a->corpus.n_readouts; ri++)
			if (a->corpus.files[a->corpus.readouts[ri].file].draft_json)
				positions += a->corpus.readouts[ri].n_positions;
		char what[64];
		if (positions)
			snprintf(what, sizeof(what), "%zu position%s pending", positions, positions == 1 ? "" : "s");
		else
			snprintf(what, sizeof(what), "no position found (v selects text to make one)");
		if (drafts == 1)
			app_message(a, false, "1 readout drafted from a plain one, %s: w saves it as %s", what, one);
		else if (drafts)
			app_message(a, false, "%zu readouts drafted from plain ones, %s: w saves each as the .json beside its "
			            "text", drafts, what);
	}
	if (open_compare && a->corpus.n_readouts >= 2)
		compare_first_two(a);
	else if (open_compare)
		app_message(a, true, "--compare needs two readouts; %zu loaded", a->corpus.n_readouts);
	/* last: the answer to its question is what the status line says */
	if (!a->read_only)
		review_offer_recovery(a);
}

static enum colour_mode colour_mode(bool no_color)
{
	const char *nc = getenv("NO_COLOR");
	if (no_color || (nc && *nc) || !has_colors())
		return COLOUR_NONE;
	if (start_color() != OK)
		return COLOUR_NONE;
	use_default_colors();
	if (COLORS >= 256)
		return COLOUR_256;
	if (COLORS >= 16)
		return COLOUR_16;
	return COLOUR_8;
}

static void config_note(void *ctx, const char *msg)
{
	app_note(ctx, "%s", msg);
}

static void theme_note(void *ctx, const char *source, unsigned line, const char *msg)
{
	app_note(ctx, "%s:%u: %s", source, line, msg);
}

/* --- start-up, one step each ------------------------------------------------ */

struct options {
	const char *theme, *max_file_size;
	bool no_color, read_only, compare;
};

/* The options; false when parley should leave at once with *rc. */
static bool parse_options(int argc, char **argv, struct options *o, int *rc)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-colour", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "dump-actions", required_argument, NULL, 'D' },
		{ "dump-commands", required_argument, NULL, 'M' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "compare", no_argument, NULL, 'c' },
		{ "max-file-size", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	*rc = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":t:hV", opts)) != -1) {
		switch (ch) {
		case 't':
			o->theme = optarg;
			break;
		case 'C':
			o->no_color = true;
			break;
		case 'r':
			o->read_only = true;
			break;
		case 'c':
			o->compare = true;
			break;
		case 'S':
			o->max_file_size = optarg;
			break;
		case 'h':
			help();
			return false;
		case 'V': /* (after other options: parley --version alone is main's) */
			print_version();
			return false;
		case 'D':
			dump_actions(optarg);
			return false;
		case 'M':
			dump_commands(optarg);
			return false;
		default: /* ':' or '?' */
			*rc = option_error(NULL, ch, argv);
			return false;
		}
	}
	return true;
}

/* The config (keys, user, language, the size limit), then the theme;
 * false when a theme named on the command line cannot be loaded, or the
 * size limit given is not one. */
static bool read_settings(struct app *a, const struct options *o)
{
	keymap_defaults(&a->keys);
	static struct settings set;
	settings_load(&set, &a->keys, config_note, a);
	const struct userconf *cfg = &set.conf;
	char why[300];
	if (!file_limit_setup(o->max_file_size, cfg->max_file_size, why, sizeof(why))) {
		usage_error(NULL, "%s", why);
		return false;
	}
	a->mouse = !cfg->mouse_off;
	facets_user_lang(cfg->lang, a->lang, sizeof(a->lang));
	facets_init(&a->facets, a->lang);
	const char *user = cfg->user[0] ? cfg->user : getenv("USER");
	if (!user || !*user) {
		struct passwd *pw = getpwuid(getuid());
		user = pw ? pw->pw_name : "unknown";
	}
	snprintf(a->user, sizeof(a->user), "%s", user);

	char err[512];
	const char *tname = o->theme ? o->theme : cfg->theme[0] ? cfg->theme : "default";
	if (!theme_load(&a->theme, tname, theme_note, a, err, sizeof(err))) {
		if (o->theme) {
			fprintf(stderr, "%s: %s\n", progname, err);
			return false;
		}
		app_note(a, "%s:%u: set theme: %s", cfg->path, cfg->theme_line, err);
		theme_default(&a->theme);
	}
	for (size_t i = 0; i < set.n_colours; i++)
		a->theme.el[set.colours[i].el] = set.colours[i].spec;
	return true;
}

/* The paths to browse: those given, else the installed samples (false
 * when there are none). */
static bool find_paths(struct app *a, int argc, char **argv, char ***paths, size_t *n)
{
	static char samples[1100], opened[1200];
	static char *sp[1] = { samples };
	*paths = argv + optind;
	*n = (size_t)(argc - optind);
	if (optind < argc)
		return true;
	if (!find_samples(samples, sizeof(samples))) {
		fprintf(stderr, "%s: no PATH given and no installed samples found\n", progname);
		return false;
	}
	snprintf(opened, sizeof(opened), "no path given: showing the samples in %s", samples);
	a->opened = opened;
	*paths = sp;
	*n = 1;
	return true;
}

/* Data is UTF-8: a session with no locale (LANG unset over SSH) gets
 * C.UTF-8 for the character type, so non-ASCII text can be shown. */
static void ensure_utf8(struct app *a)
{
	const char *cs = nl_langinfo(CODESET);
	if (cs && strcmp(cs, "UTF-8") == 0)
		return;
	/* a UTF-8 locale named but not installed (fr_FR.UTF-8 on a server
	 * that has only C.UTF-8) works as well with C.UTF-8: said in the
	 * messages (M), not as a problem */
	const char *named = getenv("LC_ALL");
	if (!named || !*named)
		named = getenv("LC_CTYPE");
	if (!named || !*named)
		named = getenv("LANG");
	bool utf8_named = named && (strstr(named, "UTF-8") || strstr(named, "utf8") || strstr(named, "UTF8"));
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8")) {
		if (utf8_named)
			app_message(a, false, "the locale %s is not installed here; using C.UTF-8 for characters", named);
		else
			app_note(a, "the locale's character set was %s; using UTF-8 (set LANG to a UTF-8 locale)",
			         cs ? cs : "unknown");
	} else {
		app_note(a, "the locale's character set is %s, not UTF-8: non-ASCII text may not show", cs ? cs : "unknown");
	}
}

/* The terminal, set up for the browser; NULL with *why when there is none
 * to browse on ("" for a pipe). */
static SCREEN *open_terminal(struct app *a, bool no_color, char *why, size_t size)
{
	const char *term = getenv("TERM");
	SCREEN *scr = NULL;
	*why = '\0';
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		return NULL;
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		snprintf(why, size, "TERM is dumb (no cursor addressing)");
		return NULL;
	}
	term_save();
	if (!(scr = newterm(NULL, stdout, stdin))) {
		snprintf(why, size, "cannot use terminal type '%s'", term);
		return NULL;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	/* not on the Linux console: ncurses would load gpm's library there
	 * for the mouse (and keep what it allocates) */
	if (a->mouse && strncmp(term, "linux", 5) != 0) {
		/* clicks at once: no wait to tell a click from a double one */
		mousemask((mmask_t)mouse_wanted(), NULL);
		mouseinterval(0);
	}
	theme_apply(&a->theme, colour_mode(no_color));
	bkgdset(' ' | theme_attr(EL_NORMAL));
	curs_set(1);
	return scr;
}

/* How long a key is waited for: while loading, 15 ms, so that the screen
 * follows the loader, and not at all while readouts wait to be taken (a
 * batch at a time between keys); then as long as it takes. */
#define LOAD_TICK_MS 15
static void key_wait(const struct app *a, bool behind)
{
	keys_timeout(!a->loading ? -1 : behind ? 0 : LOAD_TICK_MS);
}

/* --- the loop ------------------------------------------------------------- */

/* The views take the readouts that arrived (VIEW_GREW) before each redraw
 * and each key, and after GREW_BATCHES of the loader's batches at most,
 * not after each: while catching up, most batches are never drawn, and a
 * list of the corpus so far is merged into once for several of them.  A
 * key then waits for the views' work for that many batches at most
 * (sorting and merging a few hundred readouts: well under a
 * millisecond). */
#define GREW_BATCHES 8

/* One key: a digit of a count (count.c), else its action, which the view
 * takes, else the review keys, else the actions every view shares. */
static void dispatch(struct app *a, int key)
{
	if (key == KEY_INVALID) {
		app_message(a, true, "ignored a byte typed or pasted that is not UTF-8");
		return;
	}
	if (key == KEY_UNKNOWN) {
		app_message(a, true, "ignored a key the terminal sent as a sequence parley does not know");
		return;
	}
	if (key == (KEY_FUNC | KEY_MOUSE)) {
		MEVENT ev;
		if (getmouse(&ev) == OK)
			mouse_event(a, ev.y, ev.x, (unsigned long)ev.bstate);
		return;
	}
	if (count_key(a, key))
		return;
	enum action act = keymap_lookup(&a->keys, key);
	if (act == ACT_NONE) {
		a->count = 0;
		char kn[16];
		app_message(a, true, "%s is not bound to anything; press ? for help", keyname_of(key, kn, sizeof(kn)));
		return;
	}
	count_run(a, act);
}

static void run(struct app *a, struct loader *l)
{
	bool replaying = false, idle = false, skip_draw = false, journal_told = false, key_loading = false;
	bool dirty = false; /* loading: something new not drawn yet */
	double key_started = 0, drawn_at = 0;
	size_t shown_done = 0;
	size_t unseen = 0; /* batches taken that the views have not (GREW_BATCHES) */
	if (test_replay_early()) { /* PARLEY_REPLAY_EARLY: from the first screen */
		keys_replay(test_replay_keys());
		replaying = keys_replaying();
	}
	while (!a->quit && !keys_signal) {
		/* a key just dispatched is drawn first: what the loader handed
		 * over meanwhile is taken on the next turn (a batch taken, and
		 * the views told, cost a large corpus's keys a few ms) */
		if (a->loading && key_started > 0) {
			skip_draw = false;
		} else if (a->loading) {
			bool finished;
			bool grew = loader_poll(l, a, &finished);
			bool behind = !finished && loader_behind(l);
			/* no key, nothing new: no redraw (the loader has the cores);
			 * while catching up a batch at a time, a redraw every
			 * LOAD_TICK_MS at most, as when waiting for keys */
			size_t done = __atomic_load_n(a->load_done, __ATOMIC_ACQUIRE);
			dirty = dirty || grew || done != shown_done;
			skip_draw = idle && (!dirty || (behind && bench_now() - drawn_at < LOAD_TICK_MS));
			unseen += grew;
			if (unseen && (finished || !skip_draw || unseen >= GREW_BATCHES)) {
				app_corpus_grew(a);
				unseen = 0;
			}
			key_wait(a, behind);
			if (finished) {
				bench_mark("loaded_ms");
				bench_batches();
				loaded(a);
				if (!replaying) { /* keys to replay once the corpus is here */
					keys_replay(test_replay_keys());
					replaying = keys_replaying();
					key_started = 0;
				}
				if (a->quit)
					break;
			}
		}
		double t0 = bench_now();
		if (!skip_draw || !a->loading) {
			size_t done = a->loading ? __atomic_load_n(a->load_done, __ATOMIC_ACQUIRE) : shown_done;
			app_draw(a);
			refresh();
			drawn_at = bench_now();
			dirty = false;
			shown_done = done;
		}
		skip_draw = false;
		if (replaying && key_started > 0)
			bench_key(t0 - key_started + (bench_now() - t0), key_loading);
		if (replaying && !keys_replaying()) {
			bench_latency();
			break;
		}
		int key = keys_read();
		key_started = key >= 0 ? bench_now() : 0;
		key_loading = a->loading;
		idle = key < 0;
		if (key < 0 || key == (KEY_FUNC | KEY_RESIZE))
			continue;
		a->msg[0] = '\0';
		a->keyno++;
		if (a->lay.too_small && key != 'q' && key != 'Q')
			continue;
		if (unseen) { /* the key acts on every readout taken */
			app_corpus_grew(a);
			unseen = 0;
		}
		dispatch(a, key);
		/* the journal written whole again: after a failure told, or
		 * its file removed */
		if (a->journal.rewritten) {
			if (a->journal.rewritten == JOURNAL_AFTER_FAILURE)
				app_message(a, false, "%s: the journal is written again, whole: edits are safe again",
				            a->journal.path);
			else
				app_message(a, false, "the journal's file was removed: written again, whole, as %s",
				            a->journal.path);
			app_note(a, "%s", a->msg);
			a->journal.rewritten = 0;
		}
		/* the first write that failed: the edits are not safe (told
		 * again after a save, which starts a new journal) */
		if (!a->journal.failed)
			journal_told = false;
		if (a->journal.failed && !journal_told) {
			journal_told = true;
			app_message(a, true, "cannot write the journal (%s): edits are not safe until saved: save soon (w)",
			            a->journal.fail_why);
			app_note(a, "%s", a->msg);
		}
	}
	if (replaying)
		bench_latency(); /* a replay that quit: the keys until then */
}

/* Leaving: the terminal restored, the loader stopped, what becomes of the
 * unsaved edits said; the exit status. */
static int leave(struct app *a, struct loader *l, SCREEN *scr)
{
	endwin();
	term_released();
	delscreen(scr);
	/* (said here: the screen is the terminal's again) */
	icu_say_missing(stderr, progname);
	cache_say_trouble(stderr, progname);
	/* the loader is told to stop, and not waited for long: it may be in
	 * the middle of a file that takes long to read */
	if (a->loading)
		loader_stop(l);
	/* the journal made sure of (written whole again, were its file
	 * removed or a write failed since the last edit) before it is named */
	if (save_pending(&a->saver) || keys_signal)
		journal_sync(&a->journal);
	if (keys_signal) {
		int rc = 128 + keys_signal;
		if (a->journal.records && a->journal.path && !a->journal.failed)
			fprintf(stderr, "%s: %s: your unsaved edits are in %s and will be offered at the next start\n",
			        progname, keys_signal == SIGHUP ? "hang-up" : keys_signal == SIGINT ? "interrupted" : "terminated",
			        a->journal.path);
		else if (a->journal.records && a->journal.failed)
			fprintf(stderr, "%s: unsaved edits may be lost: the journal cannot be written (%s)\n", progname,
			        a->journal.fail_why);
		/* every edit is already on disk in the journal: leave now, with
		 * nothing more to do on a terminal that may be gone (exit handlers
		 * such as a sanitizer's leak check can hang on it) */
		fflush(stderr);
		journal_free(&a->journal);
		_exit(rc);
	}
	if (a->loading) {
		/* quit while the corpus was loading: nothing can have been
		 * edited, and the loader's thread ends with the process */
		fflush(stdout);
		journal_free(&a->journal);
		_exit(0);
	}
	if (save_pending(&a->saver) && a->discarded) {
		; /* (d at the question: they go, as asked) */
	} else if (save_pending(&a->saver)) {
		if (a->journal.path && !a->journal.failed)
			fprintf(stderr, "%s: unsaved edits are kept in %s for the next start\n", progname, a->journal.path);
		else if (a->journal.path)
			fprintf(stderr, "%s: unsaved edits are kept in %s for the next start, but a write to it failed: the "
			        "latest may be missing\n", progname, a->journal.path);
		else
			fprintf(stderr, "%s: unsaved edits are lost: they could not be journaled\n", progname);
	} else if (!a->read_only && a->journal.path) {
		/* everything edited is saved or undone: nothing to offer next time */
		journal_clear(&a->journal);
	}
	return 0;
}

/* Is any of the n paths there and readable (what it holds, and whether
 * it is a file parley reads, is the load's to say)? */
static bool some_path_readable(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (access(paths[i], R_OK) == 0)
			return true;
	return false;
}

int cmd_browse(int argc, char **argv)
{
	static struct app app;
	static struct loader loader;
	struct app *a = &app;
	struct options o = { 0 };
	int rc;
	if (!parse_options(argc, argv, &o, &rc))
		return rc;
	open_compare = o.compare;
	bench_start();
	memset(a, 0, sizeof(*a));
	a->views = view_table;
	a->sel = -1;
	a->read_only = o.read_only;
	corpus_init(&a->corpus);
	char **paths;
	size_t npaths;
	if (!read_settings(a, &o) || !find_paths(a, argc, argv, &paths, &npaths)) {
		app_free(a);
		return 2;
	}
	given = paths;
	n_given = npaths;
	a->paths = paths;
	a->n_paths = npaths;
	journal_init(&a->journal, paths, npaths);
	if (a->journal.dirfd < 0 && !a->read_only)
		app_note(a, "edits are not journaled (they are lost if parley is killed before w): %s", a->journal.why);
	searchhist_load(&a->searches, a->journal.dirfd);
	ensure_utf8(a);

	char why[300] = "";
	/* no path given that is there and readable (a name mistyped, a file
	 * of another's): no browser opened on nothing, the load's own words
	 * said on the standard error, as less and the commands say it, and
	 * 2; one of several is said under E, the others browsed */
	bool none_there = !a->opened && !some_path_readable(paths, npaths);
	SCREEN *scr = none_there ? NULL : open_terminal(a, o.no_color, why, sizeof(why));
	if (!scr) {
		/* no screen to browse on: load here and list */
		loader_load_all(a, paths, npaths);
		out_diags(&a->corpus.diags);
		if (!none_there)
			plain_listing(a, *why ? why : NULL);
		/* (as the commands: 2 when a path could not be read, 1 when
		 * a readout was invalid) */
		rc = corpus_some_unread(&a->corpus) ? 2 : corpus_invalid(&a->corpus) ? 1 : 0;
		app_free(a);
		return rc;
	}
	/* from here on, every way out gives the terminal back */
	term_guard(&keys_signal);
	xalloc_on_failure(term_restore);
	a->view = VIEW_NAV;
	app_refilter(a);
	/* the first screen at once; the corpus loads on another thread (its
	 * files on both cores), each readout showing as soon as it is there */
	loader_start(&loader, a, paths, npaths);
	app_draw(a);
	refresh();
	bench_mark("first_screen_ms");
	key_wait(a, false);
	run(a, &loader);
	rc = leave(a, &loader, scr);
	app_free(a);
	return rc;
}
