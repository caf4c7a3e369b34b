/* test_ckpt.c — TAP tests of torch.save/torch.load and safetensors: PyTorch-written fixtures, round trips (also through real PyTorch), corrupt and malicious files, atomic saves. */
#include "ckpt.h"
#include "../unit/tap.h"
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *g_dir = "tests/ckpt/data";
static char g_tmp[256];
static bool g_have_torch;
static bool g_have_nn;      /* wick's torch.nn importable: Parameters load as nn.Parameter */

/* ================================================================ helpers */

static char *path_in(const char *dir, const char *name) {
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* Message of the pending exception ("Type: text"); clears it. */
static char *take_error(void) {
    static char buf[8192];
    wk_obj *e = wk_err_fetch();
    if (!e) { snprintf(buf, sizeof buf, "(no exception)"); return buf; }
    wk_value s = wk_str(wk_objv(e));
    snprintf(buf, sizeof buf, "%s: %s", e->type->name, wk_is_str(s) ? wk_str_cstr(s) : "?");
    wk_decref(s);
    wk_obj_decref(e);
    return buf;
}

static wk_value load_path(const char *p, wk_value map_location) {
    wk_value s = wk_str_from_c(p);
    wk_value r = wk_ckpt_load(s, map_location, WK_NULLV);
    wk_decref(s);
    return r;
}

static bool save_path(wk_value obj, const char *p) {
    wk_value s = wk_str_from_c(p);
    wk_value r = wk_ckpt_save(obj, s);
    wk_decref(s);
    wk_decref(r);
    return !WK_IS_NULL(r);
}

static wk_obj *g_st_mod;
static wk_value st_call(const char *fn, wk_value a, wk_value b) {
    wk_value f = wk_getattr_s(wk_objv(g_st_mod), fn);
    if (WK_IS_NULL(f)) return f;
    wk_value r = WK_IS_NULL(b) ? wk_call1(f, a) : wk_call2(f, a, b);
    wk_decref(f);
    return r;
}

static wk_value load_any(const char *file, const char *dir) {
    if (strstr(file, ".safetensors")) {
        wk_value p = wk_str_from_c(path_in(dir, file));
        wk_value r = st_call("load_file", p, WK_NULLV);
        wk_decref(p);
        return r;
    }
    return load_path(path_in(dir, file), WK_NULLV);
}

/* Follows a '/'-separated path of dict keys (str, else int) and sequence indices. Borrowed. */
static wk_value navigate(wk_value v, const char *path) {
    if (!strcmp(path, ".")) return v;
    char buf[512], *save = NULL;
    snprintf(buf, sizeof buf, "%s", path);
    for (char *seg = strtok_r(buf, "/", &save); seg && !WK_IS_NULL(v); seg = strtok_r(NULL, "/", &save)) {
        if (wk_isinstance_t(v, &wk_type_dict)) {
            wk_value k = wk_str_from_c(seg), out = WK_NULLV;
            int f = wk_dict_lookup(v.u.o, k, &out);
            wk_decref(k);
            if (f != 1) f = wk_dict_lookup(v.u.o, wk_int(atoll(seg)), &out);
            v = f == 1 ? out : WK_NULLV;
        } else if (wk_is_list(v) || wk_isinstance_t(v, &wk_type_tuple)) {
            int64_t i = atoll(seg);
            int64_t n = wk_is_list(v) ? WK_LIST(v.u.o)->len : WK_TUPLE(v.u.o)->len;
            v = i < n ? (wk_is_list(v) ? WK_LIST(v.u.o)->items[i] : WK_TUPLE(v.u.o)->items[i]) : WK_NULLV;
        } else {
            v = WK_NULLV;
        }
    }
    return v;
}

static void dims_str(char *buf, size_t cap, int n, const int64_t *d) {
    size_t k = (size_t)snprintf(buf, cap, "[");
    for (int i = 0; i < n; i++) k += (size_t)snprintf(buf + k, cap - k, i ? ",%lld" : "%lld", (long long)d[i]);
    snprintf(buf + k, cap - k, "]");
}

/* Element i (row-major) as the text gen.py writes: hex bits for floats, decimal for the rest. */
static void elem_str(const wk_tensor *t, int64_t i, char *buf, size_t cap) {
    int64_t idx[WK_MAX_DIMS];
    for (int d = t->ndim - 1; d >= 0; d--) { idx[d] = t->shape[d] ? i % t->shape[d] : 0; i = t->shape[d] ? i / t->shape[d] : 0; }
    const unsigned char *p = wk_tensor_ptr_at(t, idx);
    uint64_t u = 0;
    switch (t->dtype) {
    case WK_DT_F32: memcpy(&u, p, 4); snprintf(buf, cap, "%08llx", (unsigned long long)u); break;
    case WK_DT_F64: memcpy(&u, p, 8); snprintf(buf, cap, "%016llx", (unsigned long long)u); break;
    case WK_DT_F16: case WK_DT_BF16: memcpy(&u, p, 2); snprintf(buf, cap, "%04llx", (unsigned long long)u); break;
    default: snprintf(buf, cap, "%lld", (long long)wk_dtype_load_i64(t->dtype, p)); break;
    }
}

/* "T file path dtype shape stride offset rg values..." against a loaded object. */
static bool check_tensor_line(wk_value root, char *rest, char *why, size_t cap) {
    char *path = strtok(rest, " "), *dt = strtok(NULL, " "), *shape = strtok(NULL, " "),
         *stride = strtok(NULL, " "), *off = strtok(NULL, " "), *rg = strtok(NULL, " ");
    wk_value v = navigate(root, path);
    if (WK_IS_NULL(v) || !wk_bind_is_tensor(v)) { snprintf(why, cap, "%s: not a tensor", path); return false; }
    wk_tensor *t = wk_bind_t(v);
    char got[512];
    if (strcmp(wk_dtype_short(t->dtype), dt)) { snprintf(why, cap, "%s: dtype %s", path, wk_dtype_short(t->dtype)); return false; }
    dims_str(got, sizeof got, t->ndim, t->shape);
    if (strcmp(got, shape)) { snprintf(why, cap, "%s: shape %s", path, got); return false; }
    dims_str(got, sizeof got, t->ndim, t->stride);
    if (strcmp(got, stride)) { snprintf(why, cap, "%s: stride %s", path, got); return false; }
    if (t->offset != atoll(off) || t->requires_grad != (atoi(rg) != 0)) { snprintf(why, cap, "%s: offset/requires_grad", path); return false; }
    int64_t n = wk_tensor_numel(t), i = 0;
    for (char *w = strtok(NULL, " \n"); w; w = strtok(NULL, " \n"), i++) {
        if (i >= n) { snprintf(why, cap, "%s: too few elements", path); return false; }
        elem_str(t, i, got, sizeof got);
        if (strcmp(got, w)) { snprintf(why, cap, "%s: element %lld is %s, want %s", path, (long long)i, got, w); return false; }
    }
    if (i != n) { snprintf(why, cap, "%s: %lld elements, want %lld", path, (long long)n, (long long)i); return false; }
    return true;
}

static bool check_repr_line(wk_value root, char *rest, char *why, size_t cap) {
    char *sp = strchr(rest, ' ');
    if (!sp) return false;
    *sp = 0;
    char *want = sp + 1;
    want[strcspn(want, "\n")] = 0;
    wk_value v = navigate(root, rest);
    if (WK_IS_NULL(v)) { snprintf(why, cap, "%s: missing", rest); return false; }
    wk_value r = wk_repr(v);
    bool ok = wk_is_str(r) && !strcmp(wk_str_cstr(r), want);
    if (!ok) snprintf(why, cap, "%s: repr %s, want %s", rest, wk_is_str(r) ? wk_str_cstr(r) : "?", want);
    if (WK_IS_NULL(r)) wk_err_clear();
    wk_decref(r);
    return ok;
}

static bool check_share_line(wk_value root, char *rest, char *why, size_t cap) {
    char *a = strtok(rest, " "), *b = strtok(NULL, " \n");
    wk_value x = navigate(root, a), y = navigate(root, b);
    if (WK_IS_NULL(x) || WK_IS_NULL(y)) { snprintf(why, cap, "missing %s or %s", a, b); return false; }
    bool ok = wk_bind_is_tensor(x) && wk_bind_is_tensor(y) ? wk_bind_t(x)->storage == wk_bind_t(y)->storage : wk_is(x, y);
    if (!ok) snprintf(why, cap, "%s and %s do not share", a, b);
    return ok;
}

/* Checks every expected.txt line of the files in dir (the fixtures, or wick's re-saved copies). */
static void check_expected(const char *dir, const char *label) {
    FILE *f = fopen(path_in(g_dir, "expected.txt"), "r");
    if (!f) { tap_ok(false, "open expected.txt"); return; }
    char line[65536], cur[128] = "", why[1024];
    wk_value root = WK_NULLV;
    int fails = 0, count = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char kind = line[0], *file = strtok(line + 2, " "), *rest = file + strlen(file) + 1;
        if (strcmp(file, cur)) {
            if (count || fails) tap_ok(fails == 0, "%s: %s (%d values)", label, cur, count);
            wk_clear(&root);
            snprintf(cur, sizeof cur, "%s", file);
            root = load_any(file, dir);
            count = fails = 0;
            if (WK_IS_NULL(root)) { tap_diag("load %s: %s", file, take_error()); fails++; }
        }
        if (WK_IS_NULL(root)) continue;
        bool ok = kind == 'T' ? check_tensor_line(root, rest, why, sizeof why)
                : kind == 'R' ? check_repr_line(root, rest, why, sizeof why)
                              : check_share_line(root, rest, why, sizeof why);
        count++;
        if (!ok) { fails++; tap_diag("%s %s", file, why); }
    }
    if (count || fails) tap_ok(fails == 0, "%s: %s (%d values)", label, cur, count);
    wk_clear(&root);
    fclose(f);
}

