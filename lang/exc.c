/* exc.c — the pending exception, the raise helpers and the standard exception
 * hierarchy (BaseException and its subclasses with their special attributes). */
#include "objimpl.h"
#include "containers.h"
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- pending exception */

static wk_obj *pending;
static wk_obj *nomem_exc;

bool wk_err_occurred(void) { return pending != NULL; }
wk_obj *wk_err_peek(void) { return pending; }

wk_obj *wk_err_fetch(void) {
    wk_obj *e = pending;
    pending = NULL;
    return e;
}

void wk_err_restore(wk_obj *exc) {
    wk_obj *old = pending;
    pending = exc;
    wk_obj_decref(old);
}

void wk_err_clear(void) { wk_err_restore(NULL); }

bool wk_err_matches(wk_type *t) {
    return pending && t && wk_type_is_subtype(pending->type, t);
}

wk_obj *wk_exc_new(wk_type *t, const wk_value *args, int nargs) {
    wk_value e = wk_call(wk_typev(t), args, nargs, NULL);
    if (WK_IS_NULL(e)) return NULL;
    if (!wk_isinstance_t(e, wk_exc_BaseException)) {
        wk_raise(wk_exc_TypeError, "calling %s should have returned an instance of BaseException, not %s",
                 t->name, wk_typename(e));
        wk_decref(e);
        return NULL;
    }
    return e.u.o;
}

wk_value wk_raise_value(wk_type *t, wk_value arg) {
    wk_obj *e = wk_exc_new(t, &arg, 1);
    if (e) wk_err_restore(e);
    return WK_NULLV;
}

wk_value wk_raise(wk_type *t, const char *fmt, ...) {
    wk_sbuf sb;
    va_list ap;
    wk_sbuf_init(&sb);
    va_start(ap, fmt);
    wk_sbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    if (!t) {
        fprintf(stderr, "wick: error before start-up finished: %s\n", sb.data ? sb.data : "");
        wk_sbuf_free(&sb);
        return WK_NULLV;
    }
    if (sb.oom) { wk_sbuf_free(&sb); return wk_raise_nomem(); }
    wk_value msg = wk_str_from_sbuf(&sb);
    if (WK_IS_NULL(msg)) return msg;
    wk_raise_value(t, msg);
    wk_decref(msg);
    return WK_NULLV;
}

wk_value wk_raise_nomem(void) {
    if (!nomem_exc) return WK_NULLV;
    wk_exc *e = (wk_exc *)nomem_exc;
    wk_obj_decref(e->traceback); e->traceback = NULL;
    wk_obj_decref(e->cause); e->cause = NULL;
    wk_obj_decref(e->context); e->context = NULL;
    wk_obj_incref(nomem_exc);
    wk_err_restore(nomem_exc);
    return WK_NULLV;
}

wk_value wk_raise_obj(wk_value v) {
    if (wk_is_type(v) && wk_type_is_subtype(WK_TYPEOBJ(v), wk_exc_BaseException)) {
        wk_obj *e = wk_exc_new(WK_TYPEOBJ(v), NULL, 0);
        if (e) wk_err_restore(e);
        return WK_NULLV;
    }
    if (wk_isinstance_t(v, wk_exc_BaseException)) {
        wk_obj_incref(v.u.o);
        wk_err_restore(v.u.o);
        return WK_NULLV;
    }
    return wk_raise(wk_exc_TypeError, "exceptions must derive from BaseException");
}

bool wk_exc_add_traceback(wk_obj *exc, wk_obj *code, int instr) {
    wk_exc *e = (wk_exc *)exc;
    if (!e->traceback && !(e->traceback = wk_list_new(0))) return false;
    wk_obj *entry = wk_tuple_pack(2, wk_objv(code), wk_int(instr));
    return entry && wk_list_append_steal(e->traceback, wk_objv(entry));
}

/* ---------------------------------------------------------------- BaseException */

#define EXC(v) ((wk_exc *)(v).u.o)

