/* mod_ipython.c — rich display: the mime-bundle formatter (IPython's display protocol), renderers registered by native types, front-end hooks, and the IPython / IPython.display modules (display, update_display, clear_output, HTML, Markdown, Latex, SVG, JSON, Image, Pretty). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include "vm.h"
#include "init.h"
#include "display.h"

wk_display_hooks wk_display_state;

/* ---------------------------------------------------------------- renderers of native types */

static struct { wk_type *type; wk_display_fn fn; } renderers[WK_DISPLAY_MAX_RENDERERS];
static int nrenderers;

bool wk_display_register(wk_type *t, wk_display_fn fn) {
    for (int i = 0; i < nrenderers; i++)
        if (renderers[i].type == t) { renderers[i].fn = fn; return true; }
    if (nrenderers == WK_DISPLAY_MAX_RENDERERS) return false;
    renderers[nrenderers].type = t;
    renderers[nrenderers].fn = fn;
    nrenderers++;
    return true;
}

/* The renderer of the nearest registered type along t's bases, or NULL. */
static wk_display_fn find_renderer(wk_type *t) {
    for (; t; t = t->base)
        for (int i = 0; i < nrenderers; i++)
            if (renderers[i].type == t) return renderers[i].fn;
    return NULL;
}

/* ---------------------------------------------------------------- base64 */

wk_value wk_display_base64(const unsigned char *s, size_t n) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t outlen = (n + 2) / 3 * 4;
    char *out = malloc(outlen + 1);
    if (!out) return wk_raise_nomem();
    size_t j = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t w = (uint32_t)s[i] << 16;
        if (i + 1 < n) w |= (uint32_t)s[i + 1] << 8;
        if (i + 2 < n) w |= s[i + 2];
        out[j++] = abc[(w >> 18) & 63];
        out[j++] = abc[(w >> 12) & 63];
        out[j++] = i + 1 < n ? abc[(w >> 6) & 63] : '=';
        out[j++] = i + 2 < n ? abc[w & 63] : '=';
    }
    wk_value r = wk_str_new(out, j);
    free(out);
    return r;
}

static wk_value bytes_base64(wk_value b) {
    wk_bytes *x = (wk_bytes *)b.u.o;
    return wk_display_base64(x->data, (size_t)x->len);
}

/* ---------------------------------------------------------------- the formatter */

typedef enum { KIND_TEXT, KIND_BINARY, KIND_JSON } repr_kind;

static const struct repr_method {
    const char *mime, *method;
    repr_kind kind;
} repr_methods[] = {      /* IPython's order of formatters after text/plain */
    { "text/html", "_repr_html_", KIND_TEXT },
    { "text/markdown", "_repr_markdown_", KIND_TEXT },
    { "image/svg+xml", "_repr_svg_", KIND_TEXT },
    { "image/png", "_repr_png_", KIND_BINARY },
    { "application/pdf", "_repr_pdf_", KIND_BINARY },
    { "image/jpeg", "_repr_jpeg_", KIND_BINARY },
    { "text/latex", "_repr_latex_", KIND_TEXT },
    { "application/json", "_repr_json_", KIND_JSON },
    { "application/javascript", "_repr_javascript_", KIND_TEXT },
};

typedef struct fmt_ctx {
    wk_value obj, include, exclude;
    wk_obj *data, *md;
} fmt_ctx;

/* Reports a formatter's exception on sys.stderr (IPython prints the traceback and goes
 * on); NotImplementedError means "no such representation" and is silent. */
static void report_error(void) {
    if (wk_err_matches(wk_exc_NotImplementedError)) { wk_err_clear(); return; }
    if (wk_err_matches(wk_exc_KeyboardInterrupt)) return;     /* stays pending */
    wk_err_print();
}

/* "FormatterWarning: text/html formatter returned invalid type <class 'int'> (expected
 * <class 'str'>) for object: <repr>" on sys.stderr. */
static void warn_type(const fmt_ctx *c, const char *mime, wk_value r, const char *expected) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "FormatterWarning: %s formatter returned invalid type <class '%s'> "
                   "(expected %s) for object: ", mime, wk_typename(r), expected);
    if (!wk_repr_to(&sb, c->obj)) { wk_err_clear(); wk_sbuf_adds(&sb, "<unrepresentable>"); }
    wk_sbuf_addc(&sb, '\n');
    if (!wk_write_stderr(sb.data, sb.len)) wk_err_clear();
    wk_sbuf_free(&sb);
}

