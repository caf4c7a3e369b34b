/* builtins_io.c — builtins that talk to the outside: print, input, open and help (a
 * plain-text pydoc for functions, classes and modules). */
#include "containers.h"
#include "code.h"
#include "vm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- print */

static bool opt_str(wk_value v, const char *what, const char *dflt, const char **out) {
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) { *out = dflt; return true; }
    if (wk_is_str(v)) { *out = WK_STR(v.u.o)->data; return true; }
    wk_raise(wk_exc_TypeError, "%s must be None or a string, not %s", what, wk_typename(v));
    return false;
}

static bool file_write(wk_value file, const char *s, size_t n) {
    wk_value str = wk_str_new(s, n);
    if (WK_IS_NULL(str)) return false;
    wk_value r = wk_call_method_s(file, "write", &str, 1);
    wk_decref(str);
    wk_decref(r);
    return !WK_IS_NULL(r);
}

/* print to a user file object: one write() per piece, as CPython does. */
static bool print_to_file(wk_value file, const wk_value *args, int nargs, const char *sep, const char *end) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int i = 0; i < nargs; i++) {
        if (i && !file_write(file, sep, strlen(sep))) return false;
        wk_sbuf_clear(&sb);
        if (!wk_str_to(&sb, args[i]) || !file_write(file, sb.data ? sb.data : "", sb.len)) {
            wk_sbuf_free(&sb);
            return false;
        }
    }
    wk_sbuf_free(&sb);
    return file_write(file, end, strlen(end));
}

/* sys.stdout when a program replaced it (not sys.__stdout__), else WK_NULL. */
static wk_value replaced_stdout(void) {
    wk_value sys = wk_import("sys");
    if (WK_IS_NULL(sys)) { wk_err_clear(); return sys; }
    wk_value out = wk_getattr_opt(sys, wk_intern("stdout"));
    wk_value orig = WK_IS_NULL(out) ? out : wk_getattr_opt(sys, wk_intern("__stdout__"));
    wk_err_clear();
    wk_decref(sys);
    if (!WK_IS_NULL(out) && (WK_IS_NULL(orig) || wk_is(out, orig) || WK_IS_NONE(out))) wk_clear(&out);
    wk_decref(orig);
    return out;
}

static wk_value b_print(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value o[4];
    const char *sep, *end;
    if (!wk_args_parse("print", args + nargs, 0, kw, "$sep end file flush", o)) return WK_NULLV;
    if (!opt_str(o[0], "sep", " ", &sep) || !opt_str(o[1], "end", "\n", &end)) return WK_NULLV;
    wk_value file = !WK_IS_NULL(o[2]) && !WK_IS_NONE(o[2]) ? wk_incref(o[2]) : replaced_stdout();
    if (!WK_IS_NULL(file)) {
        int fl = WK_IS_NULL(o[3]) ? 0 : wk_truthy(o[3]);
        bool ok = fl >= 0 && print_to_file(file, args, nargs, sep, end);
        wk_value r = ok && fl ? wk_call_method_s(file, "flush", NULL, 0) : WK_NONEV;
        wk_decref(file);
        return ok && !WK_IS_NULL(r) ? (wk_decref(r), WK_NONEV) : WK_NULLV;
    }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int i = 0; i < nargs; i++) {
        if (i) wk_sbuf_adds(&sb, sep);
        if (!wk_str_to(&sb, args[i])) { wk_sbuf_free(&sb); return WK_NULLV; }
    }
    wk_sbuf_adds(&sb, end);
    bool ok = !sb.oom && wk_write_stdout(sb.data ? sb.data : "", sb.len);
    if (sb.oom) wk_raise_nomem();
    wk_sbuf_free(&sb);
    return ok ? WK_NONEV : WK_NULLV;
}

/* ---------------------------------------------------------------- input, open */

static char *read_stdin_line(bool *eof) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    *eof = n < 0;
    if (n < 0) { free(line); return NULL; }
    if (n > 0 && line[n - 1] == '\n') line[n - 1] = 0;
    return line;
}

static wk_value b_input(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("input", nargs, kw, 0, 1)) return WK_NULLV;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (nargs && !wk_str_to(&sb, args[0])) { wk_sbuf_free(&sb); return WK_NULLV; }
    const char *prompt = sb.data ? sb.data : "";
    char *line;
    bool eof = false;
    if (wk_vm_state.input_hook) {
        line = wk_vm_state.input_hook(prompt, false, wk_vm_state.input_hook_ctx);
        eof = !line && !wk_err_occurred();
    } else {
        bool ok = !*prompt || wk_write_stdout(prompt, sb.len);
        fflush(stdout);
        line = ok ? read_stdin_line(&eof) : NULL;
    }
    wk_sbuf_free(&sb);
    if (!line) return eof ? wk_raise(wk_exc_EOFError, "EOF when reading a line") : WK_NULLV;
    wk_value r = wk_str_from_c(line);
    free(line);
    return r;
}

