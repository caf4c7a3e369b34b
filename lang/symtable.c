/* symtable.c — scope analysis: collects every block's names (visitor) and resolves them to local/global/free/cell (analysis), as CPython's symtable.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "symtable.h"

/* ---------------------------------------------------------------- helpers */

static uint64_t st_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s) { h ^= (unsigned char)*s++; h *= 1099511628211ull; }
    return h;
}

static bool st_fail(wk_symtable *st, int line, int col, int eline, int ecol, const char *fmt,
                    const char *name)
{
    wk_symtable_error *e = st->err;
    snprintf(e->msg, sizeof e->msg, fmt, name);
    e->lineno = line; e->offset = col + 1; e->end_lineno = eline; e->end_offset = ecol + 1;
    return false;
}

static bool st_fail_node(wk_symtable *st, const wk_ast *n, const char *fmt, const char *name)
{
    return st_fail(st, n->lineno, n->col_offset, n->end_lineno, n->end_col_offset, fmt, name);
}

static bool st_oom(wk_symtable *st) { st->err->oom = true; return false; }

/* Grows an arena-backed array to hold n+1 items. */
static bool st_grow(wk_symtable *st, void **items, int *cap, int n, size_t size)
{
    if (n < *cap) return true;
    int ncap = *cap ? *cap * 2 : 8;
    void *p = wk_arena_alloc(st->arena, (size_t)ncap * size);
    if (!p) return st_oom(st);
    if (n) memcpy(p, *items, (size_t)n * size);
    *items = p;
    *cap = ncap;
    return true;
}

