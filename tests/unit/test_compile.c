/* test_compile.c — checks the compiler: SyntaxError texts/positions and instruction positions against CPython (tests/unit/data/compile_errors.txt), stack sizes, constants, cells, notebook cells. */
#include <dirent.h>
#include "../../lang/vm.h"
#include "../../lang/compile.h"
#include "tap.h"

#define DATA_FILE "tests/unit/data/compile_errors.txt"

/* Running the programs creates classes, whose reference cycles wick does not collect
 * (docs/language.md); LeakSanitizer ignores what is allocated while they run, and keeps
 * checking everything else (the compiler's own allocations). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WK_TEST_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define WK_TEST_LSAN 1
#endif
#ifdef WK_TEST_LSAN
void __lsan_disable(void);
void __lsan_enable(void);
#define LSAN_DISABLE() __lsan_disable()
#define LSAN_ENABLE() __lsan_enable()
#else
#define LSAN_DISABLE() ((void)0)
#define LSAN_ENABLE() ((void)0)
#endif

/* ---------------------------------------------------------------- data file */

static char *unescape(char *s)
{
    char *o = s, *r = s;
    while (*r) {
        if (*r == '\\' && r[1]) {
            r++;
            *o++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r == 'r' ? '\r' : *r;
            r++;
        } else {
            *o++ = *r++;
        }
    }
    *o = 0;
    return s;
}

static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\n")] = 0;
    for (char *p = line; n < max; ) {
        f[n++] = p;
        p = strchr(p, '\t');
        if (!p) break;
        *p++ = 0;
    }
    return n;
}

/* ---------------------------------------------------------------- helpers */

static wk_obj *compile(const char *src)
{
    return wk_compile_source(src, strlen(src), "<test>", WK_MODE_EXEC, false);
}

static const char *attr_text(wk_obj *exc, const char *name, char *buf, size_t n)
{
    wk_value v = wk_getattr_s(wk_objv(exc), name);
    if (WK_IS_NULL(v)) { wk_err_clear(); snprintf(buf, n, "<missing>"); return buf; }
    if (WK_IS_NONE(v)) snprintf(buf, n, "None");
    else if (WK_IS_INT(v)) snprintf(buf, n, "%lld", (long long)v.u.i);
    else if (wk_is_str(v)) snprintf(buf, n, "%s", wk_str_cstr(v));
    else snprintf(buf, n, "<%s>", wk_typename(v));
    wk_decref(v);
    return buf;
}

static void check_error(char **f)
{
    const char *src = unescape(f[1]);
    wk_obj *code = compile(src);
    if (code) {
        wk_obj_decref(code);
        tap_ok(false, "%s: %s (compiled without error)", f[2], unescape(f[3]));
        return;
    }
    wk_obj *exc = wk_err_fetch();
    char got[1024], b[5][256];
    snprintf(got, sizeof got, "%s|%s|%s|%s|%s|%s", exc ? exc->type->name : "?",
             attr_text(exc, "msg", b[0], sizeof b[0]), attr_text(exc, "lineno", b[1], sizeof b[1]),
             attr_text(exc, "offset", b[2], sizeof b[2]), attr_text(exc, "end_lineno", b[3], sizeof b[3]),
             attr_text(exc, "end_offset", b[4], sizeof b[4]));
    char want[1024];
    snprintf(want, sizeof want, "%s|%s|%s|%s|%s|%s", f[2], unescape(f[3]), f[4], f[5], f[6], f[7]);
    tap_is_str(got, want, "error: %s", f[3]);
    wk_obj_decref(exc);
}

/* CPython 3.11 opcode names the data file uses for our instructions. */
static const char *cpython_name(int op)
{
    switch (op) {
    case WK_OP_CALL_FUNCTION: case WK_OP_CALL_FUNCTION_KW: case WK_OP_CALL_METHOD: return "CALL";
    case WK_OP_BINARY_OP: return "BINARY_OP";
    case WK_OP_BINARY_SUBSCR: return "BINARY_SUBSCR";
    case WK_OP_STORE_SUBSCR: return "STORE_SUBSCR";
    case WK_OP_COMPARE_OP: return "COMPARE_OP";
    case WK_OP_LOAD_ATTR: return "LOAD_ATTR";
    case WK_OP_STORE_ATTR: return "STORE_ATTR";
    case WK_OP_RAISE_VARARGS: return "RAISE_VARARGS";
    case WK_OP_GET_ITER: return "GET_ITER";
    case WK_OP_FORMAT_VALUE: return "FORMAT_VALUE";
    case WK_OP_LOAD_METHOD: return "LOAD_METHOD";
    case WK_OP_LOAD_ASSERTION_ERROR: return "LOAD_ASSERTION_ERROR";
    default: return NULL;
    }
}

