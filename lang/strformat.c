/* strformat.c — str % args (printf-style), str.format / format_map, and str.__format__. */
#include "str_int.h"
#include "numfmt.h"
#include <stdlib.h>
#include <string.h>

#define ERRCAP 200

wk_value wk_str_fmt_error(const char *err) {
    int kind = wk_fmt_err_kind(err);
    wk_type *t = kind == WK_EXC_OVERFLOW ? wk_exc_OverflowError
               : kind == WK_EXC_TYPE ? wk_exc_TypeError : wk_exc_ValueError;
    return wk_raise(t, "%s", err);
}

wk_value wk_str_format_slot(wk_value self, wk_value spec) {
    if (!wk_is_str(spec))
        return wk_raise(wk_exc_TypeError, "format() argument 2 must be str, not %s", wk_typename(spec));
    wk_strobj *s = WK_STR(self.u.o), *sp = WK_STR(spec.u.o);
    if (sp->len == 0) return wk_incref(self);
    wk_sbuf sb;
    char err[ERRCAP];
    wk_sbuf_init(&sb);
    if (!wk_fmt_str(&sb, s->data, (size_t)s->len, sp->data, (size_t)sp->len, err, sizeof err)) {
        wk_sbuf_free(&sb);
        return wk_str_fmt_error(err);
    }
    return wk_str_from_sbuf(&sb);
}

/* ================================================================ str % args */

typedef struct {
    wk_value args;       /* the right operand */
    int64_t arglen;      /* tuple length, or -1 for a single value */
    int64_t argidx;      /* next tuple item; -2 / -1 for a single value unused / used */
    bool dict;           /* the right operand is a mapping */
} pct_state;

static wk_value next_arg(pct_state *st) {
    if (st->arglen < 0) {
        if (st->argidx == -2) { st->argidx = -1; return st->args; }
    } else if (st->argidx < st->arglen) {
        return WK_TUPLE(st->args.u.o)->items[st->argidx++];
    }
    return wk_raise(wk_exc_TypeError, "not enough arguments for format string");
}

/* Replaces a '*' width or precision by the next argument. */
static bool star_arg(pct_state *st, int64_t *field, unsigned *flags, bool width) {
    if (*field != WK_PCT_STAR) return true;
    wk_value v = next_arg(st);
    if (WK_IS_NULL(v)) return false;
    if (!WK_IS_INT(v) && !WK_IS_BOOL(v)) {
        wk_raise(wk_exc_TypeError, "* wants int");
        return false;
    }
    *field = v.u.i;
    if (*field < 0) {
        if (width) { *flags |= WK_PCT_LJUST; *field = -*field; }
        else *field = 0;
    }
    return true;
}

/* %s %r %a */
static bool pct_text(wk_sbuf *sb, wk_value v, const wk_pct_spec *ps) {
    wk_value t = ps->conv == 's' ? wk_str(v) : ps->conv == 'r' ? wk_repr(v) : wk_ascii(v);
    if (WK_IS_NULL(t)) return false;
    wk_fmt_percent_str(sb, WK_STR(t.u.o)->data, (size_t)WK_STR(t.u.o)->len, ps);
    wk_decref(t);
    return true;
}

static bool pct_fail(const char *err) {
    wk_str_fmt_error(err);
    return false;
}

/* A non-int, non-float value for a numeric conversion: converted through __index__,
 * __int__ or __float__ the way CPython does, with its error texts. */
