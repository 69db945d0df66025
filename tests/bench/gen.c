/* gen.c - deterministic generator of synthetic parley/1 corpora for the
 * benchmark (tests/bench/run.sh).
 *
 *   gen N DIR                 write N readouts under DIR
 *   gen --positions N FILE    write one readout with N positions to FILE
 *
 * Readouts have a realistic shape: about 8 KB each, half of it text (3 to
 * 5 KB in English, French, Russian or Chinese, in paragraphs, with quotes to
 * escape), two to five speakers drawn from a shared pool of 300
 * (plus a group speaker "the two sides" in most), five to ten topics of 40,
 * up to three agreements of 60, a dozen positions with summaries, stances
 * and review states, and mentions.  Popular speakers and topics recur far
 * more than others (a skewed draw), as in real corpora.  Four readouts in
 * five are .json files under DIR/YYYY/ISSUER/, the rest go 50 to a .jsonl
 * file under DIR/YYYY/.  The same N always gives the same bytes (a fixed
 * seed, no clock, no locale).
 *
 * Speaker sp-0001 is "Karo Limadenko" (fr/en), "Каро Лимаденко" (ru),
 * "卡罗·里马登科" (zh); the benchmark filters on it and on topic "climate".
 *
 *   gen --big MB FILE   write one French readout whose text is MB megabytes
 *                       (its positions spread over it): a very long text
 *
 * With --positions, one very long readout instead (the save benchmark: a
 * readout of many positions): N English sentences, each a position with a
 * summary, a stance, a topic and a review state, in one .json file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	/* xorshift64* */
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* A skewed draw in [0, n): small values far more often. */
static unsigned skewed(unsigned n)
{
	unsigned a = below(n), b = below(n), c = below(n);
	unsigned m = a < b ? a : b;
	return m < c ? m : c;
}

/* --- a growing buffer --------------------------------------------------- */
struct buf {
	char *s;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			perror("gen");
			exit(1);
		}
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(b, tmp, (size_t)k < sizeof(tmp) ? (size_t)k : sizeof(tmp) - 1);
}

/* A JSON string literal. */
static void jstr(struct buf *b, const char *s)
{
	puts_(b, "\"");
	for (; *s; s++) {
		if (*s == '"')
			puts_(b, "\\\"");
		else if (*s == '\\')
			puts_(b, "\\\\");
		else if (*s == '\n')
			puts_(b, "\\n");
		else
			put(b, s, 1);
	}
	puts_(b, "\"");
}

static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* --- languages and vocabularies ----------------------------------------- */
enum { EN, FR, RU, ZH, NLANG };
static const char *const lang_tag[NLANG] = { "en", "fr", "ru", "zh-Hans" };
static const char *const issuers[] = { "CN", "RU", "FR", "US", "KZ", "IN", "DE", "BR" };

/* Syllables in Latin, Cyrillic and Chinese transcription. */
static const char *const syl[][3] = {
	{ "ka", "ка", "卡" }, { "ro", "ро", "罗" }, { "li", "ли", "里" }, { "ma", "ма", "马" },
	{ "den", "ден", "登" }, { "ko", "ко", "科" }, { "na", "на", "娜" }, { "to", "то", "托" },
	{ "mi", "ми", "米" }, { "sa", "са", "萨" }, { "va", "ва", "瓦" }, { "bor", "бор", "博" },
	{ "te", "те", "特" }, { "lu", "лу", "卢" }, { "fi", "фи", "菲" }, { "gor", "гор", "戈" },
	{ "zan", "зан", "赞" }, { "pe", "пе", "佩" }, { "dri", "дри", "德里" }, { "shen", "шен", "申" },
};
#define NSYL (sizeof(syl) / sizeof(syl[0]))

