/* tty.c - the terminal given back on every way out (see tty.h). */
#include "tty.h"

#include <curses.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static bool have_saved;
/* sgr0, cnorm, rmkx, rmcup: what endwin would send */
static char undo[512];
static size_t undo_n;
static int active;                   /* set between term_guard and the end */
static volatile sig_atomic_t *leave_flag;
/* the handlers' own stack: a crash may come of a stack overflow */
static char alt_stack[64 * 1024];

static const int leave_signals[] = { SIGHUP, SIGTERM, SIGINT };
static const int fatal_signals[] = { SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

void term_save(void)
{
	have_saved = tcgetattr(STDIN_FILENO, &saved) == 0;
}

static void add_cap(const char *name)
{
	const char *s = tigetstr(name);
	if (!s || s == (const char *)-1)
		return;
	size_t n = strlen(s);
	if (undo_n + n < sizeof(undo)) {
		memcpy(undo + undo_n, s, n);
		undo_n += n;
	}
}

void term_restore(void)
{
	if (!__atomic_exchange_n(&active, 0, __ATOMIC_ACQ_REL))
		return;
	int err = errno;
	for (size_t off = 0; off < undo_n;) {
		ssize_t k = write(STDOUT_FILENO, undo + off, undo_n - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	errno = err;
}

/* The terminal back, then the signal again with its default action. */
static void die_of(int sig)
{
	term_restore();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
}

static void on_leave_signal(int sig)
{
	if (*leave_flag) /* asked before, and still here: now */
		die_of(sig);
	else
		*leave_flag = sig;
}

void term_guard(volatile sig_atomic_t *flag)
{
	leave_flag = flag;
	undo_n = 0;
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");
	__atomic_store_n(&active, 1, __ATOMIC_RELEASE);

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_leave_signal;
	for (size_t i = 0; i < sizeof(leave_signals) / sizeof(leave_signals[0]); i++)
		sigaction(leave_signals[i], &sa, NULL);
	stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack) };
	if (sigaltstack(&ss, NULL) == 0)
		sa.sa_flags = SA_ONSTACK;
	sa.sa_handler = die_of;
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

void term_released(void)
{
	__atomic_store_n(&active, 0, __ATOMIC_RELEASE);
}

void term_block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(leave_signals) / sizeof(leave_signals[0]); i++)
		sigaddset(&set, leave_signals[i]);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGTSTP);
	sigaddset(&set, SIGCONT);
	pthread_sigmask(SIG_BLOCK, &set, old);
}
