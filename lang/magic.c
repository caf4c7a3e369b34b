/* magic.c — IPython-style magics for the REPL and the kernel: the input transform, the dispatcher (__wick_magic__), UsageError, %who/%whos, %reset, %history, %load, %run and ?obj help. Timing and memory magics are in magic_time.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vm.h"
#include "magic.h"

wk_magic_hooks wk_magic_state;
int (*wk_magic_memory_provider)(wk_magic_memrow *rows, int cap);

static wk_type *usage_error;      /* IPython.core.error.UsageError */
static wk_obj *hidden_names;      /* name -> value present when the front end started */
static struct { char **items; size_t len, cap; } record;   /* %history */

#define DISPATCHER "__wick_magic__"

/* ---------------------------------------------------------------- scanning source */

/* Enough of the tokenizer to know where logical lines end: string state, bracket depth
 * and backslash continuations. */
typedef struct scan_state { char quote; bool triple; int depth; } scan_state;

/* Scans [p, end) (one physical line without its newline). Returns true when the logical
 * line continues on the next one. *last gets the last significant character outside
 * strings and comments (a closing quote counts). */
static bool scan_line(scan_state *s, const char *p, const char *end, char *last) {
    while (p < end) {
        char c = *p;
        if (s->quote) {
            if (c == '\\') { p += 2; continue; }
            if (c == s->quote && (!s->triple || (end - p >= 3 && p[1] == c && p[2] == c))) {
                p += s->triple ? 3 : 1;
                s->quote = 0;
                *last = c;
                continue;
            }
            p++;
            continue;
        }
        if (c == '#') break;
        if (c == '\\' && p + 1 == end) return true;
        if (c == '\'' || c == '"') {
            s->triple = end - p >= 3 && p[1] == c && p[2] == c;
            s->quote = c;
            p += s->triple ? 3 : 1;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') s->depth++;
        else if ((c == ')' || c == ']' || c == '}') && s->depth > 0) s->depth--;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f') *last = c;
        p++;
    }
    if (s->quote && !s->triple) s->quote = 0;       /* unterminated: a syntax error later */
    return s->quote || s->depth > 0;
}

bool wk_magic_quiet(const char *src, size_t len) {
    scan_state s = { 0, false, 0 };
    char last = 0;
    const char *p = src, *end = src + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        scan_line(&s, p, e, &last);
        p = nl ? nl + 1 : end;
    }
    return last == ';';
}

/* ---------------------------------------------------------------- the transform */

static bool is_ident(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || (unsigned char)c >= 0x80;
}

static void trim(const char **a, const char **b) {
    while (*a < *b && (**a == ' ' || **a == '\t')) (*a)++;
    while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t' || (*b)[-1] == '\r')) (*b)--;
}

/* `?name`, `name?`, `name??` (name dotted): the name's span. */
static bool help_line(const char *a, const char *b, const char **na, const char **nb) {
    const char *qa = a, *qb = b;
    while (a < b && *a == '?') a++;
    while (b > a && b[-1] == '?') b--;
    if ((a == qa && b == qb) || a == b || *a == '.' || (*a >= '0' && *a <= '9')) return false;
    if (a != qa && b != qb) return false;
    for (const char *p = a; p < b; p++)
        if (!is_ident(*p) && *p != '.') return false;
    *na = a;
    *nb = b;
    return true;
}

/* Appends indent + __wick_magic__('name', 'args'[, 'cell']). */
static void emit_call(wk_sbuf *out, const char *ind, size_t nind, const char *name, size_t nname,
                      const char *args, size_t nargs, const char *cell, size_t ncell) {
    wk_sbuf_add(out, ind, nind);
    wk_sbuf_adds(out, DISPATCHER "(");
    wk_str_repr_to(out, name, nname);
    wk_sbuf_adds(out, ", ");
    wk_str_repr_to(out, args, nargs);
    if (cell) {
        wk_sbuf_adds(out, ", ");
        wk_str_repr_to(out, cell, ncell);
    }
    wk_sbuf_addc(out, ')');
}

