/* compile_expr.c — code generation for expressions: names, constants, operators, displays, calls, f-strings, conditions, unpacking targets. */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "compile.h"

#define ADD(op, arg) wk_compile_op(c, WK_OP_##op, (arg))

/* BINARY_OP's argument is the AST operator itself. */
_Static_assert((int)WK_OP_Add == (int)WK_NB_ADD && (int)WK_OP_MatMult == (int)WK_NB_MATMUL
               && (int)WK_OP_Div == (int)WK_NB_TRUEDIV && (int)WK_OP_BitOr == (int)WK_NB_OR
               && (int)WK_OP_BitAnd == (int)WK_NB_AND && (int)WK_OP_FloorDiv == (int)WK_NB_FLOORDIV,
               "ast operators and wk_nb_op must share their order");

/* ---------------------------------------------------------------- names */

typedef enum { OPT_NAME, OPT_FAST, OPT_GLOBAL, OPT_DEREF } optype;

static const wk_opcode NAME_OPS[4][3] = {
    { WK_OP_LOAD_NAME, WK_OP_STORE_NAME, WK_OP_DELETE_NAME },
    { WK_OP_LOAD_FAST, WK_OP_STORE_FAST, WK_OP_DELETE_FAST },
    { WK_OP_LOAD_GLOBAL, WK_OP_STORE_GLOBAL, WK_OP_DELETE_GLOBAL },
    { WK_OP_LOAD_DEREF, WK_OP_STORE_DEREF, WK_OP_DELETE_DEREF },
};

bool wk_compile_nameop(wk_compiler *c, const char *name, wk_expr_ctx ctx)
{
    wk_cunit *u = c->u;
    if (strcmp(name, "__debug__") == 0) {
        if (ctx == WK_CTX_Store) return wk_compile_error(c, "cannot assign to __debug__");
        if (ctx == WK_CTX_Del) return wk_compile_error(c, "cannot delete __debug__");
        wk_compile_load_const(c, WK_TRUEV);
        return true;
    }
    const char *m = wk_compile_mangle(c, name);
    if (!m) return false;
    bool fn = u->ste->type == WK_BLOCK_FUNCTION;
    optype t = OPT_NAME;
    wk_strtab *tab = NULL;
    switch (wk_symtable_scope(u->ste, m)) {
    case WK_SCOPE_FREE: t = OPT_DEREF; tab = &u->freevars; break;
    case WK_SCOPE_CELL: t = OPT_DEREF; tab = &u->cellvars; break;
    case WK_SCOPE_LOCAL: if (fn) t = OPT_FAST; break;
    case WK_SCOPE_GLOBAL_IMPLICIT: if (fn) t = OPT_GLOBAL; break;
    case WK_SCOPE_GLOBAL_EXPLICIT: t = OPT_GLOBAL; break;
    default: break;
    }
    wk_opcode op = NAME_OPS[t][ctx];
    int arg;
    if (t == OPT_DEREF) {
        if (ctx == WK_CTX_Load && u->ste->type == WK_BLOCK_CLASS) op = WK_OP_LOAD_CLASSDEREF;
        arg = wk_compile_strtab_add(c, tab, m, strlen(m));
        if (tab == &u->freevars) arg += u->cellvars.n;
    } else if (t == OPT_FAST) {
        arg = wk_compile_strtab_add(c, &u->varnames, m, strlen(m));
    } else {
        arg = wk_compile_strtab_add(c, &u->names, m, strlen(m));
    }
    wk_compile_op(c, op, arg < 0 ? 0 : arg);
    return !c->failed;
}

/* ---------------------------------------------------------------- constants */

bool wk_compile_const_value(wk_compiler *c, const wk_ast *e, wk_value *out)
{
    const wk_const *k = &e->u.Constant.value;
    switch (k->type) {
    case WK_CONST_NONE: *out = WK_NONEV; break;
    case WK_CONST_BOOL: *out = wk_bool(k->v.b); break;
    case WK_CONST_INT: *out = wk_int(k->v.i); break;
    case WK_CONST_FLOAT: *out = wk_float(k->v.f); break;
    case WK_CONST_STR: *out = wk_str_new(k->v.s.data, k->v.s.len); break;
    case WK_CONST_BYTES: *out = wk_bytes_new(k->v.s.data, k->v.s.len); break;
    case WK_CONST_ELLIPSIS: *out = wk_ellipsis(); break;
    default: *out = WK_NULLV; break;
    }
    if (WK_IS_NULL(*out)) { c->failed = true; return false; }
    return true;
}

bool wk_compile_is_const(const wk_ast *e)
{
    if (e->kind != WK_AST_Constant) return false;
    const wk_const *k = &e->u.Constant.value;
    return k->type != WK_CONST_IMAG && !(k->type == WK_CONST_INT && k->too_big);
}

/* Code raising exc_type(msg) at run time (for literals wick cannot represent). */
static bool emit_raise(wk_compiler *c, wk_type *exc_type, const char *msg)
{
    wk_obj_incref(&exc_type->ob);
    wk_compile_load_const(c, wk_objv(&exc_type->ob));
    wk_compile_load_const(c, wk_compile_cstr(msg));
    ADD(CALL_FUNCTION, 1);
    ADD(RAISE_VARARGS, 1);
    return !c->failed;
}

