/* init.h — start-up hooks of each part of the interpreter, called in this order by
 * wk_types_init (typesinit.c) and wk_init (interp.c). Each returns false with an
 * exception pending on failure. */
#ifndef WK_INIT_H
#define WK_INIT_H
#include "object.h"

bool wk_object_types_init(void);      /* object, type, None, bool, int, float, singletons,
                                         cfunction, descriptors, super, exceptions (core) */
bool wk_str_types_init(void);         /* str, bytes (str) */
bool wk_container_types_init(void);   /* list, tuple, dict(+views), set, frozenset, range,
                                         slice, iterator types (containers) */
bool wk_compiler_types_init(void);    /* code (compiler) */
bool wk_vm_types_init(void);          /* function, method, cell, module, generator (vm) */

/* Filling the builtins module's dict (called by wk_init after the types). */
bool wk_builtins_init(wk_obj *builtins_dict);     /* functions + type names (containers) */
bool wk_exc_add_builtins(wk_obj *builtins_dict);  /* exception classes, NotImplemented,
                                                     Ellipsis (core) */
bool wk_vm_builtins_init(wk_obj *builtins_dict);  /* __build_class__, __import__, exec,
                                                     eval, compile, globals, locals (vm) */

/* Native standard modules, registered with wk_register_native_module by wk_init. */
wk_obj *wk_mod_sys_init(void);        /* vm */
wk_obj *wk_mod_math_init(void);       /* modules */
wk_obj *wk_mod_random_init(void);     /* modules */
wk_obj *wk_mod_time_init(void);       /* modules */
wk_obj *wk_mod_os_init(void);         /* modules (os and os.path) */
wk_obj *wk_mod_collections_init(void); /* stdlib: _collections (OrderedDict views) */
wk_obj *wk_mod_json_init(void);        /* stdlib: _json (the encoder and scanner) */
bool wk_genericalias_init(void);        /* list[int], int | None (genericalias.c) */
/* (added by kernel) IPython's display API (mod_ipython.c): the package "IPython"
 * registers "IPython.display", "IPython.core" and "IPython.core.display" itself. */
wk_obj *wk_mod_ipython_init(void);
wk_obj *wk_mod_ipython_display_init(void);

#endif
