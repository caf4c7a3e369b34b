/* np_loadtxt.c — numpy.loadtxt for plain and gzip text files (zlib loaded with dlopen when a .gz is read). */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "np.h"
#include "bind.h"

/* ---- a line reader over stdio or zlib's gz* functions */
typedef struct reader {
    FILE *f;
    void *gz;
    char *(*gzgets)(void *, char *, int);
    int (*gzclose)(void *);
} reader;

static bool open_gz(reader *r, const char *path) {
    static void *lib;
    if (!lib) lib = dlopen("libz.so.1", RTLD_NOW);
    if (!lib) { wk_raise(wk_exc_OSError, "reading .gz files needs zlib (libz.so.1), which was not found"); return false; }
    void *(*gzopen)(const char *, const char *);
    *(void **)&gzopen = dlsym(lib, "gzopen");
    *(void **)&r->gzgets = dlsym(lib, "gzgets");
    *(void **)&r->gzclose = dlsym(lib, "gzclose");
    if (!gzopen || !r->gzgets || !r->gzclose) { wk_raise(wk_exc_OSError, "zlib lacks gzopen"); return false; }
    r->gz = gzopen(path, "rb");
    if (!r->gz) { wk_raise(wk_exc_FileNotFoundError, "%s not found.", path); return false; }
    return true;
}

static bool reader_open(reader *r, const char *path) {
    memset(r, 0, sizeof *r);
    size_t n = strlen(path);
    if (n > 3 && !strcmp(path + n - 3, ".gz")) return open_gz(r, path);
    r->f = fopen(path, "r");
    if (!r->f) { wk_raise(wk_exc_FileNotFoundError, "%s not found.", path); return false; }
    return true;
}

/* Next line into sb (without the newline); false at end of file. */
static bool reader_line(reader *r, wk_sbuf *sb) {
    char buf[4096];
    wk_sbuf_clear(sb);
    bool any = false;
    for (;;) {
        char *got = r->f ? fgets(buf, sizeof buf, r->f) : r->gzgets(r->gz, buf, sizeof buf);
        if (!got) return any;
        any = true;
        size_t n = strlen(buf);
        bool eol = n > 0 && buf[n - 1] == '\n';
        wk_sbuf_add(sb, buf, eol ? n - 1 : n);
        if (eol) return true;
    }
}

static void reader_close(reader *r) {
    if (r->f) fclose(r->f);
    if (r->gz) r->gzclose(r->gz);
}

/* ---- parsing */
typedef struct rows { double *v; int64_t n, cap, ncols, nrows; } rows;

static bool push(rows *R, double x) {
    if (R->n == R->cap) {
        R->cap = R->cap ? R->cap * 2 : 256;
        double *p = realloc(R->v, (size_t)R->cap * sizeof *p);
        if (!p) { wk_raise_nomem(); return false; }
        R->v = p;
    }
    R->v[R->n++] = x;
    return true;
}

