/* magic.h — IPython-style magics shared by the REPL and the Jupyter kernel: the cell transform (%line, %%cell, ?obj / obj?), the magics themselves, %history's record and the trailing-';' rule. */
#ifndef WK_MAGIC_H
#define WK_MAGIC_H

#include "object.h"
#include "vm.h"

/* What differs between front ends. Every hook may be NULL (then the REPL's behaviour:
 * pages and %load's text are printed to sys.stdout). Hooks return false with an
 * exception pending on error. */
typedef struct wk_magic_hooks {
    bool (*page)(const char *text, size_t len, void *ctx);               /* ?obj help */
    bool (*set_next_input)(const char *text, size_t len, void *ctx);     /* %load */
    void (*after_reset)(void *ctx);      /* %reset: re-create the front end's names */
    void *ctx;
} wk_magic_hooks;
extern wk_magic_hooks wk_magic_state;

/* Memory statistics for %memory, one row per device (filled by whoever links the
 * tensor runtime; NULL: "%memory" says no allocator is linked). Returns the number of
 * rows written (at most cap). */
typedef struct wk_magic_memrow {
    char device[32];
    int64_t allocated, reserved, peak_allocated, peak_reserved;
} wk_magic_memrow;
extern int (*wk_magic_memory_provider)(wk_magic_memrow *rows, int cap);

/* Installs the magic dispatcher in builtins and remembers the names now in __main__
 * (hidden from %who, as IPython hides its own). Call after the front end filled the
 * namespace. False with an exception pending on failure. */
bool wk_magic_init(void);

/* IPython's input transform: every logical line that starts with %name becomes a call
 * of the dispatcher at the same indentation, a first line %%name makes the whole cell a
 * cell magic, `?name` / `name?` / `name??` lines ask for help. Returns a malloc'd
 * source (NUL-terminated, *outlen bytes), or NULL when there is nothing to transform
 * (or no memory). Line numbers are kept. */
char *wk_magic_transform(const char *src, size_t len, size_t *outlen);

/* is_complete for front ends: the magic transform first (magic lines are complete), a
 * cell magic lasts until a blank line, and a last line of only blanks after a newline
 * ends an indented block (IPython's check_complete). */
wk_cell_status wk_magic_is_complete(const char *src, size_t len, int *indent);

/* True when the last significant token of the cell (comments and blank lines aside)
 * is ';': IPython then shows no result. */
bool wk_magic_quiet(const char *src, size_t len);

/* Appends a cell to %history's record (the text as typed). */
void wk_magic_record_input(const char *src, size_t len);

/* True when exc is a UsageError (front ends print "UsageError: msg" without a
 * traceback, as IPython does). */
bool wk_magic_is_usage_error(const wk_obj *exc);

/* Internal to magic*.c: the magics of magic_time.c (args: the line after the name;
 * cell: the cell body of %%name, or NULL) and raising UsageError. */
wk_value wk_magic_time(const char *args, const char *cell);
wk_value wk_magic_timeit(const char *args, const char *cell);
wk_value wk_magic_memory(const char *args, const char *cell);
wk_value wk_magic_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes sb to sys.stdout and frees it: None, or WK_NULL with an exception. */
wk_value wk_magic_print_sbuf(wk_sbuf *sb);

/* Frees the %history record (interpreter shutdown). */
void wk_magic_fini(void);

#endif
