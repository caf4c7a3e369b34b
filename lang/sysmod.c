/* sysmod.c — the sys module: argv, path, modules, exit, stdout/stderr/stdin objects,
 * version information, recursion limit, exc_info. */
#include <limits.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm_ops.h"
#include "init.h"
#include "version.h"

wk_obj *wk_sys_module;

/* ---------------------------------------------------------------- struct sequences */

/* A read-only tuple with named fields (sys.version_info, sys.float_info). */
typedef struct { wk_obj ob; wk_obj *tuple; const char *tname; const char *const *fields; } wk_structseq;
#define SSEQ(v) ((wk_structseq *)(v).u.o)

static void sseq_dealloc(wk_obj *o) { wk_obj_decref(((wk_structseq *)o)->tuple); wk_obj_free(o); }

static wk_value sseq_repr(wk_value self) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "%s(", SSEQ(self)->tname);
    wk_tuple *t = WK_TUPLE(SSEQ(self)->tuple);
    for (int64_t i = 0; i < t->len; i++) {
        wk_sbuf_printf(&sb, "%s%s=", i ? ", " : "", SSEQ(self)->fields[i]);
        if (!wk_repr_to(&sb, t->items[i])) { wk_sbuf_free(&sb); return WK_NULLV; }
    }
    wk_sbuf_addc(&sb, ')');
    return wk_str_from_sbuf(&sb);
}

static wk_value sseq_getattr(wk_value self, wk_obj *name) {
    const char *s = wk_str_cstr(wk_objv(name));
    wk_tuple *t = WK_TUPLE(SSEQ(self)->tuple);
    for (int64_t i = 0; i < t->len; i++)
        if (!strcmp(SSEQ(self)->fields[i], s)) return wk_incref(t->items[i]);
    return wk_generic_getattr(self, name);
}

static wk_value sseq_tuple(wk_value v) {
    if (WK_IS_OBJ(v) && v.u.o->type->repr == sseq_repr) return wk_objv(SSEQ(v)->tuple);
    return v;
}
static int64_t sseq_len(wk_value self) { return WK_TUPLE(SSEQ(self)->tuple)->len; }
static wk_value sseq_getitem(wk_value self, wk_value k) { return wk_getitem(wk_objv(SSEQ(self)->tuple), k); }
static wk_value sseq_iter(wk_value self) { return wk_iter(wk_objv(SSEQ(self)->tuple)); }
static wk_value sseq_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    return wk_richcmp(sseq_tuple(a), sseq_tuple(b), op);
}
static bool sseq_hash(wk_value self, int64_t *out) { return wk_hash(wk_objv(SSEQ(self)->tuple), out); }

static wk_type wk_type_structseq = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "structseq", .basicsize = sizeof(wk_structseq),
    .dealloc = sseq_dealloc, .repr = sseq_repr, .getattr = sseq_getattr, .len = sseq_len,
    .getitem = sseq_getitem, .iter = sseq_iter, .richcmp = sseq_richcmp, .hash = sseq_hash,
};

static wk_value sseq_new(const char *tname, const char *const *fields, wk_obj *tuple) {
    if (!tuple) return WK_NULLV;
    wk_structseq *s = (wk_structseq *)wk_obj_alloc(&wk_type_structseq);
    if (!s) { wk_obj_decref(tuple); return WK_NULLV; }
    s->tuple = tuple;
    s->tname = tname;
    s->fields = fields;
    return wk_objv(&s->ob);
}

/* ---------------------------------------------------------------- stdio objects */

typedef struct { wk_obj ob; int fd; } wk_stdio;
static wk_obj *sys_stdout_obj, *sys_stderr_obj, *sys_stdin_obj;

bool wk_sys_write_fd(int fd, const char *s, size_t n) {
    if (wk_vm_state.write_hook) {
        wk_vm_state.write_hook(fd, s, n, wk_vm_state.write_hook_ctx);
        return true;
    }
    if (fd == 2) {
        fflush(stdout);
        fwrite(s, 1, n, stderr);
        fflush(stderr);
    } else {
        fwrite(s, 1, n, stdout);
    }
    return true;
}

static wk_value stdio_write(const wk_value *args, int nargs, wk_obj *kwnames) {
    if (kwnames || nargs != 2)
        return wk_raise(wk_exc_TypeError, "write() takes exactly one argument (%d given)", nargs - 1);
    if (!wk_is_str(args[1]))
        return wk_raise(wk_exc_TypeError, "write() argument must be str, not %s", wk_typename(args[1]));
    wk_stdio *io = (wk_stdio *)args[0].u.o;
    if (io->fd == 0) return wk_raise(wk_exc_OSError, "not writable");
    wk_strobj *s = WK_STR(args[1].u.o);
    if (!wk_sys_write_fd(io->fd, s->data, (size_t)s->len)) return WK_NULLV;
    return wk_int(s->nchars);
}

