/* test_vm.c — TAP tests of the VM's embedding API: wk_exec_cell (last value, display
 * hook, write hook), the interrupt flag, is_complete, completion, inspection, tracebacks. */
#include "../../lang/vm.h"
#include "tap.h"

static wk_sbuf out_buf, err_buf, shown;

static void write_hook(int fd, const char *s, size_t n, void *ctx) {
    (void)ctx;
    wk_sbuf_add(fd == 2 ? &err_buf : &out_buf, s, n);
}

static bool display_hook(wk_value v, void *ctx) {
    (void)ctx;
    return wk_repr_to(&shown, v) && (wk_sbuf_addc(&shown, ';'), true);
}

static const char *str_or(wk_sbuf *sb) { return sb->data ? sb->data : ""; }

static bool run(const char *src, wk_mode mode, wk_value *last) {
    return wk_exec_cell(src, strlen(src), "<cell>", NULL, mode, last);
}

static void test_exec(void) {
    wk_value last;
    tap_ok(run("x = 20\ny = x + 1\ny * 2", WK_MODE_EXEC, &last), "cell runs");
    tap_ok(WK_IS_INT(last) && last.u.i == 42, "last expression value returned");
    tap_ok(run("z = 1", WK_MODE_EXEC, &last) && WK_IS_NULL(last), "no value for an assignment");
    tap_ok(run("print('hi', x)", WK_MODE_EXEC, &last) && WK_IS_NULL(last), "None is not a last value");
    tap_is_str(str_or(&out_buf), "hi 20\n", "print goes through the write hook");
    wk_sbuf_clear(&out_buf);
    tap_ok(run("x\n", WK_MODE_SINGLE, NULL) && run("x + 1\n", WK_MODE_SINGLE, NULL), "single mode runs");
    tap_is_str(str_or(&shown), "20;21;", "single mode echoes through the display hook");
    wk_vm_state.displayhook = NULL;
    tap_ok(run("'abc'\n", WK_MODE_SINGLE, NULL) && run("None\n", WK_MODE_SINGLE, NULL), "default display hook");
    tap_is_str(str_or(&out_buf), "'abc'\n", "default hook prints repr, skips None");
    wk_sbuf_clear(&out_buf);
    tap_ok(run("import sys\nsys.stderr.write('e\\n')\n", WK_MODE_EXEC, NULL), "stderr write");
    tap_is_str(str_or(&err_buf), "e\n", "stderr through the write hook");
    wk_sbuf_clear(&err_buf);
}

static void test_errors(void) {
    tap_ok(!run("def f():\n    return 1/0\nf()\n", WK_MODE_EXEC, NULL), "error reported");
    wk_obj *e = wk_err_fetch();
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (e) wk_exc_format(&sb, e);
    tap_is_str(str_or(&sb),
               "Traceback (most recent call last):\n"
               "  File \"<cell>\", line 3, in <module>\n"
               "    f()\n"
               "  File \"<cell>\", line 2, in f\n"
               "    return 1/0\n"
               "           ~^~\n"
               "ZeroDivisionError: division by zero\n", "traceback of a kept-source cell");
    wk_sbuf_free(&sb);
    wk_obj_decref(e);
    tap_ok(!run("raise SystemExit(3)", WK_MODE_EXEC, NULL), "SystemExit raised");
    int status = 0;
    tap_ok(wk_handle_system_exit(&status) && status == 3, "SystemExit status 3");
    tap_ok(!wk_err_occurred(), "SystemExit cleared");
}

static void test_interrupt(void) {
    wk_request_interrupt();
    tap_ok(!run("i = 0\nwhile True:\n    i += 1\n", WK_MODE_EXEC, NULL), "interrupt stops a loop");
    tap_ok(wk_err_matches(wk_exc_KeyboardInterrupt), "KeyboardInterrupt raised");
    wk_err_clear();
    tap_ok(wk_check_interrupt(), "flag cleared");
}

static void test_complete(void) {
    int indent = -1;
    tap_ok(wk_cell_is_complete("x = 1", 5, &indent) == WK_CELL_COMPLETE, "complete");
    wk_cell_status st = wk_cell_is_complete("if x:\n", 6, &indent);
    tap_ok(st == WK_CELL_INCOMPLETE && indent == 4, "incomplete with indent 4");
    tap_ok(wk_cell_is_complete("x = = 1\n", 8, &indent) == WK_CELL_INVALID, "invalid");
    run("import math\nvalue_one = 1\nvalue_two = 2\n", WK_MODE_EXEC, NULL);
    int64_t s = 0, e = 0;
    wk_obj *l = wk_complete("value_", 6, 6, NULL, &s, &e);
    tap_ok(l && WK_LIST(l)->len == 2 && s == 0 && e == 6, "two global completions");
    wk_obj_decref(l);
    l = wk_complete("math.sq", 7, 7, NULL, &s, &e);
    tap_ok(l && WK_LIST(l)->len == 1 && s == 5 && e == 7
           && !strcmp(wk_str_cstr(WK_LIST(l)->items[0]), "sqrt"), "module member completion");
    wk_obj_decref(l);
    run("def g(a, b=2, *c, d, **e):\n    'doc of g'\n", WK_MODE_EXEC, NULL);
    wk_value info = wk_inspect("g(", 2, 2, NULL);
    tap_ok(wk_is_str(info) && strstr(wk_str_cstr(info), "g(a, b=2, *c, d, **e)")
           && strstr(wk_str_cstr(info), "doc of g"), "inspect gives signature and docstring");
    wk_decref(info);
}

int main(void) {
    wk_sbuf_init(&out_buf);
    wk_sbuf_init(&err_buf);
    wk_sbuf_init(&shown);
    char *argv[] = { "", NULL };
    if (!wk_init(1, argv)) tap_bail_out("wk_init failed");
    wk_vm_state.write_hook = write_hook;
    wk_vm_state.displayhook = display_hook;
    test_exec();
    test_errors();
    test_interrupt();
    test_complete();
    wk_fini();
    wk_sbuf_free(&out_buf);
    wk_sbuf_free(&err_buf);
    wk_sbuf_free(&shown);
    return tap_done_testing();
}
