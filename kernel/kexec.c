/* kexec.c — execute_request: running a cell, execute_input/result (rich display; none after a trailing `;`)/error, IPython magics (UsageError), payloads (page, set_next_input), user_expressions, input() over stdin, and aborting queued requests after an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>
#include "vm.h"
#include "magic.h"
#include "kint.h"

/* ---------------------------------------------------------------- VM hooks */

static void write_hook(int fd, const char *s, size_t n, void *ctx) {
    wk_kstream_write(ctx, fd, s, n);
}

/* Drops stale input_replies (an earlier input() that was interrupted). */
static void drain_stdin(wk_kernel *k) {
    zmq_pollitem_t it = { k->stdin_sock, 0, ZMQ_POLLIN, 0 };
    while (zmq_poll(&it, 1, 0) > 0) {
        wk_kmsg m;
        int r = wk_kmsg_recv(k->stdin_sock, &k->sign, "stdin", &m);
        if (r < 0) return;
        if (r > 0) wk_kmsg_free(&m);
    }
}

/* Waits for input_reply; NULL with KeyboardInterrupt raised when interrupted. */
static char *await_input_reply(wk_kernel *k) {
    zmq_pollitem_t it = { k->stdin_sock, 0, ZMQ_POLLIN, 0 };
    for (;;) {
        if (atomic_load(&k->stop)) wk_request_interrupt();
        if (!wk_check_interrupt()) return NULL;
        if (zmq_poll(&it, 1, 100) <= 0) continue;
        wk_kmsg m;
        int r = wk_kmsg_recv(k->stdin_sock, &k->sign, "stdin", &m);
        if (r < 0) { wk_request_interrupt(); continue; }
        if (r == 0) continue;
        size_t len = 0;
        const char *value = wk_kernel_jstr(m.content, "value", &len);
        char *line = NULL;
        bool is_reply = !strcmp(m.msg_type, "input_reply");
        if (is_reply && (line = malloc(len + 1))) {
            if (value) memcpy(line, value, len);
            line[value ? len : 0] = 0;
        }
        if (!is_reply) wk_kernel_log("stdin: unexpected %s ignored", m.msg_type);
        wk_kmsg_free(&m);
        if (is_reply) return line ? line : (wk_raise_nomem(), NULL);
    }
}

static char *input_hook(const char *prompt, bool password, void *ctx) {
    wk_kernel *k = ctx;
    if (!k->allow_stdin || !k->current) {
        wk_raise(wk_exc_NotImplementedError,
                 "raw_input was called, but this frontend does not support input requests.");
        return NULL;
    }
    wk_kstream_flush(k);
    drain_stdin(k);
    const wk_kmsg *req = k->current;
    json_t *c = json_pack("{s:o, s:b}", "prompt", wk_kernel_jstring(prompt ? prompt : "", prompt ? strlen(prompt) : 0),
                          "password", password);
    wk_kmsg_send(k->stdin_sock, &k->sign, k->session, req->frames, req->nids, "input_request",
                 req->header, NULL, c);
    return await_input_reply(k);
}

void wk_kernel_install_hooks(wk_kernel *k) {
    wk_vm_state.write_hook = write_hook;
    wk_vm_state.write_hook_ctx = k;
    wk_vm_state.input_hook = input_hook;
    wk_vm_state.input_hook_ctx = k;
    wk_kernel_display_init(k);
}

/* ---------------------------------------------------------------- errors */

static json_t *str_json(wk_value s) {
    if (s.tag == WK_OBJ && s.u.o->type == &wk_type_str)
        return wk_kernel_jstring(WK_STR(s.u.o)->data, (size_t)WK_STR(s.u.o)->len);
    return json_string("");
}

/* Traceback text split into lines (no trailing empty line). */
static json_t *traceback_lines(wk_obj *exc) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_exc_format(&sb, exc);
    if (wk_err_occurred()) wk_err_clear();
    json_t *lines = json_array();
    const char *p = sb.data ? sb.data : "";
    const char *end = p + sb.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        json_array_append_new(lines, wk_kernel_jstring(p, n));
        p += n + (nl ? 1 : 0);
    }
    wk_sbuf_free(&sb);
    return lines;
}

