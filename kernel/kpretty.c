/* kpretty.c — text/plain of execute_result as IPython.lib.pretty prints it: lists, tuples, dicts, sets and collections' OrderedDict/Counter/defaultdict/deque wider than 79 columns broken one item per line, classes by their qualified name (the same group/breakable algorithm), multi-line reprs kept aligned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vm.h"
#include "kint.h"

#define MAX_WIDTH 79
#define MAX_SEQ_LENGTH 1000
#define MAX_DEPTH 200

typedef struct group {
    int depth;
    int pending;          /* breakables of this group still in the buffer */
    bool want_break;
} group;

typedef struct item {      /* a buffered Text or Breakable */
    bool breakable;
    size_t start, len;     /* text: bytes in pp.texts; breakable: its separator */
    int width;
    int indent;
    group *g;
} item;

typedef struct pp {
    wk_sbuf out, texts;
    int output_width, buffer_width, indentation;
    item *buf;
    size_t head, tail, cap;            /* buffered items: buf[head .. tail) */
    group **stack;                     /* open groups */
    int nstack;
    group ***queue;                    /* per depth: groups waiting to be broken */
    int *qlen, qdepths;
    group **all;                       /* every group (freed at the end) */
    size_t nall;
    wk_obj *seen[MAX_DEPTH];           /* objects being printed (cycles) */
    int nseen;
    bool oom;
} pp;