/* Filtered positions of co, then of its nested code objects depth-first. */
static void list_positions(wk_sbuf *sb, wk_code *co)
{
    for (int i = 0; i < co->ncode; i++) {
        const char *name = cpython_name(WK_OPCODE(co->code[i]));
        wk_codepos p = co->positions[i];
        if (name) wk_sbuf_printf(sb, "%s %d,%d,%d,%d;", name, p.lineno, p.end_lineno, p.col, p.end_col);
    }
    for (int64_t i = 0; i < WK_TUPLE(co->consts)->len; i++) {
        wk_value k = WK_TUPLE(co->consts)->items[i];
        if (WK_IS_OBJ(k) && k.u.o->type == &wk_type_code) list_positions(sb, (wk_code *)k.u.o);
    }
}

/* All "pos" lines of one source: the filtered instruction positions must match in order. */
static void check_positions(const char *src, const char *want)
{
    wk_obj *code = compile(src);
    if (!code) { wk_err_clear(); tap_ok(false, "positions: %s compiles", src); return; }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    list_positions(&sb, (wk_code *)code);
    char label[64];
    snprintf(label, sizeof label, "%.40s", src);
    for (char *q = label; *q; q++) if (*q == '\n') *q = '|';
    tap_is_str(sb.data ? sb.data : "", want, "positions: %s", label);
    wk_sbuf_free(&sb);
    wk_obj_decref(code);
}

static void run_data_file(void)
{
    FILE *fp = fopen(DATA_FILE, "r");
    if (!fp) tap_bail_out("cannot open " DATA_FILE);
    static char line[65536], cur_src[8192];
    wk_sbuf want;
    wk_sbuf_init(&want);
    cur_src[0] = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#') continue;
        char *f[9];
        int n = split_tabs(line, f, 9);
        if (n == 8 && strcmp(f[0], "error") == 0) { check_error(f); continue; }
        if (n != 7 || strcmp(f[0], "pos") != 0) continue;
        unescape(f[1]);
        if (strcmp(f[1], cur_src) != 0) {
            if (cur_src[0]) check_positions(cur_src, want.data);
            snprintf(cur_src, sizeof cur_src, "%s", f[1]);
            wk_sbuf_clear(&want);
        }
        wk_sbuf_printf(&want, "%s %s,%s,%s,%s;", f[2], f[3], f[4], f[5], f[6]);
    }
    if (cur_src[0]) check_positions(cur_src, want.data);
    wk_sbuf_free(&want);
    fclose(fp);
}

/* ---------------------------------------------------------------- stack sizes */

static wk_code *find_code(wk_code *co, const char *name)
{
    if (strcmp(wk_str_cstr(wk_objv(co->name)), name) == 0) return co;
    for (int64_t i = 0; i < WK_TUPLE(co->consts)->len; i++) {
        wk_value k = WK_TUPLE(co->consts)->items[i];
        if (WK_IS_OBJ(k) && k.u.o->type == &wk_type_code) {
            wk_code *r = find_code((wk_code *)k.u.o, name);
            if (r) return r;
        }
    }
    return NULL;
}

static void check_stacksize(const char *src, const char *name, int want)
{
    wk_obj *code = compile(src);
    if (!code) { wk_err_clear(); tap_ok(false, "stacksize: compiles %s", src); return; }
    wk_code *co = find_code((wk_code *)code, name);
    tap_is_int(co ? co->stacksize : -1, want, "stacksize of %s in %.30s", name, src);
    wk_obj_decref(code);
}

static void test_stacksizes(void)
{
    check_stacksize("x = 1\n", "<module>", 1);
    check_stacksize("f(a, b, c)\n", "<module>", 4);
    check_stacksize("a, b = b, a\n", "<module>", 2);
    check_stacksize("x = [1, 2, 3]\n", "<module>", 3);
    check_stacksize("d = {'a': 1, 'b': 2}\n", "<module>", 3);
    check_stacksize("o.m(1, 2)\n", "<module>", 4);
    check_stacksize("with a as b, c as d:\n    pass\n", "<module>", 5);
    check_stacksize("x = [i for i in y]\n", "<listcomp>", 3);
    check_stacksize("x = {k: v for k, v in y}\n", "<dictcomp>", 4);
    check_stacksize("def f():\n    for x in y:\n        try:\n            return g(x)\n"
                    "        finally:\n            h()\n", "f", 3);
    check_stacksize("try:\n    pass\nexcept E as e:\n    pass\n", "<module>", 2);
    check_stacksize("a < b < c\n", "<module>", 3);
}

