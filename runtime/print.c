/* print.c — PyTorch's tensor printing: one formatter per tensor (int/fixed/scientific), wrapping, summarisation, suffixes. */
#include "print.h"
#include "backend.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static wk_printopts g_opts = {4, 1000, 3, 80, -1};

wk_printopts *wk_print_options(void) { return &g_opts; }

bool wk_print_set_profile(const char *name) {
    if (!strcmp(name, "default")) g_opts = (wk_printopts){4, 1000, 3, 80, -1};
    else if (!strcmp(name, "short")) g_opts = (wk_printopts){2, 1000, 2, 80, -1};
    else if (!strcmp(name, "full")) g_opts = (wk_printopts){4, INFINITY, 3, 80, -1};
    else return false;
    return true;
}

void wk_size_repr(wk_sbuf *sb, int ndim, const int64_t *shape) {
    wk_sbuf_adds(sb, "torch.Size([");
    for (int i = 0; i < ndim; i++) wk_sbuf_printf(sb, "%s%lld", i ? ", " : "", (long long)shape[i]);
    wk_sbuf_adds(sb, "])");
}

/* ------------------------------------------------------------------ the formatter */

typedef enum { K_FLOAT, K_INT, K_BOOL } elem_kind;

typedef struct {
    elem_kind kind;
    bool int_mode, sci_mode;
    int width;
    int precision;
} formatter;

/* Text of one value without padding. */
static int fmt_value(const formatter *f, double v, int64_t iv, char *buf, size_t cap) {
    if (f->kind == K_BOOL) return snprintf(buf, cap, "%s", iv ? "True" : "False");
    if (f->kind == K_INT) return snprintf(buf, cap, "%lld", (long long)iv);
    if (isnan(v)) return snprintf(buf, cap, "nan");
    if (isinf(v)) return snprintf(buf, cap, v > 0 ? "inf" : "-inf");
    if (f->sci_mode) return snprintf(buf, cap, "%.*e", f->precision, v);
    if (f->int_mode) return snprintf(buf, cap, "%.0f.", v);
    return snprintf(buf, cap, "%.*f", f->precision, v);
}

static elem_kind kind_of(wk_dtype dt) {
    return dt == WK_DT_BOOL ? K_BOOL : wk_dtype_is_float(dt) ? K_FLOAT : K_INT;
}

/* Walks the elements that will be shown (all, or the summarised corners). */
typedef void (*visit_fn)(const wk_tensor *t, const int64_t *idx, void *ctx);

static void visit_shown(const wk_tensor *t, int d, int64_t *idx, bool summarize, visit_fn fn, void *ctx) {
    if (d == t->ndim) { fn(t, idx, ctx); return; }
    int64_t n = t->shape[d], e = g_opts.edgeitems;
    for (int64_t i = 0; i < n; i++) {
        if (summarize && n > 2 * e && i == e) i = n - e;
        idx[d] = i;
        visit_shown(t, d + 1, idx, summarize, fn, ctx);
    }
}

typedef struct {
    formatter *f;
    bool any;           /* a nonzero finite value seen */
    double amin, amax;
    bool all_int;
} scan_ctx;

static void scan_elem(const wk_tensor *t, const int64_t *idx, void *c) {
    scan_ctx *s = c;
    const void *p = wk_tensor_ptr_at(t, idx);
    char buf[64];
    if (s->f->kind != K_FLOAT) {
        int len = fmt_value(s->f, 0, wk_dtype_load_i64(t->dtype, p), buf, sizeof buf);
        if (len > s->f->width) s->f->width = len;
        return;
    }
    double v = wk_dtype_load_f64(t->dtype, p);
    if (!isfinite(v) || v == 0) return;
    double a = fabs(v);
    if (!s->any) { s->amin = s->amax = a; s->any = true; }
    if (a < s->amin) s->amin = a;
    if (a > s->amax) s->amax = a;
    if (v != ceil(v)) s->all_int = false;
}

