/* vm.c — the bytecode evaluation loop (computed-goto dispatch), frame allocation and the
 * exception unwinding protocol of code.h. Slow-path helpers live in vm_ops.c. */
#include <stdlib.h>
#include <string.h>
#include "frame.h"
#include "vm_ops.h"
#include "objimpl.h"
#include "dict_impl.h"

wk_frame *wk_vm_current_frame;
bool wk_vm_calling_native = true;

/* ---------------------------------------------------------------- frame pool */

typedef struct wk_fchunk {
    struct wk_fchunk *prev;
    size_t cap, used;
    _Alignas(16) char data[];
} wk_fchunk;

static wk_fchunk *fpool;
#define FCHUNK_SIZE ((size_t)1 << 20)

static __attribute__((noinline)) void *fpool_grow(size_t size) {
    size_t cap = size > FCHUNK_SIZE ? size : FCHUNK_SIZE;
    wk_fchunk *c = malloc(sizeof(wk_fchunk) + cap);
    if (!c) return NULL;
    c->prev = fpool;
    c->cap = cap;
    c->used = size;
    fpool = c;
    return c->data;
}

static inline void *fpool_alloc(size_t size) {
    size = (size + 15) & ~(size_t)15;
    if (!fpool || fpool->cap - fpool->used < size) return fpool_grow(size);
    void *p = fpool->data + fpool->used;
    fpool->used += size;
    return p;
}

static void fpool_release(void *p) {
    fpool->used = (size_t)((char *)p - fpool->data);
    if (fpool->used == 0 && fpool->prev) {
        wk_fchunk *c = fpool;
        fpool = c->prev;
        free(c);
    }
}

void wk_vm_frames_fini(void) {
    while (fpool) {
        wk_fchunk *c = fpool;
        fpool = c->prev;
        free(c);
    }
}

static inline int code_ncells(const wk_code *code) {
    if (code->flags & WK_CO_NOFREE) return 0;
    return (code->cellvars ? (int)WK_TUPLE(code->cellvars)->len : 0)
         + (code->freevars ? (int)WK_TUPLE(code->freevars)->len : 0);
}

static inline wk_frame *frame_new(wk_code *code, wk_obj *func, wk_obj *globals, wk_obj *locals, bool heap) {
    int ncells = code_ncells(code);
    size_t nslots = (size_t)code->nlocals + (size_t)ncells + (size_t)code->stacksize;
    size_t size = sizeof(wk_frame) + nslots * sizeof(wk_value);
    wk_frame *f = heap ? malloc(size) : fpool_alloc(size);
    if (!f) {
        wk_raise_nomem();
        return NULL;
    }
    f->code = code;
    f->owns_code = heap;
    if (heap) wk_obj_incref(&code->ob);
    f->func = func;
    wk_obj_incref(func);
    f->globals = globals;
    wk_obj_incref(globals);
    f->builtins = wk_vm_state.builtins;
    f->locals = locals;
    wk_obj_incref(locals);
    f->back = NULL;
    f->gen = NULL;
    f->ip = 0;
    f->lasti = -1;
    f->nblocks = 0;
    f->depth = 0;
    f->ncells = ncells;
    f->heap = heap;
    wk_value *p = f->localsplus;
    for (int i = code->nlocals + ncells; i > 0; i--) *p++ = WK_NULLV;
    return f;
}

wk_frame *wk_frame_new(wk_code *code, wk_obj *func, wk_obj *globals, wk_obj *locals, bool heap) {
    return frame_new(code, func, globals, locals, heap);
}

void wk_frame_free(wk_frame *f) {
    int n = f->code->nlocals + f->ncells;
    for (int i = 0; i < n; i++) wk_decref(f->localsplus[i]);
    wk_value *stack = wk_frame_stack(f);
    for (int i = 0; i < f->depth; i++) wk_decref(stack[i]);
    for (int i = 0; i < f->nblocks; i++) wk_obj_decref(f->blocks[i].saved_exc);
    wk_obj_decref(f->func);
    wk_obj_decref(f->globals);
    wk_obj_decref(f->locals);
    if (f->owns_code) wk_obj_decref(&f->code->ob);
    if (f->heap) free(f);
    else fpool_release(f);
}

/* ---------------------------------------------------------------- exceptions */

/* Sets exc.__context__ to the exception being handled, avoiding cycles (as CPython). */
static void vm_chain_context(wk_obj *exc) {
    wk_obj *handled = wk_vm_state.exc_info;
    if (!handled || handled == exc) return;
    for (wk_obj *o = handled; o; o = ((wk_exc *)o)->context) {
        if (((wk_exc *)o)->context == exc) {
            ((wk_exc *)o)->context = NULL;
            wk_obj_decref(exc);
            break;
        }
    }
    wk_exc *e = (wk_exc *)exc;
    wk_obj_incref(handled);
    wk_obj_decref(e->context);
    e->context = handled;
}

static bool exc_has_traceback(wk_obj *exc) {
    wk_obj *tb = ((wk_exc *)exc)->traceback;
    return tb && WK_LIST(tb)->len > 0;
}

/* ---------------------------------------------------------------- the loop */

#define PUSH(v)   (*sp++ = (v))
#define POP()     (*--sp)
#define TOP()     (sp[-1])
#define SECOND()  (sp[-2])
#define PEEK(n)   (sp[-(n)])
#define DISPATCH() do { instr = *next_instr++; oparg = WK_OPARG(instr); goto *targets[WK_OPCODE(instr)]; } while (0)
#define IP()      ((int)(next_instr - co->code))     /* index of the next instruction */
#define JUMPTO(i) (next_instr = co->code + (i))
#define CELLS()   (fast + co->nlocals)
#define STACK()   (fast + co->nlocals + f->ncells)
#define TARGET(op) L_##op:
#define CHECK(v)  do { if (WK_IS_NULL(v)) goto error; } while (0)
#define GETLOCAL(i) (fast[(i)])
#define NAME(i)   (WK_TUPLE(co->names)->items[(i)].u.o)
#define CONST(i)  (WK_TUPLE(co->consts)->items[(i)])
#define POLL_INTERRUPT() do { if (wk_interrupt_pending && !wk_check_interrupt()) goto error; } while (0)

static inline bool vm_int_binop(int op, int64_t a, int64_t b, wk_value *out) {
    int64_t r;
    switch (op) {
    case WK_NB_ADD: if (__builtin_add_overflow(a, b, &r)) return false; break;
    case WK_NB_SUB: if (__builtin_sub_overflow(a, b, &r)) return false; break;
    case WK_NB_MUL: if (__builtin_mul_overflow(a, b, &r)) return false; break;
    case WK_NB_FLOORDIV:
        if (b <= 0 || a < 0) return false;
        r = a / b; break;
    case WK_NB_MOD:
        if (b <= 0 || a < 0) return false;
        r = a % b; break;
    case WK_NB_AND: r = a & b; break;
    case WK_NB_OR: r = a | b; break;
    case WK_NB_XOR: r = a ^ b; break;
    default: return false;
    }
    *out = wk_int(r);
    return true;
}

static inline bool vm_float_binop(int op, double a, double b, wk_value *out) {
    switch (op) {
    case WK_NB_ADD: *out = wk_float(a + b); return true;
    case WK_NB_SUB: *out = wk_float(a - b); return true;
    case WK_NB_MUL: *out = wk_float(a * b); return true;
    case WK_NB_TRUEDIV: if (b == 0) return false; *out = wk_float(a / b); return true;
    default: return false;
    }
}

