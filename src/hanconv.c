/* hanconv.c - the simplified form of a Chinese character, asked of OpenCC
 * once (see hanconv.h). */
#include "hanconv.h"

#include <opencc/opencc.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistr.h>

static opencc_t t2s = (opencc_t)-1;
static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t t2s_lock = PTHREAD_MUTEX_INITIALIZER;

static void t2s_open(void)
{
	t2s = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
}

/* 0: not asked yet; else the simplified form (the character itself when it
 * has no other). */
static uint32_t han_simple[HAN_HI - HAN_LO + 1];

/* OpenCC's answer for one character: its one simplified form, or uc. */
static ucs4_t one(ucs4_t uc)
{
	pthread_once(&t2s_once, t2s_open);
	ucs4_t v = uc;
	if (t2s != (opencc_t)-1) {
		uint8_t in[8];
		int l = u8_uctomb(in, uc, sizeof(in));
		/* OpenCC's converter is not documented as safe to share
		 * between threads */
		pthread_mutex_lock(&t2s_lock);
		char *c = l > 0 ? opencc_convert_utf8(t2s, (const char *)in, (size_t)l) : NULL;
		pthread_mutex_unlock(&t2s_lock);
		ucs4_t out;
		if (c && u8_mbsnlen((const uint8_t *)c, strlen(c)) == 1
		    && u8_mbtouc(&out, (const uint8_t *)c, strlen(c)) > 0 && out >= HAN_LO && out <= HAN_HI)
			v = out;
		if (c)
			opencc_convert_utf8_free(c);
	}
	return v;
}

ucs4_t han_simplified(ucs4_t uc)
{
	if (uc < HAN_LO || uc > HAN_HI)
		return uc;
	ucs4_t v = __atomic_load_n(&han_simple[uc - HAN_LO], __ATOMIC_RELAXED);
	if (v)
		return v;
	v = one(uc);
	/* folding twice is folding once: a form that converts again is
	 * followed (OpenCC's table has no cycles; the depth is bounded all
	 * the same) */
	for (int depth = 0; v != uc && depth < 4; depth++) {
		ucs4_t w = one(v);
		if (w == v)
			break;
		v = w;
	}
	__atomic_store_n(&han_simple[uc - HAN_LO], v, __ATOMIC_RELAXED);
	return v;
}
