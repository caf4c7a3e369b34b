/* mod_os.c — the `os` and `os.path` modules: environment, working directory, files,
 * and path manipulation with POSIX semantics (as CPython's posixpath). */
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "object.h"
#include "init.h"

extern char **environ;

static bool str_arg(const char *fname, wk_value v, const char **out) {
    if (!wk_is_str(v)) {
        wk_raise(wk_exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %s",
                 fname, wk_typename(v));
        return false;
    }
    *out = wk_str_cstr(v);
    return true;
}

/* OSError subclass for errno, message "[Errno 2] No such file or directory: 'x'". */
static wk_value raise_errno(int err, const char *path) {
    wk_type *t = err == ENOENT ? wk_exc_FileNotFoundError
               : err == EEXIST ? wk_exc_FileExistsError
               : err == EACCES || err == EPERM ? wk_exc_PermissionError
               : err == EISDIR ? wk_exc_IsADirectoryError : wk_exc_OSError;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "[Errno %d] %s", err, strerror(err));
    if (path) { wk_sbuf_adds(&sb, ": "); wk_str_repr_to(&sb, path, strlen(path)); }
    wk_raise(t, "%s", sb.data ? sb.data : "");
    wk_sbuf_free(&sb);
    return WK_NULLV;
}

/* ---------------------------------------------------------------- os */

static wk_value os_getenv(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[2];
    const char *key;
    if (!wk_args_parse("getenv", args, nargs, kw, "key|default", v)) return WK_NULLV;
    if (!wk_is_str(v[0])) return wk_raise(wk_exc_TypeError, "str expected, not %s", wk_typename(v[0]));
    key = wk_str_cstr(v[0]);
    const char *val = getenv(key);
    if (val) return wk_str_from_c(val);
    return WK_IS_NULL(v[1]) ? WK_NONEV : wk_incref(v[1]);
}

static wk_value os_getcwd(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    if (!wk_args_none("getcwd", n, k)) return WK_NULLV;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return raise_errno(errno, NULL);
    return wk_str_from_c(buf);
}

static wk_value os_getpid(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("getpid", n, k) ? wk_int(getpid()) : WK_NULLV;
}

static wk_value os_cpu_count(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("cpu_count", n, k) ? wk_int(sysconf(_SC_NPROCESSORS_ONLN)) : WK_NULLV;
}

static wk_value os_listdir(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *path = ".";
    if (!wk_args_parse("listdir", args, nargs, kw, "|path", v)) return WK_NULLV;
    if (!WK_IS_NULL(v[0]) && !str_arg("listdir", v[0], &path)) return WK_NULLV;
    DIR *d = opendir(path);
    if (!d) return raise_errno(errno, path);
    wk_obj *l = wk_list_new(0);
    struct dirent *e;
    while (l && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (!wk_list_append_steal(l, wk_str_from_c(e->d_name))) { wk_obj_decref(l); l = NULL; }
    }
    closedir(d);
    return wk_objv(l);
}

/* Functions of one path that return None or raise OSError. */
static wk_value path_op(const char *name, int (*fn)(const char *), const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *path;
    if (!wk_args_parse(name, args, nargs, kw, "path", v) || !str_arg(name, v[0], &path)) return WK_NULLV;
    if (fn(path) != 0) return raise_errno(errno, path);
    return WK_NONEV;
}
static int do_mkdir(const char *p) { return mkdir(p, 0777); }
static wk_value os_remove(const wk_value *a, int n, wk_obj *k) { return path_op("remove", unlink, a, n, k); }
static wk_value os_rmdir(const wk_value *a, int n, wk_obj *k) { return path_op("rmdir", rmdir, a, n, k); }
static wk_value os_mkdir(const wk_value *a, int n, wk_obj *k) { return path_op("mkdir", do_mkdir, a, n, k); }
static wk_value os_chdir(const wk_value *a, int n, wk_obj *k) { return path_op("chdir", chdir, a, n, k); }

static wk_value os_makedirs(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[3];
    const char *path;
    if (!wk_args_parse("makedirs", args, nargs, kw, "name|mode exist_ok", v) || !str_arg("makedirs", v[0], &path))
        return WK_NULLV;
    int ok = WK_IS_NULL(v[2]) ? 0 : wk_truthy(v[2]);
    if (ok < 0) return WK_NULLV;
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n >= sizeof buf) return raise_errno(ENAMETOOLONG, path);
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != 0) continue;
        char c = buf[i];
        buf[i] = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return raise_errno(errno, path);
        buf[i] = c;
    }
    return WK_NONEV;
}