static bool parse_field(const char *s, size_t n, bool integral, double *out) {
    char tmp[128];
    while (n && (*s == ' ' || *s == '\t' || *s == '\r')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    if (n >= sizeof tmp) n = sizeof tmp - 1;
    memcpy(tmp, s, n); tmp[n] = 0;
    char *end;
    errno = 0;
    *out = integral ? (double)strtoll(tmp, &end, 10) : strtod(tmp, &end);
    if (n == 0 || *end) {
        wk_raise(wk_exc_ValueError, "could not convert string '%s' to %s at row %s, column %s.", tmp,
                 integral ? "int64" : "float64", "?", "?");
        return false;
    }
    return true;
}

static bool parse_line(rows *R, const char *line, const char *delim, bool integral, int64_t lineno) {
    int64_t cols = 0;
    const char *p = line;
    for (;;) {
        const char *q;
        if (!delim) {
            while (*p == ' ' || *p == '\t' || *p == '\r') p++;
            if (!*p) break;
            q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\r') q++;
        } else {
            q = strstr(p, delim);
            if (!q) q = p + strlen(p);
        }
        double x;
        if (!parse_field(p, (size_t)(q - p), integral, &x)) return false;
        if (!push(R, x)) return false;
        cols++;
        if (!delim) p = q;
        else if (!*q) break;
        else p = q + strlen(delim);
    }
    if (R->nrows == 0) R->ncols = cols;
    else if (cols != R->ncols) {
        wk_raise(wk_exc_ValueError, "the number of columns changed from %lld to %lld at row %lld; use `usecols` "
                 "to select a subset and avoid this error", (long long)R->ncols, (long long)cols, (long long)lineno);
        return false;
    }
    R->nrows++;
    return true;
}

static void strip_comment(wk_sbuf *sb, const char *comments) {
    if (!comments || !sb->data) return;
    char *c = strstr(sb->data, comments);
    if (c) { *c = 0; sb->len = (size_t)(c - sb->data); }
}

static bool blank(const wk_sbuf *sb) {
    for (size_t i = 0; i < sb->len; i++)
        if (sb->data[i] != ' ' && sb->data[i] != '\t' && sb->data[i] != '\r') return false;
    return true;
}

static bool read_rows(const char *path, const char *delim, const char *comments, int64_t skip, bool integral, rows *R) {
    reader r;
    if (!reader_open(&r, path)) return false;
    wk_sbuf line; wk_sbuf_init(&line);
    bool ok = true;
    int64_t lineno = 0;
    while (ok && reader_line(&r, &line)) {
        lineno++;
        if (lineno <= skip) continue;
        strip_comment(&line, comments);
        if (blank(&line)) continue;
        ok = parse_line(R, line.data, delim, integral, lineno);
    }
    wk_sbuf_free(&line);
    reader_close(&r);
    return ok;
}

static const char *str_opt(wk_value v, const char *dflt) {
    if (WK_IS_NULL(v)) return dflt;
    if (WK_IS_NONE(v)) return NULL;
    return wk_is_str(v) ? wk_str_cstr(v) : dflt;
}

wk_value wk_np_loadtxt(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[6];
    if (!wk_args_parse("loadtxt", args, nargs, kw, "fname|dtype comments delimiter converters skiprows", a)) return WK_NULLV;
    if (!wk_is_str(a[0])) return wk_raise(wk_exc_TypeError, "fname must be a string or a path");
    wk_dtype dt = WK_DT_F64;
    if (!WK_IS_NULL(a[1]) && !WK_IS_NONE(a[1]) && !wk_np_dtype_arg(a[1], &dt)) return WK_NULLV;
    int64_t skip = 0;
    if (!WK_IS_NULL(a[5]) && !wk_as_int64(a[5], &skip)) return WK_NULLV;
    rows R = {0};
    bool integral = !wk_dtype_is_float(dt);
    if (!read_rows(wk_str_cstr(a[0]), str_opt(a[3], NULL), str_opt(a[2], "#"), skip, integral, &R)) {
        free(R.v);
        return WK_NULLV;
    }
    int64_t shape[2] = { R.nrows, R.ncols };
    int nd = 2;
    if (R.nrows == 0) { nd = 1; shape[0] = 0; }
    else if (R.ncols == 1 && R.nrows == 1) nd = 0;
    else if (R.ncols == 1) nd = 1;
    else if (R.nrows == 1) { nd = 1; shape[0] = R.ncols; }
    wk_tensor *t = wk_tensor_empty(nd, shape, dt, WK_CPU);
    if (t) {
        char *p = wk_tensor_data(t);
        for (int64_t i = 0; i < R.n; i++) wk_dtype_store_f64(dt, p + (size_t)i * wk_dtype_size(dt), R.v[i]);
    }
    free(R.v);
    return wk_np_wrap(t);
}