/* One logical-line start: emits the call and returns true when [p, e) is a magic or a
 * help request. */
static bool transform_line(wk_sbuf *out, const char *p, const char *e) {
    const char *a = p, *b = e;
    trim(&a, &b);
    const char *ind = p;
    size_t nind = (size_t)(a - p);
    if (a < b && *a == '%') {
        const char *n = a + 1, *ne = n;
        while (ne < b && is_ident(*ne)) ne++;
        const char *args = ne, *ae = b;
        trim(&args, &ae);
        emit_call(out, ind, nind, n, (size_t)(ne - n), args, (size_t)(ae - args), NULL, 0);
        return true;
    }
    const char *na, *nb;
    if (help_line(a, b, &na, &nb)) {
        bool detail = b - a >= 2 && b[-1] == '?' && b[-2] == '?';
        emit_call(out, ind, nind, detail ? "pinfo2" : "pinfo", detail ? 6 : 5, na, (size_t)(nb - na), NULL, 0);
        return true;
    }
    return false;
}

/* `%%name args` on the first non-blank line: the whole cell as one call. */
static char *transform_cell_magic(const char *src, size_t len, const char *line, const char *e, size_t *outlen) {
    const char *n = line + 2, *ne = n;
    while (ne < e && is_ident(*ne)) ne++;
    const char *args = ne, *ae = e;
    trim(&args, &ae);
    const char *body = e < src + len ? e + 1 : e;
    wk_sbuf out;
    wk_sbuf_init(&out);
    emit_call(&out, "", 0, n, (size_t)(ne - n), args, (size_t)(ae - args), body, (size_t)(src + len - body));
    wk_sbuf_addc(&out, '\n');
    return wk_sbuf_take(&out, outlen);
}

char *wk_magic_transform(const char *src, size_t len, size_t *outlen) {
    const char *p = src, *end = src + len;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    if (end - p >= 2 && p[0] == '%' && p[1] == '%') {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        return transform_cell_magic(src, len, p, nl ? nl : end, outlen);
    }
    wk_sbuf out;
    wk_sbuf_init(&out);
    scan_state s = { 0, false, 0 };
    bool continued = false, changed = false;
    char last = 0;
    for (p = src; p <= end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (!continued && transform_line(&out, p, e)) changed = true;
        else {
            wk_sbuf_add(&out, p, (size_t)(e - p));
            continued = scan_line(&s, p, e, &last);
        }
        if (!nl) break;
        wk_sbuf_addc(&out, '\n');
        p = nl + 1;
    }
    if (!changed) { wk_sbuf_free(&out); return NULL; }
    return wk_sbuf_take(&out, outlen);
}

/* ---------------------------------------------------------------- is_complete */

wk_cell_status wk_magic_is_complete(const char *src, size_t len, int *indent) {
    *indent = 0;
    size_t e = len;
    while (e > 0 && (src[e - 1] == ' ' || src[e - 1] == '\t')) e--;
    bool ends_with_newline = e > 0 && src[e - 1] == '\n';
    const char *p = src;
    while (p < src + len && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    if (src + len - p >= 2 && p[0] == '%' && p[1] == '%')      /* a cell magic ends at a blank line */
        return ends_with_newline ? WK_CELL_COMPLETE : WK_CELL_INCOMPLETE;
    if (ends_with_newline) len = e;    /* a last line of blanks ends the block (IPython) */
    size_t tlen = 0;
    char *transformed = wk_magic_transform(src, len, &tlen);
    wk_cell_status st = wk_cell_is_complete(transformed ? transformed : src, transformed ? tlen : len, indent);
    free(transformed);
    return st;
}

/* ---------------------------------------------------------------- shared helpers */

bool wk_magic_is_usage_error(const wk_obj *exc) {
    return usage_error && exc && wk_isinstance_t(wk_objv((wk_obj *)exc), usage_error);
}

wk_value wk_magic_usage_error(const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return wk_raise(usage_error, "%s", msg);
}


/* Reads a whole file; NULL with ValueError/OSError raised. */
static char *read_file(const char *path, size_t *len, const char *missing_fmt) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        wk_raise(wk_exc_ValueError, "'%s' is a directory, not a regular file.", path);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) { wk_raise(missing_fmt[0] == 'F' ? wk_exc_OSError : wk_exc_ValueError, missing_fmt, path); return NULL; }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) wk_sbuf_add(&sb, buf, n);
    fclose(f);
    return wk_sbuf_take(&sb, len);
}

