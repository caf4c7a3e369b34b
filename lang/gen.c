/* gen.c — generator objects: __next__, send, throw, close, yield from delegation. */
#include <string.h>
#include "vm_ops.h"

#define GEN(o) ((wk_generator *)(o))

wk_value wk_gen_new(wk_frame *f, wk_function *fn) {
    wk_generator *g = (wk_generator *)wk_obj_alloc(&wk_type_generator);
    if (!g) {
        wk_frame_free(f);
        return WK_NULLV;
    }
    g->frame = f;
    f->gen = &g->ob;
    g->name = fn->name;
    wk_obj_incref(g->name);
    g->qualname = fn->qualname;
    wk_obj_incref(g->qualname);
    return wk_objv(&g->ob);
}

static bool gen_started(wk_generator *g) { return g->frame && g->frame->lasti >= 0; }

static void gen_finish(wk_generator *g) {
    if (g->frame) {
        wk_frame_free(g->frame);
        g->frame = NULL;
    }
}

/* Replaces a StopIteration escaping the generator body by RuntimeError (PEP 479). */
static void gen_stopiteration_to_runtime(void) {
    if (!wk_err_matches(wk_exc_StopIteration)) return;
    wk_obj *si = wk_err_fetch();
    wk_raise(wk_exc_RuntimeError, "generator raised StopIteration");
    wk_obj *e = wk_err_peek();
    if (e) {
        wk_obj_incref(si);
        ((wk_exc *)e)->cause = si;
        ((wk_exc *)e)->context = si;
        ((wk_exc *)e)->suppress_context = true;
    } else {
        wk_obj_decref(si);
    }
}

/* Does the frame have an except handler active (its handled exception must survive the
 * suspension)? */
static bool frame_in_handler(wk_frame *f) {
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].kind == WK_BLOCK_EXCEPT_HANDLER) return true;
    return false;
}

wk_value wk_gen_send_ex(wk_obj *gen, wk_value v, bool exc, bool *done) {
    wk_generator *g = GEN(gen);
    *done = false;
    if (g->running) {
        if (exc) wk_err_clear();
        return wk_raise(wk_exc_ValueError, "generator already executing");
    }
    if (!g->frame) {
        if (exc) return WK_NULLV;
        *done = true;
        return WK_NONEV;
    }
    wk_frame *f = g->frame;
    if (!exc) {
        if (f->lasti < 0 && !WK_IS_NULL(v) && !WK_IS_NONE(v))
            return wk_raise(wk_exc_TypeError, "can't send non-None value to a just-started generator");
        if (f->lasti >= 0) wk_frame_stack(f)[f->depth++] = WK_IS_NULL(v) ? WK_NONEV : wk_incref(v);
    }
    wk_obj *saved = wk_vm_state.exc_info;
    if (g->exc_state) {
        wk_vm_state.exc_info = g->exc_state;
        g->exc_state = NULL;
    } else {
        wk_obj_incref(saved);
    }
    g->running = true;
    bool yielded;
    f->lasti = f->lasti < 0 ? 0 : f->lasti;
    wk_vm_calling_native = false;
    wk_value r = wk_vm_run_frame(f, exc, &yielded);
    g->running = false;
    wk_obj *cur = wk_vm_state.exc_info;
    wk_vm_state.exc_info = saved;
    if (yielded && frame_in_handler(f)) g->exc_state = cur;
    else wk_obj_decref(cur);
    if (yielded) return r;
    gen_finish(g);
    if (WK_IS_NULL(r)) {
        gen_stopiteration_to_runtime();
        return r;
    }
    *done = true;
    return r;
}

/* Raises StopIteration carrying value (none when value is None); consumes value. */
static wk_value raise_stop(wk_value value) {
    if (WK_IS_NONE(value)) return wk_raise_obj(wk_objv(&wk_exc_StopIteration->ob));
    wk_value r = wk_raise_value(wk_exc_StopIteration, value);
    wk_decref(value);
    return r;
}

static wk_value gen_next(wk_value self) {
    bool done;
    wk_value r = wk_gen_send_ex(self.u.o, WK_NONEV, false, &done);
    if (done) {
        /* The iteration protocol's "exhausted" is WK_NULL without an exception; a
         * return value only matters to send() and yield from, which use send_ex. */
        wk_decref(r);
        return WK_NULLV;
    }
    return r;
}

static wk_value gen_iter(wk_value self) { return wk_incref(self); }

/* gen.__next__() (and so next(gen)): unlike the slot, raises StopIteration carrying the
 * generator's return value. */
static wk_value gen_next_method(const wk_value *args, int nargs, wk_obj *kwnames) {
    if (kwnames || nargs != 1) return wk_raise(wk_exc_TypeError, "expected 0 arguments, got %d", nargs - 1);
    bool done;
    wk_value r = wk_gen_send_ex(args[0].u.o, WK_NONEV, false, &done);
    return done ? raise_stop(r) : r;
}

