/* display.h — rich display (IPython's display protocol): mime bundles of values, renderers that native types register, and the hooks a front end (the Jupyter kernel) sets to publish them. Implemented in mod_ipython.c. */
#ifndef WK_DISPLAY_H
#define WK_DISPLAY_H

#include "object.h"

/* A renderer for a native type (torch.Tensor's HTML table, say): adds entries to data
 * (mime type str -> str, or any JSON-like value for application/json) and optionally
 * metadata (mime type -> dict). Must not add "text/plain" unless it wants to replace the
 * repr. Returns false with an exception pending on error (reported as a formatter
 * error: the entry is skipped, text/plain is still shown). */
typedef bool (*wk_display_fn)(wk_value v, wk_obj *data, wk_obj *metadata);

/* Registers fn for instances of t and its subclasses (the most derived registration
 * wins). Call it once at module start-up; a second call for the same type replaces the
 * function. False only when the table is full (WK_DISPLAY_MAX_RENDERERS). */
#define WK_DISPLAY_MAX_RENDERERS 32
bool wk_display_register(wk_type *t, wk_display_fn fn);

/* The mime bundle of v, as IPython's DisplayFormatter.format builds it:
 *   1. an object with _ipython_display_ displays itself: it is called, and *data is
 *      left empty (nothing should be published);
 *   2. the registered renderer of v's type, then _repr_mimebundle_(include=, exclude=)
 *      (a dict, or a (data, metadata) tuple);
 *   3. _repr_html_, _repr_markdown_, _repr_svg_, _repr_png_, _repr_jpeg_, _repr_latex_,
 *      _repr_json_ for the types still missing; each may return None (skipped), the
 *      value, or (value, metadata). PNG/JPEG bytes are base64-encoded.
 *   4. text/plain: repr(v), always (unless step 2 gave one or exclude drops it).
 * include/exclude: WK_NULL/None or containers of mime type strings. An exception in a
 * _repr_*_ method or a result of the wrong type is reported on sys.stderr (a traceback
 * or a FormatterWarning line) and that entry skipped; NotImplementedError is silent.
 * *data and *metadata receive new dicts. Returns false with an exception pending only
 * when repr() itself fails (or on memory errors). */
bool wk_display_format(wk_value v, wk_value include, wk_value exclude, wk_obj **data,
                       wk_obj **metadata);

/* What a front end does with display()/update_display()/clear_output(). publish gets
 * the data and metadata dicts, the transient dict (display_id) or NULL, and whether it
 * is an update_display_data; clear gets clear_output's wait flag. Both return false
 * with an exception pending on error. With no hooks set (REPL, scripts) display()
 * prints text/plain to sys.stdout as IPython's terminal does, and clear_output() prints
 * the terminal's erase-line sequence. */
typedef struct wk_display_hooks {
    bool (*publish)(wk_obj *data, wk_obj *metadata, wk_obj *transient, bool update, void *ctx);
    bool (*clear)(bool wait, void *ctx);
    void *ctx;
} wk_display_hooks;

extern wk_display_hooks wk_display_state;

/* Base64 (standard alphabet, padded, no newlines) of n bytes as a new str. */
wk_value wk_display_base64(const unsigned char *s, size_t n);

#endif