static wk_value b_open(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[8];
    if (!wk_args_parse("open", args, nargs, kw, "file|mode buffering encoding errors newline closefd opener", a))
        return WK_NULLV;
    if (!wk_is_str(a[0]))
        return wk_raise(wk_exc_TypeError, "expected str, bytes or os.PathLike object, not %s", wk_typename(a[0]));
    const char *mode = "r";
    if (!WK_IS_NULL(a[1])) {
        if (!wk_is_str(a[1]))
            return wk_raise(wk_exc_TypeError, "open() argument 'mode' must be str, not %s", wk_typename(a[1]));
        mode = wk_str_cstr(a[1]);
    }
    return wk_file_open(wk_str_cstr(a[0]), mode);
}

/* ---------------------------------------------------------------- help */

/* inspect.cleandoc + pydoc's indentation: every line prefixed, the last one stripped. */
static void add_doc(wk_sbuf *sb, const char *doc, const char *prefix) {
    const char *lines[512];
    size_t lens[512], n = 0, margin = (size_t)-1;
    for (const char *p = doc; *p && n < 512;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        lines[n] = p; lens[n++] = len;
        p += len + (e ? 1 : 0);
        if (!e) break;
    }
    for (size_t i = 1; i < n; i++) {
        size_t ind = 0;
        while (ind < lens[i] && lines[i][ind] == ' ') ind++;
        if (ind < lens[i] && ind < margin) margin = ind;
    }
    if (n) while (lens[0] && *lines[0] == ' ') { lines[0]++; lens[0]--; }
    for (size_t i = 1; i < n; i++) {
        size_t cut = margin < lens[i] ? margin : lens[i];
        lines[i] += cut; lens[i] -= cut;
    }
    size_t first = 0, last = n;
    while (first < last && lens[first] == 0) first++;
    while (last > first && strspn(lines[last - 1], " \t") >= lens[last - 1]) last--;
    for (size_t i = first; i < last; i++) {
        size_t len = lens[i];
        if (i + 1 == last) while (len && (lines[i][len - 1] == ' ' || lines[i][len - 1] == '\t')) len--;
        wk_sbuf_adds(sb, prefix);
        wk_sbuf_add(sb, lines[i], len);
        wk_sbuf_addc(sb, '\n');
    }
}

static bool add_param(wk_sbuf *sb, int *count, const char *name, wk_value dflt) {
    if ((*count)++) wk_sbuf_add(sb, ", ", 2);
    wk_sbuf_adds(sb, name);
    if (WK_IS_NULL(dflt)) return true;
    wk_sbuf_addc(sb, '=');
    return wk_repr_to(sb, dflt);
}

/* "name(x, y=2, *a, k=3, **kw)" from a wick function's code object. */
static bool add_signature(wk_sbuf *sb, wk_function *f, const char *name) {
    wk_code *co = (wk_code *)f->code;
    wk_value *vn = WK_TUPLE(co->varnames)->items;
    int na = co->argcount, nk = co->kwonlyargcount, i = 0, count = 0;
    int64_t nd = f->defaults ? WK_TUPLE(f->defaults)->len : 0;
    wk_sbuf_printf(sb, "%s(", name);
    for (; i < na; i++) {
        wk_value d = i >= na - nd ? WK_TUPLE(f->defaults)->items[i - (na - nd)] : WK_NULLV;
        if (!add_param(sb, &count, wk_str_cstr(vn[i]), d)) return false;
        if (co->posonlyargcount && i + 1 == co->posonlyargcount) add_param(sb, &count, "/", WK_NULLV);
    }
    int star = na + nk;
    if (co->flags & WK_CO_VARARGS) {
        if (count++) wk_sbuf_add(sb, ", ", 2);
        wk_sbuf_printf(sb, "*%s", wk_str_cstr(vn[star]));
    } else if (nk) add_param(sb, &count, "*", WK_NULLV);
    for (; i < na + nk; i++) {
        wk_value d = WK_NULLV;
        if (f->kwdefaults && wk_dict_lookup(f->kwdefaults, vn[i], &d) < 0) return false;
        if (!add_param(sb, &count, wk_str_cstr(vn[i]), d)) return false;
    }
    if (co->flags & WK_CO_VARKEYWORDS) {
        if (count++) wk_sbuf_add(sb, ", ", 2);
        wk_sbuf_printf(sb, "**%s", wk_str_cstr(vn[star + ((co->flags & WK_CO_VARARGS) ? 1 : 0)]));
    }
    wk_sbuf_add(sb, ")\n", 2);
    return true;
}

