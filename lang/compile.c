/* compile.c — compiler driver: code units, emission, constant/name tables, errors, closures, and the wk_compile_source entry points. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "parser.h"

#define WK_NO_END_OFFSET (-1000)

/* ---------------------------------------------------------------- string tables */

static uint64_t ct_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    return h;
}

int wk_compile_strtab_find(const wk_strtab *t, const char *key, size_t len)
{
    if (!t->nslots) return -1;
    size_t mask = (size_t)t->nslots - 1;
    for (size_t i = ct_hash(key, len) & mask;; i = (i + 1) & mask) {
        int k = t->slots[i];
        if (k < 0) return -1;
        if (t->lens[k] == len && memcmp(t->keys[k], key, len) == 0) return k;
    }
}

static bool strtab_rehash(wk_compiler *c, wk_strtab *t)
{
    int n = t->nslots ? t->nslots * 2 : 16;
    int *slots = wk_arena_alloc(c->arena, (size_t)n * sizeof(int));
    if (!slots) return wk_compile_nomem(c);
    for (int i = 0; i < n; i++) slots[i] = -1;
    for (int k = 0; k < t->n; k++) {
        size_t i = ct_hash(t->keys[k], t->lens[k]) & (size_t)(n - 1);
        while (slots[i] >= 0) i = (i + 1) & (size_t)(n - 1);
        slots[i] = k;
    }
    t->slots = slots;
    t->nslots = n;
    return true;
}

/* Index of key in t, appending a copy when missing; -1 when out of memory. */
int wk_compile_strtab_add(wk_compiler *c, wk_strtab *t, const char *key, size_t len)
{
    int k = wk_compile_strtab_find(t, key, len);
    if (k >= 0) return k;
    if (t->n == t->cap) {
        int ncap = t->cap ? t->cap * 2 : 8;
        const char **keys = wk_arena_alloc(c->arena, (size_t)ncap * sizeof(char *));
        size_t *lens = wk_arena_alloc(c->arena, (size_t)ncap * sizeof(size_t));
        if (!keys || !lens) { wk_compile_nomem(c); return -1; }
        if (t->n) {
            memcpy(keys, t->keys, (size_t)t->n * sizeof(char *));
            memcpy(lens, t->lens, (size_t)t->n * sizeof(size_t));
        }
        t->keys = keys; t->lens = lens; t->cap = ncap;
    }
    char *copy = wk_arena_strndup(c->arena, key, len);
    if (!copy) { wk_compile_nomem(c); return -1; }
    t->keys[t->n] = copy;
    t->lens[t->n] = len;
    k = t->n++;
    if (t->n * 2 > t->nslots) {
        if (!strtab_rehash(c, t)) return -1;
    } else {
        size_t mask = (size_t)t->nslots - 1, i = ct_hash(key, len) & mask;
        while (t->slots[i] >= 0) i = (i + 1) & mask;
        t->slots[i] = k;
    }
    return k;
}

/* ---------------------------------------------------------------- errors */

bool wk_compile_nomem(wk_compiler *c)
{
    if (!c->failed) { c->failed = true; c->oom = true; }
    return false;
}

bool wk_compile_error(wk_compiler *c, const char *fmt, ...)
{
    if (c->failed) return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
    c->failed = true;
    c->syntax_error = true;
    c->errpos = c->u ? c->u->loc : (wk_codepos){ 1, 1, 0, 0 };
    return false;
}

void wk_compile_set_loc(wk_compiler *c, const wk_ast *n)
{
    c->u->loc = (wk_codepos){ n->lineno, n->end_lineno, n->col_offset, n->end_col_offset };
}

const char *wk_compile_source_segment(wk_compiler *c, const wk_ast *n)
{
    if (!c->src || n->lineno != n->end_lineno || n->lineno < 1) return NULL;
    size_t i = 0;
    for (int l = 1; l < n->lineno && i < c->srclen; i++)
        if (c->src[i] == '\n') l++;
    if (i + (size_t)n->end_col_offset > c->srclen || n->col_offset > n->end_col_offset) return NULL;
    char *s = wk_arena_strndup(c->arena, c->src + i + n->col_offset,
                               (size_t)(n->end_col_offset - n->col_offset));
    if (!s) wk_compile_nomem(c);
    return s;
}

const char *wk_compile_mangle(wk_compiler *c, const char *name)
{
    const char *m = wk_symtable_mangle(c->arena, c->u->private_name, name);
    if (!m) wk_compile_nomem(c);
    return m;
}