const char *wk_symtable_mangle(wk_arena *a, const char *priv, const char *name)
{
    size_t n = strlen(name);
    if (!priv || name[0] != '_' || name[1] != '_') return name;
    if ((n >= 2 && name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.')) return name;
    while (*priv == '_') priv++;
    if (!*priv) return name;
    size_t pn = strlen(priv);
    char *s = wk_arena_alloc(a, pn + n + 2);
    if (!s) return NULL;
    s[0] = '_';
    memcpy(s + 1, priv, pn);
    memcpy(s + 1 + pn, name, n + 1);
    return s;
}

/* ---------------------------------------------------------------- symbols of a block */

wk_symbol *wk_symtable_symbol(wk_ste *ste, const char *name)
{
    if (!ste->nslots) return NULL;
    size_t mask = (size_t)ste->nslots - 1;
    for (size_t i = st_hash(name) & mask;; i = (i + 1) & mask) {
        int k = ste->slots[i];
        if (k < 0) return NULL;
        if (strcmp(ste->syms[k].name, name) == 0) return &ste->syms[k];
    }
}

wk_scope wk_symtable_scope(wk_ste *ste, const char *name)
{
    wk_symbol *s = wk_symtable_symbol(ste, name);
    return s ? s->scope : WK_SCOPE_NONE;
}

static bool ste_rehash(wk_symtable *st, wk_ste *ste)
{
    int n = ste->nslots ? ste->nslots * 2 : 16;
    int *slots = wk_arena_alloc(st->arena, (size_t)n * sizeof(int));
    if (!slots) return st_oom(st);
    for (int i = 0; i < n; i++) slots[i] = -1;
    for (int k = 0; k < ste->nsyms; k++) {
        size_t i = st_hash(ste->syms[k].name) & (size_t)(n - 1);
        while (slots[i] >= 0) i = (i + 1) & (size_t)(n - 1);
        slots[i] = k;
    }
    ste->slots = slots;
    ste->nslots = n;
    return true;
}

/* The symbol for name, created with flags 0 when missing. */
static wk_symbol *ste_intern(wk_symtable *st, wk_ste *ste, const char *name)
{
    wk_symbol *s = wk_symtable_symbol(ste, name);
    if (s) return s;
    if (!st_grow(st, (void **)&ste->syms, &ste->capsyms, ste->nsyms, sizeof(wk_symbol)))
        return NULL;
    s = &ste->syms[ste->nsyms++];
    memset(s, 0, sizeof *s);
    s->name = name;
    if (ste->nsyms * 2 > ste->nslots) {
        if (!ste_rehash(st, ste)) return NULL;
    } else {
        size_t mask = (size_t)ste->nslots - 1, i = st_hash(name) & mask;
        while (ste->slots[i] >= 0) i = (i + 1) & mask;
        ste->slots[i] = ste->nsyms - 1;
    }
    return s;
}

/* CPython's symtable_add_def_helper. */
static bool add_def_in(wk_symtable *st, const char *name, int flag, wk_ste *ste, const wk_ast *loc)
{
    const char *mangled = wk_symtable_mangle(st->arena, st->private_name, name);
    if (!mangled) return st_oom(st);
    wk_symbol *s = ste_intern(st, ste, mangled);
    if (!s) return false;
    if ((flag & WK_SYM_PARAM) && (s->flags & WK_SYM_PARAM))
        return st_fail_node(st, loc, "duplicate argument '%s' in function definition", name);
    int val = s->flags | flag;
    if (ste->comp_iter_target) {
        if (val & (WK_SYM_GLOBAL | WK_SYM_NONLOCAL))
            return st_fail_node(st, loc, "comprehension inner loop cannot rebind assignment "
                                "expression target '%s'", name);
        val |= WK_SYM_COMP_ITER;
    }
    s->flags = val;
    if (flag & WK_SYM_PARAM) {
        if (!st_grow(st, (void **)&ste->params, &ste->capparams, ste->nparams, sizeof(char *)))
            return false;
        ste->params[ste->nparams++] = mangled;
    } else if (flag & WK_SYM_GLOBAL) {
        wk_symbol *g = ste_intern(st, st->top, mangled);
        if (!g) return false;
        g->flags |= flag;
    }
    return true;
}

static bool add_def(wk_symtable *st, const char *name, int flag, const wk_ast *loc)
{
    return add_def_in(st, name, flag, st->cur, loc);
}

static void record_directive(wk_symtable *st, const char *name, const wk_ast *n)
{
    const char *m = wk_symtable_mangle(st->arena, st->private_name, name);
    wk_symbol *s = m ? wk_symtable_symbol(st->cur, m) : NULL;
    if (s && !s->dir_line) {
        s->dir_line = n->lineno; s->dir_col = n->col_offset;
        s->dir_end_line = n->end_lineno; s->dir_end_col = n->end_col_offset;
    }
}

static int lookup_flags(wk_symtable *st, const char *name)
{
    const char *m = wk_symtable_mangle(st->arena, st->private_name, name);
    wk_symbol *s = m ? wk_symtable_symbol(st->cur, m) : NULL;
    return s ? s->flags : 0;
}

/* ---------------------------------------------------------------- blocks */

static bool enter_block(wk_symtable *st, const char *name, wk_block_type type, const wk_ast *node)
{
    wk_ste *ste = wk_arena_alloc(st->arena, sizeof *ste);
    if (!ste) return st_oom(st);
    ste->type = type;
    ste->name = name;
    ste->node = node;
    ste->parent = st->cur;
    ste->lineno = node->lineno;
    ste->col_offset = node->col_offset;
    if (!st_grow(st, (void **)&st->all, &st->capall, st->nall, sizeof(wk_ste *))) return false;
    st->all[st->nall++] = ste;
    if (st->cur) {
        wk_ste *p = st->cur;
        if (p->nested || p->type == WK_BLOCK_FUNCTION) ste->nested = true;
        if (!st_grow(st, (void **)&p->children, &p->capchildren, p->nchildren, sizeof(wk_ste *)))
            return false;
        p->children[p->nchildren++] = ste;
    } else {
        st->top = ste;
    }
    st->cur = ste;
    return true;
}

static void exit_block(wk_symtable *st) { st->cur = st->cur->parent; }

static size_t node_slot(const wk_ast *node, int n)
{
    return (size_t)(((uintptr_t)node >> 4) * 0x9E3779B97F4A7C15ull) & (size_t)(n - 1);
}

static bool index_blocks(wk_symtable *st)
{
    int n = 16;
    while (n < st->nall * 2) n *= 2;
    st->bynode = wk_arena_alloc(st->arena, (size_t)n * sizeof(wk_ste *));
    if (!st->bynode) return st_oom(st);
    st->nbynode = n;
    for (int i = 0; i < st->nall; i++) {
        size_t k = node_slot(st->all[i]->node, n);
        while (st->bynode[k]) k = (k + 1) & (size_t)(n - 1);
        st->bynode[k] = st->all[i];
    }
    return true;
}

wk_ste *wk_symtable_lookup(wk_symtable *st, const wk_ast *node)
{
    if (!st->nbynode) return NULL;
    for (size_t k = node_slot(node, st->nbynode); st->bynode[k]; k = (k + 1) & (size_t)(st->nbynode - 1))
        if (st->bynode[k]->node == node) return st->bynode[k];
    return NULL;
}

/* ---------------------------------------------------------------- visitor */

static bool visit_expr(wk_symtable *st, const wk_ast *e);
static bool visit_stmt(wk_symtable *st, const wk_ast *s);

static bool visit_exprs(wk_symtable *st, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i] && !visit_expr(st, l->items[i])) return false;
    return true;
}

static bool visit_stmts(wk_symtable *st, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (!visit_stmt(st, l->items[i])) return false;
    return true;
}

static bool visit_keywords(wk_symtable *st, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (!visit_expr(st, l->items[i]->u.keyword.value)) return false;
    return true;
}

