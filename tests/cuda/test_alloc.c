/* test_alloc.c — the caching allocator on a fake device, against PyTorch 2.11's figures in cuda.md (TAP). */
#include "../../cuda/alloc.h"
#include "../unit/tap.h"
#include <stdint.h>

/* ------------------------------------------------------------------ fake device */

typedef struct fake_dev {
    size_t capacity, used, total, free_override, proc_used;
    uintptr_t next_addr;
    int mallocs, frees, syncs;
    int fail_code; /* nonzero: every malloc fails with this code */
} fake_dev;

static size_t seg_sizes[1 << 16];
static uintptr_t seg_addrs[1 << 16];
static int nsegs;

static int fake_malloc(void *ctx, size_t n, void **out) {
    fake_dev *d = ctx;
    if (d->fail_code) return d->fail_code;
    if (n > d->capacity - d->used) return WK_CALLOC_RAW_OOM;
    d->used += n;
    d->mallocs++;
    seg_addrs[nsegs] = d->next_addr;
    seg_sizes[nsegs++] = n;
    *out = (void *)d->next_addr;
    d->next_addr += (n + 4095) / 4096 * 4096 + 4096;
    return WK_CALLOC_RAW_OK;
}

static int fake_free(void *ctx, void *p) {
    fake_dev *d = ctx;
    for (int i = 0; i < nsegs; i++)
        if (seg_addrs[i] == (uintptr_t)p) {
            d->used -= seg_sizes[i];
            seg_addrs[i] = seg_addrs[--nsegs];
            seg_sizes[i] = seg_sizes[nsegs];
            d->frees++;
            return 0;
        }
    tap_diag("fake_free of unknown pointer %p", p);
    return 1;
}

static int fake_info(void *ctx, size_t *fr, size_t *tot) {
    fake_dev *d = ctx;
    *tot = d->total ? d->total : d->capacity;
    *fr = d->free_override ? d->free_override : d->capacity - d->used;
    return 0;
}

static int fake_proc(void *ctx, size_t *b) {
    fake_dev *d = ctx;
    if (!d->proc_used) return 1;
    *b = d->proc_used;
    return 0;
}

static void fake_sync(void *ctx) { ((fake_dev *)ctx)->syncs++; }
static const char *fake_err(void *ctx, int code) { (void)ctx; return code == 7 ? "an illegal memory access was encountered" : NULL; }

static wk_calloc *make(fake_dev *d, size_t capacity) {
    memset(d, 0, sizeof *d);
    d->capacity = capacity;
    d->next_addr = 0x7f0000000000u;
    nsegs = 0;
    wk_calloc_raw raw = {d, fake_malloc, fake_free, fake_info, fake_proc, fake_sync, fake_err};
    return wk_calloc_new(0, &raw);
}

#define GiB (1ull << 30)
#define MiB (1ull << 20)

static wk_calloc_stats stats(wk_calloc *a) {
    wk_calloc_stats s;
    wk_calloc_get_stats(a, &s);
    return s;
}
static long long allocated(wk_calloc *a) { return stats(a).allocated_bytes[WK_CPOOL_ALL].current; }
static long long reserved(wk_calloc *a) { return stats(a).reserved_bytes[WK_CPOOL_ALL].current; }

static void *xmalloc(wk_calloc *a, size_t n) {
    void *p = NULL;
    if (wk_calloc_malloc(a, n, &p) != WK_CALLOC_OK) tap_diag("malloc(%zu) failed: %s", n, wk_calloc_error(a));
    return p;
}

/* ------------------------------------------------------------------ tests */

/* cuda.md "Rounding, each size alone after empty_cache()". */
static void test_rounding(void) {
    static const struct { size_t req; long long al, rs; } rows[] = {
        {0, 0, 0},
        {4, 512, 2097152},
        {516, 1024, 2097152},
        {4000, 4096, 2097152},
        {1048576, 1048576, 2097152},
        {1048580, 1049088, 20971520},
        {3145728, 3145728, 20971520},
        {10485760 - 4096, 10481664, 20971520},
        {10485760, 10485760, 10485760},
        {10485764, 10486272, 12582912},
        {22020096, 23068672, 23068672},
        {100000000, 100663296, 100663296},
    };
    fake_dev d;
    wk_calloc *a = make(&d, 8 * GiB);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        void *p = xmalloc(a, rows[i].req);
        tap_ok(allocated(a) == rows[i].al && reserved(a) == rows[i].rs,
               "rounding: %zu B -> allocated %lld reserved %lld (got %lld, %lld)", rows[i].req, rows[i].al,
               rows[i].rs, allocated(a), reserved(a));
        wk_calloc_free(a, p);
        wk_calloc_empty_cache(a);
    }
    tap_is_int(reserved(a), 0, "rounding: nothing reserved after the last empty_cache");
    tap_is_int(d.used, 0, "rounding: fake device empty");
    wk_calloc_destroy(a);
}

