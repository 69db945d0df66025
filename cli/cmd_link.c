/* cmd_link.c - `parley link`: writes one `event` into the accounts of one
 * meeting, so that parley shows them as one event's and compares them.
 * The event id is the one an account has, or one made from the date and
 * the parties (compare.h); each file is saved as the browser saves it
 * (save.h: atomic, every other key and byte kept, a conflict if the file
 * changed). */
#include "commands.h"
#include "compare.h"
#include "corpus.h"
#include "diag.h"
#include "output.h"
#include "sanitize.h"
#include "save.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void)
{
	printf("Usage: %s link [OPTION]... PATH...\n"
	       "Write one event into the readouts of PATH (two or more accounts of one meeting,\n"
	       "in their files), so that parley groups and compares them.  The event is the one\n"
	       "an account already has, else one made from the date and the two parties.\n\n"
	       "Options:\n"
	       "  -e, --event=ID   write this event (also over another one)\n"
	       "  -n, --dry-run    say what would be written, write nothing\n"
	       "%s"
	       "  -h, --help       display this help and exit\n\n"
	       "Exit status: 0 when every account holds the event, 1 when the accounts are\n"
	       "tied to different events (give --event) or a file could not be saved, 2 on a\n"
	       "usage error or a path that cannot be read.\n",
	       progname, max_file_size_help);
}

int cmd_link(int argc, char **argv)
{
	static const struct option opts[] = { { "event", required_argument, NULL, 'e' },
		                               { "dry-run", no_argument, NULL, 'n' },
		                               { "max-file-size", required_argument, NULL, 'S' },
		                               { "help", no_argument, NULL, 'h' },
		                               { NULL, 0, NULL, 0 } };
	const char *event = NULL, *max_size = NULL;
	bool dry = false;
	int ch;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":e:nh", opts)) != -1) {
		switch (ch) {
		case 'e':
			if (!id_is_valid(optarg, strlen(optarg)))
				return usage_error("link", "'%s' is not a valid id", optarg);
			event = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'S':
			max_size = optarg;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("link", ch, argv);
		}
	}
	if (optind >= argc)
		return usage_error("link", "no readouts given");
	if (max_file_size_setup("link", max_size))
		return 2;
	struct corpus c;
	corpus_init(&c);
	struct corpus_opts co = { .use_cache = false };
	corpus_load(&c, argv + optind, (size_t)(argc - optind), &co);
	out_diags(&c.diags);
	if (c.n_io_errors) {
		corpus_free(&c);
		return 2;
	}
	if (c.n_readouts < 2) {
		fprintf(stderr, "%s: link: %zu readout%s given: an event ties two accounts or more\n", progname,
		        c.n_readouts, c.n_readouts == 1 ? "" : "s");
		corpus_free(&c);
		return 2;
	}
	char id[256];
	if (event) {
		snprintf(id, sizeof(id), "%s", event);
	} else {
		/* the accounts' own events must agree */
		const char *have = NULL;
		for (size_t i = 0; i < c.n_readouts; i++) {
			const char *e = c.readouts[i].event;
			if (e && have && strcmp(e, have) != 0) {
				char *a = sanitize_dup(have, strlen(have), 0), *b = sanitize_dup(e, strlen(e), 0);
				fprintf(stderr, "%s: link: the accounts are tied to different events (%s, %s): give --event\n",
				        progname, a, b);
				free(a);
				free(b);
				corpus_free(&c);
				return 1;
			}
			have = e ? e : have;
		}
		if (!compare_event_id(&c.readouts[0], &c.readouts[1], id, sizeof(id))) {
			fprintf(stderr, "%s: link: the accounts have no date to make an event id from: give --event\n",
			        progname);
			corpus_free(&c);
			return 1;
		}
	}
	for (size_t i = 1; i < c.n_readouts; i++)
		out_note_unlikely("link", &c.readouts[0], &c.readouts[i]);
	struct saver s;
	saver_init(&s, &c);
	struct diags d = { 0 };
	int rc = 0;
	size_t todo = 0;
	for (size_t i = 0; i < c.n_readouts; i++) {
		struct readout *r = &c.readouts[i];
		char *rid = sanitize_dup(r->id, strlen(r->id), 0);
		char *path = sanitize_dup(c.files[r->file].path, strlen(c.files[r->file].path), 0);
		if (r->event && strcmp(r->event, id) == 0) {
			printf("%s (%s): has event %s\n", rid, path, id);
		} else if (dry) {
			printf("%s (%s): would get event %s\n", rid, path, id);
		} else if (!save_snapshot(&s, i, &d)) {
			rc = 1;
		} else {
			r->event = arena_strdup(&r->arena, id);
			printf("%s (%s): event %s\n", rid, path, id);
			todo++;
		}
		free(rid);
		free(path);
	}
	if (todo) {
		struct save_report rep;
		if (!save_all(&s, &rep, &d))
			rc = 1;

	}
	out_sync();
	diags_print_from(&d, stderr, true, progname);
	diags_free(&d);
	saver_free(&s);
	corpus_free(&c);
	return rc;
}