static const char *const topics[][NLANG + 1] = {
	{ "climate", "climate change", "changement climatique", "изменение климата", "气候变化" },
	{ "trade", "trade", "commerce", "торговля", "贸易" },
	{ "security", "regional security", "sécurité régionale", "региональная безопасность", "地区安全" },
	{ "energy", "energy cooperation", "coopération énergétique", "энергетическое сотрудничество", "能源合作" },
	{ "health", "public health", "santé publique", "здравоохранение", "公共卫生" },
	{ "terrorism", "counter-terrorism", "lutte antiterroriste", "борьба с терроризмом", "反恐" },
	{ "un", "the United Nations", "les Nations unies", "ООН", "联合国" },
	{ "connectivity", "connectivity", "connectivité", "взаимосвязанность", "互联互通" },
	{ "food", "food security", "sécurité alimentaire", "продовольственная безопасность", "粮食安全" },
	{ "arms-control", "arms control", "maîtrise des armements", "контроль над вооружениями", "军备控制" },
	{ "cyber", "cybersecurity", "cybersécurité", "кибербезопасность", "网络安全" },
	{ "education", "education", "éducation", "образование", "教育" },
	{ "culture", "cultural exchanges", "échanges culturels", "культурные обмены", "人文交流" },
	{ "finance", "financial cooperation", "coopération financière", "финансовое сотрудничество", "金融合作" },
	{ "space", "outer space", "espace extra-atmosphérique", "космическое пространство", "外空" },
	{ "arctic", "the Arctic", "l'Arctique", "Арктика", "北极" },
	{ "water", "water resources", "ressources en eau", "водные ресурсы", "水资源" },
	{ "migration", "migration", "migrations", "миграция", "移民" },
	{ "sanctions", "unilateral sanctions", "sanctions unilatérales", "односторонние санкции", "单边制裁" },
	{ "multilateralism", "multilateralism", "multilatéralisme", "многосторонность", "多边主义" },
	{ "tourism", "tourism", "tourisme", "туризм", "旅游" },
	{ "agriculture", "agriculture", "agriculture", "сельское хозяйство", "农业" },
	{ "transport", "transport corridors", "corridors de transport", "транспортные коридоры", "运输走廊" },
	{ "nuclear", "nuclear non-proliferation", "non-prolifération nucléaire", "ядерное нераспространение", "核不扩散" },
	{ "digital", "digital economy", "économie numérique", "цифровая экономика", "数字经济" },
	{ "science", "science and technology", "science et technologie", "наука и технологии", "科技" },
	{ "media", "media cooperation", "coopération dans les médias", "сотрудничество СМИ", "媒体合作" },
	{ "sport", "sport", "sport", "спорт", "体育" },
	{ "customs", "customs", "douanes", "таможня", "海关" },
	{ "investment", "investment", "investissement", "инвестиции", "投资" },
	{ "peacekeeping", "peacekeeping", "maintien de la paix", "миротворчество", "维和" },
	{ "disaster", "disaster relief", "secours en cas de catastrophe", "ликвидация последствий бедствий", "救灾" },
	{ "youth", "youth exchanges", "échanges de jeunes", "молодёжные обмены", "青年交流" },
	{ "judicial", "judicial cooperation", "coopération judiciaire", "правовое сотрудничество", "司法合作" },
	{ "oceans", "maritime affairs", "affaires maritimes", "морские дела", "海洋事务" },
	{ "biodiversity", "biodiversity", "biodiversité", "биоразнообразие", "生物多样性" },
	{ "vaccines", "vaccines", "vaccins", "вакцины", "疫苗" },
	{ "drugs", "drug trafficking", "trafic de drogue", "наркотрафик", "毒品贩运" },
	{ "labour", "labour mobility", "mobilité de la main-d'œuvre", "трудовая миграция", "劳务合作" },
	{ "standards", "technical standards", "normes techniques", "технические стандарты", "技术标准" },
};
#define NTOPIC (sizeof(topics) / sizeof(topics[0]))

