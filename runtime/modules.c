/* modules.c — registers the runtime's native and embedded modules with the language. */
#include "object.h"
#include "bind.h"
#include "modules.h"

void wk_runtime_register_modules(void) {
    wk_register_native_module("torch", wk_mod_torch_init);
    wk_runtime_register_sources();
}