static wk_value exc_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    (void)kw;
    wk_exc *e = (wk_exc *)wk_obj_alloc(t);
    if (!e) return WK_NULLV;
    if (!(e->args = wk_tuple_from_array(args, nargs))) {
        wk_obj_decref(&e->ob);
        return WK_NULLV;
    }
    return wk_objv(&e->ob);
}

static int exc_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    if (kw && WK_TUPLE(kw)->len) {
        wk_raise(wk_exc_TypeError, "%s() takes no keyword arguments", wk_typename(self));
        return -1;
    }
    wk_obj *t = wk_tuple_from_array(args, nargs);
    if (!t) return -1;
    wk_obj_decref(EXC(self)->args);
    EXC(self)->args = t;
    return 0;
}

static void exc_dealloc(wk_obj *o) {
    wk_exc *e = (wk_exc *)o;
    wk_obj_decref(e->dict);
    wk_obj_decref(e->args);
    wk_obj_decref(e->traceback);
    wk_obj_decref(e->cause);
    wk_obj_decref(e->context);
    wk_obj_free(o);
}

static wk_tuple *exc_args(wk_value self) { return WK_TUPLE(EXC(self)->args); }

static wk_value exc_str(wk_value self) {
    wk_tuple *a = exc_args(self);
    if (a->len == 0) return wk_str_from_c("");
    if (a->len == 1) return wk_str(a->items[0]);
    return wk_str(wk_objv(&a->ob));
}

static wk_value exc_repr(wk_value self) {
    wk_tuple *a = exc_args(self);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, wk_typename(self));
    bool ok;
    if (a->len == 1) {
        wk_sbuf_addc(&sb, '(');
        ok = wk_repr_to(&sb, a->items[0]);
        wk_sbuf_addc(&sb, ')');
    } else {
        ok = wk_repr_to(&sb, wk_objv(&a->ob));
    }
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_value opt_obj(wk_obj *o) { return o ? wk_incref(wk_objv(o)) : WK_NONEV; }

static wk_value exc_get_args(wk_value s) { return wk_incref(wk_objv(EXC(s)->args)); }
static int exc_set_args(wk_value s, wk_value v) {
    if (WK_IS_NULL(v)) { wk_raise(wk_exc_TypeError, "args may not be deleted"); return -1; }
    wk_obj *t = wk_sequence_tuple(v);
    if (!t) return -1;
    wk_obj_decref(EXC(s)->args);
    EXC(s)->args = t;
    return 0;
}

static int set_exc_field(wk_obj **slot, wk_value v, const char *what) {
    if (WK_IS_NULL(v)) { wk_raise(wk_exc_TypeError, "%s may not be deleted", what); return -1; }
    if (!WK_IS_NONE(v) && !wk_isinstance_t(v, wk_exc_BaseException)) {
        wk_raise(wk_exc_TypeError, "exception %s must be None or derive from BaseException", what);
        return -1;
    }
    wk_obj *old = *slot;
    *slot = WK_IS_NONE(v) ? NULL : v.u.o;
    wk_obj_incref(*slot);
    wk_obj_decref(old);
    return 0;
}