/* The cheat sheet's GPU Memory Management figures. */
static void test_cheat_sheet(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 140 * GiB);
    void *x = xmalloc(a, 4ull << 29);
    wk_calloc_free(a, x);
    void *y = xmalloc(a, 4ull << 28);
    tap_ok(y == x, "cheat sheet: y is split from x's cached segment");
    void *z = xmalloc(a, 4ull << 29);
    wk_calloc_free(a, z);
    wk_calloc_empty_cache(a);
    wk_calloc_stats s = stats(a);
    tap_is_int(s.allocated_bytes[0].current, 1073741824, "cheat sheet: memory_allocated");
    tap_is_int(s.reserved_bytes[0].current, 2147483648, "cheat sheet: memory_reserved");
    tap_is_int(s.allocated_bytes[0].peak, 3221225472, "cheat sheet: max_memory_allocated");
    tap_is_int(s.reserved_bytes[0].peak, 4294967296, "cheat sheet: max_memory_reserved");
    tap_is_int(s.num_device_alloc, 2, "cheat sheet: two cudaMallocs");
    tap_is_int(s.num_device_free, 1, "cheat sheet: one cudaFree");
    wk_calloc_reset_peak(a);
    s = stats(a);
    tap_is_int(s.allocated_bytes[0].peak, 1073741824, "reset_peak_memory_stats: peak = current");
    wk_calloc_free(a, y);
    wk_calloc_destroy(a);
    tap_is_int(d.used, 0, "destroy returns every segment");
}

static const char *k_summary =
    "|===========================================================================|\n"
    "|                  PyTorch CUDA memory summary, device ID 0                 |\n"
    "|---------------------------------------------------------------------------|\n"
    "|            CUDA OOMs: 0            |        cudaMalloc retries: 0         |\n"
    "|===========================================================================|\n"
    "|        Metric         | Cur Usage  | Peak Usage | Tot Alloc  | Tot Freed  |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Allocated memory      |   4100 KiB |   1028 MiB |   1028 MiB |   1024 MiB |\n"
    "|       from large pool |   4096 KiB |   1028 MiB |   1028 MiB |   1024 MiB |\n"
    "|       from small pool |      4 KiB |      0 MiB |      0 MiB |      0 MiB |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Active memory         |   4100 KiB |   1028 MiB |   1028 MiB |   1024 MiB |\n"
    "|       from large pool |   4096 KiB |   1028 MiB |   1028 MiB |   1024 MiB |\n"
    "|       from small pool |      4 KiB |      0 MiB |      0 MiB |      0 MiB |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Requested memory      |   4099 KiB |   1028 MiB |   1028 MiB |   1024 MiB |\n"
    "|       from large pool |   4096 KiB |   1028 MiB |   1028 MiB |   1024 MiB |\n"
    "|       from small pool |      3 KiB |      0 MiB |      0 MiB |      0 MiB |\n"
    "|---------------------------------------------------------------------------|\n"
    "| GPU reserved memory   |   1046 MiB |   1046 MiB |   1046 MiB |      0 B   |\n"
    "|       from large pool |   1044 MiB |   1044 MiB |   1044 MiB |      0 B   |\n"
    "|       from small pool |      2 MiB |      2 MiB |      2 MiB |      0 B   |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Non-releasable memory |  18428 KiB |  18428 KiB |  18428 KiB |      0 B   |\n"
    "|       from large pool |  16384 KiB |  16384 KiB |  16384 KiB |      0 B   |\n"
    "|       from small pool |   2044 KiB |   2044 KiB |   2044 KiB |      0 B   |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Allocations           |       2    |       3    |       3    |       1    |\n"
    "|       from large pool |       1    |       2    |       2    |       1    |\n"
    "|       from small pool |       1    |       1    |       1    |       0    |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Active allocs         |       2    |       3    |       3    |       1    |\n"
    "|       from large pool |       1    |       2    |       2    |       1    |\n"
    "|       from small pool |       1    |       1    |       1    |       0    |\n"
    "|---------------------------------------------------------------------------|\n"
    "| GPU reserved segments |       3    |       3    |       3    |       0    |\n"
    "|       from large pool |       2    |       2    |       2    |       0    |\n"
    "|       from small pool |       1    |       1    |       1    |       0    |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Non-releasable allocs |       2    |       2    |       2    |       0    |\n"
    "|       from large pool |       1    |       1    |       1    |       0    |\n"
    "|       from small pool |       1    |       1    |       1    |       0    |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Oversize allocations  |       0    |       0    |       0    |       0    |\n"
    "|---------------------------------------------------------------------------|\n"
    "| Oversize GPU segments |       0    |       0    |       0    |       0    |\n"
    "|===========================================================================|\n";