static const char *doc_of(wk_value v) {
    if (v.tag == WK_OBJ && v.u.o->type == &wk_type_function) {
        wk_obj *d = ((wk_function *)v.u.o)->doc;
        return d && wk_is_str(wk_objv(d)) ? WK_STR(d)->data : NULL;
    }
    if (v.tag == WK_OBJ && v.u.o->type == &wk_type_cfunction) return ((wk_cfunction *)v.u.o)->doc;
    wk_value d = wk_getattr_opt(v, wk_intern("__doc__"));
    wk_err_clear();
    const char *s = wk_is_str(d) ? WK_STR(d.u.o)->data : NULL;
    wk_decref(d);   /* docstrings live as long as their owner */
    return s;
}

/* Appends a signature line "name(a, b)\n" without its first parameter. */
static void add_sig_without_first(wk_sbuf *sb, const char *sig) {
    const char *open = strchr(sig, '('), *cut = open ? strpbrk(open, ",)") : NULL;
    if (!cut) { wk_sbuf_adds(sb, sig); return; }
    wk_sbuf_add(sb, sig, (size_t)(open + 1 - sig));
    wk_sbuf_adds(sb, *cut == ',' ? cut + 2 : cut);
}

/* A routine as pydoc prints it: signature line then its indented docstring (`doc` NULL:
 * the routine's own). Class methods lose their first parameter, as bound methods. */
static bool doc_routine(wk_sbuf *sb, wk_value f, const char *doc, bool classmeth) {
    if (!doc) doc = doc_of(f);
    if (f.tag == WK_OBJ && f.u.o->type == &wk_type_function) {
        wk_function *fn = (wk_function *)f.u.o;
        wk_sbuf sig;
        wk_sbuf_init(&sig);
        bool ok = add_signature(&sig, fn, wk_str_cstr(wk_objv(fn->name)));
        if (ok && classmeth) {
            add_sig_without_first(sb, sig.data);
            sb->data[--sb->len] = 0;
            wk_sbuf_adds(sb, " from builtins.type\n");
        } else if (ok) wk_sbuf_adds(sb, sig.data);
        wk_sbuf_free(&sig);
        if (!ok) return false;
    } else wk_sbuf_printf(sb, "%s(...)\n", f.tag == WK_OBJ && f.u.o->type == &wk_type_cfunction ?
                          ((wk_cfunction *)f.u.o)->name : "?");
    if (doc && *doc) add_doc(sb, doc, "    ");
    return true;
}

/* Class names as pydoc writes them: "builtins.object", "A" (same module), "m.A". */
static void add_classname(wk_sbuf *sb, wk_type *t, wk_type *home) {
    const char *m = t->module ? t->module : "builtins";
    if (!home->module || strcmp(m, home->module) != 0) wk_sbuf_printf(sb, "%s.", m);
    wk_sbuf_adds(sb, t->name);
}

enum { K_METHOD, K_CLASSMETHOD, K_STATIC, K_ROPROP, K_DESCR, K_DATA, K_NKINDS };
static const char *const kind_title[K_NKINDS] = { "Methods", "Class methods", "Static methods",
    "Readonly properties", "Data descriptors", "Data and other attributes" };

static int attr_kind(wk_value v) {
    wk_type *t = wk_typeof(v);
    if (t == &wk_type_function) return K_METHOD;
    if (t == &wk_type_classmethod) return K_CLASSMETHOD;
    if (t == &wk_type_staticmethod) return K_STATIC;
    if (t != &wk_type_property) return K_DATA;
    wk_value set = wk_getattr_opt(v, wk_intern("fset"));
    wk_err_clear();
    int k = WK_IS_NULL(set) || WK_IS_NONE(set) ? K_ROPROP : K_DESCR;
    wk_decref(set);
    return k;
}

static bool visible(const char *n) {
    static const char *const hidden[] = { "__doc__", "__module__", "__dict__", "__weakref__",
        "__qualname__", "__name__", "__slots__", "__classcell__", NULL };
    for (int i = 0; hidden[i]; i++) if (!strcmp(n, hidden[i])) return false;
    return n[0] != '_' || (n[1] == '_' && n[strlen(n) - 1] == '_');
}