static wk_value exc_get_cause(wk_value s) { return opt_obj(EXC(s)->cause); }
static int exc_set_cause(wk_value s, wk_value v) {
    int r = set_exc_field(&EXC(s)->cause, v, "cause");
    if (r == 0) EXC(s)->suppress_context = true;
    return r;
}
static wk_value exc_get_context(wk_value s) { return opt_obj(EXC(s)->context); }
static int exc_set_context(wk_value s, wk_value v) { return set_exc_field(&EXC(s)->context, v, "context"); }
static wk_value exc_get_suppress(wk_value s) { return wk_bool(EXC(s)->suppress_context); }
static int exc_set_suppress(wk_value s, wk_value v) {
    int t = wk_truthy(v);
    if (t < 0) return -1;
    EXC(s)->suppress_context = t;
    return 0;
}
static wk_value exc_get_tb(wk_value s) { return opt_obj(EXC(s)->traceback); }
static int exc_set_tb(wk_value s, wk_value v) {
    if (!WK_IS_NONE(v) && !wk_is_list(v)) {
        wk_raise(wk_exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    wk_obj *old = EXC(s)->traceback;
    EXC(s)->traceback = wk_is_list(v) ? v.u.o : NULL;
    wk_obj_incref(EXC(s)->traceback);
    wk_obj_decref(old);
    return 0;
}
static wk_value exc_get_dict(wk_value s) {
    if (!EXC(s)->dict && !(EXC(s)->dict = wk_dict_new())) return WK_NULLV;
    return wk_incref(wk_objv(EXC(s)->dict));
}

static wk_value exc_with_traceback(const wk_value *a, int n, wk_obj *kw) {
    if (!wk_check_o("with_traceback", n - 1, kw) || exc_set_tb(a[0], a[1]) < 0) return WK_NULLV;
    return wk_incref(a[0]);
}

static wk_value exc_add_note(const wk_value *a, int n, wk_obj *kw) {
    if (!wk_check_o("add_note", n - 1, kw)) return WK_NULLV;
    if (!wk_is_str(a[1]))
        return wk_raise(wk_exc_TypeError, "note must be a str, not '%s'", wk_typename(a[1]));
    wk_value notes = wk_getattr_opt(a[0], wk_intern("__notes__"));
    if (WK_IS_NULL(notes)) {
        if (wk_err_occurred()) return notes;
        notes = wk_objv(wk_list_new(0));
        if (WK_IS_NULL(notes) || wk_setattr_s(a[0], "__notes__", notes) < 0) {
            wk_decref(notes);
            return WK_NULLV;
        }
    }
    bool ok = wk_is_list(notes) ? wk_list_append(notes.u.o, a[1])
                                : (wk_raise(wk_exc_TypeError, "Cannot add note: __notes__ is not a list"), false);
    wk_decref(notes);
    return ok ? WK_NONEV : WK_NULLV;
}

static const wk_methoddef exc_methods[] = {
    { "with_traceback", exc_with_traceback, 0,
      "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self." },
    { "add_note", exc_add_note, 0,
      "Exception.add_note(note) --\n    add a note to the exception" },
    { NULL, NULL, 0, NULL }
};
static const wk_getsetdef exc_getsets[] = {
    { "args", exc_get_args, exc_set_args, NULL },
    { "__cause__", exc_get_cause, exc_set_cause, "exception cause" },
    { "__context__", exc_get_context, exc_set_context, "exception context" },
    { "__suppress_context__", exc_get_suppress, exc_set_suppress, NULL },
    { "__traceback__", exc_get_tb, exc_set_tb, NULL },
    { "__dict__", exc_get_dict, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

/* ---------------------------------------------------------------- special subclasses */

static wk_value keyerror_str(wk_value self) {
    wk_tuple *a = exc_args(self);
    return a->len == 1 ? wk_repr(a->items[0]) : exc_str(self);
}

static wk_value arg0_or_none(wk_value self) {
    wk_tuple *a = exc_args(self);
    return a->len > 0 ? wk_incref(a->items[0]) : WK_NONEV;
}
static const wk_getsetdef stopiter_getsets[] = {
    { "value", arg0_or_none, NULL, "generator return value" }, { NULL, NULL, NULL, NULL }
};

static wk_value sysexit_code(wk_value self) {
    wk_tuple *a = exc_args(self);
    return a->len == 0 ? WK_NONEV : a->len == 1 ? wk_incref(a->items[0]) : wk_incref(wk_objv(&a->ob));
}
static const wk_getsetdef sysexit_getsets[] = {
    { "code", sysexit_code, NULL, "exception code" }, { NULL, NULL, NULL, NULL }
};

/* Attributes kept in the instance dict, None when never set. */
static wk_value dict_attr(wk_value self, const char *name) {
    wk_obj *d = EXC(self)->dict;
    wk_value v = d ? wk_dict_get_s(d, name) : WK_NULLV;
    return WK_IS_NULL(v) ? WK_NONEV : wk_incref(v);
}
static int set_dict_attr(wk_value self, const char *name, wk_value v) {
    wk_exc *e = EXC(self);
    if (!e->dict && !(e->dict = wk_dict_new())) return -1;
    return wk_dict_set_s(e->dict, name, WK_IS_NULL(v) ? WK_NONEV : v);
}
#define DICT_ATTR(n) \
    static wk_value get_##n(wk_value s) { return dict_attr(s, #n); } \
    static int set_##n(wk_value s, wk_value v) { return set_dict_attr(s, #n, v); }
#define DICT_GETSET(n) { #n, get_##n, set_##n, NULL },
#define SYNTAX_ATTRS(X) X(msg) X(filename) X(lineno) X(offset) X(text) X(end_lineno) \
    X(end_offset) X(print_file_and_line)
#define OS_ATTRS(X) X(errno) X(strerror) X(filename) X(filename2)
#define IMPORT_ATTRS(X) X(name) X(path)
SYNTAX_ATTRS(DICT_ATTR)
DICT_ATTR(errno) DICT_ATTR(strerror) DICT_ATTR(filename2)
DICT_ATTR(name) DICT_ATTR(path)
static const wk_getsetdef syntax_getsets[] = { SYNTAX_ATTRS(DICT_GETSET) { NULL, NULL, NULL, NULL } };
static const wk_getsetdef os_getsets[] = { OS_ATTRS(DICT_GETSET) { NULL, NULL, NULL, NULL } };
static const wk_getsetdef import_getsets[] = { IMPORT_ATTRS(DICT_GETSET) { "msg", get_msg, set_msg, NULL }, { NULL, NULL, NULL, NULL } };

static int syntax_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    static const char *const fields[] = { "filename", "lineno", "offset", "text", "end_lineno", "end_offset" };
    if (exc_init(self, args, nargs, kw) < 0) return -1;
    if (nargs >= 1 && set_dict_attr(self, "msg", args[0]) < 0) return -1;
    if (nargs != 2) return 0;
    wk_obj *info = wk_sequence_tuple(args[1]);
    if (!info) return -1;
    int64_t n = WK_TUPLE(info)->len;
    int rc = 0;
    if (n < 4 || n > 6) {
        wk_raise(wk_exc_IndexError, "tuple index out of range");
        rc = -1;
    }
    for (int64_t i = 0; rc == 0 && i < n; i++)
        rc = set_dict_attr(self, fields[i], WK_TUPLE(info)->items[i]);
    wk_obj_decref(info);
    return rc;
}

static wk_value syntax_str(wk_value self) {
    wk_value msg = dict_attr(self, "msg"), fn = dict_attr(self, "filename"), ln = dict_attr(self, "lineno");
    wk_value r;
    {
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        bool ok = wk_str_to(&sb, msg);
        const char *f = wk_is_str(fn) ? wk_str_cstr(fn) : NULL, *slash = f ? strrchr(f, '/') : NULL;
        if (slash) f = slash + 1;
        bool have_ln = ln.tag == WK_INT;
        if (f && have_ln) wk_sbuf_printf(&sb, " (%s, line %lld)", f, (long long)ln.u.i);
        else if (f) wk_sbuf_printf(&sb, " (%s)", f);
        else if (have_ln) wk_sbuf_printf(&sb, " (line %lld)", (long long)ln.u.i);
        r = ok ? wk_str_from_sbuf(&sb) : WK_NULLV;
        if (!ok) wk_sbuf_free(&sb);
    }
    wk_decref(msg); wk_decref(fn); wk_decref(ln);
    return r;
}

static wk_type *os_subclass(int64_t err);

static wk_value os_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    if (t == wk_exc_OSError && nargs >= 2 && args[0].tag == WK_INT) {
        wk_type *sub = os_subclass(args[0].u.i);
        if (sub) t = sub;
    }
    return exc_new(t, args, nargs, kw);
}

static int os_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    if (exc_init(self, args, nargs, kw) < 0) return -1;
    if (nargs < 2 || nargs > 5) return 0;
    if (set_dict_attr(self, "errno", args[0]) < 0 || set_dict_attr(self, "strerror", args[1]) < 0)
        return -1;
    if (nargs >= 3 && set_dict_attr(self, "filename", args[2]) < 0) return -1;
    if (nargs >= 5 && set_dict_attr(self, "filename2", args[4]) < 0) return -1;
    if (nargs >= 3) {   /* args stays (errno, strerror), as CPython */
        wk_obj *t = wk_tuple_from_array(args, 2);
        if (!t) return -1;
        wk_obj_decref(EXC(self)->args);
        EXC(self)->args = t;
    }
    return 0;
}

static wk_value os_str(wk_value self) {
    wk_value en = dict_attr(self, "errno"), se = dict_attr(self, "strerror"), fn = dict_attr(self, "filename");
    wk_value r;
    if (WK_IS_NONE(en) && WK_IS_NONE(se)) {
        r = exc_str(self);
    } else {
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_sbuf_adds(&sb, "[Errno ");
        bool ok = wk_str_to(&sb, en);
        wk_sbuf_adds(&sb, "] ");
        ok = ok && wk_str_to(&sb, se);
        if (ok && !WK_IS_NONE(fn)) {
            wk_sbuf_adds(&sb, ": ");
            ok = wk_repr_to(&sb, fn);
        }
        r = ok ? wk_str_from_sbuf(&sb) : WK_NULLV;
        if (!ok) wk_sbuf_free(&sb);
    }
    wk_decref(en); wk_decref(se); wk_decref(fn);
    return r;
}

static int import_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    int nkw = kw ? (int)WK_TUPLE(kw)->len : 0;
    for (int i = 0; i < nkw; i++) {
        const char *k = wk_str_cstr(WK_TUPLE(kw)->items[i]);
        if (strcmp(k, "name") && strcmp(k, "path")) {
            wk_raise(wk_exc_TypeError, "'%s' is an invalid keyword argument for %s()", k, wk_typename(self));
            return -1;
        }
        if (set_dict_attr(self, k, args[nargs + i]) < 0) return -1;
    }
    if (exc_init(self, args, nargs, NULL) < 0) return -1;
    return nargs == 1 ? set_dict_attr(self, "msg", args[0]) : 0;
}