/* Line-by-line comparison so a failure shows the first differing line. */
static void is_text(const char *got, const char *want, const char *what) {
    bool same = !strcmp(got, want);
    tap_ok(same, "%s", what);
    if (same) return;
    for (int ln = 1;; ln++) {
        const char *ge = strchr(got, '\n'), *we = strchr(want, '\n');
        size_t gl = ge ? (size_t)(ge - got) : strlen(got), wl = we ? (size_t)(we - want) : strlen(want);
        if (gl != wl || memcmp(got, want, gl)) {
            tap_diag("line %d\n     got: '%.*s'\nexpected: '%.*s'", ln, (int)gl, got, (int)wl, want);
            return;
        }
        if (!ge || !we) return;
        got = ge + 1;
        want = we + 1;
    }
}

static void test_summary(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 140 * GiB);
    char buf[8192];
    wk_calloc_stats s = stats(a);
    wk_calloc_summary(&s, 0, false, buf, sizeof buf);
    tap_ok(strstr(buf, "| Allocated memory      |      0 B   |      0 B   |      0 B   |      0 B   |\n") != NULL,
           "summary: all-zero table before any allocation");
    void *pa = xmalloc(a, 1024 * 1024 * 4);
    void *pb = xmalloc(a, 256ull * 1024 * 1024 * 4);
    void *pc = xmalloc(a, 1000 * 4);
    wk_calloc_free(a, pb);
    s = stats(a);
    tap_is_int(s.allocated_bytes[0].current, 4198400, "summary sequence: memory_allocated");
    tap_is_int(s.reserved_bytes[0].current, 1096810496, "summary sequence: memory_reserved");
    tap_is_int(s.allocated_bytes[0].peak, 1077940224, "summary sequence: max_memory_allocated");
    size_t n = wk_calloc_summary(&s, 0, false, buf, sizeof buf);
    is_text(buf, k_summary, "memory_summary() byte for byte");
    tap_is_int((long long)n, (long long)strlen(k_summary), "summary: returned length");
    /* every line 77 characters */
    int bad = 0, lines = 0;
    for (const char *p = buf; *p; lines++) {
        const char *e = strchr(p, '\n');
        if (e - p != 77) bad++;
        p = e + 1;
    }
    tap_ok(!bad && lines == 47, "summary: 47 lines of 77 characters");
    char small[100];
    size_t n2 = wk_calloc_summary(&s, 0, false, small, sizeof small);
    tap_ok(n2 == n && strlen(small) == 99 && !strncmp(small, k_summary, 99), "summary: truncates like snprintf");
    wk_calloc_summary(&s, 0, true, buf, sizeof buf);
    lines = 0;
    for (const char *p = buf; *p; p++) lines += *p == '\n';
    tap_ok(lines == 29 && !strstr(buf, "from large pool"), "summary: abbreviated drops the pool rows (%d lines)", lines);
    wk_calloc_free(a, pa);
    wk_calloc_free(a, pc);
    wk_calloc_destroy(a);
}

static long long item(const char **keys, const int64_t *vals, int n, const char *k) {
    for (int i = 0; i < n; i++)
        if (!strcmp(keys[i], k)) return vals[i];
    tap_diag("no key %s", k);
    return -999;
}

