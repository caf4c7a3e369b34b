/* test_print.c — wk_tensor_repr against PyTorch's repr() for the cases in data/print.txt (see gen_print.py). */
#include "../../runtime/print.h"
#include "../../runtime/backend.h"
#include "../unit/tap.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DATA_FILE "tests/runtime/data/print.txt"

static char *read_line(FILE *f) {
    static char *buf;
    static size_t cap;
    ssize_t n = getline(&buf, &cap, f);
    if (n < 0) return NULL;
    if (n && buf[n - 1] == '\n') buf[n - 1] = 0;
    return buf;
}

static wk_tensor *build(const char *spec, const char *values) {
    char dname[32];
    int ndim, transpose, off = 0;
    int64_t shape[WK_MAX_DIMS];
    sscanf(spec, "tensor %31s %d %n", dname, &ndim, &off);
    const char *p = spec + off;
    for (int i = 0; i < ndim; i++) shape[i] = strtoll(p, (char **)&p, 10);
    if (ndim == 0) { while (*p == ' ') p++; p++; }
    transpose = (int)strtol(p, NULL, 10);
    wk_dtype dt;
    if (!wk_dtype_from_name(dname, &dt)) return NULL;
    wk_tensor *t = wk_tensor_empty(ndim, shape, dt, WK_CPU);
    int64_t n = wk_tensor_numel(t);
    const char *v = values + 7;
    char *d = wk_tensor_data(t);
    size_t es = wk_dtype_size(dt);
    for (int64_t i = 0; i < n; i++) {
        char *end;
        if (wk_dtype_is_float(dt)) wk_dtype_store_f64(dt, d + i * (int64_t)es, strtod(v, &end));
        else wk_dtype_store_i64(dt, d + i * (int64_t)es, strtoll(v, &end, 10));
        v = end;
    }
    if (!transpose) return t;
    int64_t sw[WK_MAX_DIMS];
    memcpy(sw, shape, sizeof sw);
    sw[0] = shape[1]; sw[1] = shape[0];
    wk_tensor *x = wk_tensor_empty(ndim, sw, dt, WK_CPU);
    wk_tensor *y = wk_tensor_transpose(x, 0, 1);
    wk_tensor_copy_(y, t);
    wk_tensor_decref(x);
    wk_tensor_decref(t);
    tap_ok(!wk_tensor_is_contiguous(y), "transposed input is strided");
    return y;
}

int main(void) {
    FILE *f = fopen(DATA_FILE, "r");
    if (!f) tap_bail_out("cannot open " DATA_FILE " (run from the repository root)");
    char *line;
    char name[128] = "", spec[256] = "", suffix[128] = "";
    char *values = NULL;
    while ((line = read_line(f))) {
        if (!strncmp(line, "case ", 5)) snprintf(name, sizeof name, "%s", line + 5);
        else if (!strncmp(line, "opts ", 5)) {
            wk_printopts *o = wk_print_options();
            char thr[32];
            sscanf(line, "opts %d %31s %d %d %d", &o->precision, thr, &o->edgeitems, &o->linewidth, &o->sci_mode);
            o->threshold = strcmp(thr, "inf") ? strtod(thr, NULL) : INFINITY;
        } else if (!strncmp(line, "tensor ", 7)) snprintf(spec, sizeof spec, "%s", line);
        else if (!strncmp(line, "values", 6)) { free(values); values = strdup(line); }
        else if (!strncmp(line, "suffix ", 7)) snprintf(suffix, sizeof suffix, "%s", strcmp(line + 7, "-") ? line + 7 : "");
        else if (!strncmp(line, "expect ", 7)) {
            int nl = atoi(line + 7);
            wk_sbuf want;
            wk_sbuf_init(&want);
            for (int i = 0; i < nl; i++) {
                if (i) wk_sbuf_addc(&want, '\n');
                wk_sbuf_adds(&want, read_line(f));
            }
            wk_tensor *t = build(spec, values);
            wk_sbuf got;
            wk_sbuf_init(&got);
            if (t) wk_tensor_repr_ex(&got, t, NULL, suffix);
            tap_is_str(got.data, want.data, "repr %s", name);
            wk_sbuf_free(&got);
            wk_sbuf_free(&want);
            wk_tensor_decref(t);
        }
    }
    free(values);
    fclose(f);
    wk_print_set_profile("default");

    /* other reprs */
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    int64_t sh[2] = {2, 3};
    wk_size_repr(&sb, 2, sh);
    tap_is_str(sb.data, "torch.Size([2, 3])", "Size repr");
    wk_sbuf_clear(&sb);
    wk_size_repr(&sb, 0, sh);
    tap_is_str(sb.data, "torch.Size([])", "empty Size repr");
    wk_sbuf_free(&sb);
    char buf[64];
    wk_device d;
    wk_device_parse("cuda:1", &d);
    wk_device_repr(d, buf, sizeof buf);
    tap_is_str(buf, "device(type='cuda', index=1)", "device repr");
    wk_device_str(d, buf, sizeof buf);
    tap_is_str(buf, "cuda:1", "device str");
    wk_device_parse("cpu", &d);
    wk_device_repr(d, buf, sizeof buf);
    tap_is_str(buf, "device(type='cpu')", "cpu device repr");
    tap_ok(!wk_device_parse("gpu", &d), "bad device string rejected");
    return tap_done_testing();
}
