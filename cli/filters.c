/* filters.c - the filter options and the load shared by query and
 * stats (see filters.h). */
#include "filters.h"
#include "commands.h"
#include "output.h"
#include "sanitize.h"
#include "userconf.h"
#include "test_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cli_filter_help[] =
	"Filters (a filter given twice matches either value):\n"
	"  -s, --speaker=WHO      a speaker: its id, a label or alias of any readout, or\n"
	"                         whole words of one (Lavrov, 习近平), else the start\n"
	"                         of its words (Lavr), else a part of one (avrov), case\n"
	"                         and accents ignored; a group's positions count for\n"
	"                         each member\n"
	"      --all-speakers     the speakers given together: readouts that declare\n"
	"                         every one (the positions of any of them there), not\n"
	"                         either\n"
	"  -t, --topic=WHAT       a topic, named the same way\n"
	"  -a, --agreement=WHAT   an agreement, named the same way\n"
	"      --stance=STANCE    support, oppose, propose, concern, affirm, neutral,\n"
	"                         or other (any other value, or none)\n"
	"      --review=STATE     pending, accepted or rejected\n"
	"      --since=DATE       readouts dated DATE or later (YYYY, YYYY-MM or\n"
	"                         YYYY-MM-DD; a readout dated 2021-07 is within\n"
	"                         --since 2021-07-10)\n"
	"      --until=DATE       readouts dated DATE or earlier (--until 2021 is the\n"
	"                         end of 2021)\n"
	"      --lang=LANG        readouts in LANG, a code (zh matches zh-Hans)\n"
	"      --kind=KIND        readouts of a kind: meeting, call, video-call, talks,\n"
	"                         multilateral, statement, other\n"
	"      --text=WORDS       positions whose text or summary has every word, in\n"
	"                         any order, case, accents and the punctuation around\n"
	"                         a word ignored (a word is found inside a longer one\n"
	"                         too: UN in une)\n"
	"      --event=ID         the accounts of one meeting: readouts with this event\n";

static unsigned parse_stance(const char *s)
{
	static const char *const other[] = { "other" };
	if (name_lookup_typed(other, 1, s) == 0)
		return 1u << STANCE_UNKNOWN;
	int k = name_lookup_typed(stance_names, STANCE_COUNT, s);
	return k < 0 ? 0 : 1u << k;
}

/* The last --since and --until given, as given (argv's), for what to say
 * of them (cli_load). */
static const char *since_arg = "", *until_arg = "";