static void test_stats_keys(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 140 * GiB);
    void *p = xmalloc(a, 4000);
    void *q = xmalloc(a, 3 * MiB);
    wk_calloc_free(a, q);
    wk_calloc_stats s = stats(a);
    const char *keys[200];
    int64_t vals[200];
    int n = wk_calloc_stats_items(&s, keys, vals, 200);
    tap_is_int(n, 122, "memory_stats: 122 keys");
    bool sorted = true;
    for (int i = 1; i < n; i++)
        if (strcmp(keys[i - 1], keys[i]) >= 0) sorted = false;
    tap_ok(sorted, "memory_stats: keys strictly sorted");
    tap_is_str(keys[0], "active.all.allocated", "memory_stats: first key");
    tap_is_str(keys[n - 1], "segment.small_pool.peak", "memory_stats: last key");
    tap_is_int(item(keys, vals, n, "max_split_size"), -1, "max_split_size is -1");
    tap_is_int(item(keys, vals, n, "allocated_bytes.all.current"), 4096, "allocated_bytes.all.current");
    tap_is_int(item(keys, vals, n, "allocated_bytes.all.allocated"), 4096 + 3 * MiB, "allocated_bytes.all.allocated");
    tap_is_int(item(keys, vals, n, "allocated_bytes.large_pool.freed"), 3 * MiB, "allocated_bytes.large_pool.freed");
    tap_is_int(item(keys, vals, n, "requested_bytes.small_pool.current"), 4000, "requested_bytes is unrounded");
    tap_is_int(item(keys, vals, n, "reserved_bytes.all.current"), 22 * MiB, "reserved 2 MiB + 20 MiB");
    tap_is_int(item(keys, vals, n, "inactive_split_bytes.small_pool.current"), 2 * MiB - 4096,
               "inactive_split_bytes: free remainder of the small segment");
    tap_is_int(item(keys, vals, n, "inactive_split.large_pool.current"), 0,
               "inactive_split: the large segment merged back whole");
    tap_is_int(item(keys, vals, n, "inactive_split_bytes.large_pool.peak"), 17 * MiB, "inactive_split_bytes peak");
    tap_is_int(item(keys, vals, n, "segment.all.current"), 2, "segment.all.current");
    tap_is_int(item(keys, vals, n, "num_device_alloc"), 2, "num_device_alloc");
    tap_is_int(item(keys, vals, n, "oversize_allocations.current"), 0, "oversize_allocations");
    int m = wk_calloc_stats_items(&s, keys, vals, 5);
    tap_is_int(m, 5, "memory_stats: cap respected");
    wk_calloc_reset_accumulated(a);
    s = stats(a);
    tap_ok(s.allocated_bytes[0].allocated == 0 && s.allocated_bytes[0].current == 4096 && s.num_device_alloc == 0,
           "reset_accumulated_memory_stats clears totals, keeps current");
    wk_calloc_free(a, p);
    wk_calloc_destroy(a);
}

static const char *k_oom =
    "CUDA out of memory. Tried to allocate 37252.90 GiB. GPU 0 has a total capacity of 139.80 GiB of which 139.10 GiB "
    "is free. Including non-PyTorch memory, this process has 710.00 MiB memory in use. Of the allocated memory 32.05 "
    "MiB is allocated by PyTorch, and 1.95 MiB is reserved by PyTorch but unallocated. If reserved but unallocated "
    "memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See "
    "documentation for Memory Management  "
    "(https://docs.pytorch.org/docs/stable/notes/cuda.html#optimizing-memory-usage-with-pytorch-cuda-alloc-conf)";