static wk_value gen_send(const wk_value *args, int nargs, wk_obj *kwnames) {
    if (kwnames || nargs != 2)
        return wk_raise(wk_exc_TypeError, "generator.send() takes exactly one argument (%d given)", nargs - 1);
    bool done;
    wk_value r = wk_gen_send_ex(args[0].u.o, args[1], false, &done);
    return done ? raise_stop(r) : r;
}

/* The subiterator the generator is delegating to (yield from), borrowed, or WK_NULL. */
static wk_value gen_yf(wk_generator *g) {
    wk_frame *f = g->frame;
    if (!f || f->lasti < 0 || f->ip >= f->code->ncode || f->depth == 0) return WK_NULLV;
    if (WK_OPCODE(f->code->code[f->ip]) != WK_OP_YIELD_FROM) return WK_NULLV;
    return wk_frame_stack(f)[f->depth - 1];
}

static int gen_close_iter(wk_value yf) {
    wk_value r;
    if (WK_IS_OBJ(yf) && yf.u.o->type == &wk_type_generator) {
        r = wk_call_method_s(yf, "close", NULL, 0);
    } else {
        wk_value m = wk_getattr_opt(yf, wk_intern("close"));
        if (WK_IS_NULL(m)) return wk_err_occurred() ? -1 : 0;
        r = wk_call0(m);
        wk_decref(m);
    }
    if (WK_IS_NULL(r)) return -1;
    wk_decref(r);
    return 0;
}

/* Resumes the generator with the pending exception raised at its suspension point. */
static wk_value gen_throw_here(wk_generator *g) {
    bool done;
    wk_value r = wk_gen_send_ex(&g->ob, WK_NONEV, true, &done);
    return done ? raise_stop(r) : r;
}

/* Builds the exception object for throw(typ, val) and makes it pending. */
static bool gen_make_exc(wk_value typ, wk_value val) {
    bool has_val = !WK_IS_NULL(val) && !WK_IS_NONE(val);
    if (WK_IS_OBJ(typ) && wk_type_is_subtype(typ.u.o->type, &wk_type_type)
        && wk_type_is_subtype((wk_type *)typ.u.o, wk_exc_BaseException)) {
        wk_value e;
        if (has_val && wk_isinstance_t(val, (wk_type *)typ.u.o)) e = wk_incref(val);
        else if (!has_val) e = wk_call0(typ);
        else if (wk_is_tuple(val)) e = wk_call_tuple_dict(typ, val.u.o, NULL);
        else e = wk_call1(typ, val);
        if (WK_IS_NULL(e)) return false;
        wk_raise_obj(e);
        wk_decref(e);
        return true;
    }
    if (wk_isinstance_t(typ, wk_exc_BaseException)) {
        if (has_val) {
            wk_raise(wk_exc_TypeError, "instance exception may not have a separate value");
            return false;
        }
        wk_raise_obj(typ);
        return true;
    }
    wk_raise(wk_exc_TypeError, "exceptions must be classes or instances deriving from "
             "BaseException, not %s", wk_typename(typ));
    return false;
}

static wk_value gen_throw_ex(wk_generator *g, wk_value typ, wk_value val) {
    wk_value yf = gen_yf(g);
    if (!WK_IS_NULL(yf)) {
        wk_incref(yf);
        wk_value r;
        if (WK_IS_OBJ(typ) && wk_type_is_subtype(typ.u.o->type, &wk_type_type)
            && wk_type_is_subtype((wk_type *)typ.u.o, wk_exc_GeneratorExit)) {
            g->running = true;
            int err = gen_close_iter(yf);
            g->running = false;
            wk_decref(yf);
            if (err < 0) return gen_throw_here(g);
            goto throw_here;
        }
        if (WK_IS_OBJ(yf) && yf.u.o->type == &wk_type_generator) {
            g->running = true;
            r = gen_throw_ex(GEN(yf.u.o), typ, val);
            g->running = false;
        } else {
            wk_value m = wk_getattr_opt(yf, wk_intern("throw"));
            if (WK_IS_NULL(m)) {
                wk_decref(yf);
                if (wk_err_occurred()) return gen_throw_here(g);
                goto throw_here;
            }
            wk_value args[2] = { typ, WK_IS_NULL(val) ? WK_NONEV : val };
            g->running = true;
            r = wk_call(m, args, 2, NULL);
            g->running = false;
            wk_decref(m);
        }
        wk_decref(yf);
        if (!WK_IS_NULL(r)) return r;
        wk_frame *f = g->frame;
        wk_value sub = wk_frame_stack(f)[--f->depth];
        wk_decref(sub);
        f->ip++;
        if (wk_err_matches(wk_exc_StopIteration)) {
            wk_obj *e = wk_err_fetch();
            wk_value v = wk_vm_stopiteration_value(e);
            wk_obj_decref(e);
            bool done;
            r = wk_gen_send_ex(&g->ob, v, false, &done);
            wk_decref(v);
            return done ? raise_stop(r) : r;
        }
        return gen_throw_here(g);
    }
throw_here:
    if (!gen_make_exc(typ, val)) return WK_NULLV;
    return gen_throw_here(g);
}

