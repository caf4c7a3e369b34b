/* tap.h — header-only Test Anything Protocol helper for wick's C unit tests (run by prove). */
#ifndef WK_TAP_H
#define WK_TAP_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Usage:
 *     tap_plan(3);                      // or tap_done_testing() at the end without a plan
 *     tap_ok(x == 1, "x is %d", 1);
 *     tap_is_str(got, "abc", "repr of abc");
 *     tap_diag("extra detail");
 *     return tap_done_testing();        // exit status 0 only when every test passed
 * Test descriptions go to stdout after "ok N - "; diagnostics go to stdout as "# ..." so
 * they stay in order with the results. */

typedef struct {
    int run, failed, planned;
} tap_state_t;

static inline tap_state_t *tap_state(void) {
    static tap_state_t st;
    return &st;
}

static inline void tap_plan(int n) {
    tap_state()->planned = n;
    printf("1..%d\n", n);
    fflush(stdout);
}

static inline void tap_vdiag(const char *fmt, va_list ap) {
    char buf[4096];
    vsnprintf(buf, sizeof buf, fmt, ap);
    for (char *line = buf, *nl; line; line = nl) {
        nl = strchr(line, '\n');
        if (nl) *nl++ = 0;
        printf("# %s\n", line);
    }
    fflush(stdout);
}

static inline void tap_diag(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tap_vdiag(fmt, ap);
    va_end(ap);
}

static inline bool tap_vok(bool cond, const char *fmt, va_list ap) {
    tap_state_t *st = tap_state();
    st->run++;
    if (!cond) st->failed++;
    printf("%sok %d", cond ? "" : "not ", st->run);
    if (fmt && *fmt) {
        char buf[1024];
        vsnprintf(buf, sizeof buf, fmt, ap);
        for (char *p = buf; *p; p++) /* keep one test per line; '#' would start a directive */
            if (*p == '\n' || *p == '#') *p = ' ';
        printf(" - %s", buf);
    }
    printf("\n");
    fflush(stdout);
    return cond;
}

static inline bool tap_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline bool tap_ok(bool cond, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bool r = tap_vok(cond, fmt, ap);
    va_end(ap);
    return r;
}

/* String comparison with a diagnostic showing both values on failure. */
static inline bool tap_is_str(const char *got, const char *want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline bool tap_is_str(const char *got, const char *want, const char *fmt, ...) {
    bool same = (got && want) ? strcmp(got, want) == 0 : got == want;
    va_list ap;
    va_start(ap, fmt);
    tap_vok(same, fmt, ap);
    va_end(ap);
    if (!same) tap_diag("     got: '%s'\nexpected: '%s'", got ? got : "(null)", want ? want : "(null)");
    return same;
}

static inline bool tap_is_int(long long got, long long want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline bool tap_is_int(long long got, long long want, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tap_vok(got == want, fmt, ap);
    va_end(ap);
    if (got != want) tap_diag("     got: %lld\nexpected: %lld", got, want);
    return got == want;
}

static inline void tap_skip(const char *why) {
    tap_state_t *st = tap_state();
    st->run++;
    printf("ok %d # skip %s\n", st->run, why);
    fflush(stdout);
}

/* Stops the whole test file: prints "Bail out!" and exits with status 255. */
static inline void tap_bail_out(const char *why) {
    printf("Bail out! %s\n", why);
    fflush(stdout);
    exit(255);
}

/* Prints the plan if none was given, summarises, and returns the exit status to use. */
static inline int tap_done_testing(void) {
    tap_state_t *st = tap_state();
    if (st->planned == 0) printf("1..%d\n", st->run);
    else if (st->planned != st->run) tap_diag("planned %d tests but ran %d", st->planned, st->run);
    if (st->failed) tap_diag("failed %d of %d tests", st->failed, st->run);
    fflush(stdout);
    if (st->failed) return st->failed > 254 ? 254 : st->failed;
    return (st->planned && st->planned != st->run) ? 255 : 0;
}

#endif