/* Filler sentences: a subject slot (%S) and a topic slot (%T). */
static const char *const sent[NLANG][6] = {
	{ "%S said that %T remained a priority for both countries and called for closer coordination in the months ahead.",
	  "On %T, %S stressed that the parties should respect each other's core interests and settle differences through dialogue.",
	  "%S noted with satisfaction the progress achieved on %T since the last meeting of the intergovernmental commission.",
	  "The two sides exchanged views on %T and agreed to instruct the competent departments to prepare concrete proposals.",
	  "%S expressed concern about the situation regarding %T and warned against unilateral steps that could undermine trust.",
	  "%S proposed to hold consultations on %T at the level of deputy ministers before the end of the year." },
	{ "%S a déclaré que %T restait une priorité pour les deux pays et a appelé à une coordination plus étroite dans les mois à venir.",
	  "S'agissant de %T, %S a souligné que les parties devaient respecter leurs intérêts fondamentaux et régler leurs différends par le dialogue.",
	  "%S a noté avec satisfaction les progrès réalisés en matière de %T depuis la dernière réunion de la commission intergouvernementale.",
	  "Les deux parties ont procédé à un échange de vues sur %T et sont convenues de charger les services compétents de préparer des propositions concrètes.",
	  "%S s'est dit préoccupé par la situation concernant %T et a mis en garde contre des mesures unilatérales « susceptibles de saper la confiance ».",
	  "%S a proposé de tenir des consultations sur %T au niveau des vice-ministres avant la fin de l'année." },
	{ "%S заявил, что тема «%T» остаётся приоритетом для обеих стран, и призвал к более тесной координации в ближайшие месяцы.",
	  "Касаясь темы «%T», %S подчеркнул, что стороны должны уважать коренные интересы друг друга и решать разногласия путём диалога.",
	  "%S с удовлетворением отметил прогресс, достигнутый в области «%T» со времени последнего заседания межправительственной комиссии.",
	  "Стороны обменялись мнениями по теме «%T» и договорились поручить компетентным ведомствам подготовить конкретные предложения.",
	  "%S выразил обеспокоенность ситуацией в сфере «%T» и предостерёг от односторонних шагов, способных подорвать доверие.",
	  "%S предложил провести консультации по теме «%T» на уровне заместителей министров до конца года." },
	{ "%S表示，%T仍是两国的优先事项，呼吁双方在未来几个月加强协调配合。",
	  "关于%T，%S强调，双方应尊重彼此核心利益，通过对话协商妥善处理分歧。",
	  "%S满意地指出，自政府间委员会上次会议以来，双方在%T领域取得了积极进展。",
	  "双方就%T交换了意见，同意责成各自主管部门研究提出具体建议。",
	  "%S对%T方面的形势表示关切，反对采取可能损害互信的单边举措。",
	  "%S提议年底前举行副部长级%T磋商。" },
};
static const char *const two_sides[NLANG] = { "The two sides", "Les deux parties", "Стороны", "双方" };
static const char *const stances[] = { "support", "oppose", "propose", "concern", "affirm", "neutral" };
static const char *const reviews[] = { "pending", "pending", "accepted", "rejected", NULL };
static const char *const summaries[] = {
	"calls for closer coordination on %s", "stresses dialogue on %s",
	"welcomes progress on %s", "agrees to prepare proposals on %s",
	"warns against unilateral steps on %s", "proposes consultations on %s",
};

#define NSPEAKER 300
#define NAGREE 60

struct speaker {
	char name[3][64];   /* Latin, Cyrillic, Chinese */
	char family[3][32];
};
static struct speaker speakers[NSPEAKER];