static void test_oom(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 139 * GiB);
    d.total = 150109397280ull;      /* 143155 MiB + a bit: "139.80 GiB" */
    d.free_override = 149357487718ull; /* "139.10 GiB" */
    d.proc_used = 710 * MiB;
    void *ws = xmalloc(a, 32 * MiB); /* the cuBLAS workspace */
    void *sm[100];
    for (int i = 0; i < 100; i++) sm[i] = xmalloc(a, 4);
    void *big = NULL;
    wk_calloc_status rc = wk_calloc_malloc(a, 4ull * 10000000000000ull, &big);
    tap_ok(rc == WK_CALLOC_OOM && big == NULL, "torch.empty(10**13) is out of memory");
    is_text(wk_calloc_error(a), k_oom, "OOM message verbatim");
    wk_calloc_stats s = stats(a);
    tap_is_int(s.num_ooms, 1, "num_ooms counts it");
    tap_is_int(s.num_alloc_retries, 1, "one cudaMalloc retry");
    tap_is_int(s.num_sync_all_streams, 1, "the retry synchronised");
    tap_is_int(d.syncs, 1, "raw sync called once");
    void *after = xmalloc(a, 1000);
    tap_ok(after != NULL, "allocations work after an OOM");
    rc = wk_calloc_malloc(a, 200 * GiB, &big);
    tap_ok(rc == WK_CALLOC_OOM && strstr(wk_calloc_error(a), "Tried to allocate 200.00 GiB.") != NULL,
           "200 GiB request: 'Tried to allocate 200.00 GiB.'");
    wk_calloc_free(a, after);
    wk_calloc_free(a, ws);
    for (int i = 0; i < 100; i++) wk_calloc_free(a, sm[i]);
    wk_calloc_destroy(a);

    /* a retry that succeeds: the cached 20 MiB segment is returned first */
    a = make(&d, 40 * MiB);
    void *p = xmalloc(a, 3 * MiB);
    wk_calloc_free(a, p);
    void *q = NULL;
    rc = wk_calloc_malloc(a, 30 * MiB, &q);
    s = stats(a);
    tap_ok(rc == WK_CALLOC_OK && q, "retry after freeing the cache succeeds");
    tap_ok(s.num_alloc_retries == 1 && s.num_ooms == 0 && s.num_device_free == 1 && s.reserved_bytes[0].current == 30 * MiB,
           "retry counters: retries 1, ooms 0, device frees 1, reserved 30 MiB");
    wk_calloc_free(a, q);
    d.fail_code = 7;
    wk_calloc_empty_cache(a);
    rc = wk_calloc_malloc(a, 100, &q);
    tap_ok(rc == WK_CALLOC_ERROR && !strcmp(wk_calloc_error(a), "CUDA error: an illegal memory access was encountered"),
           "a non-OOM device error is reported as such (%s)", wk_calloc_error(a));
    tap_is_int(stats(a).num_ooms, 0, "hard errors are not OOMs");
    wk_calloc_destroy(a);
}

static void test_split_merge(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 1 * GiB);
    void *p[4];
    for (int i = 0; i < 4; i++) p[i] = xmalloc(a, 1000);
    tap_ok((uintptr_t)p[1] == (uintptr_t)p[0] + 1024 && (uintptr_t)p[3] == (uintptr_t)p[0] + 3072,
           "small blocks packed in one segment");
    tap_is_int(stats(a).segment[0].current, 1, "one small segment");
    wk_calloc_free(a, p[1]);
    wk_calloc_stats s = stats(a);
    tap_is_int(s.inactive_split[WK_CPOOL_SMALL].current, 2, "two inactive split blocks (hole + tail)");
    tap_is_int(s.inactive_split_bytes[WK_CPOOL_SMALL].current, 2 * MiB - 3072, "inactive bytes = hole + tail");
    void *r = xmalloc(a, 600);
    tap_ok(r == p[1], "best fit reuses the 1 KiB hole, not the tail");
    s = stats(a);
    tap_is_int(s.inactive_split[WK_CPOOL_SMALL].current, 1, "hole used up exactly: one inactive block");
    wk_calloc_free(a, p[2]);
    wk_calloc_free(a, r);
    s = stats(a);
    tap_is_int(s.inactive_split[WK_CPOOL_SMALL].current, 2, "freed neighbours merge into one hole");
    wk_calloc_empty_cache(a);
    tap_is_int(reserved(a), 2 * MiB, "empty_cache keeps a segment with a live block");
    wk_calloc_free(a, p[0]);
    wk_calloc_free(a, p[3]);
    s = stats(a);
    tap_ok(s.inactive_split[0].current == 0 && s.inactive_split_bytes[0].current == 0,
           "all freed: the segment is one whole free block again");
    tap_ok(!wk_calloc_free(a, p[3]), "double free is refused");
    tap_ok(!wk_calloc_free(a, (char *)p[0] + 8), "interior pointer is refused");
    wk_calloc_empty_cache(a);
    tap_ok(reserved(a) == 0 && d.used == 0, "empty_cache releases the whole segment");

    /* large pool: remainder of exactly 1 MiB is not split off; a larger one is */
    void *x = xmalloc(a, 19 * MiB);
    tap_is_int(allocated(a), 20 * MiB, "19 MiB in a 20 MiB segment: remainder 1 MiB not split");
    wk_calloc_free(a, x);
    x = xmalloc(a, 18 * MiB + 512);
    tap_is_int(allocated(a), 18 * MiB + 512, "18 MiB + 512 B: remainder > 1 MiB is split off");
    void *y = xmalloc(a, 1 * MiB + 512);
    tap_ok((uintptr_t)y == (uintptr_t)x + 18 * MiB + 512 && reserved(a) == 20 * MiB,
           "next large request reuses the remainder");
    void *z = NULL;
    tap_ok(wk_calloc_malloc(a, 0, &z) == WK_CALLOC_OK && z == NULL && stats(a).allocation[0].current == 2,
           "a zero-byte request touches nothing");
    tap_is_int((long long)wk_calloc_block_size(a, y), (long long)(2 * MiB - 512), "block_size of y: the whole remainder (not split)");
    wk_calloc_free(a, x);
    wk_calloc_free(a, y);
    wk_calloc_destroy(a);
}