/* Whether mime passes include/exclude. -1 on error. */
static int wanted(const fmt_ctx *c, const char *mime) {
    if (WK_IS_NULL(c->include) && WK_IS_NULL(c->exclude)) return 1;
    wk_value m = wk_str_from_c(mime);
    if (WK_IS_NULL(m)) return -1;
    int r = 1;
    if (!WK_IS_NULL(c->include)) r = wk_contains(c->include, m);
    if (r == 1 && !WK_IS_NULL(c->exclude)) {
        r = wk_contains(c->exclude, m);
        if (r >= 0) r = !r;
    }
    wk_decref(m);
    return r;
}

/* IPython's get_real_method: a callable attribute of an instance (never of a class),
 * and not from an object that claims to have every attribute. Errors are swallowed. */
static wk_value real_method(wk_value obj, const char *name) {
    if (wk_isinstance_t(obj, &wk_type_type)) return WK_NULLV;
    wk_value canary = wk_getattr_opt(obj, wk_intern("_ipython_canary_method_should_not_exist_"));
    if (!WK_IS_NULL(canary) || wk_err_occurred()) {
        wk_decref(canary);
        wk_err_clear();
        return WK_NULLV;
    }
    wk_value m = wk_getattr_opt(obj, wk_intern(name));
    if (WK_IS_NULL(m)) { wk_err_clear(); return WK_NULLV; }
    if (!wk_callable(m)) { wk_decref(m); return WK_NULLV; }
    return m;
}

static bool type_ok(repr_kind kind, wk_value v) {
    switch (kind) {
    case KIND_TEXT: return wk_is_str(v);
    case KIND_BINARY: return wk_is_str(v) || wk_isinstance_t(v, &wk_type_bytes);
    case KIND_JSON: return wk_isinstance_t(v, &wk_type_dict) || wk_isinstance_t(v, &wk_type_list);
    }
    return false;
}

static const char *expected_text(repr_kind kind) {
    switch (kind) {
    case KIND_TEXT: return "<class 'str'>";
    case KIND_BINARY: return "(<class 'bytes'>, <class 'str'>)";
    case KIND_JSON: return "(<class 'list'>, <class 'dict'>)";
    }
    return "?";
}

/* Stores a _repr_*_ result r (value or (value, metadata)) under mime. False on a
 * memory error. */
static bool store_result(fmt_ctx *c, const struct repr_method *rm, wk_value r) {
    wk_value val = r, md = WK_NULLV;
    if (wk_is_tuple(r) && WK_TUPLE(r.u.o)->len == 2) {
        val = WK_TUPLE(r.u.o)->items[0];
        md = WK_TUPLE(r.u.o)->items[1];
    }
    if (WK_IS_NONE(val)) return true;
    if (!type_ok(rm->kind, val)) { warn_type(c, rm->mime, r, expected_text(rm->kind)); return true; }
    wk_value enc = wk_isinstance_t(val, &wk_type_bytes) ? bytes_base64(val) : wk_incref(val);
    bool ok = !WK_IS_NULL(enc) && wk_dict_set_s(c->data, rm->mime, enc) == 0;
    wk_decref(enc);
    if (ok && wk_is_dict(md)) ok = wk_dict_set_s(c->md, rm->mime, md) == 0;
    return ok;
}

/* Runs one _repr_*_ method when its type is wanted and still missing. */
static bool run_repr_method(fmt_ctx *c, const struct repr_method *rm) {
    int w = wanted(c, rm->mime);
    if (w <= 0) return w == 0;
    if (!WK_IS_NULL(wk_dict_get_s(c->data, rm->mime))) return true;
    wk_value m = real_method(c->obj, rm->method);
    if (WK_IS_NULL(m)) return true;
    wk_value r = wk_call0(m);
    wk_decref(m);
    if (WK_IS_NULL(r)) { report_error(); return !wk_err_occurred(); }
    bool ok = store_result(c, rm, r);
    wk_decref(r);
    return ok;
}

/* Copies the wanted entries of src (a dict) into dst, keeping existing keys of dst. */
static bool merge_wanted(fmt_ctx *c, wk_obj *dst, wk_value src, bool is_data) {
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(src.u.o, &pos, &k, &v)) {
        if (!wk_is_str(k)) continue;
        int w = wanted(c, wk_str_cstr(k));
        if (w < 0) return false;
        if (!w || !WK_IS_NULL(wk_dict_get_s(dst, wk_str_cstr(k)))) continue;
        wk_value enc = is_data && wk_isinstance_t(v, &wk_type_bytes) ? bytes_base64(v) : wk_incref(v);
        int r = WK_IS_NULL(enc) ? -1 : wk_dict_set(dst, k, enc);
        wk_decref(enc);
        if (r < 0) return false;
    }
    return true;
}