static bool visit_params(wk_symtable *st, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (!add_def(st, l->items[i]->u.arg.arg, WK_SYM_PARAM, l->items[i])) return false;
    return true;
}

static bool visit_arguments(wk_symtable *st, const wk_ast *a)
{
    if (!visit_params(st, &a->u.arguments.posonlyargs) || !visit_params(st, &a->u.arguments.args)
        || !visit_params(st, &a->u.arguments.kwonlyargs))
        return false;
    if (a->u.arguments.vararg) {
        if (!add_def(st, a->u.arguments.vararg->u.arg.arg, WK_SYM_PARAM, a->u.arguments.vararg))
            return false;
        st->cur->varargs = true;
    }
    if (a->u.arguments.kwarg) {
        if (!add_def(st, a->u.arguments.kwarg->u.arg.arg, WK_SYM_PARAM, a->u.arguments.kwarg))
            return false;
        st->cur->varkeywords = true;
    }
    return true;
}

static bool visit_annotation(wk_symtable *st, const wk_ast *ann)
{
    return !ann || st->future_annotations || visit_expr(st, ann);
}

static bool visit_arg_annotations(wk_symtable *st, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (!visit_annotation(st, l->items[i]->u.arg.annotation)) return false;
    return true;
}

static bool visit_annotations(wk_symtable *st, const wk_ast *a, const wk_ast *returns)
{
    return visit_arg_annotations(st, &a->u.arguments.posonlyargs)
        && visit_arg_annotations(st, &a->u.arguments.args)
        && (!a->u.arguments.vararg || visit_annotation(st, a->u.arguments.vararg->u.arg.annotation))
        && (!a->u.arguments.kwarg || visit_annotation(st, a->u.arguments.kwarg->u.arg.annotation))
        && visit_arg_annotations(st, &a->u.arguments.kwonlyargs)
        && visit_annotation(st, returns);
}

static bool visit_defaults(wk_symtable *st, const wk_ast *a)
{
    return visit_exprs(st, &a->u.arguments.defaults) && visit_exprs(st, &a->u.arguments.kw_defaults);
}

static bool visit_function(wk_symtable *st, const wk_ast *s)
{
    const wk_ast *args = s->u.FunctionDef.args;
    if (!add_def(st, s->u.FunctionDef.name, WK_SYM_LOCAL, s) || !visit_defaults(st, args)
        || !visit_annotations(st, args, s->u.FunctionDef.returns)
        || !visit_exprs(st, &s->u.FunctionDef.decorator_list))
        return false;
    if (!enter_block(st, s->u.FunctionDef.name, WK_BLOCK_FUNCTION, s)) return false;
    if (!visit_arguments(st, args) || !visit_stmts(st, &s->u.FunctionDef.body)) return false;
    exit_block(st);
    return true;
}

static bool visit_class(wk_symtable *st, const wk_ast *s)
{
    if (!add_def(st, s->u.ClassDef.name, WK_SYM_LOCAL, s) || !visit_exprs(st, &s->u.ClassDef.bases)
        || !visit_keywords(st, &s->u.ClassDef.keywords)
        || !visit_exprs(st, &s->u.ClassDef.decorator_list))
        return false;
    if (!enter_block(st, s->u.ClassDef.name, WK_BLOCK_CLASS, s)) return false;
    const char *saved = st->private_name;
    st->private_name = s->u.ClassDef.name;
    bool ok = visit_stmts(st, &s->u.ClassDef.body);
    st->private_name = saved;
    if (ok) exit_block(st);
    return ok;
}

static const char *const GLOBAL_MSGS[] = {
    "name '%s' is parameter and global", "name '%s' is used prior to global declaration",
    "annotated name '%s' can't be global", "name '%s' is assigned to before global declaration",
};
static const char *const NONLOCAL_MSGS[] = {
    "name '%s' is parameter and nonlocal", "name '%s' is used prior to nonlocal declaration",
    "annotated name '%s' can't be nonlocal", "name '%s' is assigned to before nonlocal declaration",
};

static bool visit_directive(wk_symtable *st, const wk_ast *s, bool global)
{
    const wk_ast_ids *ids = global ? &s->u.Global.names : &s->u.Nonlocal.names;
    const char *const *msgs = global ? GLOBAL_MSGS : NONLOCAL_MSGS;
    for (int i = 0; i < ids->n; i++) {
        const char *name = ids->items[i];
        int cur = lookup_flags(st, name);
        if (cur & (WK_SYM_PARAM | WK_SYM_LOCAL | WK_SYM_USE | WK_SYM_ANNOT)) {
            int k = (cur & WK_SYM_PARAM) ? 0 : (cur & WK_SYM_USE) ? 1 : (cur & WK_SYM_ANNOT) ? 2 : 3;
            return st_fail_node(st, s, msgs[k], name);
        }
        if (!add_def(st, name, global ? WK_SYM_GLOBAL : WK_SYM_NONLOCAL, s)) return false;
        record_directive(st, name, s);
    }
    return true;
}