static wk_value stdio_flush(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)kwnames;
    (void)nargs;
    wk_stdio *io = (wk_stdio *)args[0].u.o;
    if (!wk_vm_state.write_hook) fflush(io->fd == 2 ? stderr : stdout);
    return WK_NONEV;
}

static wk_value stdio_readline(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args; (void)nargs; (void)kwnames;
    fflush(stdout);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    int c;
    while ((c = getchar()) != EOF) {
        wk_sbuf_addc(&sb, (char)c);
        if (c == '\n') break;
    }
    if (sb.len == 0) { wk_sbuf_free(&sb); return wk_str_new("", 0); }
    return wk_str_from_sbuf(&sb);
}

static wk_value stdio_read(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args; (void)nargs; (void)kwnames;
    fflush(stdout);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    int c;
    while ((c = getchar()) != EOF) wk_sbuf_addc(&sb, (char)c);
    if (sb.len == 0) { wk_sbuf_free(&sb); return wk_str_new("", 0); }
    return wk_str_from_sbuf(&sb);
}

static wk_value stdio_fileno(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)nargs; (void)kwnames;
    return wk_int(((wk_stdio *)args[0].u.o)->fd);
}

static wk_value stdio_isatty(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)nargs; (void)kwnames;
    return wk_bool(!wk_vm_state.write_hook && isatty(((wk_stdio *)args[0].u.o)->fd));
}

static const char *stdio_name(int fd) { return fd == 0 ? "<stdin>" : fd == 1 ? "<stdout>" : "<stderr>"; }

static wk_value stdio_repr(wk_value self) {
    int fd = ((wk_stdio *)self.u.o)->fd;
    return wk_str_fromf("<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>", stdio_name(fd),
                        fd == 0 ? "r" : "w");
}

static wk_value stdio_get_name(wk_value self) { return wk_str_from_c(stdio_name(((wk_stdio *)self.u.o)->fd)); }
static wk_value stdio_get_encoding(wk_value self) { (void)self; return wk_str_from_c("utf-8"); }
static wk_value stdio_get_mode(wk_value self) { return wk_str_from_c(((wk_stdio *)self.u.o)->fd ? "w" : "r"); }

static const wk_methoddef stdio_methods[] = {
    { "write", stdio_write, 0, "Write string to stream." },
    { "flush", stdio_flush, 0, "Flush the write buffers of the stream." },
    { "readline", stdio_readline, 0, "Read until newline or EOF." },
    { "read", stdio_read, 0, "Read until EOF." },
    { "fileno", stdio_fileno, 0, "Return the underlying file descriptor." },
    { "isatty", stdio_isatty, 0, "Return whether this is an 'interactive' stream." },
    { NULL, NULL, 0, NULL }
};

