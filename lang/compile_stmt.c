/* compile_stmt.c — code generation for statements: assignments, control flow with frame-block unwinding, try/except/finally, with, imports. */
#include <string.h>
#include "compile.h"

#define ADD(op, arg) wk_compile_op(c, WK_OP_##op, (arg))

static void set_noloc(wk_compiler *c) { c->u->loc = (wk_codepos){ -1, -1, -1, -1 }; }

bool wk_compile_stmts(wk_compiler *c, const wk_ast_list *l, int from)
{
    for (int i = from; i < l->n; i++)
        if (!wk_compile_stmt(c, l->items[i])) return false;
    return true;
}

/* CPython's find_ann: does a body (not counting nested scopes) annotate anything? */
bool wk_compile_has_annotations(const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++) {
        const wk_ast *s = l->items[i];
        switch (s->kind) {
        case WK_AST_AnnAssign: return true;
        case WK_AST_For: case WK_AST_AsyncFor:
            if (wk_compile_has_annotations(&s->u.For.body) || wk_compile_has_annotations(&s->u.For.orelse))
                return true;
            break;
        case WK_AST_While:
            if (wk_compile_has_annotations(&s->u.While.body) || wk_compile_has_annotations(&s->u.While.orelse))
                return true;
            break;
        case WK_AST_If:
            if (wk_compile_has_annotations(&s->u.If.body) || wk_compile_has_annotations(&s->u.If.orelse))
                return true;
            break;
        case WK_AST_With: case WK_AST_AsyncWith:
            if (wk_compile_has_annotations(&s->u.With.body)) return true;
            break;
        case WK_AST_Try: case WK_AST_TryStar:
            for (int j = 0; j < s->u.Try.handlers.n; j++)
                if (wk_compile_has_annotations(&s->u.Try.handlers.items[j]->u.ExceptHandler.body))
                    return true;
            if (wk_compile_has_annotations(&s->u.Try.body) || wk_compile_has_annotations(&s->u.Try.finalbody)
                || wk_compile_has_annotations(&s->u.Try.orelse))
                return true;
            break;
        default: break;
        }
    }
    return false;
}

bool wk_compile_body(wk_compiler *c, const wk_ast_list *body)
{
    if (body->n && c->u->scope == WK_CSCOPE_MODULE) wk_compile_set_loc(c, body->items[0]);
    if (wk_compile_has_annotations(body)) ADD(SETUP_ANNOTATIONS, 0);
    const wk_ast *doc = wk_compile_docstring(body);
    if (doc) {
        wk_compile_set_loc(c, body->items[0]);
        if (!wk_compile_expr(c, doc) || !wk_compile_nameop(c, "__doc__", WK_CTX_Store)) return false;
    }
    return wk_compile_stmts(c, body, doc ? 1 : 0);
}

/* ---------------------------------------------------------------- unwinding */

static void call_exit_with_nones(wk_compiler *c)
{
    wk_compile_load_const(c, WK_NONEV);
    ADD(DUP_TOP, 0);
    ADD(DUP_TOP, 0);
    ADD(CALL_FUNCTION, 3);
}

static void clear_handler_name(wk_compiler *c, const char *name)
{
    wk_compile_load_const(c, WK_NONEV);
    wk_compile_nameop(c, name, WK_CTX_Store);
    wk_compile_nameop(c, name, WK_CTX_Del);
}