static bool compile_constant(wk_compiler *c, const wk_ast *e)
{
    const wk_const *k = &e->u.Constant.value;
    if (k->type == WK_CONST_INT && k->too_big)
        return emit_raise(c, wk_exc_OverflowError, "int too large to convert");
    if (k->type == WK_CONST_IMAG)
        return emit_raise(c, wk_exc_NotImplementedError, "complex numbers are not supported");
    wk_value v;
    if (!wk_compile_const_value(c, e, &v)) return false;
    wk_compile_load_const(c, v);
    return !c->failed;
}

/* ---------------------------------------------------------------- folding */

/* CPython folds constant integer expressions at compile time, so `2 ** 63 - 1` is an
 * ordinary int there although 2 ** 63 is not a 64-bit int. We fold int-only trees whose
 * intermediate values fit 127 bits and whose result fits 64 bits; anything else (division
 * by zero, negative shifts and powers, overflow) is left to raise at run time. */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;
#define I128_MAX ((i128)(((u128)1 << 127) - 1))

static bool parse_big_literal(const char *t, i128 *out)
{
    int base = 10;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) { base = 16; t += 2; }
    else if (t[0] == '0' && (t[1] == 'o' || t[1] == 'O')) { base = 8; t += 2; }
    else if (t[0] == '0' && (t[1] == 'b' || t[1] == 'B')) { base = 2; t += 2; }
    i128 v = 0;
    for (; *t; t++) {
        if (*t == '_') continue;
        int d = *t >= '0' && *t <= '9' ? *t - '0' : *t >= 'a' && *t <= 'f' ? *t - 'a' + 10
              : *t >= 'A' && *t <= 'F' ? *t - 'A' + 10 : 99;
        if (d >= base || v > (I128_MAX - d) / base) return false;
        v = v * base + d;
    }
    *out = v;
    return true;
}

static bool mul_ok(i128 a, i128 b, i128 *r)
{
    u128 ua = a < 0 ? -(u128)a : (u128)a;
    u128 ub = b < 0 ? -(u128)b : (u128)b;
    if (ua && ub > (u128)I128_MAX / ua) return false;
    *r = a * b;
    return true;
}

static bool fold_binop(wk_ast_binop op, i128 a, i128 b, i128 *r)
{
    const i128 lim = I128_MAX / 4;
    switch (op) {
    case WK_OP_Add: *r = a + b; break;
    case WK_OP_Sub: *r = a - b; break;
    case WK_OP_Mult: if (!mul_ok(a, b, r)) return false; break;
    case WK_OP_FloorDiv: case WK_OP_Mod: {
        if (b == 0) return false;
        i128 q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) { q--; m += b; }
        *r = op == WK_OP_Mod ? m : q;
        break;
    }
    case WK_OP_Pow:
        if (b < 0) return false;
        if (a == 0 || a == 1) { *r = a == 1 || b == 0; break; }
        if (a == -1) { *r = (b & 1) ? -1 : 1; break; }
        *r = 1;
        for (i128 i = 0; i < b; i++)   /* |a| >= 2: at most 127 rounds */
            if (!mul_ok(*r, a, r)) return false;
        break;
    case WK_OP_LShift:
        if (b < 0 || b > 126 || (a && (a > (lim >> b) || a < -(lim >> b)))) return false;
        *r = a * ((i128)1 << b);
        break;
    case WK_OP_RShift: if (b < 0) return false; *r = b > 126 ? (a < 0 ? -1 : 0) : a >> b; break;
    case WK_OP_BitAnd: *r = a & b; break;
    case WK_OP_BitOr: *r = a | b; break;
    case WK_OP_BitXor: *r = a ^ b; break;
    default: return false;
    }
    return *r <= lim && *r >= -lim;
}

static bool fold_int(const wk_ast *e, i128 *out, int depth)
{
    if (depth > 50) return false;
    switch (e->kind) {
    case WK_AST_Constant: {
        const wk_const *k = &e->u.Constant.value;
        if (k->type != WK_CONST_INT) return false;
        if (!k->too_big) { *out = k->v.i; return true; }
        return k->text && parse_big_literal(k->text, out) && *out <= I128_MAX / 4;
    }
    case WK_AST_UnaryOp: {
        i128 v;
        if (e->u.UnaryOp.op == WK_UOP_Not || !fold_int(e->u.UnaryOp.operand, &v, depth + 1)) return false;
        *out = e->u.UnaryOp.op == WK_UOP_USub ? -v : e->u.UnaryOp.op == WK_UOP_Invert ? ~v : v;
        return true;
    }
    case WK_AST_BinOp: {
        i128 a, b;
        return fold_int(e->u.BinOp.left, &a, depth + 1) && fold_int(e->u.BinOp.right, &b, depth + 1)
            && fold_binop(e->u.BinOp.op, a, b, out);
    }
    default: return false;
    }
}

/* Loads the folded value of an int-only expression; false when it does not fold. */
static bool try_fold(wk_compiler *c, const wk_ast *e)
{
    i128 v;
    if (!fold_int(e, &v, 0) || v > INT64_MAX || v < INT64_MIN) return false;
    wk_compile_load_const(c, wk_int((int64_t)v));
    return true;
}