/* {status:"error", ename, evalue, traceback} for the pending exception (cleared). */
static json_t *error_content(void) {
    wk_obj *exc = wk_err_fetch();
    if (!exc) return json_pack("{s:s, s:s, s:s, s:[]}", "status", "error", "ename", "SystemError",
                               "evalue", "error without an exception", "traceback");
    wk_value s = wk_str(wk_objv(exc));
    if (WK_IS_NULL(s)) wk_err_clear();
    bool usage = wk_magic_is_usage_error(exc);
    if (usage) {      /* IPython: "UsageError: msg" on stderr, no traceback */
        wk_value line = wk_str_fromf("UsageError: %s\n", wk_is_str(s) ? wk_str_cstr(s) : "");
        if (WK_IS_NULL(line) || !wk_write_stderr(wk_str_cstr(line), (size_t)WK_STR(line.u.o)->len)) wk_err_clear();
        wk_decref(line);
    }
    json_t *c = json_pack("{s:s, s:s, s:o, s:o}", "status", "error", "ename", exc->type->name,
                          "evalue", str_json(s), "traceback", usage ? json_array() : traceback_lines(exc));
    wk_decref(s);
    wk_obj_decref(exc);
    return c;
}

/* ---------------------------------------------------------------- running */

static void vm_enter(wk_kernel *k) { wk_interrupt_pending = 0; k->executing = 1; }
static void vm_leave(wk_kernel *k) { k->executing = 0; }

/* {status, data:{text/plain}, metadata} for one user expression. */
static json_t *eval_expression(wk_kernel *k, const char *src, size_t len) {
    vm_enter(k);
    wk_obj *code = wk_compile_source(src, len, "<user_expression>", WK_MODE_EVAL, false);
    wk_value v = code ? wk_eval_code(code, wk_vm_state.main_dict, NULL) : WK_NULLV;
    wk_obj_decref(code);
    wk_value r = WK_IS_NULL(v) ? WK_NULLV : wk_repr(v);
    wk_decref(v);
    vm_leave(k);
    if (WK_IS_NULL(r)) return error_content();
    json_t *c = json_pack("{s:s, s:{s:o}, s:{}}", "status", "ok", "data", "text/plain", str_json(r),
                          "metadata");
    wk_decref(r);
    return c;
}

static json_t *user_expressions(wk_kernel *k, const json_t *exprs) {
    json_t *out = json_object();
    const char *name;
    json_t *e;
    json_object_foreach((json_t *)exprs, name, e) {
        if (json_is_string(e))
            json_object_set_new(out, name, eval_expression(k, json_string_value(e), json_string_length(e)));
    }
    return out;
}

typedef struct cell_run {
    const char *code;
    size_t len;
    int count;
    bool silent, store;
} cell_run;

/* Runs the cell (after IPython's magic transform) and publishes its result (the mime
 * bundle of the last expression's value, through IPython's display protocol; none when
 * the cell ends with ';'). NULL on success, else the error content. */
static json_t *run_cell(wk_kernel *k, wk_kmsg *m, const cell_run *run) {
    char filename[48];
    snprintf(filename, sizeof filename, "<cell %d>", run->count);
    size_t tlen = 0;
    char *transformed = wk_magic_transform(run->code, run->len, &tlen);
    wk_value last = WK_NULLV, plain = WK_NULLV;
    vm_enter(k);
    bool ok = wk_exec_cell(transformed ? transformed : run->code, transformed ? tlen : run->len, filename, NULL,
                           WK_MODE_EXEC, &last);
    free(transformed);
    bool show = !run->silent && !wk_magic_quiet(run->code, run->len);
    if (ok && !WK_IS_NULL(last) && !WK_IS_NONE(last) && show) {
        ok = wk_kernel_publish_result(k, m->header, run->count, last, &plain);
        if (ok) wk_kernel_store_result(run->count, run->store, last);
    }
    wk_decref(last);
    vm_leave(k);
    if (!ok) return error_content();
    wk_kstream_flush(k);
    if (wk_is_str(plain) && run->store)
        wk_khist_set_output(&k->hist, run->count, wk_str_cstr(plain), (size_t)WK_STR(plain.u.o)->len);
    wk_decref(plain);
    return NULL;
}

