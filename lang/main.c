/* main.c — the `wick` command line: script runner, -c, stdin, REPL, --version, -h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm.h"
#include "repl.h"
#include "version.h"
#include "kernel/kernel.h"
#include "runtime/modules.h"

static const char usage_text[] =
    "usage: wick [option] ... [-c cmd | file | -] [arg] ...\n"
    "Options:\n"
    "  -c cmd   program passed in as string (terminates option list)\n"
    "  -h       print this help message and exit (also --help)\n"
    "  -V       print the version number and exit (also --version)\n"
    "  --dis F  print the bytecode of file F and exit\n"
    "  kernel -f CONNECTION_FILE   run as a Jupyter kernel\n"
    "  file     program read from script file\n"
    "  -        program read from stdin (default; interactive mode if a tty)\n"
    "  arg ...  arguments passed to program in sys.argv[1:]\n";

/* Reads a whole stream; NULL with errno set on failure. */
static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); errno = ENOMEM; return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) { free(buf); return NULL; }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Runs source as __main__; returns the process exit status. */
static int run_source(const char *src, size_t len, const char *filename) {
    if (wk_exec_cell(src, len, filename, NULL, WK_MODE_EXEC, NULL)) return 0;
    int status = 1;
    if (!wk_handle_system_exit(&status)) wk_err_print();
    return status;
}

static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        char *abs = realpath(path, NULL);
        fprintf(stderr, "wick: can't open file '%s': [Errno %d] %s\n",
                abs ? abs : path, errno, strerror(errno));
        free(abs);
        return 2;
    }
    size_t len = 0;
    char *src = read_all(f, &len);
    fclose(f);
    if (!src) { fprintf(stderr, "wick: can't read '%s': %s\n", path, strerror(errno)); return 2; }
    /* CPython names the main script by its absolute path in tracebacks. */
    char *abs = realpath(path, NULL);
    int rc = run_source(src, len, abs ? abs : path);
    free(abs);
    free(src);
    return rc;
}

static int run_stdin(void) {
    if (isatty(0)) return wk_repl_run();
    size_t len = 0;
    char *src = read_all(stdin, &len);
    if (!src) { perror("wick: stdin"); return 2; }
    int rc = run_source(src, len, "<stdin>");
    free(src);
    return rc;
}

/* wick --dis FILE: compile and disassemble (debugging aid). */
void wk_dis(wk_sbuf *sb, wk_obj *code);
static int dis_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "wick: can't open file '%s': %s\n", path, strerror(errno)); return 2; }
    size_t len = 0;
    char *src = read_all(f, &len);
    fclose(f);
    if (!src) return 2;
    wk_obj *code = wk_compile_source(src, len, path, WK_MODE_EXEC, false);
    free(src);
    if (!code) { wk_err_print(); return 1; }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_dis(&sb, code);
    fwrite(sb.data ? sb.data : "", 1, sb.len, stdout);
    wk_sbuf_free(&sb);
    wk_obj_decref(code);
    return 0;
}

static int start(int argc, char **argv, int first_arg) {
    if (!wk_init(argc - first_arg, argv + first_arg)) {
        fprintf(stderr, "wick: failed to start the interpreter\n");
        if (wk_err_occurred()) wk_err_print();
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int rc;
    wk_runtime_register_modules();
    /* The kernel starts and stops the interpreter itself. */
    if (argc >= 2 && !strcmp(argv[1], "kernel")) return wk_kernel_main(argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (argc >= 2 && (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))) {
        printf("wick %s (Python %s subset)\n", WK_VERSION, WK_PY_VERSION);
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "-c")) {
        if (argc < 3) {
            fprintf(stderr, "Argument expected for the -c option\n%s", usage_text);
            return 2;
        }
        char *code = argv[2];
        argv[2] = "-c";   /* sys.argv == ['-c', args...] as in CPython */
        if ((rc = start(argc, argv, 2))) return rc;
        rc = run_source(code, strlen(code), "<string>");
    } else if (argc >= 2 && !strcmp(argv[1], "--dis")) {
        if (argc < 3) { fputs(usage_text, stderr); return 2; }
        if ((rc = start(argc, argv, 2))) return rc;
        rc = dis_file(argv[2]);
    } else if (argc >= 2 && argv[1][0] == '-' && argv[1][1] != 0) {
        fprintf(stderr, "Unknown option: %s\n%s", argv[1], usage_text);
        return 2;
    } else if (argc >= 2 && strcmp(argv[1], "-") != 0) {
        if ((rc = start(argc, argv, 1))) return rc;
        rc = run_file(argv[1]);
    } else {
        static char *empty_argv[] = { "", NULL };
        if (argc >= 2) rc = start(argc, argv, 1);      /* wick - args: argv[0] == '-' */
        else rc = start(1, empty_argv, 0);
        if (rc) return rc;
        rc = run_stdin();
    }
    fflush(stdout);
    wk_fini();
    return rc;
}