static void width_elem(const wk_tensor *t, const int64_t *idx, void *c) {
    formatter *f = c;
    double v = wk_dtype_load_f64(t->dtype, wk_tensor_ptr_at(t, idx));
    if (!isfinite(v) || v == 0) return;
    char buf[400];
    int len = fmt_value(f, v, 0, buf, sizeof buf);
    if (len > f->width) f->width = len;
}

static void build_formatter(const wk_tensor *t, bool summarize, formatter *f) {
    int64_t idx[WK_MAX_DIMS];
    f->kind = kind_of(t->dtype);
    f->int_mode = true;
    f->sci_mode = false;
    f->width = 1;
    f->precision = g_opts.precision;
    scan_ctx s = {f, false, 0, 0, true};
    visit_shown(t, 0, idx, summarize, scan_elem, &s);
    if (f->kind != K_FLOAT || !s.any) return;
    f->int_mode = s.all_int;
    bool sci = s.amax / s.amin > 1000.0 || s.amax > 1.0e8 || (!f->int_mode && s.amin < 1.0e-4);
    f->sci_mode = g_opts.sci_mode < 0 ? sci : g_opts.sci_mode == 1;
    visit_shown(t, 0, idx, summarize, width_elem, f);
}

static void put_elem(wk_sbuf *sb, const formatter *f, const wk_tensor *t, const int64_t *idx) {
    const void *p = wk_tensor_ptr_at(t, idx);
    char buf[400];
    int len = f->kind == K_FLOAT ? fmt_value(f, wk_dtype_load_f64(t->dtype, p), 0, buf, sizeof buf)
                                 : fmt_value(f, 0, wk_dtype_load_i64(t->dtype, p), buf, sizeof buf);
    if (len < f->width) wk_sbuf_addrep(sb, ' ', (size_t)(f->width - len));
    wk_sbuf_add(sb, buf, (size_t)len);
}

/* ------------------------------------------------------------------ layout */

static void vector_str(wk_sbuf *sb, const wk_tensor *t, int64_t *idx, int d, int indent, bool summarize,
                       const formatter *f) {
    int64_t n = t->shape[d], e = g_opts.edgeitems;
    int64_t per_line = (int64_t)floor((double)(g_opts.linewidth - indent) / (double)(f->width + 2));
    if (per_line < 1) per_line = 1;
    bool cut = summarize && n > 2 * e;
    int64_t shown = cut ? 2 * e + 1 : n;
    wk_sbuf_addc(sb, '[');
    for (int64_t k = 0; k < shown; k++) {
        if (k > 0) {
            if (k % per_line == 0) {
                wk_sbuf_adds(sb, ",\n");
                wk_sbuf_addrep(sb, ' ', (size_t)indent + 1);
            } else {
                wk_sbuf_adds(sb, ", ");
            }
        }
        if (cut && k == e) { wk_sbuf_adds(sb, " ..."); continue; }
        idx[d] = cut && k > e ? n - (2 * e + 1 - k) : k;
        put_elem(sb, f, t, idx);
    }
    wk_sbuf_addc(sb, ']');
}

static void nested_str(wk_sbuf *sb, const wk_tensor *t, int64_t *idx, int d, int indent, bool summarize,
                       const formatter *f) {
    int rem = t->ndim - d;
    if (rem == 1) { vector_str(sb, t, idx, d, indent, summarize, f); return; }
    int64_t n = t->shape[d], e = g_opts.edgeitems;
    bool cut = summarize && n > 2 * e;
    int64_t shown = cut ? 2 * e + 1 : n;
    wk_sbuf_addc(sb, '[');
    for (int64_t k = 0; k < shown; k++) {
        if (k > 0) {
            wk_sbuf_addc(sb, ',');
            wk_sbuf_addrep(sb, '\n', (size_t)(rem - 1));
            wk_sbuf_addrep(sb, ' ', (size_t)indent + 1);
        }
        if (cut && k == e) { wk_sbuf_adds(sb, "..."); continue; }
        idx[d] = cut && k > e ? n - (2 * e + 1 - k) : k;
        nested_str(sb, t, idx, d + 1, indent + 1, summarize, f);
    }
    wk_sbuf_addc(sb, ']');
}

