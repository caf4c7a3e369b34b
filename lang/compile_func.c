/* compile_func.c — code generation for nested code objects: def (defaults, annotations, decorators), lambda, class bodies and comprehensions. */
#include <string.h>
#include "compile.h"

#define ADD(op, arg) wk_compile_op(c, WK_OP_##op, (arg))

const wk_ast *wk_compile_docstring(const wk_ast_list *body)
{
    if (!body->n) return NULL;
    const wk_ast *s = body->items[0];
    if (s->kind != WK_AST_Expr) return NULL;
    const wk_ast *v = s->u.Expr.value;
    return v->kind == WK_AST_Constant && v->u.Constant.value.type == WK_CONST_STR ? v : NULL;
}

/* ---------------------------------------------------------------- arguments */

static bool kwonly_defaults(wk_compiler *c, const wk_ast *a, int *flags)
{
    const wk_ast_list *kw = &a->u.arguments.kwonlyargs, *dv = &a->u.arguments.kw_defaults;
    int n = 0;
    for (int i = 0; i < kw->n; i++) {
        const wk_ast *d = i < dv->n ? dv->items[i] : NULL;
        if (!d) continue;
        if (!wk_compile_expr(c, d)) return false;
        n++;
    }
    if (!n) return true;
    wk_obj *keys = wk_tuple_new(n);
    if (!keys) { c->failed = true; return false; }
    for (int i = 0, k = 0; i < kw->n; i++) {
        if (i >= dv->n || !dv->items[i]) continue;
        const char *m = wk_compile_mangle(c, kw->items[i]->u.arg.arg);
        wk_value s = m ? wk_compile_cstr(m) : WK_NULLV;
        if (WK_IS_NULL(s)) { wk_obj_decref(keys); c->failed = true; return false; }
        wk_tuple_set_steal(keys, k++, s);
    }
    wk_compile_load_const(c, wk_objv(keys));
    ADD(BUILD_CONST_KEY_MAP, n);
    *flags |= 2;
    return !c->failed;
}

static bool default_args(wk_compiler *c, const wk_ast *a, int *flags)
{
    const wk_ast_list *d = &a->u.arguments.defaults;
    if (d->n) {
        if (!wk_compile_exprs(c, d)) return false;
        ADD(BUILD_TUPLE, d->n);
        *flags |= 1;
    }
    return kwonly_defaults(c, a, flags);
}

static bool annotation(wk_compiler *c, const char *id, const wk_ast *ann, int *n)
{
    if (!ann) return true;
    const char *m = wk_compile_mangle(c, id);
    if (!m) return false;
    wk_compile_load_const(c, wk_compile_cstr(m));
    if (!wk_compile_expr(c, ann->kind == WK_AST_Starred ? ann->u.Starred.value : ann)) return false;
    *n += 2;
    return true;
}

static bool arg_annotations(wk_compiler *c, const wk_ast_list *l, int *n)
{
    for (int i = 0; i < l->n; i++)
        if (!annotation(c, l->items[i]->u.arg.arg, l->items[i]->u.arg.annotation, n)) return false;
    return true;
}

/* CPython 3.10's compiler_visit_annotations: a (name, value, ...) tuple, flag 4. */
static bool annotations(wk_compiler *c, const wk_ast *a, const wk_ast *returns, int *flags)
{
    if (c->future_annotations) return true;
    int n = 0;
    const wk_ast *va = a->u.arguments.vararg, *ka = a->u.arguments.kwarg;
    if (!arg_annotations(c, &a->u.arguments.args, &n)
        || !arg_annotations(c, &a->u.arguments.posonlyargs, &n)
        || (va && !annotation(c, va->u.arg.arg, va->u.arg.annotation, &n))
        || !arg_annotations(c, &a->u.arguments.kwonlyargs, &n)
        || (ka && !annotation(c, ka->u.arg.arg, ka->u.arg.annotation, &n))
        || !annotation(c, "return", returns, &n))
        return false;
    if (n) {
        ADD(BUILD_TUPLE, n);
        *flags |= 4;
    }
    return !c->failed;
}

static bool debug_in(wk_compiler *c, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->items[i]->u.arg.arg, "__debug__") == 0)
            return wk_compile_error(c, "cannot assign to __debug__");
    return true;
}

/* CPython's compiler_check_debug_args: no parameter may be called __debug__. */
static bool check_debug_args(wk_compiler *c, const wk_ast *a)
{
    wk_ast_list rest = { 0, NULL };
    wk_ast *one[2];
    if (a->u.arguments.vararg) one[rest.n++] = a->u.arguments.vararg;
    if (a->u.arguments.kwarg) one[rest.n++] = a->u.arguments.kwarg;
    rest.items = one;
    return debug_in(c, &a->u.arguments.posonlyargs) && debug_in(c, &a->u.arguments.args)
        && debug_in(c, &a->u.arguments.kwonlyargs) && debug_in(c, &rest);
}