static bool pct_number_obj(wk_sbuf *sb, wk_value v, const wk_pct_spec *ps) {
    char err[ERRCAP];
    uint32_t c = ps->conv;
    wk_type *t = wk_typeof(v);
    bool intlike = t->un[WK_UN_INDEX] && !wk_is_str(v);
    bool real = intlike || (!wk_is_str(v) && (t->un[WK_UN_INT] || t->un[WK_UN_FLOAT]));
    if (c == 'c') {
        if (wk_is_str(v) && WK_STR(v.u.o)->nchars == 1) {
            wk_pct_spec p = *ps;
            p.prec = -1;
            wk_fmt_percent_str(sb, WK_STR(v.u.o)->data, (size_t)WK_STR(v.u.o)->len, &p);
            return true;
        }
        if (!intlike) { wk_raise(wk_exc_TypeError, "%%c requires int or char"); return false; }
    } else if (c == 'o' || c == 'x' || c == 'X') {
        if (!intlike) {
            wk_raise(wk_exc_TypeError, "%%%c format: an integer is required, not %s", (char)c, wk_typename(v));
            return false;
        }
    } else if (c == 'd' || c == 'i' || c == 'u') {
        if (!real) {
            wk_raise(wk_exc_TypeError, "%%%c format: a real number is required, not %s", (char)c, wk_typename(v));
            return false;
        }
    } else if (!real) {
        wk_raise(wk_exc_TypeError, "must be real number, not %s", wk_typename(v));
        return false;
    }
    bool as_float = !intlike && (c == 'e' || c == 'E' || c == 'f' || c == 'F' || c == 'g' || c == 'G');
    if (as_float || !intlike) {
        wk_value n = as_float ? wk_unop(WK_UN_FLOAT, v) : wk_unop(WK_UN_INT, v);
        if (WK_IS_NULL(n)) return false;
        bool ok = WK_IS_FLOAT(n) ? wk_fmt_percent_float(sb, n.u.f, ps, err, sizeof err)
                                 : wk_fmt_percent_int(sb, n.u.i, ps, err, sizeof err);
        wk_decref(n);
        return ok || pct_fail(err);
    }
    int64_t i;
    if (!wk_as_index(v, &i)) return false;
    return wk_fmt_percent_int(sb, i, ps, err, sizeof err) || pct_fail(err);
}

/* One conversion; the conversion character ends at fmt[end] (for error messages). */
static bool pct_convert(wk_sbuf *sb, wk_value v, const wk_pct_spec *ps, const char *fmt, size_t end) {
    char err[ERRCAP] = "";
    uint32_t c = ps->conv;
    if (ps->flags == 0 && ps->width == -1 && ps->prec == -1) {
        /* the plain %d / %s of an int or a str: no padding, no sign, no precision */
        if ((c == 'd' || c == 'i' || c == 'u' || c == 's') && v.tag == WK_INT) {
            char buf[24], *e = buf + sizeof buf, *p = wk_int_digits(v.u.i, e);
            wk_sbuf_add(sb, p, (size_t)(e - p));
            return true;
        }
        if (c == 's' && wk_is_str(v)) {
            wk_str_add(sb, v);
            return true;
        }
    }
    if (c == 's' || c == 'r' || c == 'a') return pct_text(sb, v, ps);
    if (!strchr("diuoxXceEfFgG", (int)c) || c == 0) {
        int64_t index = (int64_t)wk_utf8_count(fmt, end) - 1;
        wk_sbuf t;
        wk_sbuf_init(&t);
        wk_utf8_put(&t, c);
        wk_raise(wk_exc_ValueError, "unsupported format character '%s' (0x%x) at index %lld",
                 t.data, (unsigned)c, (long long)index);
        wk_sbuf_free(&t);
        return false;
    }
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) return wk_fmt_percent_int(sb, v.u.i, ps, err, sizeof err) || pct_fail(err);
    if (WK_IS_FLOAT(v)) return wk_fmt_percent_float(sb, v.u.f, ps, err, sizeof err) || pct_fail(err);
    return pct_number_obj(sb, v, ps);
}