static void make_speakers(void)
{
	for (int i = 0; i < NSPEAKER; i++) {
		struct speaker *s = &speakers[i];
		unsigned g[3], f[4];
		unsigned ng = 2, nf = 3;
		if (i == 0) {
			/* Karo Limadenko */
			g[0] = 0; g[1] = 1;
			f[0] = 2; f[1] = 3; f[2] = 4; f[3] = 5; nf = 4;
		} else {
			ng = 1 + below(2);
			nf = 2 + below(2);
			for (unsigned k = 0; k < ng; k++)
				g[k] = below(NSYL);
			for (unsigned k = 0; k < nf; k++)
				f[k] = below(NSYL);
		}
		for (int sc = 0; sc < 3; sc++) {
			char gn[32] = "", fn[32] = "";
			for (unsigned k = 0; k < ng; k++)
				strcat(gn, syl[g[k]][sc]);
			for (unsigned k = 0; k < nf; k++)
				strcat(fn, syl[f[k]][sc]);
			if (sc < 2) {
				/* capitalise the first (ASCII or two-byte Cyrillic) letter */
				if (sc == 0) {
					gn[0] = (char)(gn[0] - 32);
					fn[0] = (char)(fn[0] - 32);
				} else {
					/* Cyrillic а-п (D0 B0..D0 BF) -> А-П (D0 90..9F); р-я (D1 80..8F) -> Р-Я (D0 A0..AF) */
					unsigned char *p;
					char *names[2] = { gn, fn };
					for (int t = 0; t < 2; t++) {
						p = (unsigned char *)names[t];
						if (p[0] == 0xD0 && p[1] >= 0xB0)
							p[1] = (unsigned char)(p[1] - 0x20);
						else if (p[0] == 0xD1 && p[1] <= 0x8F) {
							p[0] = 0xD0;
							p[1] = (unsigned char)(p[1] + 0x20);
						}
					}
				}
				snprintf(s->name[sc], sizeof(s->name[sc]), "%s %s", gn, fn);
			} else {
				snprintf(s->name[sc], sizeof(s->name[sc]), "%s·%s", gn, fn);
			}
			snprintf(s->family[sc], sizeof(s->family[sc]), "%s", fn);
		}
	}
}

static const char *script_name(unsigned sp, int lang)
{
	return speakers[sp].name[lang == RU ? 1 : lang == ZH ? 2 : 0];
}

static const char *script_family(unsigned sp, int lang)
{
	return speakers[sp].family[lang == RU ? 1 : lang == ZH ? 2 : 0];
}

/* --- one readout ------------------------------------------------------------ */
struct span {
	size_t start, end;
};

