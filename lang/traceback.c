/* traceback.c — CPython 3.11-style exception display: tracebacks with source lines and
 * carets, repeated-line folding, chained exceptions, SyntaxError carets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vm_ops.h"
#include "parser.h"

#define TB_RECURSIVE_CUTOFF 3
#define TB_LIMIT 1000

/* ---------------------------------------------------------------- source lines */

/* Copies line `lineno` (1-based) of text into sb without its newline. */
static bool line_of_text(wk_sbuf *sb, const char *text, size_t len, int lineno) {
    int line = 1;
    size_t i = 0;
    while (i < len && line < lineno) if (text[i++] == '\n') line++;
    if (line != lineno || i >= len) return false;
    size_t j = i;
    while (j < len && text[j] != '\n') j++;
    if (j > i && text[j - 1] == '\r') j--;
    wk_sbuf_add(sb, text + i, j - i);
    return true;
}

static bool source_line(wk_sbuf *sb, wk_code *co, int lineno) {
    if (lineno < 1) return false;
    if (co->source) return line_of_text(sb, WK_STR(co->source)->data, (size_t)WK_STR(co->source)->len, lineno);
    const char *fn = wk_str_cstr(wk_objv(co->filename));
    if (fn[0] == '<') return false;
    FILE *fp = fopen(fn, "rb");
    if (!fp) return false;
    int line = 1, c;
    while (line < lineno && (c = fgetc(fp)) != EOF) if (c == '\n') line++;
    bool ok = false;
    if (line == lineno) {
        while ((c = fgetc(fp)) != EOF && c != '\n') { wk_sbuf_addc(sb, (char)c); ok = true; }
        ok = ok || c == '\n';
        if (sb->len && sb->data[sb->len - 1] == '\r') sb->data[--sb->len] = 0;
    }
    fclose(fp);
    return ok;
}

