/* np_format.c — NumPy 1.24's array2string/array_repr for ndarrays (maxprec floats, wrapping, summaries). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "np.h"
#include "numfmt.h"

#define LINEWIDTH 75
#define THRESHOLD 1000
#define EDGEITEMS 3
#define PRECISION 8

typedef struct nfmt {
    int kind;           /* 0 bool, 1 int, 2 float */
    wk_dtype dt;
    int width;          /* int/bool field width */
    bool exp;           /* scientific */
    int precision, min_digits, pad_left, pad_right, exp_size;
} nfmt;

/* ---------------------------------------------------------------- digits */

typedef struct digs { char d[820]; int n, decpt; bool neg; } digs;

static bool rt_ok(double v, wk_dtype dt, double x) {
    if (dt == WK_DT_F32) return (float)v == (float)x;
    return wk_f16_to_f32(wk_f32_to_f16((float)v)) == (float)x;
}

/* Shortest round-tripping digits of x for its dtype (x finite). */
static void shortest(double x, wk_dtype dt, digs *o) {
    o->neg = signbit(x) != 0;
    double a = fabs(x);
    if (dt == WK_DT_F64 || a == 0) {
        o->n = wk_float_digits(a, 0, 0, o->d, sizeof o->d, &o->decpt);
        return;
    }
    char buf[64];
    for (int n = 1; n <= 17; n++) {
        snprintf(buf, sizeof buf, "%.*e", n - 1, a);
        if (rt_ok(strtod(buf, NULL), dt, a) || n == 17) break;
    }
    int k = 0, e = 0;
    for (char *p = buf; *p; p++) {
        if (*p >= '0' && *p <= '9') o->d[k++] = *p;
        else if (*p == 'e') { e = atoi(p + 1); break; }
    }
    while (k > 1 && o->d[k - 1] == '0') k--;
    o->d[k] = 0; o->n = k; o->decpt = e + 1;
}

/* Unique digits, capped at `prec` fractional digits (positional) or `prec` digits after the
 * first (scientific), correctly rounded at the cap. */
static void unique_digits(double x, wk_dtype dt, int prec, bool sci, digs *o) {
    shortest(x, dt, o);
    if (x == 0) return;
    double a = fabs(x);
    if (!sci && o->n - o->decpt > prec) {
        o->n = wk_float_digits(a, 3, prec, o->d, sizeof o->d, &o->decpt);
        if (o->n <= 0) { strcpy(o->d, "0"); o->n = 1; o->decpt = 1; }
    } else if (sci && o->n - 1 > prec) {
        o->n = wk_float_digits(a, 2, prec + 1, o->d, sizeof o->d, &o->decpt);
    }
    while (o->n > 1 && o->d[o->n - 1] == '0') o->d[--o->n] = 0;
}

/* Positional pieces: int part (with sign) and fractional digits. */
static void pos_parts(const digs *g, wk_sbuf *ip, wk_sbuf *fp) {
    if (g->neg) wk_sbuf_addc(ip, '-');
    bool zero = g->n == 1 && g->d[0] == '0';
    if (zero || g->decpt <= 0) wk_sbuf_addc(ip, '0');
    else for (int i = 0; i < g->decpt; i++) wk_sbuf_addc(ip, i < g->n ? g->d[i] : '0');
    if (zero) return;
    if (g->decpt < 0) wk_sbuf_addrep(fp, '0', (size_t)-g->decpt);
    for (int i = g->decpt < 0 ? 0 : g->decpt; i < g->n; i++) wk_sbuf_addc(fp, g->d[i]);
}

/* Scientific pieces: int part (sign + digit), fraction digits, exponent text ("+05"). */
static void sci_parts(const digs *g, wk_sbuf *ip, wk_sbuf *fp, wk_sbuf *ep, int exp_digits) {
    if (g->neg) wk_sbuf_addc(ip, '-');
    wk_sbuf_addc(ip, g->d[0]);
    for (int i = 1; i < g->n; i++) wk_sbuf_addc(fp, g->d[i]);
    bool zero = g->n == 1 && g->d[0] == '0';
    int e = zero ? 0 : g->decpt - 1;
    wk_sbuf_printf(ep, "%c%0*d", e < 0 ? '-' : '+', exp_digits < 2 ? 2 : exp_digits, abs(e));
}

/* ---------------------------------------------------------------- element access */

typedef struct shown { double *f; int64_t *i; int64_t n, cap; } shown;

static void shown_add(shown *s, const wk_tensor *t, const int64_t *idx) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->f = realloc(s->f, (size_t)s->cap * sizeof(double));
        s->i = realloc(s->i, (size_t)s->cap * sizeof(int64_t));
    }
    void *p = wk_tensor_ptr_at(t, idx);
    s->f[s->n] = wk_dtype_load_f64(t->dtype, p);
    s->i[s->n] = wk_dtype_load_i64(t->dtype, p);
    s->n++;
}