/* A readout; big: its text's length in bytes (0: 3 to 4.6 KB). */
static void readout(struct buf *o, unsigned idx, int lang, const char *issuer, int year, size_t big)
{
	unsigned nsp = 2 + below(4), sp[5];
	for (unsigned i = 0; i < nsp; i++) {
	again:
		sp[i] = skewed(NSPEAKER);
		for (unsigned k = 0; k < i; k++)
			if (sp[k] == sp[i])
				goto again;
	}
	int group = below(4) != 0;
	unsigned ntp = 5 + below(6), tp[10];
	for (unsigned i = 0; i < ntp; i++) {
	again2:
		tp[i] = skewed(NTOPIC);
		for (unsigned k = 0; k < i; k++)
			if (tp[k] == tp[i])
				goto again2;
	}
	unsigned nag = below(4), ag[3];
	for (unsigned i = 0; i < nag; i++) {
	again3:
		ag[i] = skewed(NAGREE);
		for (unsigned k = 0; k < i; k++)
			if (ag[k] == ag[i])
				goto again3;
	}

	/* the text: sentences until about 6 KB, paragraphs of three to five */
	struct buf text = { 0 };
	struct span spans[64], tspans[64];
	unsigned who[64], what[64], nspan = 0;
	size_t target = big ? big : 3000 + below(1600);
	/* a long text has its positions spread over it, one sentence in so
	 * many bytes; code points counted as the text grows */
	size_t every = big ? big / 64 : 0, next_at = 0, counted = 0, ncp = 0;
	unsigned inpara = 0;
	while (text.n < target && (big || nspan < 64)) {
		unsigned s = below(nsp + (group ? 1 : 0));
		unsigned t = below(ntp);
		unsigned form = below(6);
		const char *subj = s < nsp ? (below(3) ? script_name(sp[s], lang) : script_family(sp[s], lang))
		                           : two_sides[lang];
		if (form == 3)
			s = nsp; /* "the two sides exchanged views" */
		if (s == nsp && !group)
			s = 0;
		const char *f = sent[lang][form];
		if (inpara)
			puts_(&text, lang == ZH ? "" : " ");
		size_t b0 = text.n, cp0, tcp0 = 0, tcp1 = 0;
		ncp += cps(text.s + counted, text.n - counted);
		counted = text.n;
		cp0 = ncp;
		for (const char *p = f; *p; p++) {
			if (p[0] == '%' && p[1] == 'S') {
				puts_(&text, subj);
				p++;
			} else if (p[0] == '%' && p[1] == 'T') {
				tcp0 = cp0 + cps(text.s + b0, text.n - b0);
				puts_(&text, topics[tp[t]][1 + lang]);
				tcp1 = cp0 + cps(text.s + b0, text.n - b0);
				p++;
			} else {
				put(&text, p, 1);
			}
		}
		ncp += cps(text.s + counted, text.n - counted);
		counted = text.n;
		if (nspan < 64 && b0 >= next_at) {
			tspans[nspan] = (struct span){ tcp0, tcp1 };
			spans[nspan] = (struct span){ cp0, ncp };
			who[nspan] = s;
			what[nspan] = t;
			nspan++;
			next_at += every;
		}
		if (++inpara >= 3 + below(3)) {
			puts_(&text, "\n");
			inpara = 0;
		}
	}

	char id[64];
	snprintf(id, sizeof(id), "%s-%d-%06u", lang_tag[lang], year, idx);
	int month = 1 + (int)below(12), day = 1 + (int)below(28);
	puts_(o, "{\"format\":\"parley/1\",\"id\":");
	jstr(o, id);
	printf_(o, ",\"title\":");
	char title[256];
	snprintf(title, sizeof(title), "%s — %s", script_name(sp[0], lang), script_name(sp[1], lang));
	jstr(o, title);
	/* most dates are days; some only a month or a year, as the format allows */
	unsigned prec = below(20);
	if (prec == 0)
		printf_(o, ",\"date\":\"%d\"", year);
	else if (prec == 1)
		printf_(o, ",\"date\":\"%d-%02d\"", year, month);
	else
		printf_(o, ",\"date\":\"%d-%02d-%02d\"", year, month, day);
	printf_(o, ",\"lang\":\"%s\",\"kind\":\"%s\",\"issuer\":\"%s\"", lang_tag[lang],
	        below(2) ? "meeting" : "call", issuer);
	printf_(o, ",\"source\":{\"publisher\":\"parley benchmark (synthetic)\"}");
	puts_(o, ",\"text\":");
	jstr(o, text.s);

	puts_(o, ",\"speakers\":[");
	for (unsigned i = 0; i < nsp; i++) {
		printf_(o, "%s{\"id\":\"sp-%04u\",\"label\":", i ? "," : "", sp[i] + 1);
		jstr(o, script_name(sp[i], lang));
		puts_(o, ",\"aliases\":[");
		jstr(o, script_family(sp[i], lang));
		printf_(o, "],\"country\":\"%s\"}", issuers[(sp[i] * 7) % 8]);
	}
	if (group) {
		puts_(o, ",{\"id\":\"two-sides\",\"label\":");
		jstr(o, two_sides[lang]);
		puts_(o, ",\"members\":[");
		printf_(o, "\"sp-%04u\",\"sp-%04u\"]}", sp[0] + 1, sp[1] + 1);
	}
	puts_(o, "],\"topics\":[");
	for (unsigned i = 0; i < ntp; i++) {
		printf_(o, "%s{\"id\":\"%s\",\"label\":", i ? "," : "", topics[tp[i]][0]);
		jstr(o, topics[tp[i]][1 + lang]);
		puts_(o, "}");
	}
	puts_(o, "],\"agreements\":[");
	for (unsigned i = 0; i < nag; i++) {
		unsigned a = ag[i];
		printf_(o, "%s{\"id\":\"agr-%03u\",\"label\":", i ? "," : "", a + 1);
		char lab[128];
		const char *pl = speakers[(a * 13) % NSPEAKER].family[lang == RU ? 1 : lang == ZH ? 2 : 0];
		static const char *const tr[NLANG] = { "Treaty of %s (%d)", "Traité de %s (%d)", "Договор %s (%d)", "%s条约（%d）" };
		snprintf(lab, sizeof(lab), tr[lang], pl, 1990 + (int)(a % 30));
		jstr(o, lab);
		printf_(o, ",\"date\":\"%d\",\"kind\":\"treaty\"}", 1990 + (int)(a % 30));
	}
	puts_(o, "],\"mentions\":[");
	unsigned nm = 0;
	for (unsigned i = 0; i < nspan && nm < 8; i += 2, nm++)
		printf_(o, "%s{\"ref\":\"%s\",\"start\":%zu,\"end\":%zu}", nm ? "," : "",
		        topics[tp[what[i]]][0], tspans[i].start, tspans[i].end);
	puts_(o, "],\"positions\":[");
	/* about a dozen positions: every other sentence, at most 14 */
	unsigned np = 0;
	for (unsigned i = 0; i < nspan && np < 14; i++) {
		if (nspan > 14 && below(nspan) >= 14)
			continue;
		unsigned s = who[i];
		printf_(o, "%s{\"id\":\"p%u\",\"speaker\":", np ? "," : "", np + 1);
		if (s >= nsp)
			puts_(o, "\"two-sides\"");
		else
			printf_(o, "\"sp-%04u\"", sp[s] + 1);
		printf_(o, ",\"start\":%zu,\"end\":%zu", spans[i].start, spans[i].end);
		char summ[160];
		snprintf(summ, sizeof(summ), summaries[below(6)], topics[tp[what[i]]][1]);
		puts_(o, ",\"summary\":");
		jstr(o, summ);
		printf_(o, ",\"stance\":\"%s\"", stances[below(6)]);
		printf_(o, ",\"topics\":[\"%s\"", topics[tp[what[i]]][0]);
		if (below(3) == 0) {
			unsigned t2 = below(ntp);
			if (t2 != what[i])
				printf_(o, ",\"%s\"", topics[tp[t2]][0]);
		}
		puts_(o, "]");
		if (nag && below(3) == 0)
			printf_(o, ",\"agreements\":[\"agr-%03u\"]", ag[below(nag)] + 1);
		const char *rv = reviews[below(5)];
		if (rv)
			printf_(o, ",\"review\":\"%s\"", rv);
		printf_(o, ",\"by\":\"extract\"}");
		np++;
	}
	puts_(o, "]}");
	free(text.s);
}

