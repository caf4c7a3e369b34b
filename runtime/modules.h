/* modules.h — registers everything runtime/ adds to the language's module table. */
#ifndef WK_RT_MODULES_H
#define WK_RT_MODULES_H
/* Registers `torch` (with torch.cuda, torch.autograd, ...), the embedded wick-source
 * modules (torch.nn, torch.optim, torch.utils.data) and the checkpoint modules. Call
 * before wk_init (the registry is static); safe to call more than once. */
void wk_runtime_register_modules(void);
/* Generated from runtime/python by tools/embed_py.sh (build/gen/pysrc.c). */
void wk_runtime_register_sources(void);
#endif
