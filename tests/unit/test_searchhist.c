/* test_searchhist.c - the searches kept across sessions: in order, the
 * same search once, the file for the user alone, never through a link,
 * cut back when it has grown. */
#include "tap.h"
#include "searchhist.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/parley-searchhist-XXXXXX";
static char path[sizeof(dir) + 32];

static int open_dir(void)
{
	return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static size_t file_lines(void)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;
	int c;
	if (!f)
		return 0;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, SEARCHHIST_FILE);
	int dfd = open_dir();
	struct searchhist h;

	searchhist_load(&h, dfd);
	is_int(h.n, 0, "no file: no searches");
	ok(searchhist_last(&h) == NULL, "no last search");
	searchhist_add(&h, "lavrov");
	searchhist_add(&h, "sécurité");
	searchhist_add(&h, "");
	searchhist_add(&h, "a\033[2Jb");
	searchhist_add(&h, "lavrov");
	is_int(h.n, 2, "empty searches and those with controls are not kept; the same one once");
	is_str(h.v[0], "sécurité", "the oldest first");
	is_str(searchhist_last(&h), "lavrov", "a search made again is the latest");
	struct stat st;
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "the file is made for the user alone (0600)");
	searchhist_free(&h);

	searchhist_load(&h, dfd);
	is_int(h.n, 2, "the next session reads them");
	{
		/* the last search made again: not written again */
		struct stat st0, st1;
		stat(path, &st0);
		searchhist_add(&h, "lavrov");
		stat(path, &st1);
		ok(st1.st_size == st0.st_size && h.n == 2, "the latest search made again is not written again");
	}
	is_str(searchhist_last(&h), "lavrov", "the latest last");
	searchhist_free(&h);

	/* grown to twice the searches kept: cut back */
	searchhist_load(&h, dfd);
	for (int i = 0; i < 2 * SEARCHHIST_MAX; i++) {
		char s[32];
		snprintf(s, sizeof(s), "search %d", i);
		searchhist_add(&h, s);
	}
	is_int(h.n, SEARCHHIST_MAX, "a session keeps the last %d", SEARCHHIST_MAX);
	searchhist_free(&h);
	ok(file_lines() >= 2 * SEARCHHIST_MAX, "the file has them all, appended");
	searchhist_load(&h, dfd);
	is_int(h.n, SEARCHHIST_MAX, "read back: the last %d", SEARCHHIST_MAX);
	is_str(searchhist_last(&h), "search 199", "the latest last");
	searchhist_free(&h);
	is_int(file_lines(), SEARCHHIST_MAX, "and the file is cut back to them");

	/* a file others can read: left alone, the session's only */
	chmod(path, 0644);
	searchhist_load(&h, dfd);
	is_int(h.n, 0, "a file others can read is not read");
	searchhist_add(&h, "kerry");
	is_int(h.n, 1, "the session still keeps its search");
	searchhist_free(&h);
	is_int(file_lines(), SEARCHHIST_MAX, "and nothing is written to that file");

	/* a link: never followed */
	unlink(path);
	char target[sizeof(dir) + 32];
	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	if (symlink(target, path) != 0)
		printf("Bail out! symlink\n");
	searchhist_load(&h, dfd);
	searchhist_add(&h, "putin");
	is_str(searchhist_last(&h), "putin", "with a link in its place, the session keeps its search");
	searchhist_free(&h);
	ok(access(target, F_OK) != 0, "nothing is written through the link");

	/* no directory: the session only */
	searchhist_load(&h, -1);
	searchhist_add(&h, "blinken");
	is_str(searchhist_last(&h), "blinken", "without a directory, the session's searches");
	searchhist_free(&h);

	unlink(path);
	close(dfd);
	rmdir(dir);
	return tap_done();
}
