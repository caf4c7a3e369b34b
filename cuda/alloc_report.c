/* alloc_report.c — memory_stats() keys in PyTorch's sorted order, memory_summary()'s table and c10's format_size. */
#include "alloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ memory_stats */

static const char *const k_arrays[] = {"allocation", "segment", "active", "inactive_split", "allocated_bytes",
                                       "reserved_bytes", "active_bytes", "inactive_split_bytes", "requested_bytes"};
static const char *const k_pools[WK_CPOOL_N] = {"all", "small_pool", "large_pool"};
static const char *const k_fields[4] = {"current", "peak", "allocated", "freed"};

typedef struct { char key[48]; int64_t val; } kv;

static int64_t stat_field(const wk_cstat *s, int f) {
    return f == 0 ? s->current : f == 1 ? s->peak : f == 2 ? s->allocated : s->freed;
}

static const wk_cstat *stat_array(const wk_calloc_stats *s, int i) {
    const wk_cstat *arrays[] = {s->allocation, s->segment, s->active, s->inactive_split, s->allocated_bytes,
                                s->reserved_bytes, s->active_bytes, s->inactive_split_bytes, s->requested_bytes};
    return arrays[i];
}

static int kv_cmp(const void *a, const void *b) { return strcmp(((const kv *)a)->key, ((const kv *)b)->key); }

static int collect(const wk_calloc_stats *s, kv *out) {
    int n = 0;
    for (int i = 0; i < 9; i++)
        for (int p = 0; p < WK_CPOOL_N; p++)
            for (int f = 0; f < 4; f++) {
                snprintf(out[n].key, sizeof out[n].key, "%s.%s.%s", k_arrays[i], k_pools[p], k_fields[f]);
                out[n++].val = stat_field(&stat_array(s, i)[p], f);
            }
    const wk_cstat *ov[2] = {&s->oversize_allocations, &s->oversize_segments};
    const char *ovn[2] = {"oversize_allocations", "oversize_segments"};
    for (int i = 0; i < 2; i++)
        for (int f = 0; f < 4; f++) {
            snprintf(out[n].key, sizeof out[n].key, "%s.%s", ovn[i], k_fields[f]);
            out[n++].val = stat_field(ov[i], f);
        }
    struct { const char *k; int64_t v; } sc[] = {
        {"max_split_size", s->max_split_size},     {"num_alloc_retries", s->num_alloc_retries},
        {"num_device_alloc", s->num_device_alloc}, {"num_device_free", s->num_device_free},
        {"num_ooms", s->num_ooms},                 {"num_sync_all_streams", s->num_sync_all_streams}};
    for (size_t i = 0; i < sizeof sc / sizeof *sc; i++) {
        snprintf(out[n].key, sizeof out[n].key, "%s", sc[i].k);
        out[n++].val = sc[i].v;
    }
    return n;
}

/* Keys are interned once: sorted order never changes. */
static char g_keys[WK_CALLOC_NKEYS][48];
static int g_order_ready;

int wk_calloc_stats_items(const wk_calloc_stats *s, const char **keys, int64_t *vals, int cap) {
    kv all[WK_CALLOC_NKEYS];
    int n = collect(s, all);
    qsort(all, (size_t)n, sizeof *all, kv_cmp);
    if (!g_order_ready) {
        for (int i = 0; i < n; i++) memcpy(g_keys[i], all[i].key, sizeof g_keys[i]);
        g_order_ready = 1;
    }
    int m = n < cap ? n : cap;
    for (int i = 0; i < m; i++) {
        if (keys) keys[i] = g_keys[i];
        if (vals) vals[i] = all[i].val;
    }
    return m;
}

/* ------------------------------------------------------------------ memory_summary */

typedef struct { char *buf; size_t cap, len; } sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t room = b->len < b->cap ? b->cap - b->len : 0;
    int n = vsnprintf(room ? b->buf + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) b->len += (size_t)n;
}