/* ---------------------------------------------------------------- %who, %whos */

static bool is_hidden(wk_value name, wk_value v) {
    const char *s = wk_str_cstr(name);
    if (s[0] == '_') return true;
    if (!hidden_names) return false;
    wk_value h = wk_dict_get_s(hidden_names, s);
    return !WK_IS_NULL(h) && wk_is(h, v);
}

static bool type_wanted(wk_value v, const char *types) {
    if (!*types) return true;
    const char *tn = wk_typename(v);
    size_t n = strlen(tn);
    for (const char *p = types; *p;) {
        while (*p == ' ') p++;
        const char *q = p;
        while (*q && *q != ' ') q++;
        if ((size_t)(q - p) == n && !memcmp(p, tn, n)) return true;
        p = q;
    }
    return false;
}

/* Sorted names of the user's variables (who_ls). */
static wk_obj *who_names(const char *types) {
    wk_obj *names = wk_list_new(0);
    if (!names) return NULL;
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(wk_vm_state.main_dict, &pos, &k, &v))
        if (wk_is_str(k) && !is_hidden(k, v) && type_wanted(v, types) && !wk_list_append(names, k)) {
            wk_obj_decref(names);
            return NULL;
        }
    wk_value r = wk_call_method_s(wk_objv(names), "sort", NULL, 0);
    if (WK_IS_NULL(r)) { wk_obj_decref(names); return NULL; }
    wk_decref(r);
    return names;
}

wk_value wk_magic_print_sbuf(wk_sbuf *sb) {
    bool ok = wk_write_stdout(sb->data ? sb->data : "", sb->len);
    wk_sbuf_free(sb);
    return ok ? WK_NONEV : WK_NULLV;
}

static bool empty_namespace(const wk_obj *names, const char *types) {
    if (WK_LIST(names)->len) return false;
    const char *msg = *types ? "No variables match your requested type.\n" : "Interactive namespace is empty.\n";
    wk_write_stdout(msg, strlen(msg));
    return true;
}

static wk_value m_who(const char *args, const char *cell) {
    (void)cell;
    wk_obj *names = who_names(args);
    if (!names) return WK_NULLV;
    if (empty_namespace(names, args)) { wk_obj_decref(names); return WK_NONEV; }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int64_t i = 0; i < WK_LIST(names)->len; i++) {
        wk_sbuf_printf(&sb, "%s\t ", wk_str_cstr(WK_LIST(names)->items[i]));
        if (i % 9 == 8) wk_sbuf_addc(&sb, '\n');
    }
    wk_sbuf_addc(&sb, '\n');
    wk_obj_decref(names);
    return wk_magic_print_sbuf(&sb);
}

/* "2x3: 6 elems, type `torch.float32`, device `cpu`, 24 bytes" (IPython's ndarray line,
 * with the device), or WK_NULL without exception when v is not a tensor. */