/* ================================================================ fixtures and round trips */

static const char *g_pt_files[] = { "tensors.pt", "state_dict.pt", "checkpoint.pt", "shared.pt", "misc.pt", "scalar.pt" };
#define NPT (sizeof g_pt_files / sizeof *g_pt_files)

static void test_resave(void) {
    for (size_t i = 0; i < NPT; i++) {
        wk_value v = load_path(path_in(g_dir, g_pt_files[i]), WK_NULLV);
        bool ok = !WK_IS_NULL(v) && save_path(v, path_in(g_tmp, g_pt_files[i]));
        tap_ok(ok, "wick re-saves %s", g_pt_files[i]);
        if (!ok) tap_diag("%s", take_error());
        wk_decref(v);
    }
    wk_value v = load_any("hand.safetensors", g_dir);
    wk_value p = wk_str_from_c(path_in(g_tmp, "hand.safetensors"));
    wk_value r = WK_IS_NULL(v) ? v : st_call("save_file", v, p);
    tap_ok(!WK_IS_NULL(r), "safetensors save_file of the loaded dict");
    if (WK_IS_NULL(r)) tap_diag("%s", take_error());
    wk_decref(r); wk_decref(p); wk_decref(v);
    check_expected(g_tmp, "wick round trip");
}

static void test_pytorch_reads_wick(void) {
    for (size_t i = 0; i < NPT; i++) {
        if (!g_have_torch) { printf("ok %d # SKIP python3-torch not installed\n", ++tap_state()->run); continue; }
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/ckpt/compare.py %s%s %s 2>&1", g_have_nn ? "" : "--param-as-tensor ",
                 path_in(g_dir, g_pt_files[i]), path_in(g_tmp, g_pt_files[i]));
        FILE *p = popen(cmd, "r");
        char out[4096] = "";
        size_t n = p ? fread(out, 1, sizeof out - 1, p) : 0;
        out[n] = 0;
        int rc = p ? pclose(p) : -1;
        tap_ok(rc == 0 && !strncmp(out, "same", 4), "PyTorch loads wick's %s and finds it equal", g_pt_files[i]);
        if (rc != 0) tap_diag("%s", out);
    }
}