static int cp_width(const char *s, size_t n) {
    int w = 0;
    for (size_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* ---------------------------------------------------------------- the group queue */

static void queue_add(pp *p, group *g) {
    if (g->depth >= p->qdepths) {
        int nd = g->depth + 8;
        group ***q = realloc(p->queue, (size_t)nd * sizeof *q);
        int *ql = realloc(p->qlen, (size_t)nd * sizeof *ql);
        if (q) p->queue = q;
        if (ql) p->qlen = ql;
        if (!q || !ql) { p->oom = true; return; }
        for (int i = p->qdepths; i < nd; i++) { p->queue[i] = NULL; p->qlen[i] = 0; }
        p->qdepths = nd;
    }
    group **s = realloc(p->queue[g->depth], (size_t)(p->qlen[g->depth] + 1) * sizeof *s);
    if (!s) { p->oom = true; return; }
    p->queue[g->depth] = s;
    s[p->qlen[g->depth]++] = g;
}

static void queue_del_at(pp *p, int depth, int i) {
    memmove(&p->queue[depth][i], &p->queue[depth][i + 1], (size_t)(p->qlen[depth] - i - 1) * sizeof(group *));
    p->qlen[depth]--;
}

static void queue_remove(pp *p, group *g) {
    if (g->depth >= p->qdepths) return;
    for (int i = 0; i < p->qlen[g->depth]; i++)
        if (p->queue[g->depth][i] == g) { queue_del_at(p, g->depth, i); return; }
}

/* GroupQueue.deq, including its indexing: the group found scanning from the end is
 * marked, and the entry at the same index counted from the start is dropped. */
static group *queue_take(pp *p) {
    for (int d = 0; d < p->qdepths; d++) {
        int n = p->qlen[d];
        for (int idx = 0; idx < n; idx++) {
            group *g = p->queue[d][n - 1 - idx];
            if (g->pending) {
                queue_del_at(p, d, idx);
                g->want_break = true;
                return g;
            }
        }
        for (int i = 0; i < n; i++) p->queue[d][i]->want_break = true;
        p->qlen[d] = 0;
    }
    return NULL;
}

/* ---------------------------------------------------------------- the buffer */

static item *push_item(pp *p) {
    if (p->tail == p->cap) {
        if (p->head > 0) {
            memmove(p->buf, p->buf + p->head, (p->tail - p->head) * sizeof *p->buf);
            p->tail -= p->head;
            p->head = 0;
        }
        if (p->tail == p->cap) {
            size_t nc = p->cap ? p->cap * 2 : 64;
            item *nb = realloc(p->buf, nc * sizeof *nb);
            if (!nb) { p->oom = true; return NULL; }
            p->buf = nb;
            p->cap = nc;
        }
    }
    item *it = &p->buf[p->tail++];
    memset(it, 0, sizeof *it);
    return it;
}

static void newline(pp *p, int indent) {
    wk_sbuf_addc(&p->out, '\n');
    wk_sbuf_addrep(&p->out, ' ', (size_t)indent);
}

/* Writes the oldest buffered item (Text.output / Breakable.output). */
static void output_first(pp *p) {
    item it = p->buf[p->head++];
    p->buffer_width -= it.width;
    if (!it.breakable) {
        wk_sbuf_add(&p->out, p->texts.data + it.start, it.len);
        p->output_width += it.width;
        return;
    }
    it.g->pending--;
    if (it.g->want_break) {
        newline(p, it.indent);
        p->output_width = it.indent;
        return;
    }
    if (!it.g->pending) queue_remove(p, it.g);
    wk_sbuf_add(&p->out, p->texts.data + it.start, it.len);
    p->output_width += it.width;
}

static void break_one_group(pp *p, group *g) {
    while (g->pending && p->head < p->tail) output_first(p);
    while (p->head < p->tail && !p->buf[p->head].breakable) output_first(p);
}

static void break_outer_groups(pp *p) {
    while (MAX_WIDTH < p->output_width + p->buffer_width) {
        group *g = queue_take(p);
        if (!g) return;
        break_one_group(p, g);
    }
}

static void flush(pp *p) {
    while (p->head < p->tail) output_first(p);
    p->buffer_width = 0;
}

static void text(pp *p, const char *s, size_t n) {
    int w = cp_width(s, n);
    if (p->head == p->tail) {
        wk_sbuf_add(&p->out, s, n);
        p->output_width += w;
        return;
    }
    item *last = &p->buf[p->tail - 1];
    if (last->breakable || last->start + last->len != p->texts.len) {
        last = push_item(p);
        if (!last) return;
        last->start = p->texts.len;
    }
    wk_sbuf_add(&p->texts, s, n);
    last->len += n;
    last->width += w;
    p->buffer_width += w;
    break_outer_groups(p);
}

static void texts(pp *p, const char *s) { text(p, s, strlen(s)); }

static void breakable(pp *p) {
    group *g = p->stack[p->nstack - 1];
    if (g->want_break) {
        flush(p);
        newline(p, p->indentation);
        p->output_width = p->indentation;
        p->buffer_width = 0;
        return;
    }
    item *it = push_item(p);
    if (!it) return;
    it->breakable = true;
    it->start = p->texts.len;
    wk_sbuf_addc(&p->texts, ' ');
    it->len = 1;
    it->width = 1;
    it->indent = p->indentation;
    it->g = g;
    g->pending++;
    p->buffer_width += 1;
    break_outer_groups(p);
}

/* An explicit newline (between the lines of a multi-line repr). */
static void hard_break(pp *p) {
    group *g = queue_take(p);
    if (g) break_one_group(p, g);
    flush(p);
    newline(p, p->indentation);
    p->output_width = p->indentation;
    p->buffer_width = 0;
}

static void begin_group(pp *p, int indent, const char *open) {
    if (*open) texts(p, open);
    group *g = calloc(1, sizeof *g);
    group **all = realloc(p->all, (p->nall + 1) * sizeof *all);
    group **st = realloc(p->stack, (size_t)(p->nstack + 1) * sizeof *st);
    if (all) p->all = all;
    if (st) p->stack = st;
    if (!g || !all || !st) { free(g); p->oom = true; return; }
    p->all[p->nall++] = g;
    g->depth = p->stack[p->nstack - 1]->depth + 1;
    p->stack[p->nstack++] = g;
    queue_add(p, g);
    p->indentation += indent;
}

static void end_group(pp *p, int dedent, const char *close) {
    p->indentation -= dedent;
    group *g = p->stack[--p->nstack];
    if (!g->pending) queue_remove(p, g);
    if (*close) texts(p, close);
}

/* ---------------------------------------------------------------- printers */

static bool pretty(pp *p, wk_value v);

/* _repr_pprint: the repr, its lines separated by explicit breaks. */
static bool repr_lines(pp *p, wk_value v) {
    wk_value r = wk_repr(v);
    if (WK_IS_NULL(r)) return false;
    const char *s = wk_str_cstr(r), *end = s + WK_STR(r.u.o)->len;
    begin_group(p, 0, "");
    for (bool first = true; s < end || first; first = false) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        if (!first) hard_break(p);
        text(p, s, (size_t)(e - s));
        s = nl ? nl + 1 : end;
    }
    end_group(p, 0, "");
    wk_decref(r);
    return true;
}

/* Classes: "int", "collections.OrderedDict" (module.qualname unless builtins). */
static bool type_name(pp *p, wk_value v) {
    wk_value mod = wk_getattr_s(v, "__module__"), name = wk_getattr_s(v, "__qualname__");
    if (WK_IS_NULL(mod) || WK_IS_NULL(name)) wk_err_clear();
    bool ok = wk_is_str(name);
    if (ok && wk_is_str(mod) && strcmp(wk_str_cstr(mod), "builtins")) {
        texts(p, wk_str_cstr(mod));
        texts(p, ".");
    }
    if (ok) texts(p, wk_str_cstr(name));
    wk_decref(mod);
    wk_decref(name);
    return ok ? true : repr_lines(p, v);
}

/* Items separated by ",<breakable>", truncated after MAX_SEQ_LENGTH with "...". */
static bool items(pp *p, const wk_value *xs, int64_t n, bool dict_pairs, wk_obj *d) {
    for (int64_t i = 0; i < n; i++) {
        if (i) { texts(p, ","); breakable(p); }
        if (i >= MAX_SEQ_LENGTH) { texts(p, "..."); return true; }
        if (!pretty(p, xs[i])) return false;
        if (dict_pairs) {
            wk_value val;
            if (wk_dict_lookup(d, xs[i], &val) <= 0) return false;
            texts(p, ": ");
            if (!pretty(p, val)) return false;
        }
    }
    return true;
}

static bool seq(pp *p, wk_value v, const char *open, const char *close) {
    bool tuple = wk_is_tuple(v);
    const wk_value *xs = tuple ? WK_TUPLE(v.u.o)->items : WK_LIST(v.u.o)->items;
    int64_t n = tuple ? WK_TUPLE(v.u.o)->len : WK_LIST(v.u.o)->len;
    begin_group(p, 1, open);
    bool ok = items(p, xs, n, false, NULL);
    if (tuple && n == 1) texts(p, ",");
    end_group(p, 1, close);
    return ok;
}

static bool dict(pp *p, wk_value v) {
    wk_obj *keys = wk_list_new(0);
    if (!keys) return false;
    int64_t pos = 0;
    wk_value k, x;
    bool ok = true;
    while (ok && wk_dict_next(v.u.o, &pos, &k, &x)) ok = wk_list_append(keys, k);
    begin_group(p, 1, "{");
    ok = ok && items(p, WK_LIST(keys)->items, WK_LIST(keys)->len, true, v.u.o);
    end_group(p, 1, "}");
    wk_obj_decref(keys);
    return ok;
}

/* Sets: sorted when their items allow it (IPython's _sorted_for_pprint). */
static bool set(pp *p, wk_value v, bool frozen) {
    int64_t n = wk_set_len(v.u.o);
    if (n == 0) { texts(p, frozen ? "frozenset()" : "set()"); return true; }
    wk_obj *list = wk_sequence_list(v);
    if (!list) return false;
    if (n < MAX_SEQ_LENGTH) {
        wk_value r = wk_call_method_s(wk_objv(list), "sort", NULL, 0);
        if (WK_IS_NULL(r)) wk_err_clear();
        wk_decref(r);
    }
    const char *open = frozen ? "frozenset({" : "{", *close = frozen ? "})" : "}";
    int step = (int)strlen(open);
    begin_group(p, step, open);
    bool ok = items(p, WK_LIST(list)->items, WK_LIST(list)->len, false, NULL);
    end_group(p, step, close);
    wk_obj_decref(list);
    return ok;
}

/* CallExpression: name(arg, ..., kw=value) as one group indented by "name(". */
static bool call_expr(pp *p, const char *name, const wk_value *args, int nargs, const char *kw, wk_value kwval) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s(", name);
    int step = (int)strlen(prefix);
    begin_group(p, 0, "");                 /* p.pretty() of the CallExpression */
    begin_group(p, step, prefix);
    bool ok = true;
    for (int i = 0; ok && i < nargs; i++) {
        if (i) { texts(p, ","); breakable(p); }
        ok = pretty(p, args[i]);
    }
    if (ok && kw) {
        if (nargs) { texts(p, ","); breakable(p); }
        char kp[32];
        snprintf(kp, sizeof kp, "%s=", kw);
        begin_group(p, (int)strlen(kp), kp);
        ok = pretty(p, kwval);
        end_group(p, (int)strlen(kp), "");
    }
    end_group(p, step, ")");
    end_group(p, 0, "");
    return ok;
}

/* A plain dict (Counter's, defaultdict's) or list (OrderedDict's items, a deque) of v. */
static wk_value as_plain(wk_value v, bool dict_of, bool items) {
    if (dict_of) {
        wk_obj *d = wk_dict_new();
        if (d && wk_dict_update(d, v) < 0) { wk_obj_decref(d); d = NULL; }
        return wk_objv(d);
    }
    wk_value src = items ? wk_call_method_s(v, "items", NULL, 0) : wk_incref(v);
    wk_obj *l = WK_IS_NULL(src) ? NULL : wk_sequence_list(src);
    wk_decref(src);
    return wk_objv(l);
}

/* collections.OrderedDict, Counter, defaultdict and deque as IPython's deferred printers
 * show them. 1 printed, 0 not one of them, -1 error. */
static int collections_type(pp *p, wk_value v) {
    wk_type *t = wk_typeof(v);
    const char *n = t->name;
    bool od = !strcmp(n, "OrderedDict"), ctr = !strcmp(n, "Counter"), dd = !strcmp(n, "defaultdict"),
         dq = !strcmp(n, "deque");
    if (!od && !ctr && !dd && !dq) return 0;
    wk_value mod = wk_getattr_s(wk_objv((wk_obj *)t), "__module__");
    bool coll = wk_is_str(mod) && !strcmp(wk_str_cstr(mod), "collections");
    wk_decref(mod);
    if (!coll) { wk_err_clear(); return 0; }
    int64_t len = wk_len(v);
    if (len < 0) return -1;
    wk_value args[2] = { WK_NULLV, WK_NULLV }, maxlen = WK_NULLV;
    int nargs = 0;
    if (dd) args[nargs++] = wk_getattr_s(v, "default_factory");
    if (len || dd || dq) args[nargs++] = as_plain(v, ctr || dd, od);
    if (dq) maxlen = wk_getattr_s(v, "maxlen");
    bool ok = !WK_IS_NULL(args[0]) || !nargs;
    ok = ok && (nargs < 2 || !WK_IS_NULL(args[1])) && (!dq || !WK_IS_NULL(maxlen));
    ok = ok && call_expr(p, n, args, nargs, dq && !WK_IS_NONE(maxlen) ? "maxlen" : NULL, maxlen);
    wk_decref(args[0]);
    wk_decref(args[1]);
    wk_decref(maxlen);
    return ok ? 1 : -1;
}

static bool pretty(pp *p, wk_value v) {
    if (p->oom) return false;
    bool container = wk_is_list(v) || wk_is_tuple(v) || wk_is_dict(v) || wk_isinstance_t(v, &wk_type_set)
                     || wk_isinstance_t(v, &wk_type_frozenset);
    wk_type *t = container ? wk_typeof(v) : NULL;
    if (t && t != &wk_type_list && t != &wk_type_tuple && t != &wk_type_dict && t != &wk_type_set
        && t != &wk_type_frozenset) container = false;           /* subclasses: their repr */
    if (container) {
        for (int i = 0; i < p->nseen; i++)
            if (p->seen[i] == v.u.o) {
                texts(p, t == &wk_type_list ? "[...]" : t == &wk_type_tuple ? "(...)" : "{...}");
                return true;
            }
        if (p->nseen == MAX_DEPTH) return repr_lines(p, v);
    }
    begin_group(p, 0, "");
    bool ok;
    int coll = container || v.tag != WK_OBJ || p->nseen == MAX_DEPTH ? 0 : collections_type(p, v);
    if (coll) ok = coll > 0;
    else if (wk_typeof(v) == &wk_type_type) ok = type_name(p, v);     /* not a metaclass with its repr */
    else if (!container) ok = repr_lines(p, v);
    else {
        p->seen[p->nseen++] = v.u.o;
        if (t == &wk_type_list) ok = seq(p, v, "[", "]");
        else if (t == &wk_type_tuple) ok = seq(p, v, "(", ")");
        else if (t == &wk_type_dict) ok = dict(p, v);
        else ok = set(p, v, t == &wk_type_frozenset);
        p->nseen--;
    }
    end_group(p, 0, "");
    return ok && !p->oom;
}

static void pp_free(pp *p) {
    for (size_t i = 0; i < p->nall; i++) free(p->all[i]);
    for (int d = 0; d < p->qdepths; d++) free(p->queue[d]);
    free(p->all);
    free(p->queue);
    free(p->qlen);
    free(p->stack);
    free(p->buf);
    wk_sbuf_free(&p->texts);
}

bool wk_kernel_pretty_applies(wk_value v) {
    static const char *const coll[] = { "OrderedDict", "Counter", "defaultdict", "deque" };
    wk_type *t = v.tag == WK_OBJ ? wk_typeof(v) : NULL;
    if (!t) return false;
    if (t == &wk_type_type || t == &wk_type_list || t == &wk_type_tuple || t == &wk_type_dict || t == &wk_type_set
        || t == &wk_type_frozenset) return true;
    for (size_t i = 0; i < sizeof coll / sizeof coll[0]; i++)
        if (!strcmp(t->name, coll[i])) return true;
    return false;
}

wk_value wk_kernel_pretty(wk_value v) {
    pp p;
    memset(&p, 0, sizeof p);
    wk_sbuf_init(&p.out);
    wk_sbuf_init(&p.texts);
    group root = { 0, 0, false };
    p.stack = malloc(sizeof *p.stack);
    if (p.stack) { p.stack[0] = &root; p.nstack = 1; queue_add(&p, &root); }
    bool ok = p.stack && pretty(&p, v);
    if (ok) flush(&p);
    pp_free(&p);
    if (!ok) {
        wk_sbuf_free(&p.out);
        return wk_err_occurred() ? WK_NULLV : wk_raise_nomem();
    }
    return wk_str_from_sbuf(&p.out);
}