/* Docstring of a method, else of the attribute it overrides (inspect.getdoc). */
static const char *method_doc(wk_value v, wk_type *cls, wk_value name) {
    const char *doc = doc_of(v);
    if (doc || !cls->base) return doc;
    wk_value inh = wk_type_lookup(cls->base, name.u.o);
    return WK_IS_NULL(inh) ? NULL : doc_of(inh);
}

/* One attribute as pydoc's TextDoc.document writes it (lines end in '\n'). */
static bool doc_attr(wk_sbuf *c, wk_type *cls, wk_value name, wk_value v, int kind) {
    if (kind == K_METHOD) return doc_routine(c, v, method_doc(v, cls, name), false);
    if (kind == K_CLASSMETHOD || kind == K_STATIC) {
        wk_value f = wk_getattr_opt(v, wk_intern("__func__"));
        bool ok = !WK_IS_NULL(f) && doc_routine(c, f, NULL, kind == K_CLASSMETHOD);
        wk_decref(f);
        if (!ok) wk_err_clear();
        return true;
    }
    if (kind == K_ROPROP || kind == K_DESCR) {
        const char *doc = doc_of(v);
        wk_sbuf_printf(c, "%s\n", wk_str_cstr(name));
        if (doc && *doc) add_doc(c, doc, "    ");
        return true;
    }
    wk_sbuf_printf(c, "%s = ", wk_str_cstr(name));
    if (!wk_repr_to(c, v)) return false;
    wk_sbuf_addc(c, '\n');
    return true;
}

/* "Methods defined here:" / "Methods inherited from A:", after a rule unless first. */
static void section_header(wk_sbuf *c, int kind, wk_type *cls, wk_type *home, bool *hr) {
    if (*hr) { wk_sbuf_addrep(c, '-', 70); wk_sbuf_addc(c, '\n'); }
    *hr = true;
    wk_sbuf_printf(c, "%s ", kind_title[kind]);
    if (cls == home) { wk_sbuf_adds(c, "defined here:\n"); return; }
    wk_sbuf_adds(c, "inherited from ");
    add_classname(c, cls, home);
    wk_sbuf_adds(c, ":\n");
}

/* Sections of one class dict of the MRO ("defined here" or "inherited from X"). */
static bool doc_sections(wk_sbuf *c, wk_type *cls, wk_type *home, bool *hr) {
    wk_value ks = wk_list_from_iter(wk_objv(cls->dict));
    if (WK_IS_NULL(ks) || !wk_list_sort(ks.u.o, WK_NULLV, false)) { wk_decref(ks); return false; }
    bool ok = true;
    for (int kind = 0; ok && kind < K_NKINDS; kind++) {
        bool header = false;
        for (int64_t i = 0; ok && i < WK_LIST(ks.u.o)->len; i++) {
            wk_value k = WK_LIST(ks.u.o)->items[i], v;
            if (!wk_is_str(k) || !visible(wk_str_cstr(k)) || wk_dict_lookup(cls->dict, k, &v) <= 0) continue;
            if (attr_kind(v) != kind) continue;
            if (!header) section_header(c, kind, cls, home, hr);
            header = true;
            wk_sbuf_addc(c, '\n');
            ok = doc_attr(c, cls, k, v, kind);
        }
        if (kind == K_DESCR && cls->base == &wk_type_object && (cls->flags & WK_TPFLAG_HEAPTYPE)) {
            if (!header) section_header(c, kind, cls, home, hr);
            header = true;
            wk_sbuf_adds(c, "\n__dict__\n    dictionary for instance variables\n\n"
                            "__weakref__\n    list of weak references to the object\n");
        }
        if (header) wk_sbuf_addc(c, '\n');
    }
    wk_decref(ks);
    return ok;
}