static bool visit_annassign(wk_symtable *st, const wk_ast *s)
{
    const wk_ast *t = s->u.AnnAssign.target;
    if (t->kind == WK_AST_Name) {
        int cur = lookup_flags(st, t->u.Name.id);
        if ((cur & (WK_SYM_GLOBAL | WK_SYM_NONLOCAL)) && st->cur != st->top && s->u.AnnAssign.simple)
            return st_fail_node(st, s, (cur & WK_SYM_GLOBAL) ? GLOBAL_MSGS[2] : NONLOCAL_MSGS[2],
                                t->u.Name.id);
        int flag = s->u.AnnAssign.simple ? WK_SYM_ANNOT | WK_SYM_LOCAL
                 : s->u.AnnAssign.value ? WK_SYM_LOCAL : 0;
        if (flag && !add_def(st, t->u.Name.id, flag, t)) return false;
    } else if (!visit_expr(st, t)) {
        return false;
    }
    return visit_annotation(st, s->u.AnnAssign.annotation)
        && (!s->u.AnnAssign.value || visit_expr(st, s->u.AnnAssign.value));
}

static bool visit_alias(wk_symtable *st, const wk_ast *a)
{
    const char *name = a->u.alias.asname ? a->u.alias.asname : a->u.alias.name;
    if (strcmp(name, "*") == 0) {
        if (st->cur->type != WK_BLOCK_MODULE)
            return st_fail_node(st, a, "import * only allowed at module level%s", "");
        return true;
    }
    const char *dot = strchr(name, '.');
    if (dot) {
        name = wk_arena_strndup(st->arena, name, (size_t)(dot - name));
        if (!name) return st_oom(st);
    }
    return add_def(st, name, WK_SYM_IMPORT, a);
}

static bool visit_aliases(wk_symtable *st, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (!visit_alias(st, l->items[i])) return false;
    return true;
}

static bool visit_try(wk_symtable *st, const wk_ast *s)
{
    if (!visit_stmts(st, &s->u.Try.body)) return false;
    for (int i = 0; i < s->u.Try.handlers.n; i++) {
        const wk_ast *h = s->u.Try.handlers.items[i];
        if (h->u.ExceptHandler.type && !visit_expr(st, h->u.ExceptHandler.type)) return false;
        if (h->u.ExceptHandler.name && !add_def(st, h->u.ExceptHandler.name, WK_SYM_LOCAL, h))
            return false;
        if (!visit_stmts(st, &h->u.ExceptHandler.body)) return false;
    }
    return visit_stmts(st, &s->u.Try.orelse) && visit_stmts(st, &s->u.Try.finalbody);
}

static bool visit_stmt(wk_symtable *st, const wk_ast *s)
{
    switch (s->kind) {
    case WK_AST_FunctionDef: case WK_AST_AsyncFunctionDef: return visit_function(st, s);
    case WK_AST_ClassDef: return visit_class(st, s);
    case WK_AST_Return:
        if (!s->u.Return.value) return true;
        st->cur->returns_value = true;
        return visit_expr(st, s->u.Return.value);
    case WK_AST_Delete: return visit_exprs(st, &s->u.Delete.targets);
    case WK_AST_Assign:
        return visit_exprs(st, &s->u.Assign.targets) && visit_expr(st, s->u.Assign.value);
    case WK_AST_AnnAssign: return visit_annassign(st, s);
    case WK_AST_AugAssign:
        return visit_expr(st, s->u.AugAssign.target) && visit_expr(st, s->u.AugAssign.value);
    case WK_AST_For: case WK_AST_AsyncFor:
        return visit_expr(st, s->u.For.target) && visit_expr(st, s->u.For.iter)
            && visit_stmts(st, &s->u.For.body) && visit_stmts(st, &s->u.For.orelse);
    case WK_AST_While:
        return visit_expr(st, s->u.While.test) && visit_stmts(st, &s->u.While.body)
            && visit_stmts(st, &s->u.While.orelse);
    case WK_AST_If:
        return visit_expr(st, s->u.If.test) && visit_stmts(st, &s->u.If.body)
            && visit_stmts(st, &s->u.If.orelse);
    case WK_AST_With: case WK_AST_AsyncWith:
        for (int i = 0; i < s->u.With.items.n; i++) {
            const wk_ast *it = s->u.With.items.items[i];
            if (!visit_expr(st, it->u.withitem.context_expr)) return false;
            if (it->u.withitem.optional_vars && !visit_expr(st, it->u.withitem.optional_vars))
                return false;
        }
        return visit_stmts(st, &s->u.With.body);
    case WK_AST_Raise:
        return (!s->u.Raise.exc || visit_expr(st, s->u.Raise.exc))
            && (!s->u.Raise.cause || visit_expr(st, s->u.Raise.cause));
    case WK_AST_Try: case WK_AST_TryStar: return visit_try(st, s);
    case WK_AST_Assert:
        return visit_expr(st, s->u.Assert.test) && (!s->u.Assert.msg || visit_expr(st, s->u.Assert.msg));
    case WK_AST_Import: return visit_aliases(st, &s->u.Import.names);
    case WK_AST_ImportFrom: return visit_aliases(st, &s->u.ImportFrom.names);
    case WK_AST_Global: return visit_directive(st, s, true);
    case WK_AST_Nonlocal: return visit_directive(st, s, false);
    case WK_AST_Expr: return visit_expr(st, s->u.Expr.value);
    default: return true;   /* Pass, Break, Continue, Match (rejected by the parser) */
    }
}