static bool tensor_info(wk_value v, wk_sbuf *sb) {
    if (strcmp(wk_typename(v), "Tensor") && strcmp(wk_typename(v), "Parameter")) return false;
    wk_value shape = wk_getattr_s(v, "shape"), dtype = wk_getattr_s(v, "dtype"), dev = wk_getattr_s(v, "device");
    wk_value n = wk_call_method_s(v, "nelement", NULL, 0), es = wk_call_method_s(v, "element_size", NULL, 0);
    wk_obj *dims = WK_IS_NULL(shape) ? NULL : wk_sequence_tuple(shape);
    int64_t count = 0, size = 0;
    bool ok = dims && !WK_IS_NULL(dtype) && !WK_IS_NULL(dev) && wk_as_int64(n, &count) && wk_as_int64(es, &size);
    if (ok) {
        for (int64_t i = 0; i < WK_TUPLE(dims)->len; i++)
            wk_sbuf_printf(sb, "%s%lld", i ? "x" : "", (long long)WK_TUPLE(dims)->items[i].u.i);
        wk_sbuf_printf(sb, ": %lld elems, type `", (long long)count);
        ok = wk_str_to(sb, dtype);
        wk_sbuf_adds(sb, "`, device `");
        ok = ok && wk_str_to(sb, dev);
        long long bytes = (long long)(count * size);
        wk_sbuf_printf(sb, "`, %lld bytes", bytes);
        if (bytes >= 100000) {      /* Python's str() of an exact binary fraction */
            double v = (double)bytes / (bytes < 1048576 ? 1024.0 : 1048576.0);
            wk_sbuf_printf(sb, v == floor(v) ? " (%.1f %s)" : " (%.17g %s)", v, bytes < 1048576 ? "kb" : "Mb");
        }
    }
    if (!ok) wk_err_clear();
    if (dims) wk_obj_decref(dims);
    wk_decref(shape); wk_decref(dtype); wk_decref(dev); wk_decref(n); wk_decref(es);
    return ok;
}

static void whos_info(wk_value v, wk_sbuf *sb) {
    if (wk_is_dict(v) || wk_is_list(v) || wk_is_tuple(v)) {
        wk_sbuf_printf(sb, "n=%lld", (long long)wk_len(v));
        return;
    }
    if (tensor_info(v, sb)) return;
    wk_sbuf s;
    wk_sbuf_init(&s);
    if (!wk_str_to(&s, v)) { wk_err_clear(); wk_sbuf_clear(&s); wk_sbuf_adds(&s, "<object (str() failed)>"); }
    wk_sbuf esc;
    wk_sbuf_init(&esc);
    for (size_t i = 0; i < s.len; i++) {
        if (s.data[i] == '\n') wk_sbuf_adds(&esc, "\\n");
        else wk_sbuf_addc(&esc, s.data[i]);
    }
    wk_value str = wk_str_new(esc.data ? esc.data : "", esc.len);
    int64_t nch = WK_IS_NULL(str) ? 0 : WK_STR(str.u.o)->nchars;
    if (nch < 50 || WK_IS_NULL(str)) wk_sbuf_add(sb, esc.data ? esc.data : "", esc.len);
    else {
        /* first and last 25 code points */
        const char *d = esc.data;
        size_t i = 0, cps = 0;
        while (i < esc.len && cps < 25) { i++; while (i < esc.len && ((unsigned char)d[i] & 0xC0) == 0x80) i++; cps++; }
        size_t j = esc.len;
        cps = 0;
        while (j > 0 && cps < 25) { j--; while (j > 0 && ((unsigned char)d[j] & 0xC0) == 0x80) j--; cps++; }
        wk_sbuf_add(sb, d, i);
        wk_sbuf_adds(sb, "<...>");
        wk_sbuf_add(sb, d + j, esc.len - j);
    }
    wk_decref(str);
    wk_err_clear();
    wk_sbuf_free(&s);
    wk_sbuf_free(&esc);
}

static wk_value m_whos(const char *args, const char *cell) {
    (void)cell;
    wk_obj *names = who_names(args);
    if (!names) return WK_NULLV;
    if (empty_namespace(names, args)) { wk_obj_decref(names); return WK_NONEV; }
    wk_list *l = WK_LIST(names);
    size_t varw = strlen("Variable"), typew = strlen("Type");
    for (int64_t i = 0; i < l->len; i++) {
        wk_value v = wk_dict_get_s(wk_vm_state.main_dict, wk_str_cstr(l->items[i]));
        size_t nw = (size_t)WK_STR(l->items[i].u.o)->nchars, tw = strlen(wk_typename(v));
        if (nw > varw) varw = nw;
        if (tw > typew) typew = tw;
    }
    varw += 3;
    typew += 3;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "%-*s%-*s Data/Info\n", (int)varw, "Variable", (int)typew, "Type");
    wk_sbuf_addrep(&sb, '-', varw + typew + strlen("Data/Info") + 1);
    wk_sbuf_addc(&sb, '\n');
    for (int64_t i = 0; i < l->len; i++) {
        const char *name = wk_str_cstr(l->items[i]);
        wk_value v = wk_dict_get_s(wk_vm_state.main_dict, name);
        size_t pad = varw - (size_t)WK_STR(l->items[i].u.o)->nchars;
        wk_sbuf_adds(&sb, name);
        wk_sbuf_addrep(&sb, ' ', pad);
        wk_sbuf_printf(&sb, "%-*s ", (int)typew, wk_typename(v));
        whos_info(v, &sb);
        wk_sbuf_addc(&sb, '\n');
    }
    wk_obj_decref(names);
    return wk_magic_print_sbuf(&sb);
}

