/* test_bounds.c - characters, words and sentences for cursors and
 * selections. */
#include "tap.h"
#include "bounds.h"

static void step_all(const char *s)
{
	size_t n = strlen(s), i = 0, steps = 0, back = n, bsteps = 0;
	while (i < n && steps < 1000) {
		i = bound_next_char(s, n, i);
		steps++;
	}
	while (back > 0 && bsteps < 1000) {
		back = bound_prev_char(s, n, back);
		bsteps++;
	}
	ok(i == n && back == 0 && steps == bsteps, "forward and back take the same steps (%zu) over \"%s\"", steps, s);
}

int main(void)
{
	const char *fr = "M. Wang a dit : « la sécurité d'abord ». Puis il est parti.";
	size_t n = strlen(fr);
	is_int(bound_next_char("é", 2, 0), 2, "é is one step of two bytes");
	is_int(bound_next_char("e\xcc\x81x", 4, 0), 3, "e + combining acute is one step");
	is_int(bound_prev_char("e\xcc\x81x", 4, 3), 0, "and one step back");
	is_int(bound_next_char("🇫🇷!", 9, 0), 8, "a flag is one step");
	is_int(bound_next_char("👨‍👩‍👧.", strlen("👨‍👩‍👧."), 0), strlen("👨‍👩‍👧"), "a ZWJ family is one step");
	step_all("Sécurité 安全 безопасность 😀 e\xcc\x81");

	const char *w = "Wang Yi, sécurité-commune; 王毅会见";
	size_t wn = strlen(w);
	is_int(bound_next_word_end(w, wn, 0), 4, "first word ends after Wang");
	is_int(bound_next_word_end(w, wn, 4), 7, "next word end skips the space: Yi");
	size_t e = bound_next_word_end(w, wn, 7);
	ok(e == strlen("Wang Yi, sécurité"), "accented word ends after sécurité (%zu)", e);
	is_int(bound_prev_word_start(w, wn, 7), 5, "previous word start from after Yi is Yi");
	is_int(bound_prev_word_start(w, wn, 5), 0, "and then Wang");
	is_int(bound_next_word_start(w, wn, 0), 5, "next word start from Wang is Yi");
	size_t cjk = strlen("Wang Yi, sécurité-commune; ");
	size_t ce = bound_next_word_end(w, wn, cjk);
	ok(ce > cjk && ce <= wn && (ce - cjk) % 3 == 0, "CJK words end on a character boundary (%zu)", ce - cjk);

	size_t s1 = bound_sentence_end(fr, n, 0);
	ok(s1 == strlen("M. Wang a dit : « la sécurité d'abord »."), "sentence end after the closing guillemet and full stop (%zu)", s1);
	is_int(bound_sentence_end(fr, n, s1), n, "the next sentence ends at the end");
	is_int(bound_sentence_start(fr, n, s1 + 3), s1 + 1, "the second sentence starts after the space");
	is_int(bound_sentence_start(fr, n, 5), 0, "the first sentence starts at 0");
	is_int(bound_prev_sentence_end(fr, n, n), s1, "the sentence before the last ends at s1");
	const char *zh = "双方同意加强合作。两国元首宣布条约延期！下一句";
	size_t zn = strlen(zh);
	is_int(bound_sentence_end(zh, zn, 0), strlen("双方同意加强合作。"), "CJK full stop ends a sentence");
	is_int(bound_sentence_end(zh, zn, strlen("双方同意加强合作。")), strlen("双方同意加强合作。两国元首宣布条约延期！"),
	       "CJK exclamation ends the next");
	const char *para = "First line ends\nSecond line.";
	is_int(bound_sentence_end(para, strlen(para), 0), 15, "a paragraph end ends a sentence");
	const char *num = "Il y a 3.5 millions. Fin.";
	is_int(bound_sentence_end(num, strlen(num), 0), strlen("Il y a 3.5 millions."), "a decimal point does not end a sentence");
	return tap_done();
}