/* The constant CPython's AST optimizer makes of e (literals, folded ints and negated
 * floats, tuples of those), as a new value; WK_NULL (no exception) when there is none. */
static wk_value fold_const(wk_compiler *c, const wk_ast *e, int depth)
{
    i128 v;
    if (depth > 20) return WK_NULLV;
    if (wk_compile_is_const(e)) {
        wk_value r;
        return wk_compile_const_value(c, e, &r) ? r : WK_NULLV;
    }
    if (e->kind == WK_AST_UnaryOp && e->u.UnaryOp.op == WK_UOP_USub
        && e->u.UnaryOp.operand->kind == WK_AST_Constant
        && e->u.UnaryOp.operand->u.Constant.value.type == WK_CONST_FLOAT)
        return wk_float(-e->u.UnaryOp.operand->u.Constant.value.v.f);
    if ((e->kind == WK_AST_UnaryOp || e->kind == WK_AST_BinOp) && fold_int(e, &v, 0)
        && v <= INT64_MAX && v >= INT64_MIN)
        return wk_int((int64_t)v);
    const wk_ast_list *elts = e->kind == WK_AST_Tuple ? &e->u.Tuple.elts : NULL;
    if (!elts || e->u.Tuple.ctx != WK_CTX_Load) return WK_NULLV;
    wk_obj *t = wk_tuple_new(elts->n);
    if (!t) { c->failed = true; return WK_NULLV; }
    for (int i = 0; i < elts->n; i++) {
        wk_value x = fold_const(c, elts->items[i], depth + 1);
        if (WK_IS_NULL(x)) { wk_obj_decref(t); return WK_NULLV; }
        wk_tuple_set_steal(t, i, x);
    }
    return wk_objv(t);
}

static bool try_fold_tuple(wk_compiler *c, const wk_ast *e)
{
    if (e->kind != WK_AST_Tuple || e->u.Tuple.ctx != WK_CTX_Load) return false;
    wk_value v = fold_const(c, e, 0);
    if (WK_IS_NULL(v)) return false;
    wk_compile_load_const(c, v);
    return true;
}

/* CPython's fold_iter: `x in [1, 2]` and `for x in [1, 2]` iterate a constant tuple. */
static bool try_fold_iter(wk_compiler *c, const wk_ast *e)
{
    if (e->kind != WK_AST_List || e->u.List.ctx != WK_CTX_Load) return false;
    const wk_ast_list *elts = &e->u.List.elts;
    wk_obj *t = wk_tuple_new(elts->n);
    if (!t) { c->failed = true; return false; }
    for (int i = 0; i < elts->n; i++) {
        wk_value x = fold_const(c, elts->items[i], 1);
        if (WK_IS_NULL(x)) { wk_obj_decref(t); return false; }
        wk_tuple_set_steal(t, i, x);
    }
    wk_codepos saved = c->u->loc;
    wk_compile_set_loc(c, e);
    wk_compile_load_const(c, wk_objv(t));
    c->u->loc = saved;
    return true;
}

bool wk_compile_iterable(wk_compiler *c, const wk_ast *e)
{
    return try_fold_iter(c, e) || (!c->failed && wk_compile_expr(c, e));
}

/* ---------------------------------------------------------------- helpers */

bool wk_compile_exprs(wk_compiler *c, const wk_ast_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (!wk_compile_expr(c, l->items[i])) return false;
    return true;
}

/* Loads a tuple of C strings as one constant. */
static bool load_str_tuple(wk_compiler *c, const char *const *strs, int n)
{
    wk_obj *t = wk_tuple_new(n);
    if (!t) { c->failed = true; return false; }
    for (int i = 0; i < n; i++) {
        wk_value s = wk_compile_cstr(strs[i]);
        if (WK_IS_NULL(s)) { wk_obj_decref(t); c->failed = true; return false; }
        wk_tuple_set_steal(t, i, s);
    }
    wk_compile_load_const(c, wk_objv(t));
    return !c->failed;
}

/* CPython 3.11's update_start_location_to_match_attr. */
static void loc_to_attr(wk_compiler *c, const wk_ast *attr)
{
    wk_codepos *p = &c->u->loc;
    if (p->lineno == attr->end_lineno) return;
    p->lineno = attr->end_lineno;
    int len = (int)strlen(attr->u.Attribute.attr);
    if (len <= attr->end_col_offset) p->col = attr->end_col_offset - len;
    else p->col = p->end_col = -1;
    if (p->end_lineno < p->lineno) p->end_lineno = p->lineno;
    if (p->lineno == p->end_lineno && p->end_col < p->col) p->end_col = p->col;
}

/* ---------------------------------------------------------------- displays */

typedef struct { wk_opcode build, add, extend; bool tuple; } seqops;
static const seqops LIST_OPS = { WK_OP_BUILD_LIST, WK_OP_LIST_APPEND, WK_OP_LIST_EXTEND, false };
static const seqops TUPLE_OPS = { WK_OP_BUILD_LIST, WK_OP_LIST_APPEND, WK_OP_LIST_EXTEND, true };
static const seqops SET_OPS = { WK_OP_BUILD_SET, WK_OP_SET_ADD, WK_OP_SET_UPDATE, false };