/* _repr_mimebundle_(include=..., exclude=...): a dict or a (data, metadata) tuple. */
static bool run_mimebundle(fmt_ctx *c) {
    wk_value m = real_method(c->obj, "_repr_mimebundle_");
    if (WK_IS_NULL(m)) return true;
    wk_obj *kw = wk_tuple_pack(2, wk_objv(wk_intern("include")), wk_objv(wk_intern("exclude")));
    if (!kw) { wk_decref(m); return false; }
    wk_value args[2] = { WK_IS_NULL(c->include) ? WK_NONEV : c->include,
                         WK_IS_NULL(c->exclude) ? WK_NONEV : c->exclude };
    wk_value r = wk_call(m, args, 0, kw);
    wk_obj_decref(kw);
    wk_decref(m);
    if (WK_IS_NULL(r)) { report_error(); return !wk_err_occurred(); }
    wk_value data = r, md = WK_NULLV;
    if (wk_is_tuple(r) && WK_TUPLE(r.u.o)->len == 2) {
        data = WK_TUPLE(r.u.o)->items[0];
        md = WK_TUPLE(r.u.o)->items[1];
    }
    bool ok = true;
    if (wk_is_dict(data)) ok = merge_wanted(c, c->data, data, true);
    else if (!WK_IS_NONE(data)) warn_type(c, "mimebundle", r, "<class 'dict'>");
    if (ok && wk_is_dict(md)) ok = merge_wanted(c, c->md, md, false);
    wk_decref(r);
    return ok;
}

/* The renderer a native type registered (torch.Tensor...). */
static bool run_renderer(fmt_ctx *c) {
    wk_display_fn fn = find_renderer(wk_typeof(c->obj));
    if (!fn) return true;
    wk_obj *data = wk_dict_new(), *md = wk_dict_new();
    bool ok = data && md;
    if (ok && !fn(c->obj, data, md)) { report_error(); ok = !wk_err_occurred(); }
    else if (ok) ok = merge_wanted(c, c->data, wk_objv(data), true) && merge_wanted(c, c->md, wk_objv(md), false);
    wk_obj_decref(data);
    wk_obj_decref(md);
    return ok;
}

/* _ipython_display_: 1 when the object displayed itself, 0 when not, -1 on error. */
static int self_display(wk_value obj) {
    wk_value m = real_method(obj, "_ipython_display_");
    if (WK_IS_NULL(m)) return 0;
    wk_value r = wk_call0(m);
    wk_decref(m);
    if (WK_IS_NULL(r)) { report_error(); return wk_err_occurred() ? -1 : 0; }
    wk_decref(r);
    return 1;
}

/* data := {text/plain: repr} followed by the rich entries (unless one replaced it). */
static bool add_plain(fmt_ctx *c, wk_obj *rich) {
    int w = wanted(c, "text/plain");
    if (w < 0) return false;
    if (w && WK_IS_NULL(wk_dict_get_s(rich, "text/plain"))) {
        wk_value text = wk_repr(c->obj);
        if (WK_IS_NULL(text) || wk_dict_set_s(c->data, "text/plain", text) < 0) { wk_decref(text); return false; }
        wk_decref(text);
    }
    return wk_dict_update(c->data, wk_objv(rich)) == 0;
}

/* Values of the core built-in types have no _repr_*_ methods: only text/plain. */
static bool plain_only(wk_value v) {
    static wk_type *const core[] = { &wk_type_str, &wk_type_bytes, &wk_type_list, &wk_type_tuple,
                                     &wk_type_dict, &wk_type_set, &wk_type_frozenset, &wk_type_range,
                                     &wk_type_function, &wk_type_cfunction, &wk_type_type };
    if (v.tag != WK_OBJ) return true;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (v.u.o->type == core[i]) return !find_renderer(core[i]);
    return false;
}

