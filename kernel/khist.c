/* khist.c — the kernel's in-memory input/output history and history_request queries (tail, range, search). */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include "kint.h"

#define HIST_SESSION 1   /* the only session this process knows: "current" */

static char *dup_bytes(const char *s, size_t n) {
    char *d = malloc(n + 1);
    if (d) { memcpy(d, s, n); d[n] = 0; }
    return d;
}

void wk_khist_add(wk_khist *h, int line, const char *input, size_t len) {
    if (h->len == h->cap) {
        size_t ncap = h->cap ? h->cap * 2 : 64;
        wk_khist_entry *ni = realloc(h->items, ncap * sizeof *ni);
        if (!ni) return;
        h->items = ni;
        h->cap = ncap;
    }
    char *copy = dup_bytes(input, len);
    if (!copy) return;
    h->items[h->len++] = (wk_khist_entry){ line, copy, NULL };
}

void wk_khist_set_output(wk_khist *h, int line, const char *text, size_t len) {
    if (!h->len || h->items[h->len - 1].line != line) return;
    wk_khist_entry *e = &h->items[h->len - 1];
    free(e->output);
    e->output = dup_bytes(text, len);
}

void wk_khist_free(wk_khist *h) {
    for (size_t i = 0; i < h->len; i++) { free(h->items[i].input); free(h->items[i].output); }
    free(h->items);
    memset(h, 0, sizeof *h);
}

/* [session, line, input] or [session, line, [input, output]]. */
static json_t *entry_json(const wk_khist_entry *e, bool output) {
    json_t *in = wk_kernel_jstring(e->input, strlen(e->input));
    if (output) {
        json_t *out = e->output ? wk_kernel_jstring(e->output, strlen(e->output)) : json_null();
        in = json_pack("[o, o]", in, out);
    }
    return json_pack("[i, i, o]", HIST_SESSION, e->line, in);
}

static json_t *tail(const wk_khist *h, long long n, bool output) {
    json_t *list = json_array();
    if (n < 0) n = 0;
    size_t first = (size_t)n >= h->len ? 0 : h->len - (size_t)n;
    for (size_t i = first; i < h->len; i++) json_array_append_new(list, entry_json(&h->items[i], output));
    return list;
}

static json_t *range(const wk_khist *h, const json_t *req, bool output) {
    json_t *list = json_array();
    long long session = wk_kernel_jint(req, "session", 0);
    if (session != 0 && session != HIST_SESSION) return list;   /* no earlier sessions */
    long long start = wk_kernel_jint(req, "start", 1);
    json_t *jstop = json_object_get(req, "stop");
    long long stop = json_is_integer(jstop) ? json_integer_value(jstop) : -1;
    for (size_t i = 0; i < h->len; i++) {
        const wk_khist_entry *e = &h->items[i];
        if (e->line >= start && (stop < 0 || e->line < stop))
            json_array_append_new(list, entry_json(e, output));
    }
    return list;
}

/* True when a later entry that also matches has the same input (unique search). */
static bool repeated_later(const wk_khist *h, size_t i, const bool *match) {
    for (size_t j = i + 1; j < h->len; j++)
        if (match[j] && !strcmp(h->items[j].input, h->items[i].input)) return true;
    return false;
}

static json_t *search(const wk_khist *h, const json_t *req, bool output) {
    const char *pattern = wk_kernel_jstr(req, "pattern", NULL);
    if (!pattern) pattern = "*";
    bool unique = wk_kernel_jbool(req, "unique", false);
    long long n = wk_kernel_jint(req, "n", -1);
    bool *match = calloc(h->len + 1, sizeof *match);
    json_t *list = json_array();
    if (!match) return list;
    size_t count = 0;
    for (size_t i = 0; i < h->len; i++) match[i] = fnmatch(pattern, h->items[i].input, 0) == 0;
    for (size_t i = 0; i < h->len; i++)
        if (match[i] && unique && repeated_later(h, i, match)) match[i] = false;
    for (size_t i = 0; i < h->len; i++) count += match[i];
    size_t skip = (n >= 0 && (size_t)n < count) ? count - (size_t)n : 0;
    for (size_t i = 0; i < h->len; i++) {
        if (!match[i]) continue;
        if (skip) { skip--; continue; }
        json_array_append_new(list, entry_json(&h->items[i], output));
    }
    free(match);
    return list;
}

json_t *wk_khist_query(const wk_khist *h, const json_t *req) {
    const char *type = wk_kernel_jstr(req, "hist_access_type", NULL);
    bool output = wk_kernel_jbool(req, "output", false);
    if (type && !strcmp(type, "tail")) return tail(h, wk_kernel_jint(req, "n", 10), output);
    if (type && !strcmp(type, "search")) return search(h, req, output);
    if (!type || !strcmp(type, "range")) return range(h, req, output);
    return json_array();
}