/* ---------------------------------------------------------------- constants, cells */

static void test_consts(void)
{
    wk_obj *code = compile("x = [1, 1.0, True, 1, 'a', 'a', 0.0, -0.0]\n");
    wk_code *co = (wk_code *)code;
    int64_t n = co ? WK_TUPLE(co->consts)->len : -1;
    tap_is_int(n, 7, "1, 1.0, True, 'a', 0.0, -0.0 and None stay distinct, duplicates merge");
    if (code) wk_obj_decref(code);

    code = compile("def f(a):\n    'the doc'\n    return a\ng = lambda: 'no doc'\n");
    wk_code *f = code ? find_code((wk_code *)code, "f") : NULL;
    wk_code *l = code ? find_code((wk_code *)code, "<lambda>") : NULL;
    tap_ok(f && wk_is_str(WK_TUPLE(f->consts)->items[0])
           && strcmp(wk_str_cstr(WK_TUPLE(f->consts)->items[0]), "the doc") == 0,
           "docstring is consts[0]");
    tap_ok(l && WK_IS_NONE(WK_TUPLE(l->consts)->items[0]), "a lambda's consts[0] is None");
    if (code) wk_obj_decref(code);

    code = compile("def outer(p):\n    q = 1\n    def inner():\n        return p + q\n    return inner\n"
                   "class C:\n    def m(self):\n        return super().m()\n");
    wk_code *o = code ? find_code((wk_code *)code, "outer") : NULL;
    wk_code *in = code ? find_code((wk_code *)code, "inner") : NULL;
    wk_code *c = code ? find_code((wk_code *)code, "C") : NULL;
    wk_code *m = code ? find_code((wk_code *)code, "m") : NULL;
    tap_ok(o && WK_TUPLE(o->cellvars)->len == 2, "outer has cells p and q");
    tap_ok(in && WK_TUPLE(in->freevars)->len == 2 && !(in->flags & WK_CO_NOFREE), "inner has 2 free vars");
    tap_ok(c && WK_TUPLE(c->cellvars)->len == 1
           && strcmp(wk_str_cstr(WK_TUPLE(c->cellvars)->items[0]), "__class__") == 0,
           "class body has the __class__ cell");
    tap_ok(m && WK_TUPLE(m->freevars)->len == 1, "a method using super() has __class__ free");
    tap_is_str(in ? wk_str_cstr(wk_objv(in->qualname)) : "?", "outer.<locals>.inner", "qualname");
    if (code) wk_obj_decref(code);
}

static void test_cells_mode(void)
{
    const char *src = "x = 40\nx + 2\n";
    bool ends = false;
    wk_obj *code = wk_compile_source_cell(src, strlen(src), "<cell>", true, &ends);
    wk_obj *g = wk_dict_new();
    wk_dict_set_s(g, "__builtins__", wk_objv(wk_vm_state.builtins));
    wk_value r = code ? wk_eval_code(code, g, NULL) : WK_NULLV;
    if (WK_IS_NULL(r)) wk_err_clear();
    tap_ok(ends && WK_IS_INT(r) && r.u.i == 42, "a cell returns its last expression");
    wk_decref(r);
    if (code) wk_obj_decref(code);
    code = wk_compile_source_cell("y = 1\n", 6, "<cell>", true, &ends);
    tap_ok(code && !ends, "a cell ending in a statement reports no expression");
    if (code) wk_obj_decref(code);
    wk_obj_decref(g);

    code = wk_compile_source("print(1)\n", 9, "<stdin>", WK_MODE_SINGLE, false);
    bool has_print = false;
    for (int i = 0; code && i < ((wk_code *)code)->ncode; i++)
        has_print |= WK_OPCODE(((wk_code *)code)->code[i]) == WK_OP_PRINT_EXPR;
    tap_ok(has_print, "SINGLE mode echoes expression statements");
    if (code) wk_obj_decref(code);
}

static void test_text_attr(void)
{
    const char *src = "x = 1\nreturn x\n";
    wk_obj *code = wk_compile_source(src, strlen(src), "prog.py", WK_MODE_EXEC, false);
    wk_obj *exc = code ? NULL : wk_err_fetch();
    char buf[256];
    tap_is_str(exc ? attr_text(exc, "text", buf, sizeof buf) : "?", "return x\n",
               "text of a compile error in a file is its line");
    if (exc) wk_obj_decref(exc);
    if (code) wk_obj_decref(code);
}

/* ---------------------------------------------------------------- programs */

