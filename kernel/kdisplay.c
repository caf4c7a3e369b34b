/* kdisplay.c — rich display in the kernel: mime bundles as JSON, display_data / update_display_data / clear_output from IPython.display, the execute_result bundle, the output history (_, __, ___, _N, Out) and the magics' front-end hooks (help pages, %load, %reset). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "vm.h"
#include "init.h"
#include "display.h"
#include "magic.h"
#include "kint.h"

#define JSON_DEPTH_MAX 64

/* ---------------------------------------------------------------- values as JSON */

static json_t *str_or_repr(wk_value v, bool use_str) {
    wk_value s = use_str ? wk_str(v) : wk_repr(v);
    if (WK_IS_NULL(s)) { wk_err_clear(); return json_string("<unrepresentable>"); }
    json_t *j = wk_kernel_jstring(wk_str_cstr(s), (size_t)WK_STR(s.u.o)->len);
    wk_decref(s);
    return j;
}

static json_t *float_json(double d) {
    if (isfinite(d)) return json_real(d);
    return json_string(isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");   /* jansson has no NaN */
}

static json_t *items_json(const wk_value *items, int64_t n, int depth) {
    json_t *a = json_array();
    for (int64_t i = 0; i < n; i++) json_array_append_new(a, wk_kernel_value_json(items[i], depth + 1));
    return a;
}

static json_t *dict_json(wk_obj *d, int depth) {
    json_t *o = json_object();
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(d, &pos, &k, &v)) {
        json_t *key = wk_is_str(k) ? NULL : str_or_repr(k, true);
        const char *name = key ? json_string_value(key) : wk_str_cstr(k);
        json_object_set_new(o, name, wk_kernel_value_json(v, depth + 1));
        json_decref(key);
    }
    return o;
}

json_t *wk_kernel_value_json(wk_value v, int depth) {
    if (depth > JSON_DEPTH_MAX) return json_string("...");
    switch (v.tag) {
    case WK_NULL: case WK_NONE: return json_null();
    case WK_BOOL: return json_boolean(v.u.i);
    case WK_INT: return json_integer((json_int_t)v.u.i);
    case WK_FLOAT: return float_json(v.u.f);
    case WK_OBJ: break;
    }
    if (wk_is_str(v)) return wk_kernel_jstring(wk_str_cstr(v), (size_t)WK_STR(v.u.o)->len);
    if (wk_is_dict(v)) return dict_json(v.u.o, depth);
    if (wk_is_list(v)) return items_json(WK_LIST(v.u.o)->items, WK_LIST(v.u.o)->len, depth);
    if (wk_is_tuple(v)) return items_json(WK_TUPLE(v.u.o)->items, WK_TUPLE(v.u.o)->len, depth);
    if (wk_isinstance_t(v, &wk_type_bytes)) {
        wk_value b = wk_display_base64(((wk_bytes *)v.u.o)->data, (size_t)((wk_bytes *)v.u.o)->len);
        if (WK_IS_NULL(b)) { wk_err_clear(); return json_null(); }
        json_t *j = wk_kernel_value_json(b, depth);
        wk_decref(b);
        return j;
    }
    return str_or_repr(v, false);
}

/* application/json and application/<x>+json carry JSON values; every other mime type a
 * string (nbformat's rule). */
static bool is_json_mime(const char *mime) {
    size_t n = strlen(mime);
    return !strcmp(mime, "application/json") || (n > 5 && !strcmp(mime + n - 5, "+json"));
}

json_t *wk_kernel_bundle_json(wk_obj *data) {
    json_t *o = json_object();
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(data, &pos, &k, &v)) {
        if (!wk_is_str(k) || !strchr(wk_str_cstr(k), '/')) continue;     /* not a mime type */
        const char *mime = wk_str_cstr(k);
        json_t *j;
        if (is_json_mime(mime) || wk_is_str(v) || wk_isinstance_t(v, &wk_type_bytes)) j = wk_kernel_value_json(v, 0);
        else j = str_or_repr(v, true);
        json_object_set_new(o, mime, j);
    }
    return o;
}

/* ---------------------------------------------------------------- display hooks */

/* The request whose cell is running, or NULL when output must not be sent (silent). */
static json_t *display_parent(wk_kernel *k) {
    if (!k->current || k->stream.discard) return NULL;
    return k->current->header;
}

static bool publish_hook(wk_obj *data, wk_obj *md, wk_obj *transient, bool update, void *ctx) {
    wk_kernel *k = ctx;
    json_t *parent = display_parent(k);
    if (!parent) return true;
    json_t *c = json_pack("{s:o, s:o, s:o}", "data", wk_kernel_bundle_json(data),
                          "metadata", md ? wk_kernel_value_json(wk_objv(md), 0) : json_object(),
                          "transient", transient ? wk_kernel_value_json(wk_objv(transient), 0) : json_object());
    wk_kstream_flush(k);
    wk_kernel_publish(k, update ? "update_display_data" : "display_data", parent, c);
    return true;
}

static bool clear_hook(bool wait, void *ctx) {
    wk_kernel *k = ctx;
    json_t *parent = display_parent(k);
    if (!parent) return true;
    wk_kstream_flush(k);
    wk_kernel_publish(k, "clear_output", parent, json_pack("{s:b}", "wait", wait));
    return true;
}

/* ---------------------------------------------------------------- the user namespace */

static void ns_set(const char *name, wk_value v) {
    if (wk_dict_set_s(wk_vm_state.main_dict, name, v) < 0) wk_err_clear();
}

static wk_value ns_get(const char *name) {
    wk_value v = wk_dict_get_s(wk_vm_state.main_dict, name);
    return WK_IS_NULL(v) ? WK_NONEV : v;
}