static wk_value gen_throw(const wk_value *args, int nargs, wk_obj *kwnames) {
    if (kwnames || nargs < 2 || nargs > 4)
        return wk_raise(wk_exc_TypeError, "throw expected at least 1 argument, got %d", nargs - 1);
    return gen_throw_ex(GEN(args[0].u.o), args[1], nargs > 2 ? args[2] : WK_NULLV);
}

static wk_value gen_close_ex(wk_generator *g) {
    if (!g->frame) return WK_NONEV;
    if (!gen_started(g) || g->frame->ip == 0) {
        gen_finish(g);
        return WK_NONEV;
    }
    wk_value yf = gen_yf(g);
    int err = 0;
    if (!WK_IS_NULL(yf)) {
        wk_incref(yf);
        g->running = true;
        err = gen_close_iter(yf);
        g->running = false;
        wk_decref(yf);
    }
    if (err == 0) wk_raise_obj(wk_objv(&wk_exc_GeneratorExit->ob));
    bool done;
    wk_value r = wk_gen_send_ex(&g->ob, WK_NONEV, true, &done);
    if (!WK_IS_NULL(r)) {
        wk_decref(r);
        if (done) return WK_NONEV;
        return wk_raise(wk_exc_RuntimeError, "generator ignored GeneratorExit");
    }
    if (wk_err_matches(wk_exc_GeneratorExit) || wk_err_matches(wk_exc_StopIteration)) {
        wk_err_clear();
        return WK_NONEV;
    }
    return WK_NULLV;
}

static wk_value gen_close(const wk_value *args, int nargs, wk_obj *kwnames) {
    if (!wk_args_none("close", nargs - 1, kwnames)) return WK_NULLV;
    return gen_close_ex(GEN(args[0].u.o));
}

static void gen_dealloc(wk_obj *o) {
    wk_generator *g = GEN(o);
    if (g->frame && g->frame->lasti >= 0 && g->frame->ip > 0) {
        wk_obj *pending = wk_err_fetch();
        o->refcnt++;   /* keep alive while closing */
        wk_value r = gen_close_ex(g);
        wk_decref(r);
        wk_err_clear();
        o->refcnt--;
        if (pending) wk_err_restore(pending);
    }
    gen_finish(g);
    wk_obj_decref(g->name);
    wk_obj_decref(g->qualname);
    wk_obj_decref(g->exc_state);
    wk_obj_free(o);
}

static wk_value gen_repr(wk_value self) {
    return wk_str_fromf("<generator object %s at %p>", wk_str_cstr(wk_objv(GEN(self.u.o)->qualname)),
                        (void *)self.u.o);
}

static wk_value gen_get_name(wk_value self) { wk_obj_incref(GEN(self.u.o)->name); return wk_objv(GEN(self.u.o)->name); }
static wk_value gen_get_qualname(wk_value self) { wk_obj_incref(GEN(self.u.o)->qualname); return wk_objv(GEN(self.u.o)->qualname); }
static wk_value gen_get_running(wk_value self) { return wk_bool(GEN(self.u.o)->running); }
static wk_value gen_get_frame(wk_value self) { (void)self; return WK_NONEV; }
static wk_value gen_get_code(wk_value self) {
    wk_generator *g = GEN(self.u.o);
    if (!g->frame) return WK_NONEV;
    wk_obj_incref(&g->frame->code->ob);
    return wk_objv(&g->frame->code->ob);
}

static const wk_methoddef gen_methods[] = {
    { "__next__", gen_next_method, 0, "Implement next(self)." },
    { "send", gen_send, 0, "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration." },
    { "throw", gen_throw, 0, "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\nStopIteration." },
    { "close", gen_close, 0, "close() -> raise GeneratorExit inside generator." },
    { NULL, NULL, 0, NULL }
};

static const wk_getsetdef gen_getsets[] = {
    { "__name__", gen_get_name, NULL, NULL },
    { "__qualname__", gen_get_qualname, NULL, NULL },
    { "gi_running", gen_get_running, NULL, NULL },
    { "gi_frame", gen_get_frame, NULL, NULL },
    { "gi_code", gen_get_code, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_generator = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "generator", .basicsize = sizeof(wk_generator),
    .dealloc = gen_dealloc, .repr = gen_repr, .iter = gen_iter, .next = gen_next,
};

bool wk_gen_types_init(void) {
    return wk_type_ready(&wk_type_generator) && wk_type_add_methods(&wk_type_generator, gen_methods)
        && wk_type_add_getsets(&wk_type_generator, gen_getsets);
}
