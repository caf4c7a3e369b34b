/* compile_asm.c — the assembler: implicit return, jump resolution, positions, exact stack depth, and building the wk_code object. */
#include <stdlib.h>
#include <string.h>
#include "compile.h"

bool wk_compile_is_jump(int op)
{
    switch (op) {
    case WK_OP_JUMP: case WK_OP_POP_JUMP_IF_FALSE: case WK_OP_POP_JUMP_IF_TRUE:
    case WK_OP_JUMP_IF_FALSE_OR_POP: case WK_OP_JUMP_IF_TRUE_OR_POP: case WK_OP_FOR_ITER:
    case WK_OP_SETUP_FINALLY: case WK_OP_SETUP_WITH: case WK_OP_JUMP_IF_NOT_EXC_MATCH:
        return true;
    default:
        return false;
    }
}

static bool terminates(int op)
{
    return op == WK_OP_RETURN_VALUE || op == WK_OP_RERAISE || op == WK_OP_RAISE_VARARGS
        || op == WK_OP_JUMP;
}

/* Stack effect of an instruction along its fall-through (jump=false) or jump edge. */
int wk_compile_stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case WK_OP_NOP: case WK_OP_ROT_TWO: case WK_OP_ROT_THREE: case WK_OP_ROT_FOUR:
    case WK_OP_UNARY_POSITIVE: case WK_OP_UNARY_NEGATIVE: case WK_OP_UNARY_NOT:
    case WK_OP_UNARY_INVERT: case WK_OP_LIST_TO_TUPLE: case WK_OP_DELETE_NAME:
    case WK_OP_DELETE_FAST: case WK_OP_DELETE_GLOBAL: case WK_OP_DELETE_DEREF:
    case WK_OP_LOAD_ATTR: case WK_OP_YIELD_VALUE: case WK_OP_GET_YIELD_FROM_ITER:
    case WK_OP_JUMP: case WK_OP_GET_ITER: case WK_OP_POP_BLOCK: case WK_OP_POP_EXCEPT:
    case WK_OP_SETUP_ANNOTATIONS:
        return 0;
    case WK_OP_DUP_TOP: case WK_OP_LOAD_CONST: case WK_OP_LOAD_NAME: case WK_OP_LOAD_FAST:
    case WK_OP_LOAD_GLOBAL: case WK_OP_LOAD_DEREF: case WK_OP_LOAD_CLOSURE:
    case WK_OP_LOAD_CLASSDEREF: case WK_OP_LOAD_METHOD: case WK_OP_LOAD_BUILD_CLASS:
    case WK_OP_LOAD_ASSERTION_ERROR: case WK_OP_WITH_EXCEPT_START: case WK_OP_IMPORT_FROM:
        return 1;
    case WK_OP_DUP_TOP_TWO: return 2;
    case WK_OP_POP_TOP: case WK_OP_BINARY_OP: case WK_OP_BINARY_SUBSCR: case WK_OP_COMPARE_OP:
    case WK_OP_IS_OP: case WK_OP_CONTAINS_OP: case WK_OP_LIST_APPEND: case WK_OP_SET_ADD:
    case WK_OP_LIST_EXTEND: case WK_OP_SET_UPDATE: case WK_OP_DICT_UPDATE: case WK_OP_DICT_MERGE:
    case WK_OP_STORE_NAME: case WK_OP_STORE_FAST: case WK_OP_STORE_GLOBAL:
    case WK_OP_STORE_DEREF: case WK_OP_DELETE_ATTR: case WK_OP_RETURN_VALUE:
    case WK_OP_YIELD_FROM: case WK_OP_POP_JUMP_IF_FALSE: case WK_OP_POP_JUMP_IF_TRUE:
    case WK_OP_JUMP_IF_NOT_EXC_MATCH: case WK_OP_RERAISE: case WK_OP_IMPORT_NAME:
    case WK_OP_IMPORT_STAR: case WK_OP_PRINT_EXPR:
        return -1;
    case WK_OP_DELETE_SUBSCR: case WK_OP_MAP_ADD: case WK_OP_STORE_ATTR: return -2;
    case WK_OP_STORE_SUBSCR: return -3;
    case WK_OP_BUILD_TUPLE: case WK_OP_BUILD_LIST: case WK_OP_BUILD_SET:
    case WK_OP_BUILD_STRING: case WK_OP_BUILD_SLICE:
        return 1 - arg;
    case WK_OP_BUILD_MAP: return 1 - 2 * arg;
    case WK_OP_BUILD_CONST_KEY_MAP: return -arg;
    case WK_OP_UNPACK_SEQUENCE: return arg - 1;
    case WK_OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case WK_OP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case WK_OP_CALL_METHOD: return -arg - 1;
    case WK_OP_CALL_FUNCTION: return -arg;
    case WK_OP_CALL_FUNCTION_KW: return -arg - 1;
    case WK_OP_CALL_FUNCTION_EX: return -1 - (arg & 1);
    case WK_OP_MAKE_FUNCTION:
        return -1 - ((arg & 1) != 0) - ((arg & 2) != 0) - ((arg & 4) != 0) - ((arg & 8) != 0);
    case WK_OP_JUMP_IF_FALSE_OR_POP: case WK_OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case WK_OP_FOR_ITER: return jump ? -1 : 1;
    case WK_OP_SETUP_FINALLY: return jump ? 1 : 0;
    case WK_OP_SETUP_WITH: return 1;
    case WK_OP_RAISE_VARARGS: return -arg;
    default: return 0;
    }
}

