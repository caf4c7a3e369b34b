/* object.h — wick's value and object model: tagged values, heap objects, type objects
 * with slots, the abstract operations every part of the interpreter calls, the pending
 * exception, and the constructors/accessors of the built-in types.
 *
 * Ownership rules (the same everywhere, as in CPython):
 *   - a function that returns a wk_value or wk_obj* returns a NEW reference, unless its
 *     comment says "borrowed";
 *   - arguments are BORROWED, unless the function name ends in _steal;
 *   - failure is a WK_NULL value (or NULL pointer, or -1) with an exception pending
 *     (wk_err_occurred()); nothing longjmps.
 */
#ifndef WK_OBJECT_H
#define WK_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include "sbuf.h"

/* ---------------------------------------------------------------- values */

typedef enum {
    WK_NULL = 0,   /* "no value": error return, missing optional argument, deleted slot */
    WK_NONE,
    WK_BOOL,
    WK_INT,        /* 64-bit; overflow raises OverflowError, never wraps */
    WK_FLOAT,
    WK_OBJ         /* u.o points at a heap object */
} wk_tag;

typedef struct wk_obj wk_obj;
typedef struct wk_type wk_type;

typedef struct wk_value {
    wk_tag tag;
    union { int64_t i; double f; wk_obj *o; } u;   /* bool uses u.i (0/1) */
} wk_value;

struct wk_obj {
    int64_t refcnt;
    wk_type *type;
};

#define WK_NULLV        ((wk_value){ .tag = WK_NULL, .u = { .i = 0 } })
#define WK_NONEV        ((wk_value){ .tag = WK_NONE, .u = { .i = 0 } })
#define WK_TRUEV        ((wk_value){ .tag = WK_BOOL, .u = { .i = 1 } })
#define WK_FALSEV       ((wk_value){ .tag = WK_BOOL, .u = { .i = 0 } })
#define WK_IS_NULL(v)   ((v).tag == WK_NULL)
#define WK_IS_NONE(v)   ((v).tag == WK_NONE)
#define WK_IS_OBJ(v)    ((v).tag == WK_OBJ)
#define WK_IS_INT(v)    ((v).tag == WK_INT)
#define WK_IS_FLOAT(v)  ((v).tag == WK_FLOAT)
#define WK_IS_BOOL(v)   ((v).tag == WK_BOOL)

static inline wk_value wk_int(int64_t i)   { wk_value v; v.tag = WK_INT; v.u.i = i; return v; }
static inline wk_value wk_float(double f)  { wk_value v; v.tag = WK_FLOAT; v.u.f = f; return v; }
static inline wk_value wk_bool(bool b)     { wk_value v; v.tag = WK_BOOL; v.u.i = b ? 1 : 0; return v; }
/* Wraps an object pointer WITHOUT touching its refcount (the caller's reference moves
 * into the value). NULL gives WK_NULLV. */
static inline wk_value wk_objv(wk_obj *o)  { wk_value v; if (!o) return WK_NULLV; v.tag = WK_OBJ; v.u.o = o; return v; }

void wk_obj_dealloc(wk_obj *o);   /* calls o->type->dealloc; never call directly */

static inline void wk_obj_incref(wk_obj *o) { if (o) o->refcnt++; }
static inline void wk_obj_decref(wk_obj *o) { if (o && --o->refcnt == 0) wk_obj_dealloc(o); }
static inline wk_value wk_incref(wk_value v) { if (v.tag == WK_OBJ) v.u.o->refcnt++; return v; }
static inline void wk_decref(wk_value v) { if (v.tag == WK_OBJ && --v.u.o->refcnt == 0) wk_obj_dealloc(v.u.o); }
/* Replace *slot with a new reference to v (incref v, decref the old value). */
static inline void wk_assign(wk_value *slot, wk_value v) { wk_value old = *slot; *slot = wk_incref(v); wk_decref(old); }
static inline void wk_clear(wk_value *slot) { wk_value old = *slot; *slot = WK_NULLV; wk_decref(old); }

/* ---------------------------------------------------------------- type objects */

