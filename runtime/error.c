/* error.c — thread-local pending error for the tensor runtime. */
#include "error.h"
#include <stdarg.h>
#include <stdio.h>

static _Thread_local wk_errkind g_kind;
static _Thread_local char g_msg[1024];

bool wk_rt_err(wk_errkind kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_msg, sizeof g_msg, fmt, ap);
    va_end(ap);
    g_kind = kind;
    return false;
}

wk_errkind wk_rt_errkind(void) { return g_kind; }
const char *wk_rt_errmsg(void) { return g_kind ? g_msg : ""; }
void wk_rt_errclear(void) { g_kind = WK_ERR_NONE; g_msg[0] = 0; }

const char *wk_rt_errname(wk_errkind kind) {
    static const char *names[] = {"", "RuntimeError", "IndexError", "ValueError", "TypeError",
                                  "AssertionError", "NotImplementedError", "RuntimeError"};
    return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "RuntimeError";
}
