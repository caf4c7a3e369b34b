/* vm_ops.h — slow-path helpers of the evaluation loop (vm_ops.c), private to the VM files. */
#ifndef WK_VM_OPS_H
#define WK_VM_OPS_H
#include "frame.h"

extern bool wk_vm_calling_native;      /* the next frame entry comes from native code */
extern wk_obj *wk_vm_builtins_module;  /* the builtins module (interp.c) */

/* Calls a wick function in a new frame; from_native says whether native code is the
 * caller (recursion accounting, "while calling a Python object"). */
wk_value wk_vm_call_function(wk_function *fn, const wk_value *args, int nargs, wk_obj *kwnames,
                             bool from_native);
/* Before `x = x + s` / `x += s` on a str: drops the reference the store target holds
 * when it is the left operand, so the concatenation can happen in place. */
void wk_vm_drop_store_target(wk_frame *f, wk_instr next, wk_value a);
bool wk_vm_list_extend(wk_obj *list, wk_value iterable);
bool wk_vm_set_update(wk_obj *set, wk_value iterable);
bool wk_vm_dict_update(wk_obj *dict, wk_value mapping);
bool wk_vm_dict_merge(wk_obj *dict, wk_value mapping, wk_value func);
/* Unpacks seq into dest[0..] (first item on top); after < 0: exactly `before` items. */
bool wk_vm_unpack(wk_value seq, int before, int after, wk_value *dest);
wk_value wk_vm_format_value(wk_value v, int conv, wk_value spec);
wk_value wk_vm_load_name(wk_frame *f, wk_obj *name);
bool wk_vm_delete_name(wk_obj *ns, wk_obj *name);
void wk_vm_unbound_local(wk_code *co, int i);
void wk_vm_unbound_deref(wk_code *co, int i);
void wk_vm_name_error(wk_obj *name);
wk_value wk_vm_load_classderef(wk_frame *f, int i);
/* 1: *m is an unbound method to call with o as first argument; 0: *m is the attribute. */
int wk_vm_load_method(wk_value o, wk_obj *name, wk_value *m);
wk_value wk_vm_call_ex(wk_value func, wk_value args, wk_value kwargs);
wk_value wk_vm_make_function(wk_frame *f, const wk_value *base, int flags);
/* Sends v into an iterator (yield from); *done when it finished (result returned). */
wk_value wk_vm_send(wk_value it, wk_value v, bool *done);
int wk_vm_exc_match(wk_value exc, wk_value type);
void wk_vm_do_raise(wk_value exc, wk_value cause);
bool wk_vm_setup_with(wk_value mgr, wk_value *exitfn, wk_value *result);
bool wk_vm_setup_annotations(wk_obj *ns);
bool wk_vm_prepare_globals(wk_obj *globals);
/* "f()" / "__main__.f()" naming of a callable for call error messages. */
void wk_vm_func_str(wk_sbuf *sb, wk_value func);
/* StopIteration's value (args[0] or None) from an exception object; new reference. */
wk_value wk_vm_stopiteration_value(wk_obj *exc);
void wk_vm_frames_fini(void);
/* Remembers where a NameError was raised so that its display can add CPython's
 * "Did you mean: 'x'?" (traceback.c); wk_tb_fini drops what it holds. */
void wk_tb_note_name_error(wk_obj *exc, wk_obj *name, wk_frame *f);
void wk_tb_fini(void);
/* Whether compiled code should keep its source text for tracebacks (interp.c). */
bool wk_vm_keep_source(const char *filename);
bool wk_func_types_init(void);
bool wk_gen_types_init(void);
bool wk_module_types_init(void);
bool wk_sys_types_init(void);
void wk_sys_fini(void);
#endif
