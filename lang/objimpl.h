/* objimpl.h — private helpers shared by the object-core files (object.c, abstract.c,
 * type.c, descr.c, exc.c, number.c, args.c, typesinit.c); not a contract header. */
#ifndef WK_OBJIMPL_H
#define WK_OBJIMPL_H
#include "object.h"

/* A class created by a class statement or type(): the type plus owned name objects. */
typedef struct wk_heaptype {
    wk_type t;
    wk_obj *name;       /* str: __name__ (t.name points into it) */
    wk_obj *qualname;   /* str */
    wk_obj *modname;    /* str or NULL (t.module points into it) */
} wk_heaptype;

/* Interned dunder names, created on first use. */
typedef enum {
#define WK_DN(id, s) WK_DN_##id,
#include "dunders.h"
#undef WK_DN
    WK_DN_COUNT
} wk_dunder_id;
wk_obj *wk_dunder(wk_dunder_id id);          /* borrowed interned str */

/* Immortal refcount for static objects. */
#define WK_IMMORTAL ((int64_t)1 << 60)

/* Static helper types. */
extern wk_type wk_type_method_descr, wk_type_classmethod_descr, wk_type_getset_descr,
    wk_type_slot_wrapper, wk_type_method_wrapper;

/* Inline versions of wk_typeof / wk_obj_dictptr for the hot paths of the core. */
static inline wk_type *wk_typeof_i(wk_value v) {
    switch (v.tag) {
    case WK_OBJ: return v.u.o->type;
    case WK_INT: return &wk_type_int;
    case WK_FLOAT: return &wk_type_float;
    case WK_BOOL: return &wk_type_bool;
    default: return &wk_type_none;
    }
}
static inline wk_obj **wk_dictptr_i(wk_obj *o) {
    ptrdiff_t off = o->type->dictoffset;
    return off ? (wk_obj **)((char *)o + off) : NULL;
}

/* Values of a type object / test. */
static inline wk_value wk_typev(wk_type *t) { return wk_objv(&t->ob); }
static inline bool wk_is_type(wk_value v) {
    return v.tag == WK_OBJ && wk_type_is_subtype(v.u.o->type, &wk_type_type);
}
#define WK_TYPEOBJ(v) ((wk_type *)(v).u.o)

/* Qualified name of a type (heap types: __qualname__). */
const char *wk_type_qualname(wk_type *t);

/* Calls f(self, args...) with self prepended (kwnames values follow args). */
wk_value wk_call_prepend(wk_value f, wk_value self, const wk_value *args, int nargs,
                         wk_obj *kwnames);
/* Calls the dunder `id` found on type(self) with self prepended. *found is false (and
 * WK_NULL returned without exception) when the type has no such attribute. */
wk_value wk_call_dunder(wk_value self, wk_dunder_id id, const wk_value *args, int nargs,
                        wk_obj *kwnames, bool *found);
/* True for callables that take self as their first argument when found on a type
 * (functions, method descriptors, slot wrappers): the bound-method-free fast path. */
bool wk_is_unbound_method(wk_value f);

/* Slot wrappers (type.c): adds __add__ & co to the dict of a native type. */
bool wk_type_add_slot_wrappers(wk_type *t);
/* Installs user-class dispatch slots for the dunder `name` (type.c). */
void wk_type_fixup_slot(wk_type *t, wk_obj *name);
bool wk_slot_wrapper_types_init(void);   /* slots.c */
/* The callable inside a staticmethod (borrowed) (descr.c). */
wk_value wk_staticmethod_func(wk_value sm);
bool wk_type_init_core(void);      /* type.c: object and type made ready */
bool wk_typeobj_init(void);        /* typeobj.c: type's getsets and methods */
void wk_type_inherit_slots(wk_type *t, wk_type *base);
bool wk_type_build_mro(wk_type *t);
void wk_type_modified(void);       /* invalidates the method cache */
/* Bumped by wk_type_modified: any attribute lookup result cached from the dict of any
 * type (type.c's method cache, the VM's attribute caches) is valid only while it is
 * unchanged. Every change to a type's dict or MRO must call wk_type_modified. */
extern uint64_t wk_type_epoch;
/* Sets d[dunder id] = v unless present; steals v (WK_NULL: error pending). */
bool wk_dict_default_steal(wk_obj *d, wk_dunder_id id, wk_value v);
/* Descriptor objects (descr.c). */
wk_value wk_method_descr_new(wk_type *t, const wk_methoddef *def);
wk_value wk_getset_descr_new(wk_type *t, const wk_getsetdef *def);      /* type.c: object/type dict contents */
bool wk_descr_types_init(void);    /* descr.c */
bool wk_number_types_init(void);   /* number.c */
bool wk_exc_types_init(void);      /* exc.c */

/* Default slots of object (type.c). */
wk_value wk_object_repr(wk_value self);
wk_value wk_object_richcmp(wk_value a, wk_value b, wk_cmp_op op);
bool wk_object_hash(wk_value self, int64_t *out);
wk_value wk_object_format(wk_value self, wk_value spec);
wk_value wk_object_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames);
int wk_object_init(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames);
void wk_object_dealloc(wk_obj *o);

/* Ints and floats, including instances of subclasses of int/float (number.c). */
bool wk_num_int_value(wk_value v, int64_t *out);     /* int, bool, int subclass */
bool wk_num_float_value(wk_value v, double *out);    /* float, float subclass */
/* Arithmetic on two numbers (int, bool, float or subclasses), NotImplemented otherwise. */
wk_value wk_num_binop(int op, wk_value a, wk_value b);
/* Raises OverflowError for int results that do not fit. */
wk_value wk_int_overflow(void);
/* int(x) for a str/bytes text with a base (number.c). */
wk_value wk_int_from_text(const char *s, size_t n, int base, wk_value orig);

/* Sequence-key iterator fallback (iter via __getitem__). */
wk_value wk_seq_iter_fallback(wk_value v);

/* String data access. */
static inline const char *wk_sdata(wk_obj *s) { return WK_STR(s)->data; }

#endif