/* ------------------------------------------------------------------ suffixes */

static void add_suffixes(wk_sbuf *sb, size_t start, char suffixes[][96], int ns, int indent) {
    const char *s = sb->data + start;
    const char *nl = strrchr(s, '\n');
    int64_t last = nl ? (int64_t)(sb->len - (size_t)(nl - sb->data)) + 1 : (int64_t)(sb->len - start) + 2;
    for (int i = 0; i < ns; i++) {
        int64_t sl = (int64_t)strlen(suffixes[i]);
        if (last + sl + 2 > g_opts.linewidth) {
            wk_sbuf_adds(sb, ",\n");
            wk_sbuf_addrep(sb, ' ', (size_t)indent);
            last = indent + sl;
        } else {
            wk_sbuf_adds(sb, ", ");
            last += sl + 2;
        }
        wk_sbuf_adds(sb, suffixes[i]);
    }
    wk_sbuf_addc(sb, ')');
}

void wk_tensor_repr_ex(wk_sbuf *sb, const wk_tensor *t, const char *prefix, const char *extra_suffix) {
    if (!prefix) prefix = "tensor(";
    size_t start = sb->len;
    int indent = (int)strlen(prefix);
    char suffixes[4][96];
    int ns = 0;
    wk_device dev = t->storage->device;
    wk_tensor *host = NULL;
    if (dev.type != WK_DEV_CPU) {
        char ds[32];
        wk_device_str(dev, ds, sizeof ds);
        snprintf(suffixes[ns++], sizeof suffixes[0], "device='%s'", ds);
        host = wk_tensor_to_device(t, WK_CPU);
        if (!host) { wk_rt_errclear(); wk_sbuf_adds(sb, prefix); wk_sbuf_adds(sb, "<unreadable>)"); return; }
        t = host;
    }
    wk_sbuf_adds(sb, prefix);
    int64_t numel = wk_tensor_numel(t);
    if (numel == 0) {
        if (t->ndim != 1) {
            char buf[80];
            size_t l = 0;
            l += (size_t)snprintf(buf, sizeof buf, "size=(");
            for (int i = 0; i < t->ndim && l < sizeof buf; i++)
                l += (size_t)snprintf(buf + l, sizeof buf - l, "%s%lld", i ? ", " : "", (long long)t->shape[i]);
            if (l < sizeof buf) snprintf(buf + l, sizeof buf - l, t->ndim == 1 ? ",)" : ")");
            snprintf(suffixes[ns++], sizeof suffixes[0], "%s", buf);
        }
        if (t->dtype != wk_dtype_default_float())
            snprintf(suffixes[ns++], sizeof suffixes[0], "dtype=%s", wk_dtype_name(t->dtype));
        wk_sbuf_adds(sb, "[]");
    } else {
        if (t->dtype != wk_dtype_default_float() && t->dtype != WK_DT_I64 && t->dtype != WK_DT_BOOL)
            snprintf(suffixes[ns++], sizeof suffixes[0], "dtype=%s", wk_dtype_name(t->dtype));
        bool summarize = (double)numel > g_opts.threshold;
        formatter f;
        build_formatter(t, summarize, &f);
        int64_t idx[WK_MAX_DIMS];
        if (t->ndim == 0) put_elem(sb, &f, t, idx);
        else nested_str(sb, t, idx, 0, indent, summarize, &f);
    }
    if (extra_suffix && *extra_suffix) snprintf(suffixes[ns++], sizeof suffixes[0], "%s", extra_suffix);
    add_suffixes(sb, start, suffixes, ns, indent);
    wk_tensor_decref(host);
}

void wk_tensor_repr(wk_sbuf *sb, const wk_tensor *t) { wk_tensor_repr_ex(sb, t, NULL, NULL); }