static void test_format_size(void) {
    static const struct { uint64_t v; const char *s; } rows[] = {
        {0, "0 bytes"}, {1024, "1024 bytes"}, {1025, "1.00 KiB"}, {1048576, "1024.00 KiB"},
        {2097152, "2.00 MiB"}, {1073741824, "1024.00 MiB"}, {1073741825, "1.00 GiB"}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char b[64];
        wk_calloc_format_size(rows[i].v, b, sizeof b);
        tap_is_str(b, rows[i].s, "format_size(%llu)", (unsigned long long)rows[i].v);
    }
}

/* The 122 key names as cuda.md lists them, built from its pattern (not from alloc_report.c's
 * tables) and sorted like Python's result.sort(). */
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static void test_stats_key_list(void) {
    static const char *const counts[] = {"active", "allocation", "inactive_split", "segment"};
    static const char *const bytes[] = {"active_bytes", "allocated_bytes", "inactive_split_bytes", "requested_bytes",
                                        "reserved_bytes"};
    static const char *const pools[] = {"all", "large_pool", "small_pool"};
    static const char *const fields[] = {"allocated", "current", "freed", "peak"};
    static const char *const scalars[] = {"max_split_size", "num_alloc_retries", "num_device_alloc",
                                          "num_device_free", "num_ooms", "num_sync_all_streams"};
    static char names[WK_CALLOC_NKEYS + 8][48];
    const char *want[WK_CALLOC_NKEYS + 8];
    int n = 0;
    for (int g = 0; g < 9; g++)
        for (int p = 0; p < 3; p++)
            for (int f = 0; f < 4; f++)
                snprintf(names[n++], sizeof names[0], "%s.%s.%s", g < 4 ? counts[g] : bytes[g - 4], pools[p], fields[f]);
    for (int o = 0; o < 2; o++)
        for (int f = 0; f < 4; f++)
            snprintf(names[n++], sizeof names[0], "%s.%s", o ? "oversize_segments" : "oversize_allocations", fields[f]);
    for (int i = 0; i < 6; i++) snprintf(names[n++], sizeof names[0], "%s", scalars[i]);
    for (int i = 0; i < n; i++) want[i] = names[i];
    qsort(want, (size_t)n, sizeof *want, cmp_str);
    tap_is_int(n, WK_CALLOC_NKEYS, "cuda.md's pattern gives 122 keys");
    wk_calloc_stats s;
    memset(&s, 0, sizeof s);
    const char *keys[WK_CALLOC_NKEYS];
    int64_t vals[WK_CALLOC_NKEYS];
    int got = wk_calloc_stats_items(&s, keys, vals, WK_CALLOC_NKEYS);
    int first_bad = -1;
    for (int i = 0; i < got && i < n && first_bad < 0; i++)
        if (strcmp(keys[i], want[i])) first_bad = i;
    tap_ok(got == n && first_bad < 0, "memory_stats(): every key name, in sorted order");
    if (first_bad >= 0) tap_diag("key %d: got %s, expected %s", first_bad, keys[first_bad], want[first_bad]);
}