/* Binds a walrus target inside a comprehension in the nearest function/module scope. */
static bool extend_namedexpr_scope(wk_symtable *st, const wk_ast *e)
{
    const char *name = e->u.Name.id;
    for (wk_ste *ste = st->cur; ste; ste = ste->parent) {
        if (ste->comprehension) {
            wk_symbol *s = wk_symtable_symbol(ste, name);
            if (s && (s->flags & WK_SYM_COMP_ITER))
                return st_fail_node(st, e, "assignment expression cannot rebind comprehension "
                                    "iteration variable '%s'", name);
            continue;
        }
        if (ste->type == WK_BLOCK_CLASS)
            return st_fail_node(st, e, "assignment expression within a comprehension cannot be "
                                "used in a class body%s", "");
        bool module = ste->type == WK_BLOCK_MODULE;
        wk_symbol *s = wk_symtable_symbol(ste, name);
        int flag = (module || (s && (s->flags & WK_SYM_GLOBAL))) ? WK_SYM_GLOBAL : WK_SYM_NONLOCAL;
        if (!add_def(st, name, flag, e)) return false;
        record_directive(st, name, e);
        return add_def_in(st, name, module ? WK_SYM_GLOBAL : WK_SYM_LOCAL, ste, e);
    }
    return true;
}

static bool visit_namedexpr(wk_symtable *st, const wk_ast *e)
{
    if (st->cur->comp_iter_expr > 0)
        return st_fail_node(st, e, "assignment expression cannot be used in a comprehension "
                            "iterable expression%s", "");
    if (st->cur->comprehension && !extend_namedexpr_scope(st, e->u.NamedExpr.target)) return false;
    return visit_expr(st, e->u.NamedExpr.value) && visit_expr(st, e->u.NamedExpr.target);
}

static bool visit_comp_target(wk_symtable *st, const wk_ast *target)
{
    st->cur->comp_iter_target = true;
    bool ok = visit_expr(st, target);
    st->cur->comp_iter_target = false;
    return ok;
}

static bool visit_comp_iter(wk_symtable *st, const wk_ast *iter)
{
    st->cur->comp_iter_expr++;
    bool ok = visit_expr(st, iter);
    st->cur->comp_iter_expr--;
    return ok;
}

static bool visit_comprehension(wk_symtable *st, const wk_ast *e, const wk_ast_list *gens,
                                const wk_ast *elt, const wk_ast *value, wk_comp_kind kind)
{
    static const char *const names[] = { "", "listcomp", "setcomp", "dictcomp", "genexpr" };
    const wk_ast *outer = gens->items[0];
    if (!visit_comp_iter(st, outer->u.comprehension.iter)) return false;
    if (!enter_block(st, names[kind], WK_BLOCK_FUNCTION, e)) return false;
    st->cur->comprehension = kind;
    if (!add_def(st, ".0", WK_SYM_PARAM, e)) return false;
    if (!visit_comp_target(st, outer->u.comprehension.target)
        || !visit_exprs(st, &outer->u.comprehension.ifs))
        return false;
    for (int i = 1; i < gens->n; i++) {
        const wk_ast *g = gens->items[i];
        if (!visit_comp_target(st, g->u.comprehension.target)
            || !visit_comp_iter(st, g->u.comprehension.iter) || !visit_exprs(st, &g->u.comprehension.ifs))
            return false;
    }
    if (value && !visit_expr(st, value)) return false;
    if (!visit_expr(st, elt)) return false;
    if (kind == WK_COMP_GEN) st->cur->generator = true;
    exit_block(st);
    return true;
}

static bool visit_yield(wk_symtable *st, const wk_ast *e, const wk_ast *value)
{
    if (value && !visit_expr(st, value)) return false;
    st->cur->generator = true;
    if (!st->cur->comprehension) return true;
    static const char *const msgs[] = { "", "'yield' inside list comprehension%s",
        "'yield' inside set comprehension%s", "'yield' inside dict comprehension%s",
        "'yield' inside generator expression%s" };
    return st_fail_node(st, e, msgs[st->cur->comprehension], "");
}