/* "%(key)" at s[*i] (just after the '('): looks the key up in the mapping. */
static wk_value pct_key(pct_state *st, const char *s, size_t n, size_t *i) {
    if (!st->dict) return wk_raise(wk_exc_TypeError, "format requires a mapping");
    size_t start = *i;
    int depth = 1;
    for (; *i < n; (*i)++) {
        if (s[*i] == '(') depth++;
        else if (s[*i] == ')' && --depth == 0) break;
    }
    if (*i >= n) return wk_raise(wk_exc_ValueError, "incomplete format key");
    wk_value key = wk_str_new(s + start, *i - start);
    (*i)++;
    if (WK_IS_NULL(key)) return key;
    wk_value v = wk_getitem(st->args, key);
    wk_decref(key);
    st->arglen = -1;
    st->argidx = -2;
    return v;
}

/* One '%' directive starting at s[*i] (just after the '%'). */
static bool pct_directive(wk_sbuf *sb, pct_state *st, const char *s, size_t n, size_t *i) {
    wk_value owned = WK_NULLV;
    if (*i < n && s[*i] == '(') {
        (*i)++;
        owned = pct_key(st, s, n, i);
        if (WK_IS_NULL(owned)) return false;
    }
    wk_pct_spec ps;
    char err[ERRCAP];
    size_t used = wk_fmt_percent_parse(s + *i, n - *i, &ps, err, sizeof err);
    bool ok = used > 0 || pct_fail(err);
    if (ok && used == 1 && ps.conv == '%' && WK_IS_NULL(owned)) {
        wk_sbuf_addc(sb, '%');
        *i += 1;
        return true;
    }
    *i += used;
    ok = ok && star_arg(st, &ps.width, &ps.flags, true) && star_arg(st, &ps.prec, &ps.flags, false);
    if (ok) {
        wk_value v = WK_IS_NULL(owned) ? next_arg(st) : owned;
        ok = !WK_IS_NULL(v) && pct_convert(sb, v, &ps, s, *i);
    }
    wk_decref(owned);
    return ok;
}

/* fmt % args for the everyday case: only %d, %i, %u and %s without flags, width,
 * precision or keys, applied to ints (and strs for %s), and a result of at most 256
 * bytes. Returns WK_NULL (no exception) when anything else is involved: the general path
 * then does the work and words the errors. */
static wk_value percent_simple(wk_strobj *f, wk_value args) {
    char buf[256];
    size_t len = 0;
    const wk_value *items = &args;
    int64_t nitems = 1, used = 0;
    bool ascii = f->ascii;
    if (wk_is_tuple(args)) {
        items = WK_TUPLE(args.u.o)->items;
        nitems = WK_TUPLE(args.u.o)->len;
    } else if (args.tag == WK_OBJ && !wk_is_str(args)) {
        return WK_NULLV;                  /* a mapping, maybe */
    }
    const char *s = f->data, *end = s + f->len;
    while (s < end) {
        const char *p = memchr(s, '%', (size_t)(end - s));
        size_t lit = p ? (size_t)(p - s) : (size_t)(end - s);
        if (lit > sizeof buf - len) return WK_NULLV;
        memcpy(buf + len, s, lit);
        len += lit;
        if (!p) break;
        if (p + 1 >= end) return WK_NULLV;
        char c = p[1];
        s = p + 2;
        if (c == '%') {
            if (len == sizeof buf) return WK_NULLV;
            buf[len++] = '%';
            continue;
        }
        if (used >= nitems) return WK_NULLV;
        wk_value v = items[used++];
        if ((c == 'd' || c == 'i' || c == 'u' || c == 's') && v.tag == WK_INT) {
            char d[24], *de = d + sizeof d, *dp = wk_int_digits(v.u.i, de);
            if ((size_t)(de - dp) > sizeof buf - len) return WK_NULLV;
            memcpy(buf + len, dp, (size_t)(de - dp));
            len += (size_t)(de - dp);
        } else if (c == 's' && wk_is_str(v)) {
            wk_strobj *a = WK_STR(v.u.o);
            if ((size_t)a->len > sizeof buf - len) return WK_NULLV;
            memcpy(buf + len, a->data, (size_t)a->len);
            len += (size_t)a->len;
            ascii = ascii && a->ascii;
        } else {
            return WK_NULLV;
        }
    }
    if (used != nitems) return WK_NULLV;
    if (!ascii) return wk_str_new(buf, len);
    if (len == 0) return wk_str_empty();
    wk_strobj *o = wk_str_alloc(len);
    if (!o) return WK_NULLV;
    memcpy(o->data, buf, len);
    o->nchars = (int64_t)len;
    o->ascii = true;
    return wk_objv(&o->ob);
}