/* ---------------------------------------------------------------- the hierarchy */

wk_type *wk_exc_BaseException, *wk_exc_Exception, *wk_exc_SystemExit,
    *wk_exc_KeyboardInterrupt, *wk_exc_GeneratorExit, *wk_exc_StopIteration,
    *wk_exc_ArithmeticError, *wk_exc_ZeroDivisionError, *wk_exc_OverflowError,
    *wk_exc_FloatingPointError, *wk_exc_AssertionError, *wk_exc_AttributeError,
    *wk_exc_LookupError, *wk_exc_IndexError, *wk_exc_KeyError, *wk_exc_NameError,
    *wk_exc_UnboundLocalError, *wk_exc_RuntimeError, *wk_exc_RecursionError,
    *wk_exc_NotImplementedError, *wk_exc_TypeError, *wk_exc_ValueError,
    *wk_exc_UnicodeError, *wk_exc_UnicodeDecodeError, *wk_exc_UnicodeEncodeError,
    *wk_exc_ImportError, *wk_exc_ModuleNotFoundError, *wk_exc_MemoryError,
    *wk_exc_OSError, *wk_exc_FileNotFoundError, *wk_exc_FileExistsError,
    *wk_exc_PermissionError, *wk_exc_IsADirectoryError, *wk_exc_EOFError,
    *wk_exc_SyntaxError, *wk_exc_IndentationError, *wk_exc_TabError,
    *wk_exc_BufferError, *wk_exc_Warning, *wk_exc_UserWarning,
    *wk_exc_DeprecationWarning, *wk_exc_RuntimeWarning;