/* ================================================================ errors */

static bool read_all(const char *p, unsigned char **d, size_t *n) {
    if (wk_ckpt_read_file(p, d, n)) return true;
    take_error();
    return false;
}

static bool write_all(const char *p, const void *d, size_t n) {
    FILE *f = fopen(p, "wb");
    if (!f) return false;
    bool ok = fwrite(d, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

/* Loads p; returns whether it failed with a message containing want. */
static bool load_fails_with(const char *p, const char *want) {
    wk_value v = load_path(p, WK_NULLV);
    if (!WK_IS_NULL(v)) { wk_decref(v); tap_diag("%s loaded", p); return false; }
    char *msg = take_error();
    if (!strstr(msg, want)) { tap_diag("got %s", msg); return false; }
    return true;
}

static void test_corrupt(void) {
    unsigned char *d;
    size_t n;
    if (!read_all(path_in(g_dir, "tensors.pt"), &d, &n)) { tap_ok(false, "read tensors.pt"); return; }
    char *t = path_in(g_tmp, "bad.pt");
    write_all(t, d, n / 2);
    tap_ok(load_fails_with(t, "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central directory"),
           "truncated file: failed finding central directory");
    write_all(t, "hello, this is not a checkpoint\n", 32);
    tap_ok(load_fails_with(t, "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central directory"),
           "foreign text file: failed finding central directory");
    write_all(t, "", 0);
    tap_ok(load_fails_with(t, "failed finding central directory"), "empty file rejected");
    write_all(t, "\x80\x02\x8a\x0al\xfc\x9c" "F\xf9 j\xa8" "P\x19.", 16);
    tap_ok(load_fails_with(t, "legacy (pre-1.6, non-zip) torch.save format"), "legacy format named");
    /* flip one byte of the first storage's data: CRC check */
    unsigned char *c = malloc(n);
    memcpy(c, d, n);
    wk_zip_reader z;
    const unsigned char *p0 = NULL;
    size_t n0 = 0;
    if (wk_zip_open(&z, c, n)) {
        const wk_zip_entry *e = wk_zip_find(&z, "tensors/data/0");
        if (e) wk_zip_read(&z, e, &p0, &n0);
        if (p0) c[p0 - c] ^= 0x40;
        wk_zip_close(&z);
    }
    write_all(t, c, n);
    tap_ok(p0 && load_fails_with(t, "PytorchStreamReader failed reading file tensors/data/0: CRC-32 check failed"),
           "flipped data byte: CRC-32 check failed");
    wk_rt_errclear();
    /* every truncation and many single-byte corruptions: errors, never crashes */
    int ok_loads = 0, errors = 0, odd = 0;
    for (size_t cut = 0; cut < n; cut += 7) {
        wk_value v = WK_NULLV;
        write_all(t, d, cut);
        v = load_path(t, WK_NULLV);
        if (WK_IS_NULL(v)) { errors++; take_error(); } else { ok_loads++; wk_decref(v); }
    }
    for (size_t i = 0; i < n; i += 3) {
        memcpy(c, d, n);
        c[i] ^= (unsigned char)(0x5a + i);
        write_all(t, c, n);
        wk_value v = load_path(t, WK_NULLV);
        if (WK_IS_NULL(v)) {
            char *m = take_error();
            if (!strstr(m, "RuntimeError") && !strstr(m, "UnpicklingError") && !strstr(m, "OverflowError")) { odd++; tap_diag("%s", m); }
            errors++;
        } else { ok_loads++; wk_decref(v); }
    }
    tap_ok(odd == 0 && errors > 0, "truncations and corruptions give errors, never a crash (%d errors, %d loads)", errors, ok_loads);
    free(c);
    free(d);
}

static void test_foreign_zip(void) {
    char *t = path_in(g_tmp, "other.zip");
    FILE *f = fopen(t, "wb");
    wk_zip_writer w;
    wk_zip_writer_init(&w, f);
    bool ok = wk_zip_add(&w, "other/readme.txt", "hi", 2) && wk_zip_finish(&w);
    wk_zip_writer_free(&w);
    fclose(f);
    tap_ok(ok && load_fails_with(t, "PytorchStreamReader failed locating file data.pkl: file not found"),
           "a zip without data.pkl: file not found");
}

static void test_evil(void) {
    unlink("/tmp/wick_ckpt_owned");
    tap_ok(load_fails_with(path_in(g_dir, "evil_global.pt"), "UnpicklingError: Weights only load failed."),
           "foreign global refused with UnpicklingError");
    wk_value v = load_path(path_in(g_dir, "evil_global.pt"), WK_NULLV);
    char *m = take_error();
    tap_ok(WK_IS_NULL(v) && strstr(m, "WeightsUnpickler error: Unsupported global: GLOBAL posix.system was not an allowed global by default."),
           "message names GLOBAL posix.system");
    struct stat st;
    tap_ok(stat("/tmp/wick_ckpt_owned", &st) != 0, "nothing was executed");
    wk_value s = wk_str_from_c(path_in(g_dir, "evil_global.pt"));
    v = wk_ckpt_load(s, WK_NULLV, WK_FALSEV);
    wk_decref(s);
    m = take_error();
    tap_ok(WK_IS_NULL(v) && strstr(m, "wick never executes code") && strstr(m, "posix.system"),
           "weights_only=False still refuses, saying why");
}

static wk_tensor *no_storage(void *ctx, const char *key, wk_dtype dt, int64_t numel, const char *loc) {
    (void)ctx; (void)key; (void)loc;
    return wk_tensor_zeros(1, &numel, dt, WK_CPU);
}

static bool pickle_fails(const char *data, size_t n, const char *want, const char *name) {
    wk_value v = wk_pickle_load((const unsigned char *)data, n, no_storage, NULL);
    if (!WK_IS_NULL(v)) { wk_decref(v); tap_ok(false, "%s", name); return false; }
    char *m = take_error();
    bool ok = strstr(m, want) != NULL;
    tap_ok(ok, "%s", name);
    if (!ok) tap_diag("got %s", m);
    return ok;
}

#define PF(lit, want, name) pickle_fails(lit, sizeof lit - 1, want, name)

static void test_pickles(void) {
    unsigned char *d;
    size_t n;
    if (read_all(path_in(g_dir, "evil_pickle.pkl"), &d, &n)) {
        pickle_fails((char *)d, n, "Unsupported global: GLOBAL posix.system", "plain pickle with os.system refused");
        free(d);
    }
    PF("\x80\x04\x8c\x08" "builtins\x94\x8c\x04" "eval\x94\x93\x94.",
                 "Unsupported global: GLOBAL builtins.eval", "STACK_GLOBAL builtins.eval refused");
    PF("\x80\x02X\x01\x00\x00\x00" "a)R.", "Trying to call reduce for unrecognized function 'a'", "REDUCE of a str refused");
    pickle_fails("\x80\x02(i__main__\nX\n.", 17, "Unsupported operand 105", "INST opcode refused");
    pickle_fails("\x80\x02h\x05.", 5, "Memo value not found at index 5", "missing memo entry");
    pickle_fails("\x80\x02t.", 4, "could not find MARK", "TUPLE without MARK");
    pickle_fails("\x80\x02a.", 4, "unpickling stack underflow", "APPEND on an empty stack");
    pickle_fails("\x80\x02X\xff\x00\x00\x00ab", 9, "pickle data was truncated", "truncated string");
    PF("\x80\x02K\x01K\x02K\x03s.", "Can only set items of dicts", "SETITEM on an int");
    /* a view that reaches past its storage */
    const char oob[] = "\x80\x02\x63torch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storage\x63torch\nFloatStorage\n"
                       "X\x01\x00\x00\x00\x30X\x03\x00\x00\x00\x63puK\x04tQK\x02K\x03\x85K\x01\x85\x89}tR.";
    pickle_fails(oob, sizeof oob - 1, "setStorage: sizes [3], strides [1], storage offset 2, and itemsize 4 requiring a "
                 "storage size of 20 are out of bounds for storage of size 16", "out-of-bounds view refused");
    /* deep nesting */
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_add(&sb, "\x80\x02", 2);
    for (int i = 0; i < 5000; i++) wk_sbuf_addc(&sb, ']');
    for (int i = 0; i < 4999; i++) wk_sbuf_addc(&sb, 'a');
    wk_sbuf_addc(&sb, '.');
    pickle_fails(sb.data, sb.len, "data nested too deeply", "5000 nested lists refused");
    wk_sbuf_free(&sb);
    /* protocol 4 opcodes */
    const char p4[] = "\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00}\x94(\x8c\x01k\x94\x8a\x01\x07u.";
    wk_value v = wk_pickle_load((const unsigned char *)p4, sizeof p4 - 1, no_storage, NULL);
    wk_value r = WK_IS_NULL(v) ? v : wk_repr(v);
    tap_ok(wk_is_str(r) && !strcmp(wk_str_cstr(r), "{'k': 7}"), "protocol 4 (FRAME, SHORT_BINUNICODE, MEMOIZE)");
    if (WK_IS_NULL(r)) tap_diag("%s", take_error());
    wk_decref(r);
    wk_decref(v);
}

/* ================================================================ atomic save */

static wk_value big_tensor(int64_t n, float fill) {
    return wk_bind_wrap(wk_tensor_full(1, &n, wk_scalar_float(fill), WK_DT_F32, WK_CPU));
}

static bool file_equals(const char *p, const unsigned char *d, size_t n) {
    unsigned char *x;
    size_t m;
    if (!read_all(p, &x, &m)) return false;
    bool eq = m == n && !memcmp(x, d, n);
    free(x);
    return eq;
}

static void test_atomic(void) {
    char *p = path_in(g_tmp, "atomic.pt"), tmpname[600];
    snprintf(tmpname, sizeof tmpname, "%s.tmp.%ld", p, (long)getpid());
    wk_value a = big_tensor(1000, 1.5f), b = big_tensor(100000, 2.5f);
    unsigned char *old = NULL;
    size_t oldn = 0;
    bool ok = save_path(a, p) && read_all(p, &old, &oldn);
    tap_ok(ok, "first save");
    wk_ckpt_fail_after_bytes = 5000;
    bool saved = save_path(b, p);
    wk_ckpt_fail_after_bytes = -1;
    char *m = saved ? "" : take_error();
    tap_ok(!saved && strstr(m, "Errno 5"), "save failing midway raises OSError (%s)", m);
    struct stat st;
    tap_ok(old && file_equals(p, old, oldn) && stat(tmpname, &st) != 0, "previous file intact, temporary removed");
    /* a real write error: the file size limit in a child process */
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = { 8192, 8192 };
        signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &rl);
        bool s = save_path(b, p);
        char *e = s ? "" : take_error();
        _exit(!s && strstr(e, "File too large") ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && file_equals(p, old, oldn),
           "EFBIG midway (RLIMIT_FSIZE): OSError, previous file intact");
    /* a crash (SIGKILL) at some point of a large save leaves a loadable file */
    wk_value big = big_tensor(8 << 20, 3.5f);
    int loadable = 0;
    for (int i = 0; i < 3; i++) {
        pid = fork();
        if (pid == 0) { for (;;) save_path(big, p); }
        usleep(30000 + 20000 * i);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        wk_value v = load_path(p, WK_NULLV);
        if (!WK_IS_NULL(v)) loadable++; else take_error();
        wk_decref(v);
        char leftover[600];
        snprintf(leftover, sizeof leftover, "%s.tmp.%ld", p, (long)pid);
        unlink(leftover);
    }
    tap_ok(loadable == 3, "killed saves never leave a broken file (%d/3 loadable)", loadable);
    wk_decref(big);
    free(old);
    wk_decref(a);
    wk_decref(b);
}

/* ================================================================ map_location and sharing */

static wk_value map_none(const wk_value *args, int nargs, wk_obj *kw) { (void)args; (void)nargs; (void)kw; return WK_NONEV; }
static wk_value map_same(const wk_value *args, int nargs, wk_obj *kw) { (void)nargs; (void)kw; return wk_incref(args[0]); }
static wk_value map_bad(const wk_value *args, int nargs, wk_obj *kw) { (void)args; (void)nargs; (void)kw; return wk_int(3); }

static void test_map_location(void) {
    char *p = path_in(g_dir, "shared.pt");
    wk_value cpu = wk_str_from_c("cpu"), d = wk_objv(wk_dict_new());
    wk_dict_set(d.u.o, cpu, cpu);
    wk_value fns[3] = { wk_cfunction_new("map_none", map_none, NULL), wk_cfunction_new("map_same", map_same, NULL),
                        wk_cfunction_new("map_bad", map_bad, NULL) };
    wk_value maps[4] = { cpu, d, fns[0], fns[1] };
    const char *names[4] = { "'cpu'", "{'cpu': 'cpu'}", "callable returning None", "callable returning the storage" };
    for (int i = 0; i < 4; i++) {
        wk_value v = load_path(p, maps[i]);
        wk_value base = navigate(v, "base"), win = navigate(v, "win");
        bool ok = !WK_IS_NULL(base) && !WK_IS_NULL(win) && wk_bind_t(base)->storage == wk_bind_t(win)->storage;
        tap_ok(ok, "map_location=%s keeps shared views", names[i]);
        if (WK_IS_NULL(v)) tap_diag("%s", take_error());
        wk_decref(v);
    }
    wk_value v = load_path(p, fns[2]);
    char *m = WK_IS_NULL(v) ? take_error() : "";
    tap_ok(WK_IS_NULL(v) && strstr(m, "TypeError: map_location callable must return"), "bad callable result refused");
    wk_decref(v);
    v = load_path(p, wk_int(3));
    m = WK_IS_NULL(v) ? take_error() : "";
    tap_ok(WK_IS_NULL(v) && strstr(m, "TypeError: map_location should be"), "map_location=3 refused");
    wk_decref(v);
    if (!wk_backend_available(WK_DEV_CUDA)) {
        wk_value cuda = wk_str_from_c("cuda");
        v = load_path(p, cuda);
        m = WK_IS_NULL(v) ? take_error() : "";
        tap_ok(WK_IS_NULL(v) && strstr(m, "Torch not compiled with CUDA enabled"), "map_location='cuda' without CUDA: %s", m);
        wk_decref(v);
        wk_decref(cuda);
    } else {
        printf("ok %d # SKIP CUDA is available\n", ++tap_state()->run);
    }
    for (int i = 0; i < 3; i++) wk_decref(fns[i]);
    wk_decref(cpu);
    wk_decref(d);
}

/* A file whose storage says 'cuda:0' (written by hand): restoring without CUDA fails clearly, map_location='cpu' works. */
static void test_cuda_location(void) {
    int64_t n = 3;
    wk_value t = wk_bind_wrap(wk_tensor_ones(1, &n, WK_DT_F32, WK_CPU));
    wk_pickle_out po;
    if (!wk_pickle_dump(t, &po)) { tap_ok(false, "pickle"); return; }
    wk_sbuf pk;
    wk_sbuf_init(&pk);
    const char *from = "X\x03\x00\x00\x00" "cpu", *to = "X\x06\x00\x00\x00" "cuda:0";
    char *at = memmem(po.buf.data, po.buf.len, from, 8);
    wk_sbuf_add(&pk, po.buf.data, (size_t)(at - po.buf.data));
    wk_sbuf_add(&pk, to, 11);
    wk_sbuf_add(&pk, at + 8, po.buf.len - (size_t)(at - po.buf.data) - 8);
    char *p = path_in(g_tmp, "cuda.pt");
    FILE *f = fopen(p, "wb");
    wk_zip_writer w;
    wk_zip_writer_init(&w, f);
    float ones[3] = { 1, 1, 1 };
    wk_zip_add(&w, "cuda/data.pkl", pk.data, pk.len);
    wk_zip_add(&w, "cuda/data/0", ones, sizeof ones);
    wk_zip_add(&w, "cuda/version", "3\n", 2);
    wk_zip_finish(&w);
    wk_zip_writer_free(&w);
    fclose(f);
    if (!wk_backend_available(WK_DEV_CUDA)) {
        tap_ok(load_fails_with(p, "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False."),
               "cuda:0 storage without CUDA: PyTorch's error");
    } else {
        printf("ok %d # SKIP CUDA is available\n", ++tap_state()->run);
    }
    wk_value cpu = wk_str_from_c("cpu");
    wk_value v = load_path(p, cpu);
    tap_ok(wk_bind_is_tensor(v) && wk_tensor_device(wk_bind_t(v)).type == WK_DEV_CPU, "map_location='cpu' maps it");
    if (WK_IS_NULL(v)) tap_diag("%s", take_error());
    wk_decref(v);
    wk_decref(cpu);
    wk_sbuf_free(&pk);
    wk_pickle_out_free(&po);
    wk_decref(t);
}

/* ================================================================ zip details */

static void test_zip(void) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wk_zip_writer w;
    wk_zip_writer_init(&w, f);
    w.force_zip64 = true;
    bool ok = wk_zip_add(&w, "a/one", "1", 1) && wk_zip_add(&w, "a/two", "22", 2) && wk_zip_finish(&w);
    wk_zip_writer_free(&w);
    fclose(f);
    wk_zip_reader z;
    const unsigned char *d;
    size_t n;
    ok = ok && wk_zip_open(&z, buf, len);
    const wk_zip_entry *e = ok ? wk_zip_find(&z, "a/two") : NULL;
    ok = e && wk_zip_read(&z, e, &d, &n) && n == 2 && !memcmp(d, "22", 2) && (d - (const unsigned char *)buf) % 64 == 0;
    if (z.entries) wk_zip_close(&z);
    tap_ok(ok, "zip64 records written and read back, data 64-byte aligned");
    char *p = path_in(g_tmp, "z64.zip");
    write_all(p, buf, len);
    free(buf);
    if (g_have_torch) {
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c \"import zipfile,sys; z=zipfile.ZipFile('%s'); "
                 "sys.exit(z.testzip() is not None or z.read('a/two')!=b'22')\"", p);
        tap_ok(system(cmd) == 0, "Python's zipfile reads wick's zip64 archive");
    } else {
        printf("ok %d # SKIP python3 not available\n", ++tap_state()->run);
    }
    /* torch.save layout: records, order and alignment */
    int64_t k = 5;
    wk_value t = wk_bind_wrap(wk_tensor_ones(1, &k, WK_DT_F64, WK_CPU));
    char *sp = path_in(g_tmp, "my.model.pth.tar");
    unsigned char *raw;
    size_t rn;
    ok = save_path(t, sp) && read_all(sp, &raw, &rn);
    wk_decref(t);
    const char *want[] = { "my.model.pth/data.pkl", "my.model.pth/.format_version", "my.model.pth/.storage_alignment",
                           "my.model.pth/byteorder", "my.model.pth/data/0", "my.model.pth/version",
                           "my.model.pth/.data/serialization_id" };
    bool layout = ok && wk_zip_open(&z, raw, rn) && z.n == 7;
    for (size_t i = 0; layout && i < 7; i++) {
        layout = !strcmp(z.entries[i].name, want[i]) && wk_zip_read(&z, &z.entries[i], &d, &n) && (d - raw) % 64 == 0;
        if (i == 5) layout = layout && n == 2 && !memcmp(d, "3\n", 2);
        if (i == 6) layout = layout && n == 40;
    }
    if (ok && z.entries) wk_zip_close(&z);
    tap_ok(layout, "archive folder, record order (2.x), 64-byte alignment, version 3");
    if (ok) free(raw);
}

