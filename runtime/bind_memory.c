/* bind_memory.c — the %memory magic's statistics provider: the tensor runtime's allocator counters (allocated, reserved, peaks) for the CPU and each registered CUDA device. */
#include <stdio.h>
#include "magic.h"
#include "modules.h"
#include "backend.h"

static void fill_row(wk_magic_memrow *r, const wk_backend *b, int index, const char *name) {
    wk_memstats st = { 0 };
    b->memory_stats(index, &st);
    snprintf(r->device, sizeof r->device, "%s", name);
    r->allocated = st.allocated;
    r->reserved = st.reserved;
    r->peak_allocated = st.peak_allocated;
    r->peak_reserved = st.peak_reserved;
}

/* One row per device: cpu, then cuda:0.. when the CUDA backend is loaded. */
int wk_bind_memory_rows(wk_magic_memrow *rows, int cap) {
    int n = 0;
    const wk_backend *cpu = wk_backend_cpu();
    if (cpu && n < cap) {
        fill_row(&rows[n++], cpu, 0, "cpu");
    }
    wk_device cuda = { WK_DEV_CUDA, 0 };
    int ncuda = wk_backend_device_count(WK_DEV_CUDA);
    const wk_backend *b = ncuda > 0 ? wk_backend_get(cuda) : NULL;
    for (int i = 0; b && i < ncuda && n < cap; i++, n++) {
        char name[16];
        snprintf(name, sizeof name, "cuda:%d", i);
        fill_row(&rows[n], b, i, name);
    }
    return n;
}
