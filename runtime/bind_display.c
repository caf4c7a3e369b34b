/* bind_display.c — rich (text/html) display of torch.Tensor and torch.Size for Jupyter, registered with lang/display.h. */
#include <math.h>
#include <string.h>
#include "bind.h"
#include "display.h"

#define MAX_SHOWN 10   /* rows/columns shown in full up to this size */
#define EDGE 5         /* above it: the first and last EDGE, with an ellipsis between */

/* ================================================================ small HTML helpers */

static void html_escape(wk_sbuf *sb, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '<': wk_sbuf_adds(sb, "&lt;"); break;
        case '>': wk_sbuf_adds(sb, "&gt;"); break;
        case '&': wk_sbuf_adds(sb, "&amp;"); break;
        case '"': wk_sbuf_adds(sb, "&quot;"); break;
        default: wk_sbuf_addc(sb, *s);
        }
    }
}

/* One element as text: floats with the print precision (scientific when very large or
 * small), integers in decimal, bools as True/False. */
static void element_text(wk_sbuf *sb, wk_dtype dt, const char *p) {
    if (dt == WK_DT_BOOL) { wk_sbuf_adds(sb, *(const uint8_t *)p ? "True" : "False"); return; }
    if (!wk_dtype_is_float(dt)) { wk_sbuf_printf(sb, "%lld", (long long)wk_dtype_load_i64(dt, p)); return; }
    double v = wk_dtype_load_f64(dt, p);
    int prec = wk_print_options()->precision;
    if (isnan(v)) wk_sbuf_adds(sb, "nan");
    else if (isinf(v)) wk_sbuf_adds(sb, v > 0 ? "inf" : "-inf");
    else if (v != 0 && (fabs(v) >= 1e8 || fabs(v) < 1e-4)) wk_sbuf_printf(sb, "%.*e", prec, v);
    else wk_sbuf_printf(sb, "%.*f", prec, v);
}

/* Indices shown along a dim of size n: all, or the first and last EDGE (-1 marks the gap). */
static int shown_indices(int64_t n, int64_t *out) {
    if (n <= MAX_SHOWN) {
        for (int64_t i = 0; i < n; i++) out[i] = i;
        return (int)n;
    }
    int k = 0;
    for (int64_t i = 0; i < EDGE; i++) out[k++] = i;
    out[k++] = -1;
    for (int64_t i = n - EDGE; i < n; i++) out[k++] = i;
    return k;
}

/* ================================================================ tensor */

static void caption(wk_sbuf *sb, const wk_tensor *t) {
    char shape[256], dev[32], grad[160];
    wk_shape_str(shape, sizeof shape, t->ndim, t->shape);
    wk_device d = wk_tensor_device(t);
    if (d.type == WK_DEV_CUDA && d.index < 0) d.index = 0;
    wk_device_str(d, dev, sizeof dev);
    wk_bind_grad_suffix(t, grad, sizeof grad);
    wk_sbuf_adds(sb, "<caption style=\"caption-side:bottom;text-align:left\">tensor of shape ");
    html_escape(sb, shape);
    wk_sbuf_printf(sb, " &middot; %s &middot; %s", wk_dtype_name(t->dtype), dev);
    if (grad[0]) {
        wk_sbuf_adds(sb, " &middot; ");
        html_escape(sb, grad);
    }
    if (t->ndim > 2) wk_sbuf_adds(sb, " &middot; summarised");
    wk_sbuf_adds(sb, "</caption>");
}