static wk_type *exc_NotADirectoryError, *exc_ConnectionError, *exc_TimeoutError,
    *exc_InterruptedError, *exc_BrokenPipeError, *exc_ProcessLookupError, *exc_ChildProcessError,
    *exc_BlockingIOError, *exc_ConnectionResetError, *exc_ConnectionRefusedError,
    *exc_ConnectionAbortedError, *exc_SystemError, *exc_ReferenceError,
    *exc_StopAsyncIteration, *exc_UnicodeTranslateError, *exc_SyntaxWarning,
    *exc_FutureWarning, *exc_PendingDeprecationWarning, *exc_ImportWarning,
    *exc_UnicodeWarning, *exc_BytesWarning, *exc_ResourceWarning, *exc_EncodingWarning;

typedef struct { wk_type **slot; const char *name; wk_type **base; const char *doc; } excdef;

#define E(var, name, base, doc) { &var, name, &base, doc },
static const excdef exc_table[] = {
    { &wk_exc_BaseException, "BaseException", NULL, "Common base class for all exceptions" },
    E(wk_exc_Exception, "Exception", wk_exc_BaseException, "Common base class for all non-exit exceptions.")
    E(wk_exc_SystemExit, "SystemExit", wk_exc_BaseException, "Request to exit from the interpreter.")
    E(wk_exc_KeyboardInterrupt, "KeyboardInterrupt", wk_exc_BaseException, "Program interrupted by user.")
    E(wk_exc_GeneratorExit, "GeneratorExit", wk_exc_BaseException, "Request that a generator exit.")
    E(wk_exc_StopIteration, "StopIteration", wk_exc_Exception, "Signal the end from iterator.__next__().")
    E(exc_StopAsyncIteration, "StopAsyncIteration", wk_exc_Exception, "Signal the end from iterator.__anext__().")
    E(wk_exc_ArithmeticError, "ArithmeticError", wk_exc_Exception, "Base class for arithmetic errors.")
    E(wk_exc_ZeroDivisionError, "ZeroDivisionError", wk_exc_ArithmeticError, "Second argument to a division or modulo operation was zero.")
    E(wk_exc_OverflowError, "OverflowError", wk_exc_ArithmeticError, "Result too large to be represented.")
    E(wk_exc_FloatingPointError, "FloatingPointError", wk_exc_ArithmeticError, "Floating point operation failed.")
    E(wk_exc_AssertionError, "AssertionError", wk_exc_Exception, "Assertion failed.")
    E(wk_exc_AttributeError, "AttributeError", wk_exc_Exception, "Attribute not found.")
    E(wk_exc_BufferError, "BufferError", wk_exc_Exception, "Buffer error.")
    E(wk_exc_EOFError, "EOFError", wk_exc_Exception, "Read beyond end of file.")
    E(wk_exc_ImportError, "ImportError", wk_exc_Exception, "Import can't find module, or can't find name in module.")
    E(wk_exc_ModuleNotFoundError, "ModuleNotFoundError", wk_exc_ImportError, "Module not found.")
    E(wk_exc_LookupError, "LookupError", wk_exc_Exception, "Base class for lookup errors.")
    E(wk_exc_IndexError, "IndexError", wk_exc_LookupError, "Sequence index out of range.")
    E(wk_exc_KeyError, "KeyError", wk_exc_LookupError, "Mapping key not found.")
    E(wk_exc_MemoryError, "MemoryError", wk_exc_Exception, "Out of memory.")
    E(wk_exc_NameError, "NameError", wk_exc_Exception, "Name not found globally.")
    E(wk_exc_UnboundLocalError, "UnboundLocalError", wk_exc_NameError, "Local name referenced but not bound to a value.")
    E(wk_exc_OSError, "OSError", wk_exc_Exception, "Base class for I/O related errors.")
    E(exc_BlockingIOError, "BlockingIOError", wk_exc_OSError, "I/O operation would block.")
    E(exc_ChildProcessError, "ChildProcessError", wk_exc_OSError, "Child process error.")
    E(exc_ConnectionError, "ConnectionError", wk_exc_OSError, "Connection error.")
    E(exc_BrokenPipeError, "BrokenPipeError", exc_ConnectionError, "Broken pipe.")
    E(exc_ConnectionAbortedError, "ConnectionAbortedError", exc_ConnectionError, "Connection aborted.")
    E(exc_ConnectionRefusedError, "ConnectionRefusedError", exc_ConnectionError, "Connection refused.")
    E(exc_ConnectionResetError, "ConnectionResetError", exc_ConnectionError, "Connection reset.")
    E(wk_exc_FileExistsError, "FileExistsError", wk_exc_OSError, "File already exists.")
    E(wk_exc_FileNotFoundError, "FileNotFoundError", wk_exc_OSError, "File not found.")
    E(exc_InterruptedError, "InterruptedError", wk_exc_OSError, "Interrupted by signal.")
    E(wk_exc_IsADirectoryError, "IsADirectoryError", wk_exc_OSError, "Operation doesn't work on directories.")
    E(exc_NotADirectoryError, "NotADirectoryError", wk_exc_OSError, "Operation only works on directories.")
    E(wk_exc_PermissionError, "PermissionError", wk_exc_OSError, "Not enough permissions.")
    E(exc_ProcessLookupError, "ProcessLookupError", wk_exc_OSError, "Process not found.")
    E(exc_TimeoutError, "TimeoutError", wk_exc_OSError, "Timeout expired.")
    E(exc_ReferenceError, "ReferenceError", wk_exc_Exception, "Weak ref proxy used after referent went away.")
    E(wk_exc_RuntimeError, "RuntimeError", wk_exc_Exception, "Unspecified run-time error.")
    E(wk_exc_NotImplementedError, "NotImplementedError", wk_exc_RuntimeError, "Method or function hasn't been implemented yet.")
    E(wk_exc_RecursionError, "RecursionError", wk_exc_RuntimeError, "Recursion limit exceeded.")
    E(wk_exc_SyntaxError, "SyntaxError", wk_exc_Exception, "Invalid syntax.")
    E(wk_exc_IndentationError, "IndentationError", wk_exc_SyntaxError, "Improper indentation.")
    E(wk_exc_TabError, "TabError", wk_exc_IndentationError, "Improper mixture of spaces and tabs.")
    E(exc_SystemError, "SystemError", wk_exc_Exception, "Internal error in the Python interpreter.")
    E(wk_exc_TypeError, "TypeError", wk_exc_Exception, "Inappropriate argument type.")
    E(wk_exc_ValueError, "ValueError", wk_exc_Exception, "Inappropriate argument value (of correct type).")
    E(wk_exc_UnicodeError, "UnicodeError", wk_exc_ValueError, "Unicode related error.")
    E(wk_exc_UnicodeDecodeError, "UnicodeDecodeError", wk_exc_UnicodeError, "Unicode decoding error.")
    E(wk_exc_UnicodeEncodeError, "UnicodeEncodeError", wk_exc_UnicodeError, "Unicode encoding error.")
    E(exc_UnicodeTranslateError, "UnicodeTranslateError", wk_exc_UnicodeError, "Unicode translation error.")
    E(wk_exc_Warning, "Warning", wk_exc_Exception, "Base class for warning categories.")
    E(wk_exc_UserWarning, "UserWarning", wk_exc_Warning, "Base class for warnings generated by user code.")
    E(wk_exc_DeprecationWarning, "DeprecationWarning", wk_exc_Warning, "Base class for warnings about deprecated features.")
    E(exc_PendingDeprecationWarning, "PendingDeprecationWarning", wk_exc_Warning, "Base class for warnings about features which will be deprecated\nin the future.")
    E(exc_SyntaxWarning, "SyntaxWarning", wk_exc_Warning, "Base class for warnings about dubious syntax.")
    E(wk_exc_RuntimeWarning, "RuntimeWarning", wk_exc_Warning, "Base class for warnings about dubious runtime behavior.")
    E(exc_FutureWarning, "FutureWarning", wk_exc_Warning, "Base class for warnings about constructs that will change semantically\nin the future.")
    E(exc_ImportWarning, "ImportWarning", wk_exc_Warning, "Base class for warnings about probable mistakes in module imports")
    E(exc_UnicodeWarning, "UnicodeWarning", wk_exc_Warning, "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.")
    E(exc_BytesWarning, "BytesWarning", wk_exc_Warning, "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.")
    E(exc_ResourceWarning, "ResourceWarning", wk_exc_Warning, "Base class for warnings about resource usage.")
    E(exc_EncodingWarning, "EncodingWarning", wk_exc_Warning, "Base class for warnings about encodings.")
};
#undef E
#define NEXC (sizeof exc_table / sizeof exc_table[0])