/* Visits the elements that will be printed (edge items only when summarising). */
static void collect(const wk_tensor *t, int64_t *idx, int axis, bool summ, shown *s) {
    if (axis == t->ndim) { shown_add(s, t, idx); return; }
    int64_t n = t->shape[axis];
    for (int64_t i = 0; i < n; i++) {
        if (summ && n > 2 * EDGEITEMS && i == EDGEITEMS) i = n - EDGEITEMS;
        idx[axis] = i;
        collect(t, idx, axis + 1, summ, s);
    }
}

/* ---------------------------------------------------------------- format choice */

static void int_text(char *buf, size_t cap, const nfmt *f, int64_t v) {
    if (f->dt == WK_DT_U8) snprintf(buf, cap, "%u", (unsigned)(uint8_t)v);
    else snprintf(buf, cap, "%lld", (long long)v);
}

static void fill_float(nfmt *f, const shown *s) {
    double mx = 0, mn = INFINITY;
    int64_t nfin = 0;
    bool neginf = false;
    for (int64_t k = 0; k < s->n; k++) {
        double v = s->f[k];
        if (!isfinite(v)) { if (isinf(v) && v < 0) neginf = true; continue; }
        nfin++;
        double a = fabs(v);
        if (a != 0) { if (a > mx) mx = a; if (a < mn) mn = a; }
    }
    f->exp = mx != 0 && (mx >= 1e8 || mn < 0.0001 || mx / mn > 1000.);
    f->precision = PRECISION; f->min_digits = 0; f->pad_left = 0; f->pad_right = 0; f->exp_size = -1;
    if (nfin > 0) {
        int pl = 0, pr = 0, es = 0;
        for (int64_t k = 0; k < s->n; k++) {
            double v = s->f[k];
            if (!isfinite(v)) continue;
            digs g; unique_digits(v, f->dt, PRECISION, f->exp, &g);
            wk_sbuf ip, fp, ep; wk_sbuf_init(&ip); wk_sbuf_init(&fp); wk_sbuf_init(&ep);
            if (f->exp) sci_parts(&g, &ip, &fp, &ep, 2); else pos_parts(&g, &ip, &fp);
            if ((int)ip.len > pl) pl = (int)ip.len;
            if ((int)fp.len > pr) pr = (int)fp.len;
            if ((int)ep.len - 1 > es) es = (int)ep.len - 1;
            wk_sbuf_free(&ip); wk_sbuf_free(&fp); wk_sbuf_free(&ep);
        }
        f->pad_left = pl;
        if (f->exp) {
            f->exp_size = es; f->precision = pr; f->min_digits = pr;
            f->pad_right = es + 2 + pr;
        } else {
            f->pad_right = pr;
        }
    }
    if (nfin != s->n) {
        int offset = f->pad_right + 1, inflen = 3 + (neginf ? 1 : 0);
        if (3 - offset > f->pad_left) f->pad_left = 3 - offset;
        if (inflen - offset > f->pad_left) f->pad_left = inflen - offset;
    }
}

static void choose(nfmt *f, const wk_tensor *t) {
    memset(f, 0, sizeof *f);
    f->dt = t->dtype;
    f->kind = t->dtype == WK_DT_BOOL ? 0 : wk_dtype_is_float(t->dtype) ? 2 : 1;
    if (wk_tensor_numel(t) == 0) return;
    shown s = {0};
    int64_t idx[WK_MAX_DIMS] = {0};
    collect(t, idx, 0, wk_tensor_numel(t) > THRESHOLD, &s);
    if (f->kind == 0) f->width = t->ndim == 0 ? 0 : 5;
    else if (f->kind == 1) {
        char buf[32];
        for (int64_t k = 0; k < s.n; k++) {
            int_text(buf, sizeof buf, f, s.i[k]);
            if ((int)strlen(buf) > f->width) f->width = (int)strlen(buf);
        }
    } else fill_float(f, &s);
    free(s.f); free(s.i);
}

/* ---------------------------------------------------------------- one element */

static void pad_to(wk_sbuf *sb, const char *s, int width) {
    int n = (int)strlen(s);
    if (n < width) wk_sbuf_addrep(sb, ' ', (size_t)(width - n));
    wk_sbuf_adds(sb, s);
}