static bool visit_lambda(wk_symtable *st, const wk_ast *e)
{
    if (!visit_defaults(st, e->u.Lambda.args)) return false;
    if (!enter_block(st, "lambda", WK_BLOCK_FUNCTION, e)) return false;
    if (!visit_arguments(st, e->u.Lambda.args) || !visit_expr(st, e->u.Lambda.body)) return false;
    exit_block(st);
    return true;
}

static bool visit_name(wk_symtable *st, const wk_ast *e)
{
    if (!add_def(st, e->u.Name.id, e->u.Name.ctx == WK_CTX_Load ? WK_SYM_USE : WK_SYM_LOCAL, e))
        return false;
    if (e->u.Name.ctx == WK_CTX_Load && st->cur->type == WK_BLOCK_FUNCTION
        && strcmp(e->u.Name.id, "super") == 0)
        return add_def(st, "__class__", WK_SYM_USE, e);
    return true;
}

static bool visit_expr(wk_symtable *st, const wk_ast *e)
{
    switch (e->kind) {
    case WK_AST_NamedExpr: return visit_namedexpr(st, e);
    case WK_AST_BoolOp: return visit_exprs(st, &e->u.BoolOp.values);
    case WK_AST_BinOp: return visit_expr(st, e->u.BinOp.left) && visit_expr(st, e->u.BinOp.right);
    case WK_AST_UnaryOp: return visit_expr(st, e->u.UnaryOp.operand);
    case WK_AST_Lambda: return visit_lambda(st, e);
    case WK_AST_IfExp:
        return visit_expr(st, e->u.IfExp.test) && visit_expr(st, e->u.IfExp.body)
            && visit_expr(st, e->u.IfExp.orelse);
    case WK_AST_Dict: return visit_exprs(st, &e->u.Dict.keys) && visit_exprs(st, &e->u.Dict.values);
    case WK_AST_Set: return visit_exprs(st, &e->u.Set.elts);
    case WK_AST_ListComp:
        return visit_comprehension(st, e, &e->u.ListComp.generators, e->u.ListComp.elt, NULL, WK_COMP_LIST);
    case WK_AST_SetComp:
        return visit_comprehension(st, e, &e->u.SetComp.generators, e->u.SetComp.elt, NULL, WK_COMP_SET);
    case WK_AST_DictComp:
        return visit_comprehension(st, e, &e->u.DictComp.generators, e->u.DictComp.key,
                                   e->u.DictComp.value, WK_COMP_DICT);
    case WK_AST_GeneratorExp:
        return visit_comprehension(st, e, &e->u.GeneratorExp.generators, e->u.GeneratorExp.elt,
                                   NULL, WK_COMP_GEN);
    case WK_AST_Await: return visit_expr(st, e->u.Await.value);
    case WK_AST_Yield: return visit_yield(st, e, e->u.Yield.value);
    case WK_AST_YieldFrom: return visit_yield(st, e, e->u.YieldFrom.value);
    case WK_AST_Compare:
        return visit_expr(st, e->u.Compare.left) && visit_exprs(st, &e->u.Compare.comparators);
    case WK_AST_Call:
        return visit_expr(st, e->u.Call.func) && visit_exprs(st, &e->u.Call.args)
            && visit_keywords(st, &e->u.Call.keywords);
    case WK_AST_FormattedValue:
        return visit_expr(st, e->u.FormattedValue.value)
            && (!e->u.FormattedValue.format_spec || visit_expr(st, e->u.FormattedValue.format_spec));
    case WK_AST_JoinedStr: return visit_exprs(st, &e->u.JoinedStr.values);
    case WK_AST_Attribute: return visit_expr(st, e->u.Attribute.value);
    case WK_AST_Subscript:
        return visit_expr(st, e->u.Subscript.value) && visit_expr(st, e->u.Subscript.slice);
    case WK_AST_Starred: return visit_expr(st, e->u.Starred.value);
    case WK_AST_Slice:
        return (!e->u.Slice.lower || visit_expr(st, e->u.Slice.lower))
            && (!e->u.Slice.upper || visit_expr(st, e->u.Slice.upper))
            && (!e->u.Slice.step || visit_expr(st, e->u.Slice.step));
    case WK_AST_Name: return visit_name(st, e);
    case WK_AST_List: return visit_exprs(st, &e->u.List.elts);
    case WK_AST_Tuple: return visit_exprs(st, &e->u.Tuple.elts);
    default: return true;   /* Constant */
    }
}

/* ---------------------------------------------------------------- analysis (name sets) */

typedef struct { const char **keys; int cap, n; } nset;   /* open addressing; NULL empty */
static const char TOMB[] = "";

