/* magic_time.c — the measuring magics: %time / %%time (CPU and wall time), %timeit / %%timeit (IPython's auto-ranging loops, mean ± std. dev.) and %memory (the tensor allocator's statistics per device). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "vm.h"
#include "display.h"
#include "magic.h"

/* ---------------------------------------------------------------- formatting */

/* IPython's _format_time: "1.23 ms", "4.56 µs", or "1min 5s" from a minute up. */
static void format_time(wk_sbuf *sb, double t, int precision) {
    if (t >= 60.0) {
        static const struct { const char *suffix; double len; } parts[] = {
            { "d", 86400 }, { "h", 3600 }, { "min", 60 }, { "s", 1 } };
        double left = t;
        bool first = true;
        for (size_t i = 0; i < 4; i++) {
            long long v = (long long)(left / parts[i].len);
            if (v > 0) {
                left = fmod(left, parts[i].len);
                wk_sbuf_printf(sb, "%s%lld%s", first ? "" : " ", v, parts[i].suffix);
                first = false;
            }
            if (left < 1) break;
        }
        return;
    }
    static const char *const units[] = { "s", "ms", "\xc2\xb5s", "ns" };
    static const double scale[] = { 1, 1e3, 1e6, 1e9 };
    int order = 3;
    if (t > 0.0) {
        int o = -(int)floor(floor(log10(t)) / 3);
        order = o < 3 ? o : 3;
    }
    wk_sbuf_printf(sb, "%.*g %s", precision, t * scale[order], units[order]);
}

static double wall_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void cpu_now(double *user, double *sys) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
    *sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* ---------------------------------------------------------------- %time */

/* Runs the statement(s) in __main__; the value of a final expression is returned (and
 * shown as the cell's result, as IPython does). */
wk_value wk_magic_time(const char *args, const char *cell) {
    const char *src = cell ? cell : args;
    if (!cell && !*args) return WK_NONEV;
    bool ends_with_expr = false;
    wk_obj *code = wk_compile_source_cell(src, strlen(src), cell ? "<timed exec>" : "<timed eval>", true,
                                          &ends_with_expr);
    if (!code) return WK_NULLV;
    double u0, s0, u1, s1;
    double w0 = wall_now();
    cpu_now(&u0, &s0);
    wk_value v = wk_eval_code(code, wk_vm_state.main_dict, NULL);
    cpu_now(&u1, &s1);
    double wall = wall_now() - w0;
    wk_obj_decref(code);
    if (WK_IS_NULL(v)) return v;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "CPU times: user ");
    format_time(&sb, u1 - u0, 3);
    wk_sbuf_adds(&sb, ", sys: ");
    format_time(&sb, s1 - s0, 3);
    wk_sbuf_adds(&sb, ", total: ");
    format_time(&sb, (u1 - u0) + (s1 - s0), 3);
    wk_sbuf_adds(&sb, "\nWall time: ");
    format_time(&sb, wall, 3);
    wk_sbuf_addc(&sb, '\n');
    wk_value r = wk_magic_print_sbuf(&sb);
    if (WK_IS_NULL(r)) { wk_decref(v); return r; }
    if (!ends_with_expr) { wk_decref(v); return WK_NONEV; }
    return v;
}

/* ---------------------------------------------------------------- %timeit */

typedef struct timeit_opts { long number, repeat, precision; bool quiet; const char *stmt; } timeit_opts;

/* -n N, -r R, -p P (attached or separate), -q, -t/-c (ignored: one clock); the rest is
 * the statement. */
static bool parse_timeit(const char *args, timeit_opts *o) {
    o->number = 0;
    o->repeat = 7;
    o->precision = 3;
    o->quiet = false;
    const char *p = args;
    for (;;) {
        while (*p == ' ' || *p == '\t') p++;
        if (p[0] == '-' && p[1] == 'o' && (p[2] == ' ' || !p[2])) {
            wk_raise(wk_exc_NotImplementedError, "%%timeit -o (a TimeitResult object) is not implemented in wick");
            return false;
        }
        if (p[0] != '-' || !p[1] || !strchr("nrpqtc", p[1])) break;
        char opt = p[1];
        p += 2;
        if (opt == 'q' || opt == 't' || opt == 'c') { o->quiet |= opt == 'q'; continue; }
        while (*p == ' ') p++;
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p) { wk_magic_usage_error("option -%c requires an integer argument", opt); return false; }
        p = end;
        if (opt == 'n') o->number = v;
        else if (opt == 'r') o->repeat = v;
        else o->precision = v;
    }
    if (o->repeat < 1 || o->number < 0) { wk_raise(wk_exc_ValueError, "repeat and number must be positive"); return false; }
    o->stmt = p;
    return true;
}