/* Binary operator numbers: index into wk_type.nb[]; also the BINARY_OP opcode argument.
 * Same order as CPython's ast operators. */
typedef enum {
    WK_NB_ADD, WK_NB_SUB, WK_NB_MUL, WK_NB_MATMUL, WK_NB_TRUEDIV, WK_NB_MOD, WK_NB_POW,
    WK_NB_LSHIFT, WK_NB_RSHIFT, WK_NB_OR, WK_NB_XOR, WK_NB_AND, WK_NB_FLOORDIV,
    WK_NB_COUNT
} wk_nb_op;
#define WK_NB_INPLACE 0x100   /* or-ed into the BINARY_OP argument for augmented assignment */

/* Unary slots: index into wk_type.un[]. */
typedef enum {
    WK_UN_NEG, WK_UN_POS, WK_UN_INVERT, WK_UN_ABS, WK_UN_INT, WK_UN_FLOAT, WK_UN_INDEX,
    WK_UN_COUNT
} wk_un_op;

/* Rich comparison numbers (COMPARE_OP argument), as CPython's Py_LT... */
typedef enum { WK_LT, WK_LE, WK_EQ, WK_NE, WK_GT, WK_GE } wk_cmp_op;

/* Calling convention shared by every callable: positional args in args[0..nargs-1];
 * when kwnames (a tuple of str) is non-NULL, its values follow at args[nargs..]. */
typedef wk_value (*wk_callfn)(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames);
/* Native functions and methods (a method receives self as args[0]). */
typedef wk_value (*wk_cfn)(const wk_value *args, int nargs, wk_obj *kwnames);

#define WK_TPFLAG_HEAPTYPE   0x0001u  /* created by a class statement or type(); refcounted */
#define WK_TPFLAG_BASETYPE   0x0002u  /* may be subclassed */
#define WK_TPFLAG_EXCEPTION  0x0004u  /* BaseException or a subclass */
#define WK_TPFLAG_USERCLASS  0x0008u  /* defined in wick code: slots dispatch to dunders */

struct wk_type {
    wk_obj ob;                   /* its type is wk_type_type */
    const char *name;            /* "list", or the class's __name__ (owned by the type) */
    wk_type *base;               /* single inheritance; NULL only for object */
    wk_obj *dict;                /* class namespace (a dict): methods, class attributes */
    wk_obj *mro;                 /* tuple of types, self first (filled by wk_type_ready) */
    uint32_t flags;
    size_t basicsize;            /* bytes allocated by wk_obj_alloc for instances */
    ptrdiff_t dictoffset;        /* offset of a wk_obj* instance __dict__, 0 = none */
    const char *doc;
    const char *module;          /* "builtins" for native types, else the defining module */

    /* lifetime */
    void     (*dealloc)(wk_obj *self);
    /* construction: type(...) calls new(type, args) then, if the result is an instance
     * of type, init(result, args) */
    wk_value (*new)(wk_type *type, const wk_value *args, int nargs, wk_obj *kwnames);
    int      (*init)(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames);

    /* text */
    wk_value (*repr)(wk_value self);                       /* returns a str */
    wk_value (*str)(wk_value self);                        /* NULL slot: use repr */
    wk_value (*format)(wk_value self, wk_value spec);       /* __format__; NULL: str() for '' */

    /* comparison and hashing */
    wk_value (*richcmp)(wk_value a, wk_value b, wk_cmp_op op);   /* may return NotImplemented */
    bool     (*hash)(wk_value self, int64_t *out);   /* NULL slot means unhashable */

    /* attributes */
    wk_value (*getattr)(wk_value self, wk_obj *name);            /* NULL: wk_generic_getattr */
    int      (*setattr)(wk_value self, wk_obj *name, wk_value v);/* v WK_NULL = delete */
    wk_value (*descr_get)(wk_value descr, wk_value obj, wk_type *owner); /* obj WK_NULL: class access */
    int      (*descr_set)(wk_value descr, wk_value obj, wk_value v);     /* makes a data descriptor */

