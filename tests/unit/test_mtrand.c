/* test_mtrand.c — checks lang/mtrand.h against CPython random streams in tests/unit/data/mtrand.txt. */
#include "../../lang/mtrand.h"
#include "tap.h"
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DATA_FILE "tests/unit/data/mtrand.txt"
#define MAXF 8

static wk_mt g_st;
static char g_seed[64] = "(none)"; /* for test descriptions */

static double bits2d(const char *hex) {
    uint64_t b = strtoull(hex, NULL, 16);
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static bool same_double(double got, const char *hex) {
    double want = bits2d(hex);
    return memcmp(&got, &want, sizeof got) == 0;
}

static int64_t i64(const char *s) { return (int64_t)strtoll(s, NULL, 10); }
static uint64_t u64(const char *s) { return (uint64_t)strtoull(s, NULL, 10); }

/* Parses a comma-separated list of unsigned integers; returns the count. */
static size_t parse_list(const char *s, uint64_t *out, size_t cap) {
    size_t n = 0;
    while (*s && n < cap) {
        char *end;
        out[n++] = strtoull(s, &end, 10);
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

static void do_seed(char **f) {
    snprintf(g_seed, sizeof g_seed, "%s %.40s", f[1], f[2]);
    if (!strcmp(f[1], "int")) {
        wk_mt_seed_int(&g_st, i64(f[2]));
    } else if (!strcmp(f[1], "float")) {
        wk_mt_seed_float(&g_st, bits2d(f[2]));
    } else {
        uint64_t w[16];
        size_t n = parse_list(f[2], w, 16);
        wk_mt_seed_u64array(&g_st, w, n);
    }
}

static void do_state(char **f) {
    static uint64_t want[WK_MT_N + 1];
    uint32_t words[WK_MT_N + 1];
    bool has_g;
    double g;
    size_t n = parse_list(f[1], want, WK_MT_N + 1);
    wk_mt_getstate(&g_st, words, &has_g, &g);
    bool same = n == WK_MT_N + 1;
    for (size_t i = 0; same && i < n; i++) same = words[i] == want[i];
    bool gsame = !strcmp(f[2], "none") ? !has_g : (has_g && same_double(g, f[2]));
    tap_ok(same && gsame, "getstate() after seed %s", g_seed);
    /* setstate round trip: a copy continues with the same stream */
    wk_mt copy;
    memset(&copy, 0xAB, sizeof copy);
    bool ok = wk_mt_setstate(&copy, words, has_g, g);
    wk_mt probe = g_st;
    bool stream = ok && wk_mt_genrand32(&copy) == wk_mt_genrand32(&probe) &&
                  wk_mt_gauss(&copy, 0, 1) == wk_mt_gauss(&probe, 0, 1);
    tap_ok(stream, "setstate() reproduces the stream (seed %s)", g_seed);
}

static void do_list_u32(char **f) {
    uint64_t want[2048];
    size_t n = (size_t)i64(f[1]), got = parse_list(f[2], want, 2048);
    bool same = got == n;
    for (size_t i = 0; same && i < n; i++) same = wk_mt_genrand32(&g_st) == want[i];
    tap_ok(same, "%zu x getrandbits(32) (seed %s)", n, g_seed);
}

static void do_random(char **f) {
    size_t n = (size_t)i64(f[1]);
    const char *p = f[2];
    bool same = true;
    for (size_t i = 0; i < n; i++, p += 17) same &= same_double(wk_mt_random(&g_st), p);
    tap_ok(same, "%zu x random() (seed %s)", n, g_seed);
}

static void do_bits(char **f) {
    int k = (int)i64(f[1]);
    if (!strcmp(f[0], "bits")) {
        uint64_t v = wk_mt_getrandbits(&g_st, k);
        tap_ok(v == u64(f[2]), "getrandbits(%d) (seed %s)", k, g_seed);
        return;
    }
    uint32_t w[8];
    uint64_t want[8];
    size_t n = parse_list(f[2], want, 8);
    wk_mt_getrandbits_words(&g_st, k, w);
    bool same = n == (size_t)(k + 31) / 32;
    for (size_t i = 0; same && i < n; i++) same = w[i] == want[i];
    tap_ok(same, "getrandbits(%d) as words (seed %s)", k, g_seed);
}

static void check_result(bool ok, int64_t v, const char *err, char **f, int st_field,
                         const char *what) {
    const char *st = f[st_field], *want = f[st_field + 1];
    if (!strcmp(st, "ok")) {
        if (!tap_ok(ok && v == i64(want), "%s (seed %s)", what, g_seed))
            tap_diag("got %" PRId64 " (ok=%d %s), expected %s", v, ok, err, want);
    } else {
        if (tap_ok(!ok, "%s fails (seed %s)", what, g_seed)) tap_is_str(err, want, "%s message", what);
    }
}

static void do_ints(char **f) {
    char err[128] = "", what[160];
    int64_t v = 0;
    bool ok;
    if (!strcmp(f[0], "below")) {
        uint64_t r = wk_mt_randbelow(&g_st, u64(f[1]));
        tap_ok(r == u64(f[2]), "randbelow(%s) (seed %s)", f[1], g_seed);
    } else if (!strcmp(f[0], "rr")) {
        ok = wk_mt_randrange(&g_st, i64(f[1]), i64(f[2]), i64(f[3]), &v, err, sizeof err);
        snprintf(what, sizeof what, "randrange(%s, %s, %s)", f[1], f[2], f[3]);
        check_result(ok, v, err, f, 4, what);
    } else if (!strcmp(f[0], "rrs")) {
        ok = wk_mt_randrange_stop(&g_st, i64(f[1]), &v, err, sizeof err);
        snprintf(what, sizeof what, "randrange(%s)", f[1]);
        check_result(ok, v, err, f, 2, what);
    } else if (!strcmp(f[0], "rint")) {
        ok = wk_mt_randint(&g_st, i64(f[1]), i64(f[2]), &v, err, sizeof err);
        snprintf(what, sizeof what, "randint(%s, %s)", f[1], f[2]);
        check_result(ok, v, err, f, 3, what);
    } else if (!strcmp(f[0], "choice")) {
        tap_ok(wk_mt_choice_index(&g_st, u64(f[1])) == u64(f[2]), "choice(range(%s))", f[1]);
    } else {
        tap_ok(wk_mt_choices_index(&g_st, u64(f[1])) == u64(f[2]), "choices(range(%s))", f[1]);
    }
}

static void do_seq(char **f) {
    static uint64_t want[1024];
    static size_t got[1024];
    size_t n = (size_t)i64(f[1]);
    if (!strcmp(f[0], "shuf")) {
        size_t m = parse_list(f[2], want, 1024);
        for (size_t i = 0; i < n; i++) got[i] = i;
        wk_mt_shuffle(&g_st, got, n, sizeof got[0]);
        bool same = m == n;
        for (size_t i = 0; same && i < n; i++) same = got[i] == want[i];
        tap_ok(same, "shuffle of %zu (seed %s)", n, g_seed);
        return;
    }
    size_t k = (size_t)i64(f[2]), m = parse_list(f[3], want, 1024);
    bool same = wk_mt_sample(&g_st, n, k, got) && m == k;
    for (size_t i = 0; same && i < k; i++) same = got[i] == want[i];
    tap_ok(same, "sample(range(%zu), %zu) (seed %s)", n, k, g_seed);
}

static void do_real(char **f) {
    const char *k = f[0];
    double v;
    int rf; /* index of the result field */
    if (!strcmp(k, "unif")) { v = wk_mt_uniform(&g_st, bits2d(f[1]), bits2d(f[2])); rf = 3; }
    else if (!strcmp(k, "gauss")) { v = wk_mt_gauss(&g_st, bits2d(f[1]), bits2d(f[2])); rf = 3; }
    else if (!strcmp(k, "normal")) { v = wk_mt_normalvariate(&g_st, bits2d(f[1]), bits2d(f[2])); rf = 3; }
    else if (!strcmp(k, "logn")) { v = wk_mt_lognormvariate(&g_st, bits2d(f[1]), bits2d(f[2])); rf = 3; }
    else if (!strcmp(k, "expo")) { v = wk_mt_expovariate(&g_st, bits2d(f[1])); rf = 2; }
    else if (!strcmp(k, "pareto")) { v = wk_mt_paretovariate(&g_st, bits2d(f[1])); rf = 2; }
    else if (!strcmp(k, "weibull")) { v = wk_mt_weibullvariate(&g_st, bits2d(f[1]), bits2d(f[2])); rf = 3; }
    else {
        bool has_mode = strcmp(f[3], "none") != 0;
        v = wk_mt_triangular(&g_st, bits2d(f[1]), bits2d(f[2]), has_mode ? bits2d(f[3]) : 0, has_mode);
        rf = 4;
    }
    if (!tap_ok(same_double(v, f[rf]), "%s (seed %s)", k, g_seed))
        tap_diag("got %.17g expected %.17g", v, bits2d(f[rf]));
}

typedef struct {
    const char *kind;
    void (*fn)(char **);
} handler;

static const handler handlers[] = {
    {"seed", do_seed},   {"state", do_state}, {"g32", do_list_u32}, {"rnd", do_random},
    {"bits", do_bits},   {"bitsw", do_bits},  {"below", do_ints},   {"rr", do_ints},
    {"rrs", do_ints},    {"rint", do_ints},   {"choice", do_ints},  {"choices", do_ints},
    {"shuf", do_seq},    {"sample", do_seq},  {"unif", do_real},    {"gauss", do_real},
    {"normal", do_real}, {"logn", do_real},   {"expo", do_real},    {"pareto", do_real},
    {"weibull", do_real}, {"tri", do_real},
};

static void run_line(char *line) {
    char *f[MAXF] = {0};
    int n = 0;
    for (char *p = line; p && n < MAXF; n++) {
        f[n] = p;
        p = strchr(p, '\t');
        if (p) *p++ = 0;
    }
    for (int i = n; i < MAXF; i++) f[i] = "";
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
        if (!strcmp(f[0], handlers[i].kind)) {
            handlers[i].fn(f);
            return;
        }
    }
    tap_ok(false, "unknown case kind '%s'", f[0]);
}

static void extra_checks(void) {
    wk_mt a, b;
    uint32_t words[WK_MT_N + 1];
    bool hg;
    double g;
    wk_mt_seed_int(&a, 5);
    wk_mt_seed_int(&b, -5);
    tap_ok(wk_mt_genrand32(&a) == wk_mt_genrand32(&b), "seed(-5) == seed(5)");
    wk_mt_getstate(&a, words, &hg, &g);
    words[WK_MT_N] = WK_MT_N + 1;
    tap_ok(!wk_mt_setstate(&b, words, hg, g), "setstate rejects index 625");
    size_t out[4];
    tap_ok(!wk_mt_sample(&a, 3, 4, out), "sample larger than population fails");
    wk_mt_seed_entropy(&a);
    wk_mt_seed_entropy(&b);
    tap_ok(wk_mt_genrand32(&a) != wk_mt_genrand32(&b) || wk_mt_genrand32(&a) != wk_mt_genrand32(&b),
           "entropy seeding gives different streams");
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : DATA_FILE;
    FILE *fp = fopen(path, "rb");
    if (!fp) tap_bail_out("cannot open " DATA_FILE " (run from the repository root)");
    static char line[1 << 16];
    wk_mt_seed_int(&g_st, 0);
    while (fgets(line, sizeof line, fp)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n') line[--len] = 0;
        if (len == 0 || line[0] == '#') continue;
        run_line(line);
    }
    fclose(fp);
    extra_checks();
    return tap_done_testing();
}