/* Walks every path from instruction 0; the depth at each instruction must agree. */
static int stack_depth(wk_compiler *c, const wk_cinstr *in, int n)
{
    int *depth = malloc((size_t)(n + 1) * sizeof(int));
    int *work = malloc((size_t)(2 * n + 2) * sizeof(int));
    if (!depth || !work) { free(depth); free(work); wk_compile_nomem(c); return 0; }
    for (int i = 0; i < n; i++) depth[i] = -1;
    int nw = 0, maxd = 0;
    work[nw++] = 0; work[nw++] = 0;
    while (nw > 0 && !c->failed) {
        int d = work[--nw], i = work[--nw];
        for (; i < n; i++) {
            if (depth[i] >= 0) {
                if (depth[i] != d) wk_compile_error(c, "internal error: stack depth %d/%d at %d", depth[i], d, i);
                break;
            }
            depth[i] = d;
            if (wk_compile_is_jump(in[i].op)) {
                int td = d + wk_compile_stack_effect(in[i].op, in[i].arg, true);
                if (td > maxd) maxd = td;
                work[nw++] = in[i].arg; work[nw++] = td;
            }
            d += wk_compile_stack_effect(in[i].op, in[i].arg, false);
            if (d < 0) { wk_compile_error(c, "internal error: negative stack depth at %d", i); break; }
            if (d > maxd) maxd = d;
            if (terminates(in[i].op)) break;
        }
    }
    free(depth);
    free(work);
    return maxd;
}

/* Adds the implicit `return None`, resolves labels and fills unknown positions. */
static bool finish_instrs(wk_compiler *c)
{
    wk_cunit *u = c->u;
    bool label_at_end = false;
    for (int i = 0; i < u->nlabels; i++) label_at_end |= u->labels[i] == u->ninstrs;
    if (!u->ninstrs || u->instrs[u->ninstrs - 1].op != WK_OP_RETURN_VALUE || label_at_end) {
        u->loc = (wk_codepos){ -1, -1, -1, -1 };
        wk_compile_load_const(c, WK_NONEV);
        wk_compile_op(c, WK_OP_RETURN_VALUE, 0);
    }
    if (c->failed) return false;
    for (int i = 0; i < u->ninstrs; i++) {
        wk_cinstr *in = &u->instrs[i];
        if (wk_compile_is_jump(in->op)) {
            if (in->arg < 0 || in->arg >= u->nlabels || u->labels[in->arg] < 0)
                return wk_compile_error(c, "internal error: unbound label");
            in->arg = u->labels[in->arg];
        }
        if (in->arg > WK_MAX_OPARG || in->arg < 0) return wk_compile_error(c, "code too complex");
        if (in->pos.lineno < 0)
            in->pos = i ? u->instrs[i - 1].pos : (wk_codepos){ u->firstlineno, u->firstlineno, -1, -1 };
    }
    return true;
}