    /* calling */
    wk_callfn call;

    /* numbers: nb[op](a, b) is tried with self in either position; returns
     * wk_notimplemented() when it does not handle the pair */
    wk_value (*nb[WK_NB_COUNT])(wk_value a, wk_value b);
    wk_value (*nb_inplace[WK_NB_COUNT])(wk_value a, wk_value b); /* optional */
    wk_value (*un[WK_UN_COUNT])(wk_value self);
    int      (*truth)(wk_value self);                 /* -1 error, 0, 1; NULL: use len, else true */

    /* containers */
    int64_t  (*len)(wk_value self);                   /* -1 on error */
    wk_value (*getitem)(wk_value self, wk_value key);
    int      (*setitem)(wk_value self, wk_value key, wk_value v);   /* v WK_NULL = delete */
    int      (*contains)(wk_value self, wk_value item);             /* -1, 0, 1 */

    /* iteration: next returns WK_NULL with NO exception pending when exhausted */
    wk_value (*iter)(wk_value self);
    wk_value (*next)(wk_value self);
};

/* The built-in types (static objects, made ready by wk_types_init). */
extern wk_type wk_type_object, wk_type_type, wk_type_none, wk_type_bool, wk_type_int,
    wk_type_float, wk_type_str, wk_type_bytes, wk_type_list, wk_type_tuple, wk_type_dict,
    wk_type_set, wk_type_frozenset, wk_type_range, wk_type_slice, wk_type_function,
    wk_type_cfunction, wk_type_method, wk_type_module, wk_type_code, wk_type_cell,
    wk_type_generator, wk_type_property, wk_type_staticmethod, wk_type_classmethod,
    wk_type_super, wk_type_notimplemented, wk_type_ellipsis, wk_type_dict_keys,
    wk_type_dict_values, wk_type_dict_items;

/* Type of any value (bool, int, float and None map to their static types). Borrowed. */
wk_type *wk_typeof(wk_value v);
const char *wk_typename(wk_value v);              /* type(v).__name__ */
bool wk_type_is_subtype(wk_type *a, wk_type *b);  /* issubclass(a, b) */
bool wk_isinstance_t(wk_value v, wk_type *t);     /* isinstance(v, t), exact C check */
/* Finishes a type: links base, builds mro, inherits slots from base, and adds slot
 * wrappers (__add__, __len__, __repr__, ...) to dict for slots the type defines, so
 * int.__add__, super().__init__ and friends work. Returns false with an exception. */
bool wk_type_ready(wk_type *t);
/* Looks a name up along the MRO without descriptors. Borrowed; WK_NULL if missing
 * (no exception). */
wk_value wk_type_lookup(wk_type *t, wk_obj *name);

/* Method tables for native types (and for modules: see wk_module_add_funcs). */
#define WK_METH_STATIC 0x1
#define WK_METH_CLASS  0x2   /* the cfn gets the class as args[0] */
typedef struct { const char *name; wk_cfn fn; int flags; const char *doc; } wk_methoddef;
typedef struct {
    const char *name;
    wk_value (*get)(wk_value self);
    int (*set)(wk_value self, wk_value v);   /* NULL: read-only attribute */
    const char *doc;
} wk_getsetdef;
bool wk_type_add_methods(wk_type *t, const wk_methoddef *defs);   /* NULL-name terminated */
bool wk_type_add_getsets(wk_type *t, const wk_getsetdef *defs);
/* Makes a new class like `class name(base): ...` with the given namespace dict. */
wk_type *wk_type_new_class(const char *name, wk_type *base, wk_obj *ns_dict, const char *module);

/* ---------------------------------------------------------------- objects */

/* Allocates type->basicsize zeroed bytes, refcnt 1, type set (and incref'd if it is a
 * heap type). Raises MemoryError on failure. */
wk_obj *wk_obj_alloc(wk_type *t);
/* Allocation for variable-size objects: basicsize + extra bytes. */
wk_obj *wk_obj_alloc_var(wk_type *t, size_t extra);
/* Frees the memory of an object whose fields were already released (end of dealloc);
 * decrefs a heap type. */
