/* modules.h — registers everything runtime/ adds to the language's module table. */
#ifndef WK_RT_MODULES_H
#define WK_RT_MODULES_H
/* Registers `torch` (with torch.cuda, torch.autograd, ...), the embedded wick-source
 * modules (torch.nn, torch.optim, torch.utils.data) and the checkpoint modules. Call
 * before wk_init (the registry is static); safe to call more than once. */
void wk_runtime_register_modules(void);
/* Generated from runtime/python by tools/embed_py.sh (build/gen/pysrc.c). */
void wk_runtime_register_sources(void);
/* The %memory magic's rows (lang/magic.h): allocator statistics of the CPU and each CUDA
 * device (bind_memory.c); installed as wk_magic_memory_provider at registration. */
struct wk_magic_memrow;
int wk_bind_memory_rows(struct wk_magic_memrow *rows, int cap);
#endif