/* CPython's starunpack_helper: `pushed` items are already on the stack. */
static bool starunpack(wk_compiler *c, const wk_ast_list *elts, int pushed, const seqops *o)
{
    int n = elts->n;
    bool big = n + pushed > WK_STACK_USE_GUIDELINE, star = false;
    for (int i = 0; i < n; i++) star |= elts->items[i]->kind == WK_AST_Starred;
    if (!star && !big) {
        if (!wk_compile_exprs(c, elts)) return false;
        wk_compile_op(c, o->tuple ? WK_OP_BUILD_TUPLE : o->build, n + pushed);
        return !c->failed;
    }
    bool built = false;
    if (big) { wk_compile_op(c, o->build, pushed); built = true; }
    for (int i = 0; i < n; i++) {
        const wk_ast *e = elts->items[i];
        if (e->kind == WK_AST_Starred) {
            if (!built) { wk_compile_op(c, o->build, i + pushed); built = true; }
            if (!wk_compile_expr(c, e->u.Starred.value)) return false;
            wk_compile_op(c, o->extend, 1);
        } else {
            if (!wk_compile_expr(c, e)) return false;
            if (built) wk_compile_op(c, o->add, 1);
        }
    }
    if (o->tuple) ADD(LIST_TO_TUPLE, 0);
    return !c->failed;
}

static bool const_keys_tuple(wk_compiler *c, const wk_ast_list *keys, int begin, int end)
{
    wk_obj *t = wk_tuple_new(end - begin);
    if (!t) { c->failed = true; return false; }
    for (int i = begin; i < end; i++) {
        wk_value v;
        if (!wk_compile_const_value(c, keys->items[i], &v)) { wk_obj_decref(t); return false; }
        wk_tuple_set_steal(t, i - begin, v);
    }
    wk_compile_load_const(c, wk_objv(t));
    return !c->failed;
}

static bool compile_subdict(wk_compiler *c, const wk_ast *e, int begin, int end)
{
    const wk_ast_list *keys = &e->u.Dict.keys, *vals = &e->u.Dict.values;
    int n = end - begin;
    bool big = n * 2 > WK_STACK_USE_GUIDELINE, allconst = n > 1 && !big;
    for (int i = begin; allconst && i < end; i++) allconst = wk_compile_is_const(keys->items[i]);
    if (allconst) {
        for (int i = begin; i < end; i++)
            if (!wk_compile_expr(c, vals->items[i])) return false;
        if (!const_keys_tuple(c, keys, begin, end)) return false;
        ADD(BUILD_CONST_KEY_MAP, n);
        return !c->failed;
    }
    if (big) ADD(BUILD_MAP, 0);
    for (int i = begin; i < end; i++) {
        if (!wk_compile_expr(c, keys->items[i]) || !wk_compile_expr(c, vals->items[i])) return false;
        if (big) ADD(MAP_ADD, 1);
    }
    if (!big) ADD(BUILD_MAP, n);
    return !c->failed;
}

static bool flush_subdict(wk_compiler *c, const wk_ast *e, int begin, int end, bool *have)
{
    if (!compile_subdict(c, e, begin, end)) return false;
    if (*have) ADD(DICT_UPDATE, 1);
    *have = true;
    return true;
}

static bool compile_dict(wk_compiler *c, const wk_ast *e)
{
    int n = e->u.Dict.values.n, elements = 0;
    bool have = false;
    for (int i = 0; i < n; i++) {
        if (!e->u.Dict.keys.items[i]) {
            if (elements && !flush_subdict(c, e, i - elements, i, &have)) return false;
            elements = 0;
            if (!have) { ADD(BUILD_MAP, 0); have = true; }
            if (!wk_compile_expr(c, e->u.Dict.values.items[i])) return false;
            ADD(DICT_UPDATE, 1);
        } else if (elements * 2 > WK_STACK_USE_GUIDELINE) {
            if (!flush_subdict(c, e, i - elements, i + 1, &have)) return false;
            elements = 0;
        } else {
            elements++;
        }
    }
    if (elements && !flush_subdict(c, e, n - elements, n, &have)) return false;
    if (!have) ADD(BUILD_MAP, 0);
    return !c->failed;
}

/* ---------------------------------------------------------------- calls */

static bool validate_keywords(wk_compiler *c, const wk_ast_list *kws)
{
    for (int i = 0; i < kws->n; i++) {
        const char *a = kws->items[i]->u.keyword.arg;
        if (!a) continue;
        if (strcmp(a, "__debug__") == 0) return wk_compile_error(c, "cannot assign to __debug__");
        for (int j = i + 1; j < kws->n; j++) {
            const char *b = kws->items[j]->u.keyword.arg;
            if (b && strcmp(a, b) == 0) {
                wk_compile_set_loc(c, kws->items[j]);
                return wk_compile_error(c, "keyword argument repeated: %s", a);
            }
        }
    }
    return true;
}

