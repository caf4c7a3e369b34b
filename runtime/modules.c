/* modules.c — registers the runtime's native and embedded modules with the language:
 * torch (bindings + torch.save/torch.load from the checkpoint code), safetensors.torch,
 * and the wick-source torch.nn / torch.optim / torch.utils.data. */
#include "object.h"
#include "bind.h"
#include "ckpt.h"
#include "modules.h"
#include "np.h"
#include "magic.h"

static wk_obj *torch_init(void) {
    wk_obj *m = wk_mod_torch_init();
    if (m && !wk_module_add_funcs(m, wk_ckpt_torch_funcs)) { wk_obj_decref(m); return NULL; }
    return m;
}

static const char safetensors_pkg[] =
    "\"\"\"safetensors: simple, safe tensor files (wick implements safetensors.torch).\"\"\"\n";

void wk_runtime_register_modules(void) {
    wk_register_native_module("torch", torch_init);
    wk_register_source_package("safetensors", safetensors_pkg);
    wk_register_native_module("safetensors.torch", wk_mod_safetensors_torch_init);
    wk_register_native_module("numpy", wk_mod_numpy_init);
    wk_runtime_register_sources();
    wk_magic_memory_provider = wk_bind_memory_rows;  /* %memory reads the allocators */
}