/* Cells of a 0-, 1- or 2-D CPU tensor. */
static void table_body(wk_sbuf *sb, const wk_tensor *t) {
    int64_t rows = t->ndim == 2 ? t->shape[0] : 1, cols = t->ndim >= 1 ? t->shape[t->ndim - 1] : 1;
    int64_t rs = t->ndim == 2 ? t->stride[0] : 0, cs = t->ndim >= 1 ? t->stride[t->ndim - 1] : 0;
    int64_t ri[2 * EDGE + 1 + MAX_SHOWN], ci[2 * EDGE + 1 + MAX_SHOWN];
    int nr = shown_indices(rows, ri), nc = shown_indices(cols, ci);
    const char *base = wk_tensor_data(t);
    size_t es = wk_tensor_elsize(t);
    for (int r = 0; r < nr; r++) {
        wk_sbuf_adds(sb, "<tr>");
        for (int c = 0; c < nc; c++) {
            if (ri[r] < 0 || ci[c] < 0) { wk_sbuf_adds(sb, ri[r] < 0 ? "<td>&vellip;</td>" : "<td>&hellip;</td>"); continue; }
            wk_sbuf_adds(sb, "<td style=\"text-align:right;font-family:monospace\">");
            element_text(sb, t->dtype, base + (ri[r] * rs + ci[c] * cs) * (int64_t)es);
            wk_sbuf_adds(sb, "</td>");
        }
        wk_sbuf_adds(sb, "</tr>");
    }
}

/* Above 2-D: PyTorch's own (summarised) text in a <pre>. */
static void pre_body(wk_sbuf *sb, const wk_tensor *t) {
    wk_sbuf txt;
    wk_sbuf_init(&txt);
    wk_tensor_repr(&txt, t);
    wk_sbuf_addc(&txt, 0);
    wk_sbuf_adds(sb, "<tr><td><pre style=\"margin:0\">");
    html_escape(sb, txt.data);
    wk_sbuf_adds(sb, "</pre></td></tr>");
    wk_sbuf_free(&txt);
}

static bool render_tensor(wk_value v, wk_obj *data, wk_obj *metadata) {
    (void)metadata;
    wk_tensor *t = wk_bind_t(v);
    wk_tensor *host = wk_tensor_device(t).type == WK_DEV_CPU ? wk_tensor_incref(t) : wk_tensor_to_device(t, WK_CPU);
    if (!host) return wk_bind_rt_fail();
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "<table class=\"wick-tensor\" style=\"border-collapse:collapse\">");
    caption(&sb, t);
    if (wk_tensor_numel(host) == 0) wk_sbuf_adds(&sb, "<tr><td>(empty)</td></tr>");
    else if (host->ndim <= 2) table_body(&sb, host);
    else pre_body(&sb, host);
    wk_sbuf_adds(&sb, "</table>");
    wk_tensor_decref(host);
    wk_value html = wk_str_from_sbuf(&sb);
    if (WK_IS_NULL(html)) return false;
    int rc = wk_dict_set_s(data, "text/html", html);
    wk_decref(html);
    return rc == 0;
}

/* ================================================================ torch.Size */

static bool render_size(wk_value v, wk_obj *data, wk_obj *metadata) {
    (void)metadata;
    wk_tuple *tup = WK_TUPLE(v.u.o);
    int64_t numel = 1;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "<table class=\"wick-size\"><caption style=\"caption-side:bottom;text-align:left\">"
                        "torch.Size &middot; %lld dims", (long long)tup->len);
    for (int64_t i = 0; i < tup->len; i++) numel *= WK_IS_INT(tup->items[i]) ? tup->items[i].u.i : 1;
    wk_sbuf_printf(&sb, " &middot; numel %lld</caption><tr>", (long long)numel);
    for (int64_t i = 0; i < tup->len; i++)
        wk_sbuf_printf(&sb, "<td style=\"font-family:monospace\">%lld</td>",
                       (long long)(WK_IS_INT(tup->items[i]) ? tup->items[i].u.i : 0));
    wk_sbuf_adds(&sb, "</tr></table>");
    wk_value html = wk_str_from_sbuf(&sb);
    if (WK_IS_NULL(html)) return false;
    int rc = wk_dict_set_s(data, "text/html", html);
    wk_decref(html);
    return rc == 0;
}

bool wk_bind_display_init(void) {
    return wk_display_register(&wk_torch_tensor_type, render_tensor) &&
           wk_display_register(&wk_torch_size_type, render_size);
}
