/* args.c — argument parsing for native functions (wk_args_parse / wk_args_none) with
 * CPython's error messages. */
#include "objimpl.h"
#include <string.h>

#define MAX_PARAMS 24

typedef struct {
    const char *name;
    size_t len;
    bool optional, kwonly, posonly;
} param;

/* Splits a spec such as "x /|base" or "sep end $ file" into parameters. */
static int parse_spec(const char *spec, param *p) {
    int n = 0;
    bool opt = false, kwonly = false;
    const char *s = spec;
    while (*s && n < MAX_PARAMS) {
        if (*s == ' ') { s++; continue; }
        if (*s == '|') { opt = true; s++; continue; }
        if (*s == '$') { kwonly = opt = true; s++; continue; }   /* keyword-only ones are optional */
        if (*s == '/') {
            for (int i = 0; i < n; i++) p[i].posonly = true;
            s++;
            continue;
        }
        const char *e = s;
        while (*e && !strchr(" |$/", *e)) e++;
        p[n++] = (param){ s, (size_t)(e - s), opt, kwonly, false };
        s = e;
    }
    return n;
}

static bool too_many(const char *f, const param *p, int n, int npos, int nargs) {
    bool has_kwonly = npos < n, has_opt = false;
    int nreq = 0;
    for (int i = 0; i < npos; i++) {
        if (p[i].optional) has_opt = true;
        else nreq++;
    }
    if (npos == 0)
        wk_raise(wk_exc_TypeError, "%s() takes no positional arguments", f);
    else if (has_kwonly)
        wk_raise(wk_exc_TypeError, "%s() takes at most %d positional argument%s (%d given)", f,
                 npos, npos == 1 ? "" : "s", nargs);
    else
        wk_raise(wk_exc_TypeError, "%s() takes %s %d argument%s (%d given)", f,
                 has_opt ? "at most" : "exactly", npos, npos == 1 ? "" : "s", nargs);
    return false;
}

static int find_param(const param *p, int n, const char *name, size_t len) {
    for (int i = 0; i < n; i++)
        if (p[i].len == len && !memcmp(p[i].name, name, len)) return i;
    return -1;
}

static bool bind_keywords(const char *f, const param *p, int n, const wk_value *args, int nargs,
                          wk_obj *kwnames, wk_value *out) {
    wk_tuple *kw = WK_TUPLE(kwnames);
    bool any_kw = false;
    for (int i = 0; i < n; i++) any_kw |= !p[i].posonly;
    if (!any_kw) {
        wk_raise(wk_exc_TypeError, "%s() takes no keyword arguments", f);
        return false;
    }
    for (int64_t j = 0; j < kw->len; j++) {
        wk_strobj *k = WK_STR(kw->items[j].u.o);
        int i = find_param(p, n, k->data, (size_t)k->len);
        if (i < 0) {
            wk_raise(wk_exc_TypeError, "%s() got an unexpected keyword argument '%s'", f, k->data);
            return false;
        }
        if (p[i].posonly) {
            wk_raise(wk_exc_TypeError, "'%s' is an invalid keyword argument for %s()", k->data, f);
            return false;
        }
        if (i < nargs || !WK_IS_NULL(out[i])) {
            wk_raise(wk_exc_TypeError, "argument for %s() given by name ('%s') and position (%d)",
                     f, k->data, i + 1);
            return false;
        }
        out[i] = args[nargs + j];
    }
    return true;
}

bool wk_args_parse(const char *f, const wk_value *args, int nargs, wk_obj *kwnames,
                   const char *spec, wk_value *out) {
    param p[MAX_PARAMS];
    int n = parse_spec(spec, p), npos = 0;
    while (npos < n && !p[npos].kwonly) npos++;
    if (nargs > npos) return too_many(f, p, n, npos, nargs);
    for (int i = 0; i < n; i++) out[i] = i < nargs ? args[i] : WK_NULLV;
    if (kwnames && WK_TUPLE(kwnames)->len && !bind_keywords(f, p, n, args, nargs, kwnames, out))
        return false;
    for (int i = 0; i < n; i++) {
        if (p[i].optional || !WK_IS_NULL(out[i])) continue;
        if (p[i].kwonly)
            wk_raise(wk_exc_TypeError, "%s() missing required keyword-only argument '%.*s'", f,
                     (int)p[i].len, p[i].name);
        else
            wk_raise(wk_exc_TypeError, "%s() missing required argument '%.*s' (pos %d)", f,
                     (int)p[i].len, p[i].name, i + 1);
        return false;
    }
    return true;
}

bool wk_args_none(const char *f, int nargs, wk_obj *kwnames) {
    if (kwnames && WK_TUPLE(kwnames)->len) {
        wk_raise(wk_exc_TypeError, "%s() takes no keyword arguments", f);
        return false;
    }
    if (nargs > 0) {
        wk_raise(wk_exc_TypeError, "%s() takes no arguments (%d given)", f, nargs);
        return false;
    }
    return true;
}
