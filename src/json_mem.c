/* json_mem.c - cJSON's memory while readouts are parsed (see json_mem.h). */
#include "json_mem.h"
#include "arena.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

struct bump_chunk {
	struct bump_chunk *next;
	size_t cap, used;
	max_align_t data[];
};

static _Thread_local struct bump_chunk *bump;
static _Thread_local bool bump_on;

static void *bump_malloc(size_t n)
{
	if (!bump_on)
		return malloc(n);
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (!bump || bump->cap - bump->used < n) {
		size_t cap = bump ? bump->cap * 2 : 64 * 1024;
		while (cap < n)
			cap *= 2;
		struct bump_chunk *c = malloc(sizeof(*c) + cap);
		if (!c)
			xalloc_failed(); /* a loader skips the file (arena.h) */
		c->next = bump;
		c->cap = cap;
		c->used = 0;
		bump = c;
	}
	void *p = (char *)bump->data + bump->used;
	bump->used += n;
	return p;
}

static void bump_free(void *p)
{
	if (!bump_on)
		free(p);
}

/* Ends a parse: keeps the newest (largest) chunk for the next one. */
void json_mem_end(void)
{
	bump_on = false;
	if (!bump)
		return;
	struct bump_chunk *c = bump->next;
	while (c) {
		struct bump_chunk *n = c->next;
		free(c);
		c = n;
	}
	bump->next = NULL;
	bump->used = 0;
}

void json_mem_release(void)
{
	json_mem_end();
	free(bump);
	bump = NULL;
}

static void init_hooks(void)
{
	cJSON_Hooks h = { bump_malloc, bump_free };
	cJSON_InitHooks(&h);
}

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

void json_mem_init(void)
{
	pthread_once(&hooks_once, init_hooks);
}

void json_mem_begin(void)
{
	bump_on = true;
}