static inline bool vm_num_compare(int op, wk_value a, wk_value b, wk_value *out) {
    bool r;
    if (a.tag == WK_INT && b.tag == WK_INT) {
        int64_t x = a.u.i, y = b.u.i;
        switch (op) {
        case WK_LT: r = x < y; break;
        case WK_LE: r = x <= y; break;
        case WK_EQ: r = x == y; break;
        case WK_NE: r = x != y; break;
        case WK_GT: r = x > y; break;
        default: r = x >= y; break;
        }
    } else if (a.tag == WK_FLOAT && b.tag == WK_FLOAT) {
        double x = a.u.f, y = b.u.f;
        switch (op) {
        case WK_LT: r = x < y; break;
        case WK_LE: r = x <= y; break;
        case WK_EQ: r = x == y; break;
        case WK_NE: r = x != y; break;
        case WK_GT: r = x > y; break;
        default: r = x >= y; break;
        }
    } else {
        return false;
    }
    *out = wk_bool(r);
    return true;
}

/* Calls a callable from the loop: wick functions without the generic dispatch. */
static inline wk_value vm_call(wk_value f, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (f.tag == WK_OBJ && f.u.o->type == &wk_type_function)
        return wk_vm_call_function((wk_function *)f.u.o, args, nargs, kwnames, false);
    return wk_call(f, args, nargs, kwnames);
}

/* ---------------------------------------------------------------- inline caches
 *
 * One direct-mapped table of caches for LOAD_GLOBAL, LOAD_ATTR, STORE_ATTR and
 * LOAD_METHOD, indexed by the address of the instruction. An entry never trusts the
 * index it was found at: it records what its result depends on and every hit re-checks
 * that, so entries survive (or are simply missed after) collisions and the freeing of
 * code objects:
 *   - globals: the name, the globals dict, and an entry hint (dict_impl.h) into globals
 *     or, when the name is a builtin, into builtins plus the globals' version (names
 *     the exact key set of globals in which the name was missing);
 *   - attributes: the name, the exact type, wk_type_epoch (objimpl.h: any change to
 *     any class dict or a type's death bumps it) and what the MRO lookup gave (a
 *     descriptor or class attribute, borrowed from the class dict that the epoch
 *     keeps unchanged), plus a hint into instance dicts (instances of one class tend
 *     to have the same key order) and, for LOAD_METHOD, one (dict, version) in which
 *     the name was seen missing. */
#define VM_NCACHE 4096
enum {
    VC_GLOBAL = 1,    /* hint into globals */
    VC_BUILTIN,       /* hint into builtins, name missing from globals at version ver */
    VC_ATTR,          /* attribute of an instance of `type` */
};
#define VA_GENERIC_GET 0x01   /* type's getattr is generic: the cache may do its work */
#define VA_GENERIC_SET 0x02
#define VA_DATA_GET    0x04   /* descr has descr_get and descr_set: wins over the instance dict */
#define VA_HAS_SET     0x08   /* descr has descr_set: STORE_ATTR calls it */
#define VA_HAS_GET     0x10   /* descr has descr_get (non-data: after the instance dict) */
#define VA_METHOD      0x20   /* descr is an unbound method (LOAD_METHOD fast path) */
#define VA_IDICT_GET   0x40   /* generic get, no data descriptor, instances have a __dict__ */
#define VA_IDICT_SET   0x80   /* generic set, no descr_set, instances have a __dict__ */
typedef struct vm_cache {
    wk_obj *name;
    void *key;          /* globals dict, or type */
    uint64_t ver;       /* VC_BUILTIN: globals version; VC_ATTR: wk_type_epoch */
    wk_value descr;     /* VC_ATTR: MRO lookup result (borrowed), WK_NULL if none;
                           VC_BUILTIN: the builtins dict */
    wk_obj *nodict;     /* VC_ATTR: a dict in which the name was missing at version dver */
    uint64_t dver;
    int32_t hint;       /* entry hint: globals/builtins, or instance dicts */
    uint16_t kind, flags;
} vm_cache;
static vm_cache vm_caches[VM_NCACHE];
#define VM_CACHE_AT(p) (&vm_caches[((uintptr_t)(p) >> 2) & (VM_NCACHE - 1)])

/* LOAD_GLOBAL through cache c: the value (borrowed) or WK_NULL (look it up). */
static inline wk_value vm_global_cached(vm_cache *c, wk_frame *f, wk_obj *name) {
    if (c->name == name && c->key == f->globals) {
        wk_value *slot = NULL;
        if (c->kind == VC_GLOBAL) slot = wk_dict_hint_slot(f->globals, name, c->hint);
        else if (c->kind == VC_BUILTIN && ((wk_dict *)f->globals)->version == c->ver
                 && c->descr.u.o == f->builtins)
            slot = wk_dict_hint_slot(f->builtins, name, c->hint);
        if (slot) return *slot;
    }
    return WK_NULLV;
}

/* The uncached LOAD_GLOBAL, filling c: a new reference, or WK_NULL with an exception. */
static wk_value vm_global_fill(vm_cache *c, wk_frame *f, wk_obj *name) {
    wk_value v;
    c->kind = 0;
    if (f->globals->type == &wk_type_dict && WK_STR(name)->interned) {
        int64_t ix = wk_dict_find_str_ix(f->globals, name);
        if (ix == -2) return WK_NULLV;
        if (ix >= 0 && ix <= INT32_MAX) {
            c->name = name;
            c->key = f->globals;
            c->kind = VC_GLOBAL;
            c->hint = (int32_t)ix;
            return wk_incref(((wk_dict *)f->globals)->entries[ix].value);
        }
        if (ix == -1 && f->builtins->type == &wk_type_dict) {
            uint64_t gver = ((wk_dict *)f->globals)->version;
            ix = wk_dict_find_str_ix(f->builtins, name);
            if (ix == -2) return WK_NULLV;
            if (ix >= 0 && ix <= INT32_MAX && gver == ((wk_dict *)f->globals)->version) {
                c->name = name;
                c->key = f->globals;
                c->kind = VC_BUILTIN;
                c->ver = gver;
                c->descr = wk_objv(f->builtins);
                c->hint = (int32_t)ix;
                return wk_incref(((wk_dict *)f->builtins)->entries[ix].value);
            }
        }
    }
    int r = wk_dict_lookup_str(f->globals, name, &v);
    if (r == 0) r = wk_dict_lookup_str(f->builtins, name, &v);
    if (r <= 0) {
        if (r == 0) wk_vm_name_error(name);
        return WK_NULLV;
    }
    return wk_incref(v);
}

/* Fills c for attribute `name` of instances of tp; false when the type is not
 * cacheable (then c is left invalid). */
static bool vm_attr_fill(vm_cache *c, wk_type *tp, wk_obj *name) {
    c->kind = 0;
    if (!WK_STR(name)->interned) return false;
    uint16_t flags = 0;
    if (!tp->getattr || tp->getattr == wk_generic_getattr) flags |= VA_GENERIC_GET;
    if (!tp->setattr || tp->setattr == wk_generic_setattr) flags |= VA_GENERIC_SET;
    uint64_t epoch = wk_type_epoch;
    wk_value d = wk_type_lookup(tp, name);
    if (epoch != wk_type_epoch) return false;
    if (!WK_IS_NULL(d)) {
        wk_type *dt = wk_typeof_i(d);
        if (dt->descr_get && dt->descr_set) flags |= VA_DATA_GET;
        if (dt->descr_set) flags |= VA_HAS_SET;
        if (dt->descr_get) flags |= VA_HAS_GET;
        if (wk_is_unbound_method(d)) flags |= VA_METHOD;
    }
    if (tp->dictoffset) {
        if ((flags & (VA_GENERIC_GET | VA_DATA_GET)) == VA_GENERIC_GET) flags |= VA_IDICT_GET;
        if ((flags & (VA_GENERIC_SET | VA_HAS_SET)) == VA_GENERIC_SET) flags |= VA_IDICT_SET;
    }
    c->name = name;
    c->key = tp;
    c->ver = epoch;
    c->descr = d;
    c->nodict = NULL;
    c->dver = 0;
    c->hint = -1;
    c->flags = flags;
    c->kind = VC_ATTR;
    return true;
}