/* ================================================================ safetensors */

static wk_value tensor_of(wk_dtype dt, int nd, const int64_t *shape, const void *data) {
    return wk_bind_wrap(wk_tensor_from_data(nd, shape, dt, data));
}

static void test_safetensors(void) {
    /* torch-compat §4.3's example, byte for byte */
    float w[6] = { 0, 1, 2, 3, 4, 5 }, b[2] = { 0.5f, -1 };
    int64_t nbt = 7;
    uint16_t h = wk_f32_to_f16(1.5f);
    bool mask[2] = { true, false };
    wk_obj *d = wk_dict_new(), *md = wk_dict_new();
    int64_t s23[2] = { 2, 3 }, s2[1] = { 2 }, s1[1] = { 1 };
    wk_value vals[5] = { tensor_of(WK_DT_F32, 2, s23, w), tensor_of(WK_DT_F32, 1, s2, b), tensor_of(WK_DT_I64, 0, NULL, &nbt),
                         tensor_of(WK_DT_F16, 1, s1, &h), tensor_of(WK_DT_BOOL, 1, s2, mask) };
    const char *names[5] = { "weight", "bias", "num_batches_tracked", "h", "mask" };
    for (int i = 0; i < 5; i++) { wk_dict_set_s(d, names[i], vals[i]); wk_decref(vals[i]); }
    wk_value fmt = wk_str_from_c("pt");
    wk_dict_set_s(md, "format", fmt);
    wk_decref(fmt);
    wk_value save = wk_getattr_s(wk_objv(g_st_mod), "save");
    wk_value raw = wk_call2(save, wk_objv(d), wk_objv(md));
    const char *want = "{\"__metadata__\":{\"format\":\"pt\"},\"num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                       "\"bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},\"weight\":{\"dtype\":\"F32\",\"shape\":[2,3],"
                       "\"data_offsets\":[16,40]},\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[40,42]},\"mask\":{\"dtype\":"
                       "\"BOOL\",\"shape\":[2],\"data_offsets\":[42,44]}} ";
    wk_bytes *by = WK_IS_NULL(raw) ? NULL : (wk_bytes *)raw.u.o;
    bool ok = by && by->len == 8 + 336 + 44 && by->data[0] == 336 % 256 && by->data[1] == 1 && !memcmp(by->data + 8, want, 336);
    tap_ok(ok, "safetensors header byte-identical to the reference writer (N = 336)");
    if (by && !ok) tap_diag("len %lld: %.*s", (long long)by->len, (int)(by->len > 344 ? 336 : 0), by->data + 8);
    if (!by) tap_diag("%s", take_error());
    /* and back */
    wk_value back = by ? st_call("load", raw, WK_NULLV) : WK_NULLV;
    wk_value r = WK_IS_NULL(back) ? back : wk_repr(back);
    tap_ok(wk_is_str(r) && !strcmp(wk_str_cstr(r), "{'bias': tensor([ 0.5000, -1.0000]), 'h': tensor([1.5000], dtype=torch.float16), "
                                      "'mask': tensor([ True, False]), 'num_batches_tracked': tensor(7), "
                                      "'weight': tensor([[0., 1., 2.],\n        [3., 4., 5.]])}"), "safetensors load (keys sorted)");
    if (wk_is_str(r) && strncmp(wk_str_cstr(r), "{'bias'", 7)) tap_diag("%s", wk_str_cstr(r));
    if (WK_IS_NULL(r)) tap_diag("%s", take_error());
    wk_decref(r);
    wk_decref(back);
    /* errors */
    struct { size_t cut; int patch; const char *want; const char *name; } cases[] = {
        { 4, -1, "HeaderTooSmall", "4-byte file" },
        { 8 + 336 + 40, -1, "MetadataIncompleteBuffer", "truncated data" },
        { 100, -1, "InvalidHeaderLength", "truncated header" },
        { 0, 7, "HeaderTooLarge", "huge header length" },
        { 0, 8 + 100, "InvalidHeaderDeserialization", "corrupt JSON" },
    };
    for (size_t i = 0; by && i < sizeof cases / sizeof *cases; i++) {
        unsigned char *c = malloc((size_t)by->len);
        memcpy(c, by->data, (size_t)by->len);
        size_t len = cases[i].cut ? cases[i].cut : (size_t)by->len;
        if (cases[i].patch >= 0) c[cases[i].patch] = cases[i].patch == 7 ? 0x10 : '#';
        wk_value bb = wk_bytes_new(c, len);
        wk_value v = st_call("load", bb, WK_NULLV);
        char *m = WK_IS_NULL(v) ? take_error() : "";
        tap_ok(WK_IS_NULL(v) && strstr(m, "SafetensorError: Error while deserializing header: ") && strstr(m, cases[i].want),
               "safetensors %s: %s", cases[i].name, cases[i].want);
        wk_decref(v);
        wk_decref(bb);
        free(c);
    }
    /* non-contiguous and shared tensors are refused by save */
    wk_value wt = wk_dict_get_s(d, "weight");
    wk_value tr = wk_bind_wrap(wk_tensor_t(wk_bind_t(wt)));
    wk_obj *d2 = wk_dict_new();
    wk_dict_set_s(d2, "t", tr);
    wk_value r2 = wk_call1(save, wk_objv(d2));
    char *m = WK_IS_NULL(r2) ? take_error() : "";
    tap_ok(WK_IS_NULL(r2) && strstr(m, "ValueError: You are trying to save a non contiguous tensor: `t`"), "non-contiguous refused");
    wk_decref(r2);
    wk_dict_set_s(d2, "t", wt);
    wk_dict_set_s(d2, "u", wk_dict_get_s(d, "weight"));
    r2 = wk_call1(save, wk_objv(d2));
    m = WK_IS_NULL(r2) ? take_error() : "";
    tap_ok(WK_IS_NULL(r2) && strstr(m, "RuntimeError: Some tensors share memory"), "shared tensors refused");
    wk_decref(r2);
    wk_decref(tr);
    wk_obj_decref(d2);
    wk_decref(raw);
    wk_decref(save);
    wk_obj_decref(d);
    wk_obj_decref(md);
}

