/* frame.h — the VM's execution frames, block stack, generator objects and the helpers the
 * rest of the VM (func.c, gen.c, traceback.c, import.c, interp.c, sysmod.c) shares. */
#ifndef WK_FRAME_H
#define WK_FRAME_H

#include "object.h"
#include "code.h"
#include "vm.h"

/* Refcount of the VM's static type objects (never freed). */
#define WK_VM_IMMORTAL ((int64_t)1 << 60)

/* Block kinds on a frame's block stack (see "Exceptions protocol" in code.h). */
enum { WK_BLOCK_FINALLY, WK_BLOCK_WITH, WK_BLOCK_EXCEPT_HANDLER };

typedef struct wk_block {
    int kind;
    int handler;        /* instruction index of the handler */
    int level;          /* value-stack depth to unwind to */
    wk_obj *saved_exc;  /* EXCEPT_HANDLER: the previously handled exception (owned) or NULL */
} wk_block;

typedef struct wk_frame {
    wk_code *code;              /* borrowed from func, or owned when owns_code */
    wk_obj *func;               /* the wick function being run (owned) or NULL */
    wk_obj *globals;            /* owned */
    wk_obj *builtins;           /* borrowed (the interpreter's builtins dict) */
    wk_obj *locals;             /* owned: namespace dict of module/class bodies, or NULL */
    struct wk_frame *back;      /* the calling frame while running */
    wk_obj *gen;                /* owning generator (borrowed) or NULL */
    int ip;                     /* next instruction */
    int lasti;                  /* instruction being executed (traceback entries) */
    int nblocks;
    int depth;                  /* value-stack depth while suspended (a yielded generator,
                                   or a caller waiting for a call the loop runs inline) */
    int ncells;                 /* cellvars + freevars */
    bool owns_code;             /* heap frames hold a reference to code */
    bool heap;                  /* malloc'd (generator frames) rather than pooled */
    wk_block blocks[WK_MAX_BLOCKS];
    /* localsplus: nlocals fast locals, then ncells cell objects (as WK_OBJ values),
     * then the value stack (code->stacksize) */
    wk_value localsplus[];
} wk_frame;

/* The frame running now (innermost), or NULL at top level. */
extern wk_frame *wk_vm_current_frame;

/* Frame allocation: pooled LIFO frames for ordinary calls, heap frames for generators.
 * Both set up globals/func/code references and clear the slots. */
wk_frame *wk_frame_new(wk_code *code, wk_obj *func, wk_obj *globals, wk_obj *locals, bool heap);
void wk_frame_free(wk_frame *f);
static inline wk_value *wk_frame_stack(wk_frame *f) {
    return f->localsplus + f->code->nlocals + f->ncells;
}

/* Runs a prepared frame until it returns or yields (*yielded set to true). Returns the
 * returned/yielded value or WK_NULL with an exception. throwflag: an exception is
 * pending and must be raised at the resume point (generator.throw). Calls of wick
 * functions (not generators) made by the frame run inside this same C call: the callee
 * gets a pooled frame linked through back/wk_vm_current_frame as usual and the caller
 * waits with its ip and depth saved. */
wk_value wk_vm_run_frame(wk_frame *f, bool throwflag, bool *yielded);

/* Binds call arguments of a wick function into the fresh frame's fast locals with
 * CPython's TypeError messages; fills the cells. False with an exception. */
bool wk_func_bind(wk_function *fn, wk_frame *f, const wk_value *args, int nargs, wk_obj *kwnames);
/* Sets up the cells of a frame: cellvars (initialised from arguments of the same name)
 * and the function's closure cells. */
bool wk_frame_init_cells(wk_frame *f, wk_function *fn);

/* Generator objects (gen.c). */
typedef struct wk_generator {
    wk_obj ob;
    wk_frame *frame;       /* NULL once finished */
    wk_obj *name, *qualname;
    wk_obj *exc_state;     /* handled exception saved while suspended, or NULL */
    bool running;
} wk_generator;
wk_value wk_gen_new(wk_frame *f, wk_function *fn);   /* steals the heap frame */
/* Sends v (WK_NULL means next()) into a generator; *done true when it returned (the
 * value is the return value, for yield from / StopIteration). */
wk_value wk_gen_send_ex(wk_obj *gen, wk_value v, bool exc, bool *done);

/* super() without arguments (needed by core): the current wick frame's first argument
 * and the class stored in its __class__ cell. False with RuntimeError
 * "super(): no arguments" / "super(): __class__ cell not found". Borrowed results. */
bool wk_frame_super_args(wk_value *self_out, wk_type **class_out);

/* Builds locals() of the current frame (a dict, new reference; for module/class bodies
 * the namespace itself). NULL with an exception. */
wk_obj *wk_frame_locals(wk_frame *f);

/* Import helpers (import.c). */
bool wk_import_init(void);
void wk_import_fini(void);
wk_value wk_import_name(wk_obj *name, wk_obj *globals, wk_value fromlist, int level);
wk_value wk_import_from(wk_value module, wk_obj *name);
bool wk_import_star(wk_value module, wk_obj *locals);
extern wk_obj *wk_sys_module;   /* the sys module (owned by sys.modules too) */
/* Writes to the real file descriptors (used when no hook/redirection applies). */
bool wk_sys_write_fd(int fd, const char *s, size_t n);
bool wk_sysmod_set_argv(int argc, char **argv);

/* Function helpers (func.c). */
wk_value wk_func_new(wk_obj *code, wk_obj *globals, wk_obj *qualname);
/* Signature text "(x, y=2, *args, k, **kw)" of a wick function, for inspect/help. */
bool wk_func_signature(wk_sbuf *sb, wk_function *fn);

/* Interpreter helpers (interp.c). */
bool wk_vm_display_default(wk_value v, void *ctx);
bool wk_vm_c_stack_ok(void);     /* false with RecursionError when the C stack runs low */

#endif