static wk_value os_rename(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[2];
    const char *a, *b;
    if (!wk_args_parse("rename", args, nargs, kw, "src dst", v) || !str_arg("rename", v[0], &a)
        || !str_arg("rename", v[1], &b))
        return WK_NULLV;
    if (rename(a, b) != 0) return raise_errno(errno, a);
    return WK_NONEV;
}

/* os.environ: a dict subclass whose item assignment and deletion also change the
 * process environment (so os.getenv and child processes see them), printed as
 * environ({...}) like CPython's. */
static int environ_setitem(wk_value self, wk_value key, wk_value v) {
    if (!wk_is_str(key) || (!WK_IS_NULL(v) && !wk_is_str(v))) {
        wk_raise(wk_exc_TypeError, "str expected, not %s", wk_typename(WK_IS_NULL(v) || !wk_is_str(key) ? key : v));
        return -1;
    }
    if (wk_type_dict.setitem(self, key, v) < 0) return -1;
    if (WK_IS_NULL(v)) unsetenv(wk_str_cstr(key));
    else setenv(wk_str_cstr(key), wk_str_cstr(v), 1);
    return 0;
}

static wk_value environ_repr(wk_value self) {
    wk_value inner = wk_type_dict.repr(self);
    if (WK_IS_NULL(inner)) return inner;
    wk_value r = wk_str_fromf("environ(%s)", wk_str_cstr(inner));
    wk_decref(inner);
    return r;
}

static wk_obj *environ_dict(void) {
    wk_obj *ns = wk_dict_new();
    wk_type *t = ns ? wk_type_new_class("_Environ", &wk_type_dict, ns, "os") : NULL;
    wk_obj_decref(ns);
    if (!t) return NULL;
    t->setitem = environ_setitem;
    t->repr = environ_repr;
    wk_value inst = wk_call0(wk_objv(&t->ob));
    wk_obj_decref(&t->ob);
    if (WK_IS_NULL(inst)) return NULL;
    wk_obj *d = inst.u.o;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        wk_value k = wk_str_new(*e, (size_t)(eq - *e)), v = wk_str_from_c(eq + 1);
        int rc = (WK_IS_NULL(k) || WK_IS_NULL(v)) ? -1 : wk_dict_set(d, k, v);
        wk_decref(k);
        wk_decref(v);
        if (rc < 0) { wk_obj_decref(d); return NULL; }
    }
    return d;
}

static const wk_methoddef os_funcs[] = {
    { "getenv", os_getenv, 0, "Get an environment variable, return None if it doesn't exist." },
    { "getcwd", os_getcwd, 0, "Return a unicode string representing the current working directory." },
    { "getpid", os_getpid, 0, "Return the current process id." },
    { "cpu_count", os_cpu_count, 0, "Return the number of CPUs in the system." },
    { "listdir", os_listdir, 0, "Return a list containing the names of the files in the directory." },
    { "remove", os_remove, 0, "Remove a file (same as unlink())." },
    { "unlink", os_remove, 0, "Remove a file (same as remove())." },
    { "rmdir", os_rmdir, 0, "Remove a directory." },
    { "mkdir", os_mkdir, 0, "Create a directory." },
    { "makedirs", os_makedirs, 0, "makedirs(name, mode=0o777, exist_ok=False)\nSuper-mkdir." },
    { "chdir", os_chdir, 0, "Change the current working directory to the specified path." },
    { "rename", os_rename, 0, "Rename a file or directory." },
    { NULL, NULL, 0, NULL }
};

/* ---------------------------------------------------------------- os.path */

static wk_value p_join(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("join", 0, kw)) return WK_NULLV;
    if (nargs < 1) return wk_raise(wk_exc_TypeError, "join() missing 1 required positional argument: 'a'");
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int i = 0; i < nargs; i++) {
        const char *p;
        if (!str_arg("join", args[i], &p)) { wk_sbuf_free(&sb); return WK_NULLV; }
        if (p[0] == '/') wk_sbuf_clear(&sb);
        else if (sb.len && sb.data[sb.len - 1] != '/') wk_sbuf_addc(&sb, '/');
        wk_sbuf_adds(&sb, p);
    }
    if (!sb.data) wk_sbuf_adds(&sb, "");
    return wk_str_from_sbuf(&sb);
}

