/* func.c — function, bound method and cell objects, and argument binding for wick functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frame.h"
#include "vm_ops.h"

/* ---------------------------------------------------------------- cells */

wk_obj *wk_cell_new(wk_value v) {
    wk_cell *c = (wk_cell *)wk_obj_alloc(&wk_type_cell);
    if (!c) return NULL;
    c->value = wk_incref(v);
    return &c->ob;
}

static void cell_dealloc(wk_obj *o) {
    wk_clear(&((wk_cell *)o)->value);
    wk_obj_free(o);
}

static wk_value cell_repr(wk_value self) {
    wk_cell *c = (wk_cell *)self.u.o;
    if (WK_IS_NULL(c->value)) return wk_str_fromf("<cell at %p: empty>", (void *)c);
    return wk_str_fromf("<cell at %p: %s object at %p>", (void *)c, wk_typename(c->value),
                        WK_IS_OBJ(c->value) ? (void *)c->value.u.o : (void *)c);
}

static wk_value cell_get_contents(wk_value self) {
    wk_cell *c = (wk_cell *)self.u.o;
    if (WK_IS_NULL(c->value)) return wk_raise(wk_exc_ValueError, "Cell is empty");
    return wk_incref(c->value);
}

static int cell_set_contents(wk_value self, wk_value v) {
    wk_cell *c = (wk_cell *)self.u.o;
    if (WK_IS_NULL(v)) wk_clear(&c->value);
    else wk_assign(&c->value, v);
    return 0;
}