static void capture(int fd, const char *s, size_t n, void *ctx)
{
    if (fd == 1) wk_sbuf_add(ctx, s, n);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) wk_sbuf_add(&sb, buf, n);
    fclose(fp);
    if (!sb.data) wk_sbuf_add(&sb, "", 0);
    return wk_sbuf_take(&sb, len);
}

/* Empties a namespace, breaking the cycles through its functions' __globals__. */
static void clear_namespace(wk_obj *g)
{
    wk_obj *keys = wk_list_new(0);
    int64_t pos = 0;
    wk_value k, v;
    while (keys && wk_dict_next(g, &pos, &k, &v)) wk_list_append(keys, k);
    for (int64_t i = 0; keys && i < WK_LIST(keys)->len; i++)
        if (wk_dict_del(g, WK_LIST(keys)->items[i]) < 0) wk_err_clear();
    wk_obj_decref(keys);
}

/* Runs one program in a fresh __main__-like namespace; returns its stdout (malloc'd). */
static char *run_program(const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src) return NULL;
    wk_sbuf out;
    wk_sbuf_init(&out);
    wk_vm_state.write_hook = capture;
    wk_vm_state.write_hook_ctx = &out;
    wk_obj *g = wk_dict_new();
    wk_dict_set_s(g, "__builtins__", wk_objv(wk_vm_state.builtins));
    wk_value name = wk_str_from_c("__main__");
    wk_dict_set_s(g, "__name__", name);
    wk_decref(name);
    wk_obj *code = wk_compile_source(src, len, path, WK_MODE_EXEC, false);
    wk_value r = code ? wk_eval_code(code, g, NULL) : WK_NULLV;
    if (WK_IS_NULL(r)) {
        wk_sbuf_adds(&out, "<exception>\n");
        wk_sbuf eb;
        wk_sbuf_init(&eb);
        wk_obj *exc = wk_err_fetch();
        if (exc) wk_exc_format(&eb, exc);
        tap_diag("%s: %s", path, eb.data ? eb.data : "?");
        wk_sbuf_free(&eb);
        wk_obj_decref(exc);
    }
    wk_decref(r);
    if (code) wk_obj_decref(code);
    clear_namespace(g);
    wk_obj_decref(g);
    wk_vm_state.write_hook = NULL;
    free(src);
    if (!out.data) wk_sbuf_add(&out, "", 0);
    return wk_sbuf_take(&out, NULL);
}

static void test_programs(void)
{
    const char *dir = "tests/unit/data/compile";
    DIR *d = opendir(dir);
    if (!d) { tap_ok(false, "open %s", dir); return; }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".py") != 0) continue;
        char py[512], outp[512];
        snprintf(py, sizeof py, "%s/%s", dir, e->d_name);
        snprintf(outp, sizeof outp, "%s/%.*s.out", dir, (int)(n - 3), e->d_name);
        size_t wl;
        char *want = read_file(outp, &wl);
        LSAN_DISABLE();
        char *got = run_program(py);
        LSAN_ENABLE();
        tap_is_str(got ? got : "<none>", want ? want : "<no .out file>", "program %s", e->d_name);
        free(want);
        free(got);
    }
    closedir(d);
}

/* Every golden program compiles (the assembler checks stack depths on every path). */
static void test_lang_files(void)
{
    FILE *ls = popen("ls tests/lang/*.py tests/lang/wick/*.py 2>/dev/null", "r");
    if (!ls) return;
    char path[512];
    int n = 0, bad = 0;
    while (fgets(path, sizeof path, ls)) {
        path[strcspn(path, "\n")] = 0;
        FILE *fp = fopen(path, "rb");
        if (!fp) continue;
        static char src[1 << 20];
        size_t len = fread(src, 1, sizeof src, fp);
        fclose(fp);
        wk_obj *code = wk_compile_source(src, len, path, WK_MODE_EXEC, false);
        n++;
        if (code) { wk_obj_decref(code); continue; }
        wk_obj *exc = wk_err_fetch();
        bool syntax_test = strstr(path, "syntax_error") || strstr(path, "indentation_error");
        if (!syntax_test) { bad++; tap_diag("%s does not compile", path); }
        wk_obj_decref(exc);
    }
    pclose(ls);
    tap_ok(n > 0 && bad == 0, "all %d programs in tests/lang compile", n);
}

int main(int argc, char **argv)
{
    if (!wk_init(argc, argv)) tap_bail_out("wk_init failed");
    run_data_file();
    test_stacksizes();
    test_consts();
    test_cells_mode();
    test_text_attr();
    test_lang_files();
    test_programs();
    return tap_done_testing();
}
