/* tty.h - the terminal given back on every way out, as less and vim give
 * it back: the normal screen, the cursor, the keypad and the terminal's
 * modes as they were before parley.
 *
 * A normal exit ends with endwin.  SIGHUP, SIGTERM and SIGINT (C-c, no key
 * of parley's) set a flag that the loop acts on, leaving cleanly; the same
 * signal again ends parley at once.  SIGQUIT (C-\) and the signals of a
 * crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, which abort and a failed
 * allocation raise) end it at once.  Ending at once, the handler writes the
 * strings that undo what ncurses set up (read from the terminal's
 * description beforehand) with write(2), restores the terminal's modes with
 * tcsetattr - both async-signal-safe - then raises the signal again with
 * its default action: the exit status (and core dump) are the signal's.
 */
#ifndef PARLEY_TTY_H
#define PARLEY_TTY_H

#include <signal.h>

/* Before the terminal is set up: its modes, to restore them. */
void term_save(void);
/* Once ncurses has set it up: what undoes it, and the handlers; the
 * signals that leave cleanly set *flag to their number. */
void term_guard(volatile sig_atomic_t *flag);
/* After endwin: nothing is left to undo. */
void term_released(void);
/* Gives the terminal back now (async-signal-safe; once). */
void term_restore(void);
/* Blocks, in the calling thread, the signals the screen's thread takes
 * (so that a thread started now leaves them to it); *old gets the mask to
 * restore with pthread_sigmask(SIG_SETMASK, old, NULL). */
void term_block_signals(sigset_t *old);

#endif
