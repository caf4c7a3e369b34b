/* vm.h — the interpreter: compiling source to code objects, running them, function,
 * cell, class and generator objects, the interrupt flag, tracebacks, and the embedding
 * API used by the REPL, the script runner, the Jupyter kernel and the tests. */
#ifndef WK_VM_H
#define WK_VM_H

#include <signal.h>
#include "object.h"
#include "code.h"

/* ---------------------------------------------------------------- compiling */

typedef enum { WK_MODE_EXEC, WK_MODE_SINGLE, WK_MODE_EVAL } wk_mode;  /* = wk_parse_mode */

/* Parses and compiles source to a module-level code object. On a syntax error raises
 * SyntaxError/IndentationError/TabError whose attributes (msg, filename, lineno, offset,
 * text, end_lineno, end_offset) are those CPython sets; the traceback printer shows
 * the caret line from them. keep_source: store the text in the code object so
 * tracebacks can quote lines of a REPL cell or -c string. */
wk_obj *wk_compile_source(const char *src, size_t len, const char *filename, wk_mode mode,
                          bool keep_source);
/* Notebook cells (compiler, additive): compiles src as EXEC with the source kept; when
 * return_last_expr is true and the cell's last top-level statement is an expression
 * statement, the module code RETURNS that expression's value (otherwise it returns None).
 * *ends_with_expr (may be NULL) is set to whether that happened. */
wk_obj *wk_compile_source_cell(const char *src, size_t len, const char *filename,
                               bool return_last_expr, bool *ends_with_expr);
/* Disassembles a code object and the code objects among its constants (debugging,
 * `wick --dis FILE`), in the layout of CPython's dis module. */
void wk_dis(wk_sbuf *sb, wk_obj *code);

/* ---------------------------------------------------------------- objects of the VM */

typedef struct wk_cell { wk_obj ob; wk_value value; /* WK_NULL = empty */ } wk_cell;
wk_obj *wk_cell_new(wk_value v);

typedef struct wk_function {
    wk_obj ob;
    wk_obj *code;        /* wk_code */
    wk_obj *globals;     /* dict */
    wk_obj *builtins;    /* dict */
    wk_obj *name;        /* str */
    wk_obj *qualname;    /* str */
    wk_obj *defaults;    /* tuple or NULL */
    wk_obj *kwdefaults;  /* dict or NULL */
    wk_obj *closure;     /* tuple of cells or NULL */
    wk_obj *doc;         /* str or NULL */
    wk_obj *dict;        /* function attributes, lazily created */
    wk_obj *module;      /* str: __module__ */
    wk_obj *annotations; /* __annotations__: a dict, MAKE_FUNCTION's (name, value, ...)
                            tuple until first read, or NULL */
} wk_function;

/* Bound method: a function (or any callable) with its self. */
typedef struct wk_method { wk_obj ob; wk_value func; wk_value self; } wk_method;
wk_value wk_method_new(wk_value func, wk_value self);

/* ---------------------------------------------------------------- running */

typedef struct wk_vm {
    wk_obj *builtins;        /* the builtins module's dict */
    wk_obj *modules;         /* sys.modules */
    wk_obj *main_dict;       /* __main__'s dict: the REPL/kernel namespace */
    int recursion_depth;
    int recursion_limit;     /* sys.getrecursionlimit(), default 1000 */
    wk_obj *exc_info;        /* the exception being handled (sys.exc_info()[1]) or NULL */
    /* Display hook for PRINT_EXPR (REPL echo, Jupyter execute_result); NULL: print repr
     * to sys.stdout. Sets builtins._ as CPython does. Returns false with an exception. */
    bool (*displayhook)(wk_value v, void *ctx);
    void *displayhook_ctx;
    /* Output hooks for sys.stdout / sys.stderr writes (Jupyter streams, tests); NULL:
     * write to the file descriptors 1/2. */
    void (*write_hook)(int fd, const char *s, size_t n, void *ctx);
    void *write_hook_ctx;
    /* input() hook (Jupyter input_request); NULL: read stdin. Returns a malloc'd line
     * without the newline, or NULL at EOF (EOFError) / with an exception pending. */
    char *(*input_hook)(const char *prompt, bool password, void *ctx);
    void *input_hook_ctx;
} wk_vm;

extern wk_vm wk_vm_state;

/* Set from a signal handler or another thread; polled by the VM at backward jumps and
 * calls (and by long native loops through wk_check_interrupt), which raise
 * KeyboardInterrupt. */
extern volatile sig_atomic_t wk_interrupt_pending;
void wk_request_interrupt(void);      /* async-signal-safe */
bool wk_check_interrupt(void);        /* false with KeyboardInterrupt raised */

/* Starts the interpreter: types, builtins, sys (argv), __main__. */
bool wk_init(int argc, char **argv);
void wk_fini(void);

/* Runs a code object in the given globals (locals: NULL = same dict). */
wk_value wk_eval_code(wk_obj *code, wk_obj *globals, wk_obj *locals);
/* Calls a wick function object (used by wk_call). */
wk_value wk_function_call(wk_value func, const wk_value *args, int nargs, wk_obj *kwnames);

/* Writes to sys.stdout / sys.stderr honouring write_hook and redirection of sys.stdout
 * to a user object with .write(). */
bool wk_write_stdout(const char *s, size_t n);
bool wk_write_stderr(const char *s, size_t n);

/* Prints the pending exception CPython-style to sys.stderr ("Traceback (most recent call
 * last):", File lines with source and 3.11 carets, chained causes/contexts,
 * "Type: message") and clears it. SystemExit is not handled here. */
void wk_err_print(void);
/* Formats an exception the same way into sb (for Jupyter's traceback field). */
void wk_exc_format(wk_sbuf *sb, wk_obj *exc);

/* ---------------------------------------------------------------- embedding */

/* Executes a cell/script text in globals (a dict; NULL = __main__). mode SINGLE echoes
 * expression statements through the display hook (REPL); mode EXEC runs it as a
 * script. When last_value is non-NULL and the final statement of the cell is an
 * expression, that expression's value is returned there instead of being displayed
 * (Jupyter execute_result); otherwise *last_value = WK_NULL. Returns false with an
 * exception pending on error. */
bool wk_exec_cell(const char *src, size_t len, const char *filename, wk_obj *globals,
                  wk_mode mode, wk_value *last_value);

/* REPL/Jupyter helpers. */
typedef enum { WK_CELL_COMPLETE, WK_CELL_INCOMPLETE, WK_CELL_INVALID } wk_cell_status;
wk_cell_status wk_cell_is_complete(const char *src, size_t len, int *indent);
/* Completion candidates for the text before cursor_pos (a code-point offset): returns a
 * list of str (new ref) and sets *start and *end (code points) of the replaced span. */
wk_obj *wk_complete(const char *src, size_t len, int64_t cursor_pos, wk_obj *globals,
                    int64_t *start, int64_t *end);
/* Docstring and signature text for the name at the cursor; NULL if none. */
wk_value wk_inspect(const char *src, size_t len, int64_t cursor_pos, wk_obj *globals);

/* Handles SystemExit: returns true and sets *status when the pending exception is a
 * SystemExit (printing its message when it is not an int, as CPython does). */
bool wk_handle_system_exit(int *status);

#endif