/* ---------------------------------------------------------------- emission */

void wk_compile_op(wk_compiler *c, wk_opcode op, int arg)
{
    wk_cunit *u = c->u;
    if (u->ninstrs == u->capinstrs) {
        int ncap = u->capinstrs ? u->capinstrs * 2 : 64;
        wk_cinstr *p = realloc(u->instrs, (size_t)ncap * sizeof *p);
        if (!p) { wk_compile_nomem(c); return; }
        u->instrs = p;
        u->capinstrs = ncap;
    }
    u->instrs[u->ninstrs++] = (wk_cinstr){ op, arg, u->loc };
}

int wk_compile_label(wk_compiler *c)
{
    wk_cunit *u = c->u;
    if (u->nlabels == u->caplabels) {
        int ncap = u->caplabels ? u->caplabels * 2 : 16;
        int *p = realloc(u->labels, (size_t)ncap * sizeof *p);
        if (!p) { wk_compile_nomem(c); return 0; }
        u->labels = p;
        u->caplabels = ncap;
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

void wk_compile_bind(wk_compiler *c, int label)
{
    if (label < c->u->nlabels) c->u->labels[label] = c->u->ninstrs;
}

wk_value wk_compile_cstr(const char *s)
{
    return wk_str_new(s, strlen(s));
}

/* Dedupe key of a constant: tag byte + payload; false when it is not deduped. */
static bool const_key(wk_value v, wk_sbuf *sb)
{
    wk_sbuf_addc(sb, (char)('0' + v.tag));
    switch (v.tag) {
    case WK_NONE: return true;
    case WK_BOOL: case WK_INT: case WK_FLOAT: wk_sbuf_add(sb, (const char *)&v.u, 8); return true;
    case WK_OBJ:
        if (v.u.o->type == &wk_type_str) {
            wk_sbuf_addc(sb, 's');
            wk_sbuf_add(sb, WK_STR(v.u.o)->data, (size_t)WK_STR(v.u.o)->len);
            return true;
        }
        if (v.u.o->type == &wk_type_bytes) {
            wk_bytes *b = (wk_bytes *)v.u.o;
            wk_sbuf_addc(sb, 'b');
            wk_sbuf_add(sb, (const char *)b->data, (size_t)b->len);
            return true;
        }
        return false;
    default: return false;
    }
}

static int const_append(wk_compiler *c, wk_value v)
{
    wk_cunit *u = c->u;
    if (u->nconsts == u->capconsts) {
        int ncap = u->capconsts ? u->capconsts * 2 : 16;
        wk_value *p = realloc(u->consts, (size_t)ncap * sizeof *p);
        if (!p) { wk_decref(v); wk_compile_nomem(c); return 0; }
        u->consts = p;
        u->capconsts = ncap;
    }
    u->consts[u->nconsts] = v;
    return u->nconsts++;
}

int wk_compile_const(wk_compiler *c, wk_value v)
{
    if (WK_IS_NULL(v)) { c->failed = true; return 0; }
    wk_cunit *u = c->u;
    wk_sbuf key;
    wk_sbuf_init(&key);
    if (!const_key(v, &key)) { wk_sbuf_free(&key); return const_append(c, v); }
    if (key.oom) { wk_sbuf_free(&key); wk_decref(v); wk_compile_nomem(c); return 0; }
    int k = wk_compile_strtab_find(&u->constkeys, key.data, key.len);
    if (k >= 0) {
        wk_sbuf_free(&key);
        wk_decref(v);
        return u->keyconst[k];
    }
    k = wk_compile_strtab_add(c, &u->constkeys, key.data, key.len);
    wk_sbuf_free(&key);
    int *kc = k < 0 ? NULL : realloc(u->keyconst, (size_t)u->constkeys.cap * sizeof(int));
    if (!kc) { wk_decref(v); wk_compile_nomem(c); return 0; }
    u->keyconst = kc;
    u->keyconst[k] = const_append(c, v);
    return u->keyconst[k];
}

void wk_compile_load_const(wk_compiler *c, wk_value v)
{
    wk_compile_op(c, WK_OP_LOAD_CONST, wk_compile_const(c, v));
}

int wk_compile_name(wk_compiler *c, const char *name)
{
    const char *m = wk_compile_mangle(c, name);
    if (!m) return 0;
    int k = wk_compile_strtab_add(c, &c->u->names, m, strlen(m));
    return k < 0 ? 0 : k;
}

/* ---------------------------------------------------------------- frame blocks */

bool wk_compile_push_fblock(wk_compiler *c, wk_fblock_type t, int block, int exit, const void *datum)
{
    wk_cunit *u = c->u;
    if (u->nfblocks >= WK_MAX_BLOCKS) return wk_compile_error(c, "too many statically nested blocks");
    u->fblocks[u->nfblocks++] = (wk_fblock){ t, block, exit, datum };
    return true;
}

void wk_compile_pop_fblock(wk_compiler *c) { c->u->nfblocks--; }

/* ---------------------------------------------------------------- scopes */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fills t with the block's names of one scope kind (or flag), sorted as CPython does. */
static bool collect_vars(wk_compiler *c, wk_strtab *t, wk_ste *ste, wk_scope scope, int flag)
{
    const char **v = malloc((size_t)(ste->nsyms + 1) * sizeof(char *));
    if (!v) return wk_compile_nomem(c);
    int n = 0;
    for (int i = 0; i < ste->nsyms; i++)
        if (ste->syms[i].scope == scope || (ste->syms[i].flags & flag)) v[n++] = ste->syms[i].name;
    qsort(v, (size_t)n, sizeof(char *), cmp_str);
    for (int i = 0; i < n; i++) wk_compile_strtab_add(c, t, v[i], strlen(v[i]));
    free(v);
    return !c->failed;
}

static const char *make_qualname(wk_compiler *c, wk_cunit *u)
{
    wk_cunit *p = u->parent;
    if (!p || p->scope == WK_CSCOPE_MODULE) return u->name;
    if (u->scope == WK_CSCOPE_FUNCTION || u->scope == WK_CSCOPE_CLASS) {
        const char *m = wk_symtable_mangle(c->arena, p->private_name, u->name);
        if (m && wk_symtable_scope(p->ste, m) == WK_SCOPE_GLOBAL_EXPLICIT) return u->name;
    }
    bool locals = p->scope == WK_CSCOPE_FUNCTION || p->scope == WK_CSCOPE_LAMBDA;
    size_t n = strlen(p->qualname) + strlen(u->name) + 12;
    char *q = wk_arena_alloc(c->arena, n);
    if (!q) { wk_compile_nomem(c); return u->name; }
    snprintf(q, n, "%s%s.%s", p->qualname, locals ? ".<locals>" : "", u->name);
    return q;
}

static bool unit_init_vars(wk_compiler *c, wk_cunit *u)
{
    for (int i = 0; i < u->ste->nparams; i++)
        wk_compile_strtab_add(c, &u->varnames, u->ste->params[i], strlen(u->ste->params[i]));
    if (!collect_vars(c, &u->cellvars, u->ste, WK_SCOPE_CELL, 0)) return false;
    if (u->ste->needs_class_closure) wk_compile_strtab_add(c, &u->cellvars, "__class__", 9);
    return collect_vars(c, &u->freevars, u->ste, WK_SCOPE_FREE, WK_SYM_FREE_CLASS);
}

static void unit_free(wk_cunit *u)
{
    for (int i = 0; i < u->nconsts; i++) wk_decref(u->consts[i]);
    free(u->consts);
    free(u->instrs);
    free(u->labels);
    free(u->keyconst);
    free(u);
}

bool wk_compile_enter_scope(wk_compiler *c, const char *name, wk_cscope scope, const wk_ast *node,
                            int firstlineno)
{
    wk_cunit *u = calloc(1, sizeof *u);
    if (!u) return wk_compile_nomem(c);
    u->parent = c->u;
    u->ste = wk_symtable_lookup(c->st, node);
    u->scope = scope;
    u->name = name;
    u->private_name = c->u ? c->u->private_name : NULL;
    u->firstlineno = firstlineno;
    u->loc = (wk_codepos){ firstlineno, firstlineno, -1, -1 };
    c->u = u;
    c->nestlevel++;
    if (!u->ste) wk_compile_error(c, "internal error: no scope for '%s'", name);
    else if (unit_init_vars(c, u)) {
        u->qualname = make_qualname(c, u);
    }
    if (!c->failed) return true;
    c->u = u->parent;   /* on failure nothing stays pushed */
    c->nestlevel--;
    unit_free(u);
    return false;
}

wk_obj *wk_compile_exit_scope(wk_compiler *c)
{
    wk_cunit *u = c->u;
    wk_obj *code = c->failed ? NULL : wk_compile_assemble(c);
    c->u = u->parent;
    c->nestlevel--;
    unit_free(u);
    return code;
}

/* Index of a child's free variable in the current unit (cells first, then free vars). */
static int closure_index(wk_compiler *c, const char *name)
{
    wk_cunit *u = c->u;
    size_t n = strlen(name);
    bool cell = (u->scope == WK_CSCOPE_CLASS && strcmp(name, "__class__") == 0)
             || wk_symtable_scope(u->ste, name) == WK_SCOPE_CELL;
    int k = cell ? wk_compile_strtab_find(&u->cellvars, name, n) : -1;
    if (k >= 0) return k;
    k = wk_compile_strtab_find(&u->freevars, name, n);
    if (k >= 0) return u->cellvars.n + k;
    k = wk_compile_strtab_find(&u->cellvars, name, n);
    return k;
}

bool wk_compile_make_closure(wk_compiler *c, wk_obj *code, int flags, const char *qualname)
{
    wk_code *co = (wk_code *)code;
    int nfree = (int)WK_TUPLE(co->freevars)->len;
    if (nfree) {
        for (int i = 0; i < nfree; i++) {
            const char *name = wk_str_cstr(WK_TUPLE(co->freevars)->items[i]);
            int k = closure_index(c, name);
            if (k < 0) {
                wk_obj_decref(code);
                return wk_compile_error(c, "internal error: no cell for free variable '%s'", name);
            }
            wk_compile_op(c, WK_OP_LOAD_CLOSURE, k);
        }
        wk_compile_op(c, WK_OP_BUILD_TUPLE, nfree);
        flags |= 8;
    }
    wk_compile_load_const(c, wk_objv(code));
    wk_compile_load_const(c, wk_compile_cstr(qualname));
    wk_compile_op(c, WK_OP_MAKE_FUNCTION, flags);
    return !c->failed;
}

/* ---------------------------------------------------------------- errors to exceptions */

/* Line lineno (1-based) of the source with its newline, or NULL. */
static char *source_line(const char *src, size_t len, int lineno)
{
    if (!src || lineno < 1) return NULL;
    size_t i = 0;
    for (int l = 1; l < lineno; l++) {
        const char *nl = memchr(src + i, '\n', len - i);
        if (!nl) return NULL;
        i = (size_t)(nl - src) + 1;
    }
    if (i >= len) return NULL;
    const char *nl = memchr(src + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - src) + 1 : len;
    char *s = malloc(end - i + 1);
    if (s) { memcpy(s, src + i, end - i); s[end - i] = 0; }
    return s;
}

static bool set_int_attr(wk_obj *exc, const char *name, int v)
{
    return wk_setattr_s(wk_objv(exc), name, wk_int(v)) == 0;
}

/* Raises type(msg) with CPython's SyntaxError attributes. text may be NULL (None);
 * end_offset WK_NO_END_OFFSET gives None. */
static void raise_syntax(wk_type *t, const char *msg, const char *filename, int lineno, int offset,
                         const char *text, int end_lineno, int end_offset)
{
    wk_value vmsg = wk_compile_cstr(msg);
    wk_value vfile = wk_compile_cstr(filename ? filename : "<unknown>");
    wk_value vtext = text ? wk_compile_cstr(text) : WK_NONEV;
    wk_obj *exc = NULL, *details = NULL;
    wk_value vend = end_offset == WK_NO_END_OFFSET ? WK_NONEV : wk_int(end_offset);
    if (!WK_IS_NULL(vmsg) && !WK_IS_NULL(vfile) && !WK_IS_NULL(vtext))
        details = wk_tuple_pack(6, vfile, wk_int(lineno), wk_int(offset), vtext,
                                wk_int(end_lineno), vend);
    if (details) {
        wk_value args[2] = { vmsg, wk_objv(details) };
        exc = wk_exc_new(t, args, 2);
    }
    bool ok = exc && wk_setattr_s(wk_objv(exc), "msg", vmsg) == 0
        && wk_setattr_s(wk_objv(exc), "filename", vfile) == 0
        && set_int_attr(exc, "lineno", lineno) && set_int_attr(exc, "offset", offset)
        && wk_setattr_s(wk_objv(exc), "text", vtext) == 0
        && set_int_attr(exc, "end_lineno", end_lineno)
        && wk_setattr_s(wk_objv(exc), "end_offset", vend) == 0
        && wk_setattr_s(wk_objv(exc), "print_file_and_line", WK_NONEV) == 0;
    wk_decref(vmsg); wk_decref(vfile); wk_decref(vtext);
    if (details) wk_obj_decref(details);
    if (ok) wk_err_restore(exc);
    else if (exc) wk_obj_decref(exc);
    if (!ok && !wk_err_occurred()) wk_raise_nomem();
}

static void raise_parse_error(const wk_parse_error *e, const char *filename)
{
    if (e->kind == WK_PERR_MEMORY) { wk_raise_nomem(); return; }
    wk_type *t = e->kind == WK_PERR_INDENT ? wk_exc_IndentationError
               : e->kind == WK_PERR_TAB ? wk_exc_TabError : wk_exc_SyntaxError;
    raise_syntax(t, e->msg, filename, e->lineno, e->offset, e->text, e->end_lineno, e->end_offset);
}

/* CPython reads the text of compile-time errors from the file (none for <string> and
 * <stdin>); notebook cells, whose source is kept, show their line as IPython does. */
static void raise_compile_error(const char *msg, const char *src, size_t len, const char *filename,
                                bool keep_source, int lineno, int offset, int end_lineno,
                                int end_offset)
{
    bool file = filename && filename[0] != '<';
    char *text = file || keep_source ? source_line(src, len, lineno) : NULL;
    raise_syntax(wk_exc_SyntaxError, msg, filename, lineno, offset, text, end_lineno, end_offset);
    free(text);
}

/* ---------------------------------------------------------------- module compilation */

static const char *const FUTURE_FEATURES[] = {
    "nested_scopes", "generators", "division", "absolute_import", "with_statement",
    "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations", NULL
};

/* Checks leading `from __future__ import ...` statements (CPython's future.c). */
static bool check_future(wk_compiler *c, const wk_ast_list *body, int *future_lineno)
{
    *future_lineno = 0;
    for (int i = 0; i < body->n; i++) {
        const wk_ast *s = body->items[i];
        if (i == 0 && s->kind == WK_AST_Expr
            && s->u.Expr.value->kind == WK_AST_Constant
            && s->u.Expr.value->u.Constant.value.type == WK_CONST_STR)
            continue;
        if (s->kind != WK_AST_ImportFrom || !s->u.ImportFrom.module
            || strcmp(s->u.ImportFrom.module, "__future__") != 0)
            return true;
        for (int k = 0; k < s->u.ImportFrom.names.n; k++) {
            const char *f = s->u.ImportFrom.names.items[k]->u.alias.name;
            int j = 0;
            while (FUTURE_FEATURES[j] && strcmp(FUTURE_FEATURES[j], f) != 0) j++;
            wk_compile_set_loc(c, s);
            c->u->loc.end_col = WK_NO_END_OFFSET - 1;   /* CPython gives no end here */
            if (strcmp(f, "braces") == 0) return wk_compile_error(c, "not a chance");
            if (!FUTURE_FEATURES[j]) return wk_compile_error(c, "future feature %s is not defined", f);
            if (strcmp(f, "annotations") == 0) c->future_annotations = true;
        }
        *future_lineno = s->lineno;
    }
    return true;
}

static const wk_ast_list *module_body(const wk_ast *mod)
{
    if (mod->kind == WK_AST_Module) return &mod->u.Module.body;
    if (mod->kind == WK_AST_Interactive) return &mod->u.Interactive.body;
    return NULL;
}

static bool compile_module_body(wk_compiler *c, const wk_ast *mod, bool return_last, bool *ends)
{
    if (mod->kind == WK_AST_Expression) {
        if (!wk_compile_expr(c, mod->u.Expression.body)) return false;
        wk_compile_op(c, WK_OP_RETURN_VALUE, 0);
        return !c->failed;
    }
    const wk_ast_list *body = module_body(mod);
    const wk_ast *last = body->n ? body->items[body->n - 1] : NULL;
    bool ret = return_last && last && last->kind == WK_AST_Expr;
    if (ends) *ends = ret;
    wk_ast_list head = { ret ? body->n - 1 : body->n, body->items };
    if (mod->kind == WK_AST_Interactive) {
        if (wk_compile_has_annotations(&head)) wk_compile_op(c, WK_OP_SETUP_ANNOTATIONS, 0);
        if (!wk_compile_stmts(c, &head, 0)) return false;
    } else if (!wk_compile_body(c, &head)) {
        return false;
    }
    if (ret) {
        wk_compile_set_loc(c, last);
        if (!wk_compile_expr(c, last->u.Expr.value)) return false;
        wk_compile_op(c, WK_OP_RETURN_VALUE, 0);
    }
    return !c->failed;
}

static wk_obj *compile_module(wk_compiler *c, const wk_ast *mod, bool return_last, bool *ends)
{
    int future_lineno = 0;
    const wk_ast_list *body = module_body(mod);
    c->u = NULL;
    wk_cunit tmp = { 0 };
    tmp.loc = (wk_codepos){ 1, 1, 0, 0 };
    c->u = &tmp;   /* for errors in check_future */
    bool ok = !body || check_future(c, body, &future_lineno);
    c->u = NULL;
    if (!ok) return NULL;
    c->future_lineno = future_lineno;
    wk_symtable_error err;
    c->st = wk_symtable_build(mod, c->future_annotations, &err);
    if (!c->st) {
        c->failed = true;
        if (err.oom) { c->oom = true; return NULL; }
        c->syntax_error = true;
        snprintf(c->msg, sizeof c->msg, "%s", err.msg);
        c->errpos = (wk_codepos){ err.lineno, err.end_lineno, err.offset - 1, err.end_offset - 1 };
        return NULL;
    }
    if (!wk_compile_enter_scope(c, "<module>", WK_CSCOPE_MODULE, mod, 1)) return NULL;
    compile_module_body(c, mod, return_last, ends);
    return wk_compile_exit_scope(c);
}

wk_obj *wk_compile_ast(const wk_ast *mod, const char *src, size_t len, const char *filename,
                       wk_mode mode, bool keep_source, bool return_last, bool *ends_with_expr)
{
    wk_compiler c;
    memset(&c, 0, sizeof c);
    if (ends_with_expr) *ends_with_expr = false;
    c.interactive = mode == WK_MODE_SINGLE;
    c.arena = wk_arena_new();
    wk_value fn = wk_compile_cstr(filename ? filename : "<unknown>");
    wk_value sv = keep_source ? wk_str_new(src, len) : WK_NONEV;
    if (!c.arena || WK_IS_NULL(fn) || WK_IS_NULL(sv)) {
        wk_arena_free(c.arena); wk_decref(fn); wk_decref(sv);
        if (!wk_err_occurred()) wk_raise_nomem();
        return NULL;
    }
    c.src = src;
    c.srclen = len;
    c.filename = fn.u.o;
    c.source = keep_source ? sv.u.o : NULL;
    wk_obj *code = compile_module(&c, mod, return_last, ends_with_expr);
    if (!code && !wk_err_occurred()) {
        if (c.syntax_error)
            raise_compile_error(c.msg, src, len, filename, keep_source, c.errpos.lineno,
                                c.errpos.col + 1, c.errpos.end_lineno, c.errpos.end_col + 1);
        else
            wk_raise_nomem();
    }
    wk_symtable_free(c.st);
    wk_arena_free(c.arena);
    wk_obj_decref(c.filename);
    wk_obj_decref(c.source);
    return code;
}

static wk_obj *compile_text(const char *src, size_t len, const char *filename, wk_mode mode,
                            bool keep_source, bool return_last, bool *ends)
{
    wk_arena *a = wk_arena_new();
    if (!a) { wk_raise_nomem(); return NULL; }
    wk_parse_error err;
    memset(&err, 0, sizeof err);
    wk_ast *mod = wk_parse(a, src, len, filename, (wk_parse_mode)mode, &err);
    wk_obj *code = NULL;
    if (!mod) raise_parse_error(&err, filename);
    else code = wk_compile_ast(mod, src, len, filename, mode, keep_source, return_last, ends);
    wk_arena_free(a);
    return code;
}

wk_obj *wk_compile_source(const char *src, size_t len, const char *filename, wk_mode mode,
                          bool keep_source)
{
    return compile_text(src, len, filename, mode, keep_source, false, NULL);
}

wk_obj *wk_compile_source_cell(const char *src, size_t len, const char *filename,
                               bool return_last_expr, bool *ends_with_expr)
{
    return compile_text(src, len, filename, WK_MODE_EXEC, true, return_last_expr, ends_with_expr);
}