static bool kw_names(wk_compiler *c, const wk_ast_list *kws, int begin, int end)
{
    const char *names[WK_STACK_USE_GUIDELINE + 1];
    const char **v = end - begin <= WK_STACK_USE_GUIDELINE ? names
                   : wk_arena_alloc(c->arena, (size_t)(end - begin) * sizeof(char *));
    if (!v) return wk_compile_nomem(c);
    for (int i = begin; i < end; i++) v[i - begin] = kws->items[i]->u.keyword.arg;
    return load_str_tuple(c, v, end - begin);
}

/* CPython's compiler_subkwargs: keyword arguments begin..end as one dict. */
static bool subkwargs(wk_compiler *c, const wk_ast_list *kws, int begin, int end)
{
    int n = end - begin;
    bool big = n * 2 > WK_STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        for (int i = begin; i < end; i++)
            if (!wk_compile_expr(c, kws->items[i]->u.keyword.value)) return false;
        if (!kw_names(c, kws, begin, end)) return false;
        ADD(BUILD_CONST_KEY_MAP, n);
        return !c->failed;
    }
    if (big) ADD(BUILD_MAP, 0);
    for (int i = begin; i < end; i++) {
        wk_compile_load_const(c, wk_compile_cstr(kws->items[i]->u.keyword.arg));
        if (!wk_compile_expr(c, kws->items[i]->u.keyword.value)) return false;
        if (big) ADD(MAP_ADD, 1);
    }
    if (!big) ADD(BUILD_MAP, n);
    return !c->failed;
}

static bool ex_call_kwargs(wk_compiler *c, const wk_ast_list *kws)
{
    bool have = false;
    int nseen = 0;
    for (int i = 0; i < kws->n; i++) {
        const wk_ast *kw = kws->items[i];
        if (kw->u.keyword.arg) { nseen++; continue; }
        if (nseen) {
            if (!subkwargs(c, kws, i - nseen, i)) return false;
            if (have) ADD(DICT_MERGE, 1);
            have = true;
            nseen = 0;
        }
        if (!have) { ADD(BUILD_MAP, 0); have = true; }
        if (!wk_compile_expr(c, kw->u.keyword.value)) return false;
        ADD(DICT_MERGE, 1);
    }
    if (nseen) {
        if (!subkwargs(c, kws, kws->n - nseen, kws->n)) return false;
        if (have) ADD(DICT_MERGE, 1);
    }
    return !c->failed;
}

bool wk_compile_call_helper(wk_compiler *c, int n, const wk_ast_list *args, const wk_ast_list *kws)
{
    if (!validate_keywords(c, kws)) return false;
    bool ex = args->n + kws->n * 2 > WK_STACK_USE_GUIDELINE;
    for (int i = 0; i < args->n; i++) ex |= args->items[i]->kind == WK_AST_Starred;
    for (int i = 0; i < kws->n; i++) ex |= kws->items[i]->u.keyword.arg == NULL;
    if (ex) {
        if (!starunpack(c, args, n, &TUPLE_OPS)) return false;
        if (kws->n && !ex_call_kwargs(c, kws)) return false;
        ADD(CALL_FUNCTION_EX, kws->n > 0);
        return !c->failed;
    }
    if (!wk_compile_exprs(c, args)) return false;
    for (int i = 0; i < kws->n; i++)
        if (!wk_compile_expr(c, kws->items[i]->u.keyword.value)) return false;
    if (kws->n) {
        if (!kw_names(c, kws, 0, kws->n)) return false;
        ADD(CALL_FUNCTION_KW, n + args->n + kws->n);
    } else {
        ADD(CALL_FUNCTION, n + args->n);
    }
    return !c->failed;
}

/* obj.meth(args) as LOAD_METHOD/CALL_METHOD when there are no keywords or stars. */
static int method_call(wk_compiler *c, const wk_ast *e)
{
    const wk_ast *meth = e->u.Call.func;
    const wk_ast_list *args = &e->u.Call.args;
    if (meth->kind != WK_AST_Attribute || meth->u.Attribute.ctx != WK_CTX_Load
        || e->u.Call.keywords.n || args->n >= WK_STACK_USE_GUIDELINE)
        return -1;
    for (int i = 0; i < args->n; i++)
        if (args->items[i]->kind == WK_AST_Starred) return -1;
    if (!wk_compile_expr(c, meth->u.Attribute.value)) return 0;
    wk_codepos saved = c->u->loc;
    wk_compile_set_loc(c, meth);
    loc_to_attr(c, meth);
    ADD(LOAD_METHOD, wk_compile_name(c, meth->u.Attribute.attr));
    c->u->loc = saved;
    if (!wk_compile_exprs(c, args)) return 0;
    loc_to_attr(c, meth);
    ADD(CALL_METHOD, args->n);
    return !c->failed;
}

static bool compile_call(wk_compiler *c, const wk_ast *e)
{
    if (!validate_keywords(c, &e->u.Call.keywords)) return false;
    int r = method_call(c, e);
    if (r >= 0) return r;
    return wk_compile_expr(c, e->u.Call.func)
        && wk_compile_call_helper(c, 0, &e->u.Call.args, &e->u.Call.keywords);
}

/* ---------------------------------------------------------------- operators */