/* One readout of n positions, one per sentence (gen --positions). */
static void big_readout(struct buf *o, unsigned n)
{
	struct buf text = { 0 };
	size_t *start = malloc((n + 1) * sizeof(size_t)), *end = malloc((n + 1) * sizeof(size_t));
	unsigned *who = malloc((n + 1) * sizeof(unsigned)), *what = malloc((n + 1) * sizeof(unsigned));
	if (!start || !end || !who || !what) {
		perror("gen");
		exit(1);
	}
	size_t cp = 0;
	for (unsigned i = 0; i < n; i++) {
		if (i) {
			puts_(&text, i % 5 ? " " : "\n");
			cp++;
		}
		who[i] = below(4);
		what[i] = below(NTOPIC);
		size_t b0 = text.n;
		const char *f = sent[EN][below(6)];
		for (const char *p = f; *p; p++) {
			if (p[0] == '%' && p[1] == 'S') {
				puts_(&text, script_name(who[i], EN));
				p++;
			} else if (p[0] == '%' && p[1] == 'T') {
				puts_(&text, topics[what[i]][1 + EN]);
				p++;
			} else {
				put(&text, p, 1);
			}
		}
		start[i] = cp;
		cp += cps(text.s + b0, text.n - b0);
		end[i] = cp;
	}
	printf_(o, "{\"format\":\"parley/1\",\"id\":\"en-2024-big-%u\",\"title\":\"A readout of %u positions\"", n, n);
	puts_(o, ",\"date\":\"2024-05-01\",\"lang\":\"en\",\"kind\":\"meeting\",\"issuer\":\"FR\"");
	puts_(o, ",\"source\":{\"publisher\":\"parley benchmark (synthetic)\"}");
	puts_(o, ",\"text\":");
	jstr(o, text.s);
	puts_(o, ",\"speakers\":[");
	for (unsigned i = 0; i < 4; i++) {
		printf_(o, "%s{\"id\":\"sp-%04u\",\"label\":", i ? "," : "", i + 1);
		jstr(o, script_name(i, EN));
		puts_(o, "}");
	}
	puts_(o, "],\"topics\":[");
	for (unsigned i = 0; i < NTOPIC; i++) {
		printf_(o, "%s{\"id\":\"%s\",\"label\":", i ? "," : "", topics[i][0]);
		jstr(o, topics[i][1]);
		puts_(o, "}");
	}
	puts_(o, "],\"positions\":[");
	for (unsigned i = 0; i < n; i++) {
		char summ[160];
		snprintf(summ, sizeof(summ), summaries[below(6)], topics[what[i]][1]);
		printf_(o, "%s{\"id\":\"p%u\",\"speaker\":\"sp-%04u\",\"start\":%zu,\"end\":%zu,\"summary\":", i ? "," : "",
		        i + 1, who[i] + 1, start[i], end[i]);
		jstr(o, summ);
		printf_(o, ",\"stance\":\"%s\",\"topics\":[\"%s\"]", stances[below(6)], topics[what[i]][0]);
		const char *rv = reviews[below(5)];
		if (rv)
			printf_(o, ",\"review\":\"%s\"", rv);
		puts_(o, ",\"by\":\"extract\"}");
	}
	puts_(o, "]}\n");
	free(text.s);
	free(start);
	free(end);
	free(who);
	free(what);
}