static void set_argcounts(wk_compiler *c, const wk_ast *a)
{
    c->u->posonlyargcount = a->u.arguments.posonlyargs.n;
    c->u->argcount = a->u.arguments.posonlyargs.n + a->u.arguments.args.n;
    c->u->kwonlyargcount = a->u.arguments.kwonlyargs.n;
}

/* Applies decorators innermost first, each call positioned at its decorator. */
static void apply_decorators(wk_compiler *c, const wk_ast_list *decos)
{
    wk_codepos saved = c->u->loc;
    for (int i = decos->n - 1; i >= 0; i--) {
        wk_compile_set_loc(c, decos->items[i]);
        ADD(CALL_FUNCTION, 1);
    }
    c->u->loc = saved;
}

/* ---------------------------------------------------------------- def */

static bool function_body(wk_compiler *c, const wk_ast *s)
{
    const wk_ast_list *body = &s->u.FunctionDef.body;
    const wk_ast *doc = wk_compile_docstring(body);
    wk_value d = WK_NONEV;
    if (doc && !wk_compile_const_value(c, doc, &d)) return false;
    wk_compile_const(c, d);   /* consts[0]: docstring or None */
    set_argcounts(c, s->u.FunctionDef.args);
    return wk_compile_stmts(c, body, doc ? 1 : 0);
}

bool wk_compile_function_def(wk_compiler *c, const wk_ast *s)
{
    if (s->kind == WK_AST_AsyncFunctionDef)
        return wk_compile_error(c, "async functions are not supported by wick");
    const wk_ast_list *decos = &s->u.FunctionDef.decorator_list;
    if (!check_debug_args(c, s->u.FunctionDef.args) || !wk_compile_exprs(c, decos)) return false;
    int firstlineno = decos->n ? decos->items[0]->lineno : s->lineno, flags = 0;
    if (!default_args(c, s->u.FunctionDef.args, &flags)
        || !annotations(c, s->u.FunctionDef.args, s->u.FunctionDef.returns, &flags))
        return false;
    if (!wk_compile_enter_scope(c, s->u.FunctionDef.name, WK_CSCOPE_FUNCTION, s, firstlineno))
        return false;
    function_body(c, s);
    const char *qualname = c->u->qualname;
    wk_obj *code = wk_compile_exit_scope(c);
    if (!code || !wk_compile_make_closure(c, code, flags, qualname)) return false;
    apply_decorators(c, decos);
    return wk_compile_nameop(c, s->u.FunctionDef.name, WK_CTX_Store);
}

bool wk_compile_lambda(wk_compiler *c, const wk_ast *e)
{
    int flags = 0;
    if (!check_debug_args(c, e->u.Lambda.args) || !default_args(c, e->u.Lambda.args, &flags))
        return false;
    if (!wk_compile_enter_scope(c, "<lambda>", WK_CSCOPE_LAMBDA, e, e->lineno)) return false;
    wk_compile_const(c, WK_NONEV);   /* a lambda has no docstring */
    set_argcounts(c, e->u.Lambda.args);
    if (wk_compile_expr(c, e->u.Lambda.body)) {
        if (c->u->ste->generator) {
            ADD(POP_TOP, 0);
            wk_compile_load_const(c, WK_NONEV);
        }
        ADD(RETURN_VALUE, 0);
    }
    const char *qualname = c->u->qualname;
    wk_obj *code = wk_compile_exit_scope(c);
    return code && wk_compile_make_closure(c, code, flags, qualname);
}

/* ---------------------------------------------------------------- class */

static bool class_body(wk_compiler *c, const wk_ast *s)
{
    c->u->loc = (wk_codepos){ s->lineno, s->lineno, -1, -1 };
    ADD(LOAD_NAME, wk_compile_name(c, "__name__"));
    ADD(STORE_NAME, wk_compile_name(c, "__module__"));
    wk_compile_load_const(c, wk_compile_cstr(c->u->qualname));
    ADD(STORE_NAME, wk_compile_name(c, "__qualname__"));
    if (!wk_compile_body(c, &s->u.ClassDef.body)) return false;
    c->u->loc = (wk_codepos){ -1, -1, -1, -1 };
    if (c->u->ste->needs_class_closure) {
        ADD(LOAD_CLOSURE, wk_compile_strtab_find(&c->u->cellvars, "__class__", 9));
        ADD(DUP_TOP, 0);
        ADD(STORE_NAME, wk_compile_name(c, "__classcell__"));
    } else {
        wk_compile_load_const(c, WK_NONEV);
    }
    ADD(RETURN_VALUE, 0);
    return !c->failed;
}