/* pydoc's TextDoc.docclass for classes (methods, data, descriptors, MRO). */
static bool doc_class(wk_sbuf *sb, wk_type *t) {
    wk_sbuf_printf(sb, "class %s", t->name);
    if (t->base) { wk_sbuf_addc(sb, '('); add_classname(sb, t->base, t); wk_sbuf_addc(sb, ')'); }
    wk_sbuf_addc(sb, '\n');
    wk_sbuf c;
    wk_sbuf_init(&c);
    wk_value init = wk_type_lookup(t, wk_intern("__init__"));
    if (wk_typeof(init) == &wk_type_function) {
        wk_sbuf sig;
        wk_sbuf_init(&sig);
        if (add_signature(&sig, (wk_function *)init.u.o, t->name) && strcmp(strchr(sig.data, '('), "(self)\n") != 0)
        {
            add_sig_without_first(&c, sig.data);
            wk_sbuf_addc(&c, '\n');
        }
        wk_sbuf_free(&sig);
    }
    const char *doc = doc_of(wk_objv(&t->ob));
    if (doc && *doc) { add_doc(&c, doc, ""); wk_sbuf_addc(&c, '\n'); }
    int64_t nmro = t->mro ? WK_TUPLE(t->mro)->len : 0;
    if (nmro > 2) {
        wk_sbuf_adds(&c, "Method resolution order:\n");
        for (int64_t i = 0; i < nmro; i++) {
            wk_sbuf_adds(&c, "    ");
            add_classname(&c, (wk_type *)WK_TUPLE(t->mro)->items[i].u.o, t);
            wk_sbuf_addc(&c, '\n');
        }
        wk_sbuf_addc(&c, '\n');
    }
    bool hr = false, ok = true;
    for (int64_t i = 0; ok && i < (nmro ? nmro : 1); i++) {
        wk_type *cls = nmro ? (wk_type *)WK_TUPLE(t->mro)->items[i].u.o : t;
        if (cls == &wk_type_object || !cls->dict) continue;
        ok = doc_sections(&c, cls, t, &hr);
    }
    while (c.len && (c.data[c.len - 1] == '\n' || c.data[c.len - 1] == ' ')) c.data[--c.len] = 0;
    for (char *line = c.data; ok && line;) {      /* indent every line with " |  " */
        char *nl = strchr(line, '\n');
        wk_sbuf_adds(sb, " |  ");
        wk_sbuf_add(sb, line, nl ? (size_t)(nl - line) : strlen(line));
        wk_sbuf_addc(sb, '\n');
        line = nl ? nl + 1 : NULL;
    }
    wk_sbuf_free(&c);
    return ok;
}

static wk_value b_help(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("help", nargs, kw, 0, 1)) return WK_NULLV;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_value v = nargs ? args[0] : WK_NONEV;
    bool ok = true;
    if (nargs == 0) {
        wk_sbuf_adds(&sb, "Type help(object) for help about object.\n");
    } else if (v.tag == WK_OBJ && v.u.o->type == &wk_type_function) {
        wk_function *f = (wk_function *)v.u.o;
        wk_sbuf_printf(&sb, "Help on function %s in module %s:\n\n", wk_str_cstr(wk_objv(f->name)),
                       f->module && wk_is_str(wk_objv(f->module)) ? wk_str_cstr(wk_objv(f->module)) : "__main__");
        ok = doc_routine(&sb, v, NULL, false);
    } else if (v.tag == WK_OBJ && v.u.o->type == &wk_type_cfunction) {
        wk_sbuf_printf(&sb, "Help on built-in function %s in module builtins:\n\n", ((wk_cfunction *)v.u.o)->name);
        ok = doc_routine(&sb, v, NULL, false);
    } else if (v.tag == WK_OBJ && v.u.o->type == &wk_type_module) {
        const char *doc = doc_of(v);
        wk_sbuf_printf(&sb, "Help on module %s:\n\nNAME\n    %s\n", wk_str_cstr(wk_objv(((wk_module *)v.u.o)->name)),
                       wk_str_cstr(wk_objv(((wk_module *)v.u.o)->name)));
        if (doc) { wk_sbuf_adds(&sb, "\nDESCRIPTION\n"); add_doc(&sb, doc, "    "); }
    } else {
        wk_type *t = v.tag == WK_OBJ && wk_isinstance_t(v, &wk_type_type) ? (wk_type *)v.u.o : wk_typeof(v);
        wk_sbuf_printf(&sb, "Help on class %s in module %s:\n\n", t->name, t->module ? t->module : "builtins");
        ok = doc_class(&sb, t);
    }
    wk_sbuf_addc(&sb, '\n');
    ok = ok && wk_write_stdout(sb.data, sb.len);
    wk_sbuf_free(&sb);
    return ok ? WK_NONEV : WK_NULLV;
}

const wk_methoddef wk_builtins_io[] = {
    { "print", b_print, 0, "Prints the values to a stream, or to sys.stdout by default." },
    { "input", b_input, 0, "Read a string from standard input.  The trailing newline is stripped." },
    { "open", b_open, 0, "Open file and return a stream.  Raise OSError upon failure." },
    { "help", b_help, 0, "Define the builtin 'help'." },
    { NULL, NULL, 0, NULL }
};