static inline bool vm_attr_valid(const vm_cache *c, wk_type *tp, wk_obj *name) {
    return c->key == tp && c->name == name && c->ver == wk_type_epoch && c->kind == VC_ATTR;
}

/* Looks name up in an instance dict through the entry hint: 1 found (*out borrowed),
 * 0 missing, -1 error. */
static inline int vm_idict_get(vm_cache *c, wk_obj *d, wk_obj *name, wk_value *out) {
    wk_value *slot = wk_dict_hint_slot(d, name, c->hint);
    if (slot) { *out = *slot; return 1; }
    int64_t ix = wk_dict_find_str_ix(d, name);
    if (ix < 0) return ix == -1 ? 0 : -1;
    if (ix <= INT32_MAX) c->hint = (int32_t)ix;
    *out = ((wk_dict *)d)->entries[ix].value;
    return 1;
}

/* LOAD_ATTR on an object whose type the cache c describes: 1 done (*out new), 0 use
 * the generic path, -1 error. */
static int vm_load_attr_cached(vm_cache *c, wk_value o, wk_obj *name, wk_value *out) {
    wk_type *tp = o.u.o->type;
    if (!(c->flags & VA_GENERIC_GET)) return 0;
    if (c->flags & VA_DATA_GET) {
        wk_value d = wk_incref(c->descr);      /* the getter may change the class */
        *out = wk_typeof_i(d)->descr_get(d, o, tp);
        wk_decref(d);
        return WK_IS_NULL(*out) ? -1 : 1;
    }
    wk_obj **dp = wk_dictptr_i(o.u.o);
    if (dp && *dp && (*dp)->type == &wk_type_dict) {
        wk_value v;
        int r = vm_idict_get(c, *dp, name, &v);
        if (r < 0) return -1;
        if (r) { *out = wk_incref(v); return 1; }
    } else if (dp && *dp) {
        return 0;
    }
    if (WK_IS_NULL(c->descr)) return 0;     /* AttributeError: the generic path words it */
    wk_value d = c->descr;
    if (c->flags & VA_HAS_GET) {
        wk_incref(d);
        *out = wk_typeof_i(d)->descr_get(d, o, tp);
        wk_decref(d);
        return WK_IS_NULL(*out) ? -1 : 1;
    }
    *out = wk_incref(d);
    return 1;
}

/* STORE_ATTR (v borrowed) / DELETE_ATTR (v WK_NULL) through the cache: 1 done, 0 use
 * the generic path, -1 error. */
static int vm_store_attr_cached(vm_cache *c, wk_value o, wk_obj *name, wk_value v) {
    if (!(c->flags & VA_GENERIC_SET)) return 0;
    if (c->flags & VA_HAS_SET) {
        wk_value d = wk_incref(c->descr);      /* the setter may change the class */
        int r = wk_typeof_i(d)->descr_set(d, o, v);
        wk_decref(d);
        return r < 0 ? -1 : 1;
    }
    wk_obj **dp = wk_dictptr_i(o.u.o);
    if (!dp || WK_IS_NULL(v)) return 0;
    wk_obj *d = *dp;
    if (!d) {
        if (!(d = *dp = wk_dict_new())) return -1;
    } else if (d->type != &wk_type_dict) {
        return 0;
    } else {
        wk_value *slot = wk_dict_hint_slot(d, name, c->hint);
        if (slot) {
            wk_assign(slot, v);
            return 1;
        }
    }
    if (wk_dict_set(d, wk_objv(name), v) < 0) return -1;
    int64_t ix = wk_dict_find_str_ix(d, name);
    if (ix >= 0 && ix <= INT32_MAX) c->hint = (int32_t)ix;
    else if (ix == -2) wk_err_clear();
    return 1;
}

/* LOAD_METHOD through the cache: 1 *m is an unbound method for o (new ref), 0 use the
 * generic path, -1 error. */
static int vm_load_method_cached(vm_cache *c, wk_value o, wk_obj *name, wk_value *m) {
    if ((c->flags & (VA_GENERIC_GET | VA_METHOD)) != (VA_GENERIC_GET | VA_METHOD)) return 0;
    wk_obj **dp = wk_dictptr_i(o.u.o);
    if (dp && *dp) {
        wk_obj *d = *dp;
        if (d->type != &wk_type_dict) return 0;
        if (!(d == c->nodict && ((wk_dict *)d)->version == c->dver)) {
            if (((wk_dict *)d)->used) {
                int64_t ix = wk_dict_find_str_ix(d, name);
                if (ix == -2) return -1;
                if (ix >= 0) return 0;      /* shadowed by an instance attribute */
            }
            c->nodict = d;
            c->dver = ((wk_dict *)d)->version;
        }
    }
    *m = wk_incref(c->descr);
    return 1;
}

/* Enters a frame: recursion limits and the frame chain. */
static bool vm_enter(wk_frame *f) {
    bool from_native = wk_vm_calling_native;
    wk_vm_calling_native = true;
    if (++wk_vm_state.recursion_depth > wk_vm_state.recursion_limit) {
        wk_vm_state.recursion_depth--;
        wk_raise(wk_exc_RecursionError, "maximum recursion depth exceeded%s",
                 from_native ? " while calling a Python object" : "");
        return false;
    }
    if (!wk_vm_c_stack_ok()) {
        wk_vm_state.recursion_depth--;
        return false;
    }
    f->back = wk_vm_current_frame;
    wk_vm_current_frame = f;
    return true;
}

/* A frame for calling the wick function fn (not a generator) with self (or WK_NULL)
 * followed by args[0..nargs) and the keyword values after them: bound, its cells made.
 * The arguments stay borrowed. NULL with an exception. */
static wk_frame *vm_call_frame(wk_function *fn, wk_value self, const wk_value *args, int nargs,
                               wk_obj *kwnames) {
    wk_code *co = (wk_code *)fn->code;
    wk_frame *f = frame_new(co, &fn->ob, fn->globals, NULL, false);
    if (!f) return NULL;
    int extra = WK_IS_NULL(self) ? 0 : 1;
    if (!kwnames && nargs + extra == co->argcount && f->ncells == 0
        && !(co->flags & (WK_CO_VARARGS | WK_CO_VARKEYWORDS)) && co->kwonlyargcount == 0) {
        wk_value *slots = f->localsplus;
        if (extra) *slots++ = wk_incref(self);
        for (int i = 0; i < nargs; i++) slots[i] = wk_incref(args[i]);
        return f;
    }
    bool ok;
    if (extra) {
        int total = nargs + (kwnames ? (int)WK_TUPLE(kwnames)->len : 0);
        wk_value small[9], *buf = small;
        if (total + 1 > 9 && !(buf = malloc(sizeof(wk_value) * (size_t)(total + 1)))) {
            wk_frame_free(f);
            wk_raise_nomem();
            return NULL;
        }
        buf[0] = self;
        if (total) memcpy(buf + 1, args, sizeof(wk_value) * (size_t)total);
        ok = wk_func_bind(fn, f, buf, nargs + 1, kwnames);
        if (buf != small) free(buf);
    } else {
        ok = wk_func_bind(fn, f, args, nargs, kwnames);
    }
    if (!ok) {
        wk_frame_free(f);
        return NULL;
    }
    return f;
}