static void compare_op(wk_compiler *c, wk_cmpop op)
{
    static const wk_cmp_op rich[] = { WK_EQ, WK_NE, WK_LT, WK_LE, WK_GT, WK_GE };
    switch (op) {
    case WK_CMP_Is: ADD(IS_OP, 0); break;
    case WK_CMP_IsNot: ADD(IS_OP, 1); break;
    case WK_CMP_In: ADD(CONTAINS_OP, 0); break;
    case WK_CMP_NotIn: ADD(CONTAINS_OP, 1); break;
    default: ADD(COMPARE_OP, rich[op]); break;
    }
}

static bool comparator(wk_compiler *c, const wk_ast *e, int i)
{
    wk_cmpop op = e->u.Compare.ops.items[i];
    const wk_ast *x = e->u.Compare.comparators.items[i];
    if (op == WK_CMP_In || op == WK_CMP_NotIn) return wk_compile_iterable(c, x);
    return wk_compile_expr(c, x);
}

/* Comparison (chained: every link jumps to cleanup when false). */
static bool compare_chain(wk_compiler *c, const wk_ast *e, wk_opcode jump, int cleanup)
{
    int n = e->u.Compare.ops.n - 1;
    if (!wk_compile_expr(c, e->u.Compare.left)) return false;
    for (int i = 0; i < n; i++) {
        if (!comparator(c, e, i)) return false;
        ADD(DUP_TOP, 0);
        ADD(ROT_THREE, 0);
        compare_op(c, e->u.Compare.ops.items[i]);
        wk_compile_op(c, jump, cleanup);
    }
    if (!comparator(c, e, n)) return false;
    compare_op(c, e->u.Compare.ops.items[n]);
    return !c->failed;
}