/* ================================================================ pickle writer details */

static void test_pickle_bytes(void) {
    /* nn.Linear(3,2)-like state dict: the opcodes of torch-compat §4.2 (memo aside) */
    int64_t s[2] = { 2, 3 };
    wk_value t = wk_bind_wrap(wk_tensor_zeros(2, s, WK_DT_F32, WK_CPU));
    wk_obj *d = wk_dict_new();
    wk_dict_set_s(d, "weight", t);
    wk_pickle_out po;
    bool ok = wk_pickle_dump(wk_objv(d), &po);
    const char want[] = "\x80\x02}q\x00X\x06\x00\x00\x00weightq\x01\x63torch._utils\n_rebuild_tensor_v2\nq\x02((X\x07\x00\x00\x00storage"
                        "\x63torch\nFloatStorage\nX\x01\x00\x00\x00\x30X\x03\x00\x00\x00\x63puK\x06tQK\x00K\x02K\x03\x86K\x03K\x01\x86\x89"
                        "\x63\x63ollections\nOrderedDict\nq\x03)RtRq\x04s.";
    tap_ok(ok && po.buf.len == sizeof want - 1 && !memcmp(po.buf.data, want, sizeof want - 1), "data.pkl opcodes for a state dict");
    if (ok && (po.buf.len != sizeof want - 1 || memcmp(po.buf.data, want, sizeof want - 1))) {
        char hex[4096] = "";
        for (size_t i = 0; i < po.buf.len && i < 1000; i++) snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%02x", (unsigned char)po.buf.data[i]);
        tap_diag("%s", hex);
    }
    if (ok) wk_pickle_out_free(&po);
    wk_obj *l = wk_list_new(0);
    wk_list_append(l, wk_objv(l));   /* a list that contains itself */
    ok = wk_pickle_dump(wk_objv(l), &po);
    wk_value back = ok ? wk_pickle_load((unsigned char *)po.buf.data, po.buf.len, no_storage, NULL) : WK_NULLV;
    tap_ok(wk_is_list(back) && WK_LIST(back.u.o)->len == 1 && WK_LIST(back.u.o)->items[0].u.o == back.u.o,
           "a self-containing list round-trips through the memo");
    if (wk_is_list(back)) wk_list_set_steal(back.u.o, 0, WK_NONEV);
    wk_decref(back);
    if (ok) wk_pickle_out_free(&po);
    wk_list_set_steal(l, 0, WK_NONEV);
    wk_obj_decref(l);
    wk_value f = wk_cfunction_new("f", map_none, NULL);
    ok = wk_pickle_dump(f, &po);
    char *m = ok ? "" : take_error();
    tap_ok(!ok && strstr(m, "TypeError: cannot pickle 'builtin_function_or_method' object") != NULL, "unpicklable object: %s", m);
    wk_decref(f);
    wk_decref(t);
    wk_obj_decref(d);
}