/* One cell of a size row: the unit comes from pref (the "all" row's value of the column). */
static void fmt_size(sbuf *b, int64_t sz, int64_t pref_i) {
    static const char *const units[] = {"B  ", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double pref = (double)pref_i;
    int u = 0;
    while (u < 5 && !(pref < 768.0 * 1024)) {
        u++;
        sz /= 1024;
        pref /= 1024;
    }
    sb_printf(b, "%6lld %s", (long long)sz, units[u]);
}

static void fmt_count(sbuf *b, int64_t c, int64_t pref_i) {
    static const char *const units[] = {" ", "K", "M"};
    double pref = (double)pref_i;
    int u = 0;
    while (u < 2 && !(pref < 750.0 * 1000)) {
        u++;
        c /= 1000;
        pref /= 1000;
    }
    sb_printf(b, "%7lld %s ", (long long)c, units[u]);
}

static void rule(sbuf *b, char c) {
    sb_printf(b, "|");
    for (int i = 0; i < 75; i++) sb_printf(b, "%c", c);
    sb_printf(b, "|\n");
}

/* A table row: name, then the four columns formatted against the reference row. */
static void row(sbuf *b, const char *name, const wk_cstat *v, const wk_cstat *ref, bool bytes) {
    void (*f)(sbuf *, int64_t, int64_t) = bytes ? fmt_size : fmt_count;
    sb_printf(b, "| %-21s | ", name);
    for (int col = 0; col < 4; col++) {
        f(b, stat_field(v, col), stat_field(ref, col));
        sb_printf(b, col < 3 ? " | " : " |\n");
    }
}

size_t wk_calloc_summary(const wk_calloc_stats *s, int device, bool abbreviated, char *buf, size_t cap) {
    static const struct { int arr; const char *name; bool bytes; } metrics[] = {
        {4, "Allocated memory", true}, {6, "Active memory", true},   {8, "Requested memory", true},
        {5, "GPU reserved memory", true}, {7, "Non-releasable memory", true}, {0, "Allocations", false},
        {2, "Active allocs", false},    {1, "GPU reserved segments", false}, {3, "Non-releasable allocs", false}};
    sbuf b = {buf, cap, 0};
    if (cap) buf[0] = 0;
    rule(&b, '=');
    sb_printf(&b, "| %16s PyTorch CUDA memory summary, device ID %-17d |\n", "", device);
    rule(&b, '-');
    sb_printf(&b, "|  %9s CUDA OOMs: %-12lld | %6s cudaMalloc retries: %-8lld  |\n", "", (long long)s->num_ooms, "",
              (long long)s->num_alloc_retries);
    rule(&b, '=');
    sb_printf(&b, "|        Metric         | Cur Usage  | Peak Usage | Tot Alloc  | Tot Freed  |\n");
    for (size_t m = 0; m < sizeof metrics / sizeof *metrics; m++) {
        const wk_cstat *arr = stat_array(s, metrics[m].arr);
        rule(&b, '-');
        row(&b, metrics[m].name, &arr[WK_CPOOL_ALL], &arr[WK_CPOOL_ALL], metrics[m].bytes);
        if (abbreviated) continue;
        row(&b, "      from large pool", &arr[WK_CPOOL_LARGE], &arr[WK_CPOOL_ALL], metrics[m].bytes);
        row(&b, "      from small pool", &arr[WK_CPOOL_SMALL], &arr[WK_CPOOL_ALL], metrics[m].bytes);
    }
    rule(&b, '-');
    row(&b, "Oversize allocations", &s->oversize_allocations, &s->oversize_allocations, false);
    rule(&b, '-');
    row(&b, "Oversize GPU segments", &s->oversize_segments, &s->oversize_segments, false);
    rule(&b, '=');
    return b.len;
}

/* ------------------------------------------------------------------ format_size */

void wk_calloc_format_size(uint64_t size, char *buf, size_t cap) {
    if (size <= 1024) snprintf(buf, cap, "%llu bytes", (unsigned long long)size);
    else if (size <= 1048576) snprintf(buf, cap, "%.2f KiB", (double)size / 1024.0);
    else if (size <= 1073741824ull) snprintf(buf, cap, "%.2f MiB", (double)size / 1048576.0);
    else snprintf(buf, cap, "%.2f GiB", (double)size / 1073741824.0);
}
