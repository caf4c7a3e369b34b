/* vm_complete.c — REPL/Jupyter completion of names, attributes and module members, and
 * inspection (signature + docstring) of the name at the cursor. */
#include <string.h>
#include "vm_ops.h"

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", NULL
};

static bool ident_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || ((unsigned char)c & 0x80);
}

/* Byte offset of code point index cp in src (clamped to len). */
static size_t cp_to_byte(const char *src, size_t len, int64_t cp) {
    size_t i = 0;
    for (int64_t n = 0; i < len && n < cp; n++) {
        i++;
        while (i < len && ((unsigned char)src[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

static int64_t byte_to_cp(const char *src, size_t b) {
    int64_t n = 0;
    for (size_t i = 0; i < b; i++)
        if (((unsigned char)src[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Evaluates a dotted name chain "a.b.c" (names and attributes only, no calls). */
static wk_value eval_chain(const char *s, size_t n, wk_obj *globals) {
    size_t i = 0;
    while (i < n && s[i] != '.') i++;
    wk_value name = wk_str_new(s, i);
    if (WK_IS_NULL(name)) return name;
    wk_value v;
    int r = wk_dict_lookup_str(globals, name.u.o, &v);
    if (r == 0) r = wk_dict_lookup_str(wk_vm_state.builtins, name.u.o, &v);
    wk_decref(name);
    if (r <= 0) return WK_NULLV;
    wk_incref(v);
    while (i < n) {
        size_t j = ++i;
        while (i < n && s[i] != '.') i++;
        wk_value attr = wk_str_new(s + j, i - j);
        wk_value nv = WK_IS_NULL(attr) ? WK_NULLV : wk_getattr(v, attr.u.o);
        wk_decref(attr);
        wk_decref(v);
        if (WK_IS_NULL(nv)) return nv;
        v = nv;
    }
    return v;
}

static bool add_match(wk_obj *out, wk_value name, const char *prefix, size_t plen) {
    if (!wk_is_str(name)) return true;
    const char *s = wk_str_cstr(name);
    if (strncmp(s, prefix, plen) != 0) return true;
    if (s[0] == '_' && (plen == 0 || prefix[0] != '_')) return true;
    int r = wk_set_contains(out, name);
    if (r < 0) return false;
    return r == 1 || wk_set_add(out, name) == 0;
}

static bool add_dict_keys(wk_obj *out, wk_obj *d, const char *prefix, size_t plen) {
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(d, &pos, &k, &v))
        if (!add_match(out, k, prefix, plen)) return false;
    return true;
}

static bool add_attr_names(wk_obj *out, wk_value obj, const char *prefix, size_t plen) {
    wk_value dirf = wk_dict_get_s(wk_vm_state.builtins, "dir");
    if (WK_IS_NULL(dirf)) return true;
    wk_value names = wk_call1(dirf, obj);
    if (WK_IS_NULL(names)) return false;
    wk_obj *l = wk_sequence_list(names);
    wk_decref(names);
    if (!l) return false;
    bool ok = true;
    for (int64_t i = 0; ok && i < WK_LIST(l)->len; i++) ok = add_match(out, WK_LIST(l)->items[i], prefix, plen);
    wk_obj_decref(l);
    return ok;
}

wk_obj *wk_complete(const char *src, size_t len, int64_t cursor_pos, wk_obj *globals,
                    int64_t *start, int64_t *end) {
    if (!globals) globals = wk_vm_state.main_dict;
    size_t cur = cp_to_byte(src, len, cursor_pos), b = cur;
    while (b > 0 && (ident_byte(src[b - 1]) || src[b - 1] == '.')) b--;
    size_t dot = cur;
    while (dot > b && src[dot - 1] != '.') dot--;
    const char *prefix = src + dot;
    size_t plen = cur - dot;
    wk_obj *found = wk_set_new(&wk_type_set);
    if (!found) return NULL;
    bool ok = true;
    if (dot > b) {
        wk_value obj = eval_chain(src + b, dot - 1 - b, globals);
        if (WK_IS_NULL(obj)) wk_err_clear();
        else ok = add_attr_names(found, obj, prefix, plen);
        wk_decref(obj);
    } else {
        ok = add_dict_keys(found, globals, prefix, plen) && add_dict_keys(found, wk_vm_state.builtins, prefix, plen);
        for (int i = 0; ok && keywords[i]; i++) {
            wk_value k = wk_str_from_c(keywords[i]);
            ok = !WK_IS_NULL(k) && add_match(found, k, prefix, plen);
            wk_decref(k);
        }
    }
    if (!ok) wk_err_clear();
    wk_obj *l = wk_sequence_list(wk_objv(found));
    wk_obj_decref(found);
    if (!l) return NULL;
    if (WK_LIST(l)->len > 1) {
        wk_value r = wk_call_method_s(wk_objv(l), "sort", NULL, 0);
        if (WK_IS_NULL(r)) wk_err_clear();
        wk_decref(r);
    }
    *start = byte_to_cp(src, dot);
    *end = byte_to_cp(src, cur);
    return l;
}

static void add_doc(wk_sbuf *sb, wk_value obj) {
    wk_value doc = wk_getattr_opt(obj, wk_intern("__doc__"));
    if (WK_IS_NULL(doc)) wk_err_clear();
    wk_sbuf_printf(sb, "Docstring: %s\n", wk_is_str(doc) ? wk_str_cstr(doc) : "<no docstring>");
    wk_decref(doc);
}

wk_value wk_inspect(const char *src, size_t len, int64_t cursor_pos, wk_obj *globals) {
    if (!globals) globals = wk_vm_state.main_dict;
    size_t cur = cp_to_byte(src, len, cursor_pos), b = cur, e = cur;
    while (b > 0 && (ident_byte(src[b - 1]) || src[b - 1] == '.')) b--;
    while (e < len && ident_byte(src[e])) e++;
    if (e == b && b > 0 && src[b - 1] == '(') {
        /* cursor right after "f(": inspect f */
        e = b - 1;
        b = e;
        while (b > 0 && (ident_byte(src[b - 1]) || src[b - 1] == '.')) b--;
    }
    if (e <= b) return WK_NULLV;
    wk_value obj = eval_chain(src + b, e - b, globals);
    if (WK_IS_NULL(obj)) {
        wk_err_clear();
        return WK_NULLV;
    }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_value fn = obj;
    if (WK_IS_OBJ(fn) && fn.u.o->type == &wk_type_method) fn = ((wk_method *)fn.u.o)->func;
    if (WK_IS_OBJ(fn) && fn.u.o->type == &wk_type_function) {
        wk_sbuf_printf(&sb, "Signature: %s", wk_str_cstr(wk_objv(((wk_function *)fn.u.o)->name)));
        if (!wk_func_signature(&sb, (wk_function *)fn.u.o)) wk_err_clear();
        wk_sbuf_addc(&sb, '\n');
    } else {
        wk_sbuf_adds(&sb, "String form: ");
        if (!wk_repr_to(&sb, obj)) wk_err_clear();
        wk_sbuf_addc(&sb, '\n');
    }
    add_doc(&sb, obj);
    wk_sbuf_printf(&sb, "Type:      %s\n", wk_typename(obj));
    wk_decref(obj);
    return wk_str_from_sbuf(&sb);
}