int main(int argc, char **argv) {
    if (!wk_init(argc, argv)) { printf("Bail out! wk_init failed\n"); return 1; }
    wk_obj *torch = wk_mod_torch_init();
    g_st_mod = wk_mod_safetensors_torch_init();
    if (!torch || !g_st_mod) { printf("Bail out! module init: %s\n", take_error()); return 1; }
    snprintf(g_tmp, sizeof g_tmp, "%s/wick-ckpt.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(g_tmp)) { printf("Bail out! mkdtemp\n"); return 1; }
    g_have_torch = system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
    wk_value nn = wk_import("torch.nn");
    g_have_nn = !WK_IS_NULL(nn);
    if (!g_have_nn) {
        take_error();
        tap_diag("torch.nn is not importable here: nn.Parameter loads as a tensor with requires_grad");
    }
    wk_decref(nn);
    check_expected(g_dir, "PyTorch fixture");
    test_resave();
    test_pytorch_reads_wick();
    test_corrupt();
    test_foreign_zip();
    test_evil();
    test_pickles();
    test_atomic();
    test_map_location();
    test_cuda_location();
    test_zip();
    test_safetensors();
    test_pickle_bytes();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
    if (system(cmd) != 0) tap_diag("could not remove %s", g_tmp);
    wk_obj_decref(g_st_mod);
    wk_obj_decref(torch);
    return tap_done_testing();
}