int cli_filter(struct query *q, int ch, const char *arg, const char *cmd)
{
	switch (ch) {
	case 's':
	case 't':
	case 'a':
		switch (query_add_term(q, ch == 's' ? ENT_SPEAKER : ch == 't' ? ENT_TOPIC : ENT_AGREEMENT, arg)) {
		case QUERY_TERM_ADDED:
			return 1;
		case QUERY_TERM_BLANK:
			usage_error(cmd, "--%s needs a name or an id",
			            ch == 's' ? "speaker" : ch == 't' ? "topic" : "agreement");
			return -1;
		case QUERY_TERM_FULL:
			break;
		}
		usage_error(cmd, "too many --speaker, --topic and --agreement filters (at most %d)", QUERY_MAX_TERMS);
		return -1;
	case OPT_STANCE: {
		unsigned b = parse_stance(arg);
		if (!b) {
			usage_error(cmd, "invalid stance '%s' (support, oppose, propose, concern, affirm, neutral, other)", arg);
			return -1;
		}
		q->filter.stances |= b;
		return 1;
	}
	case OPT_REVIEW: {
		int k = name_lookup_typed(review_names, REVIEW_COUNT, arg);
		if (k < 0) {
			usage_error(cmd, "invalid review state '%s' (pending, accepted, rejected)", arg);
			return -1;
		}
		q->filter.reviews |= 1u << k;
		return 1;
	}
	case OPT_SINCE:
	case OPT_UNTIL:
		if (!filter_set_dates(&q->filter, ch == OPT_SINCE ? arg : NULL, ch == OPT_UNTIL ? arg : NULL)) {
			/* (a date filter_set_dates refuses is no date: date_why_not says why) */
			usage_error(cmd, "invalid date '%s' for --%s: %s", arg, ch == OPT_SINCE ? "since" : "until",
			            date_why_not(arg));
			return -1;
		}
		if (ch == OPT_SINCE)
			since_arg = arg;
		else
			until_arg = arg;
		return 1;
	case OPT_EVENT:
		if (!id_is_valid(arg, strlen(arg))) {
			usage_error(cmd, "invalid event id '%s' for --event", arg);
			return -1;
		}
		filter_add_event(&q->filter, arg);
		return 1;
	case OPT_LANG:
		if (!filter_add_lang(&q->filter, arg)) {
			usage_error(cmd, "invalid language '%s' for --lang (a BCP 47 tag of its code, such as fr, "
			            "ru, en or zh-Hans)", arg);
			return -1;
		}
		return 1;
	case OPT_KIND: {
		int k = name_lookup_typed(readout_kind_names, KIND_COUNT, arg);
		if (k < 0) {
			usage_error(cmd, "invalid kind '%s' (meeting, call, video-call, talks, multilateral, statement, other)",
			            arg);
			return -1;
		}
		q->filter.kinds |= 1u << k;
		return 1;
	}
	case OPT_ALL_SPEAKERS:
		q->filter.all_speakers = true;
		return 1;
	case OPT_TEXT:
		if (!filter_add_text(&q->filter, arg)) {
			usage_error(cmd, "--text needs at least one word");
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}

/* What the load did, for PARLEY_CACHE_TRACE (of each load a command makes). */
static void trace_load(const struct corpus *c, const struct query *q, const struct corpus_opts *o, int pass,
                       enum query_stream_end se)
{
	char segs[64] = "";
	if (c->cache_segs)
		snprintf(segs, sizeof(segs), ", %zu segments of changed files", c->cache_segs);
	fprintf(stderr, "%s: cache: %zu of %zu file%s from the cache%s%s\n", progname, c->cache_hits,
	        c->n_files, c->n_files == 1 ? "" : "s", segs, c->cache_written ? ", cache written" : "");
	/* (what the command holds: a count holds none; the rest it
	 * looked at and let go) */
	fprintf(stderr, "%s: kept: %zu readout%s, let go: %zu\n", progname, c->n_readouts,
	        c->n_readouts == 1 ? "" : "s", c->n_dropped + c->n_let_go);
	if (c->ids_known)
		fprintf(stderr, "%s: ids: all different, as the cache says (none looked up)\n", progname);
	bool streamed = q->stream && se == QUERY_STREAMED;
	if (q->stream && se == QUERY_AGAIN)
		fprintf(stderr, "%s: held: none, every readout let go%s, its names noted for a second load\n", progname,
		        c->names_only ? " unfiltered" : "");
	if (streamed && q->stream->restarted)
		fprintf(stderr, "%s: streamed: %zu readout%s printed as they came, none held; %zu taken before "
		        "the load started again, not printed twice\n", progname, q->stream->readouts,
		        q->stream->readouts == 1 ? "" : "s", q->stream->passed);
	else if (streamed)
		fprintf(stderr, "%s: streamed: %zu readout%s printed as they came, none held\n", progname,
		        q->stream->readouts, q->stream->readouts == 1 ? "" : "s");
	fprintf(stderr, "%s: skimmed: %zu readout%s left out unread, %zu judged from %s head%s opening alone\n",
	        progname, c->n_skimmed, c->n_skimmed == 1 ? "" : "s", c->n_judged_skimmed,
	        c->n_judged_skimmed == 1 ? "its" : "their", c->n_judged_skimmed == 1 ? "'s" : "s'");
	fprintf(stderr, "%s: pass: %d, the files %s\n", progname, pass + 1,
	        c->walk_taken ? "listed by the first" : "listed");
	if (o->names)
		fprintf(stderr, "%s: names: %s\n", progname,
		        c->names_used    ? "every readout's, from beside the cache"
		        : c->names_saved ? "noted, and saved beside the cache"
		                         : "not from the cache");
}

bool cli_load(const char *cmd, struct query *q, char *const *paths, size_t n, bool use_cache, bool lazy_texts,
              struct corpus *c, struct facets *fa)
{
	/* filters no corpus could match: a usage error (the bounds as the
	 * options left them: a later --until replaces an earlier) */
	size_t speakers = 0;
	for (size_t i = 0; i < q->n_terms; i++)
		speakers += q->terms[i].kind == ENT_SPEAKER;
	if (q->filter.all_speakers && !speakers) {
		/* (it was ignored) */
		usage_error(cmd, "--all-speakers needs the speakers (--speaker, twice or more): it keeps readouts that declare them all");
		return false;
	}
	if (filter_dates_empty(&q->filter)) {
		usage_error(cmd, "--since %s is after --until %s: no date is both", since_arg, until_arg);
		return false;
	}
	if (test_no_prefilter())
		q->prefilter = false; /* for tests: load every readout */
	char lang[12];
	userconf_lang(lang, sizeof(lang));
	/* (a second pass takes the first's list of files: corpus_opts.walk) */
	struct corpus_walk walk = { 0 };
	for (int pass = 0;; pass++) {
		corpus_init(c);
		/* A keep hook has the index cache read once, in order, its pages
		 * given back as it goes (the strings copied, the texts read back
		 * when wanted): what a command keeps is the annotations, not the
		 * cache, even with every readout kept.  Without filters and with
		 * the texts let go (lazy_texts, which a keep hook would look at),
		 * no hook is needed for that. */
		bool filtered = q->n_terms || !filter_is_empty(&q->filter);
		bool hook = filtered || !lazy_texts;
		/* a census (stats without filters): each readout counted as it
		 * comes and let go, none held */
		if (filtered || !q->prefilter)
			q->census = NULL;
		if (q->census) /* (what a census counts is every readout's) */
			q->stream = NULL;
		if (q->census)
			facets_init(&q->census->fa, lang);
		/* (a large .jsonl is read in blocks, what the filters leave
		 * out let go as it goes: corpus.h) */
		/* a count without names to resolve: each readout judged and
		 * counted as it comes (from the cache, where it is decoded), and
		 * let go; the memory is then that of a readout or a few */
		bool tally = query_tallies(q), judge = !q->names_pass && (q->filter.n_texts || tally);
		struct corpus_opts co = { .keep = hook ? query_keep : NULL, .look = hook ? query_look : NULL,
		                          .may_keep = judge ? query_may_keep : NULL,
		                          .may_have = judge ? query_may_have : NULL,
		                          .text_may_hold = judge ? query_text_may_hold : NULL,
		                          .text_may_have = judge ? query_text_may_have : NULL,
		                          .text_decides = filter_one_word_each(&q->filter),
		                          .judge = judge ? query_judge : NULL, .judged_for = &q->filter,
		                          .tally = tally ? query_tally : NULL, .skim = tally,
		                          .skim_kept = tally && !query_reads_heads(q),
		                          .names = hook && (q->n_terms || q->stream) && q->prefilter ? query_names : NULL,
		                          .noting_only = q->stream ? query_stream_noting : NULL,
		                          .restart = q->stream               ? query_stream_restart
		                                     : hook || q->census ? query_restart
		                                                         : NULL,
		                          .take = q->census   ? query_take
		                                  : q->stream ? query_stream_take
		                                              : NULL,
		                          .arg = q, .use_cache = use_cache,
		                          .lazy_texts = lazy_texts, .walk = &walk };
		if (q->stream) {
			memcpy(q->stream->lang, lang, sizeof(lang));
			q->stream->restarted = q->stream->any_taken = false;
			q->stream->passed = 0;
		}
		corpus_load(c, paths, n, &co);
		/* (positions handed on as they came, the readouts held, or let
		 * go while the names were noted for the next load) */
		enum query_stream_end se = q->stream ? query_stream_end(q, c) : QUERY_HELD;
		bool streamed = se == QUERY_STREAMED;
		if (q->stream)
			q->stream->streamed = streamed;
		facets_build(fa, c, lang);
		if (filtered) /* labels from every readout, not only those kept */
			query_labels(q, fa);
		char *err;
		enum query_resolved res = query_resolve(q, c, fa, &err);
		if (streamed && res == QUERY_RELOAD)
			res = QUERY_OK; /* (terms bound to ids: nothing was left out wrongly) */
		if (se == QUERY_AGAIN && res != QUERY_ERROR && pass < 2) {
			/* none held: again, from the cache and the names table
			 * this load saved, printing as the readouts come */
			if (test_cache_trace())
				trace_load(c, q, &co, pass, se);
			facets_free(fa);
			corpus_free(c);
			query_forget(q);
			memory_give_back();
			continue;
		}
		if ((res == QUERY_RELOAD || res == QUERY_NAMES) && pass < 2) {
			/* a name matched late: load again with the ids it resolved
			 * to; a name that fits nothing or two: load again noting
			 * every readout's names, holding none, for what to say */
			facets_free(fa);
			corpus_free(c);
			if (res == QUERY_RELOAD)
				query_rebind(q);
			else
				query_note_names(q);
			memory_give_back();
			continue;
		}
		if (res == QUERY_NAMES || (q->names_pass && res != QUERY_ERROR)) {
			/* (the files changed from one load to the next: a load
			 * that notes names holds no readout, and is never the
			 * answer) */
			free(err);
			res = QUERY_ERROR;
			err = xstrdup("the files changed while they were read; run the command again");
		}
		fflush(stdout);
		out_diags(&c->diags);
		if (test_cache_trace())
			trace_load(c, q, &co, pass, se);
		if (res == QUERY_ERROR) {
			char *s = sanitize_dup(err, strlen(err), 0);
			fprintf(stderr, "%s: %s: %s\n", progname, cmd, s);
			free(s);
			free(err);
			facets_free(fa);
			corpus_free(c);
			corpus_walk_free(&walk);
			return false;
		}
		corpus_walk_free(&walk);
		return true;
	}
}