static void mkdirs(const char *path)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				perror(p);
				exit(1);
			}
			*s = '/';
		}
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		perror(p);
		exit(1);
	}
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(b->s, 1, b->n, f) != b->n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--big") == 0) {
		make_speakers();
		struct buf o = { 0 };
		readout(&o, 1, FR, "FR", 2021, (size_t)strtoul(argv[2], NULL, 10) << 20);
		write_file(argv[3], &o);
		free(o.s);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "--positions") == 0) {
		make_speakers();
		struct buf o = { 0 };
		big_readout(&o, (unsigned)strtoul(argv[2], NULL, 10));
		write_file(argv[3], &o);
		free(o.s);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: gen N DIR\n       gen --big MB FILE\n       gen --positions N FILE\n");
		return 2;
	}
	unsigned n = (unsigned)strtoul(argv[1], NULL, 10);
	const char *dir = argv[2];
	make_speakers();
	struct buf jl = { 0 };
	char jl_path[4200] = "";
	unsigned in_jl = 0, batch = 0;
	for (unsigned i = 0; i < n; i++) {
		int lang = (int)below(NLANG);
		const char *issuer = issuers[below(8)];
		int year = 2010 + (int)below(15);
		struct buf o = { 0 };
		readout(&o, i + 1, lang, issuer, year, 0);
		if (below(5) != 0) {
			char d[4096], p[4200];
			snprintf(d, sizeof(d), "%s/%d/%s", dir, year, issuer);
			mkdirs(d);
			snprintf(p, sizeof(p), "%s/r%06u.json", d, i + 1);
			write_file(p, &o);
		} else {
			if (!in_jl) {
				char d[4096];
				snprintf(d, sizeof(d), "%s/%d", dir, year);
				mkdirs(d);
				snprintf(jl_path, sizeof(jl_path), "%s/batch-%04u.jsonl", d, ++batch);
			}
			put(&jl, o.s, o.n);
			puts_(&jl, "\n");
			if (++in_jl == 50) {
				write_file(jl_path, &jl);
				jl.n = 0;
				in_jl = 0;
			}
		}
		free(o.s);
	}
	if (in_jl)
		write_file(jl_path, &jl);
	free(jl.s);
	return 0;
}