bool wk_compile_class_def(wk_compiler *c, const wk_ast *s)
{
    const wk_ast_list *decos = &s->u.ClassDef.decorator_list;
    if (!wk_compile_exprs(c, decos)) return false;
    int firstlineno = decos->n ? decos->items[0]->lineno : s->lineno;
    if (!wk_compile_enter_scope(c, s->u.ClassDef.name, WK_CSCOPE_CLASS, s, firstlineno)) return false;
    c->u->private_name = s->u.ClassDef.name;
    class_body(c, s);
    const char *qualname = c->u->qualname;
    wk_obj *code = wk_compile_exit_scope(c);
    if (!code) return false;
    ADD(LOAD_BUILD_CLASS, 0);
    if (!wk_compile_make_closure(c, code, 0, qualname)) return false;
    wk_compile_load_const(c, wk_compile_cstr(s->u.ClassDef.name));
    if (!wk_compile_call_helper(c, 2, &s->u.ClassDef.bases, &s->u.ClassDef.keywords)) return false;
    apply_decorators(c, decos);
    return wk_compile_nameop(c, s->u.ClassDef.name, WK_CTX_Store);
}

/* ---------------------------------------------------------------- comprehensions */

typedef struct {
    wk_comp_kind kind;
    const wk_ast_list *gens;
    const wk_ast *elt, *val;
} comp_info;

static bool comp_element(wk_compiler *c, const comp_info *ci, int depth)
{
    if (!wk_compile_expr(c, ci->elt)) return false;
    switch (ci->kind) {
    case WK_COMP_GEN: ADD(YIELD_VALUE, 0); ADD(POP_TOP, 0); break;
    case WK_COMP_LIST: ADD(LIST_APPEND, depth + 1); break;
    case WK_COMP_SET: ADD(SET_ADD, depth + 1); break;
    default:
        if (!wk_compile_expr(c, ci->val)) return false;
        ADD(MAP_ADD, depth + 1);
        break;
    }
    return !c->failed;
}

/* CPython's compiler_sync_comprehension_generator. */
static bool comp_generator(wk_compiler *c, const comp_info *ci, int index, int depth)
{
    const wk_ast *g = ci->gens->items[index];
    int start = wk_compile_label(c), cleanup = wk_compile_label(c), anchor = wk_compile_label(c);
    if (index == 0) {
        ADD(LOAD_FAST, 0);
    } else {
        if (!wk_compile_iterable(c, g->u.comprehension.iter)) return false;
        ADD(GET_ITER, 0);
    }
    depth++;
    wk_compile_bind(c, start);
    ADD(FOR_ITER, anchor);
    if (!wk_compile_expr(c, g->u.comprehension.target)) return false;
    for (int i = 0; i < g->u.comprehension.ifs.n; i++)
        if (!wk_compile_jump_if(c, g->u.comprehension.ifs.items[i], cleanup, false)) return false;
    if (index + 1 < ci->gens->n) {
        if (!comp_generator(c, ci, index + 1, depth)) return false;
    } else if (!comp_element(c, ci, depth)) {
        return false;
    }
    wk_compile_bind(c, cleanup);
    ADD(JUMP, start);
    wk_compile_bind(c, anchor);
    return !c->failed;
}

static comp_info comp_of(const wk_ast *e)
{
    switch (e->kind) {
    case WK_AST_ListComp: return (comp_info){ WK_COMP_LIST, &e->u.ListComp.generators, e->u.ListComp.elt, NULL };
    case WK_AST_SetComp: return (comp_info){ WK_COMP_SET, &e->u.SetComp.generators, e->u.SetComp.elt, NULL };
    case WK_AST_DictComp:
        return (comp_info){ WK_COMP_DICT, &e->u.DictComp.generators, e->u.DictComp.key, e->u.DictComp.value };
    default:
        return (comp_info){ WK_COMP_GEN, &e->u.GeneratorExp.generators, e->u.GeneratorExp.elt, NULL };
    }
}

bool wk_compile_comprehension(wk_compiler *c, const wk_ast *e)
{
    static const char *const names[] = { "", "<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>" };
    static const wk_opcode builds[] = { WK_OP_NOP, WK_OP_BUILD_LIST, WK_OP_BUILD_SET, WK_OP_BUILD_MAP };
    comp_info ci = comp_of(e);
    const wk_ast *outer = ci.gens->items[0];
    if (outer->u.comprehension.is_async)
        return wk_compile_error(c, "asynchronous comprehension outside of an asynchronous function");
    if (!wk_compile_enter_scope(c, names[ci.kind], WK_CSCOPE_COMPREHENSION, e, e->lineno)) return false;
    wk_compile_set_loc(c, e);
    c->u->argcount = 1;
    if (ci.kind != WK_COMP_GEN) wk_compile_op(c, builds[ci.kind], 0);
    if (comp_generator(c, &ci, 0, 0) && ci.kind != WK_COMP_GEN) ADD(RETURN_VALUE, 0);
    const char *qualname = c->u->qualname;
    wk_obj *code = wk_compile_exit_scope(c);
    if (!code || !wk_compile_make_closure(c, code, 0, qualname)) return false;
    if (!wk_compile_iterable(c, outer->u.comprehension.iter)) return false;
    ADD(GET_ITER, 0);
    ADD(CALL_FUNCTION, 1);
    return !c->failed;
}
