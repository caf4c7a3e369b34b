/* arena.h — bump allocator that owns an AST and everything the parser allocates for it. */
#ifndef WK_ARENA_H
#define WK_ARENA_H
#include <stddef.h>

typedef struct wk_arena wk_arena;

/* Creates an empty arena; NULL when out of memory. */
wk_arena *wk_arena_new(void);
/* Frees every block the arena handed out, and the arena itself. NULL is fine. */
void wk_arena_free(wk_arena *a);
/* Zero-filled, 16-byte aligned memory that lives until wk_arena_free; NULL when out of memory. */
void *wk_arena_alloc(wk_arena *a, size_t size);
/* Copies n bytes and appends a NUL; NULL when out of memory. */
char *wk_arena_strndup(wk_arena *a, const char *s, size_t n);
/* Bytes handed out so far (for statistics and tests). */
size_t wk_arena_used(const wk_arena *a);

#endif