void wk_obj_free(wk_obj *o);
/* (added) wk_obj_free for an object made by wk_obj_alloc_var(type, extra) with this same
 * extra, so that its block can be recycled (wk_obj_free assumes extra 0, tuples aside). */
void wk_obj_free_extra(wk_obj *o, size_t extra);
/* The instance __dict__ slot of o, or NULL when its type has none. */
wk_obj **wk_obj_dictptr(wk_obj *o);

/* Singletons (borrowed references inside; the returned value is a new reference). */
wk_value wk_notimplemented(void);
wk_value wk_ellipsis(void);
bool wk_is_notimplemented(wk_value v);

/* ---------------------------------------------------------------- abstract operations */

wk_value wk_repr(wk_value v);                 /* str object */
wk_value wk_str(wk_value v);                  /* str object */
wk_value wk_ascii(wk_value v);
wk_value wk_format(wk_value v, wk_value spec);/* format(v, spec) */
/* Appends repr(v) / str(v) to a buffer; false on error. */
bool wk_repr_to(wk_sbuf *sb, wk_value v);
bool wk_str_to(wk_sbuf *sb, wk_value v);

bool wk_hash(wk_value v, int64_t *out);       /* TypeError "unhashable type: 'list'" */
wk_value wk_richcmp(wk_value a, wk_value b, wk_cmp_op op);  /* with the reflected dance */
int wk_richcmp_bool(wk_value a, wk_value b, wk_cmp_op op);  /* -1, 0, 1 */
int wk_eq(wk_value a, wk_value b);            /* identity shortcut, then ==; -1, 0, 1 */
bool wk_is(wk_value a, wk_value b);           /* `is` */
int wk_truthy(wk_value v);                    /* -1, 0, 1 */

wk_value wk_binop(wk_nb_op op, wk_value a, wk_value b);
wk_value wk_inplace_binop(wk_nb_op op, wk_value a, wk_value b);
wk_value wk_unop(wk_un_op op, wk_value v);   /* -x, +x, ~x, abs(x), int(x)... */
wk_value wk_not(wk_value v);
const char *wk_nb_symbol(wk_nb_op op);       /* "+", "**", ... for error messages */

wk_value wk_getattr(wk_value v, wk_obj *name);        /* name: a str */
wk_value wk_getattr_s(wk_value v, const char *name);
/* Like getattr but returns WK_NULL WITHOUT exception when the attribute is missing
 * (AttributeError is swallowed); other errors stay pending. */
wk_value wk_getattr_opt(wk_value v, wk_obj *name);
int wk_setattr(wk_value v, wk_obj *name, wk_value x); /* x WK_NULL = delete */
int wk_setattr_s(wk_value v, const char *name, wk_value x);
int wk_hasattr(wk_value v, wk_obj *name);             /* -1, 0, 1 */
/* object.__getattribute__ / __setattr__ semantics (descriptors, instance dict, MRO). */
wk_value wk_generic_getattr(wk_value v, wk_obj *name);
int wk_generic_setattr(wk_value v, wk_obj *name, wk_value x);

wk_value wk_call(wk_value f, const wk_value *args, int nargs, wk_obj *kwnames);
wk_value wk_call0(wk_value f);
wk_value wk_call1(wk_value f, wk_value a);
wk_value wk_call2(wk_value f, wk_value a, wk_value b);
/* f(*args_tuple, **kwargs_dict); kwargs may be NULL. */
wk_value wk_call_tuple_dict(wk_value f, wk_obj *args_tuple, wk_obj *kwargs_dict);
/* obj.name(args...) without materialising a bound method where possible. */
wk_value wk_call_method(wk_value obj, wk_obj *name, const wk_value *args, int nargs, wk_obj *kwnames);
wk_value wk_call_method_s(wk_value obj, const char *name, const wk_value *args, int nargs);
bool wk_callable(wk_value v);
/* True for callables that take self as their first argument when found on a type
 * (functions, method descriptors, slot wrappers): LOAD_METHOD's fast path (needed by vm). */
