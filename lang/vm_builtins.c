/* vm_builtins.c — builtins that need the VM: __build_class__, __import__, exec, eval,
 * compile, globals, locals, vars; frame introspection for locals() and super(). */
#include <string.h>
#include "vm_ops.h"
#include "init.h"
#include "objimpl.h"

/* ---------------------------------------------------------------- frame introspection */

wk_obj *wk_frame_locals(wk_frame *f) {
    if (!f) {
        wk_obj_incref(wk_vm_state.main_dict);
        return wk_vm_state.main_dict;
    }
    if (f->locals) {
        wk_obj_incref(f->locals);
        return f->locals;
    }
    wk_obj *d = wk_dict_new();
    if (!d) return NULL;
    wk_code *co = f->code;
    for (int i = 0; i < co->nlocals; i++) {
        if (WK_IS_NULL(f->localsplus[i])) continue;
        if (wk_dict_set(d, WK_TUPLE(co->varnames)->items[i], f->localsplus[i]) < 0) goto fail;
    }
    int ncell = co->cellvars ? (int)WK_TUPLE(co->cellvars)->len : 0;
    for (int i = 0; i < f->ncells; i++) {
        wk_value v = ((wk_cell *)f->localsplus[co->nlocals + i].u.o)->value;
        wk_value name = i < ncell ? WK_TUPLE(co->cellvars)->items[i] : WK_TUPLE(co->freevars)->items[i - ncell];
        if (!WK_IS_NULL(v) && wk_dict_set(d, name, v) < 0) goto fail;
    }
    return d;
fail:
    wk_obj_decref(d);
    return NULL;
}

static int tuple_index(wk_obj *t, wk_obj *name) {
    if (!t) return -1;
    for (int64_t i = 0; i < WK_TUPLE(t)->len; i++)
        if (wk_str_equal(WK_TUPLE(t)->items[i].u.o, name)) return (int)i;
    return -1;
}

bool wk_frame_super_args(wk_value *self_out, wk_type **class_out) {
    wk_frame *f = wk_vm_current_frame;
    if (!f || f->code->argcount == 0) {
        wk_raise(wk_exc_RuntimeError, "super(): no arguments");
        return false;
    }
    wk_code *co = f->code;
    wk_value self = f->localsplus[0];
    int ci = tuple_index(co->cellvars, WK_TUPLE(co->varnames)->items[0].u.o);
    if (ci >= 0) self = ((wk_cell *)f->localsplus[co->nlocals + ci].u.o)->value;
    if (WK_IS_NULL(self)) {
        wk_raise(wk_exc_RuntimeError, "super(): arg[0] deleted");
        return false;
    }
    int fi = tuple_index(co->freevars, wk_intern("__class__"));
    if (fi < 0) {
        wk_raise(wk_exc_RuntimeError, "super(): __class__ cell not found");
        return false;
    }
    int ncell = co->cellvars ? (int)WK_TUPLE(co->cellvars)->len : 0;
    wk_value cls = ((wk_cell *)f->localsplus[co->nlocals + ncell + fi].u.o)->value;
    if (WK_IS_NULL(cls)) {
        wk_raise(wk_exc_RuntimeError, "super(): empty __class__ cell");
        return false;
    }
    if (!WK_IS_OBJ(cls) || !wk_type_is_subtype(cls.u.o->type, &wk_type_type)) {
        wk_raise(wk_exc_RuntimeError, "super(): __class__ is not a type (%s)", wk_typename(cls));
        return false;
    }
    *self_out = self;
    *class_out = (wk_type *)cls.u.o;
    return true;
}

/* ---------------------------------------------------------------- __build_class__ */

/* Runs the class body function with ns as its locals; returns its result. */
static wk_value run_class_body(wk_function *fn, wk_obj *ns) {
    wk_code *co = (wk_code *)fn->code;
    wk_frame *f = wk_frame_new(co, &fn->ob, fn->globals, ns, false);
    if (!f) return WK_NULLV;
    if (!wk_frame_init_cells(f, fn)) {
        wk_frame_free(f);
        return WK_NULLV;
    }
    bool yielded;
    wk_value r = wk_vm_run_frame(f, false, &yielded);
    wk_frame_free(f);
    return r;
}

