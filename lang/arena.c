/* arena.c — bump allocator: a chain of malloc'd blocks freed all at once. */
#include "arena.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WK_ARENA_BLOCK 65536
#define WK_ARENA_ALIGN 16

typedef struct wk_arena_block {
    struct wk_arena_block *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
} wk_arena_block;

struct wk_arena {
    wk_arena_block *head;
    size_t total;
};

wk_arena *wk_arena_new(void) { return calloc(1, sizeof(wk_arena)); }

void wk_arena_free(wk_arena *a) {
    if (!a) return;
    wk_arena_block *b = a->head;
    while (b) {
        wk_arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

static wk_arena_block *arena_grow(wk_arena *a, size_t need) {
    size_t cap = need > WK_ARENA_BLOCK ? need : WK_ARENA_BLOCK;
    if (cap > SIZE_MAX - sizeof(wk_arena_block)) return NULL;
    wk_arena_block *b = malloc(sizeof(wk_arena_block) + cap);
    if (!b) return NULL;
    b->cap = cap;
    b->used = 0;
    if (need > WK_ARENA_BLOCK && a->head) {
        /* a big request gets its own block behind the current one, so the
           current block's free space stays usable */
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b;
}

void *wk_arena_alloc(wk_arena *a, size_t size) {
    if (!a) return NULL;
    if (size == 0) size = 1;
    if (size > SIZE_MAX - WK_ARENA_ALIGN) return NULL;
    size = (size + WK_ARENA_ALIGN - 1) & ~(size_t)(WK_ARENA_ALIGN - 1);
    wk_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        b = arena_grow(a, size);
        if (!b) return NULL;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *wk_arena_strndup(wk_arena *a, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *p = wk_arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

size_t wk_arena_used(const wk_arena *a) { return a ? a->total : 0; }