/* The common call: an exact wick function whose code takes exactly nargs positional
 * parameters and has no cells, * or ** parameters, and is no generator. */
#define VM_SIMPLE_MASK (WK_CO_VARARGS | WK_CO_VARKEYWORDS | WK_CO_NOFREE | WK_CO_GENERATOR)
static inline wk_function *vm_simple_target(wk_value v, int nargs) {
    if (v.tag != WK_OBJ || v.u.o->type != &wk_type_function) return NULL;
    wk_function *fn = (wk_function *)v.u.o;
    wk_code *co = (wk_code *)fn->code;
    if (co->argcount != nargs || co->kwonlyargcount != 0
        || (co->flags & VM_SIMPLE_MASK) != WK_CO_NOFREE)
        return NULL;
    return fn;
}

/* A pooled frame for a simple call of fn (vm_simple_target): it takes over the caller's
 * references to fn and to the nargs arguments. NULL with MemoryError (then nothing was
 * taken). */
static inline wk_frame *vm_simple_frame(wk_function *fn, const wk_value *args, int nargs) {
    wk_code *co = (wk_code *)fn->code;
    size_t size = sizeof(wk_frame) + ((size_t)co->nlocals + (size_t)co->stacksize) * sizeof(wk_value);
    wk_frame *f = fpool_alloc(size);
    if (!f) {
        wk_raise_nomem();
        return NULL;
    }
    f->code = co;
    f->func = &fn->ob;
    f->globals = fn->globals;
    wk_obj_incref(fn->globals);
    f->builtins = wk_vm_state.builtins;
    f->locals = NULL;
    f->back = NULL;
    f->gen = NULL;
    f->ip = 0;
    f->lasti = -1;
    f->nblocks = 0;
    f->depth = 0;
    f->ncells = 0;
    f->owns_code = false;
    f->heap = false;
    wk_value *p = f->localsplus;
    for (int i = 0; i < nargs; i++) p[i] = args[i];
    for (int i = nargs; i < co->nlocals; i++) p[i] = WK_NULLV;
    return f;
}

/* Releases a pooled frame that finished (its value stack already empty). */
static inline void vm_frame_pop(wk_frame *f) {
    wk_value *p = f->localsplus;
    for (int i = f->code->nlocals + f->ncells; i > 0; i--, p++) wk_decref(*p);
    if (f->nblocks) {
        for (int i = 0; i < f->nblocks; i++) wk_obj_decref(f->blocks[i].saved_exc);
    }
    wk_obj_decref(f->func);
    wk_obj_decref(f->globals);
    fpool_release(f);
}

/* The wick function to run in the loop's own C frame for a call of callable v, and the
 * self to pass first (bound methods), or NULL when v is called the generic way. */
static inline wk_function *vm_inline_target(wk_value v, wk_value *self) {
    if (v.tag != WK_OBJ) return NULL;
    wk_obj *o = v.u.o;
    *self = WK_NULLV;
    if (o->type == &wk_type_method) {
        wk_method *m = (wk_method *)o;
        if (m->func.tag != WK_OBJ || m->func.u.o->type != &wk_type_function) return NULL;
        *self = m->self;
        o = m->func.u.o;
    } else if (o->type != &wk_type_function) {
        return NULL;
    }
    wk_function *fn = (wk_function *)o;
    if (((wk_code *)fn->code)->flags & WK_CO_GENERATOR) return NULL;
    return fn;
}

wk_value wk_vm_call_function(wk_function *fn, const wk_value *args, int nargs, wk_obj *kwnames,
                             bool from_native) {
    wk_code *co = (wk_code *)fn->code;
    bool gen = (co->flags & WK_CO_GENERATOR) != 0;
    wk_frame *f = wk_frame_new(co, &fn->ob, fn->globals, NULL, gen);
    if (!f) return WK_NULLV;
    if (!wk_func_bind(fn, f, args, nargs, kwnames)) {
        wk_frame_free(f);
        return WK_NULLV;
    }
    if (gen) return wk_gen_new(f, fn);
    bool yielded;
    wk_vm_calling_native = from_native;
    wk_value r = wk_vm_run_frame(f, false, &yielded);
    wk_frame_free(f);
    return r;
}