static bool compile_compare(wk_compiler *c, const wk_ast *e)
{
    if (e->u.Compare.ops.n == 1) return compare_chain(c, e, WK_OP_NOP, 0);
    int cleanup = wk_compile_label(c), end = wk_compile_label(c);
    if (!compare_chain(c, e, WK_OP_JUMP_IF_FALSE_OR_POP, cleanup)) return false;
    ADD(JUMP, end);
    wk_compile_bind(c, cleanup);
    ADD(ROT_TWO, 0);
    ADD(POP_TOP, 0);
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool compile_boolop(wk_compiler *c, const wk_ast *e)
{
    int end = wk_compile_label(c), n = e->u.BoolOp.values.n;
    wk_opcode j = e->u.BoolOp.op == WK_BOOL_And ? WK_OP_JUMP_IF_FALSE_OR_POP : WK_OP_JUMP_IF_TRUE_OR_POP;
    for (int i = 0; i < n - 1; i++) {
        if (!wk_compile_expr(c, e->u.BoolOp.values.items[i])) return false;
        wk_compile_op(c, j, end);
    }
    if (!wk_compile_expr(c, e->u.BoolOp.values.items[n - 1])) return false;
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool jump_if_boolop(wk_compiler *c, const wk_ast *e, int label, bool cond)
{
    const wk_ast_list *v = &e->u.BoolOp.values;
    bool cond2 = e->u.BoolOp.op == WK_BOOL_Or;
    int next2 = cond2 != cond ? wk_compile_label(c) : label;
    for (int i = 0; i < v->n - 1; i++)
        if (!wk_compile_jump_if(c, v->items[i], next2, cond2)) return false;
    if (!wk_compile_jump_if(c, v->items[v->n - 1], label, cond)) return false;
    if (next2 != label) wk_compile_bind(c, next2);
    return true;
}

static bool jump_if_compare(wk_compiler *c, const wk_ast *e, int label, bool cond)
{
    int cleanup = wk_compile_label(c), end = wk_compile_label(c);
    if (!compare_chain(c, e, WK_OP_POP_JUMP_IF_FALSE, cleanup)) return false;
    wk_compile_op(c, cond ? WK_OP_POP_JUMP_IF_TRUE : WK_OP_POP_JUMP_IF_FALSE, label);
    ADD(JUMP, end);
    wk_compile_bind(c, cleanup);
    ADD(POP_TOP, 0);
    if (!cond) ADD(JUMP, label);
    wk_compile_bind(c, end);
    return !c->failed;
}

/* Jumps to label when e's truth equals cond (CPython's compiler_jump_if). */
bool wk_compile_jump_if(wk_compiler *c, const wk_ast *e, int label, bool cond)
{
    switch (e->kind) {
    case WK_AST_UnaryOp:
        if (e->u.UnaryOp.op == WK_UOP_Not) return wk_compile_jump_if(c, e->u.UnaryOp.operand, label, !cond);
        break;
    case WK_AST_BoolOp: return jump_if_boolop(c, e, label, cond);
    case WK_AST_IfExp: {
        int end = wk_compile_label(c), next2 = wk_compile_label(c);
        if (!wk_compile_jump_if(c, e->u.IfExp.test, next2, false)
            || !wk_compile_jump_if(c, e->u.IfExp.body, label, cond))
            return false;
        ADD(JUMP, end);
        wk_compile_bind(c, next2);
        if (!wk_compile_jump_if(c, e->u.IfExp.orelse, label, cond)) return false;
        wk_compile_bind(c, end);
        return !c->failed;
    }
    case WK_AST_Compare:
        /* as CPython 3.11: the comparison's span stays the location of what follows */
        wk_compile_set_loc(c, e);
        if (e->u.Compare.ops.n > 1) return jump_if_compare(c, e, label, cond);
        break;
    default: break;
    }
    if (!wk_compile_expr(c, e)) return false;
    wk_compile_op(c, cond ? WK_OP_POP_JUMP_IF_TRUE : WK_OP_POP_JUMP_IF_FALSE, label);
    return !c->failed;
}

static bool compile_ifexp(wk_compiler *c, const wk_ast *e)
{
    int end = wk_compile_label(c), next = wk_compile_label(c);
    if (!wk_compile_jump_if(c, e->u.IfExp.test, next, false) || !wk_compile_expr(c, e->u.IfExp.body))
        return false;
    ADD(JUMP, end);
    wk_compile_bind(c, next);
    if (!wk_compile_expr(c, e->u.IfExp.orelse)) return false;
    wk_compile_bind(c, end);
    return !c->failed;
}

static bool compile_unaryop(wk_compiler *c, const wk_ast *e)
{
    const wk_ast *o = e->u.UnaryOp.operand;
    if (try_fold(c, e)) return !c->failed;
    if (e->u.UnaryOp.op == WK_UOP_USub && o->kind == WK_AST_Constant && wk_compile_is_const(o)) {
        const wk_const *k = &o->u.Constant.value;
        if (k->type == WK_CONST_FLOAT) { wk_compile_load_const(c, wk_float(-k->v.f)); return !c->failed; }
    }
    if (!wk_compile_expr(c, o)) return false;
    static const wk_opcode ops[] = { WK_OP_UNARY_INVERT, WK_OP_UNARY_NOT, WK_OP_UNARY_POSITIVE,
                                     WK_OP_UNARY_NEGATIVE };
    wk_compile_op(c, ops[e->u.UnaryOp.op], 0);
    return !c->failed;
}

/* ---------------------------------------------------------------- f-strings */

static bool compile_joined(wk_compiler *c, const wk_ast *e)
{
    const wk_ast_list *v = &e->u.JoinedStr.values;
    if (v->n > WK_STACK_USE_GUIDELINE) {
        wk_compile_load_const(c, wk_compile_cstr(""));
        ADD(LOAD_METHOD, wk_compile_name(c, "join"));
        ADD(BUILD_LIST, 0);
        for (int i = 0; i < v->n; i++) {
            if (!wk_compile_expr(c, v->items[i])) return false;
            ADD(LIST_APPEND, 1);
        }
        ADD(CALL_METHOD, 1);
        return !c->failed;
    }
    if (!wk_compile_exprs(c, v)) return false;
    if (v->n != 1) ADD(BUILD_STRING, v->n);
    return !c->failed;
}

static bool compile_formatted(wk_compiler *c, const wk_ast *e)
{
    if (!wk_compile_expr(c, e->u.FormattedValue.value)) return false;
    int conv = e->u.FormattedValue.conversion;
    int arg = conv == 's' ? 1 : conv == 'r' ? 2 : conv == 'a' ? 3 : 0;
    if (e->u.FormattedValue.format_spec) {
        if (!wk_compile_expr(c, e->u.FormattedValue.format_spec)) return false;
        arg |= 4;
    }
    ADD(FORMAT_VALUE, arg);
    return !c->failed;
}

/* ---------------------------------------------------------------- targets */

static bool unpack_targets(wk_compiler *c, const wk_ast_list *elts)
{
    int n = elts->n;
    bool seen = false;
    for (int i = 0; i < n; i++) {
        if (elts->items[i]->kind != WK_AST_Starred) continue;
        if (seen) return wk_compile_error(c, "multiple starred expressions in assignment");
        if (i >= 256 || n - i - 1 >= (INT_MAX >> 8))
            return wk_compile_error(c, "too many expressions in star-unpacking assignment");
        ADD(UNPACK_EX, i + ((n - i - 1) << 8));
        seen = true;
    }
    if (!seen) ADD(UNPACK_SEQUENCE, n);
    for (int i = 0; i < n; i++) {
        const wk_ast *t = elts->items[i];
        if (!wk_compile_expr(c, t->kind == WK_AST_Starred ? t->u.Starred.value : t)) return false;
    }
    return true;
}

static bool compile_sequence(wk_compiler *c, const wk_ast *e, const wk_ast_list *elts,
                             wk_expr_ctx ctx, bool tuple)
{
    if (ctx == WK_CTX_Store) return unpack_targets(c, elts);
    if (ctx == WK_CTX_Del) return wk_compile_exprs(c, elts);
    (void)e;
    return starunpack(c, elts, 0, tuple ? &TUPLE_OPS : &LIST_OPS);
}

static bool compile_attribute(wk_compiler *c, const wk_ast *e)
{
    if (!wk_compile_expr(c, e->u.Attribute.value)) return false;
    loc_to_attr(c, e);
    int k = wk_compile_name(c, e->u.Attribute.attr);
    switch (e->u.Attribute.ctx) {
    case WK_CTX_Load: ADD(LOAD_ATTR, k); break;
    case WK_CTX_Store:
        if (strcmp(e->u.Attribute.attr, "__debug__") == 0)
            return wk_compile_error(c, "cannot assign to __debug__");
        ADD(STORE_ATTR, k);
        break;
    case WK_CTX_Del: ADD(DELETE_ATTR, k); break;
    }
    return !c->failed;
}

static bool compile_subscript(wk_compiler *c, const wk_ast *e)
{
    if (!wk_compile_expr(c, e->u.Subscript.value) || !wk_compile_expr(c, e->u.Subscript.slice))
        return false;
    static const wk_opcode ops[] = { WK_OP_BINARY_SUBSCR, WK_OP_STORE_SUBSCR, WK_OP_DELETE_SUBSCR };
    wk_compile_op(c, ops[e->u.Subscript.ctx], 0);
    return !c->failed;
}

static bool compile_slice(wk_compiler *c, const wk_ast *e)
{
    const wk_ast *parts[3] = { e->u.Slice.lower, e->u.Slice.upper, e->u.Slice.step };
    int n = parts[2] ? 3 : 2;
    for (int i = 0; i < n; i++) {
        if (parts[i]) { if (!wk_compile_expr(c, parts[i])) return false; }
        else wk_compile_load_const(c, WK_NONEV);
    }
    ADD(BUILD_SLICE, n);
    return !c->failed;
}

/* ---------------------------------------------------------------- generators */

static bool compile_yield(wk_compiler *c, const wk_ast *e, bool from)
{
    if (c->u->ste->type != WK_BLOCK_FUNCTION) return wk_compile_error(c, "'yield' outside function");
    const wk_ast *v = from ? e->u.YieldFrom.value : e->u.Yield.value;
    if (v) { if (!wk_compile_expr(c, v)) return false; }
    else wk_compile_load_const(c, WK_NONEV);
    if (from) {
        ADD(GET_YIELD_FROM_ITER, 0);
        wk_compile_load_const(c, WK_NONEV);
        ADD(YIELD_FROM, 0);
    } else {
        ADD(YIELD_VALUE, 0);
    }
    return !c->failed;
}

/* ---------------------------------------------------------------- dispatch */

static bool compile_expr1(wk_compiler *c, const wk_ast *e)
{
    switch (e->kind) {
    case WK_AST_NamedExpr:
        if (!wk_compile_expr(c, e->u.NamedExpr.value)) return false;
        ADD(DUP_TOP, 0);
        return wk_compile_expr(c, e->u.NamedExpr.target);
    case WK_AST_BoolOp: return compile_boolop(c, e);
    case WK_AST_BinOp:
        if (try_fold(c, e)) return !c->failed;
        if (!wk_compile_expr(c, e->u.BinOp.left) || !wk_compile_expr(c, e->u.BinOp.right)) return false;
        ADD(BINARY_OP, (int)e->u.BinOp.op);
        return !c->failed;
    case WK_AST_UnaryOp: return compile_unaryop(c, e);
    case WK_AST_Lambda: return wk_compile_lambda(c, e);
    case WK_AST_IfExp: return compile_ifexp(c, e);
    case WK_AST_Dict: return compile_dict(c, e);
    case WK_AST_Set: return starunpack(c, &e->u.Set.elts, 0, &SET_OPS);
    case WK_AST_ListComp: case WK_AST_SetComp: case WK_AST_DictComp: case WK_AST_GeneratorExp:
        return wk_compile_comprehension(c, e);
    case WK_AST_Yield: return compile_yield(c, e, false);
    case WK_AST_YieldFrom: return compile_yield(c, e, true);
    case WK_AST_Await:
        return wk_compile_error(c, c->u->ste->type == WK_BLOCK_FUNCTION
                                ? "'await' outside async function" : "'await' outside function");
    case WK_AST_Compare: return compile_compare(c, e);
    case WK_AST_Call: return compile_call(c, e);
    case WK_AST_FormattedValue: return compile_formatted(c, e);
    case WK_AST_JoinedStr: return compile_joined(c, e);
    case WK_AST_Constant: return compile_constant(c, e);
    case WK_AST_Attribute: return compile_attribute(c, e);
    case WK_AST_Subscript: return compile_subscript(c, e);
    case WK_AST_Starred:
        return wk_compile_error(c, e->u.Starred.ctx == WK_CTX_Store
                                ? "starred assignment target must be in a list or tuple"
                                : "can't use starred expression here");
    case WK_AST_Name: return wk_compile_nameop(c, e->u.Name.id, e->u.Name.ctx);
    case WK_AST_List: return compile_sequence(c, e, &e->u.List.elts, e->u.List.ctx, false);
    case WK_AST_Tuple:
        if (try_fold_tuple(c, e)) return !c->failed;
        return compile_sequence(c, e, &e->u.Tuple.elts, e->u.Tuple.ctx, true);
    case WK_AST_Slice: return compile_slice(c, e);
    default: return wk_compile_error(c, "invalid expression node %s", wk_ast_kind_name(e->kind));
    }
}

bool wk_compile_expr(wk_compiler *c, const wk_ast *e)
{
    wk_codepos saved = c->u->loc;
    wk_compile_set_loc(c, e);
    bool ok = compile_expr1(c, e) && !c->failed;
    c->u->loc = saved;
    return ok;
}