bool wk_display_format(wk_value v, wk_value include, wk_value exclude, wk_obj **data,
                       wk_obj **metadata) {
    fmt_ctx c = { v, WK_IS_NONE(include) ? WK_NULLV : include, WK_IS_NONE(exclude) ? WK_NULLV : exclude,
                  wk_dict_new(), wk_dict_new() };
    *data = *metadata = NULL;
    wk_obj *out = wk_dict_new();
    bool ok = c.data && c.md && out;
    bool plain = plain_only(v);
    int self = ok && !plain ? self_display(v) : 0;
    ok = ok && self >= 0;
    if (ok && !self) {
        ok = plain || (run_renderer(&c) && run_mimebundle(&c));
        for (size_t i = 0; ok && !plain && i < sizeof repr_methods / sizeof repr_methods[0]; i++)
            ok = run_repr_method(&c, &repr_methods[i]);
        wk_obj *rich = c.data;
        c.data = out;
        out = NULL;
        ok = ok && add_plain(&c, rich);
        wk_obj_decref(rich);
    }
    wk_obj_decref(out);
    if (!ok) { wk_obj_decref(c.data); wk_obj_decref(c.md); return false; }
    *data = c.data;
    *metadata = c.md;
    return true;
}

/* ---------------------------------------------------------------- publishing */

/* Without a front end: text/plain on stdout, as IPython's terminal shows it. */
static bool print_plain(wk_obj *data) {
    wk_value text = wk_dict_get_s(data, "text/plain");
    if (!wk_is_str(text)) return true;
    return wk_write_stdout(wk_str_cstr(text), (size_t)WK_STR(text.u.o)->len) && wk_write_stdout("\n", 1);
}

static wk_value ipy_format(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse("_format", args, nargs, kw, "obj|include exclude", a)) return WK_NULLV;
    wk_obj *data, *md;
    if (!wk_display_format(a[0], a[1], a[2], &data, &md)) return WK_NULLV;
    wk_obj *t = wk_tuple_pack(2, wk_objv(data), wk_objv(md));
    wk_obj_decref(data);
    wk_obj_decref(md);
    return wk_objv(t);
}

static wk_value ipy_publish(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    if (!wk_args_parse("_publish", args, nargs, kw, "data metadata transient update", a)) return WK_NULLV;
    if (!wk_is_dict(a[0])) return wk_raise(wk_exc_TypeError, "display data must be a dict, not %s", wk_typename(a[0]));
    int update = wk_truthy(a[3]);
    if (update < 0) return WK_NULLV;
    if (!wk_display_state.publish) return print_plain(a[0].u.o) ? WK_NONEV : WK_NULLV;
    wk_obj *md = wk_is_dict(a[1]) ? a[1].u.o : NULL;
    wk_obj *tr = wk_is_dict(a[2]) ? a[2].u.o : NULL;
    bool ok = wk_display_state.publish(a[0].u.o, md, tr, update, wk_display_state.ctx);
    return ok ? WK_NONEV : WK_NULLV;
}

static wk_value ipy_clear(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("clear_output", args, nargs, kw, "|wait", a)) return WK_NULLV;
    int wait = WK_IS_NULL(a[0]) ? 0 : wk_truthy(a[0]);
    if (wait < 0) return WK_NULLV;
    if (wk_display_state.clear)
        return wk_display_state.clear(wait, wk_display_state.ctx) ? WK_NONEV : WK_NULLV;
    static const char erase[] = "\033[2K\r\033[2K\r";    /* IPython prints it twice */
    return wk_write_stdout(erase, sizeof erase - 1) ? WK_NONEV : WK_NULLV;
}

/* A new display id: 32 random hex digits, like uuid4().hex. */
static wk_value ipy_new_id(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("_new_id", nargs, kw)) return WK_NULLV;
    static unsigned long counter;
    unsigned char raw[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, raw, sizeof raw) : -1;
    if (fd >= 0) close(fd);
    if (got != (ssize_t)sizeof raw) {
        unsigned long seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^ ++counter * 2654435761u;
        for (size_t i = 0; i < sizeof raw; i++) { seed = seed * 6364136223846793005u + 1442695040888963407u; raw[i] = (unsigned char)(seed >> 56); }
    }
    char hex[33];
    for (size_t i = 0; i < sizeof raw; i++) snprintf(hex + 2 * i, 3, "%02x", raw[i]);
    return wk_str_new(hex, 32);
}

static wk_value ipy_b64(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("_b64encode", args, nargs, kw, "data /", a)) return WK_NULLV;
    if (!wk_isinstance_t(a[0], &wk_type_bytes))
        return wk_raise(wk_exc_TypeError, "a bytes-like object is required, not '%s'", wk_typename(a[0]));
    return bytes_base64(a[0]);
}

