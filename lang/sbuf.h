/* sbuf.h — growable byte buffer used everywhere text is built (repr, formatting, errors). */
#ifndef WK_SBUF_H
#define WK_SBUF_H
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>

typedef struct wk_sbuf {
    char *data;   /* always NUL-terminated once anything was added (or after init) */
    size_t len;
    size_t cap;
    bool oom;     /* set when an allocation failed; further adds are ignored */
} wk_sbuf;

void wk_sbuf_init(wk_sbuf *sb);
void wk_sbuf_free(wk_sbuf *sb);
void wk_sbuf_clear(wk_sbuf *sb);
bool wk_sbuf_reserve(wk_sbuf *sb, size_t extra);
void wk_sbuf_add(wk_sbuf *sb, const char *s, size_t n);
void wk_sbuf_adds(wk_sbuf *sb, const char *s);
void wk_sbuf_addc(wk_sbuf *sb, char c);
void wk_sbuf_addrep(wk_sbuf *sb, char c, size_t count);
void wk_sbuf_printf(wk_sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wk_sbuf_vprintf(wk_sbuf *sb, const char *fmt, va_list ap);
/* Hands the buffer to the caller (malloc'd, NUL-terminated) and resets sb. */
char *wk_sbuf_take(wk_sbuf *sb, size_t *len_out);

#endif