/* ---------------------------------------------------------------- %reset */

static bool snapshot_names(void) {
    if (hidden_names) wk_obj_decref(hidden_names);
    hidden_names = wk_dict_copy(wk_vm_state.main_dict);
    return hidden_names != NULL;
}

/* Asks (y/[n]) through input(); true for yes. */
static int confirm(const char *prompt) {
    wk_value input = wk_dict_get_s(wk_vm_state.builtins, "input");
    wk_value p = wk_str_from_c(prompt);
    wk_value ans = WK_IS_NULL(input) || WK_IS_NULL(p) ? WK_NULLV : wk_call1(input, p);
    wk_decref(p);
    if (WK_IS_NULL(ans)) return -1;
    int yes = wk_is_str(ans) && (wk_str_cstr(ans)[0] == 'y' || wk_str_cstr(ans)[0] == 'Y');
    wk_decref(ans);
    return yes;
}

static wk_value m_reset(const char *args, const char *cell) {
    (void)cell;
    bool force = strstr(args, "-f") != NULL;
    if (!force) {
        int yes = confirm("Once deleted, variables cannot be recovered. Proceed (y/[n])? ");
        if (yes < 0) return WK_NULLV;
        if (!yes) { wk_write_stdout("Nothing done.\n", 14); return WK_NONEV; }
    }
    wk_obj *keys = wk_list_new(0);
    if (!keys) return WK_NULLV;
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(wk_vm_state.main_dict, &pos, &k, &v)) {
        const char *s = wk_is_str(k) ? wk_str_cstr(k) : "";
        size_t n = strlen(s);
        bool dunder = n > 4 && !strncmp(s, "__", 2) && !strcmp(s + n - 2, "__");
        if (!dunder && !wk_list_append(keys, k)) { wk_obj_decref(keys); return WK_NULLV; }
    }
    for (int64_t i = 0; i < WK_LIST(keys)->len; i++)
        if (wk_dict_del(wk_vm_state.main_dict, WK_LIST(keys)->items[i]) < 0) wk_err_clear();
    wk_obj_decref(keys);
    if (wk_magic_state.after_reset) wk_magic_state.after_reset(wk_magic_state.ctx);
    return snapshot_names() ? WK_NONEV : WK_NULLV;
}

/* ---------------------------------------------------------------- %history */

void wk_magic_record_input(const char *src, size_t len) {
    if (record.len == record.cap) {
        size_t cap = record.cap ? record.cap * 2 : 64;
        char **items = realloc(record.items, cap * sizeof *items);
        if (!items) return;
        record.items = items;
        record.cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) return;
    memcpy(copy, src, len);
    copy[len] = 0;
    record.items[record.len++] = copy;
}

void wk_magic_fini(void) {
    for (size_t i = 0; i < record.len; i++) free(record.items[i]);
    free(record.items);
    memset(&record, 0, sizeof record);
    if (hidden_names) wk_obj_decref(hidden_names);
    hidden_names = NULL;
}