static void reply_execute(wk_kernel *k, void *sock, wk_kmsg *m, json_t *content, const char *status) {
    char date[40];
    wk_kernel_now_iso(date);
    json_t *md = json_pack("{s:s, s:s, s:b}", "started", date, "status", status, "dependencies_met", 1);
    wk_kmsg_send(sock, &k->sign, k->session, m->frames, m->nids, "execute_reply", m->header, md, content);
}

void wk_kernel_execute(wk_kernel *k, void *sock, wk_kmsg *m) {
    cell_run run;
    run.code = wk_kernel_jstr(m->content, "code", &run.len);
    if (!run.code) { run.code = ""; run.len = 0; }
    run.silent = wk_kernel_jbool(m->content, "silent", false);
    run.store = !run.silent && wk_kernel_jbool(m->content, "store_history", true);
    bool stop_on_error = wk_kernel_jbool(m->content, "stop_on_error", true);
    k->allow_stdin = wk_kernel_jbool(m->content, "allow_stdin", true);
    if (run.store) k->execution_count++;
    run.count = k->execution_count;
    if (!run.silent)
        wk_kernel_publish(k, "execute_input", m->header,
                          json_pack("{s:o, s:i}", "code", wk_kernel_jstring(run.code, run.len),
                                    "execution_count", run.count));
    if (run.store) {
        wk_khist_add(&k->hist, run.count, run.code, run.len);
        wk_kernel_store_input(run.count, run.code, run.len);
        wk_magic_record_input(run.code, run.len);
    }
    wk_kstream_begin(k, m->header, run.silent);
    k->current = m;
    k->payload = json_array();
    json_t *err = run_cell(k, m, &run);
    json_t *payload = k->payload;
    k->payload = NULL;
    json_t *exprs = json_object_get(m->content, "user_expressions");
    json_t *ue = (!err && json_is_object(exprs)) ? user_expressions(k, exprs) : json_object();
    k->current = NULL;
    wk_kstream_end(k);
    if (err) {
        json_decref(payload);
        if (!run.silent && json_array_size(json_object_get(err, "traceback")))
            wk_kernel_publish(k, "error", m->header,
                              json_pack("{s:O, s:O, s:O}", "ename", json_object_get(err, "ename"),
                                        "evalue", json_object_get(err, "evalue"), "traceback",
                                        json_object_get(err, "traceback")));
        json_object_set_new(err, "execution_count", json_integer(run.count));
        json_object_set_new(err, "payload", json_array());
        json_object_set_new(err, "user_expressions", ue);
        reply_execute(k, sock, m, err, "error");
        if (stop_on_error) k->abort_queue = true;
        return;
    }
    reply_execute(k, sock, m,
                  json_pack("{s:s, s:i, s:o, s:o}", "status", "ok", "execution_count", run.count,
                            "payload", payload, "user_expressions", ue), "ok");
}

/* ---------------------------------------------------------------- aborting */

void wk_kernel_send_aborted(wk_kernel *k, void *sock, wk_kmsg *m) {
    wk_kernel_status(k, "busy", m->header);
    json_t *md = json_pack("{s:s}", "status", "aborted");
    json_t *c = json_pack("{s:s, s:i}", "status", "aborted", "execution_count", k->execution_count);
    wk_kmsg_send(sock, &k->sign, k->session, m->frames, m->nids, "execute_reply", m->header, md, c);
    wk_kernel_status(k, "idle", m->header);
}

/* After an error with stop_on_error: execute requests already waiting are answered
 * 'aborted' without running; other requests are served as usual. */
void wk_kernel_abort_queued(wk_kernel *k) {
    k->abort_queue = false;
    zmq_pollitem_t it = { k->shell, 0, ZMQ_POLLIN, 0 };
    while (!atomic_load(&k->stop) && zmq_poll(&it, 1, 0) > 0) {
        wk_kmsg m;
        int r = wk_kmsg_recv(k->shell, &k->sign, "shell", &m);
        if (r < 0) break;
        if (r == 0) continue;
        if (!strcmp(m.msg_type, "execute_request")) wk_kernel_send_aborted(k, k->shell, &m);
        else wk_kernel_dispatch(k, k->shell, &m, false);
        wk_kmsg_free(&m);
        k->abort_queue = false;    /* a served request never re-arms the abort */
    }
}
