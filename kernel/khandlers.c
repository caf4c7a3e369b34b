/* khandlers.c — shell and control request handlers other than execute (kernel_info, complete, inspect, is_complete, history, comms, shutdown, interrupt) and the dispatcher. */
#include <stdio.h>
#include <string.h>
#include "vm.h"
#include "version.h"
#include "magic.h"
#include "kint.h"

typedef void (*handler_fn)(wk_kernel *k, void *sock, wk_kmsg *m);

static json_t *ok_content(void) { return json_pack("{s:s}", "status", "ok"); }

/* Code and a cursor clamped to [0, code points]; the cursor defaults to the end. */
static const char *code_and_cursor(const wk_kmsg *m, size_t *len, int64_t *cursor, int64_t *nchars) {
    const char *code = wk_kernel_jstr(m->content, "code", len);
    if (!code) { code = ""; *len = 0; }
    *nchars = (int64_t)wk_kernel_utf8_count(code, *len);
    long long c = wk_kernel_jint(m->content, "cursor_pos", *nchars);
    *cursor = c < 0 ? 0 : c > *nchars ? *nchars : c;
    return code;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* ---------------------------------------------------------------- kernel_info */

static void kernel_info(wk_kernel *k, void *sock, wk_kmsg *m) {
    json_t *c = json_pack(
        "{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s}, s:s,"
        " s:[{s:s, s:s}, {s:s, s:s}], s:b}",
        "status", "ok", "protocol_version", WK_KPROTOCOL, "implementation", "wick",
        "implementation_version", WK_VERSION,
        "language_info", "name", "wick", "version", WK_VERSION, "mimetype", "text/x-python",
        "file_extension", ".py", "pygments_lexer", "python3", "codemirror_mode", "python",
        "nbconvert_exporter", "python",
        "banner", "wick " WK_VERSION " - a PyTorch-flavoured Python " WK_PY_VERSION " subset\n",
        "help_links", "text", "Python Reference", "url", "https://docs.python.org/3.11/",
        "text", "PyTorch Reference", "url", "https://pytorch.org/docs/stable/",
        "debugger", 0);
    wk_kernel_reply(k, sock, m, "kernel_info_reply", c);
}

/* ---------------------------------------------------------------- is_complete, complete, inspect */

static void is_complete(wk_kernel *k, void *sock, wk_kmsg *m) {
    size_t len;
    int64_t cursor, nchars;
    const char *code = code_and_cursor(m, &len, &cursor, &nchars);
    int indent = 0;
    wk_cell_status st = wk_magic_is_complete(code, len, &indent);
    if (wk_err_occurred()) wk_err_clear();
    json_t *c;
    if (st == WK_CELL_INCOMPLETE) {
        char spaces[64];
        indent = (int)clamp(indent, 0, (int64_t)sizeof spaces - 1);
        memset(spaces, ' ', (size_t)indent);
        spaces[indent] = 0;
        c = json_pack("{s:s, s:s}", "status", "incomplete", "indent", spaces);
    } else {
        c = json_pack("{s:s}", "status", st == WK_CELL_COMPLETE ? "complete" : "invalid");
    }
    wk_kernel_reply(k, sock, m, "is_complete_reply", c);
}

/* The str items of a list as a JSON array. */
static json_t *str_list(wk_obj *list) {
    json_t *out = json_array();
    if (!list || list->type != &wk_type_list) return out;
    for (int64_t i = 0; i < WK_LIST(list)->len; i++) {
        wk_value v = WK_LIST(list)->items[i];
        if (v.tag == WK_OBJ && v.u.o->type == &wk_type_str)
            json_array_append_new(out, wk_kernel_jstring(WK_STR(v.u.o)->data, (size_t)WK_STR(v.u.o)->len));
    }
    return out;
}

static void complete(wk_kernel *k, void *sock, wk_kmsg *m) {
    size_t len;
    int64_t cursor, nchars;
    const char *code = code_and_cursor(m, &len, &cursor, &nchars);
    int64_t start = cursor, end = cursor;
    wk_obj *list = wk_complete(code, len, cursor, wk_vm_state.main_dict, &start, &end);
    if (!list) { wk_err_clear(); start = end = cursor; }
    json_t *matches = str_list(list);
    wk_obj_decref(list);
    end = clamp(end, 0, nchars);
    start = clamp(start, 0, end);
    json_t *c = json_pack("{s:s, s:o, s:I, s:I, s:{}}", "status", "ok", "matches", matches,
                          "cursor_start", (json_int_t)start, "cursor_end", (json_int_t)end,
                          "metadata");
    wk_kernel_reply(k, sock, m, "complete_reply", c);
}

static void inspect(wk_kernel *k, void *sock, wk_kmsg *m) {
    size_t len;
    int64_t cursor, nchars;
    const char *code = code_and_cursor(m, &len, &cursor, &nchars);
    wk_value doc = wk_inspect(code, len, cursor, wk_vm_state.main_dict);
    if (WK_IS_NULL(doc) && wk_err_occurred()) wk_err_clear();
    json_t *data = json_object();
    bool found = doc.tag == WK_OBJ && doc.u.o->type == &wk_type_str;
    if (found)
        json_object_set_new(data, "text/plain",
                            wk_kernel_jstring(WK_STR(doc.u.o)->data, (size_t)WK_STR(doc.u.o)->len));
    wk_decref(doc);
    json_t *c = json_pack("{s:s, s:b, s:o, s:{}}", "status", "ok", "found", found, "data", data,
                          "metadata");
    wk_kernel_reply(k, sock, m, "inspect_reply", c);
}

/* ---------------------------------------------------------------- history, comms */

static void history(wk_kernel *k, void *sock, wk_kmsg *m) {
    json_t *c = json_pack("{s:s, s:o}", "status", "ok", "history", wk_khist_query(&k->hist, m->content));
    wk_kernel_reply(k, sock, m, "history_reply", c);
}

static void comm_info(wk_kernel *k, void *sock, wk_kmsg *m) {
    wk_kernel_reply(k, sock, m, "comm_info_reply", json_pack("{s:s, s:{}}", "status", "ok", "comms"));
}

/* No comm targets are registered yet: every comm_open is closed at once. */
static void comm_open(wk_kernel *k, void *sock, wk_kmsg *m) {
    (void)sock;
    const char *id = wk_kernel_jstr(m->content, "comm_id", NULL);
    const char *target = wk_kernel_jstr(m->content, "target_name", NULL);
    wk_kernel_log("comm_open for unknown target '%s'", target ? target : "");
    if (id) wk_kernel_publish(k, "comm_close", m->header, json_pack("{s:s, s:{}}", "comm_id", id, "data"));
}

static void comm_ignore(wk_kernel *k, void *sock, wk_kmsg *m) { (void)k; (void)sock; (void)m; }

/* ---------------------------------------------------------------- shutdown, interrupt */

static void shutdown(wk_kernel *k, void *sock, wk_kmsg *m) {
    bool restart = wk_kernel_jbool(m->content, "restart", false);
    wk_kernel_reply(k, sock, m, "shutdown_reply", json_pack("{s:s, s:b}", "status", "ok", "restart", restart));
    wk_kernel_request_stop(k, restart);
}

static void interrupt(wk_kernel *k, void *sock, wk_kmsg *m) {
    if (k->executing) wk_request_interrupt();
    wk_kernel_reply(k, sock, m, "interrupt_reply", ok_content());
}

/* ---------------------------------------------------------------- dispatch */

static const struct handler {
    const char *type;
    handler_fn fn;
    bool on_control;      /* safe off the main thread: touches no interpreter state */
} handlers[] = {
    { "kernel_info_request", kernel_info, true },
    { "execute_request", wk_kernel_execute, false },
    { "is_complete_request", is_complete, false },
    { "complete_request", complete, false },
    { "inspect_request", inspect, false },
    { "history_request", history, false },
    { "comm_info_request", comm_info, true },
    { "comm_open", comm_open, false },
    { "comm_msg", comm_ignore, false },
    { "comm_close", comm_ignore, false },
    { "shutdown_request", shutdown, true },
    { "interrupt_request", interrupt, true },
};

static const struct handler *find_handler(const char *type) {
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
        if (!strcmp(handlers[i].type, type)) return &handlers[i];
    return NULL;
}

/* An error reply for a request this channel cannot serve. */
static void refuse(wk_kernel *k, void *sock, wk_kmsg *m) {
    char reply[128];
    size_t n = strlen(m->msg_type);
    if (n > 8 && !strcmp(m->msg_type + n - 8, "_request"))
        snprintf(reply, sizeof reply, "%.*s_reply", (int)(n - 8), m->msg_type);
    else return;
    wk_kernel_log("control: %s is only served on the shell channel", m->msg_type);
    wk_kernel_reply(k, sock, m, reply,
                    json_pack("{s:s, s:s, s:s, s:[]}", "status", "error", "ename", "KernelError",
                              "evalue", "this request is only served on the shell channel",
                              "traceback"));
}

void wk_kernel_dispatch(wk_kernel *k, void *sock, wk_kmsg *m, bool control) {
    const struct handler *h = find_handler(m->msg_type);
    wk_kernel_status(k, "busy", m->header);
    if (!h) wk_kernel_log("%s: unknown message type '%s' ignored", control ? "control" : "shell", m->msg_type);
    else if (control && !h->on_control) refuse(k, sock, m);
    else h->fn(k, sock, m);
    wk_kernel_status(k, "idle", m->header);
}