static wk_type *os_subclass(int64_t err) {
    switch (err) {
    case ENOENT: return wk_exc_FileNotFoundError;
    case EEXIST: return wk_exc_FileExistsError;
    case EACCES: case EPERM: return wk_exc_PermissionError;
    case EISDIR: return wk_exc_IsADirectoryError;
    case ENOTDIR: return exc_NotADirectoryError;
    case ETIMEDOUT: return exc_TimeoutError;
    case EINTR: return exc_InterruptedError;
    case EPIPE: return exc_BrokenPipeError;
    case ESRCH: return exc_ProcessLookupError;
    case ECHILD: return exc_ChildProcessError;
    case ECONNREFUSED: return exc_ConnectionRefusedError;
    case ECONNRESET: return exc_ConnectionResetError;
    default: return NULL;
    }
}

static wk_type *make_exc_type(const excdef *d) {
    wk_type *t = calloc(1, sizeof(wk_heaptype));
    if (!t) { wk_raise_nomem(); return NULL; }
    t->ob.refcnt = WK_IMMORTAL;
    t->ob.type = &wk_type_type;
    t->name = d->name;
    t->doc = d->doc;
    t->module = "builtins";
    t->flags = WK_TPFLAG_BASETYPE | WK_TPFLAG_EXCEPTION;
    t->base = d->base ? *d->base : &wk_type_object;
    return t;
}