static const wk_methoddef native_funcs[] = {
    { "_format", ipy_format, 0, "_format(obj, include=None, exclude=None) -> (data, metadata)" },
    { "_publish", ipy_publish, 0, "_publish(data, metadata, transient, update)" },
    { "clear_output", ipy_clear, 0,
      "clear_output(wait=False)\nClear the output of the current cell receiving output.\n\n"
      "wait: wait to clear the output until new output is available to replace it." },
    { "_new_id", ipy_new_id, 0, "A new random display id." },
    { "_b64encode", ipy_b64, 0, "Base64 text of bytes." },
    { NULL, NULL, 0, NULL }
};

/* ---------------------------------------------------------------- IPython.display in wick */

static const char display_source[] =
"import os as _os\n"
"\n"
"def _merge(d1, d2):\n"
"    if not isinstance(d1, dict) or not isinstance(d2, dict):\n"
"        return d2\n"
"    for key, value in d2.items():\n"
"        d1[key] = _merge(d1.get(key), value)\n"
"    return d1\n"
"\n"
"def display(*objs, include=None, exclude=None, metadata=None, transient=None,\n"
"            display_id=None, raw=False, clear=False, update=False):\n"
"    \"\"\"Display a Python object in all frontends.\n"
"\n"
"    By default all representations are computed and sent to the frontends;\n"
"    include/exclude restrict the mime types. display_id gives the output an\n"
"    id that update_display can replace later (True: a new id); raw=True sends\n"
"    objs as ready mime bundles; clear=True clears the output first.\n"
"    Returns a DisplayHandle when display_id is given.\"\"\"\n"
"    if transient is None:\n"
"        transient = {}\n"
"    if metadata is None:\n"
"        metadata = {}\n"
"    if display_id:\n"
"        if display_id is True:\n"
"            display_id = _new_id()\n"
"        transient['display_id'] = display_id\n"
"    if update and 'display_id' not in transient:\n"
"        raise TypeError('display_id required for update_display')\n"
"    if not objs and display_id:\n"
"        objs = [{}]\n"
"        raw = True\n"
"    if clear:\n"
"        clear_output(wait=True)\n"
"    for obj in objs:\n"
"        if raw:\n"
"            _publish(obj, metadata, transient or None, update)\n"
"            continue\n"
"        data, md = _format(obj, include, exclude)\n"
"        if not data:\n"
"            continue\n"
"        if metadata:\n"
"            _merge(md, metadata)\n"
"        _publish(data, md, transient or None, update)\n"
"    if display_id:\n"
"        return DisplayHandle(display_id)\n"
"\n"
"def update_display(obj, *, display_id, **kwargs):\n"
"    \"\"\"Update an existing display by id.\"\"\"\n"
"    kwargs['update'] = True\n"
"    display(obj, display_id=display_id, **kwargs)\n"
"\n"
"class DisplayHandle:\n"
"    \"\"\"A handle on an updatable display: .display(obj), .update(obj).\"\"\"\n"
"    def __init__(self, display_id=None):\n"
"        if display_id is None:\n"
"            display_id = _new_id()\n"
"        self.display_id = display_id\n"
"    def __repr__(self):\n"
"        return '<%s display_id=%s>' % (type(self).__name__, self.display_id)\n"
"    def display(self, obj, **kwargs):\n"
"        display(obj, display_id=self.display_id, **kwargs)\n"
"    def update(self, obj, **kwargs):\n"
"        update_display(obj, display_id=self.display_id, **kwargs)\n"
"\n"
"def _display_mimetype(mimetype, objs, raw=False, metadata=None):\n"
"    if metadata:\n"
"        metadata = {mimetype: metadata}\n"
"    if raw:\n"
"        objs = [{mimetype: obj} for obj in objs]\n"
"    display(*objs, raw=raw, metadata=metadata, include=[mimetype, 'text/plain'])\n"
"\n"
"def display_pretty(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('text/plain', objs, raw, metadata)\n"
"def display_html(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('text/html', objs, raw, metadata)\n"
"def display_markdown(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('text/markdown', objs, raw, metadata)\n"
"def display_svg(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('image/svg+xml', objs, raw, metadata)\n"
"def display_png(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('image/png', objs, raw, metadata)\n"
"def display_jpeg(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('image/jpeg', objs, raw, metadata)\n"
"def display_latex(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('text/latex', objs, raw, metadata)\n"
"def display_json(*objs, raw=False, metadata=None):\n"
"    _display_mimetype('application/json', objs, raw, metadata)\n"
"\n"
"def _safe_exists(path):\n"
"    try:\n"
"        return len(path) < 4096 and '\\n' not in path and _os.path.exists(path)\n"
"    except Exception:\n"
"        return False\n"
"\n"
"class DisplayObject:\n"
"    \"\"\"An object that wraps data to be displayed (text, a file, a URL).\"\"\"\n"
"    _read_flags = 'r'\n"
"    metadata = None\n"
"    def __init__(self, data=None, url=None, filename=None, metadata=None):\n"
"        if data is not None and isinstance(data, str):\n"
"            if data.startswith('http') and url is None:\n"
"                url = data\n"
"                filename = None\n"
"                data = None\n"
"            elif _safe_exists(data) and filename is None:\n"
"                url = None\n"
"                filename = data\n"
"                data = None\n"
"        self.url = url\n"
"        self.filename = filename\n"
"        self.data = data\n"
"        if metadata is not None:\n"
"            self.metadata = metadata\n"
"        elif self.metadata is None:\n"
"            self.metadata = {}\n"
"        self.reload()\n"
"        self._check_data()\n"
"    def __repr__(self):\n"
"        cls = type(self)\n"
"        return '<%s.%s object>' % (cls.__module__, cls.__name__)\n"
"    def _check_data(self):\n"
"        pass\n"
"    def _data_and_metadata(self):\n"
"        if self.metadata:\n"
"            return self.data, dict(self.metadata)\n"
"        return self.data\n"
"    def reload(self):\n"
"        \"\"\"Reload the raw data from file.\"\"\"\n"
"        if self.filename is not None:\n"
"            with open(self.filename, self._read_flags) as f:\n"
"                self.data = f.read()\n"
"\n"
"class TextDisplayObject(DisplayObject):\n"
"    \"\"\"A display object whose data must be a str.\"\"\"\n"
"    def _check_data(self):\n"
"        if self.data is not None and not isinstance(self.data, str):\n"
"            raise TypeError('%s expects text, not %r' % (type(self).__name__, self.data))\n"
"\n"
"class Pretty(TextDisplayObject):\n"
"    \"\"\"Plain text shown as it is.\"\"\"\n"
"    def __repr__(self):\n"
"        return self.data if self.data is not None else ''\n"
"\n"
"class HTML(TextDisplayObject):\n"
"    \"\"\"Raw HTML, rendered by the frontend.\"\"\"\n"
"    def _repr_html_(self):\n"
"        return self._data_and_metadata()\n"
"    def __html__(self):\n"
"        return self._repr_html_()\n"
"\n"
"class Markdown(TextDisplayObject):\n"
"    \"\"\"Markdown text, rendered by the frontend.\"\"\"\n"
"    def _repr_markdown_(self):\n"
"        return self._data_and_metadata()\n"
"\n"
"class Latex(TextDisplayObject):\n"
"    \"\"\"LaTeX (usually $...$ or $$...$$), rendered by the frontend.\"\"\"\n"
"    def _repr_latex_(self):\n"
"        return self._data_and_metadata()\n"
"\n"
"class Math(TextDisplayObject):\n"
"    \"\"\"A LaTeX formula shown as display math.\"\"\"\n"
"    def _repr_latex_(self):\n"
"        s = '$\\\\displaystyle %s$' % self.data.strip('$')\n"
"        if self.metadata:\n"
"            return s, dict(self.metadata)\n"
"        return s\n"
"\n"
"class SVG(DisplayObject):\n"
"    \"\"\"An SVG image (its text).\"\"\"\n"
"    def _repr_svg_(self):\n"
"        return self._data_and_metadata()\n"
"\n"
"class Javascript(TextDisplayObject):\n"
"    \"\"\"JavaScript code for the frontend to run.\"\"\"\n"
"    def _repr_javascript_(self):\n"
"        return self._data_and_metadata()\n"
"\n"
"class JSON(DisplayObject):\n"
"    \"\"\"A dict or list shown by the frontend's JSON viewer.\"\"\"\n"
"    def __init__(self, data=None, url=None, filename=None, expanded=False, metadata=None,\n"
"                 root='root', **kwargs):\n"
"        self.metadata = {'expanded': expanded, 'root': root}\n"
"        if metadata:\n"
"            self.metadata.update(metadata)\n"
"        if kwargs:\n"
"            self.metadata.update(kwargs)\n"
"        DisplayObject.__init__(self, data=data, url=url, filename=filename)\n"
"    def _check_data(self):\n"
"        if self.data is not None and not isinstance(self.data, (dict, list)):\n"
"            raise TypeError('JSON expects JSONable dict or list, not %r' % (self.data,))\n"
"    def _repr_json_(self):\n"
"        return self._data_and_metadata()\n"
"\n"
"def _html_escape(s):\n"
"    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('\"', '&quot;')\n"
"\n"
"class Image(DisplayObject):\n"
"    \"\"\"A PNG or JPEG image from bytes, a file or a URL.\"\"\"\n"
"    _read_flags = 'rb'\n"
"    _MIMETYPES = {'png': 'image/png', 'jpeg': 'image/jpeg', 'gif': 'image/gif'}\n"
"    def __init__(self, data=None, url=None, filename=None, format=None, embed=None,\n"
"                 width=None, height=None, retina=False, unconfined=False, metadata=None,\n"
"                 alt=None):\n"
"        if filename is not None:\n"
"            ext = self._find_ext(filename)\n"
"        elif url is not None:\n"
"            ext = self._find_ext(url)\n"
"        elif data is None:\n"
"            raise ValueError('No image data found. Expecting filename, url, or data.')\n"
"        elif isinstance(data, str) and (data.startswith('http') or _safe_exists(data)):\n"
"            ext = self._find_ext(data)\n"
"        else:\n"
"            ext = None\n"
"        if format is None:\n"
"            if ext is not None:\n"
"                format = 'jpeg' if ext in ('jpg', 'jpeg') else ext\n"
"            elif isinstance(data, bytes) and data[:2] == b'\\xff\\xd8':\n"
"                format = 'jpeg'\n"
"        if format is None:\n"
"            format = 'png'\n"
"        format = format.lower()\n"
"        if format == 'jpg':\n"
"            format = 'jpeg'\n"
"        self.format = format\n"
"        self.embed = embed if embed is not None else (url is None)\n"
"        if self.embed and format not in self._MIMETYPES:\n"
"            raise ValueError(\"Cannot embed the '%s' image format\" % format)\n"
"        self._mimetype = self._MIMETYPES.get(format)\n"
"        self.width = width\n"
"        self.height = height\n"
"        self.retina = retina\n"
"        self.unconfined = unconfined\n"
"        self.alt = alt\n"
"        DisplayObject.__init__(self, data=data, url=url, filename=filename, metadata=metadata)\n"
"        if self.width is None and self.metadata.get('width'):\n"
"            self.width = self.metadata['width']\n"
"        if self.height is None and self.metadata.get('height'):\n"
"            self.height = self.metadata['height']\n"
"    def _find_ext(self, s):\n"
"        base, ext = _os.path.splitext(s)\n"
"        return ext[1:].lower() if ext else None\n"
"    def _data_and_metadata(self, always_both=False):\n"
"        if not isinstance(self.data, bytes):\n"
"            raise FileNotFoundError(\"No such file or directory: '%s'\" % (self.data,))\n"
"        b64 = _b64encode(self.data)\n"
"        md = {}\n"
"        if self.metadata:\n"
"            md.update(self.metadata)\n"
"        if self.width:\n"
"            md['width'] = self.width\n"
"        if self.height:\n"
"            md['height'] = self.height\n"
"        if self.unconfined:\n"
"            md['unconfined'] = self.unconfined\n"
"        if self.alt:\n"
"            md['alt'] = self.alt\n"
"        if md or always_both:\n"
"            return b64, md\n"
"        return b64\n"
"    def _repr_html_(self):\n"
"        if not self.embed:\n"
"            extra = ''\n"
"            if self.width:\n"
"                extra += ' width=\"%d\"' % self.width\n"
"            if self.height:\n"
"                extra += ' height=\"%d\"' % self.height\n"
"            if self.unconfined:\n"
"                extra += ' class=\"unconfined\"'\n"
"            if self.alt:\n"
"                extra += ' alt=\"%s\"' % _html_escape(self.alt)\n"
"            return '<img src=\"%s\"%s/>' % (self.url, extra)\n"
"    def _repr_mimebundle_(self, include=None, exclude=None):\n"
"        if self.embed:\n"
"            data, md = self._data_and_metadata(always_both=True)\n"
"            if md:\n"
"                md = {self._mimetype: md}\n"
"            return {self._mimetype: data}, md\n"
"        return {'text/html': self._repr_html_()}\n"
"    def _repr_png_(self):\n"
"        if self.embed and self.format == 'png':\n"
"            return self._data_and_metadata()\n"
"    def _repr_jpeg_(self):\n"
"        if self.embed and self.format == 'jpeg':\n"
"            return self._data_and_metadata()\n";

