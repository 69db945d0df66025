/* fuzz_load.c - a fuzz target for the loader and the validator: any bytes
 * as a readout file, read as a .json and as a .jsonl file.  Never a crash
 * or a leak; a readout refused is refused with a message; a readout loaded
 * keeps the format's promises (fuzz_util.h); and the same file loaded from
 * the disk - its texts let go and read back, then again from the index
 * cache - gives the same readouts. */
#include "corpus.h"
#include "fuzz_util.h"
#include "json_check.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file loaded from the disk (lazy texts, one thread), with the cache
 * when use_cache: the readouts must be those loaded from memory. */
static void from_disk(const struct corpus *mem, const char *path, bool use_cache, bool from_cache)
{
	struct corpus c;
	corpus_init(&c);
	struct corpus_opts o = { .threads = 1, .lazy_texts = true, .use_cache = use_cache };
	char *paths[1] = { (char *)path };
	corpus_load(&c, paths, 1, &o);
	if (from_cache && c.cache_hits != 1)
		fuzz_fail("%s: not read from the cache (%zu hits)", path, c.cache_hits);
	if (c.n_readouts != mem->n_readouts || c.n_skipped != mem->n_skipped)
		fuzz_fail("%s: %zu readouts and %zu skipped from the disk%s, %zu and %zu from memory", path,
		          c.n_readouts, c.n_skipped, from_cache ? " (cache)" : "", mem->n_readouts, mem->n_skipped);
	for (int k = 0; k < DIAG_KINDS; k++)
		if (c.diags.count[k] != mem->diags.count[k])
			fuzz_fail("%s: other diagnostics from the disk%s", path, from_cache ? " (cache)" : "");
	for (size_t i = 0; i < c.n_readouts; i++) {
		fuzz_check_readout(&c, i);
		fuzz_same_readout(mem, i, &c, i, SAME_PLACE, from_cache ? "from the cache" : "from the disk");
	}
	corpus_free(&c);
}

static void load(const uint8_t *data, size_t size, bool jsonl)
{
	const char *name = jsonl ? "x.jsonl" : "x.json";
	struct corpus c;
	corpus_init(&c);
	corpus_add_buffer(&c, name, (const char *)data, size, jsonl);
	size_t refused = c.diags.count[DIAG_SYNTAX] + c.diags.count[DIAG_RULE];
	if (c.n_skipped && !refused)
		fuzz_fail("%zu readouts refused without a message", c.n_skipped);
	if (!jsonl && c.n_readouts + c.n_skipped != 1)
		fuzz_fail("a .json file gave %zu readouts and %zu refused", c.n_readouts, c.n_skipped);
	static const char unparsed[] = ": JSON could not be parsed";
	for (size_t i = 0; i < c.diags.n; i++) {
		const char *m = c.diags.v[i].text;
		size_t ml = strlen(m);
		if (c.diags.v[i].kind == DIAG_SYNTAX && ml >= sizeof(unparsed) - 1
		    && strcmp(m + ml - (sizeof(unparsed) - 1), unparsed) == 0)
			fuzz_fail("the syntax check passed what cJSON cannot parse: %s", m);
	}
	for (size_t i = 0; i < c.n_readouts; i++)
		fuzz_check_readout(&c, i);
	/* from the disk, then from the cache: only for what loaded (the
	 * rest is the same code on the same bytes) */
	if (c.n_readouts) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
		fuzz_write(path, data, size);
		/* old enough that its cache record is trusted */
		struct timespec old[2] = { { 1600000000, 0 }, { 1600000000, 123456789 } };
		utimensat(AT_FDCWD, path, old, 0);
		/* a cache record of the last input would match its size and mtime */
		char cdir[512];
		snprintf(cdir, sizeof(cdir), "%s/cache/parley", fuzz_dir());
		fuzz_clear(cdir);
		from_disk(&c, path, true, false);
		from_disk(&c, path, true, true);
		unlink(path);
	}
	corpus_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		/* the index cache goes to the scratch directory */
		char cache[256];
		snprintf(cache, sizeof(cache), "%s/cache", fuzz_dir());
		setenv("XDG_CACHE_HOME", cache, 1);
		ready = true;
	}
	/* the syntax check alone: it accepts or says where it stopped */
	if (utf8_invalid_at((const char *)data, size) == size) {
		struct json_check jc;
		if (!json_check((const char *)data, size, &jc) && (jc.err_at > size || !jc.msg[0]))
			fuzz_fail("json_check: error at %zu of %zu: '%s'", jc.err_at, size, jc.msg);
	}
	load(data, size, false);
	load(data, size, true);
	return 0;
}