static void setup_base_exception(wk_type *t) {
    t->basicsize = sizeof(wk_exc);
    t->dictoffset = offsetof(wk_exc, dict);
    t->new = exc_new;
    t->init = exc_init;
    t->dealloc = exc_dealloc;
    t->repr = exc_repr;
    t->str = exc_str;
}

/* Special slots and attributes, set before the type is made ready. */
static bool specialize(wk_type *t) {
    if (t == wk_exc_BaseException)
        return wk_type_add_methods(t, exc_methods) && wk_type_add_getsets(t, exc_getsets);
    if (t == wk_exc_KeyError) t->str = keyerror_str;
    if (t == wk_exc_StopIteration) return wk_type_add_getsets(t, stopiter_getsets);
    if (t == wk_exc_SystemExit) return wk_type_add_getsets(t, sysexit_getsets);
    if (t == wk_exc_SyntaxError) {
        t->init = syntax_init;
        t->str = syntax_str;
        return wk_type_add_getsets(t, syntax_getsets);
    }
    if (t == wk_exc_OSError) {
        t->new = os_new;
        t->init = os_init;
        t->str = os_str;
        return wk_type_add_getsets(t, os_getsets);
    }
    if (t == wk_exc_ImportError) {
        t->init = import_init;
        return wk_type_add_getsets(t, import_getsets);
    }
    return true;
}

