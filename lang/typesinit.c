/* typesinit.c — start-up of the built-in types: wk_types_init runs the init hooks of
 * lang/init.h (str, containers, the object core, compiler, vm) and readies every type. */
#include "objimpl.h"
#include "init.h"

/* The object core needs str and dict to fill type dicts, so it runs after the str and
 * container hooks (their types are static and usable before being made ready). */
bool wk_object_types_init(void) {
    return wk_type_init_core() && wk_descr_types_init() && wk_number_types_init() &&
           wk_exc_types_init();
}

bool wk_types_init(void) {
    static wk_type *const all[] = {
        &wk_type_object, &wk_type_type, &wk_type_none, &wk_type_bool, &wk_type_int,
        &wk_type_float, &wk_type_str, &wk_type_bytes, &wk_type_list, &wk_type_tuple,
        &wk_type_dict, &wk_type_set, &wk_type_frozenset, &wk_type_range, &wk_type_slice,
        &wk_type_function, &wk_type_cfunction, &wk_type_method, &wk_type_module,
        &wk_type_code, &wk_type_cell, &wk_type_generator, &wk_type_property,
        &wk_type_staticmethod, &wk_type_classmethod, &wk_type_super,
        &wk_type_notimplemented, &wk_type_ellipsis, &wk_type_dict_keys,
        &wk_type_dict_values, &wk_type_dict_items,
    };
    if (!wk_str_types_init() || !wk_container_types_init() || !wk_object_types_init() ||
        !wk_compiler_types_init() || !wk_vm_types_init())
        return false;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!wk_type_ready(all[i])) return false;
    return true;
}