/* memory_stats() after the summary sequence agrees with the table's figures. */
static void test_stats_match_summary(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 140 * GiB);
    void *pa = xmalloc(a, 1024 * 1024 * 4), *pb = xmalloc(a, 256ull * 1024 * 1024 * 4), *pc = xmalloc(a, 1000 * 4);
    wk_calloc_free(a, pb);
    wk_calloc_stats s = stats(a);
    const char *keys[WK_CALLOC_NKEYS];
    int64_t vals[WK_CALLOC_NKEYS];
    int n = wk_calloc_stats_items(&s, keys, vals, WK_CALLOC_NKEYS);
    static const struct { const char *k; long long v; } rows[] = {
        {"allocated_bytes.all.current", 4198400},          {"allocated_bytes.all.peak", 1077940224},
        {"allocated_bytes.small_pool.current", 4096},      {"requested_bytes.all.current", 4198304},
        {"requested_bytes.small_pool.current", 4000},      {"reserved_bytes.all.current", 1096810496},
        {"reserved_bytes.large_pool.current", 1094713344}, {"inactive_split_bytes.large_pool.current", 16777216},
        {"inactive_split_bytes.small_pool.current", 2093056}, {"inactive_split.all.current", 2},
        {"allocation.all.peak", 3},                        {"allocation.large_pool.freed", 1},
        {"segment.all.current", 3},                        {"segment.small_pool.current", 1},
        {"num_device_alloc", 3},                           {"num_device_free", 0},
        {"num_sync_all_streams", 0},                       {"max_split_size", -1}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        tap_is_int(item(keys, vals, n, rows[i].k), rows[i].v, "summary sequence: %s", rows[i].k);
    wk_calloc_empty_cache(a);
    s = stats(a);
    tap_ok(s.reserved_bytes[0].current == 22 * MiB && s.num_device_free == 1 && s.num_sync_all_streams == 1,
           "empty_cache() frees only b's whole segment (reserved 22 MiB, one cudaFree, one sync)");
    wk_calloc_free(a, pa);
    wk_calloc_free(a, pc);
    wk_calloc_destroy(a);
}

/* The 1/2/3 GiB cheat-sheet sequence, the statistics beyond the four figures. */
static void test_cheat_sheet_stats(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 140 * GiB);
    void *x = xmalloc(a, 4ull << 29);
    wk_calloc_free(a, x);
    void *y = xmalloc(a, 4ull << 28);
    wk_calloc_stats s = stats(a);
    tap_ok(s.inactive_split[WK_CPOOL_LARGE].current == 1 && s.inactive_split_bytes[WK_CPOOL_LARGE].current == (long long)GiB,
           "y split from x's segment leaves one inactive 1 GiB block");
    void *z = xmalloc(a, 4ull << 29);
    s = stats(a);
    tap_ok(s.segment[0].current == 2 && s.reserved_bytes[0].current == 4 * (long long)GiB && (uintptr_t)z != (uintptr_t)x,
           "z gets a second 2 GiB segment (the 1 GiB remainder is too small)");
    wk_calloc_free(a, z);
    wk_calloc_empty_cache(a);
    s = stats(a);
    tap_ok(s.segment[0].current == 1 && s.inactive_split_bytes[0].current == (long long)GiB &&
               s.allocation[0].allocated == 3 && s.allocation[0].freed == 2 && s.requested_bytes[0].current == (long long)GiB,
           "after empty_cache: one segment, 1 GiB inactive, 3 allocations / 2 frees in total");
    wk_calloc_free(a, y);
    s = stats(a);
    tap_ok(s.inactive_split[0].current == 0 && s.inactive_split_bytes[0].current == 0 && s.active_bytes[0].current == 0,
           "freeing y merges the segment back into one block");
    wk_calloc_destroy(a);
}

/* Cells of the summary with K/M counts, large sizes and nonzero OOM counters; the expected
 * lines are CPython's str.format of PyTorch's format strings (cuda.md's rules). */