wk_value wk_vm_run_frame(wk_frame *f, bool throwflag, bool *yielded) {
    static void *const targets[WK_OP_COUNT] = {
#define WK_OP_LABEL(name) &&L_##name,
        WK_OPCODES(WK_OP_LABEL)
#undef WK_OP_LABEL
    };
    *yielded = false;
    if (!vm_enter(f)) return WK_NULLV;
    /* Calls of wick functions run in this same C frame: f is the innermost frame, entry
     * the one this C call was made for; the frames in between wait with their ip and
     * stack depth saved. */
    wk_frame *const entry = f;
    wk_frame *nf;
    wk_code *co;
    const wk_instr *next_instr;
    wk_value *fast, *sp;
    wk_instr instr;
    int oparg;
    wk_value retval = WK_NULLV;
    bool reraise = false;
#define LOAD_FRAME() do { \
        co = f->code; fast = f->localsplus; sp = fast + co->nlocals + f->ncells + f->depth; \
        next_instr = co->code + f->ip; f->depth = 0; \
    } while (0)
    LOAD_FRAME();

    if (throwflag) goto error;
    POLL_INTERRUPT();
    DISPATCH();

    TARGET(NOP) DISPATCH();
    TARGET(POP_TOP) { wk_value v = POP(); wk_decref(v); DISPATCH(); }
    TARGET(ROT_TWO) { wk_value a = TOP(); TOP() = SECOND(); SECOND() = a; DISPATCH(); }
    TARGET(ROT_THREE) {
        wk_value c = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = c; DISPATCH();
    }
    TARGET(ROT_FOUR) {
        wk_value d = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = sp[-4]; sp[-4] = d;
        DISPATCH();
    }
    TARGET(DUP_TOP) { wk_value v = TOP(); PUSH(wk_incref(v)); DISPATCH(); }
    TARGET(DUP_TOP_TWO) {
        wk_value a = SECOND(), b = TOP();
        PUSH(wk_incref(a));
        PUSH(wk_incref(b));
        DISPATCH();
    }
    TARGET(UNARY_POSITIVE) { oparg = WK_UN_POS; goto unary; }
    TARGET(UNARY_INVERT) { oparg = WK_UN_INVERT; goto unary; }
    TARGET(UNARY_NEGATIVE) {
        wk_value v = TOP();
        if (v.tag == WK_FLOAT) { TOP() = wk_float(-v.u.f); DISPATCH(); }
        if (v.tag == WK_INT && v.u.i != INT64_MIN) { TOP() = wk_int(-v.u.i); DISPATCH(); }
        oparg = WK_UN_NEG;
    unary:;
        wk_value r = wk_unop((wk_un_op)oparg, v = TOP());
        CHECK(r);
        wk_decref(v);
        TOP() = r;
        DISPATCH();
    }
    TARGET(UNARY_NOT) {
        wk_value v = TOP();
        int t = v.tag == WK_BOOL ? (int)v.u.i : wk_truthy(v);
        if (t < 0) goto error;
        wk_decref(v);
        TOP() = wk_bool(!t);
        DISPATCH();
    }
    TARGET(BINARY_OP) {
        wk_value b = TOP(), a = SECOND(), r;
        int op = oparg & 0xff;
        if (a.tag == WK_INT && b.tag == WK_INT) {
            int64_t x;
            if (op == WK_NB_ADD) {
                if (!__builtin_add_overflow(a.u.i, b.u.i, &x)) { sp--; TOP() = wk_int(x); DISPATCH(); }
            } else if (op == WK_NB_SUB) {
                if (!__builtin_sub_overflow(a.u.i, b.u.i, &x)) { sp--; TOP() = wk_int(x); DISPATCH(); }
            } else if (vm_int_binop(op, a.u.i, b.u.i, &r)) {
                sp--;
                TOP() = r;
                DISPATCH();
            }
        } else if (a.tag == WK_FLOAT && b.tag == WK_FLOAT) {
            if (vm_float_binop(op, a.u.f, b.u.f, &r)) { sp--; TOP() = r; DISPATCH(); }
        } else if (a.tag == WK_FLOAT && b.tag == WK_INT) {
            if (vm_float_binop(op, a.u.f, (double)b.u.i, &r)) { sp--; TOP() = r; DISPATCH(); }
        } else if (a.tag == WK_INT && b.tag == WK_FLOAT) {
            if (vm_float_binop(op, (double)a.u.i, b.u.f, &r)) { sp--; TOP() = r; DISPATCH(); }
        }
        if (op == WK_NB_ADD && wk_is_str(a) && wk_is_str(b)) {
            wk_vm_drop_store_target(f, *next_instr, a);
            if (!wk_str_append_inplace(&SECOND(), b)) goto error;
            sp--;
            wk_decref(b);
            DISPATCH();
        }
        r = (oparg & WK_NB_INPLACE) ? wk_inplace_binop((wk_nb_op)op, a, b) : wk_binop((wk_nb_op)op, a, b);
        CHECK(r);
        wk_decref(b);
        wk_decref(a);
        sp--;
        TOP() = r;
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR) {
        wk_value k = TOP(), o = SECOND(), r;
        if (k.tag == WK_INT && o.tag == WK_OBJ && o.u.o->type == &wk_type_list) {
            wk_list *l = WK_LIST(o.u.o);
            int64_t i = k.u.i < 0 ? k.u.i + l->len : k.u.i;
            if (i >= 0 && i < l->len) {
                r = wk_incref(l->items[i]);
                sp--;
                wk_decref(o);
                TOP() = r;
                DISPATCH();
            }
        }
        r = wk_getitem(o, k);
        CHECK(r);
        wk_decref(k);
        wk_decref(o);
        sp--;
        TOP() = r;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        wk_value k = TOP(), o = SECOND(), v = PEEK(3);
        if (k.tag == WK_INT && o.tag == WK_OBJ && o.u.o->type == &wk_type_list) {
            wk_list *l = WK_LIST(o.u.o);
            int64_t i = k.u.i < 0 ? k.u.i + l->len : k.u.i;
            if (i >= 0 && i < l->len) {
                wk_value old = l->items[i];
                l->items[i] = v;
                wk_decref(old);
                wk_decref(o);
                sp -= 3;
                DISPATCH();
            }
        }
        if (wk_setitem(o, k, v) < 0) goto error;
        wk_decref(k);
        wk_decref(o);
        wk_decref(v);
        sp -= 3;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        wk_value k = TOP(), o = SECOND();
        if (wk_delitem(o, k) < 0) goto error;
        wk_decref(k);
        wk_decref(o);
        sp -= 2;
        DISPATCH();
    }
    TARGET(COMPARE_OP) {
        wk_value b = TOP(), a = SECOND(), r;
        if (vm_num_compare(oparg, a, b, &r)) { sp--; TOP() = r; DISPATCH(); }
        r = wk_richcmp(a, b, (wk_cmp_op)oparg);
        CHECK(r);
        wk_decref(b);
        wk_decref(a);
        sp--;
        TOP() = r;
        DISPATCH();
    }
    TARGET(IS_OP) {
        wk_value b = POP(), a = TOP();
        bool r = wk_is(a, b) ^ (oparg != 0);
        wk_decref(b);
        wk_decref(a);
        TOP() = wk_bool(r);
        DISPATCH();
    }
    TARGET(CONTAINS_OP) {
        wk_value b = TOP(), a = SECOND();
        int r = wk_contains(b, a);
        if (r < 0) goto error;
        wk_decref(b);
        wk_decref(a);
        sp--;
        TOP() = wk_bool(r ^ (oparg != 0));
        DISPATCH();
    }
    TARGET(BUILD_TUPLE) {
        wk_obj *t = wk_tuple_new(oparg);
        if (!t) goto error;
        for (int i = oparg - 1; i >= 0; i--) WK_TUPLE(t)->items[i] = POP();
        PUSH(wk_objv(t));
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        wk_obj *l = wk_list_new(oparg);
        if (!l) goto error;
        for (int i = oparg - 1; i >= 0; i--) WK_LIST(l)->items[i] = POP();
        PUSH(wk_objv(l));
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        wk_obj *s = wk_set_new(&wk_type_set);
        if (!s) goto error;
        for (int i = oparg; i > 0; i--)
            if (wk_set_add(s, PEEK(i)) < 0) { wk_obj_decref(s); goto error; }
        for (int i = 0; i < oparg; i++) { wk_value v = POP(); wk_decref(v); }
        PUSH(wk_objv(s));
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        wk_obj *d = wk_dict_new();
        if (!d) goto error;
        for (int i = oparg; i > 0; i--)
            if (wk_dict_set(d, PEEK(2 * i), PEEK(2 * i - 1)) < 0) { wk_obj_decref(d); goto error; }
        for (int i = 0; i < 2 * oparg; i++) { wk_value v = POP(); wk_decref(v); }
        PUSH(wk_objv(d));
        DISPATCH();
    }
    TARGET(BUILD_CONST_KEY_MAP) {
        wk_obj *d = wk_dict_new();
        if (!d) goto error;
        wk_tuple *keys = WK_TUPLE(TOP().u.o);
        for (int i = 0; i < oparg; i++)
            if (wk_dict_set(d, keys->items[i], PEEK(oparg + 1 - i)) < 0) { wk_obj_decref(d); goto error; }
        for (int i = 0; i < oparg + 1; i++) { wk_value v = POP(); wk_decref(v); }
        PUSH(wk_objv(d));
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        wk_value r = wk_str_join_array(sp - oparg, oparg);
        CHECK(r);
        for (int i = 0; i < oparg; i++) { wk_value v = POP(); wk_decref(v); }
        PUSH(r);
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        wk_value step = oparg == 3 ? TOP() : WK_NONEV;
        wk_value stop = PEEK(oparg - 1), start = PEEK(oparg);
        wk_value r = wk_slice_new(WK_IS_NONE(start) ? WK_NULLV : start, WK_IS_NONE(stop) ? WK_NULLV : stop,
                                  WK_IS_NONE(step) ? WK_NULLV : step);
        CHECK(r);
        for (int i = 0; i < oparg; i++) { wk_value v = POP(); wk_decref(v); }
        PUSH(r);
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        wk_value v = POP();
        if (!wk_list_append_steal(PEEK(oparg).u.o, v)) goto error;
        DISPATCH();
    }
    TARGET(SET_ADD) {
        wk_value v = POP();
        int r = wk_set_add(PEEK(oparg).u.o, v);
        wk_decref(v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        wk_value v = POP(), k = POP();
        int r = wk_dict_set(PEEK(oparg).u.o, k, v);
        wk_decref(k);
        wk_decref(v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        if (!wk_vm_list_extend(PEEK(oparg + 1).u.o, TOP())) goto error;
        wk_value v = POP();
        wk_decref(v);
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        if (!wk_vm_set_update(PEEK(oparg + 1).u.o, TOP())) goto error;
        wk_value v = POP();
        wk_decref(v);
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        if (!wk_vm_dict_update(PEEK(oparg + 1).u.o, TOP())) goto error;
        wk_value v = POP();
        wk_decref(v);
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        if (!wk_vm_dict_merge(PEEK(oparg + 1).u.o, TOP(), PEEK(oparg + 3))) goto error;
        wk_value v = POP();
        wk_decref(v);
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        wk_list *l = WK_LIST(TOP().u.o);
        wk_obj *t = wk_tuple_from_array(l->items, l->len);
        if (!t) goto error;
        wk_decref(TOP());
        TOP() = wk_objv(t);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        wk_value seq = TOP();
        int64_t n = -1;
        wk_value *items = NULL;
        if (wk_is_tuple(seq)) { n = WK_TUPLE(seq.u.o)->len; items = WK_TUPLE(seq.u.o)->items; }
        else if (wk_is_list(seq)) { n = WK_LIST(seq.u.o)->len; items = WK_LIST(seq.u.o)->items; }
        if (items && n == oparg) {
            sp--;
            for (int i = oparg - 1; i >= 0; i--) PUSH(wk_incref(items[i]));
            wk_decref(seq);
            DISPATCH();
        }
        if (!wk_vm_unpack(seq, oparg, -1, sp - 1)) goto error;
        wk_decref(seq);
        sp += oparg - 1;
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        wk_value seq = TOP();
        int before = oparg & 0xff, after = oparg >> 8;
        if (!wk_vm_unpack(seq, before, after, sp - 1)) goto error;
        wk_decref(seq);
        sp += before + after;
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        wk_value spec = (oparg & 4) ? POP() : WK_NULLV;
        wk_value r = wk_vm_format_value(TOP(), oparg & 3, spec);
        wk_decref(spec);
        CHECK(r);
        wk_decref(TOP());
        TOP() = r;
        DISPATCH();
    }
    TARGET(LOAD_CONST) { PUSH(wk_incref(CONST(oparg))); DISPATCH(); }
    TARGET(LOAD_NAME) {
        wk_value v = wk_vm_load_name(f, NAME(oparg));
        CHECK(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        wk_obj *ns = f->locals ? f->locals : f->globals;
        if (wk_dict_set(ns, wk_objv(NAME(oparg)), TOP()) < 0) goto error;
        wk_value v = POP();
        wk_decref(v);
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        if (!wk_vm_delete_name(f->locals ? f->locals : f->globals, NAME(oparg))) goto error;
        DISPATCH();
    }
    TARGET(LOAD_FAST) {
        wk_value v = GETLOCAL(oparg);
        if (v.tag == WK_NULL) { wk_vm_unbound_local(co, oparg); goto error; }
        PUSH(wk_incref(v));
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        wk_value old = GETLOCAL(oparg);
        GETLOCAL(oparg) = POP();
        wk_decref(old);
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        if (WK_IS_NULL(GETLOCAL(oparg))) { wk_vm_unbound_local(co, oparg); goto error; }
        wk_clear(&GETLOCAL(oparg));
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL) {
        wk_obj *name = NAME(oparg);
        vm_cache *c = VM_CACHE_AT(next_instr);
        wk_value v = vm_global_cached(c, f, name);
        if (!WK_IS_NULL(v)) {
            PUSH(wk_incref(v));
            DISPATCH();
        }
        v = vm_global_fill(c, f, name);
        CHECK(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        if (wk_dict_set(f->globals, wk_objv(NAME(oparg)), TOP()) < 0) goto error;
        wk_value v = POP();
        wk_decref(v);
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        if (!wk_vm_delete_name(f->globals, NAME(oparg))) goto error;
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        wk_value v = ((wk_cell *)CELLS()[oparg].u.o)->value;
        if (WK_IS_NULL(v)) { wk_vm_unbound_deref(co, oparg); goto error; }
        PUSH(wk_incref(v));
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        wk_cell *c = (wk_cell *)CELLS()[oparg].u.o;
        wk_value old = c->value;
        c->value = POP();
        wk_decref(old);
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        wk_cell *c = (wk_cell *)CELLS()[oparg].u.o;
        if (WK_IS_NULL(c->value)) { wk_vm_unbound_deref(co, oparg); goto error; }
        wk_clear(&c->value);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) { PUSH(wk_incref(CELLS()[oparg])); DISPATCH(); }
    TARGET(LOAD_CLASSDEREF) {
        wk_value v = wk_vm_load_classderef(f, oparg);
        CHECK(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        wk_value o = TOP(), r;
        wk_obj *name = NAME(oparg);
        if (o.tag == WK_OBJ) {
            wk_type *tp = o.u.o->type;
            vm_cache *c = VM_CACHE_AT(next_instr);
            if (vm_attr_valid(c, tp, name) || vm_attr_fill(c, tp, name)) {
                if (c->flags & VA_IDICT_GET) {
                    wk_obj *d = *(wk_obj **)((char *)o.u.o + tp->dictoffset);
                    wk_value *slot = d ? wk_dict_hint_slot(d, name, c->hint) : NULL;
                    if (slot) {
                        r = wk_incref(*slot);
                        wk_decref(o);
                        TOP() = r;
                        DISPATCH();
                    }
                }
                int k = vm_load_attr_cached(c, o, name, &r);
                if (k < 0) goto error;
                if (k > 0) {
                    wk_decref(o);
                    TOP() = r;
                    DISPATCH();
                }
            }
        }
        r = wk_getattr(o, name);
        CHECK(r);
        wk_decref(o);
        TOP() = r;
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        wk_value o = TOP(), v = SECOND();
        wk_obj *name = NAME(oparg);
        if (o.tag == WK_OBJ) {
            wk_type *tp = o.u.o->type;
            vm_cache *c = VM_CACHE_AT(next_instr);
            if (vm_attr_valid(c, tp, name) || vm_attr_fill(c, tp, name)) {
                if (c->flags & VA_IDICT_SET) {
                    wk_obj *d = *(wk_obj **)((char *)o.u.o + tp->dictoffset);
                    wk_value *slot = d ? wk_dict_hint_slot(d, name, c->hint) : NULL;
                    if (slot) {
                        wk_value old = *slot;
                        *slot = v;          /* the stack's reference moves into the dict */
                        wk_decref(old);
                        wk_decref(o);
                        sp -= 2;
                        DISPATCH();
                    }
                }
                int k = vm_store_attr_cached(c, o, name, v);
                if (k < 0) goto error;
                if (k > 0) {
                    wk_decref(o);
                    wk_decref(v);
                    sp -= 2;
                    DISPATCH();
                }
            }
        }
        if (wk_setattr(o, name, v) < 0) goto error;
        wk_decref(o);
        wk_decref(v);
        sp -= 2;
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        wk_value o = TOP();
        if (wk_setattr(o, NAME(oparg), WK_NULLV) < 0) goto error;
        wk_decref(o);
        sp--;
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        wk_value o = TOP(), m;
        wk_obj *name = NAME(oparg);
        if (o.tag == WK_OBJ) {
            wk_type *tp = o.u.o->type;
            vm_cache *c = VM_CACHE_AT(next_instr);
            if (vm_attr_valid(c, tp, name) || vm_attr_fill(c, tp, name)) {
                if ((c->flags & (VA_GENERIC_GET | VA_METHOD)) == (VA_GENERIC_GET | VA_METHOD)) {
                    wk_obj *d = tp->dictoffset ? *(wk_obj **)((char *)o.u.o + tp->dictoffset) : NULL;
                    if (!d || (d == c->nodict && ((wk_dict *)d)->version == c->dver)) {
                        TOP() = wk_incref(c->descr);
                        PUSH(o);
                        DISPATCH();
                    }
                }
                int k = vm_load_method_cached(c, o, name, &m);
                if (k < 0) goto error;
                if (k > 0) {
                    TOP() = m;
                    PUSH(o);
                    DISPATCH();
                }
            }
        }
        int r = wk_vm_load_method(o, name, &m);
        if (r < 0) goto error;
        if (r == 1) {
            TOP() = m;
            PUSH(o);
        } else {
            TOP() = WK_NULLV;
            PUSH(m);
            wk_decref(o);
        }
        DISPATCH();
    }
    TARGET(CALL_METHOD) {
        wk_value *base = sp - oparg - 2;
        bool unbound = !WK_IS_NULL(base[0]);   /* [meth self args] rather than [NULL f args] */
        wk_value callee = unbound ? base[0] : base[1], self, r;
        const wk_value *args = unbound ? base + 1 : base + 2;
        int nargs = unbound ? oparg + 1 : oparg;
        wk_function *fn = vm_simple_target(callee, nargs);
        if (fn) {
            if (!(nf = vm_simple_frame(fn, args, nargs))) goto error;
            sp = base;
            goto enter_frame;
        }
        fn = vm_inline_target(callee, &self);
        if (fn) {
            nf = vm_call_frame(fn, self, args, nargs, NULL);
            while (sp > base) { wk_value v = POP(); wk_decref(v); }
            if (!nf) goto error;
            goto enter_frame;
        }
        r = vm_call(callee, args, nargs, NULL);
        while (sp > base) { wk_value v = POP(); wk_decref(v); }
        CHECK(r);
        PUSH(r);
        DISPATCH();
    }
    TARGET(LOAD_BUILD_CLASS) {
        wk_value v = wk_dict_get_s(f->builtins, "__build_class__");
        if (WK_IS_NULL(v)) { wk_raise(wk_exc_NameError, "__build_class__ not found"); goto error; }
        PUSH(wk_incref(v));
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR) {
        wk_obj_incref(&wk_exc_AssertionError->ob);
        PUSH(wk_objv(&wk_exc_AssertionError->ob));
        DISPATCH();
    }
    TARGET(CALL_FUNCTION) {
        wk_value *base = sp - oparg - 1;
        wk_value self;
        wk_function *fn = vm_simple_target(base[0], oparg);
        if (fn) {
            if (!(nf = vm_simple_frame(fn, base + 1, oparg))) goto error;
            sp = base;
            goto enter_frame;
        }
        fn = vm_inline_target(base[0], &self);
        if (fn) {
            nf = vm_call_frame(fn, self, base + 1, oparg, NULL);
            while (sp > base) { wk_value v = POP(); wk_decref(v); }
            if (!nf) goto error;
            goto enter_frame;
        }
        wk_value r = vm_call(base[0], base + 1, oparg, NULL);
        while (sp > base) { wk_value v = POP(); wk_decref(v); }
        CHECK(r);
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_FUNCTION_KW) {
        wk_value *base = sp - oparg - 2;
        wk_obj *kwnames = TOP().u.o;
        wk_value self;
        wk_function *fn = vm_inline_target(base[0], &self);
        if (fn) {
            nf = vm_call_frame(fn, self, base + 1, oparg - (int)WK_TUPLE(kwnames)->len,
                               WK_TUPLE(kwnames)->len ? kwnames : NULL);
            while (sp > base) { wk_value v = POP(); wk_decref(v); }
            if (!nf) goto error;
            goto enter_frame;
        }
        wk_value r = vm_call(base[0], base + 1, oparg - (int)WK_TUPLE(kwnames)->len, kwnames);
        while (sp > base) { wk_value v = POP(); wk_decref(v); }
        CHECK(r);
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_FUNCTION_EX) {
        wk_value *base = sp - 2 - (oparg & 1);
        wk_value r = wk_vm_call_ex(base[0], base[1], (oparg & 1) ? base[2] : WK_NULLV);
        while (sp > base) { wk_value v = POP(); wk_decref(v); }
        CHECK(r);
        PUSH(r);
        DISPATCH();
    }
    TARGET(MAKE_FUNCTION) {
        int nextra = !!(oparg & 1) + !!(oparg & 2) + !!(oparg & 4) + !!(oparg & 8);
        wk_value r = wk_vm_make_function(f, sp - nextra - 2, oparg);
        CHECK(r);
        for (int i = 0; i < nextra + 2; i++) { wk_value v = POP(); wk_decref(v); }
        PUSH(r);
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        retval = POP();
        if (f != entry) goto leave_frame;
        goto exit_frame;
    }
    TARGET(YIELD_VALUE) {
        retval = POP();
        *yielded = true;
        goto exit_frame;
    }
    TARGET(GET_YIELD_FROM_ITER) {
        wk_value v = TOP();
        if (v.tag == WK_OBJ && v.u.o->type == &wk_type_generator) DISPATCH();
        wk_value it = wk_iter(v);
        CHECK(it);
        wk_decref(v);
        TOP() = it;
        DISPATCH();
    }
    TARGET(YIELD_FROM) {
        wk_value v = POP();
        bool done = false;
        wk_value r = wk_vm_send(TOP(), v, &done);
        wk_decref(v);
        CHECK(r);
        if (done) {
            wk_value it = TOP();
            TOP() = r;
            wk_decref(it);
            DISPATCH();
        }
        retval = r;
        next_instr--;
        *yielded = true;
        goto exit_frame;
    }
    TARGET(JUMP) {
        if (oparg < IP()) POLL_INTERRUPT();
        JUMPTO(oparg);
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        wk_value v = TOP();
        int t = v.tag == WK_BOOL ? (int)v.u.i : wk_truthy(v);
        if (t < 0) goto error;
        sp--;
        wk_decref(v);
        if (!t) { if (oparg < IP()) POLL_INTERRUPT(); JUMPTO(oparg); }
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        wk_value v = TOP();
        int t = v.tag == WK_BOOL ? (int)v.u.i : wk_truthy(v);
        if (t < 0) goto error;
        sp--;
        wk_decref(v);
        if (t) { if (oparg < IP()) POLL_INTERRUPT(); JUMPTO(oparg); }
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        wk_value v = TOP();
        int t = v.tag == WK_BOOL ? (int)v.u.i : wk_truthy(v);
        if (t < 0) goto error;
        if (!t) { JUMPTO(oparg); DISPATCH(); }
        sp--;
        wk_decref(v);
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        wk_value v = TOP();
        int t = v.tag == WK_BOOL ? (int)v.u.i : wk_truthy(v);
        if (t < 0) goto error;
        if (t) { JUMPTO(oparg); DISPATCH(); }
        sp--;
        wk_decref(v);
        DISPATCH();
    }
    TARGET(GET_ITER) {
        wk_value v = TOP();
        wk_value it = wk_iter(v);
        CHECK(it);
        wk_decref(v);
        TOP() = it;
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        wk_value it = TOP();
        wk_type *tp = it.u.o->type;
        wk_value v = tp->next ? tp->next(it) : wk_next(it);
        if (!WK_IS_NULL(v)) { PUSH(v); DISPATCH(); }
        if (wk_err_occurred()) {
            if (!wk_err_matches(wk_exc_StopIteration)) goto error;
            wk_err_clear();
        }
        sp--;
        wk_decref(it);
        if (oparg < IP()) POLL_INTERRUPT();
        JUMPTO(oparg);
        DISPATCH();
    }
    TARGET(SETUP_FINALLY) {
        wk_block *b = &f->blocks[f->nblocks++];
        b->kind = WK_BLOCK_FINALLY;
        b->handler = oparg;
        b->level = (int)(sp - STACK());
        b->saved_exc = NULL;
        DISPATCH();
    }
    TARGET(POP_BLOCK) { f->nblocks--; DISPATCH(); }
    TARGET(POP_EXCEPT) {
        wk_block *b = &f->blocks[--f->nblocks];
        wk_obj *cur = wk_vm_state.exc_info;
        wk_vm_state.exc_info = b->saved_exc;
        b->saved_exc = NULL;
        wk_obj_decref(cur);
        DISPATCH();
    }
    TARGET(JUMP_IF_NOT_EXC_MATCH) {
        int r = wk_vm_exc_match(SECOND(), TOP());
        if (r < 0) goto error;
        wk_value t = POP();
        wk_decref(t);
        if (!r) JUMPTO(oparg);
        DISPATCH();
    }
    TARGET(RERAISE) {
        wk_value e = POP();
        wk_err_restore(e.u.o);
        reraise = true;
        goto error;
    }
    TARGET(RAISE_VARARGS) {
        if (oparg == 0) {
            wk_obj *cur = wk_vm_state.exc_info;
            if (!cur) { wk_raise(wk_exc_RuntimeError, "No active exception to reraise"); goto error; }
            wk_obj_incref(cur);
            wk_err_restore(cur);
            reraise = true;
            goto error;
        }
        wk_value cause = oparg == 2 ? POP() : WK_NULLV;
        wk_value e = POP();
        wk_vm_do_raise(e, cause);
        wk_decref(e);
        wk_decref(cause);
        if (wk_err_occurred()) vm_chain_context(wk_err_peek());
        goto error;
    }
    TARGET(SETUP_WITH) {
        wk_value mgr = TOP(), exitfn, res;
        if (!wk_vm_setup_with(mgr, &exitfn, &res)) goto error;
        wk_decref(mgr);
        TOP() = exitfn;
        wk_block *b = &f->blocks[f->nblocks++];
        b->kind = WK_BLOCK_WITH;
        b->handler = oparg;
        b->level = (int)(sp - STACK());
        b->saved_exc = NULL;
        PUSH(res);
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        wk_value exc = TOP(), exitfn = SECOND();
        wk_value args[3] = { wk_objv(&wk_typeof(exc)->ob), exc, WK_NONEV };
        wk_value r = wk_call(exitfn, args, 3, NULL);
        CHECK(r);
        PUSH(r);
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        wk_value fromlist = POP(), level = TOP();
        wk_value m = wk_import_name(NAME(oparg), f->globals, fromlist,
                                    level.tag == WK_INT ? (int)level.u.i : 0);
        wk_decref(fromlist);
        if (WK_IS_NULL(m)) { sp[0] = WK_NONEV; sp++; goto error; }
        wk_decref(level);
        TOP() = m;
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        wk_value r = wk_import_from(TOP(), NAME(oparg));
        CHECK(r);
        PUSH(r);
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        if (!wk_import_star(TOP(), f->locals ? f->locals : f->globals)) goto error;
        wk_value m = POP();
        wk_decref(m);
        DISPATCH();
    }
    TARGET(PRINT_EXPR) {
        wk_value v = TOP();
        bool ok = wk_vm_state.displayhook ? wk_vm_state.displayhook(v, wk_vm_state.displayhook_ctx)
                                          : wk_vm_display_default(v, NULL);
        if (!ok) goto error;
        sp--;
        wk_decref(v);
        DISPATCH();
    }
    TARGET(SETUP_ANNOTATIONS) {
        if (!wk_vm_setup_annotations(f->locals ? f->locals : f->globals)) goto error;
        DISPATCH();
    }

error:
    f->lasti = IP() - 1;
    if (!wk_err_occurred())
        wk_raise(wk_exc_RuntimeError, "error return without exception set");
    if (!reraise) {
        wk_obj *exc = wk_err_peek();
        if (!exc_has_traceback(exc)) vm_chain_context(exc);
        wk_exc_add_traceback(exc, &co->ob, f->lasti);
    }
    reraise = false;
    while (f->nblocks > 0) {
        wk_block *b = &f->blocks[--f->nblocks];
        while (sp > STACK() + b->level) { wk_value v = POP(); wk_decref(v); }
        if (b->kind == WK_BLOCK_EXCEPT_HANDLER) {
            wk_obj *cur = wk_vm_state.exc_info;
            wk_vm_state.exc_info = b->saved_exc;
            b->saved_exc = NULL;
            wk_obj_decref(cur);
            continue;
        }
        wk_obj *exc = wk_err_fetch();
        int handler = b->handler;
        b->kind = WK_BLOCK_EXCEPT_HANDLER;
        b->saved_exc = wk_vm_state.exc_info;
        b->level = (int)(sp - STACK());
        f->nblocks++;
        wk_obj_incref(exc);
        wk_vm_state.exc_info = exc;
        PUSH(wk_objv(exc));
        JUMPTO(handler);
        DISPATCH();
    }
    while (sp > STACK()) { wk_value v = POP(); wk_decref(v); }
    retval = WK_NULLV;
    if (f != entry) goto leave_frame;

exit_frame:
    f->ip = IP();
    f->depth = (int)(sp - STACK());
    wk_vm_current_frame = f->back;
    f->back = NULL;
    wk_vm_state.recursion_depth--;
    return retval;

enter_frame:
    /* nf: a bound frame for a call made by f, whose operands are already popped. */
    f->ip = IP();
    f->depth = (int)(sp - STACK());
    if (++wk_vm_state.recursion_depth > wk_vm_state.recursion_limit) {
        wk_vm_state.recursion_depth--;
        f->depth = 0;
        wk_frame_free(nf);
        wk_raise(wk_exc_RecursionError, "maximum recursion depth exceeded");
        goto error;
    }
    nf->back = f;
    wk_vm_current_frame = nf;
    f = nf;
    LOAD_FRAME();
    POLL_INTERRUPT();
    DISPATCH();

leave_frame:
    /* f (not entry) returned retval, or raised when retval is WK_NULL: back to its caller. */
    nf = f->back;
    f->ip = IP();
    f->depth = (int)(sp - STACK());
    f->back = NULL;
    wk_vm_current_frame = nf;
    wk_vm_state.recursion_depth--;
    if (f->depth) wk_frame_free(f);
    else vm_frame_pop(f);
    f = nf;
    LOAD_FRAME();
    if (WK_IS_NULL(retval)) {
        reraise = false;
        goto error;
    }
    PUSH(retval);
    DISPATCH();
#undef LOAD_FRAME
}

wk_value wk_eval_code(wk_obj *code, wk_obj *globals, wk_obj *locals) {
    if (!wk_vm_prepare_globals(globals)) return WK_NULLV;
    wk_code *co = (wk_code *)code;
    wk_frame *f = wk_frame_new(co, NULL, globals, locals ? locals : globals, false);
    if (!f) return WK_NULLV;
    if (f->ncells && !wk_frame_init_cells(f, NULL)) {
        wk_frame_free(f);
        return WK_NULLV;
    }
    bool yielded;
    wk_value r = wk_vm_run_frame(f, false, &yielded);
    wk_frame_free(f);
    return r;
}