wk_value wk_str_percent(wk_value fmt, wk_value args) {
    wk_strobj *f = WK_STR(fmt.u.o);
    if (f->len <= 256) {
        wk_value r = percent_simple(f, args);
        if (!WK_IS_NULL(r) || wk_err_occurred()) return r;
    }
    pct_state st = { args, -1, -2, false };
    if (wk_isinstance_t(args, &wk_type_tuple)) { st.arglen = WK_TUPLE(args.u.o)->len; st.argidx = 0; }
    else if (!wk_is_str(args) && WK_IS_OBJ(args) && wk_typeof(args)->getitem) st.dict = true;
    const char *s = f->data;
    size_t n = (size_t)f->len, i = 0;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, n + 16);
    while (i < n) {
        const char *p = memchr(s + i, '%', n - i);
        size_t lit = p ? (size_t)(p - s) : n;
        wk_sbuf_add(&sb, s + i, lit - i);
        i = lit;
        if (i >= n) break;
        i++;
        if (!pct_directive(&sb, &st, s, n, &i)) { wk_sbuf_free(&sb); return WK_NULLV; }
    }
    if (st.arglen >= 0 ? st.argidx < st.arglen : st.argidx == -2 && !st.dict) {
        wk_sbuf_free(&sb);
        return wk_raise(wk_exc_TypeError, "not all arguments converted during string formatting");
    }
    return wk_str_from_sbuf(&sb);
}

/* ================================================================ str.format */

typedef struct {
    const wk_value *args;    /* positional arguments */
    int64_t nargs;
    const wk_value *kwvals;  /* keyword values (format), parallel to kwnames */
    wk_obj *kwnames;
    wk_value mapping;        /* format_map's mapping, or WK_NULL */
    int numbering;           /* 0 none yet, 1 automatic, 2 manual */
    int64_t next_auto;
} fmt_ctx;

static wk_value fmt_err(const char *msg) { return wk_raise(wk_exc_ValueError, "%s", msg); }

/* A keyword argument by name (a str). */
static wk_value fmt_keyword(fmt_ctx *c, wk_value name) {
    if (!WK_IS_NULL(c->mapping)) return wk_getitem(c->mapping, name);
    int64_t n = c->kwnames ? WK_TUPLE(c->kwnames)->len : 0;
    for (int64_t i = 0; i < n; i++)
        if (wk_str_equal(WK_TUPLE(c->kwnames)->items[i].u.o, name.u.o))
            return wk_incref(c->kwvals[i]);
    return wk_raise_value(wk_exc_KeyError, name);
}

