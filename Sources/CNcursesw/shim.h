#ifndef YICHUANG_CNCURSESW_SHIM_H
#define YICHUANG_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so ask for the wide-character API here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <curses.h>

// Swift cannot import function-like macros, and Swift 6 rejects direct use of
// mutable C globals such as `stdscr`. These wrappers give Swift a typed,
// concurrency-clean way to reach them. TerminalUI's NcursesBackend is the only user.

static inline WINDOW *yc_stdscr(void) { return stdscr; }

static inline attr_t yc_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t yc_A_BOLD(void) { return A_BOLD; }
static inline attr_t yc_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t yc_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t yc_A_DIM(void) { return A_DIM; }
static inline attr_t yc_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }

static inline int yc_KEY_F(int n) { return KEY_F(n); }
static inline int yc_KEY_CODE_YES(void) { return KEY_CODE_YES; }
static inline int yc_ERR(void) { return ERR; }
static inline int yc_OK(void) { return OK; }

static inline int yc_COLORS(void) { return COLORS; }
static inline int yc_COLOR_PAIRS(void) { return COLOR_PAIRS; }

static inline int yc_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int yc_getmaxx(WINDOW *w) { return getmaxx(w); }

// `stdout`/`stdin` are macros/globals on glibc; newterm needs the FILE pointers.
static inline FILE *yc_stdout(void) { return stdout; }
static inline FILE *yc_stdin(void) { return stdin; }

// Builds a cchar_t for one (possibly wide) character with attributes and a colour pair.
// `wch` holds up to CCHARW_MAX wide chars (a base char plus combining marks), NUL-terminated.
static inline int yc_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, short pair) {
    return setcchar(cc, wch, attrs, pair, NULL);
}

static inline int yc_CCHARW_MAX(void) { return CCHARW_MAX; }

// wcwidth is only declared under _XOPEN_SOURCE, which SwiftPM drops. The backend uses it
// solely to check that libc (which ncurses uses for cursor tracking) agrees with our own
// width table; layout never depends on it.
extern int wcwidth(wchar_t c);
static inline int yc_wcwidth(wchar_t c) { return wcwidth(c); }
#endif