static bool ns_init(nset *s, int cap)
{
    s->cap = 16;
    while (s->cap < cap * 2) s->cap *= 2;
    s->n = 0;
    s->keys = calloc((size_t)s->cap, sizeof(char *));
    return s->keys != NULL;
}
static void ns_free(nset *s) { free(s->keys); s->keys = NULL; }

static int ns_find(const nset *s, const char *k)
{
    size_t mask = (size_t)s->cap - 1;
    for (size_t i = st_hash(k) & mask;; i = (i + 1) & mask) {
        if (!s->keys[i]) return -1;
        if (s->keys[i] != TOMB && strcmp(s->keys[i], k) == 0) return (int)i;
    }
}
static bool ns_has(const nset *s, const char *k) { return s && ns_find(s, k) >= 0; }
static void ns_del(nset *s, const char *k) { int i = s ? ns_find(s, k) : -1; if (i >= 0) s->keys[i] = TOMB; }

static bool ns_add(nset *s, const char *k)
{
    if (ns_find(s, k) >= 0) return true;
    if ((s->n + 1) * 2 > s->cap) {
        nset t;
        if (!ns_init(&t, s->n + 1)) return false;
        for (int i = 0; i < s->cap; i++)
            if (s->keys[i] && s->keys[i] != TOMB) ns_add(&t, s->keys[i]);
        free(s->keys);
        *s = t;
    }
    size_t mask = (size_t)s->cap - 1, i = st_hash(k) & mask;
    while (s->keys[i] && s->keys[i] != TOMB) i = (i + 1) & mask;
    s->keys[i] = k;
    s->n++;
    return true;
}

static bool ns_union(nset *dst, const nset *src)
{
    for (int i = 0; src && i < src->cap; i++)
        if (src->keys[i] && src->keys[i] != TOMB && !ns_add(dst, src->keys[i])) return false;
    return true;
}

static bool ns_copy(nset *dst, const nset *src)
{
    return ns_init(dst, src ? src->n : 0) && ns_union(dst, src);
}

static bool fail_directive(wk_symtable *st, wk_symbol *s, const char *fmt)
{
    return st_fail(st, s->dir_line, s->dir_col, s->dir_end_line, s->dir_end_col, fmt, s->name);
}

/* CPython's analyze_name: decides the scope of one symbol. */
static bool analyze_name(wk_symtable *st, wk_ste *ste, wk_symbol *s, nset *bound, nset *local,
                         nset *free, nset *global)
{
    if (s->flags & WK_SYM_GLOBAL) {
        if (s->flags & WK_SYM_NONLOCAL)
            return fail_directive(st, s, "name '%s' is nonlocal and global");
        s->scope = WK_SCOPE_GLOBAL_EXPLICIT;
        ns_del(bound, s->name);
        return ns_add(global, s->name) || st_oom(st);
    }
    if (s->flags & WK_SYM_NONLOCAL) {
        if (!bound) return fail_directive(st, s, "nonlocal declaration not allowed at module level");
        if (!ns_has(bound, s->name)) return fail_directive(st, s, "no binding for nonlocal '%s' found");
        s->scope = WK_SCOPE_FREE;
        ste->free = true;
        return ns_add(free, s->name) || st_oom(st);
    }
    if (s->flags & WK_SYM_BOUND) {
        s->scope = WK_SCOPE_LOCAL;
        ns_del(global, s->name);
        return ns_add(local, s->name) || st_oom(st);
    }
    if (ns_has(bound, s->name)) {
        s->scope = WK_SCOPE_FREE;
        ste->free = true;
        return ns_add(free, s->name) || st_oom(st);
    }
    if (!ns_has(global, s->name) && ste->nested) ste->free = true;
    s->scope = WK_SCOPE_GLOBAL_IMPLICIT;
    return true;
}

/* Records free names of children in this block (CPython's update_symbols). */
static bool update_symbols(wk_symtable *st, wk_ste *ste, nset *bound, nset *free)
{
    for (int i = 0; i < free->cap; i++) {
        const char *name = free->keys[i];
        if (!name || name == TOMB) continue;
        wk_symbol *s = wk_symtable_symbol(ste, name);
        if (s) {
            if (ste->type == WK_BLOCK_CLASS && (s->flags & (WK_SYM_BOUND | WK_SYM_GLOBAL)))
                s->flags |= WK_SYM_FREE_CLASS;
            continue;
        }
        if (bound && !ns_has(bound, name)) continue;
        s = ste_intern(st, ste, name);
        if (!s) return false;
        s->scope = WK_SCOPE_FREE;
    }
    return true;
}

static bool analyze_block(wk_symtable *st, wk_ste *ste, nset *bound, nset *free, nset *global);