static bool all_digits(const char *s, size_t n) {
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* The object named by the first part of a field name (s[0..n)). */
static wk_value fmt_first(fmt_ctx *c, const char *s, size_t n) {
    bool automatic = n == 0;
    if (automatic || all_digits(s, n)) {
        int want = automatic ? 1 : 2;
        if (c->numbering && c->numbering != want)
            return fmt_err(automatic ? "cannot switch from manual field specification to automatic field numbering"
                                     : "cannot switch from automatic field numbering to manual field specification");
        c->numbering = want;
        int64_t idx = 0;
        if (automatic) idx = c->next_auto++;
        else for (size_t i = 0; i < n; i++) idx = idx > INT64_MAX / 10 - 1 ? INT64_MAX : idx * 10 + (s[i] - '0');
        if (!WK_IS_NULL(c->mapping)) return fmt_err("Format string contains positional fields");
        if (idx >= c->nargs)
            return wk_raise(wk_exc_IndexError, "Replacement index %lld out of range for positional args tuple",
                            (long long)idx);
        return wk_incref(c->args[idx]);
    }
    wk_value name = wk_str_new(s, n);
    if (WK_IS_NULL(name)) return name;
    wk_value v = fmt_keyword(c, name);
    wk_decref(name);
    return v;
}

/* Applies one ".attr" or "[key]" accessor at s[*i]; steals obj. */
static wk_value fmt_accessor(wk_value obj, const char *s, size_t n, size_t *i) {
    bool attr = s[*i] == '.';
    size_t start = ++(*i);
    if (attr) {
        while (*i < n && s[*i] != '.' && s[*i] != '[') (*i)++;
    } else {
        while (*i < n && s[*i] != ']') (*i)++;
        if (*i >= n) { wk_decref(obj); return fmt_err("Missing ']' in format string"); }
    }
    size_t len = *i - start;
    if (!attr) (*i)++;
    if (len == 0) { wk_decref(obj); return fmt_err("Empty attribute in format string"); }
    wk_value key = !attr && all_digits(s + start, len) ? wk_int(strtoll(s + start, NULL, 10))
                                                       : wk_str_new(s + start, len);
    wk_value r = WK_NULLV;
    if (!WK_IS_NULL(key)) r = attr ? wk_getattr(obj, key.u.o) : wk_getitem(obj, key);
    wk_decref(key);
    wk_decref(obj);
    if (!WK_IS_NULL(r) && !attr && *i < n && s[*i] != '.' && s[*i] != '[') {
        wk_decref(r);
        return fmt_err("Only '.' or '[' may follow ']' in format field specifier");
    }
    return r;
}

/* Resolves a whole field name like "0.x[1]". */
static wk_value fmt_field_value(fmt_ctx *c, const char *s, size_t n) {
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    wk_value v = fmt_first(c, s, i);
    while (!WK_IS_NULL(v) && i < n) v = fmt_accessor(v, s, n, &i);
    return v;
}

static bool fmt_render(wk_sbuf *sb, const char *s, size_t n, fmt_ctx *c, int depth);

/* Formats value with the conversion and the (already expanded) spec, appending to sb. */
static bool fmt_emit(wk_sbuf *sb, wk_value v, char conv, const char *spec, size_t slen) {
    wk_value conv_v = WK_NULLV;
    if (conv) {
        conv_v = conv == 'r' ? wk_repr(v) : conv == 's' ? wk_str(v) : wk_ascii(v);
        if (WK_IS_NULL(conv_v)) return false;
        v = conv_v;
    }
    bool ok;
    if (wk_is_str(v) && slen == 0) {
        wk_str_add(sb, v);
        ok = true;
    } else {
        wk_value sp = wk_str_new(spec, slen);
        wk_value r = WK_IS_NULL(sp) ? sp : wk_format(v, sp);
        wk_decref(sp);
        ok = !WK_IS_NULL(r);
        if (ok) {
            if (wk_is_str(r)) wk_str_add(sb, r);
            else { wk_raise(wk_exc_TypeError, "__format__ must return a str, not %s", wk_typename(r)); ok = false; }
        }
        wk_decref(r);
    }
    wk_decref(conv_v);
    return ok;
}

/* A parsed replacement field: name s[name0, name1), conversion, spec s[spec0, spec1). */
typedef struct { size_t name0, name1, spec0, spec1; char conv; } fmt_field_t;

/* The conversion and spec after a '!' or ':' at s[*i - 1] (CPython's parse_field). */
static bool fmt_parse_spec(const char *s, size_t n, size_t *i, char c, fmt_field_t *f) {
    if (c == '!') {
        if (*i >= n) { fmt_err("end of string while looking for conversion specifier"); return false; }
        f->conv = s[(*i)++];
        if (*i < n) {
            c = s[(*i)++];
            if (c == '}') { f->spec0 = f->spec1 = *i - 1; return true; }
            if (c != ':') { fmt_err("expected ':' after conversion specifier"); return false; }
        }
    }
    f->spec0 = *i;
    for (int count = 1; *i < n;) {
        c = s[(*i)++];
        if (c == '{') count++;
        else if (c == '}' && --count == 0) { f->spec1 = *i - 1; return true; }
    }
    fmt_err("unmatched '{' in format spec");
    return false;
}

/* Parses the field that starts at s[*i] (just after its '{'); *i ends after its '}'. */
static bool fmt_parse_field(const char *s, size_t n, size_t *i, fmt_field_t *f) {
    char c = 0;
    f->name0 = *i;
    f->conv = 0;
    while (*i < n) {
        c = s[(*i)++];
        if (c == '{') { fmt_err("unexpected '{' in field name"); return false; }
        if (c == '[') { while (*i < n && s[*i] != ']') (*i)++; c = 0; continue; }
        if (c == '}' || c == ':' || c == '!') break;
        c = 0;
    }
    f->name1 = c ? *i - 1 : *i;
    f->spec0 = f->spec1 = f->name1;
    if (c == '!' || c == ':') return fmt_parse_spec(s, n, i, c, f);
    if (c != '}') { fmt_err("expected '}' before end of string"); return false; }
    return true;
}

/* Renders one parsed field. */
static bool fmt_field(wk_sbuf *sb, const char *s, const fmt_field_t *f, fmt_ctx *c, int depth) {
    if (f->conv && f->conv != 'r' && f->conv != 's' && f->conv != 'a') {
        wk_raise(wk_exc_ValueError, "Unknown conversion specifier %c", f->conv);
        return false;
    }
    const char *spec = s + f->spec0;
    size_t slen = f->spec1 - f->spec0;
    wk_sbuf specbuf;
    wk_sbuf_init(&specbuf);
    if (memchr(spec, '{', slen)) {
        if (depth >= 1) { fmt_err("Max string recursion exceeded"); return false; }
        if (!fmt_render(&specbuf, spec, slen, c, depth + 1)) { wk_sbuf_free(&specbuf); return false; }
        spec = specbuf.data ? specbuf.data : "";
        slen = specbuf.len;
    }
    wk_value v = fmt_field_value(c, s + f->name0, f->name1 - f->name0);
    bool ok = !WK_IS_NULL(v) && fmt_emit(sb, v, f->conv, spec, slen);
    wk_decref(v);
    wk_sbuf_free(&specbuf);
    return ok;
}

static bool fmt_render(wk_sbuf *sb, const char *s, size_t n, fmt_ctx *c, int depth) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '{' && s[j] != '}') j++;
        wk_sbuf_add(sb, s + i, j - i);
        if (j >= n) break;
        if (j + 1 < n && s[j + 1] == s[j]) { wk_sbuf_addc(sb, s[j]); i = j + 2; continue; }
        if (s[j] == '}') { fmt_err("Single '}' encountered in format string"); return false; }
        if (j + 1 >= n) { fmt_err("Single '{' encountered in format string"); return false; }
        fmt_field_t f;
        i = j + 1;
        if (!fmt_parse_field(s, n, &i, &f) || !fmt_field(sb, s, &f, c, depth)) return false;
    }
    return true;
}

static wk_value fmt_run(wk_value self, fmt_ctx *c) {
    wk_strobj *s = WK_STR(self.u.o);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, (size_t)s->len + 16);
    if (!fmt_render(&sb, s->data, (size_t)s->len, c, 0)) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

wk_value wk_str_format_method(const wk_value *args, int nargs, wk_obj *kwnames) {
    fmt_ctx c = { args + 1, nargs - 1, args + nargs, kwnames, WK_NULLV, 0, 0 };
    return fmt_run(args[0], &c);
}

wk_value wk_str_format_map(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[1];
    if (!wk_args_parse("format_map", args + 1, nargs - 1, kwnames, "mapping /", a)) return WK_NULLV;
    fmt_ctx c = { NULL, 0, NULL, NULL, a[0], 0, 0 };
    return fmt_run(args[0], &c);
}