bool wk_is_unbound_method(wk_value f);

wk_value wk_getitem(wk_value o, wk_value key);
int wk_setitem(wk_value o, wk_value key, wk_value v);
int wk_delitem(wk_value o, wk_value key);
int64_t wk_len(wk_value v);                  /* TypeError "object of type 'int' has no len()" */
int wk_contains(wk_value container, wk_value item);   /* `in`: -1, 0, 1 */

wk_value wk_iter(wk_value v);                /* TypeError "'int' object is not iterable" */
wk_value wk_next(wk_value it);               /* WK_NULL without exception: exhausted */
/* Collects any iterable into a new list / tuple. */
wk_obj *wk_sequence_list(wk_value iterable);
wk_obj *wk_sequence_tuple(wk_value iterable);

/* Conversions that raise TypeError with CPython's wording. */
bool wk_as_int64(wk_value v, int64_t *out);   /* ints, bools, __index__ */
bool wk_as_double(wk_value v, double *out);   /* ints, floats, bools, __float__ */
bool wk_as_index(wk_value v, int64_t *out);   /* "list indices must be integers or slices..." is the caller's */

/* ---------------------------------------------------------------- exceptions */

/* The standard hierarchy; created by wk_types_init. */
extern wk_type *wk_exc_BaseException, *wk_exc_Exception, *wk_exc_SystemExit,
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

/* Exception instances. args is a tuple; traceback is a list of (code, instr index)
 * pairs recorded by the VM as the exception propagates outwards: each frame appends its
 * entry when the exception passes through it, so the innermost (most recent) frame
 * comes first and the outermost last (the reverse of the printed "most recent call
 * last" order). */
typedef struct wk_exc {
    wk_obj ob;
    wk_obj *dict;            /* instance attributes (user subclasses, SyntaxError fields) */
    wk_obj *args;            /* tuple */
    wk_obj *traceback;       /* list or NULL */
    wk_obj *cause;           /* __cause__ (exception) or NULL */
    wk_obj *context;         /* __context__ or NULL */
    bool suppress_context;   /* set by `raise ... from ...` */
} wk_exc;

/* Pending exception: at most one at a time. */
bool wk_err_occurred(void);
wk_obj *wk_err_peek(void);                    /* borrowed, NULL if none */
wk_obj *wk_err_fetch(void);                   /* takes it (new ref), clears pending */
void wk_err_restore(wk_obj *exc);             /* steals exc and makes it pending */
void wk_err_clear(void);
bool wk_err_matches(wk_type *t);              /* pending exception is an instance of t */
/* Raise helpers: all return WK_NULLV so `return wk_raise(...)` reads well. The message
 * is printf-formatted; use %s with wk_typename(v) for type names. */