/* IPython's history names: In (inputs, '' first), Out (results by count), _ __ ___
 * (the last three results) and _i _ii _iii (the last three inputs). */
static void namespace_init(void) {
    wk_value empty = wk_str_new("", 0);
    wk_obj *in = wk_list_new(0), *out = wk_dict_new();
    if (in && !WK_IS_NULL(empty)) wk_list_append(in, empty);
    if (in) ns_set("In", wk_objv(in));
    if (out) ns_set("Out", wk_objv(out));
    static const char *const names[] = { "_", "__", "___", "_i", "_ii", "_iii" };
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !WK_IS_NULL(empty); i++) ns_set(names[i], empty);
    wk_obj_decref(in);
    wk_obj_decref(out);
    wk_decref(empty);
    if (wk_err_occurred()) wk_err_clear();
}

void wk_kernel_store_input(int count, const char *code, size_t len) {
    wk_value src = wk_str_new(code, len);     /* code came from JSON: valid UTF-8 */
    wk_value in = ns_get("In");
    if (WK_IS_NULL(src) || !wk_is_list(in) || WK_LIST(in.u.o)->len == 0) { wk_decref(src); wk_err_clear(); return; }
    wk_value prev = wk_incref(WK_LIST(in.u.o)->items[WK_LIST(in.u.o)->len - 1]);
    if (!wk_list_append(in.u.o, src)) wk_err_clear();
    wk_value i1 = wk_incref(ns_get("_i"));
    ns_set("_iii", ns_get("_ii"));
    ns_set("_ii", i1);
    ns_set("_i", prev);                        /* the input before this one */
    char name[32];
    snprintf(name, sizeof name, "_i%d", count);
    ns_set(name, src);
    wk_decref(i1);
    wk_decref(prev);
    wk_decref(src);
}

void wk_kernel_store_result(int count, bool store, wk_value v) {
    wk_value u1 = wk_incref(ns_get("_")), u2 = wk_incref(ns_get("__"));
    ns_set("___", u2);
    ns_set("__", u1);
    ns_set("_", v);
    wk_decref(u1);
    wk_decref(u2);
    if (!store) return;
    char name[32];
    snprintf(name, sizeof name, "_%d", count);
    ns_set(name, v);
    wk_value out = ns_get("Out");
    if (wk_is_dict(out) && wk_dict_set(out.u.o, wk_int(count), v) < 0) wk_err_clear();
}

/* ---------------------------------------------------------------- execute_result */

/* Publishes execute_result for a cell's value; false with an exception when its repr
 * fails. *plain receives text/plain (new reference) for the history, or WK_NULL. */
bool wk_kernel_publish_result(wk_kernel *k, json_t *parent, int count, wk_value v, wk_value *plain) {
    wk_obj *data, *md;
    *plain = WK_NULLV;
    if (!wk_display_format(v, WK_NULLV, WK_NULLV, &data, &md)) return false;
    if (wk_kernel_pretty_applies(v) && !WK_IS_NULL(wk_dict_get_s(data, "text/plain"))) {
        wk_value text = wk_kernel_pretty(v);        /* IPython's pretty printer */
        bool ok = !WK_IS_NULL(text) && wk_dict_set_s(data, "text/plain", text) == 0;
        wk_decref(text);
        if (!ok) { wk_obj_decref(data); wk_obj_decref(md); return false; }
    }
    if (wk_dict_len(data) > 0) {
        *plain = wk_incref(wk_dict_get_s(data, "text/plain"));
        wk_kstream_flush(k);
        wk_kernel_publish(k, "execute_result", parent,
                          json_pack("{s:i, s:o, s:o}", "execution_count", count, "data",
                                    wk_kernel_bundle_json(data), "metadata", wk_kernel_value_json(wk_objv(md), 0)));
    }
    wk_obj_decref(data);
    wk_obj_decref(md);
    return true;
}

/* ---------------------------------------------------------------- magics' hooks */

/* The payload list of the running execute_reply (page, set_next_input); dropped when no
 * cell runs (a magic called from user_expressions). */
static bool add_payload(wk_kernel *k, json_t *item) {
    if (k->payload) json_array_append_new(k->payload, item);
    else json_decref(item);
    return true;
}

/* ?obj: a `page` payload, as IPython's pinfo in a kernel. */
static bool page_hook(const char *text, size_t len, void *ctx) {
    return add_payload(ctx, json_pack("{s:s, s:{s:o}, s:i}", "source", "page", "data", "text/plain",
                                      wk_kernel_jstring(text, len), "start", 0));
}

/* %load: the file replaces the cell in the front end. */
static bool next_input_hook(const char *text, size_t len, void *ctx) {
    return add_payload(ctx, json_pack("{s:s, s:o, s:b}", "source", "set_next_input", "text",
                                      wk_kernel_jstring(text, len), "replace", 1));
}

static void reset_hook(void *ctx) {
    (void)ctx;
    namespace_init();
}

/* ---------------------------------------------------------------- start-up */

void wk_kernel_display_init(wk_kernel *k) {
    wk_register_native_module("IPython", wk_mod_ipython_init);   /* also wired by wk_init */
    wk_display_state.publish = publish_hook;
    wk_display_state.clear = clear_hook;
    wk_display_state.ctx = k;
    namespace_init();
    wk_magic_state.page = page_hook;
    wk_magic_state.set_next_input = next_input_hook;
    wk_magic_state.after_reset = reset_hook;
    wk_magic_state.ctx = k;
    if (!wk_magic_init()) { wk_kernel_log("magics unavailable"); wk_err_clear(); }
}