/* The timed function, compiled like IPython's template: the statement runs `number`
 * times inside a function whose globals are __main__'s. */
static wk_value make_inner(const char *stmt) {
    wk_sbuf src;
    wk_sbuf_init(&src);
    wk_sbuf_adds(&src, "def __wick_timeit_inner(_n, _timer):\n    _t0 = _timer()\n    for _i in range(_n):\n");
    const char *p = stmt;
    bool any = false;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        wk_sbuf_adds(&src, "        ");
        wk_sbuf_add(&src, p, n);
        wk_sbuf_addc(&src, '\n');
        any = true;
        p += n + (nl ? 1 : 0);
    }
    if (!any) wk_sbuf_adds(&src, "        pass\n");
    wk_sbuf_adds(&src, "    return _timer() - _t0\n");
    wk_obj *code = wk_compile_source(src.data, src.len, "<magic-timeit>", WK_MODE_EXEC, true);
    wk_sbuf_free(&src);
    if (!code) return WK_NULLV;
    wk_obj *ns = wk_dict_new();
    wk_value r = ns ? wk_eval_code(code, wk_vm_state.main_dict, ns) : WK_NULLV;
    wk_obj_decref(code);
    wk_value fn = WK_NULLV;
    if (!WK_IS_NULL(r)) fn = wk_incref(wk_dict_get_s(ns, "__wick_timeit_inner"));
    wk_decref(r);
    if (ns) wk_obj_decref(ns);
    return fn;
}

/* One measurement of `number` loops; false with an exception. */
static bool time_loops(wk_value inner, wk_value timer, long number, double *out) {
    wk_value r = wk_call2(inner, wk_int(number), timer);
    if (WK_IS_NULL(r)) return false;
    bool ok = wk_as_double(r, out);
    wk_decref(r);
    return ok;
}

static void report_timeit(const timeit_opts *o, long number, const double *runs) {
    double best = INFINITY, worst = 0, sum = 0, var = 0;
    for (long i = 0; i < o->repeat; i++) {
        double t = runs[i] / (double)number;
        best = t < best ? t : best;
        worst = t > worst ? t : worst;
        sum += t;
    }
    double mean = sum / (double)o->repeat;
    for (long i = 0; i < o->repeat; i++) var += pow(runs[i] / (double)number - mean, 2);
    double std = sqrt(var / (double)o->repeat);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (worst > 4 * best && best > 0 && worst > 1e-6)
        wk_sbuf_printf(&sb, "The slowest run took %0.2f times longer than the fastest. This could mean that an "
                            "intermediate result is being cached.\n", worst / best);
    format_time(&sb, mean, (int)o->precision);
    wk_sbuf_adds(&sb, " \xc2\xb1 ");
    format_time(&sb, std, (int)o->precision);
    char loops[32], grouped[48];
    int n = snprintf(loops, sizeof loops, "%ld", number), g = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) grouped[g++] = ',';
        grouped[g++] = loops[i];
    }
    grouped[g] = 0;
    wk_sbuf_printf(&sb, " per loop (mean \xc2\xb1 std. dev. of %ld run%s, %s loop%s each)\n", o->repeat,
                   o->repeat == 1 ? "" : "s", grouped, number == 1 ? "" : "s");
    wk_magic_print_sbuf(&sb);
}

wk_value wk_magic_timeit(const char *args, const char *cell) {
    timeit_opts o;
    if (!parse_timeit(args, &o)) return WK_NULLV;
    if (!cell && !*o.stmt) return WK_NONEV;
    if (cell && *o.stmt && !wk_exec_cell(o.stmt, strlen(o.stmt), "<magic-timeit-setup>", NULL, WK_MODE_EXEC, NULL))
        return WK_NULLV;
    wk_value inner = make_inner(cell ? cell : o.stmt);
    wk_value tmod = WK_IS_NULL(inner) ? WK_NULLV : wk_import("time");
    wk_value timer = WK_IS_NULL(tmod) ? WK_NULLV : wk_getattr_s(tmod, "perf_counter");
    double *runs = calloc((size_t)o.repeat, sizeof *runs);
    bool ok = !WK_IS_NULL(timer) && runs;
    long number = o.number;
    for (long idx = 0; ok && number == 0 && idx < 10; idx++) {    /* 0.2 s <= total */
        long trial = 1;
        for (long k = 0; k < idx; k++) trial *= 10;
        double t;
        ok = time_loops(inner, timer, trial, &t);
        if (ok && (t >= 0.2 || idx == 9)) number = trial;
    }
    for (long i = 0; ok && i < o.repeat; i++) ok = time_loops(inner, timer, number, &runs[i]);
    if (ok && !o.quiet) report_timeit(&o, number, runs);
    free(runs);
    wk_decref(inner);
    wk_decref(tmod);
    wk_decref(timer);
    if (!ok && !wk_err_occurred()) wk_raise_nomem();
    return ok ? WK_NONEV : WK_NULLV;
}

