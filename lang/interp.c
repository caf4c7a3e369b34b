/* interp.c — interpreter start-up and shutdown, the embedding API (cells, display hook,
 * interrupts, SystemExit, completeness, completion and inspection). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "vm_ops.h"
#include "init.h"
#include "parser.h"

wk_vm wk_vm_state = { .recursion_limit = 1000 };
volatile sig_atomic_t wk_interrupt_pending;
wk_obj *wk_vm_builtins_module;
static wk_obj *main_module;

/* ---------------------------------------------------------------- interrupts, C stack */

void wk_request_interrupt(void) { wk_interrupt_pending = 1; }

bool wk_check_interrupt(void) {
    if (!wk_interrupt_pending) return true;
    wk_interrupt_pending = 0;
    wk_raise_obj(wk_objv(&wk_exc_KeyboardInterrupt->ob));
    return false;
}

static uintptr_t c_stack_base;
static size_t c_stack_limit;

bool wk_vm_c_stack_ok(void) {
    char here;
    if (wk_vm_state.recursion_depth <= 1 || !c_stack_base) {
        c_stack_base = (uintptr_t)&here;
        if (!c_stack_limit) {
            struct rlimit rl;
            size_t lim = 8u << 20;
            if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < lim)
                lim = (size_t)rl.rlim_cur;
            c_stack_limit = lim > (2u << 20) ? lim - (1u << 20) : lim / 2;
        }
        return true;
    }
    uintptr_t h = (uintptr_t)&here;
    size_t used = c_stack_base > h ? (size_t)(c_stack_base - h) : (size_t)(h - c_stack_base);
    if (used < c_stack_limit) return true;
    wk_raise(wk_exc_RecursionError, "maximum recursion depth exceeded");
    return false;
}

/* ---------------------------------------------------------------- start-up */

bool wk_vm_types_init(void) {
    return wk_func_types_init() && wk_gen_types_init() && wk_module_types_init() && wk_sys_types_init();
}

static bool init_main(int argc, char **argv) {
    main_module = wk_module_new("__main__");
    if (!main_module) return false;
    wk_obj *d = wk_module_dict(main_module);
    wk_vm_state.main_dict = d;
    wk_obj *ann = wk_dict_new();
    bool ok = ann && wk_dict_set_s(d, "__annotations__", wk_objv(ann)) == 0
        && wk_dict_set_s(d, "__builtins__", wk_objv(wk_vm_builtins_module)) == 0
        && wk_dict_set_s(d, "__loader__", WK_NONEV) == 0
        && wk_dict_set_s(wk_vm_state.modules, "__main__", wk_objv(main_module)) == 0;
    wk_obj_decref(ann);
    if (ok && argc > 0 && argv[0][0] && strcmp(argv[0], "-c") && strcmp(argv[0], "-")) {
        wk_value f = wk_str_from_c(argv[0]);
        ok = !WK_IS_NULL(f) && wk_dict_set_s(d, "__file__", f) == 0
            && wk_dict_set_s(d, "__cached__", WK_NONEV) == 0;
        wk_decref(f);
    }
    return ok;
}

bool wk_init(int argc, char **argv) {
    wk_vm_state.recursion_limit = 1000;
    if (!wk_types_init() || !wk_genericalias_init()) return false;
    wk_vm_builtins_module = wk_module_new("builtins");
    if (!wk_vm_builtins_module) return false;
    wk_obj *bd = wk_module_dict(wk_vm_builtins_module);
    wk_vm_state.builtins = bd;
    wk_obj_incref(bd);
    if (!(wk_vm_state.modules = wk_dict_new())) return false;
    if (!wk_builtins_init(bd) || !wk_exc_add_builtins(bd) || !wk_vm_builtins_init(bd)) return false;
    if (wk_dict_set_s(wk_vm_state.modules, "builtins", wk_objv(wk_vm_builtins_module)) < 0) return false;
    wk_register_native_module("sys", wk_mod_sys_init);
    wk_register_native_module("math", wk_mod_math_init);
    wk_register_native_module("random", wk_mod_random_init);
    wk_register_native_module("time", wk_mod_time_init);
    wk_register_native_module("os", wk_mod_os_init);
    wk_register_native_module("_collections", wk_mod_collections_init);
    wk_register_native_module("_json", wk_mod_json_init);
    wk_register_native_module("IPython", wk_mod_ipython_init);
    wk_value sys = wk_import("sys");
    if (WK_IS_NULL(sys)) return false;
    wk_decref(sys);
    return wk_sysmod_set_argv(argc, argv) && init_main(argc, argv);
}