/* Splits a path at its last '/': head keeps its slashes only when it is all slashes. */
static void split_path(const char *p, size_t *head_len, size_t *tail_start) {
    const char *slash = strrchr(p, '/');
    size_t i = slash ? (size_t)(slash - p) + 1 : 0;
    *tail_start = i;
    size_t h = i;
    while (h > 0 && p[h - 1] == '/') h--;
    *head_len = h == 0 ? i : h;
}

static wk_value path_part(const char *name, int which, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse(name, args, nargs, kw, "p /", v) || !str_arg(name, v[0], &p)) return WK_NULLV;
    size_t h, t;
    split_path(p, &h, &t);
    if (which == 0) return wk_str_new(p, h);
    if (which == 1) return wk_str_from_c(p + t);
    wk_value a = wk_str_new(p, h), b = wk_str_from_c(p + t);
    wk_obj *tup = (WK_IS_NULL(a) || WK_IS_NULL(b)) ? NULL : wk_tuple_pack(2, a, b);
    wk_decref(a);
    wk_decref(b);
    return wk_objv(tup);
}
static wk_value p_dirname(const wk_value *a, int n, wk_obj *k) { return path_part("dirname", 0, a, n, k); }
static wk_value p_basename(const wk_value *a, int n, wk_obj *k) { return path_part("basename", 1, a, n, k); }
static wk_value p_split(const wk_value *a, int n, wk_obj *k) { return path_part("split", 2, a, n, k); }

static wk_value p_splitext(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse("splitext", args, nargs, kw, "p /", v) || !str_arg("splitext", v[0], &p)) return WK_NULLV;
    const char *base = strrchr(p, '/');
    base = base ? base + 1 : p;
    while (*base == '.') base++;        /* leading dots belong to the name */
    const char *dot = strrchr(base, '.');
    size_t cut = dot ? (size_t)(dot - p) : strlen(p);
    wk_value a = wk_str_new(p, cut), b = wk_str_from_c(p + cut);
    wk_obj *tup = (WK_IS_NULL(a) || WK_IS_NULL(b)) ? NULL : wk_tuple_pack(2, a, b);
    wk_decref(a);
    wk_decref(b);
    return wk_objv(tup);
}

static wk_value stat_test(const char *name, int kind, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    if (!wk_args_parse(name, args, nargs, kw, "path", v)) return WK_NULLV;
    if (!wk_is_str(v[0])) return WK_FALSEV;
    struct stat st;
    if (stat(wk_str_cstr(v[0]), &st) != 0) return WK_FALSEV;
    if (kind == 1) return wk_bool(S_ISREG(st.st_mode));
    if (kind == 2) return wk_bool(S_ISDIR(st.st_mode));
    return WK_TRUEV;
}
static wk_value p_exists(const wk_value *a, int n, wk_obj *k) { return stat_test("exists", 0, a, n, k); }
static wk_value p_isfile(const wk_value *a, int n, wk_obj *k) { return stat_test("isfile", 1, a, n, k); }
static wk_value p_isdir(const wk_value *a, int n, wk_obj *k) { return stat_test("isdir", 2, a, n, k); }

static wk_value p_getsize(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse("getsize", args, nargs, kw, "filename /", v) || !str_arg("getsize", v[0], &p)) return WK_NULLV;
    struct stat st;
    if (stat(p, &st) != 0) return raise_errno(errno, p);
    return wk_int((int64_t)st.st_size);
}

static wk_value p_isabs(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse("isabs", args, nargs, kw, "s /", v) || !str_arg("isabs", v[0], &p)) return WK_NULLV;
    return wk_bool(p[0] == '/');
}

/* Lexical normalisation as posixpath.normpath. */
static void normpath_to(wk_sbuf *out, const char *p) {
    int lead = p[0] == '/' ? ((p[1] == '/' && p[2] != '/') ? 2 : 1) : 0;
    const char *parts[512];
    size_t lens[512];
    int n = 0;
    for (const char *s = p; *s;) {
        while (*s == '/') s++;
        const char *e = s;
        while (*e && *e != '/') e++;
        size_t len = (size_t)(e - s);
        if (len == 0 || (len == 1 && s[0] == '.')) { s = e; continue; }
        bool up = len == 2 && s[0] == '.' && s[1] == '.';
        if (up && n > 0 && !(lens[n - 1] == 2 && !strncmp(parts[n - 1], "..", 2))) n--;
        else if (!(up && lead)) { if (n < 512) { parts[n] = s; lens[n] = len; n++; } }
        s = e;
    }
    wk_sbuf_addrep(out, '/', (size_t)lead);
    for (int i = 0; i < n; i++) {
        if (i) wk_sbuf_addc(out, '/');
        wk_sbuf_add(out, parts[i], lens[i]);
    }
    if (out->len == 0) wk_sbuf_addc(out, '.');
}

