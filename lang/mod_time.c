/* mod_time.c — the `time` module: clocks, sleep (interruptible), strftime, ctime. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include "object.h"
#include "init.h"
#include "vm.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static wk_value t_time(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("time", n, k) ? wk_float(clock_seconds(CLOCK_REALTIME)) : WK_NULLV;
}
static wk_value t_time_ns(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("time_ns", n, k) ? wk_int(clock_ns(CLOCK_REALTIME)) : WK_NULLV;
}
static wk_value t_perf_counter(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("perf_counter", n, k) ? wk_float(clock_seconds(CLOCK_MONOTONIC)) : WK_NULLV;
}
static wk_value t_perf_counter_ns(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("perf_counter_ns", n, k) ? wk_int(clock_ns(CLOCK_MONOTONIC)) : WK_NULLV;
}
static wk_value t_process_time(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("process_time", n, k) ? wk_float(clock_seconds(CLOCK_PROCESS_CPUTIME_ID)) : WK_NULLV;
}

/* Sleeps in slices of at most 50 ms so Ctrl-C / a Jupyter interrupt is seen quickly. */
static wk_value t_sleep(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    double secs;
    if (!wk_args_parse("sleep", args, nargs, kw, "secs /", v) || !wk_as_double(v[0], &secs))
        return WK_NULLV;
    if (isnan(secs)) return wk_raise(wk_exc_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return wk_raise(wk_exc_ValueError, "sleep length must be non-negative");
    double end = clock_seconds(CLOCK_MONOTONIC) + secs;
    for (;;) {
        if (!wk_check_interrupt()) return WK_NULLV;
        double left = end - clock_seconds(CLOCK_MONOTONIC);
        if (left <= 0) break;
        if (left > 0.05) left = 0.05;
        struct timespec ts = { (time_t)left, (long)((left - floor(left)) * 1e9) };
        nanosleep(&ts, NULL);
    }
    return WK_NONEV;
}

static wk_value t_strftime(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    if (!wk_args_parse("strftime", args, nargs, kw, "format /", v)) return WK_NULLV;
    if (!wk_is_str(v[0]))
        return wk_raise(wk_exc_TypeError, "strftime() argument 1 must be str, not %s", wk_typename(v[0]));
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char buf[1024];
    size_t n = strftime(buf, sizeof buf, wk_str_cstr(v[0]), &tm);
    return wk_str_new(buf, n);
}

static wk_value t_ctime(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    if (!wk_args_parse("ctime", args, nargs, kw, "|seconds /", v)) return WK_NULLV;
    double secs = clock_seconds(CLOCK_REALTIME);
    if (!WK_IS_NULL(v[0]) && !WK_IS_NONE(v[0]) && !wk_as_double(v[0], &secs)) return WK_NULLV;
    time_t t = (time_t)secs;
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[64];
    size_t n = strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
    return wk_str_new(buf, n);
}

static const wk_methoddef time_funcs[] = {
    { "time", t_time, 0, "Return the current time in seconds since the Epoch." },
    { "time_ns", t_time_ns, 0, "Return the current time in nanoseconds since the Epoch." },
    { "perf_counter", t_perf_counter, 0, "Performance counter for benchmarking." },
    { "perf_counter_ns", t_perf_counter_ns, 0, "Performance counter for benchmarking as nanoseconds." },
    { "monotonic", t_perf_counter, 0, "Monotonic clock, cannot go backward." },
    { "monotonic_ns", t_perf_counter_ns, 0, "Monotonic clock, cannot go backward, as nanoseconds." },
    { "process_time", t_process_time, 0, "Process time for profiling: sum of the kernel and user-space CPU time." },
    { "sleep", t_sleep, 0, "Delay execution for a given number of seconds." },
    { "strftime", t_strftime, 0, "Convert the current local time to a string according to a format." },
    { "ctime", t_ctime, 0, "Convert a time in seconds since the Epoch to a string in local time." },
    { NULL, NULL, 0, NULL }
};

wk_obj *wk_mod_time_init(void) {
    wk_obj *m = wk_module_new("time");
    if (m && !wk_module_add_funcs(m, time_funcs)) { wk_obj_decref(m); return NULL; }
    return m;
}
