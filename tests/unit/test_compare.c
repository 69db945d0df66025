/* test_compare.c - two accounts of one meeting (compare.h): their
 * positions paired by topic and agreement, the same speaker first, what
 * only one reports, the stances of pairs; accounts in two languages and an
 * unannotated one; which readouts are counterparts (an event, or the same
 * date and parties) and the event id made for two. */
#include "tap.h"
#include "compare.h"
#include "corpus.h"

#include <stdio.h>
#include <string.h>

/* A: Chinese account (zh), B: Russian account (ru) of one call: the same
 * ids for the people, topics and the treaty, labels in each language. */
static const char jl[] =
	"{\"format\":\"parley/1\",\"id\":\"a\",\"date\":\"2021-06-28\",\"lang\":\"zh\",\"event\":\"ev\","
	"\"text\":\"0123456789012345678901234567890123456789\","
	"\"speakers\":[{\"id\":\"xi\",\"label\":\"习近平\",\"country\":\"CN\"},"
	"{\"id\":\"putin\",\"label\":\"普京\",\"country\":\"RU\"},"
	"{\"id\":\"both\",\"label\":\"双方\",\"members\":[\"xi\",\"putin\"]}],"
	"\"topics\":[{\"id\":\"covid\",\"label\":\"新冠\"},{\"id\":\"trade\",\"label\":\"贸易\"},"
	"{\"id\":\"taiwan\",\"label\":\"台湾\"}],"
	"\"agreements\":[{\"id\":\"treaty-2001\",\"label\":\"条约\"}],"
	"\"positions\":["
	"{\"id\":\"a1\",\"speaker\":\"xi\",\"start\":0,\"end\":5,\"topics\":[\"covid\"],\"stance\":\"support\"},"
	"{\"id\":\"a2\",\"speaker\":\"putin\",\"start\":5,\"end\":10,\"topics\":[\"covid\"],\"stance\":\"support\"},"
	"{\"id\":\"a3\",\"speaker\":\"xi\",\"start\":10,\"end\":15,\"topics\":[\"taiwan\"],\"stance\":\"oppose\"},"
	"{\"id\":\"a4\",\"speaker\":\"both\",\"start\":15,\"end\":20,\"agreements\":[\"treaty-2001\"],\"stance\":\"affirm\"},"
	"{\"id\":\"a5\",\"speaker\":\"xi\",\"start\":20,\"end\":25,\"topics\":[\"trade\"],\"stance\":\"propose\"},"
	"{\"id\":\"a6\",\"speaker\":\"putin\",\"start\":25,\"end\":30,\"review\":\"rejected\",\"topics\":[\"trade\"]}]}\n"
	"{\"format\":\"parley/1\",\"id\":\"b\",\"date\":\"2021-06-28\",\"lang\":\"ru\",\"event\":\"ev\","
	"\"text\":\"0123456789012345678901234567890123456789\","
	"\"speakers\":[{\"id\":\"putin\",\"label\":\"Путин\",\"country\":\"RU\"},"
	"{\"id\":\"si\",\"label\":\"Си Цзиньпин\",\"country\":\"CN\"},"
	"{\"id\":\"sides\",\"label\":\"стороны\",\"members\":[\"putin\",\"si\"]}],"
	"\"topics\":[{\"id\":\"covid\",\"label\":\"коронавирус\"},{\"id\":\"trade\",\"label\":\"торговля\"},"
	"{\"id\":\"afghanistan\",\"label\":\"Афганистан\"}],"
	"\"agreements\":[{\"id\":\"treaty-2001\",\"label\":\"Договор\"}],"
	"\"positions\":["
	"{\"id\":\"b1\",\"speaker\":\"putin\",\"start\":0,\"end\":5,\"topics\":[\"covid\"],\"stance\":\"concern\"},"
	"{\"id\":\"b2\",\"speaker\":\"sides\",\"start\":5,\"end\":10,\"agreements\":[\"treaty-2001\"],\"stance\":\"affirm\"},"
	"{\"id\":\"b3\",\"speaker\":\"putin\",\"start\":10,\"end\":15,\"topics\":[\"afghanistan\"]},"
	"{\"id\":\"b4\",\"speaker\":\"si\",\"start\":15,\"end\":20,\"topics\":[\"trade\"],\"stance\":\"support\"},"
	"{\"id\":\"b5\",\"speaker\":\"si\",\"start\":20,\"end\":25}]}\n"
	/* c: no event, same date and parties: a likely account */
	"{\"format\":\"parley/1\",\"id\":\"c\",\"date\":\"2021-06-28\",\"text\":\"x\","
	"\"speakers\":[{\"id\":\"vladimir-putin\",\"label\":\"Putin\",\"country\":\"RU\"},"
	"{\"id\":\"xi-jinping\",\"label\":\"Xi\",\"country\":\"CN\"}]}\n"
	/* d: same date, other parties; e: the parties, another day */
	"{\"format\":\"parley/1\",\"id\":\"d\",\"date\":\"2021-06-28\",\"text\":\"x\","
	"\"speakers\":[{\"id\":\"blinken\",\"label\":\"Blinken\",\"country\":\"US\"},"
	"{\"id\":\"xi-jinping\",\"label\":\"Xi\",\"country\":\"CN\"}]}\n"
	"{\"format\":\"parley/1\",\"id\":\"e\",\"date\":\"2021-06-29\",\"text\":\"x\","
	"\"speakers\":[{\"id\":\"vladimir-putin\",\"label\":\"Putin\",\"country\":\"RU\"},"
	"{\"id\":\"xi-jinping\",\"label\":\"Xi\",\"country\":\"CN\"}]}\n";