static void test_summary_units(void) {
    wk_calloc_stats s;
    memset(&s, 0, sizeof s);
    s.max_split_size = -1;
    s.num_ooms = 3;
    s.num_alloc_retries = 12;
    const int64_t G = (int64_t)GiB, T = (int64_t)GiB << 10;
    wk_cstat al[3] = {{786431, 786432, 5 * G, 3 * T + 5}, {4000, 4000, 4000, 5}, {782431, 786432, 5 * G - 4000, 3 * T}};
    wk_cstat cnt[3] = {{749999, 750000, 1234567890, 999}, {999, 0, 890, 0}, {749000, 750000, 1234567000, 999}};
    memcpy(s.allocated_bytes, al, sizeof al);
    memcpy(s.allocation, cnt, sizeof cnt);
    static char buf[8192];
    wk_calloc_summary(&s, 1, false, buf, sizeof buf);
    static const char *const lines[] = {
        "|                  PyTorch CUDA memory summary, device ID 1                 |\n",
        "|            CUDA OOMs: 3            |        cudaMalloc retries: 12        |\n",
        "| Allocated memory      | 786431 B   |    768 KiB |   5120 MiB |   3072 GiB |\n"
        "|       from large pool | 782431 B   |    768 KiB |   5119 MiB |   3072 GiB |\n"
        "|       from small pool |   4000 B   |      3 KiB |      0 MiB |      0 GiB |\n",
        "| Allocations           |  749999    |     750 K  |    1234 M  |     999    |\n"
        "|       from large pool |  749000    |     750 K  |    1234 M  |     999    |\n"
        "|       from small pool |     999    |       0 K  |       0 M  |       0    |\n"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        bool found = strstr(buf, lines[i]) != NULL;
        tap_ok(found, "summary units: line group %zu", i + 1);
        if (!found) tap_diag("expected:\n%s", lines[i]);
    }
}

/* OOM with a cache that cannot all be released: the retry frees the whole cached segments,
 * keeps split ones, and the message's figures are taken after that. */
static void test_oom_partial_cache(void) {
    fake_dev d;
    wk_calloc *a = make(&d, 64 * MiB);
    void *keep = xmalloc(a, 4 * MiB);  /* 20 MiB segment, 16 MiB free remainder (split) */
    void *gone = xmalloc(a, 18 * MiB); /* an 18 MiB segment (bigger than the remainder) */
    wk_calloc_free(a, gone);
    tap_is_int(reserved(a), 38 * MiB, "before: 20 + 18 MiB reserved");
    void *big = NULL;
    wk_calloc_status rc = wk_calloc_malloc(a, 50 * MiB, &big);
    wk_calloc_stats s = stats(a);
    tap_ok(rc == WK_CALLOC_OOM && big == NULL, "50 MiB: more than the device has left even after the retry: OOM");
    tap_ok(s.reserved_bytes[0].current == 20 * MiB && s.num_device_free == 1 && s.num_alloc_retries == 1,
           "the retry released the cached 18 MiB segment only");
    tap_ok(strstr(wk_calloc_error(a), "Tried to allocate 50.00 MiB. GPU 0 has a total capacity of 64.00 MiB of which "
                                      "44.00 MiB is free. Including non-PyTorch memory, this process has 20.00 MiB "
                                      "memory in use.") != NULL &&
               strstr(wk_calloc_error(a), "Of the allocated memory 4.00 MiB is allocated by PyTorch, and 16.00 MiB is "
                                          "reserved by PyTorch but unallocated.") != NULL,
           "OOM figures after the release (%s)", wk_calloc_error(a));
    tap_ok(s.allocated_bytes[0].current == 4 * MiB && s.allocation[0].current == 1, "the failed request left no trace");
    /* the split remainder still serves a request that fits it */
    void *fits = xmalloc(a, 15 * MiB);
    tap_ok(fits == (char *)keep + 4 * MiB && reserved(a) == 20 * MiB, "after the OOM, 15 MiB reuses the remainder");
    /* sizes near the top of size_t must not wrap around in the rounding */
    rc = wk_calloc_malloc(a, SIZE_MAX, &big);
    tap_ok(rc == WK_CALLOC_OOM && big == NULL && stats(a).allocation[0].current == 2, "malloc(SIZE_MAX) is an OOM");
    wk_calloc_free(a, fits);
    wk_calloc_free(a, keep);
    wk_calloc_destroy(a);
}

int main(void) {
    test_stats_key_list();
    test_stats_match_summary();
    test_cheat_sheet_stats();
    test_summary_units();
    test_oom_partial_cache();
    test_rounding();
    test_cheat_sheet();
    test_summary();
    test_stats_keys();
    test_oom();
    test_split_merge();
    test_format_size();
    return tap_done_testing();
}