static wk_obj *strtab_tuple(const wk_strtab *t)
{
    wk_obj *tup = wk_tuple_new(t->n);
    for (int i = 0; tup && i < t->n; i++) {
        wk_obj *s = wk_intern(t->keys[i]);
        if (!s) { wk_obj_decref(tup); return NULL; }
        wk_obj_incref(s);
        wk_tuple_set_steal(tup, i, wk_objv(s));
    }
    return tup;
}

static int code_flags(wk_cunit *u)
{
    int f = 0;
    if (u->scope != WK_CSCOPE_MODULE && u->scope != WK_CSCOPE_CLASS) {
        if (u->ste->generator) f |= WK_CO_GENERATOR;
        if (u->ste->varargs) f |= WK_CO_VARARGS;
        if (u->ste->varkeywords) f |= WK_CO_VARKEYWORDS;
        if (u->ste->nested) f |= WK_CO_NESTED;
    }
    if (!u->cellvars.n && !u->freevars.n) f |= WK_CO_NOFREE;
    return f;
}

static bool fill_code(wk_compiler *c, wk_code *co, int stacksize)
{
    wk_cunit *u = c->u;
    co->code = malloc((size_t)u->ninstrs * sizeof(wk_instr));
    co->positions = malloc((size_t)u->ninstrs * sizeof(wk_codepos));
    co->consts = wk_tuple_new(u->nconsts);
    if (!co->code || !co->positions || !co->consts) return false;
    co->ncode = u->ninstrs;
    for (int i = 0; i < u->ninstrs; i++) {
        co->code[i] = WK_MKINSTR(u->instrs[i].op, u->instrs[i].arg);
        co->positions[i] = u->instrs[i].pos;
    }
    for (int i = 0; i < u->nconsts; i++) wk_tuple_set_steal(co->consts, i, wk_incref(u->consts[i]));
    co->names = strtab_tuple(&u->names);
    co->varnames = strtab_tuple(&u->varnames);
    co->cellvars = strtab_tuple(&u->cellvars);
    co->freevars = strtab_tuple(&u->freevars);
    co->argcount = u->argcount;
    co->posonlyargcount = u->posonlyargcount;
    co->kwonlyargcount = u->kwonlyargcount;
    co->nlocals = u->varnames.n;
    co->stacksize = stacksize;
    co->flags = code_flags(u);
    co->firstlineno = u->firstlineno;
    co->name = wk_compile_cstr(u->name).u.o;
    co->qualname = wk_compile_cstr(u->qualname).u.o;
    co->filename = c->filename;
    wk_obj_incref(c->filename);
    co->source = c->source;
    wk_obj_incref(c->source);
    return co->names && co->varnames && co->cellvars && co->freevars && co->name && co->qualname;
}

wk_obj *wk_compile_assemble(wk_compiler *c)
{
    if (!finish_instrs(c)) return NULL;
    int stacksize = stack_depth(c, c->u->instrs, c->u->ninstrs);
    if (c->failed) return NULL;
    wk_obj *code = wk_code_new();
    if (!code) { c->failed = true; return NULL; }
    if (!fill_code(c, (wk_code *)code, stacksize)) {
        wk_obj_decref(code);
        c->failed = true;
        if (!wk_err_occurred()) wk_raise_nomem();
        return NULL;
    }
    return code;
}