/* One input as %history prints it: tabs expanded to 4, trailing space stripped. */
static void history_entry(wk_sbuf *sb, size_t lineno, const char *in, bool nums) {
    wk_sbuf text;
    wk_sbuf_init(&text);
    size_t col = 0;
    for (const char *p = in; *p; p++) {
        if (*p == '\t') { size_t n = 4 - col % 4; wk_sbuf_addrep(&text, ' ', n); col += n; continue; }
        wk_sbuf_addc(&text, *p);
        col = *p == '\n' ? 0 : col + 1;
    }
    while (text.len && strchr(" \t\n\r", text.data[text.len - 1])) text.len--;
    if (nums) wk_sbuf_printf(sb, "%4zu:%c", lineno, memchr(text.data ? text.data : "", '\n', text.len) ? '\n' : ' ');
    wk_sbuf_add(sb, text.data ? text.data : "", text.len);
    wk_sbuf_addc(sb, '\n');
    wk_sbuf_free(&text);
}

/* Ranges "N" and "N-M" (1-based, inclusive), or everything when none is given. */
static wk_value m_history(const char *args, const char *cell) {
    (void)cell;
    bool nums = false, any_range = false;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (const char *p = args; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *q = p;
        while (*q && *q != ' ') q++;
        long a, b;
        char tail;
        if (!strncmp(p, "-n", 2) && q - p == 2) nums = true;
        else if (sscanf(p, "%ld-%ld%c", &a, &b, &tail) >= 2 || (sscanf(p, "%ld%c", &a, &tail) >= 1 && (b = a))) {
            any_range = true;
            for (long i = a < 1 ? 1 : a; i <= b && (size_t)i <= record.len; i++)
                history_entry(&sb, (size_t)i, record.items[i - 1], nums);
        } else {
            wk_sbuf_free(&sb);
            return wk_magic_usage_error("unrecognized history argument: %.*s", (int)(q - p), p);
        }
        p = q;
    }
    if (!any_range)
        for (size_t i = 0; i < record.len; i++) history_entry(&sb, i + 1, record.items[i], nums);
    return wk_magic_print_sbuf(&sb);
}

/* ---------------------------------------------------------------- %load, %run */

static wk_value m_load(const char *args, const char *cell) {
    (void)cell;
    if (!*args) return wk_magic_usage_error("Missing filename.");
    size_t len;
    char *text = read_file(args, &len, "'%s' was not found in history, as a file, url, nor in the user namespace.");
    if (!text) return WK_NULLV;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "# %%load %s\n", args);
    wk_sbuf_add(&sb, text, len);
    free(text);
    bool ok = wk_magic_state.set_next_input
                  ? wk_magic_state.set_next_input(sb.data, sb.len, wk_magic_state.ctx)
                  : wk_write_stdout(sb.data, sb.len);
    wk_sbuf_free(&sb);
    return ok ? WK_NONEV : WK_NULLV;
}

/* Runs the file as __main__ in a fresh namespace, then copies its names into the
 * user's (IPython's %run without -i). */
static wk_value m_run(const char *args, const char *cell) {
    (void)cell;
    if (!*args) return wk_magic_usage_error("%%run is for running Python/wick files: give a file name");
    size_t len;
    FILE *f = fopen(args, "rb");
    if (!f) {
        char msg[512];
        int n = snprintf(msg, sizeof msg, "ERROR:root:File `'%s'` not found.\n", args);
        wk_write_stderr(msg, (size_t)(n < (int)sizeof msg ? n : (int)sizeof msg - 1));
        return WK_NONEV;
    }
    fclose(f);
    char *text = read_file(args, &len, "File `'%s'` not found.");
    if (!text) return WK_NULLV;
    wk_obj *ns = wk_dict_new();
    wk_value name = wk_str_from_c("__main__"), file = wk_str_from_c(args);
    bool ok = ns && !WK_IS_NULL(name) && !WK_IS_NULL(file) && wk_dict_set_s(ns, "__name__", name) == 0
              && wk_dict_set_s(ns, "__file__", file) == 0
              && wk_dict_set_s(ns, "__builtins__", wk_objv(wk_vm_state.builtins)) == 0;
    ok = ok && wk_exec_cell(text, len, args, ns, WK_MODE_EXEC, NULL);
    free(text);
    int64_t pos = 0;
    wk_value k, v;
    while (ok && wk_dict_next(ns, &pos, &k, &v))
        if (!(wk_is_str(k) && !strncmp(wk_str_cstr(k), "__", 2)))
            ok = wk_dict_set(wk_vm_state.main_dict, k, v) == 0;
    wk_decref(name);
    wk_decref(file);
    if (ns) wk_obj_decref(ns);
    return ok ? WK_NONEV : WK_NULLV;
}