/* Code leaving one frame block early (CPython 3.10's compiler_unwind_fblock). */
static bool unwind_fblock(wk_compiler *c, const wk_fblock *fb, bool preserve)
{
    switch (fb->type) {
    case WK_FB_WHILE: case WK_FB_EXCEPTION_HANDLER: return true;
    case WK_FB_FOR: case WK_FB_POP_VALUE:
        if (preserve) ADD(ROT_TWO, 0);
        ADD(POP_TOP, 0);
        return true;
    case WK_FB_TRY_EXCEPT: ADD(POP_BLOCK, 0); return true;
    case WK_FB_FINALLY_TRY:
        ADD(POP_BLOCK, 0);
        if (preserve && !wk_compile_push_fblock(c, WK_FB_POP_VALUE, 0, 0, NULL)) return false;
        if (!wk_compile_stmts(c, fb->datum, 0)) return false;
        if (preserve) wk_compile_pop_fblock(c);
        set_noloc(c);
        return true;
    case WK_FB_FINALLY_END:
        if (preserve) ADD(ROT_TWO, 0);
        ADD(POP_TOP, 0);
        ADD(POP_EXCEPT, 0);
        return true;
    case WK_FB_WITH:
        wk_compile_set_loc(c, fb->datum);
        ADD(POP_BLOCK, 0);
        if (preserve) ADD(ROT_TWO, 0);
        call_exit_with_nones(c);
        ADD(POP_TOP, 0);
        set_noloc(c);
        return true;
    case WK_FB_HANDLER_CLEANUP:
        if (fb->datum) ADD(POP_BLOCK, 0);
        ADD(POP_EXCEPT, 0);
        if (fb->datum) clear_handler_name(c, fb->datum);
        return !c->failed;
    }
    return true;
}

/* Unwinds every block down to the innermost loop (if loop is wanted) or all of them. */
static bool unwind_fblock_stack(wk_compiler *c, bool preserve, bool to_loop, wk_fblock *loop)
{
    wk_cunit *u = c->u;
    if (!u->nfblocks) return true;
    wk_fblock top = u->fblocks[u->nfblocks - 1];
    if (to_loop && (top.type == WK_FB_WHILE || top.type == WK_FB_FOR)) {
        *loop = top;
        return true;
    }
    u->nfblocks--;
    bool ok = unwind_fblock(c, &top, preserve) && unwind_fblock_stack(c, preserve, to_loop, loop);
    u->fblocks[u->nfblocks++] = top;
    return ok;
}

static bool in_loop(wk_compiler *c)
{
    for (int i = c->u->nfblocks - 1; i >= 0; i--)
        if (c->u->fblocks[i].type == WK_FB_WHILE || c->u->fblocks[i].type == WK_FB_FOR) return true;
    return false;
}

static bool compile_break_continue(wk_compiler *c, bool brk)
{
    if (!in_loop(c))
        return wk_compile_error(c, brk ? "'break' outside loop" : "'continue' not properly in loop");
    wk_fblock loop;
    if (!unwind_fblock_stack(c, false, true, &loop)) return false;
    if (brk && !unwind_fblock(c, &loop, false)) return false;
    ADD(JUMP, brk ? loop.exit : loop.block);
    return !c->failed;
}

static bool compile_return(wk_compiler *c, const wk_ast *s)
{
    const wk_ast *v = s->u.Return.value;
    if (c->u->ste->type != WK_BLOCK_FUNCTION) return wk_compile_error(c, "'return' outside function");
    bool preserve = v && !wk_compile_is_const(v);
    if (preserve && !wk_compile_expr(c, v)) return false;
    if (!unwind_fblock_stack(c, preserve, false, NULL)) return false;
    if (!v) wk_compile_load_const(c, WK_NONEV);
    else if (!preserve && !wk_compile_expr(c, v)) return false;
    ADD(RETURN_VALUE, 0);
    return !c->failed;
}

/* ---------------------------------------------------------------- loops and if */

static bool is_true_const(const wk_ast *e)
{
    if (e->kind != WK_AST_Constant) return false;
    const wk_const *k = &e->u.Constant.value;
    return (k->type == WK_CONST_BOOL && k->v.b) || (k->type == WK_CONST_INT && !k->too_big && k->v.i);
}