wk_value wk_raise(wk_type *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
wk_value wk_raise_value(wk_type *t, wk_value arg);   /* t(arg) */
wk_value wk_raise_obj(wk_value exc_or_type);         /* `raise X` semantics, checks the type */
wk_value wk_raise_nomem(void);                       /* MemoryError, allocation-free */
/* Creates (without raising) an instance of t with args. */
wk_obj *wk_exc_new(wk_type *t, const wk_value *args, int nargs);
/* Appends an entry to the exception's traceback list (see wk_exc: the VM calls it for
 * each frame the exception leaves, innermost first). */
bool wk_exc_add_traceback(wk_obj *exc, wk_obj *code, int instr);

/* ---------------------------------------------------------------- strings (str) */

typedef struct wk_strobj {
    wk_obj ob;
    int64_t len;       /* bytes of UTF-8, excluding the trailing NUL */
    int64_t nchars;    /* code points */
    int64_t hash;      /* -1 until computed */
    bool ascii;        /* every byte < 0x80: char index == byte index */
    bool interned;
    char data[];       /* NUL-terminated UTF-8 */
} wk_strobj;

#define WK_STR(o) ((wk_strobj *)(o))
static inline bool wk_is_str(wk_value v) { return v.tag == WK_OBJ && v.u.o->type == &wk_type_str; }
wk_value wk_str_new(const char *s, size_t n);     /* s must be valid UTF-8 */
wk_value wk_str_from_c(const char *s);
wk_value wk_str_fromf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
wk_value wk_str_from_sbuf(wk_sbuf *sb);           /* consumes the buffer */
wk_value wk_str_from_int(int64_t v);              /* (added by str) str(v), no printf */
/* Interned str for a C name; the interpreter keeps it alive forever. Borrowed. */
wk_obj *wk_intern(const char *s);
wk_obj *wk_intern_obj(wk_obj *str);               /* borrowed; interns an existing str */
const char *wk_str_cstr(wk_value v);              /* borrowed; v must be a str */
bool wk_str_equal(wk_obj *a, wk_obj *b);
wk_value wk_str_concat(wk_value a, wk_value b);
/* CPython's str repr (quotes chosen as CPython does, escapes). */
void wk_str_repr_to(wk_sbuf *sb, const char *s, size_t n);
/* (added by str) s1 + s2 + ... + sn for n str values in one allocation (BUILD_STRING). */
wk_value wk_str_join_array(const wk_value *items, int64_t n);
/* (added by str, for the VM) *a += b for a str *a owned by the caller (b a str): appends
 * in place, amortised O(1), when the caller holds the only reference (the VM can drop a
 * local's own reference first, as CPython does for `s += t` followed by a store to s);
 * otherwise replaces *a by a new str. False with an exception pending (*a unchanged). */
bool wk_str_append_inplace(wk_value *a, wk_value b);

/* ---------------------------------------------------------------- bytes (minimal) */

typedef struct { wk_obj ob; int64_t len; int64_t hash; unsigned char data[]; } wk_bytes;
wk_value wk_bytes_new(const void *s, size_t n);

/* ---------------------------------------------------------------- list and tuple */

typedef struct wk_list { wk_obj ob; int64_t len, cap; wk_value *items; } wk_list;
typedef struct wk_tuple { wk_obj ob; int64_t len; int64_t hash; wk_value items[]; } wk_tuple;
#define WK_LIST(o)  ((wk_list *)(o))
#define WK_TUPLE(o) ((wk_tuple *)(o))
static inline bool wk_is_list(wk_value v)  { return v.tag == WK_OBJ && v.u.o->type == &wk_type_list; }
static inline bool wk_is_tuple(wk_value v) { return v.tag == WK_OBJ && v.u.o->type == &wk_type_tuple; }

wk_obj *wk_list_new(int64_t len);                   /* items start as None */
bool wk_list_append(wk_obj *l, wk_value v);
bool wk_list_append_steal(wk_obj *l, wk_value v);   /* takes v even on failure */
void wk_list_set_steal(wk_obj *l, int64_t i, wk_value v);
wk_obj *wk_tuple_new(int64_t len);                  /* items start as None */
void wk_tuple_set_steal(wk_obj *t, int64_t i, wk_value v);
wk_obj *wk_tuple_pack(int n, ...);                  /* n wk_values, borrowed */
wk_obj *wk_tuple_from_array(const wk_value *items, int64_t n);
wk_obj *wk_empty_tuple(void);                       /* new reference to the shared () */

/* ---------------------------------------------------------------- dict and set */

typedef struct wk_dict wk_dict;  /* layout private to dict.c */
static inline bool wk_is_dict(wk_value v) { return v.tag == WK_OBJ && v.u.o->type == &wk_type_dict; }

wk_obj *wk_dict_new(void);
/* 1 found (*out borrowed), 0 missing (no exception), -1 error (unhashable key...). */
int wk_dict_lookup(wk_obj *d, wk_value key, wk_value *out);
int wk_dict_lookup_str(wk_obj *d, wk_obj *key, wk_value *out);     /* key: a str */
wk_value wk_dict_get_s(wk_obj *d, const char *key);   /* borrowed; WK_NULL if missing */
int wk_dict_set(wk_obj *d, wk_value key, wk_value v); /* 0 ok, -1 error */
int wk_dict_set_s(wk_obj *d, const char *key, wk_value v);
int wk_dict_del(wk_obj *d, wk_value key);            /* KeyError if missing */
int64_t wk_dict_len(wk_obj *d);
/* Iteration in insertion order: start with *pos = 0; borrowed key/value. */
bool wk_dict_next(wk_obj *d, int64_t *pos, wk_value *key, wk_value *val);
wk_obj *wk_dict_copy(wk_obj *d);
int wk_dict_update(wk_obj *d, wk_value mapping_or_pairs);
/* Merge for f(**kw): TypeError "f() got multiple values for keyword argument 'x'". */
int wk_dict_merge_kwargs(wk_obj *d, wk_value mapping, wk_value func_for_msg);

wk_obj *wk_set_new(wk_type *t);                  /* wk_type_set or wk_type_frozenset */
int wk_set_add(wk_obj *s, wk_value v);
int wk_set_contains(wk_obj *s, wk_value v);
int64_t wk_set_len(wk_obj *s);
bool wk_set_next(wk_obj *s, int64_t *pos, wk_value *item);   /* borrowed */

/* ---------------------------------------------------------------- slices and ranges */

typedef struct { wk_obj ob; wk_value start, stop, step; } wk_slice;
wk_value wk_slice_new(wk_value start, wk_value stop, wk_value step);  /* WK_NULL = None */
/* Python's slice.indices(): clamps to len; returns false with an exception. */
bool wk_slice_indices(wk_obj *slice, int64_t len, int64_t *start, int64_t *stop,
                      int64_t *step, int64_t *count);

/* ---------------------------------------------------------------- native functions */

typedef struct wk_cfunction {
    wk_obj ob;
    const char *name;
    const char *doc;
    wk_cfn fn;
    wk_value self;       /* bound self for builtin methods (args[0] is prepended), or WK_NULL */
    wk_obj *module_name; /* str or NULL */
} wk_cfunction;
wk_value wk_cfunction_new(const char *name, wk_cfn fn, const char *doc);

/* Argument parsing for native functions. spec lists parameter names separated by
 * spaces; '|' starts the optional ones, '$' starts keyword-only ones, '/' ends the
 * positional-only ones, e.g. "x /|base" or "sep end file flush" after "*" handling by the
 * caller. out[] receives borrowed values (WK_NULL for an absent optional). Raises
 * TypeError with CPython's wording ("f() takes at most 2 arguments (3 given)",
 * "f() got an unexpected keyword argument 'x'", "f() missing required argument 'x'
 * (pos 1)"). */
bool wk_args_parse(const char *fname, const wk_value *args, int nargs, wk_obj *kwnames,
                   const char *spec, wk_value *out);
bool wk_args_none(const char *fname, int nargs, wk_obj *kwnames);   /* "f() takes no arguments" */

/* ---------------------------------------------------------------- modules */

typedef struct wk_module { wk_obj ob; wk_obj *dict; wk_obj *name; } wk_module;
wk_obj *wk_module_new(const char *name);
bool wk_module_add(wk_obj *mod, const char *name, wk_value v);          /* borrows v */
bool wk_module_add_funcs(wk_obj *mod, const wk_methoddef *defs);
wk_obj *wk_module_dict(wk_obj *mod);                                    /* borrowed */

/* Module registry: native modules are created on first import by their init function;
 * source modules are wick code embedded in the binary (nn, optim...). */
typedef wk_obj *(*wk_module_init_fn)(void);        /* returns a new module or NULL+exc */
void wk_register_native_module(const char *name, wk_module_init_fn init);
void wk_register_source_module(const char *name, const char *source);
/* A source module that is a package (an __init__.py): its submodules import relative to it. */
void wk_register_source_package(const char *name, const char *source);
wk_value wk_import(const char *name);               /* import name (dotted ok) */

/* ---------------------------------------------------------------- start-up */

/* Creates every built-in type, exception and singleton; registers the builtins and
 * the standard native modules. Called once by wk_init (vm.h). */
bool wk_types_init(void);

#endif