static wk_value build_class_checked(wk_function *fn, wk_value name, wk_type *base) {
    wk_obj *ns = wk_dict_new();
    if (!ns) return WK_NULLV;
    wk_value r = run_class_body(fn, ns);
    if (WK_IS_NULL(r)) { wk_obj_decref(ns); return r; }
    wk_value cell = wk_dict_get_s(ns, "__classcell__");
    if (!WK_IS_NULL(cell)) {
        wk_incref(cell);
        if (wk_dict_del(ns, wk_objv(wk_intern("__classcell__"))) < 0) wk_err_clear();
    } else if (WK_IS_OBJ(r) && r.u.o->type == &wk_type_cell) {
        cell = wk_incref(r);
    }
    wk_decref(r);
    wk_value mod = wk_dict_get_s(ns, "__module__");
    if (WK_IS_NULL(mod)) mod = wk_dict_get_s(fn->globals, "__name__");
    wk_type *cls = wk_type_new_class(wk_str_cstr(name), base, ns, wk_is_str(mod) ? wk_str_cstr(mod) : NULL);
    wk_obj_decref(ns);
    if (!cls) { wk_decref(cell); return WK_NULLV; }
    if (WK_IS_OBJ(cell) && cell.u.o->type == &wk_type_cell)
        wk_assign(&((wk_cell *)cell.u.o)->value, wk_objv(&cls->ob));
    wk_decref(cell);
    return wk_objv(&cls->ob);
}

/* PEP 560: a base that is not a class but has __mro_entries__ (typing.Generic[T]) is
 * replaced by the classes it returns. A new list of the resolved bases. */
static wk_obj *resolve_bases(const wk_value *bases, int n) {
    wk_obj *out = wk_list_new(0);
    wk_obj *orig = out ? wk_tuple_from_array(bases, n) : NULL;
    for (int i = 0; orig && i < n; i++) {
        wk_value me = wk_is_type(bases[i]) ? WK_NULLV : wk_getattr_opt(bases[i], wk_intern("__mro_entries__"));
        if (WK_IS_NULL(me)) {
            if (wk_err_occurred() || !wk_list_append(out, bases[i])) goto fail;
            continue;
        }
        wk_value r = wk_call1(me, wk_objv(orig));
        wk_decref(me);
        if (WK_IS_NULL(r)) goto fail;
        bool ok = wk_is_tuple(r);
        if (!ok) wk_raise(wk_exc_TypeError, "__mro_entries__ must return a tuple");
        for (int64_t k = 0; ok && k < WK_TUPLE(r.u.o)->len; k++) ok = wk_list_append(out, WK_TUPLE(r.u.o)->items[k]);
        wk_decref(r);
        if (!ok) goto fail;
    }
    wk_obj_decref(orig);
    return out;
fail:
    wk_obj_decref(orig);
    wk_obj_decref(out);
    return NULL;
}

/* Single inheritance: at most one resolved base, which must be a class. */
static wk_value build_class_bases(wk_function *fn, wk_value name, wk_obj *bases) {
    if (WK_LIST(bases)->len > 1) return wk_raise(wk_exc_TypeError, "multiple inheritance is not supported by wick");
    wk_type *base = &wk_type_object;
    if (WK_LIST(bases)->len == 1) {
        wk_value b = WK_LIST(bases)->items[0];
        if (!WK_IS_OBJ(b) || !wk_type_is_subtype(b.u.o->type, &wk_type_type))
            return wk_raise(wk_exc_TypeError, "bases must be types");
        base = (wk_type *)b.u.o;
    }
    return build_class_checked(fn, name, base);
}