static const struct cmp_row *row_of(const struct comparison *c, const char *key, long a, long b)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->rows[i].key_id, key) == 0 && c->rows[i].a == a && c->rows[i].b == b)
			return &c->rows[i];
	return NULL;
}

static bool only_b3(void *arg, int side, size_t pi)
{
	(void)arg;
	return side == 0 || pi == 2;
}

int main(void)
{
	struct corpus c;
	corpus_init(&c);
	corpus_add_buffer(&c, "t.jsonl", jl, strlen(jl), true);
	is_int(c.n_readouts, 5, "five readouts load");
	const struct readout *a = &c.readouts[0], *b = &c.readouts[1];

	struct comparison cmp;
	compare_readouts(a, b, NULL, NULL, &cmp);
	/* covid: A has xi (a1) and putin (a2), B has putin (b1): the same
	 * speaker pairs first, across languages and ids of one country */
	const struct cmp_row *w = row_of(&cmp, "covid", 1, 0);
	ok(w && w->kind == CMP_PAIRED && w->same_speaker, "a topic on both sides pairs the same speaker first (Путин with 普京)");
	ok(w && w->stance == CMP_STANCE_DIFFER, "and says their stances differ (support, concern)");
	w = row_of(&cmp, "covid", 0, -1);
	ok(w && w->kind == CMP_ONLY_A, "the other covid position of A is only in A");
	/* taiwan only in A, afghanistan only in B */
	w = row_of(&cmp, "taiwan", 2, -1);
	ok(w && w->kind == CMP_ONLY_A, "a topic on one side only: only in A");
	w = row_of(&cmp, "afghanistan", -1, 2);
	ok(w && w->kind == CMP_ONLY_B, "and only in B");
	/* the treaty: both sides' groups (two people each, matched by
	 * country) */
	w = row_of(&cmp, "treaty-2001", 3, 1);
	ok(w && w->kind == CMP_PAIRED && w->same_speaker && w->stance == CMP_STANCE_AGREE,
	   "a shared agreement pairs the two groups (\"双方\", \"стороны\") as the same people, stances agree");
	/* trade: xi (A, propose) and si (B, support): the same person by
	 * country though ids differ; the rejected a6 takes no part */
	w = row_of(&cmp, "trade", 4, 3);
	ok(w && w->kind == CMP_PAIRED && w->same_speaker, "a person with another id but the same country pairs as the same speaker");
	ok(!row_of(&cmp, "trade", 5, -1), "a rejected position takes no part");
	/* b5 has no topic: only in B, under "no topic" */
	w = row_of(&cmp, "", -1, 4);
	ok(w && w->kind == CMP_ONLY_B && w->key_kind == ENT_SPEAKER, "a position with no topic or agreement is listed apart");
	is_int(cmp.paired, 3, "three pairs");
	w = row_of(&cmp, "covid", 0, -1);
	ok(w && !w->elsewhere, "a position that pairs nowhere is not elsewhere");
	is_int(cmp.only_a, 2, "two only in A");
	is_int(cmp.only_b, 2, "two only in B");
	comparison_free(&cmp);

	/* a position on two topics: paired under one, only in B under the
	 * other, but counted once and marked as paired elsewhere */
	{
		static const char two[] =
			"{\"format\":\"parley/1\",\"id\":\"x\",\"text\":\"0123456789\",\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],"
			"\"topics\":[{\"id\":\"t1\",\"label\":\"T1\"}],"
			"\"positions\":[{\"id\":\"p\",\"speaker\":\"s\",\"start\":0,\"end\":5,\"topics\":[\"t1\"]}]}\n"
			"{\"format\":\"parley/1\",\"id\":\"y\",\"text\":\"0123456789\",\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],"
			"\"topics\":[{\"id\":\"t1\",\"label\":\"T1\"},{\"id\":\"t2\",\"label\":\"T2\"}],"
			"\"positions\":[{\"id\":\"q\",\"speaker\":\"s\",\"start\":0,\"end\":5,\"topics\":[\"t1\",\"t2\"]}]}\n";
		struct corpus k;
		corpus_init(&k);
		corpus_add_buffer(&k, "two.jsonl", two, strlen(two), true);
		compare_readouts(&k.readouts[0], &k.readouts[1], NULL, NULL, &cmp);
		w = row_of(&cmp, "t2", -1, 0);
		ok(w && w->kind == CMP_ONLY_B && w->elsewhere, "a position on two topics, paired under one, is only in B under the other, marked as paired elsewhere");
		ok(cmp.paired == 1 && cmp.only_b == 0, "and is counted once, as paired");
		comparison_free(&cmp);
		corpus_free(&k);
	}

	/* different speakers on one topic pair after the same ones */
	compare_readouts(b, a, NULL, NULL, &cmp);
	w = row_of(&cmp, "covid", 0, 1);
	ok(w && w->same_speaker, "the other way round: B's Putin pairs with A's Putin");
	comparison_free(&cmp);

	/* a filter: only b3 of B */
	compare_readouts(a, b, only_b3, NULL, &cmp);
	is_int(cmp.paired, 0, "a filter leaves B only b3: nothing pairs");
	is_int(cmp.only_b, 1, "and b3 is only in B");
	comparison_free(&cmp);

	/* an unannotated account: everything of the other is only there */
	compare_readouts(a, &c.readouts[2], NULL, NULL, &cmp);
	is_int(cmp.paired, 0, "an account with no positions pairs nothing");
	is_int(cmp.only_a, 5, "and every position of the other is only in it");
	comparison_free(&cmp);

	/* counterparts */
	struct counterpart cp[8];
	size_t n = compare_counterparts(c.readouts, c.n_readouts, 0, cp, 8);
	is_int(n, 2, "a has two counterparts");
	ok(n >= 2 && cp[0].ri == 1 && !cp[0].guess, "b, by the event, first");
	ok(n >= 2 && cp[1].ri == 2 && cp[1].guess, "c, of the same date and parties, as a guess");
	ok(!compare_likely(&c.readouts[2], &c.readouts[3]), "the same date with other parties is not one meeting");
	ok(!compare_likely(&c.readouts[2], &c.readouts[4]), "the same parties another day is not one meeting");
	struct event_index ev;
	event_index_build(&ev, c.readouts, c.n_readouts);
	ok(event_index_shared(&ev, 0) == 2 && event_index_shared(&ev, 1) == 2 && event_index_shared(&ev, 2) == 0,
	   "two readouts share the event");
	ok(event_index_likely(&ev, 0) == 1 && event_index_likely(&ev, 2) == 2 && event_index_likely(&ev, 3) == 0
	       && event_index_likely(&ev, 4) == 0,
	   "and the guesses are counted per readout");
	ok(event_index_likely(&ev, 2) == 2, "asked again, the same (kept)");
	event_index_free(&ev);

	char id[256];
	ok(compare_event_id(&c.readouts[2], &c.readouts[4], id, sizeof(id)), "an event id is made for two accounts");
	is_str(id, "2021-06-28-vladimir-putin-xi-jinping", "from the date and the parties both name, in order");
	ok(compare_event_id(&c.readouts[2], a, id, sizeof(id)), "one with an event");
	is_str(id, "ev", "gives its own");
	corpus_free(&c);
	return tap_done();
}