/* ---------------------------------------------------------------- ?obj */

static wk_value m_pinfo(const char *args, const char *cell) {
    (void)cell;
    size_t n = strlen(args);
    int64_t cps = 0;
    for (size_t i = 0; i < n; i++) cps += ((unsigned char)args[i] & 0xC0) != 0x80;
    wk_value doc = wk_inspect(args, n, cps, wk_vm_state.main_dict);
    if (WK_IS_NULL(doc) && wk_err_occurred()) wk_err_clear();
    bool ok;
    if (wk_is_str(doc)) {
        const char *t = wk_str_cstr(doc);
        size_t tl = (size_t)WK_STR(doc.u.o)->len;
        if (wk_magic_state.page) ok = wk_magic_state.page(t, tl, wk_magic_state.ctx);
        else ok = wk_write_stdout(t, tl) && (tl && t[tl - 1] == '\n' ? true : wk_write_stdout("\n", 1));
    } else {
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_sbuf_printf(&sb, "Object `%s` not found.\n", args);
        ok = wk_write_stdout(sb.data, sb.len);
        wk_sbuf_free(&sb);
    }
    wk_decref(doc);
    return ok ? WK_NONEV : WK_NULLV;
}

/* ---------------------------------------------------------------- dispatch */

typedef wk_value (*magic_fn)(const char *args, const char *cell);
static const struct { const char *name; magic_fn line, cell; } magics[] = {
    { "time", wk_magic_time, wk_magic_time },
    { "timeit", wk_magic_timeit, wk_magic_timeit },
    { "memory", wk_magic_memory, NULL },
    { "who", m_who, NULL },
    { "whos", m_whos, NULL },
    { "reset", m_reset, NULL },
    { "history", m_history, NULL },
    { "hist", m_history, NULL },
    { "load", m_load, NULL },
    { "run", m_run, NULL },
    { "pinfo", m_pinfo, NULL },
    { "pinfo2", m_pinfo, NULL },
};

/* __wick_magic__(name, line[, cell]) */
static wk_value dispatch(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse(DISPATCHER, args, nargs, kw, "name line|cell", a)) return WK_NULLV;
    if (!wk_is_str(a[0]) || !wk_is_str(a[1]) || (!WK_IS_NULL(a[2]) && !wk_is_str(a[2])))
        return wk_raise(wk_exc_TypeError, DISPATCHER "() takes str arguments");
    const char *name = wk_str_cstr(a[0]);
    const char *cell = WK_IS_NULL(a[2]) ? NULL : wk_str_cstr(a[2]);
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        if (strcmp(magics[i].name, name)) continue;
        magic_fn fn = cell ? magics[i].cell : magics[i].line;
        if (fn) return fn(wk_str_cstr(a[1]), cell);
        break;
    }
    if (cell) return wk_magic_usage_error("Cell magic `%%%%%s` not found.", name);
    return wk_magic_usage_error("Line magic function `%%%s` not found.", name);
}

bool wk_magic_init(void) {
    if (!usage_error) {
        wk_obj *ns = wk_dict_new();
        if (!ns) return false;
        usage_error = wk_type_new_class("UsageError", wk_exc_Exception, ns, "IPython.core.error");
        wk_obj_decref(ns);
        if (!usage_error) return false;
    }
    wk_value fn = wk_cfunction_new(DISPATCHER, dispatch, "Runs an IPython-style magic (used by the input transform).");
    if (WK_IS_NULL(fn)) return false;
    int r = wk_dict_set_s(wk_vm_state.builtins, DISPATCHER, fn);
    wk_decref(fn);
    return r == 0 && snapshot_names();
}