/* As CPython 3.10: the test is repeated at the bottom, so an iteration needs no JUMP. */
static bool compile_while(wk_compiler *c, const wk_ast *s)
{
    int loop = wk_compile_label(c), body = wk_compile_label(c), anchor = wk_compile_label(c);
    int end = wk_compile_label(c);
    bool forever = is_true_const(s->u.While.test);
    wk_compile_bind(c, loop);
    if (!wk_compile_push_fblock(c, WK_FB_WHILE, loop, end, NULL)) return false;
    if (!forever && !wk_compile_jump_if(c, s->u.While.test, anchor, false)) return false;
    wk_compile_bind(c, body);
    if (!wk_compile_stmts(c, &s->u.While.body, 0)) return false;
    wk_compile_set_loc(c, s);
    if (forever) ADD(JUMP, loop);
    else if (!wk_compile_jump_if(c, s->u.While.test, body, true)) return false;
    wk_compile_pop_fblock(c);
    wk_compile_bind(c, anchor);
    if (!wk_compile_stmts(c, &s->u.While.orelse, 0)) return false;
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool compile_for(wk_compiler *c, const wk_ast *s)
{
    if (s->kind == WK_AST_AsyncFor) return wk_compile_error(c, "'async for' is not supported by wick");
    int start = wk_compile_label(c), cleanup = wk_compile_label(c), end = wk_compile_label(c);
    if (!wk_compile_iterable(c, s->u.For.iter)) return false;
    ADD(GET_ITER, 0);
    wk_compile_bind(c, start);
    ADD(FOR_ITER, cleanup);
    if (!wk_compile_push_fblock(c, WK_FB_FOR, start, end, NULL)) return false;
    if (!wk_compile_expr(c, s->u.For.target) || !wk_compile_stmts(c, &s->u.For.body, 0)) return false;
    set_noloc(c);
    ADD(JUMP, start);
    wk_compile_pop_fblock(c);
    wk_compile_bind(c, cleanup);
    if (!wk_compile_stmts(c, &s->u.For.orelse, 0)) return false;
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool compile_if(wk_compiler *c, const wk_ast *s)
{
    int end = wk_compile_label(c), next = s->u.If.orelse.n ? wk_compile_label(c) : end;
    if (!wk_compile_jump_if(c, s->u.If.test, next, false) || !wk_compile_stmts(c, &s->u.If.body, 0))
        return false;
    if (s->u.If.orelse.n) {
        set_noloc(c);
        ADD(JUMP, end);
        wk_compile_bind(c, next);
        if (!wk_compile_stmts(c, &s->u.If.orelse, 0)) return false;
    }
    wk_compile_bind(c, end);
    return !c->failed;
}

/* ---------------------------------------------------------------- try */

static bool named_handler(wk_compiler *c, const wk_ast *h, int end)
{
    const char *name = h->u.ExceptHandler.name;
    int cleanup_end = wk_compile_label(c);
    if (!wk_compile_nameop(c, name, WK_CTX_Store)) return false;
    ADD(SETUP_FINALLY, cleanup_end);
    if (!wk_compile_push_fblock(c, WK_FB_HANDLER_CLEANUP, 0, 0, name)) return false;
    if (!wk_compile_stmts(c, &h->u.ExceptHandler.body, 0)) return false;
    wk_compile_pop_fblock(c);
    set_noloc(c);
    ADD(POP_BLOCK, 0);
    ADD(POP_EXCEPT, 0);
    clear_handler_name(c, name);
    ADD(JUMP, end);
    wk_compile_bind(c, cleanup_end);
    clear_handler_name(c, name);
    ADD(RERAISE, 0);
    return !c->failed;
}

static bool handler(wk_compiler *c, const wk_ast *h, bool last, int end)
{
    wk_compile_set_loc(c, h);
    if (!h->u.ExceptHandler.type && !last) return wk_compile_error(c, "default 'except:' must be last");
    int next = wk_compile_label(c);
    if (h->u.ExceptHandler.type) {
        if (!wk_compile_expr(c, h->u.ExceptHandler.type)) return false;
        ADD(JUMP_IF_NOT_EXC_MATCH, next);
    }
    if (h->u.ExceptHandler.name) {
        if (!named_handler(c, h, end)) return false;
    } else {
        ADD(POP_TOP, 0);
        if (!wk_compile_push_fblock(c, WK_FB_HANDLER_CLEANUP, 0, 0, NULL)) return false;
        if (!wk_compile_stmts(c, &h->u.ExceptHandler.body, 0)) return false;
        wk_compile_pop_fblock(c);
        set_noloc(c);
        ADD(POP_EXCEPT, 0);
        ADD(JUMP, end);
    }
    wk_compile_bind(c, next);
    return !c->failed;
}

static bool try_except(wk_compiler *c, const wk_ast *s)
{
    int except = wk_compile_label(c), orelse = wk_compile_label(c), end = wk_compile_label(c);
    ADD(SETUP_FINALLY, except);
    if (!wk_compile_push_fblock(c, WK_FB_TRY_EXCEPT, 0, 0, NULL)) return false;
    if (!wk_compile_stmts(c, &s->u.Try.body, 0)) return false;
    wk_compile_pop_fblock(c);
    set_noloc(c);
    ADD(POP_BLOCK, 0);
    ADD(JUMP, orelse);
    wk_compile_bind(c, except);
    if (!wk_compile_push_fblock(c, WK_FB_EXCEPTION_HANDLER, 0, 0, NULL)) return false;
    const wk_ast_list *hs = &s->u.Try.handlers;
    for (int i = 0; i < hs->n; i++)
        if (!handler(c, hs->items[i], i == hs->n - 1, end)) return false;
    wk_compile_pop_fblock(c);
    set_noloc(c);
    ADD(RERAISE, 0);
    wk_compile_bind(c, orelse);
    if (!wk_compile_stmts(c, &s->u.Try.orelse, 0)) return false;
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool try_finally(wk_compiler *c, const wk_ast *s)
{
    int end = wk_compile_label(c), exit = wk_compile_label(c);
    const wk_ast_list *fin = &s->u.Try.finalbody;
    ADD(SETUP_FINALLY, end);
    if (!wk_compile_push_fblock(c, WK_FB_FINALLY_TRY, 0, 0, fin)) return false;
    if (s->u.Try.handlers.n ? !try_except(c, s) : !wk_compile_stmts(c, &s->u.Try.body, 0)) return false;
    set_noloc(c);
    ADD(POP_BLOCK, 0);
    wk_compile_pop_fblock(c);
    if (!wk_compile_stmts(c, fin, 0)) return false;
    set_noloc(c);
    ADD(JUMP, exit);
    wk_compile_bind(c, end);
    if (!wk_compile_push_fblock(c, WK_FB_FINALLY_END, 0, 0, NULL)) return false;
    if (!wk_compile_stmts(c, fin, 0)) return false;
    wk_compile_pop_fblock(c);
    set_noloc(c);
    ADD(RERAISE, 0);
    wk_compile_bind(c, exit);
    return !c->failed;
}

/* ---------------------------------------------------------------- with */

static bool compile_with(wk_compiler *c, const wk_ast *s, int pos)
{
    const wk_ast *item = s->u.With.items.items[pos];
    int final = wk_compile_label(c), suppress = wk_compile_label(c), exit = wk_compile_label(c);
    if (!wk_compile_expr(c, item->u.withitem.context_expr)) return false;
    ADD(SETUP_WITH, final);
    if (!wk_compile_push_fblock(c, WK_FB_WITH, 0, final, s)) return false;
    if (item->u.withitem.optional_vars) {
        if (!wk_compile_expr(c, item->u.withitem.optional_vars)) return false;
    } else {
        ADD(POP_TOP, 0);
    }
    if (pos + 1 == s->u.With.items.n ? !wk_compile_stmts(c, &s->u.With.body, 0)
                                     : !compile_with(c, s, pos + 1))
        return false;
    set_noloc(c);
    ADD(POP_BLOCK, 0);
    wk_compile_pop_fblock(c);
    wk_compile_set_loc(c, s);
    call_exit_with_nones(c);
    ADD(POP_TOP, 0);
    ADD(JUMP, exit);
    wk_compile_bind(c, final);
    ADD(WITH_EXCEPT_START, 0);
    ADD(POP_JUMP_IF_TRUE, suppress);
    ADD(RERAISE, 0);
    wk_compile_bind(c, suppress);
    ADD(POP_TOP, 0);
    ADD(POP_EXCEPT, 0);
    ADD(POP_TOP, 0);
    wk_compile_bind(c, exit);
    return !c->failed;
}

/* ---------------------------------------------------------------- assignments */

static bool compile_assign(wk_compiler *c, const wk_ast *s)
{
    const wk_ast_list *t = &s->u.Assign.targets;
    if (!wk_compile_expr(c, s->u.Assign.value)) return false;
    for (int i = 0; i < t->n; i++) {
        if (i < t->n - 1) ADD(DUP_TOP, 0);
        if (!wk_compile_expr(c, t->items[i])) return false;
    }
    return true;
}

static bool augassign_load(wk_compiler *c, const wk_ast *e)
{
    switch (e->kind) {
    case WK_AST_Attribute:
        if (!wk_compile_expr(c, e->u.Attribute.value)) return false;
        ADD(DUP_TOP, 0);
        c->u->loc.lineno = e->end_lineno;
        ADD(LOAD_ATTR, wk_compile_name(c, e->u.Attribute.attr));
        return true;
    case WK_AST_Subscript:
        if (!wk_compile_expr(c, e->u.Subscript.value) || !wk_compile_expr(c, e->u.Subscript.slice))
            return false;
        ADD(DUP_TOP_TWO, 0);
        ADD(BINARY_SUBSCR, 0);
        return true;
    case WK_AST_Name: return wk_compile_nameop(c, e->u.Name.id, WK_CTX_Load);
    default: return wk_compile_error(c, "'%s' is an illegal expression for augmented assignment",
                                     wk_ast_kind_name(e->kind));
    }
}

static bool compile_augassign(wk_compiler *c, const wk_ast *s)
{
    const wk_ast *e = s->u.AugAssign.target;
    wk_codepos stmt = c->u->loc;
    wk_compile_set_loc(c, e);
    if (!augassign_load(c, e)) return false;
    c->u->loc = stmt;
    if (!wk_compile_expr(c, s->u.AugAssign.value)) return false;
    ADD(BINARY_OP, (int)s->u.AugAssign.op | WK_NB_INPLACE);
    wk_compile_set_loc(c, e);
    switch (e->kind) {
    case WK_AST_Attribute:
        c->u->loc.lineno = e->end_lineno;
        ADD(ROT_TWO, 0);
        ADD(STORE_ATTR, wk_compile_name(c, e->u.Attribute.attr));
        break;
    case WK_AST_Subscript:
        ADD(ROT_THREE, 0);
        ADD(STORE_SUBSCR, 0);
        break;
    default: return wk_compile_nameop(c, e->u.Name.id, WK_CTX_Store);
    }
    return !c->failed;
}

static bool eval_and_pop(wk_compiler *c, const wk_ast *e)
{
    if (!wk_compile_expr(c, e)) return false;
    ADD(POP_TOP, 0);
    return true;
}

/* The annotation value to store: evaluated, or its source text under
 * `from __future__ import annotations` (CPython stores the unparsed expression). */
static bool store_annotation(wk_compiler *c, const wk_ast *ann)
{
    if (!c->future_annotations) return wk_compile_expr(c, ann);
    const char *text = wk_compile_source_segment(c, ann);
    wk_compile_load_const(c, wk_compile_cstr(text ? text : "?"));
    return !c->failed;
}

static bool compile_annassign(wk_compiler *c, const wk_ast *s)
{
    const wk_ast *t = s->u.AnnAssign.target, *v = s->u.AnnAssign.value;
    bool ns_scope = c->u->scope == WK_CSCOPE_MODULE || c->u->scope == WK_CSCOPE_CLASS;
    if (v && (!wk_compile_expr(c, v) || !wk_compile_expr(c, t))) return false;
    if (t->kind == WK_AST_Name) {
        if (strcmp(t->u.Name.id, "__debug__") == 0) return wk_compile_error(c, "cannot assign to __debug__");
        if (!s->u.AnnAssign.simple || !ns_scope) return true;
        if (!store_annotation(c, s->u.AnnAssign.annotation)) return false;
        ADD(LOAD_NAME, wk_compile_name(c, "__annotations__"));
        const char *m = wk_compile_mangle(c, t->u.Name.id);
        if (!m) return false;
        wk_compile_load_const(c, wk_compile_cstr(m));
        ADD(STORE_SUBSCR, 0);
        return !c->failed;
    }
    if (!v) {
        if (t->kind == WK_AST_Attribute && !eval_and_pop(c, t->u.Attribute.value)) return false;
        if (t->kind == WK_AST_Subscript
            && (!eval_and_pop(c, t->u.Subscript.value) || !eval_and_pop(c, t->u.Subscript.slice)))
            return false;
    }
    if (!s->u.AnnAssign.simple && ns_scope && !c->future_annotations)
        return eval_and_pop(c, s->u.AnnAssign.annotation);
    return true;
}

/* ---------------------------------------------------------------- imports */

static bool import_as(wk_compiler *c, const char *name, const char *asname)
{
    const char *dot = strchr(name, '.');
    while (dot) {
        const char *next = strchr(dot + 1, '.');
        size_t n = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
        char *attr = wk_arena_strndup(c->arena, dot + 1, n);
        if (!attr) return wk_compile_nomem(c);
        ADD(IMPORT_FROM, wk_compile_name(c, attr));
        if (!next) {
            if (!wk_compile_nameop(c, asname, WK_CTX_Store)) return false;
            ADD(POP_TOP, 0);
            return !c->failed;
        }
        ADD(ROT_TWO, 0);
        ADD(POP_TOP, 0);
        dot = next;
    }
    return wk_compile_nameop(c, asname, WK_CTX_Store);
}

static bool compile_import(wk_compiler *c, const wk_ast *s)
{
    for (int i = 0; i < s->u.Import.names.n; i++) {
        const wk_ast *a = s->u.Import.names.items[i];
        const char *name = a->u.alias.name;
        wk_compile_load_const(c, wk_int(0));
        wk_compile_load_const(c, WK_NONEV);
        ADD(IMPORT_NAME, wk_compile_name(c, name));
        if (a->u.alias.asname) {
            if (!import_as(c, name, a->u.alias.asname)) return false;
            continue;
        }
        const char *dot = strchr(name, '.');
        const char *top = dot ? wk_arena_strndup(c->arena, name, (size_t)(dot - name)) : name;
        if (!top) return wk_compile_nomem(c);
        if (!wk_compile_nameop(c, top, WK_CTX_Store)) return false;
    }
    return !c->failed;
}

static bool compile_import_from(wk_compiler *c, const wk_ast *s)
{
    const wk_ast_list *names = &s->u.ImportFrom.names;
    const char *module = s->u.ImportFrom.module ? s->u.ImportFrom.module : "";
    if (strcmp(module, "__future__") == 0) {
        if (s->lineno > c->future_lineno)
            return wk_compile_error(c, "from __future__ imports must occur at the beginning of the file");
        return true;
    }
    wk_obj *fromlist = wk_tuple_new(names->n);
    if (!fromlist) { c->failed = true; return false; }
    for (int i = 0; i < names->n; i++) {
        wk_value n = wk_compile_cstr(names->items[i]->u.alias.name);
        if (WK_IS_NULL(n)) { wk_obj_decref(fromlist); c->failed = true; return false; }
        wk_tuple_set_steal(fromlist, i, n);
    }
    wk_compile_load_const(c, wk_int(s->u.ImportFrom.level));
    wk_compile_load_const(c, wk_objv(fromlist));
    ADD(IMPORT_NAME, wk_compile_name(c, module));
    for (int i = 0; i < names->n; i++) {
        const wk_ast *a = names->items[i];
        if (i == 0 && a->u.alias.name[0] == '*') {
            ADD(IMPORT_STAR, 0);
            return !c->failed;
        }
        ADD(IMPORT_FROM, wk_compile_name(c, a->u.alias.name));
        const char *store = a->u.alias.asname ? a->u.alias.asname : a->u.alias.name;
        if (!wk_compile_nameop(c, store, WK_CTX_Store)) return false;
    }
    ADD(POP_TOP, 0);
    return !c->failed;
}

/* ---------------------------------------------------------------- simple statements */

static bool compile_expr_stmt(wk_compiler *c, const wk_ast *s)
{
    const wk_ast *v = s->u.Expr.value;
    if (c->interactive && c->nestlevel <= 1) {
        if (!wk_compile_expr(c, v)) return false;
        ADD(PRINT_EXPR, 0);
        return !c->failed;
    }
    if (v->kind == WK_AST_Constant) return true;
    if (!wk_compile_expr(c, v)) return false;
    ADD(POP_TOP, 0);
    return !c->failed;
}

static bool compile_raise(wk_compiler *c, const wk_ast *s)
{
    int n = 0;
    if (s->u.Raise.exc) {
        if (!wk_compile_expr(c, s->u.Raise.exc)) return false;
        n++;
        if (s->u.Raise.cause) {
            if (!wk_compile_expr(c, s->u.Raise.cause)) return false;
            n++;
        }
    }
    ADD(RAISE_VARARGS, n);
    return !c->failed;
}

static bool compile_assert(wk_compiler *c, const wk_ast *s)
{
    int end = wk_compile_label(c);
    if (!wk_compile_jump_if(c, s->u.Assert.test, end, true)) return false;
    ADD(LOAD_ASSERTION_ERROR, 0);
    if (s->u.Assert.msg) {
        if (!wk_compile_expr(c, s->u.Assert.msg)) return false;
        ADD(CALL_FUNCTION, 1);
    }
    ADD(RAISE_VARARGS, 1);
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool compile_stmt1(wk_compiler *c, const wk_ast *s)
{
    switch (s->kind) {
    case WK_AST_FunctionDef: case WK_AST_AsyncFunctionDef: return wk_compile_function_def(c, s);
    case WK_AST_ClassDef: return wk_compile_class_def(c, s);
    case WK_AST_Return: return compile_return(c, s);
    case WK_AST_Delete: return wk_compile_exprs(c, &s->u.Delete.targets);
    case WK_AST_Assign: return compile_assign(c, s);
    case WK_AST_AugAssign: return compile_augassign(c, s);
    case WK_AST_AnnAssign: return compile_annassign(c, s);
    case WK_AST_For: case WK_AST_AsyncFor: return compile_for(c, s);
    case WK_AST_While: return compile_while(c, s);
    case WK_AST_If: return compile_if(c, s);
    case WK_AST_With: return compile_with(c, s, 0);
    case WK_AST_AsyncWith: return wk_compile_error(c, "'async with' is not supported by wick");
    case WK_AST_Raise: return compile_raise(c, s);
    case WK_AST_Try: return s->u.Try.finalbody.n ? try_finally(c, s) : try_except(c, s);
    case WK_AST_TryStar: return wk_compile_error(c, "'except*' is not supported by wick");
    case WK_AST_Assert: return compile_assert(c, s);
    case WK_AST_Import: return compile_import(c, s);
    case WK_AST_ImportFrom: return compile_import_from(c, s);
    case WK_AST_Expr: return compile_expr_stmt(c, s);
    case WK_AST_Break: return compile_break_continue(c, true);
    case WK_AST_Continue: return compile_break_continue(c, false);
    case WK_AST_Global: case WK_AST_Nonlocal: case WK_AST_Pass: return true;
    default: return wk_compile_error(c, "invalid statement node %s", wk_ast_kind_name(s->kind));
    }
}

bool wk_compile_stmt(wk_compiler *c, const wk_ast *s)
{
    wk_compile_set_loc(c, s);
    return compile_stmt1(c, s) && !c->failed;
}