static wk_value bi_build_class(const wk_value *args, int nargs, wk_obj *kwnames) {
    if (nargs < 2) return wk_raise(wk_exc_TypeError, "__build_class__: not enough arguments");
    if (!WK_IS_OBJ(args[0]) || args[0].u.o->type != &wk_type_function)
        return wk_raise(wk_exc_TypeError, "__build_class__: func must be a function");
    if (!wk_is_str(args[1])) return wk_raise(wk_exc_TypeError, "__build_class__: name is not a string");
    if (kwnames && WK_TUPLE(kwnames)->len) {
        const char *k = wk_str_cstr(WK_TUPLE(kwnames)->items[0]);
        if (!strcmp(k, "metaclass")) return wk_raise(wk_exc_TypeError, "metaclass= is not supported by wick");
        return wk_raise(wk_exc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                        nargs > 2 ? wk_typename(args[2]) : "object");
    }
    wk_obj *bases = resolve_bases(args + 2, nargs - 2);
    if (!bases) return WK_NULLV;
    wk_value r = build_class_bases((wk_function *)args[0].u.o, args[1], bases);
    wk_obj_decref(bases);
    return r;
}

/* ---------------------------------------------------------------- exec, eval, compile */

static bool parse_mode(wk_value m, wk_mode *out) {
    const char *s = wk_is_str(m) ? wk_str_cstr(m) : "";
    if (!strcmp(s, "exec")) *out = WK_MODE_EXEC;
    else if (!strcmp(s, "eval")) *out = WK_MODE_EVAL;
    else if (!strcmp(s, "single")) *out = WK_MODE_SINGLE;
    else {
        wk_raise(wk_exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
        return false;
    }
    return true;
}

static wk_obj *compile_value(wk_value src, const char *filename, wk_mode mode, const char *fname) {
    if (WK_IS_OBJ(src) && src.u.o->type == &wk_type_code) {
        wk_obj_incref(src.u.o);
        return src.u.o;
    }
    if (!wk_is_str(src)) {
        wk_raise(wk_exc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
        return NULL;
    }
    const char *s = wk_str_cstr(src);
    size_t n = (size_t)WK_STR(src.u.o)->len;
    if (mode == WK_MODE_EVAL)
        while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    return wk_compile_source(s, n, filename, mode, wk_vm_keep_source(filename));
}

/* Runs code for exec/eval with optional globals/locals arguments. */
static wk_value run_with_namespaces(wk_obj *code, wk_value g, wk_value l, const char *fname) {
    wk_obj *globals, *locals = NULL;
    if (WK_IS_NULL(g) || WK_IS_NONE(g)) {
        wk_frame *f = wk_vm_current_frame;
        globals = f ? f->globals : wk_vm_state.main_dict;
        wk_obj_incref(globals);
        if (WK_IS_NULL(l) || WK_IS_NONE(l)) {
            locals = wk_frame_locals(f);
            if (!locals) { wk_obj_decref(globals); return WK_NULLV; }
        }
    } else {
        if (!wk_is_dict(g)) {
            return wk_raise(wk_exc_TypeError, "%s() globals must be a dict, not %s", fname, wk_typename(g));
        }
        globals = g.u.o;
        wk_obj_incref(globals);
    }
    if (!WK_IS_NULL(l) && !WK_IS_NONE(l)) {
        locals = l.u.o;
        wk_obj_incref(locals);
    }
    wk_value r = wk_eval_code(code, globals, locals);
    wk_obj_decref(globals);
    wk_obj_decref(locals);
    return r;
}

static wk_value bi_exec(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[3];
    if (!wk_args_parse("exec", args, nargs, kwnames, "source /|globals locals", a)) return WK_NULLV;
    wk_obj *code = compile_value(a[0], "<string>", WK_MODE_EXEC, "exec");
    if (!code) return WK_NULLV;
    wk_value r = run_with_namespaces(code, a[1], a[2], "exec");
    wk_obj_decref(code);
    if (WK_IS_NULL(r)) return r;
    wk_decref(r);
    return WK_NONEV;
}

static wk_value bi_eval(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[3];
    if (!wk_args_parse("eval", args, nargs, kwnames, "source /|globals locals", a)) return WK_NULLV;
    wk_obj *code = compile_value(a[0], "<string>", WK_MODE_EVAL, "eval");
    if (!code) return WK_NULLV;
    wk_value r = run_with_namespaces(code, a[1], a[2], "eval");
    wk_obj_decref(code);
    return r;
}

static wk_value bi_compile(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[5];
    if (!wk_args_parse("compile", args, nargs, kwnames, "source filename mode|flags dont_inherit", a))
        return WK_NULLV;
    wk_mode mode;
    if (!parse_mode(a[2], &mode)) return WK_NULLV;
    if (!wk_is_str(a[1]))
        return wk_raise(wk_exc_TypeError, "compile() argument 'filename' must be str, not %s", wk_typename(a[1]));
    wk_obj *code = compile_value(a[0], wk_str_cstr(a[1]), mode, "compile");
    return wk_objv(code);
}

static wk_value bi_globals(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args;
    if (!wk_args_none("globals", nargs, kwnames)) return WK_NULLV;
    wk_obj *g = wk_vm_current_frame ? wk_vm_current_frame->globals : wk_vm_state.main_dict;
    wk_obj_incref(g);
    return wk_objv(g);
}

static wk_value bi_locals(const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args;
    if (!wk_args_none("locals", nargs, kwnames)) return WK_NULLV;
    return wk_objv(wk_frame_locals(wk_vm_current_frame));
}

static wk_value bi_vars(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[1];
    if (!wk_args_parse("vars", args, nargs, kwnames, "|object /", a)) return WK_NULLV;
    if (WK_IS_NULL(a[0])) return wk_objv(wk_frame_locals(wk_vm_current_frame));
    wk_value d = wk_getattr_opt(a[0], wk_intern("__dict__"));
    if (WK_IS_NULL(d) && !wk_err_occurred())
        return wk_raise(wk_exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static wk_value bi_import(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[5];
    if (!wk_args_parse("__import__", args, nargs, kwnames, "name|globals locals fromlist level", a))
        return WK_NULLV;
    if (!wk_is_str(a[0]))
        return wk_raise(wk_exc_TypeError, "__import__() argument 1 must be str, not %s", wk_typename(a[0]));
    int level = 0;
    if (!WK_IS_NULL(a[4])) {
        int64_t lv;
        if (!wk_as_int64(a[4], &lv)) return WK_NULLV;
        if (lv < 0) return wk_raise(wk_exc_ValueError, "level must be >= 0");
        level = (int)lv;
    }
    wk_obj *g = wk_is_dict(a[1]) ? a[1].u.o : NULL;
    return wk_import_name(a[0].u.o, g, a[3], level);
}

static const wk_methoddef vm_builtins[] = {
    { "__build_class__", bi_build_class, 0, "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nInternal helper function used by the class statement." },
    { "__import__", bi_import, 0, "__import__(name, globals=None, locals=None, fromlist=(), level=0) -> module\n\nImport a module." },
    { "exec", bi_exec, 0, "Execute the given source in the context of globals and locals." },
    { "eval", bi_eval, 0, "Evaluate the given source in the context of globals and locals." },
    { "compile", bi_compile, 0, "Compile source into a code object that can be executed by exec() or eval()." },
    { "globals", bi_globals, 0, "Return the dictionary containing the current scope's global variables." },
    { "locals", bi_locals, 0, "Return a dictionary containing the current scope's local variables." },
    { "vars", bi_vars, 0, "vars([object]) -> dictionary\n\nWithout arguments, equivalent to locals().\nWith an argument, equivalent to object.__dict__." },
    { NULL, NULL, 0, NULL }
};

bool wk_vm_builtins_init(wk_obj *builtins_dict) {
    for (const wk_methoddef *d = vm_builtins; d->name; d++) {
        wk_value f = wk_cfunction_new(d->name, d->fn, d->doc);
        if (WK_IS_NULL(f)) return false;
        int r = wk_dict_set_s(builtins_dict, d->name, f);
        wk_decref(f);
        if (r < 0) return false;
    }
    return true;
}
