/* repl.c — the interactive loop: readline editing and history, `...` continuation,
 * tab completion, Ctrl-C handling, echo of expression results, IPython-style magics
 * (magic.c; %load fills the next prompt). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>
#include "vm.h"
#include "repl.h"
#include "magic.h"
#include "version.h"

static volatile sig_atomic_t repl_sigint;   /* Ctrl-C while editing a line */
static bool repl_executing;                 /* Ctrl-C while running code */

static char *line_done;      /* the line readline handed back, or NULL */
static char *next_input;     /* %load's text, put into the next prompt's line */
static bool line_prefilled;  /* the cell being read started from next_input */
static bool line_ready, line_eof;

static void on_sigint(int sig) {
    (void)sig;
    if (repl_executing) wk_request_interrupt();
    else repl_sigint = 1;
}

static void install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);   /* no SA_RESTART: select() returns EINTR */
}

static void on_line(char *line) {
    line_done = line;
    line_ready = true;
    line_eof = (line == NULL);
    rl_callback_handler_remove();
}

/* Reads one line with the given prompt. Returns a malloc'd line, NULL at EOF; sets
 * *interrupted (and returns NULL) when Ctrl-C was pressed. */
static char *read_line(const char *prompt, bool *interrupted) {
    *interrupted = false;
    line_ready = false;
    line_eof = false;
    line_done = NULL;
    repl_sigint = 0;
    rl_callback_handler_install(prompt, on_line);
    if (next_input) {
        line_prefilled = true;
        rl_insert_text(next_input);
        rl_redisplay();
        free(next_input);
        next_input = NULL;
    }
    while (!line_ready) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream ? rl_instream : stdin), &fds);
        int r = select(fileno(rl_instream ? rl_instream : stdin) + 1, &fds, NULL, NULL, NULL);
        if (repl_sigint) {
            repl_sigint = 0;
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            fputs("\nKeyboardInterrupt\n", stdout);
            fflush(stdout);
            *interrupted = true;
            return NULL;
        }
        if (r < 0) {
            if (errno == EINTR) continue;
            rl_callback_handler_remove();
            return NULL;
        }
        rl_callback_read_char();
    }
    return line_eof ? NULL : line_done;
}

/* ---------------------------------------------------------------- completion */

static wk_obj *compl_list;
static int64_t compl_index;

/* Byte offset -> code point count for the first n bytes of s. */
static int64_t cp_count(const char *s, size_t n) {
    int64_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

static char *compl_generator(const char *text, int state) {
    (void)text;
    if (!compl_list) return NULL;
    if (state == 0) compl_index = 0;
    wk_list *l = WK_LIST(compl_list);
    while (compl_index < l->len) {
        wk_value v = l->items[compl_index++];
        if (wk_is_str(v)) return strdup(wk_str_cstr(v));
    }
    return NULL;
}

static char **repl_complete(const char *text, int start, int end) {
    (void)start;
    rl_attempted_completion_over = 1;
    if (compl_list) { wk_obj_decref(compl_list); compl_list = NULL; }
    int64_t s = 0, e = 0;
    int64_t cursor = cp_count(rl_line_buffer, (size_t)end);
    compl_list = wk_complete(rl_line_buffer, strlen(rl_line_buffer), cursor, NULL, &s, &e);
    if (!compl_list) { wk_err_clear(); return NULL; }
    (void)text;
    return rl_completion_matches(text, compl_generator);
}

/* ---------------------------------------------------------------- the loop */

static char *history_path(void) {
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    size_t n = strlen(home) + 32;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/.wick_history", home);
    return p;
}

static bool set_next_input(const char *text, size_t len, void *ctx) {
    (void)ctx;
    while (len && text[len - 1] == '\n') len--;
    free(next_input);
    next_input = strndup(text, len);
    return true;
}

/* "UsageError: msg" without a traceback, as IPython prints it. */
static void print_usage_error(void) {
    wk_obj *exc = wk_err_fetch();
    wk_value msg = wk_str(wk_objv(exc));
    if (WK_IS_NULL(msg)) wk_err_clear();
    fprintf(stderr, "UsageError: %s\n", wk_is_str(msg) ? wk_str_cstr(msg) : "");
    wk_decref(msg);
    wk_obj_decref(exc);
}

/* Executes one complete cell (after the magic transform); returns false when the REPL
 * must exit (sys.exit). */
static bool run_cell(const char *src, size_t len, int *status) {
    repl_executing = true;
    wk_interrupt_pending = 0;
    wk_magic_record_input(src, len);
    size_t tlen = 0;
    char *transformed = wk_magic_transform(src, len, &tlen);
    /* a %load-ed text holds several statements: run it as a cell, echo its last value */
    wk_value last = WK_NULLV;
    bool ok = wk_exec_cell(transformed ? transformed : src, transformed ? tlen : len, "<stdin>", NULL,
                           line_prefilled ? WK_MODE_EXEC : WK_MODE_SINGLE, line_prefilled ? &last : NULL);
    free(transformed);
    line_prefilled = false;
    if (ok && !WK_IS_NULL(last)) {
        wk_value r = wk_repr(last);
        ok = !WK_IS_NULL(r) && wk_write_stdout(wk_str_cstr(r), (size_t)WK_STR(r.u.o)->len) && wk_write_stdout("\n", 1);
        wk_decref(r);
    }
    wk_decref(last);
    repl_executing = false;
    fflush(stdout);
    if (ok) return true;
    if (wk_handle_system_exit(status)) return false;
    if (wk_magic_is_usage_error(wk_err_peek())) print_usage_error();
    else wk_err_print();
    return true;
}

/* Incomplete cells continue with `...`; magic lines count as complete statements. */
static bool cell_incomplete(const wk_sbuf *cell) {
    int indent = 0;
    return wk_magic_is_complete(cell->data, cell->len, &indent) == WK_CELL_INCOMPLETE;
}

static void add_line(wk_sbuf *cell, const char *line) {
    if (cell->len) wk_sbuf_addc(cell, '\n');
    wk_sbuf_adds(cell, line);
}

int wk_repl_run(void) {
    char *hist = history_path();
    rl_readline_name = "wick";
    rl_attempted_completion_function = repl_complete;
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(,[]+-*/%~^!:)}";
    rl_catch_signals = 0;
    using_history();
    if (hist) read_history(hist);
    install_sigint();
    printf("wick %s (Python %s subset) on linux\n"
           "Type help(object) for help, Ctrl-D to exit.\n", WK_VERSION, WK_PY_VERSION);
    wk_magic_state.set_next_input = set_next_input;
    if (!wk_magic_init()) wk_err_print();
    wk_sbuf cell;
    wk_sbuf_init(&cell);
    int status = 0;
    for (;;) {
        bool interrupted;
        char *line = read_line(cell.len ? "... " : ">>> ", &interrupted);
        if (interrupted) { wk_sbuf_clear(&cell); line_prefilled = false; continue; }
        if (!line) { putchar('\n'); break; }
        if (*line) add_history(line);
        add_line(&cell, line);
        free(line);
        if (cell_incomplete(&cell)) continue;
        bool go_on = run_cell(cell.data, cell.len, &status);
        wk_sbuf_clear(&cell);
        if (!go_on) break;
    }
    wk_sbuf_free(&cell);
    if (compl_list) wk_obj_decref(compl_list);
    free(next_input);
    next_input = NULL;
    if (hist) { write_history(hist); history_truncate_file(hist, 1000); free(hist); }
    return status;
}