static const wk_getsetdef cell_getsets[] = {
    { "cell_contents", cell_get_contents, cell_set_contents, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_cell = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "cell", .basicsize = sizeof(wk_cell),
    .dealloc = cell_dealloc, .repr = cell_repr,
};

/* ---------------------------------------------------------------- functions */

wk_value wk_func_new(wk_obj *code, wk_obj *globals, wk_obj *qualname) {
    wk_code *co = (wk_code *)code;
    wk_function *fn = (wk_function *)wk_obj_alloc(&wk_type_function);
    if (!fn) return WK_NULLV;
    wk_obj_incref(code);
    fn->code = code;
    wk_obj_incref(globals);
    fn->globals = globals;
    fn->builtins = wk_vm_state.builtins;
    wk_obj_incref(fn->builtins);
    fn->name = co->name;
    wk_obj_incref(fn->name);
    fn->qualname = qualname ? qualname : co->qualname ? co->qualname : co->name;
    wk_obj_incref(fn->qualname);
    if (co->consts && WK_TUPLE(co->consts)->len > 0 && wk_is_str(WK_TUPLE(co->consts)->items[0])
        ) {
        fn->doc = WK_TUPLE(co->consts)->items[0].u.o;
        wk_obj_incref(fn->doc);
    }
    wk_value modname = wk_dict_get_s(globals, "__name__");
    if (wk_is_str(modname)) {
        fn->module = modname.u.o;
        wk_obj_incref(fn->module);
    }
    return wk_objv(&fn->ob);
}

static void func_dealloc(wk_obj *o) {
    wk_function *fn = (wk_function *)o;
    wk_obj_decref(fn->code);
    wk_obj_decref(fn->globals);
    wk_obj_decref(fn->builtins);
    wk_obj_decref(fn->name);
    wk_obj_decref(fn->qualname);
    wk_obj_decref(fn->defaults);
    wk_obj_decref(fn->kwdefaults);
    wk_obj_decref(fn->closure);
    wk_obj_decref(fn->doc);
    wk_obj_decref(fn->dict);
    wk_obj_decref(fn->module);
    wk_obj_decref(fn->annotations);
    wk_obj_free(o);
}

static wk_value func_repr(wk_value self) {
    wk_function *fn = (wk_function *)self.u.o;
    return wk_str_fromf("<function %s at %p>", wk_str_cstr(wk_objv(fn->qualname)), (void *)fn);
}

static wk_value func_descr_get(wk_value descr, wk_value obj, wk_type *owner) {
    (void)owner;
    if (WK_IS_NULL(obj)) return wk_incref(descr);
    return wk_method_new(descr, obj);
}

static wk_value objv_or_none(wk_obj *o) {
    if (!o) return WK_NONEV;
    wk_obj_incref(o);
    return wk_objv(o);
}

#define FN(self) ((wk_function *)(self).u.o)
static wk_value fn_get_name(wk_value self) { return objv_or_none(FN(self)->name); }
static wk_value fn_get_qualname(wk_value self) { return objv_or_none(FN(self)->qualname); }
static wk_value fn_get_doc(wk_value self) { return objv_or_none(FN(self)->doc); }
static wk_value fn_get_module(wk_value self) { return objv_or_none(FN(self)->module); }
static wk_value fn_get_defaults(wk_value self) { return objv_or_none(FN(self)->defaults); }
static wk_value fn_get_kwdefaults(wk_value self) { return objv_or_none(FN(self)->kwdefaults); }
static wk_value fn_get_code(wk_value self) { return objv_or_none(FN(self)->code); }
static wk_value fn_get_globals(wk_value self) { return objv_or_none(FN(self)->globals); }
static wk_value fn_get_closure(wk_value self) { return objv_or_none(FN(self)->closure); }

/* Stores v (a str, or None when allow_none) into *slot. */
static int fn_set_obj(wk_obj **slot, wk_value v, bool allow_none, const char *what) {
    if (WK_IS_NULL(v) || (allow_none && WK_IS_NONE(v))) {
        wk_obj_decref(*slot);
        *slot = NULL;
        return 0;
    }
    if (!wk_is_str(v)) {
        wk_raise(wk_exc_TypeError, "%s must be set to a string object", what);
        return -1;
    }
    wk_obj_incref(v.u.o);
    wk_obj_decref(*slot);
    *slot = v.u.o;
    return 0;
}
static int fn_set_name(wk_value self, wk_value v) { return fn_set_obj(&FN(self)->name, v, false, "__name__"); }
static int fn_set_qualname(wk_value self, wk_value v) { return fn_set_obj(&FN(self)->qualname, v, false, "__qualname__"); }
static int fn_set_module(wk_value self, wk_value v) { return fn_set_obj(&FN(self)->module, v, true, "__module__"); }
static int fn_set_doc(wk_value self, wk_value v) {
    if (!WK_IS_NULL(v) && !WK_IS_NONE(v) && !wk_is_str(v)) {
        /* any object may be a docstring; keep only strings */
        return 0;
    }
    return fn_set_obj(&FN(self)->doc, v, true, "__doc__");
}
static int fn_set_defaults(wk_value self, wk_value v) {
    if (!WK_IS_NULL(v) && !WK_IS_NONE(v) && !wk_is_tuple(v)) {
        wk_raise(wk_exc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    wk_obj_decref(FN(self)->defaults);
    FN(self)->defaults = WK_IS_OBJ(v) ? (wk_obj_incref(v.u.o), v.u.o) : NULL;
    return 0;
}

/* __annotations__: MAKE_FUNCTION stores a (name, value, ...) tuple, turned into the dict
 * on first read; a function without annotations gets an empty dict, as in CPython. */
static wk_value fn_get_annotations(wk_value self) {
    wk_function *fn = FN(self);
    if (fn->annotations && fn->annotations->type == &wk_type_dict) return objv_or_none(fn->annotations);
    wk_obj *d = wk_dict_new();
    if (!d) return WK_NULLV;
    wk_tuple *t = fn->annotations ? WK_TUPLE(fn->annotations) : NULL;
    for (int64_t i = 0; t && i + 1 < t->len; i += 2)
        if (wk_dict_set(d, t->items[i], t->items[i + 1]) < 0) { wk_obj_decref(d); return WK_NULLV; }
    wk_obj_decref(fn->annotations);
    fn->annotations = d;
    return objv_or_none(d);
}
static int fn_set_annotations(wk_value self, wk_value v) {
    if (!WK_IS_NULL(v) && !WK_IS_NONE(v) && !wk_is_dict(v)) {
        wk_raise(wk_exc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    wk_obj_decref(FN(self)->annotations);
    FN(self)->annotations = WK_IS_OBJ(v) ? (wk_obj_incref(v.u.o), v.u.o) : NULL;
    return 0;
}

static const wk_getsetdef func_getsets[] = {
    { "__annotations__", fn_get_annotations, fn_set_annotations, NULL },
    { "__name__", fn_get_name, fn_set_name, NULL },
    { "__qualname__", fn_get_qualname, fn_set_qualname, NULL },
    { "__doc__", fn_get_doc, fn_set_doc, NULL },
    { "__module__", fn_get_module, fn_set_module, NULL },
    { "__defaults__", fn_get_defaults, fn_set_defaults, NULL },
    { "__kwdefaults__", fn_get_kwdefaults, NULL, NULL },
    { "__code__", fn_get_code, NULL, NULL },
    { "__globals__", fn_get_globals, NULL, NULL },
    { "__closure__", fn_get_closure, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

static bool fn_hash(wk_value self, int64_t *out) {
    *out = (int64_t)((uintptr_t)self.u.o >> 4);
    return true;
}

wk_type wk_type_function = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "function", .basicsize = sizeof(wk_function),
    .dictoffset = offsetof(wk_function, dict),
    .dealloc = func_dealloc, .repr = func_repr, .hash = fn_hash,
    .descr_get = func_descr_get, .call = wk_function_call,
};

/* ---------------------------------------------------------------- signatures */

bool wk_func_signature(wk_sbuf *sb, wk_function *fn) {
    wk_code *co = (wk_code *)fn->code;
    wk_tuple *vn = WK_TUPLE(co->varnames);
    int ndef = fn->defaults ? (int)WK_TUPLE(fn->defaults)->len : 0;
    int i = 0, total = co->argcount + co->kwonlyargcount;
    bool first = true;
    wk_sbuf_addc(sb, '(');
#define SEP() do { if (!first) wk_sbuf_adds(sb, ", "); first = false; } while (0)
    for (; i < co->argcount; i++) {
        SEP();
        wk_sbuf_adds(sb, wk_str_cstr(vn->items[i]));
        if (i >= co->argcount - ndef) {
            wk_sbuf_addc(sb, '=');
            if (!wk_repr_to(sb, WK_TUPLE(fn->defaults)->items[i - (co->argcount - ndef)])) return false;
        }
        if (co->posonlyargcount && i == co->posonlyargcount - 1) { SEP(); wk_sbuf_addc(sb, '/'); }
    }
    if (co->flags & WK_CO_VARARGS) {
        SEP();
        wk_sbuf_printf(sb, "*%s", wk_str_cstr(vn->items[total]));
    } else if (co->kwonlyargcount) {
        SEP();
        wk_sbuf_addc(sb, '*');
    }
    for (; i < total; i++) {
        SEP();
        wk_sbuf_adds(sb, wk_str_cstr(vn->items[i]));
        wk_value d = fn->kwdefaults ? wk_dict_get_s(fn->kwdefaults, wk_str_cstr(vn->items[i])) : WK_NULLV;
        if (!WK_IS_NULL(d)) {
            wk_sbuf_addc(sb, '=');
            if (!wk_repr_to(sb, d)) return false;
        }
    }
    if (co->flags & WK_CO_VARKEYWORDS) {
        SEP();
        wk_sbuf_printf(sb, "**%s", wk_str_cstr(vn->items[total + ((co->flags & WK_CO_VARARGS) ? 1 : 0)]));
    }
#undef SEP
    wk_sbuf_addc(sb, ')');
    return true;
}

/* ---------------------------------------------------------------- argument binding */

static const char *fn_qualname(wk_function *fn) { return wk_str_cstr(wk_objv(fn->qualname)); }

static void too_many_positional(wk_function *fn, wk_frame *f, int given) {
    wk_code *co = (wk_code *)fn->code;
    int kwonly_given = 0;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        if (!WK_IS_NULL(f->localsplus[i])) kwonly_given++;
    int ndef = fn->defaults ? (int)WK_TUPLE(fn->defaults)->len : 0;
    char sig[64], kwsig[96] = "";
    bool plural;
    if (ndef) {
        snprintf(sig, sizeof sig, "from %d to %d", co->argcount - ndef, co->argcount);
        plural = true;
    } else {
        snprintf(sig, sizeof sig, "%d", co->argcount);
        plural = co->argcount != 1;
    }
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %d keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    wk_raise(wk_exc_TypeError, "%s() takes %s positional argument%s but %d%s %s given",
             fn_qualname(fn), sig, plural ? "s" : "", given, kwsig,
             given == 1 && !kwonly_given ? "was" : "were");
}

/* Reports the empty slots in [from, to) (skipping those with defaults when
 * ndef_from >= 0) as missing arguments of the given kind. */
static void format_missing(wk_function *fn, wk_frame *f, int from, int to, const char *kind) {
    wk_code *co = (wk_code *)fn->code;
    int idx[256], n = 0;
    for (int i = from; i < to && n < 256; i++)
        if (WK_IS_NULL(f->localsplus[i])) idx[n++] = i;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int k = 0; k < n; k++) {
        if (k > 0) wk_sbuf_adds(&sb, n == 2 ? " and " : (k == n - 1 ? ", and " : ", "));
        wk_value nm = WK_TUPLE(co->varnames)->items[idx[k]];
        wk_str_repr_to(&sb, wk_str_cstr(nm), (size_t)WK_STR(nm.u.o)->len);
    }
    wk_raise(wk_exc_TypeError, "%s() missing %d required %s argument%s: %s", fn_qualname(fn),
             n, kind, n == 1 ? "" : "s", sb.data ? sb.data : "");
    wk_sbuf_free(&sb);
}

/* Index of the parameter called name in [from, to), or -1. */
static int find_param(wk_code *co, wk_obj *name, int from, int to) {
    wk_value *vn = WK_TUPLE(co->varnames)->items;
    for (int j = from; j < to; j++)
        if (vn[j].u.o == name) return j;
    for (int j = from; j < to; j++)
        if (wk_str_equal(vn[j].u.o, name)) return j;
    return -1;
}

static bool bind_keywords(wk_function *fn, wk_frame *f, const wk_value *kwvals, wk_obj *kwnames,
                          wk_obj *kwdict) {
    wk_code *co = (wk_code *)fn->code;
    int total = co->argcount + co->kwonlyargcount;
    wk_tuple *kn = WK_TUPLE(kwnames);
    for (int64_t k = 0; k < kn->len; k++) {
        wk_obj *name = kn->items[k].u.o;
        int j = find_param(co, name, co->posonlyargcount, total);
        if (j < 0) {
            if (kwdict) {
                if (wk_dict_set(kwdict, kn->items[k], kwvals[k]) < 0) return false;
                continue;
            }
            if (find_param(co, name, 0, co->posonlyargcount) >= 0)
                wk_raise(wk_exc_TypeError, "%s() got some positional-only arguments passed as "
                         "keyword arguments: '%s'", fn_qualname(fn), wk_str_cstr(kn->items[k]));
            else
                wk_raise(wk_exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                         fn_qualname(fn), wk_str_cstr(kn->items[k]));
            return false;
        }
        if (!WK_IS_NULL(f->localsplus[j])) {
            wk_raise(wk_exc_TypeError, "%s() got multiple values for argument '%s'",
                     fn_qualname(fn), wk_str_cstr(kn->items[k]));
            return false;
        }
        f->localsplus[j] = wk_incref(kwvals[k]);
    }
    return true;
}

static bool fill_defaults(wk_function *fn, wk_frame *f, int nargs) {
    wk_code *co = (wk_code *)fn->code;
    wk_value *slots = f->localsplus;
    int ndef = fn->defaults ? (int)WK_TUPLE(fn->defaults)->len : 0;
    int first_def = co->argcount - ndef;
    if (nargs < co->argcount) {
        for (int i = nargs; i < first_def; i++)
            if (WK_IS_NULL(slots[i])) {
                format_missing(fn, f, nargs, first_def, "positional");
                return false;
            }
        for (int i = first_def > nargs ? first_def : nargs; i < co->argcount; i++)
            if (WK_IS_NULL(slots[i])) slots[i] = wk_incref(WK_TUPLE(fn->defaults)->items[i - first_def]);
    }
    bool missing = false;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++) {
        if (!WK_IS_NULL(slots[i])) continue;
        wk_value d = WK_NULLV;
        if (fn->kwdefaults && wk_dict_lookup(fn->kwdefaults, WK_TUPLE(co->varnames)->items[i], &d) < 0)
            return false;
        if (WK_IS_NULL(d)) missing = true;
        else slots[i] = wk_incref(d);
    }
    if (missing) {
        format_missing(fn, f, co->argcount, co->argcount + co->kwonlyargcount, "keyword-only");
        return false;
    }
    return true;
}

bool wk_func_bind(wk_function *fn, wk_frame *f, const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_code *co = (wk_code *)fn->code;
    wk_value *slots = f->localsplus;
    int argcount = co->argcount;
    if (!kwnames && nargs == argcount && !(co->flags & (WK_CO_VARARGS | WK_CO_VARKEYWORDS))
        && co->kwonlyargcount == 0) {
        for (int i = 0; i < nargs; i++) slots[i] = wk_incref(args[i]);
        return wk_frame_init_cells(f, fn);
    }
    int total = argcount + co->kwonlyargcount;
    wk_obj *kwdict = NULL;
    if (co->flags & WK_CO_VARKEYWORDS) {
        if (!(kwdict = wk_dict_new())) return false;
        slots[total + ((co->flags & WK_CO_VARARGS) ? 1 : 0)] = wk_objv(kwdict);
    }
    int npos = nargs < argcount ? nargs : argcount;
    for (int i = 0; i < npos; i++) slots[i] = wk_incref(args[i]);
    if (co->flags & WK_CO_VARARGS) {
        wk_obj *rest = wk_tuple_from_array(args + npos, nargs - npos);
        if (!rest) return false;
        slots[total] = wk_objv(rest);
    }
    if (kwnames && !bind_keywords(fn, f, args + nargs, kwnames, kwdict)) return false;
    if (nargs > argcount && !(co->flags & WK_CO_VARARGS)) {
        too_many_positional(fn, f, nargs);
        return false;
    }
    if (!fill_defaults(fn, f, nargs)) return false;
    return wk_frame_init_cells(f, fn);
}

bool wk_frame_init_cells(wk_frame *f, wk_function *fn) {
    wk_code *co = f->code;
    if (f->ncells == 0) return true;
    wk_value *cells = f->localsplus + co->nlocals;
    int ncellvars = co->cellvars ? (int)WK_TUPLE(co->cellvars)->len : 0;
    int nparams = co->argcount + co->kwonlyargcount + ((co->flags & WK_CO_VARARGS) ? 1 : 0)
                  + ((co->flags & WK_CO_VARKEYWORDS) ? 1 : 0);
    for (int i = 0; i < ncellvars; i++) {
        wk_obj *name = WK_TUPLE(co->cellvars)->items[i].u.o;
        int j = fn ? find_param(co, name, 0, nparams) : -1;
        wk_obj *cell = wk_cell_new(j >= 0 ? f->localsplus[j] : WK_NULLV);
        if (!cell) return false;
        cells[i] = wk_objv(cell);
    }
    int nfree = f->ncells - ncellvars;
    for (int i = 0; i < nfree; i++) {
        if (!fn || !fn->closure || i >= WK_TUPLE(fn->closure)->len) {
            wk_raise(wk_exc_RuntimeError, "function closure does not match its code");
            return false;
        }
        cells[ncellvars + i] = wk_incref(WK_TUPLE(fn->closure)->items[i]);
    }
    return true;
}

/* ---------------------------------------------------------------- calling */

wk_value wk_function_call(wk_value func, const wk_value *args, int nargs, wk_obj *kwnames) {
    return wk_vm_call_function((wk_function *)func.u.o, args, nargs, kwnames, true);
}

/* ---------------------------------------------------------------- bound methods */

wk_value wk_method_new(wk_value func, wk_value self) {
    wk_method *m = (wk_method *)wk_obj_alloc(&wk_type_method);
    if (!m) return WK_NULLV;
    m->func = wk_incref(func);
    m->self = wk_incref(self);
    return wk_objv(&m->ob);
}

static void method_dealloc(wk_obj *o) {
    wk_method *m = (wk_method *)o;
    wk_clear(&m->func);
    wk_clear(&m->self);
    wk_obj_free(o);
}

static wk_value method_call(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_method *m = (wk_method *)self.u.o;
    int total = nargs + (kwnames ? (int)WK_TUPLE(kwnames)->len : 0);
    wk_value small[9], *buf = small;
    if (total + 1 > 9) {
        buf = malloc(sizeof(wk_value) * (size_t)(total + 1));
        if (!buf) return wk_raise_nomem();
    }
    buf[0] = m->self;
    if (total) memcpy(buf + 1, args, sizeof(wk_value) * (size_t)total);
    wk_value r = wk_call(m->func, buf, nargs + 1, kwnames);
    if (buf != small) free(buf);
    return r;
}

static wk_value method_repr(wk_value self) {
    wk_method *m = (wk_method *)self.u.o;
    wk_value qn = wk_getattr_opt(m->func, wk_intern("__qualname__"));
    if (WK_IS_NULL(qn)) {
        if (wk_err_occurred()) return WK_NULLV;
        qn = wk_getattr_opt(m->func, wk_intern("__name__"));
        if (WK_IS_NULL(qn) && wk_err_occurred()) return WK_NULLV;
    }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "<bound method ");
    wk_sbuf_adds(&sb, wk_is_str(qn) ? wk_str_cstr(qn) : "?");
    wk_decref(qn);
    wk_sbuf_adds(&sb, " of ");
    bool ok = wk_repr_to(&sb, m->self);
    wk_sbuf_addc(&sb, '>');
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_value method_getattr(wk_value self, wk_obj *name) {
    wk_method *m = (wk_method *)self.u.o;
    const char *s = wk_str_cstr(wk_objv(name));
    if (!strcmp(s, "__func__")) return wk_incref(m->func);
    if (!strcmp(s, "__self__")) return wk_incref(m->self);
    wk_value v = wk_generic_getattr(self, name);
    if (!WK_IS_NULL(v) || !wk_err_matches(wk_exc_AttributeError)) return v;
    wk_err_clear();
    return wk_getattr(m->func, name);
}

static wk_value method_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if ((op != WK_EQ && op != WK_NE) || !WK_IS_OBJ(b) || b.u.o->type != &wk_type_method)
        return wk_notimplemented();
    wk_method *x = (wk_method *)a.u.o, *y = (wk_method *)b.u.o;
    int eq = wk_eq(x->func, y->func);
    if (eq < 0) return WK_NULLV;
    eq = eq && wk_is(x->self, y->self);
    return wk_bool(op == WK_EQ ? eq : !eq);
}

static bool method_hash(wk_value self, int64_t *out) {
    wk_method *m = (wk_method *)self.u.o;
    int64_t h1 = 0;
    if (!wk_hash(m->func, &h1)) return false;
    *out = h1 ^ (int64_t)((uintptr_t)(WK_IS_OBJ(m->self) ? (void *)m->self.u.o : (void *)m) >> 4);
    if (*out == -1) *out = -2;
    return true;
}

wk_type wk_type_method = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "method", .basicsize = sizeof(wk_method),
    .dealloc = method_dealloc, .repr = method_repr, .call = method_call,
    .getattr = method_getattr, .richcmp = method_richcmp, .hash = method_hash,
};

bool wk_func_types_init(void) {
    return wk_type_ready(&wk_type_cell) && wk_type_add_getsets(&wk_type_cell, cell_getsets)
        && wk_type_ready(&wk_type_function) && wk_type_add_getsets(&wk_type_function, func_getsets)
        && wk_type_ready(&wk_type_method);
}