/* ---------------------------------------------------------------- module objects */

static bool add_str(wk_obj *m, const char *name, const char *value) {
    wk_value s = wk_str_from_c(value);
    bool ok = !WK_IS_NULL(s) && wk_module_add(m, name, s);
    wk_decref(s);
    return ok;
}

/* Runs the classes' source in the module; they report themselves as
 * IPython.core.display (where IPython defines them) in reprs. */
static bool run_display_source(wk_obj *m) {
    wk_obj *d = wk_module_dict(m);
    if (!add_str(m, "__name__", "IPython.core.display")) return false;
    wk_obj *code = wk_compile_source(display_source, sizeof display_source - 1, "<IPython.display>",
                                     WK_MODE_EXEC, true);
    wk_value r = code ? wk_eval_code(code, d, NULL) : WK_NULLV;
    wk_obj_decref(code);
    wk_decref(r);
    return add_str(m, "__name__", "IPython.display") && !WK_IS_NULL(r);
}

wk_obj *wk_mod_ipython_display_init(void) {
    wk_obj *m = wk_module_new("IPython.display");
    if (!m) return NULL;
    bool ok = add_str(m, "__package__", "IPython") && add_str(m, "__doc__", "Public API for display tools in IPython.")
              && wk_module_add_funcs(m, native_funcs) && run_display_source(m);
    if (!ok) { wk_obj_decref(m); return NULL; }
    return m;
}