/* ---------------------------------------------------------------- %memory */

static void format_bytes(char *buf, size_t n, int64_t b) {
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    double v = (double)b;
    int u = 0;
    while (v >= 1024 && u < 4) { v /= 1024; u++; }
    if (u == 0) snprintf(buf, n, "%lld B", (long long)b);
    else snprintf(buf, n, "%.2f %s", v, units[u]);
}

static const char *const mem_heads[] = { "device", "allocated", "reserved", "peak allocated", "peak reserved" };

static void memory_cells(const wk_magic_memrow *r, char cells[5][40]) {
    snprintf(cells[0], 40, "%s", r->device);
    format_bytes(cells[1], 40, r->allocated);
    format_bytes(cells[2], 40, r->reserved);
    format_bytes(cells[3], 40, r->peak_allocated);
    format_bytes(cells[4], 40, r->peak_reserved);
}

static void memory_text(wk_sbuf *sb, const wk_magic_memrow *rows, int n) {
    size_t w[5];
    char cells[5][40];
    for (int c = 0; c < 5; c++) w[c] = strlen(mem_heads[c]);
    for (int i = 0; i < n; i++) {
        memory_cells(&rows[i], cells);
        for (int c = 0; c < 5; c++) if (strlen(cells[c]) > w[c]) w[c] = strlen(cells[c]);
    }
    for (int c = 0; c < 5; c++) wk_sbuf_printf(sb, c ? "  %*s" : "%-*s", (int)w[c], mem_heads[c]);
    wk_sbuf_addc(sb, '\n');
    for (int i = 0; i < n; i++) {
        memory_cells(&rows[i], cells);
        for (int c = 0; c < 5; c++) wk_sbuf_printf(sb, c ? "  %*s" : "%-*s", (int)w[c], cells[c]);
        wk_sbuf_addc(sb, '\n');
    }
}

static void memory_html(wk_sbuf *sb, const wk_magic_memrow *rows, int n) {
    char cells[5][40];
    wk_sbuf_adds(sb, "<table>\n<thead><tr>");
    for (int c = 0; c < 5; c++) wk_sbuf_printf(sb, "<th>%s</th>", mem_heads[c]);
    wk_sbuf_adds(sb, "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
        memory_cells(&rows[i], cells);
        wk_sbuf_adds(sb, "<tr>");
        for (int c = 0; c < 5; c++) wk_sbuf_printf(sb, "<td>%s</td>", cells[c]);
        wk_sbuf_adds(sb, "</tr>\n");
    }
    wk_sbuf_adds(sb, "</tbody>\n</table>");
}

/* Publishes text/plain + text/html through display() when a front end listens. */
static bool publish_table(wk_sbuf *text, wk_sbuf *html) {
    wk_obj *data = wk_dict_new(), *md = wk_dict_new();
    wk_value t = wk_str_new(text->data, text->len), h = wk_str_new(html->data, html->len);
    bool ok = data && md && !WK_IS_NULL(t) && !WK_IS_NULL(h) && wk_dict_set_s(data, "text/plain", t) == 0
              && wk_dict_set_s(data, "text/html", h) == 0
              && wk_display_state.publish(data, md, NULL, false, wk_display_state.ctx);
    wk_decref(t);
    wk_decref(h);
    if (data) wk_obj_decref(data);
    if (md) wk_obj_decref(md);
    return ok;
}

wk_value wk_magic_memory(const char *args, const char *cell) {
    (void)args;
    (void)cell;
    if (!wk_magic_memory_provider)
        return wk_raise(wk_exc_NotImplementedError, "%%memory needs the tensor runtime, which is not linked in");
    wk_magic_memrow rows[17];
    int n = wk_magic_memory_provider(rows, 17);
    if (n < 0) return WK_NULLV;
    wk_sbuf text, html;
    wk_sbuf_init(&text);
    wk_sbuf_init(&html);
    memory_text(&text, rows, n);
    bool ok;
    if (wk_display_state.publish) {
        memory_html(&html, rows, n);
        while (text.len && text.data[text.len - 1] == '\n') text.len--;
        ok = publish_table(&text, &html);
    } else {
        ok = wk_write_stdout(text.data, text.len);
    }
    wk_sbuf_free(&text);
    wk_sbuf_free(&html);
    return ok ? WK_NONEV : WK_NULLV;
}