static bool analyze_children(wk_symtable *st, wk_ste *ste, nset *newbound, nset *newglobal,
                             nset *newfree)
{
    for (int i = 0; i < ste->nchildren; i++) {
        wk_ste *c = ste->children[i];
        nset b = { 0 }, f = { 0 }, g = { 0 };
        bool ok = false;
        if (ns_copy(&b, newbound)) {
            if (ns_init(&f, 0)) {
                if (ns_copy(&g, newglobal)) {
                    ok = analyze_block(st, c, &b, &f, &g) && (ns_union(newfree, &f) || st_oom(st));
                    ns_free(&g);
                } else st_oom(st);
                ns_free(&f);
            } else st_oom(st);
            ns_free(&b);
        } else st_oom(st);
        if (!ok) return false;
        if (c->free || c->child_free) ste->child_free = true;
    }
    return true;
}

/* Locals that children use freely become cells; class free __class__ becomes the class cell. */
static void analyze_cells(wk_ste *ste, nset *newfree)
{
    if (ste->type == WK_BLOCK_FUNCTION) {
        for (int i = 0; i < ste->nsyms; i++) {
            wk_symbol *s = &ste->syms[i];
            if (s->scope == WK_SCOPE_LOCAL && ns_has(newfree, s->name)) {
                s->scope = WK_SCOPE_CELL;
                ns_del(newfree, s->name);
            }
        }
    } else if (ste->type == WK_BLOCK_CLASS && ns_has(newfree, "__class__")) {
        ste->needs_class_closure = true;
        ns_del(newfree, "__class__");
    }
}

static bool analyze_block2(wk_symtable *st, wk_ste *ste, nset *bound, nset *free, nset *global,
                           nset *local, nset *newbound, nset *newglobal, nset *newfree)
{
    if (ste->type == WK_BLOCK_CLASS) {
        if (!ns_union(newglobal, global) || !ns_union(newbound, bound)) return st_oom(st);
    }
    for (int i = 0; i < ste->nsyms; i++)
        if (!analyze_name(st, ste, &ste->syms[i], bound, local, free, global)) return false;
    if (ste->type != WK_BLOCK_CLASS) {
        if (ste->type == WK_BLOCK_FUNCTION && !ns_union(newbound, local)) return st_oom(st);
        if (!ns_union(newbound, bound) || !ns_union(newglobal, global)) return st_oom(st);
    } else if (!ns_add(newbound, "__class__")) {
        return st_oom(st);
    }
    if (!analyze_children(st, ste, newbound, newglobal, newfree)) return false;
    analyze_cells(ste, newfree);
    if (!update_symbols(st, ste, bound, newfree)) return false;
    return ns_union(free, newfree) || st_oom(st);
}

static bool analyze_block(wk_symtable *st, wk_ste *ste, nset *bound, nset *free, nset *global)
{
    nset local = { 0 }, newbound = { 0 }, newglobal = { 0 }, newfree = { 0 };
    if (!ns_init(&local, 0) || !ns_init(&newbound, 0) || !ns_init(&newglobal, 0)
        || !ns_init(&newfree, 0)) {
        ns_free(&local); ns_free(&newbound); ns_free(&newglobal); ns_free(&newfree);
        return st_oom(st);
    }
    bool ok = analyze_block2(st, ste, bound, free, global, &local, &newbound, &newglobal, &newfree);
    ns_free(&local); ns_free(&newbound); ns_free(&newglobal); ns_free(&newfree);
    return ok;
}

/* ---------------------------------------------------------------- entry */

static bool visit_module(wk_symtable *st, const wk_ast *mod)
{
    if (!enter_block(st, "top", WK_BLOCK_MODULE, mod)) return false;
    switch (mod->kind) {
    case WK_AST_Module: return visit_stmts(st, &mod->u.Module.body);
    case WK_AST_Interactive: return visit_stmts(st, &mod->u.Interactive.body);
    case WK_AST_Expression: return visit_expr(st, mod->u.Expression.body);
    default: return true;
    }
}

wk_symtable *wk_symtable_build(const wk_ast *mod, bool future_annotations, wk_symtable_error *err)
{
    memset(err, 0, sizeof *err);
    wk_arena *a = wk_arena_new();
    wk_symtable *st = a ? wk_arena_alloc(a, sizeof *st) : NULL;
    if (!st) { wk_arena_free(a); err->oom = true; return NULL; }
    st->arena = a;
    st->err = err;
    st->future_annotations = future_annotations;
    bool ok = visit_module(st, mod);
    if (ok) {
        nset free = { 0 }, global = { 0 };
        ok = ns_init(&free, 0) && ns_init(&global, 0);
        if (ok) ok = analyze_block(st, st->top, NULL, &free, &global) && index_blocks(st);
        else st_oom(st);
        ns_free(&free); ns_free(&global);
    }
    if (!ok) { wk_arena_free(a); return NULL; }
    return st;
}

void wk_symtable_free(wk_symtable *st)
{
    if (st) wk_arena_free(st->arena);
}