/* Number of code points in the first `bytes` bytes of s. */
static long char_offset(const char *s, long bytes) {
    long n = 0;
    for (long i = 0; i < bytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f'; }

/* 3.11's anchors for a binary operator or a subscript spanning the segment:
 * [left, right) in bytes of the segment get the secondary character '^'. */
static bool segment_anchors(const char *seg, size_t len, long *left, long *right) {
    wk_arena *a = wk_arena_new();
    if (!a) return false;
    wk_parse_error err;
    memset(&err, 0, sizeof err);
    wk_ast *mod = wk_parse(a, seg, len, NULL, WK_PARSE_EXEC, &err);
    bool found = false;
    if (mod && mod->u.Module.body.n == 1 && mod->u.Module.body.items[0]->kind == WK_AST_Expr) {
        wk_ast *e = mod->u.Module.body.items[0]->u.Expr.value;
        if (e->kind == WK_AST_BinOp) {
            int lend = e->u.BinOp.left->end_col_offset, rstart = e->u.BinOp.right->col_offset;
            for (int i = lend; i < rstart; i++) {
                if (is_ws(seg[i]) || seg[i] == '\n') continue;
                *left = i;
                *right = i + 1;
                if (i + 1 < rstart && !is_ws(seg[i + 1])) ++*right;
                found = true;
                break;
            }
        } else if (e->kind == WK_AST_Subscript) {
            *left = e->u.Subscript.value->end_col_offset;
            *right = e->u.Subscript.slice->end_col_offset + 1;
            found = true;
        }
    }
    wk_arena_free(a);
    return found;
}

/* Appends the caret line under `line` for the instruction's position, if CPython shows one. */
static void add_carets(wk_sbuf *sb, const char *line, const wk_codepos *p) {
    const char *nodebug = getenv("PYTHONNODEBUGRANGES");   /* honoured as CPython does */
    if (nodebug && *nodebug) return;
    if (p->lineno < 0 || p->end_lineno < 0 || p->col < 0 || p->end_col < 0) return;
    long linelen = (long)strlen(line);
    long ws = 0;
    while (ws < linelen && is_ws(line[ws])) ws++;
    if (p->col > linelen) return;
    long start = char_offset(line, p->col), end;
    long left = -1, right = -1;
    const char *primary = "^", *secondary = "^";
    if (p->lineno == p->end_lineno) {
        if (p->end_col > linelen || p->end_col < p->col) return;
        end = char_offset(line, p->end_col);
        long l, r;
        if (segment_anchors(line + p->col, (size_t)(p->end_col - p->col), &l, &r)) {
            left = char_offset(line + p->col, l) + start;
            right = char_offset(line + p->col, r) + start;
            primary = "~";
        }
    } else {
        long i = linelen;
        while (--i >= 0 && (is_ws(line[i]) || line[i] == '\n')) {}
        end = char_offset(line, i + 1);
    }
    long stripped = char_offset(line, linelen) - char_offset(line, ws);
    bool special = left != -1 || right != -1;
    if (end - start == stripped && !special) return;
    wk_sbuf_adds(sb, "    ");
    for (long off = char_offset(line, ws); off < end; off++) {
        if (off < start) wk_sbuf_addc(sb, ' ');
        else if (special && left <= off && off < right) wk_sbuf_adds(sb, secondary);
        else wk_sbuf_adds(sb, primary);
    }
    wk_sbuf_addc(sb, '\n');
}

/* ---------------------------------------------------------------- entries */

static int entry_line(wk_code *co, int instr) {
    if (instr < 0 || instr >= co->ncode) return co->firstlineno;
    return wk_code_lineno(co, instr);
}

static void format_entry(wk_sbuf *sb, wk_code *co, int instr) {
    int lineno = entry_line(co, instr);
    wk_sbuf_printf(sb, "  File \"%s\", line %d, in %s\n", wk_str_cstr(wk_objv(co->filename)), lineno,
                   wk_str_cstr(wk_objv(co->name)));
    wk_sbuf line;
    wk_sbuf_init(&line);
    if (source_line(&line, co, lineno) && line.data) {
        const char *s = line.data;
        while (is_ws(*s)) s++;
        if (*s) {
            wk_sbuf_printf(sb, "    %s\n", s);
            if (co->positions && instr >= 0 && instr < co->ncode && co->positions[instr].lineno == lineno)
                add_carets(sb, line.data, &co->positions[instr]);
        }
    }
    wk_sbuf_free(&line);
}

static void format_repeated(wk_sbuf *sb, int cnt) {
    cnt -= TB_RECURSIVE_CUTOFF;
    wk_sbuf_printf(sb, "  [Previous line repeated %d more time%s]\n", cnt, cnt > 1 ? "s" : "");
}

/* The traceback list is in the order the VM recorded it (innermost frame first). */
static void format_tb(wk_sbuf *sb, wk_obj *tb) {
    wk_list *l = WK_LIST(tb);
    int64_t first = l->len - 1, last = 0;
    if (l->len > TB_LIMIT) last = l->len - TB_LIMIT;
    wk_sbuf_adds(sb, "Traceback (most recent call last):\n");
    wk_code *last_code = NULL;
    int last_line = -1, cnt = 0;
    for (int64_t i = first; i >= last; i--) {
        wk_value e = l->items[i];
        if (!wk_is_tuple(e) || WK_TUPLE(e.u.o)->len != 2) continue;
        wk_code *co = (wk_code *)WK_TUPLE(e.u.o)->items[0].u.o;
        int instr = (int)WK_TUPLE(e.u.o)->items[1].u.i;
        int lineno = entry_line(co, instr);
        if (!last_code || !wk_str_equal(co->filename, last_code->filename) || lineno != last_line
            || !wk_str_equal(co->name, last_code->name)) {
            if (cnt > TB_RECURSIVE_CUTOFF) format_repeated(sb, cnt);
            last_code = co;
            last_line = lineno;
            cnt = 0;
        }
        if (++cnt <= TB_RECURSIVE_CUTOFF) format_entry(sb, co, instr);
    }
    if (cnt > TB_RECURSIVE_CUTOFF) format_repeated(sb, cnt);
}

/* ---------------------------------------------------------------- suggestions */

/* The last NameError and the namespaces it was raised in (CPython computes the
 * suggestion from the frame when printing; frames are gone by then here). */
static struct { wk_obj *exc, *name, *varnames, *globals; } last_ne;

void wk_tb_fini(void) {
    wk_obj_decref(last_ne.exc);
    wk_obj_decref(last_ne.name);
    wk_obj_decref(last_ne.varnames);
    wk_obj_decref(last_ne.globals);
    memset(&last_ne, 0, sizeof last_ne);
}

void wk_tb_note_name_error(wk_obj *exc, wk_obj *name, wk_frame *f) {
    wk_tb_fini();
    last_ne.exc = exc;
    last_ne.name = name;
    last_ne.varnames = f ? f->code->varnames : NULL;
    last_ne.globals = f ? f->globals : NULL;
    wk_obj_incref(exc);
    wk_obj_incref(name);
    wk_obj_incref(last_ne.varnames);
    wk_obj_incref(last_ne.globals);
}

#define MOVE_COST 2
#define CASE_COST 1
#define MAX_STRING_SIZE 40

static size_t subst_cost(char a, char b) {
    bool alpha = (a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z');
    return alpha && (a & ~0x20) == (b & ~0x20) ? CASE_COST : MOVE_COST;
}

/* CPython's Levenshtein distance with case-insensitive substitutions (suggestions.c). */
static size_t levenshtein(const char *a, size_t na, const char *b, size_t nb, size_t max_cost) {
    size_t buf[MAX_STRING_SIZE];
    while (na && nb && a[0] == b[0]) { a++; b++; na--; nb--; }
    while (na && nb && a[na - 1] == b[nb - 1]) { na--; nb--; }
    if (na == 0 || nb == 0) return (na + nb) * MOVE_COST;
    if (na > MAX_STRING_SIZE || nb > MAX_STRING_SIZE) return max_cost + 1;
    if (nb < na) { const char *t = a; a = b; b = t; size_t tn = na; na = nb; nb = tn; }
    if ((nb - na) * MOVE_COST > max_cost) return max_cost + 1;
    for (size_t i = 0; i < na; i++) buf[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < nb; bi++) {
        size_t distance = result = bi * MOVE_COST, minimum = (size_t)-1;
        for (size_t i = 0; i < na; i++) {
            size_t substitute = distance + subst_cost(b[bi], a[i]);
            distance = buf[i];
            size_t insdel = (result < distance ? result : distance) + MOVE_COST;
            result = insdel < substitute ? insdel : substitute;
            buf[i] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

/* Best candidate among the str items of a list/tuple for name, or NULL. */
static const char *suggest_from(const wk_value *items, int64_t n, const char *name) {
    if (n >= 750) return NULL;
    size_t nlen = strlen(name), best_d = (size_t)-1 >> 1;
    const char *best = NULL;
    for (int64_t i = 0; i < n; i++) {
        if (!wk_is_str(items[i])) continue;
        const char *s = wk_str_cstr(items[i]);
        if (!strcmp(s, name)) continue;
        size_t slen = strlen(s), maxd = (nlen + slen + 3) * MOVE_COST / 6;
        if (maxd > best_d - 1) maxd = best_d - 1;
        size_t d = levenshtein(name, nlen, s, slen, maxd);
        if (d > maxd) continue;
        if (!best || d < best_d) { best = s; best_d = d; }
    }
    return best;
}

static const char *suggest_from_dict(wk_obj *d, const char *name) {
    wk_obj *keys = d ? wk_sequence_list(wk_objv(d)) : NULL;
    if (!keys) { wk_err_clear(); return NULL; }
    const char *r = suggest_from(WK_LIST(keys)->items, WK_LIST(keys)->len, name);
    wk_obj_decref(keys);   /* the keys stay alive in the dict */
    return r;
}

static void add_name_suggestion(wk_sbuf *sb, wk_obj *e) {
    if (e != last_ne.exc || !last_ne.name) return;
    const char *name = wk_str_cstr(wk_objv(last_ne.name)), *s = NULL;
    if (last_ne.varnames) s = suggest_from(WK_TUPLE(last_ne.varnames)->items, WK_TUPLE(last_ne.varnames)->len, name);
    if (!s) s = suggest_from_dict(last_ne.globals, name);
    if (!s) s = suggest_from_dict(wk_vm_state.builtins, name);
    if (s) wk_sbuf_printf(sb, ". Did you mean: '%s'?", s);
}

/* ---------------------------------------------------------------- exception lines */

static void type_name(wk_sbuf *sb, wk_type *t) {
    wk_value qn = wk_getattr_s(wk_objv(&t->ob), "__qualname__");
    if (WK_IS_NULL(qn)) wk_err_clear();
    const char *mod = t->module;
    if (mod && strcmp(mod, "builtins") && strcmp(mod, "__main__")) wk_sbuf_printf(sb, "%s.", mod);
    wk_sbuf_adds(sb, wk_is_str(qn) ? wk_str_cstr(qn) : t->name);
    wk_decref(qn);
}

/* Attribute of an exception as a C int (or dflt when missing/None). */
static long exc_int_attr(wk_obj *e, const char *name, long dflt) {
    wk_value v = wk_getattr_s(wk_objv(e), name);
    if (WK_IS_NULL(v)) { wk_err_clear(); return dflt; }
    long r = (WK_IS_INT(v) || WK_IS_BOOL(v)) ? (long)v.u.i : dflt;
    wk_decref(v);
    return r;
}

static void format_syntax_error(wk_sbuf *sb, wk_obj *e) {
    wk_value fn = wk_getattr_s(wk_objv(e), "filename");
    if (WK_IS_NULL(fn)) wk_err_clear();
    long lineno = exc_int_attr(e, "lineno", -1);
    if (lineno >= 0)
        wk_sbuf_printf(sb, "  File \"%s\", line %ld\n", wk_is_str(fn) ? wk_str_cstr(fn) : "<string>", lineno);
    wk_decref(fn);
    wk_value text = wk_getattr_s(wk_objv(e), "text");
    if (WK_IS_NULL(text)) wk_err_clear();
    if (wk_is_str(text)) {
        const char *t = wk_str_cstr(text);
        size_t n = strlen(t);
        while (n > 0 && t[n - 1] == '\n') n--;
        size_t sp = 0;
        while (sp < n && (t[sp] == ' ' || t[sp] == '\n' || t[sp] == '\f')) sp++;
        const char *lt = t + sp;
        size_t ln = n - sp;
        wk_sbuf_adds(sb, "    ");
        wk_sbuf_add(sb, lt, ln);
        wk_sbuf_addc(sb, '\n');
        long offset = exc_int_attr(e, "offset", -1000000);
        if (offset != -1000000) {
            long end = exc_int_attr(e, "end_offset", 0);
            if (end == 0) end = offset;
            if (offset == end || end == -1) end = offset + 1;
            long nsp = char_offset(t, (long)sp);
            long col = offset - 1 - nsp, ecol = end - 1 - nsp;
            if (col >= 0) {
                wk_sbuf_adds(sb, "    ");
                long ci = 0;
                for (size_t i = 0; i < ln && ci < col; i++) {
                    if (((unsigned char)lt[i] & 0xC0) == 0x80) continue;
                    wk_sbuf_addc(sb, (lt[i] == '\t' || lt[i] == '\f') ? lt[i] : ' ');
                    ci++;
                }
                for (long i = col; i < ecol; i++) wk_sbuf_addc(sb, '^');
                wk_sbuf_addc(sb, '\n');
            }
        }
    }
    wk_decref(text);
    wk_value msg = wk_getattr_s(wk_objv(e), "msg");
    if (WK_IS_NULL(msg)) wk_err_clear();
    type_name(sb, e->type);
    wk_sbuf_printf(sb, ": %s\n", wk_is_str(msg) && WK_STR(msg.u.o)->len ? wk_str_cstr(msg)
                   : "<no detail available>");
    wk_decref(msg);
}

static void format_exc_only(wk_sbuf *sb, wk_obj *e) {
    if (wk_type_is_subtype(e->type, wk_exc_SyntaxError)) {
        format_syntax_error(sb, e);
        return;
    }
    type_name(sb, e->type);
    wk_value s = wk_str(wk_objv(e));
    if (WK_IS_NULL(s)) {
        wk_err_clear();
        wk_sbuf_adds(sb, ": <exception str() failed>\n");
        return;
    }
    if (WK_STR(s.u.o)->len) wk_sbuf_printf(sb, ": %s", wk_str_cstr(s));
    add_name_suggestion(sb, e);
    wk_sbuf_addc(sb, '\n');
    wk_decref(s);
}

#define MAX_CHAIN 64

static void format_chain(wk_sbuf *sb, wk_obj *e, wk_obj **seen, int *nseen) {
    seen[(*nseen)++] = e;
    wk_exc *x = (wk_exc *)e;
    wk_obj *next = NULL;
    const char *msg = NULL;
    if (x->cause) {
        next = x->cause;
        msg = "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (x->context && !x->suppress_context) {
        next = x->context;
        msg = "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
    if (next && *nseen < MAX_CHAIN) {
        bool cycle = false;
        for (int i = 0; i < *nseen; i++) cycle = cycle || seen[i] == next;
        if (!cycle) {
            format_chain(sb, next, seen, nseen);
            wk_sbuf_adds(sb, msg);
        }
    }
    if (x->traceback && WK_LIST(x->traceback)->len > 0) format_tb(sb, x->traceback);
    format_exc_only(sb, e);
}

void wk_exc_format(wk_sbuf *sb, wk_obj *exc) {
    wk_obj *pending = wk_err_fetch();
    wk_obj *seen[MAX_CHAIN];
    int nseen = 0;
    format_chain(sb, exc, seen, &nseen);
    wk_err_clear();
    if (pending) wk_err_restore(pending);
}

void wk_err_print(void) {
    wk_obj *e = wk_err_fetch();
    if (!e) return;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_exc_format(&sb, e);
    wk_obj_decref(e);
    if (sb.data) wk_write_stderr(sb.data, sb.len);
    wk_err_clear();
    wk_sbuf_free(&sb);
}