static const wk_getsetdef stdio_getsets[] = {
    { "name", stdio_get_name, NULL, NULL },
    { "encoding", stdio_get_encoding, NULL, NULL },
    { "mode", stdio_get_mode, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

static wk_type wk_type_stdio = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "TextIOWrapper", .module = "_io",
    .basicsize = sizeof(wk_stdio), .repr = stdio_repr,
};

static wk_obj *stdio_new(int fd) {
    wk_stdio *io = (wk_stdio *)wk_obj_alloc(&wk_type_stdio);
    if (io) io->fd = fd;
    return &io->ob;
}

/* Writes to sys.stdout/sys.stderr, through a user object when they were reassigned. */
static bool write_stream(const char *attr, wk_obj *orig, int fd, const char *s, size_t n) {
    if (wk_sys_module) {
        wk_value cur = wk_dict_get_s(wk_module_dict(wk_sys_module), attr);
        if (!WK_IS_NULL(cur) && !(WK_IS_OBJ(cur) && cur.u.o == orig) && !WK_IS_NONE(cur)) {
            wk_value str = wk_str_new(s, n);
            if (WK_IS_NULL(str)) return false;
            wk_incref(cur);
            wk_value r = wk_call_method_s(cur, "write", &str, 1);
            wk_decref(cur);
            wk_decref(str);
            if (WK_IS_NULL(r)) return false;
            wk_decref(r);
            return true;
        }
    }
    return wk_sys_write_fd(fd, s, n);
}

bool wk_write_stdout(const char *s, size_t n) { return write_stream("stdout", sys_stdout_obj, 1, s, n); }
bool wk_write_stderr(const char *s, size_t n) { return write_stream("stderr", sys_stderr_obj, 2, s, n); }

/* ---------------------------------------------------------------- functions */

static wk_value sys_exit(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value out[1];
    if (!wk_args_parse("exit", args, nargs, kwnames, "|status", out)) return WK_NULLV;
    if (WK_IS_NULL(out[0])) return wk_raise_obj(wk_objv(&wk_exc_SystemExit->ob));
    return wk_raise_value(wk_exc_SystemExit, out[0]);
}

static wk_value sys_getrecursionlimit(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args;
    if (!wk_args_none("getrecursionlimit", nargs, kwnames)) return WK_NULLV;
    return wk_int(wk_vm_state.recursion_limit);
}

static wk_value sys_setrecursionlimit(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value out[1];
    if (!wk_args_parse("setrecursionlimit", args, nargs, kwnames, "limit /", out)) return WK_NULLV;
    if (!WK_IS_INT(out[0]))
        return wk_raise(wk_exc_TypeError, "'%s' object cannot be interpreted as an integer", wk_typename(out[0]));
    int64_t n = out[0].u.i;
    if (n < 1) return wk_raise(wk_exc_ValueError, "recursion limit must be greater or equal than 1");
    if (n <= wk_vm_state.recursion_depth)
        return wk_raise(wk_exc_RecursionError, "cannot set the recursion limit to %lld at the recursion "
                        "depth %d: the limit is too low", (long long)n, wk_vm_state.recursion_depth);
    wk_vm_state.recursion_limit = n > INT_MAX ? INT_MAX : (int)n;
    return WK_NONEV;
}

static wk_value sys_exc_info(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args;
    if (!wk_args_none("exc_info", nargs, kwnames)) return WK_NULLV;
    wk_obj *e = wk_vm_state.exc_info;
    wk_obj *t = e ? wk_tuple_pack(3, wk_objv(&e->type->ob), wk_objv(e), WK_NONEV)
                  : wk_tuple_pack(3, WK_NONEV, WK_NONEV, WK_NONEV);
    return wk_objv(t);
}

static wk_value sys_exception(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args;
    if (!wk_args_none("exception", nargs, kwnames)) return WK_NULLV;
    wk_obj *e = wk_vm_state.exc_info;
    if (!e) return WK_NONEV;
    wk_obj_incref(e);
    return wk_objv(e);
}

static wk_value sys_getrefcount(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value out[1];
    if (!wk_args_parse("getrefcount", args, nargs, kwnames, "object /", out)) return WK_NULLV;
    return wk_int(WK_IS_OBJ(out[0]) ? out[0].u.o->refcnt : 1);
}

static wk_value sys_intern(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value out[1];
    if (!wk_args_parse("intern", args, nargs, kwnames, "string /", out)) return WK_NULLV;
    if (!wk_is_str(out[0]))
        return wk_raise(wk_exc_TypeError, "intern() argument must be str, not %s", wk_typename(out[0]));
    wk_obj *s = wk_intern_obj(out[0].u.o);
    wk_obj_incref(s);
    return wk_objv(s);
}

static const wk_methoddef sys_funcs[] = {
    { "exit", sys_exit, 0, "exit(status=None, /)\n\nExit the interpreter by raising SystemExit(status)." },
    { "getrecursionlimit", sys_getrecursionlimit, 0, "Return the current value of the recursion limit." },
    { "setrecursionlimit", sys_setrecursionlimit, 0, "Set the maximum depth of the Python interpreter stack to n." },
    { "exc_info", sys_exc_info, 0, "Return current exception information: (type, value, traceback)." },
    { "exception", sys_exception, 0, "Return the current exception." },
    { "getrefcount", sys_getrefcount, 0, "Return the reference count of object." },
    { "intern", sys_intern, 0, "Intern the given string." },
    { NULL, NULL, 0, NULL }
};

/* ---------------------------------------------------------------- the module */

static const char *const version_fields[] = { "major", "minor", "micro", "releaselevel", "serial" };
static const char *const float_fields[] = { "max", "max_exp", "max_10_exp", "min", "min_exp",
    "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds" };

static bool add_steal(wk_obj *m, const char *name, wk_value v) {
    if (WK_IS_NULL(v)) return false;
    bool ok = wk_module_add(m, name, v);
    wk_decref(v);
    return ok;
}

static bool sys_add_info(wk_obj *m) {
    wk_value rel = wk_str_from_c("final");
    if (WK_IS_NULL(rel)) return false;
    wk_obj *vt = wk_tuple_pack(5, wk_int(3), wk_int(11), wk_int(2), rel, wk_int(0));
    wk_decref(rel);
    wk_obj *ft = wk_tuple_pack(11, wk_float(DBL_MAX), wk_int(DBL_MAX_EXP), wk_int(DBL_MAX_10_EXP),
                               wk_float(DBL_MIN), wk_int(DBL_MIN_EXP), wk_int(DBL_MIN_10_EXP),
                               wk_int(DBL_DIG), wk_int(DBL_MANT_DIG), wk_float(DBL_EPSILON),
                               wk_int(FLT_RADIX), wk_int(1));
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    return add_steal(m, "version_info", sseq_new("sys.version_info", version_fields, vt))
        && add_steal(m, "float_info", sseq_new("sys.float_info", float_fields, ft))
        && add_steal(m, "version", wk_str_fromf("%s (wick %s)", WK_PY_VERSION, WK_VERSION))
        && add_steal(m, "platform", wk_str_from_c("linux"))
        && add_steal(m, "byteorder", wk_str_from_c("little"))
        && add_steal(m, "executable", wk_str_from_c(exe))
        && add_steal(m, "maxsize", wk_int(INT64_MAX))
        && add_steal(m, "hexversion", wk_int(0x030b02f0));
}

wk_obj *wk_mod_sys_init(void) {
    wk_obj *m = wk_module_new("sys");
    if (!m) return NULL;
    if (!sys_stdout_obj) {
        sys_stdin_obj = stdio_new(0);
        sys_stdout_obj = stdio_new(1);
        sys_stderr_obj = stdio_new(2);
        if (!sys_stdin_obj || !sys_stdout_obj || !sys_stderr_obj) { wk_obj_decref(m); return NULL; }
    }
    wk_obj *path = wk_list_new(0);
    wk_obj *argv = wk_list_new(0);
    bool ok = path && argv && wk_module_add_funcs(m, sys_funcs) && sys_add_info(m)
        && wk_module_add(m, "stdout", wk_objv(sys_stdout_obj))
        && wk_module_add(m, "stderr", wk_objv(sys_stderr_obj))
        && wk_module_add(m, "stdin", wk_objv(sys_stdin_obj))
        && wk_module_add(m, "__stdout__", wk_objv(sys_stdout_obj))
        && wk_module_add(m, "__stderr__", wk_objv(sys_stderr_obj))
        && wk_module_add(m, "__stdin__", wk_objv(sys_stdin_obj))
        && wk_module_add(m, "path", wk_objv(path)) && wk_module_add(m, "argv", wk_objv(argv))
        && wk_module_add(m, "modules", wk_objv(wk_vm_state.modules));
    wk_obj_decref(path);
    wk_obj_decref(argv);
    if (!ok) { wk_obj_decref(m); return NULL; }
    wk_sys_module = m;   /* borrowed: sys.modules keeps it alive */
    return m;
}

bool wk_sysmod_set_argv(int argc, char **argv) {
    wk_obj *d = wk_module_dict(wk_sys_module);
    wk_value l = wk_dict_get_s(d, "argv"), p = wk_dict_get_s(d, "path");
    for (int i = 0; i < argc; i++) {
        wk_value s = wk_str_from_c(argv[i]);
        if (WK_IS_NULL(s) || !wk_list_append_steal(l.u.o, s)) return false;
    }
    /* sys.path[0]: the script's directory, or '' for -c, - and the REPL */
    const char *script = argc > 0 ? argv[0] : "";
    wk_value dir;
    if (!*script || !strcmp(script, "-c") || !strcmp(script, "-")) {
        dir = wk_str_new("", 0);
    } else {
        char *abs = realpath(script, NULL);
        const char *s = abs ? abs : script;
        const char *slash = strrchr(s, '/');
        dir = slash ? wk_str_new(s, (size_t)(slash == s ? 1 : slash - s)) : wk_str_new("", 0);
        free(abs);
    }
    if (WK_IS_NULL(dir) || !wk_list_append_steal(p.u.o, dir)) return false;
    const char *env = getenv("WICKPATH");
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t n = colon ? (size_t)(colon - env) : strlen(env);
        if (n) {
            wk_value s = wk_str_new(env, n);
            if (WK_IS_NULL(s) || !wk_list_append_steal(p.u.o, s)) return false;
        }
        env = colon ? colon + 1 : NULL;
    }
    return true;
}

bool wk_sys_types_init(void) {
    return wk_type_ready(&wk_type_structseq) && wk_type_ready(&wk_type_stdio)
        && wk_type_add_methods(&wk_type_stdio, stdio_methods) && wk_type_add_getsets(&wk_type_stdio, stdio_getsets);
}

void wk_sys_fini(void) {
    wk_obj_decref(sys_stdin_obj);
    wk_obj_decref(sys_stdout_obj);
    wk_obj_decref(sys_stderr_obj);
    sys_stdin_obj = sys_stdout_obj = sys_stderr_obj = NULL;
    wk_sys_module = NULL;
}