/* Clears every module namespace so that cycles through globals are broken. */
static void clear_modules(void) {
    wk_obj *mods = wk_vm_state.modules;
    if (!mods) return;
    int64_t pos = 0;
    wk_value k, m;
    while (wk_dict_next(mods, &pos, &k, &m)) {
        if (!WK_IS_OBJ(m) || m.u.o->type != &wk_type_module) continue;
        wk_obj *d = wk_module_dict(m.u.o);
        int64_t p2 = 0;
        wk_value k2, v2;
        while (wk_dict_next(d, &p2, &k2, &v2)) {
            if (WK_IS_OBJ(v2)) {
                wk_incref(k2);
                if (wk_dict_set(d, k2, WK_NONEV) < 0) wk_err_clear();
                wk_decref(k2);
            }
        }
    }
}

void wk_fini(void) {
    fflush(stdout);
    fflush(stderr);
    wk_err_clear();
    wk_obj_decref(wk_vm_state.exc_info);
    wk_vm_state.exc_info = NULL;
    clear_modules();
    wk_obj_decref(main_module);
    main_module = NULL;
    wk_vm_state.main_dict = NULL;
    wk_obj_decref(wk_vm_state.modules);
    wk_vm_state.modules = NULL;
    wk_obj_decref(wk_vm_state.builtins);
    wk_vm_state.builtins = NULL;
    wk_obj_decref(wk_vm_builtins_module);
    wk_vm_builtins_module = NULL;
    wk_tb_fini();
    wk_sys_fini();
    wk_import_fini();
    wk_vm_frames_fini();
}

/* ---------------------------------------------------------------- running cells */

bool wk_vm_display_default(wk_value v, void *ctx) {
    (void)ctx;
    if (WK_IS_NONE(v)) return true;
    wk_obj *bd = wk_vm_state.builtins;
    if (wk_dict_set_s(bd, "_", WK_NONEV) < 0) return false;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (!wk_repr_to(&sb, v)) { wk_sbuf_free(&sb); return false; }
    wk_sbuf_addc(&sb, '\n');
    bool ok = wk_write_stdout(sb.data, sb.len);
    wk_sbuf_free(&sb);
    return ok && wk_dict_set_s(bd, "_", v) == 0;
}

/* Source of REPL cells and Jupyter cells is kept for tracebacks; CPython shows no source
 * for <stdin> and <string>. */
bool wk_vm_keep_source(const char *filename) {
    return filename[0] == '<' && strcmp(filename, "<stdin>") && strcmp(filename, "<string>");
}

static bool run_source(const char *src, size_t len, const char *filename, wk_obj *globals,
                       wk_mode mode, wk_value *result) {
    wk_obj *code = wk_compile_source(src, len, filename, mode, wk_vm_keep_source(filename));
    if (!code) return false;
    wk_value r = wk_eval_code(code, globals, NULL);
    wk_obj_decref(code);
    if (WK_IS_NULL(r)) return false;
    if (result) *result = r;
    else wk_decref(r);
    return true;
}

bool wk_exec_cell(const char *src, size_t len, const char *filename, wk_obj *globals,
                  wk_mode mode, wk_value *last_value) {
    if (!globals) globals = wk_vm_state.main_dict;
    if (!filename) filename = "<string>";
    if (!last_value) return run_source(src, len, filename, globals, mode, NULL);
    *last_value = WK_NULLV;
    bool has_expr = false;
    wk_obj *code = wk_compile_source_cell(src, len, filename, true, &has_expr);
    if (!code) return false;
    wk_value v = wk_eval_code(code, globals, NULL);
    wk_obj_decref(code);
    if (WK_IS_NULL(v)) return false;
    if (has_expr && !WK_IS_NONE(v)) *last_value = v;
    else wk_decref(v);
    return true;
}

bool wk_handle_system_exit(int *status) {
    if (!wk_err_matches(wk_exc_SystemExit)) return false;
    wk_obj *e = wk_err_fetch();
    wk_obj *args = ((wk_exc *)e)->args;
    wk_value code = WK_NONEV;
    if (args && WK_TUPLE(args)->len == 1) code = WK_TUPLE(args)->items[0];
    else if (args && WK_TUPLE(args)->len > 1) code = wk_objv(args);
    if (WK_IS_NONE(code)) {
        *status = 0;
    } else if (WK_IS_INT(code) || WK_IS_BOOL(code)) {
        *status = (int)code.u.i;
    } else {
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        if (!wk_str_to(&sb, code)) wk_err_clear();
        wk_sbuf_addc(&sb, '\n');
        wk_write_stderr(sb.data, sb.len);
        wk_sbuf_free(&sb);
        *status = 1;
    }
    wk_obj_decref(e);
    wk_err_clear();
    fflush(stdout);
    return true;
}

wk_cell_status wk_cell_is_complete(const char *src, size_t len, int *indent) {
    int ind = 0;
    wk_completeness c = wk_parse_is_complete(src, len, &ind);
    if (indent) *indent = ind;
    return c == WK_COMPLETE ? WK_CELL_COMPLETE : c == WK_INCOMPLETE ? WK_CELL_INCOMPLETE : WK_CELL_INVALID;
}