static wk_value p_normpath(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse("normpath", args, nargs, kw, "path /", v) || !str_arg("normpath", v[0], &p)) return WK_NULLV;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    normpath_to(&sb, p);
    return wk_str_from_sbuf(&sb);
}

static wk_value p_abspath(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse("abspath", args, nargs, kw, "path /", v) || !str_arg("abspath", v[0], &p)) return WK_NULLV;
    wk_sbuf joined, sb;
    wk_sbuf_init(&joined);
    wk_sbuf_init(&sb);
    if (p[0] != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) return raise_errno(errno, NULL);
        wk_sbuf_printf(&joined, "%s/", cwd);
    }
    wk_sbuf_adds(&joined, p);
    normpath_to(&sb, joined.data);
    wk_sbuf_free(&joined);
    return wk_str_from_sbuf(&sb);
}

static wk_value p_expanduser(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    const char *p;
    if (!wk_args_parse("expanduser", args, nargs, kw, "path /", v) || !str_arg("expanduser", v[0], &p)) return WK_NULLV;
    const char *home = getenv("HOME");
    if (p[0] != '~' || (p[1] && p[1] != '/') || !home) return wk_incref(v[0]);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, home);
    if (sb.len > 1 && sb.data[sb.len - 1] == '/' && p[1] == '/') sb.len--;
    wk_sbuf_adds(&sb, p + 1);
    return wk_str_from_sbuf(&sb);
}

static const wk_methoddef path_funcs[] = {
    { "join", p_join, 0, "Join two or more pathname components, inserting '/' as needed." },
    { "dirname", p_dirname, 0, "Returns the directory component of a pathname" },
    { "basename", p_basename, 0, "Returns the final component of a pathname" },
    { "split", p_split, 0, "Split a pathname into a (head, tail) tuple." },
    { "splitext", p_splitext, 0, "Split the extension from a pathname." },
    { "exists", p_exists, 0, "Test whether a path exists." },
    { "isfile", p_isfile, 0, "Test whether a path is a regular file" },
    { "isdir", p_isdir, 0, "Return true if the pathname refers to an existing directory." },
    { "isabs", p_isabs, 0, "Test whether a path is absolute" },
    { "getsize", p_getsize, 0, "Return the size of a file, reported by os.stat()." },
    { "normpath", p_normpath, 0, "Normalize path, eliminating double slashes, etc." },
    { "abspath", p_abspath, 0, "Return an absolute path." },
    { "expanduser", p_expanduser, 0, "Expand ~ and ~user constructions." },
    { NULL, NULL, 0, NULL }
};

static wk_obj *ospath_init(void) {
    wk_obj *m = wk_module_new("posixpath");
    bool ok = m && wk_module_add_funcs(m, path_funcs);
    wk_value sep = wk_str_from_c("/");
    ok = ok && !WK_IS_NULL(sep) && wk_module_add(m, "sep", sep);
    wk_decref(sep);
    if (!ok && m) { wk_obj_decref(m); m = NULL; }
    return m;
}

wk_obj *wk_mod_os_init(void) {
    wk_obj *m = wk_module_new("os");
    if (!m) return NULL;
    wk_register_native_module("os.path", ospath_init);
    wk_obj *env = environ_dict();
    wk_value path = wk_objv(ospath_init());   /* not wk_import: "os" is mid-import here */
    wk_value sep = wk_str_from_c("/"), linesep = wk_str_from_c("\n"), name = wk_str_from_c("posix");
    bool ok = env && !WK_IS_NULL(path) && !WK_IS_NULL(sep) && !WK_IS_NULL(linesep) && !WK_IS_NULL(name)
              && wk_module_add_funcs(m, os_funcs) && wk_module_add(m, "environ", wk_objv(env))
              && wk_module_add(m, "path", path) && wk_module_add(m, "sep", sep)
              && wk_module_add(m, "linesep", linesep) && wk_module_add(m, "name", name);
    wk_obj_decref(env);
    wk_decref(path);
    wk_decref(sep);
    wk_decref(linesep);
    wk_decref(name);
    if (!ok) { wk_obj_decref(m); return NULL; }
    return m;
}
