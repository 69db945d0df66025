/* utf8.c - UTF-8 helpers built on libunistring. */
#include "utf8.h"
#include "arena.h"

#include <stdlib.h>
#include <unistr.h>

size_t utf8_invalid_at(const char *s, size_t n)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, n);
	return bad ? (size_t)(bad - (const uint8_t *)s) : n;
}

void utf8_linecol(const char *buf, size_t n, size_t at, unsigned long *line, unsigned long *col)
{
	const uint8_t *p = (const uint8_t *)buf;
	if (at > n)
		at = n;
	unsigned long l = 1;
	size_t bol = 0;
	for (size_t i = 0; i < at; i++)
		if (p[i] == '\n') {
			l++;
			bol = i + 1;
		}
	unsigned long c = 1;
	size_t i = bol;
	while (i < at) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, p + i, at - i);
		i += len > 0 ? (size_t)len : 1;
		c++;
	}
	*line = l;
	*col = c;
}

void cpmap_init(struct cpmap *m, const char *s, size_t n)
{
	/* s is valid UTF-8: every byte that is not a continuation byte
	 * (10xxxxxx) starts a code point, so one pass over the bytes counts
	 * them and finds the samples, without decoding */
	const uint8_t *p = (const uint8_t *)s;
	size_t *samples = xmalloc((n / CPMAP_STEP + 2) * sizeof(*samples));
	size_t cp = 0;
	for (size_t b = 0; b < n; b++)
		if ((p[b] & 0xC0) != 0x80) {
			if (cp % CPMAP_STEP == 0)
				samples[cp / CPMAP_STEP] = b;
			cp++;
		}
	if (cp % CPMAP_STEP == 0)
		samples[cp / CPMAP_STEP] = n;
	m->s = s;
	m->bytes = n;
	m->cps = cp;
	m->samples = samples;
	if (cp == n) {
		/* pure ASCII: code point offsets are byte offsets */
		free(samples);
		m->samples = NULL;
	}
}

size_t cpmap_byte(const struct cpmap *m, size_t cp)
{
	if (!m->samples)
		return cp < m->bytes ? cp : m->bytes;
	if (cp >= m->cps)
		return m->bytes;
	const uint8_t *p = (const uint8_t *)m->s;
	size_t b = m->samples[cp / CPMAP_STEP];
	for (size_t k = cp % CPMAP_STEP; k > 0; k--) {
		b++;
		while (b < m->bytes && (p[b] & 0xC0) == 0x80)
			b++;
	}
	return b;
}

void cpmap_free(struct cpmap *m)
{
	free(m->samples);
	m->samples = NULL;
}