/* IPython.core.display is the same module object as IPython.display. */
static wk_obj *core_display_init(void) {
    wk_value m = wk_import("IPython.display");
    return WK_IS_NULL(m) ? NULL : m.u.o;
}

static bool make_package(wk_obj *m, const char *name) {
    wk_obj *path = wk_list_new(0);
    bool ok = path && wk_module_add(m, "__path__", wk_objv(path)) && add_str(m, "__package__", name);
    wk_obj_decref(path);
    return ok;
}

/* Lazy submodules: `import IPython; IPython.display.HTML(...)` works without importing
 * IPython.display first, as in IPython (whose package imports it). */
static wk_value lazy_submodule(const char *pkg, const char *const *subs, const wk_value *args,
                               int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("__getattr__", args, nargs, kw, "name /", a)) return WK_NULLV;
    const char *name = wk_is_str(a[0]) ? wk_str_cstr(a[0]) : "?";
    for (; *subs; subs++)
        if (!strcmp(name, *subs)) {
            char full[64];
            snprintf(full, sizeof full, "%s.%s", pkg, name);
            return wk_import(full);
        }
    return wk_raise(wk_exc_AttributeError, "module '%s' has no attribute '%s'", pkg, name);
}

static wk_value ipy_getattr(const wk_value *args, int nargs, wk_obj *kw) {
    static const char *const subs[] = { "display", "core", NULL };
    return lazy_submodule("IPython", subs, args, nargs, kw);
}

static wk_value core_getattr(const wk_value *args, int nargs, wk_obj *kw) {
    static const char *const subs[] = { "display", NULL };
    return lazy_submodule("IPython.core", subs, args, nargs, kw);
}

static const wk_methoddef package_funcs[] = {
    { "__getattr__", ipy_getattr, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static const wk_methoddef core_funcs[] = {
    { "__getattr__", core_getattr, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static wk_obj *core_init(void) {
    wk_obj *m = wk_module_new("IPython.core");
    if (m && !(make_package(m, "IPython.core") && wk_module_add_funcs(m, core_funcs))) {
        wk_obj_decref(m);
        return NULL;
    }
    return m;
}

wk_obj *wk_mod_ipython_init(void) {
    wk_register_native_module("IPython.display", wk_mod_ipython_display_init);
    wk_register_native_module("IPython.core", core_init);
    wk_register_native_module("IPython.core.display", core_display_init);
    wk_obj *m = wk_module_new("IPython");
    if (!m) return NULL;
    bool ok = make_package(m, "IPython") && add_str(m, "__doc__", "wick's subset of IPython: the rich display API (IPython.display).")
              && wk_module_add_funcs(m, package_funcs);
    if (!ok) { wk_obj_decref(m); return NULL; }
    return m;
}