static void fmt_float(wk_sbuf *sb, const nfmt *f, double v) {
    if (!isfinite(v)) {
        const char *s = isnan(v) ? "nan" : v < 0 ? "-inf" : "inf";
        pad_to(sb, s, f->pad_left + f->pad_right + 1);
        return;
    }
    digs g; unique_digits(v, f->dt, f->precision, f->exp, &g);
    wk_sbuf ip, fp, ep; wk_sbuf_init(&ip); wk_sbuf_init(&fp); wk_sbuf_init(&ep);
    if (f->exp) sci_parts(&g, &ip, &fp, &ep, f->exp_size); else pos_parts(&g, &ip, &fp);
    pad_to(sb, ip.data ? ip.data : "", f->pad_left);
    wk_sbuf_addc(sb, '.');
    if (fp.len) wk_sbuf_add(sb, fp.data, fp.len);
    if ((int)fp.len < f->min_digits) wk_sbuf_addrep(sb, '0', (size_t)(f->min_digits - (int)fp.len));
    if (f->exp) { wk_sbuf_addc(sb, 'e'); wk_sbuf_add(sb, ep.data, ep.len); }
    else if ((int)fp.len < f->pad_right) wk_sbuf_addrep(sb, ' ', (size_t)(f->pad_right - (int)fp.len));
    wk_sbuf_free(&ip); wk_sbuf_free(&fp); wk_sbuf_free(&ep);
}

static void fmt_elem(wk_sbuf *sb, const nfmt *f, const wk_tensor *t, const int64_t *idx) {
    void *p = wk_tensor_ptr_at(t, idx);
    if (f->kind == 0) pad_to(sb, wk_dtype_load_i64(t->dtype, p) ? "True" : "False", f->width);
    else if (f->kind == 1) {
        char buf[32];
        int_text(buf, sizeof buf, f, wk_dtype_load_i64(t->dtype, p));
        pad_to(sb, buf, f->width);
    } else fmt_float(sb, f, wk_dtype_load_f64(t->dtype, p));
}

/* ---------------------------------------------------------------- layout (_formatArray) */

typedef struct lay {
    const wk_tensor *t;
    const nfmt *f;
    const char *sep;    /* ", " or " " */
    bool summ;
    int64_t idx[WK_MAX_DIMS];
} lay;

/* _extendLine: s gets line when word would overflow width. */
static void extend_line(wk_sbuf *s, wk_sbuf *line, const char *word, int width, int hang) {
    bool wrap = (int)(line->len + strlen(word)) > width;
    if ((int)line->len <= hang) wrap = false;
    if (wrap) {
        size_t n = line->len;
        while (n > 0 && line->data[n - 1] == ' ') n--;
        wk_sbuf_add(s, line->data, n);
        wk_sbuf_addc(s, '\n');
        wk_sbuf_clear(line);
        wk_sbuf_addrep(line, ' ', (size_t)hang);
    }
    wk_sbuf_adds(line, word);
}

static void recurse(lay *L, int axis, int hang, int width, wk_sbuf *out);

static char *sub_text(lay *L, int axis, int64_t i, int hang, int width) {
    L->idx[axis] = i;
    wk_sbuf w; wk_sbuf_init(&w);
    recurse(L, axis + 1, hang, width, &w);
    if (!w.data) wk_sbuf_adds(&w, "");
    return wk_sbuf_take(&w, NULL);
}

static void recurse(lay *L, int axis, int hang, int width, wk_sbuf *out) {
    const wk_tensor *t = L->t;
    if (axis == t->ndim) { fmt_elem(out, L->f, t, L->idx); return; }
    int left = t->ndim - axis, nhang = hang + 1, nwidth = width - 1;
    int64_t n = t->shape[axis];
    bool summ = L->summ && 2 * EDGEITEMS < n;
    int64_t lead = summ ? EDGEITEMS : 0, trail = summ ? EDGEITEMS : n;
    wk_sbuf s; wk_sbuf_init(&s);
    if (left == 1) {
        size_t seplen = strlen(L->sep);
        while (seplen > 0 && L->sep[seplen - 1] == ' ') seplen--;
        int ew = width - (seplen > 1 ? (int)seplen : 1);
        wk_sbuf line; wk_sbuf_init(&line);
        wk_sbuf_addrep(&line, ' ', (size_t)hang);
        for (int64_t i = 0; i < lead; i++) {
            char *w = sub_text(L, axis, i, nhang, nwidth);
            extend_line(&s, &line, w, ew, hang); free(w);
            wk_sbuf_adds(&line, L->sep);
        }
        if (summ) { extend_line(&s, &line, "...", ew, hang); wk_sbuf_adds(&line, L->sep); }
        for (int64_t i = trail; i > 1; i--) {
            char *w = sub_text(L, axis, n - i, nhang, nwidth);
            extend_line(&s, &line, w, ew, hang); free(w);
            wk_sbuf_adds(&line, L->sep);
        }
        char *w = sub_text(L, axis, n - 1, nhang, nwidth);
        extend_line(&s, &line, w, ew, hang); free(w);
        wk_sbuf_add(&s, line.data, line.len);
        wk_sbuf_free(&line);
    } else {
        wk_sbuf lsep; wk_sbuf_init(&lsep);
        size_t seplen = strlen(L->sep);
        while (seplen > 0 && L->sep[seplen - 1] == ' ') seplen--;
        wk_sbuf_add(&lsep, L->sep, seplen);
        wk_sbuf_addrep(&lsep, '\n', (size_t)(left - 1));
        for (int64_t i = 0; i < lead; i++) {
            char *w = sub_text(L, axis, i, nhang, nwidth);
            wk_sbuf_addrep(&s, ' ', (size_t)hang); wk_sbuf_adds(&s, w); wk_sbuf_add(&s, lsep.data, lsep.len);
            free(w);
        }
        if (summ) { wk_sbuf_addrep(&s, ' ', (size_t)hang); wk_sbuf_adds(&s, "..."); wk_sbuf_add(&s, lsep.data, lsep.len); }
        for (int64_t i = trail; i > 1; i--) {
            char *w = sub_text(L, axis, n - i, nhang, nwidth);
            wk_sbuf_addrep(&s, ' ', (size_t)hang); wk_sbuf_adds(&s, w); wk_sbuf_add(&s, lsep.data, lsep.len);
            free(w);
        }
        char *w = sub_text(L, axis, n - 1, nhang, nwidth);
        wk_sbuf_addrep(&s, ' ', (size_t)hang); wk_sbuf_adds(&s, w); free(w);
        wk_sbuf_free(&lsep);
    }
    wk_sbuf_addc(out, '[');
    if (s.len > (size_t)hang) wk_sbuf_add(out, s.data + hang, s.len - (size_t)hang);
    wk_sbuf_addc(out, ']');
    wk_sbuf_free(&s);
}