bool wk_exc_types_init(void) {
    for (size_t i = 0; i < NEXC; i++) {
        wk_type *t = make_exc_type(&exc_table[i]);
        if (!t) return false;
        *exc_table[i].slot = t;
        if (i == 0) setup_base_exception(t);
        if (!specialize(t) || !wk_type_ready(t)) return false;
    }
    wk_value msg = WK_NONEV;
    wk_value e = wk_call(wk_typev(wk_exc_MemoryError), &msg, 0, NULL);
    if (WK_IS_NULL(e)) return false;
    nomem_exc = e.u.o;
    return true;
}

bool wk_exc_add_builtins(wk_obj *b) {
    for (size_t i = 0; i < NEXC; i++)
        if (wk_dict_set_s(b, exc_table[i].name, wk_typev(*exc_table[i].slot)) < 0) return false;
    wk_value ni = wk_notimplemented(), el = wk_ellipsis();
    bool ok = wk_dict_set_s(b, "IOError", wk_typev(wk_exc_OSError)) == 0 &&
              wk_dict_set_s(b, "EnvironmentError", wk_typev(wk_exc_OSError)) == 0 &&
              wk_dict_set_s(b, "NotImplemented", ni) == 0 && wk_dict_set_s(b, "Ellipsis", el) == 0;
    wk_decref(ni);
    wk_decref(el);
    return ok;
}