/* array2string(a, separator=sep, prefix=prefix, suffix=suffix) for a non-empty array. */
static void array2string(wk_sbuf *sb, const wk_tensor *t, const char *sep, int prefixlen, int suffixlen) {
    nfmt f; choose(&f, t);
    lay L; memset(&L, 0, sizeof L);
    L.t = t; L.f = &f; L.sep = sep; L.summ = wk_tensor_numel(t) > THRESHOLD;
    recurse(&L, 0, 1 + prefixlen, LINEWIDTH - suffixlen, sb);
}

const char *wk_np_dtype_name(wk_dtype dt) {
    switch (dt) {
    case WK_DT_BOOL: return "bool";
    case WK_DT_U8: return "uint8";
    case WK_DT_I8: return "int8";
    case WK_DT_I16: return "int16";
    case WK_DT_I32: return "int32";
    case WK_DT_I64: return "int64";
    case WK_DT_F16: return "float16";
    case WK_DT_BF16: return "bfloat16";
    case WK_DT_F32: return "float32";
    default: return "float64";
    }
}

static void shape_repr(wk_sbuf *sb, const wk_tensor *t) {
    wk_sbuf_addc(sb, '(');
    for (int i = 0; i < t->ndim; i++) wk_sbuf_printf(sb, i ? ", %lld" : "%lld", (long long)t->shape[i]);
    if (t->ndim == 1) wk_sbuf_addc(sb, ',');
    wk_sbuf_addc(sb, ')');
}

void wk_np_repr(wk_sbuf *sb, const wk_tensor *t) {
    int64_t n = wk_tensor_numel(t);
    bool implied = (t->dtype == WK_DT_F64 || t->dtype == WK_DT_I64 || t->dtype == WK_DT_BOOL) && n > 0;
    size_t start = sb->len;
    wk_sbuf_adds(sb, "array(");
    if (n > 0) array2string(sb, t, ", ", 6, 1);
    else if (t->ndim == 1) wk_sbuf_adds(sb, "[]");
    else { wk_sbuf_adds(sb, "[], shape="); shape_repr(sb, t); }
    wk_sbuf_addc(sb, implied ? ')' : ',');
    if (implied) return;
    char dts[40];
    snprintf(dts, sizeof dts, "dtype=%s)", wk_np_dtype_name(t->dtype));
    size_t last = start;
    for (size_t i = start; i < sb->len; i++) if (sb->data[i] == '\n') last = i + 1;
    if ((int)(sb->len - last + strlen(dts) + 1) > LINEWIDTH) wk_sbuf_adds(sb, "\n      ");
    else wk_sbuf_addc(sb, ' ');
    wk_sbuf_adds(sb, dts);
}

void wk_np_str(wk_sbuf *sb, const wk_tensor *t) {
    if (t->ndim == 0) {
        wk_value v = wk_np_scalar(t);
        wk_str_to(sb, v);
        wk_decref(v);
        return;
    }
    if (wk_tensor_numel(t) == 0) { wk_sbuf_adds(sb, "[]"); return; }
    array2string(sb, t, " ", 0, 0);
}
