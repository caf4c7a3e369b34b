/* dis.c — disassembler for debugging (`wick --dis FILE`), in the layout of CPython's dis module. */
#include <stdlib.h>
#include <string.h>
#include "compile.h"

static const char *tuple_cstr(wk_obj *t, int i)
{
    if (!t || i < 0 || i >= WK_TUPLE(t)->len) return "?";
    return wk_str_cstr(WK_TUPLE(t)->items[i]);
}

static const char *deref_name(wk_code *co, int arg)
{
    int ncell = (int)WK_TUPLE(co->cellvars)->len;
    return arg < ncell ? tuple_cstr(co->cellvars, arg) : tuple_cstr(co->freevars, arg - ncell);
}

static void flag_names(wk_sbuf *sb, int arg)
{
    static const char *const names[] = { "defaults", "kwdefaults", "annotations", "closure" };
    bool first = true;
    for (int i = 0; i < 4; i++) {
        if (!(arg & (1 << i))) continue;
        wk_sbuf_printf(sb, "%s%s", first ? "" : ", ", names[i]);
        first = false;
    }
}

/* The "(...)" detail of an argument, CPython style. */
static void arg_detail(wk_sbuf *sb, wk_code *co, int op, int arg)
{
    static const char *const cmp[] = { "<", "<=", "==", "!=", ">", ">=" };
    static const char *const conv[] = { "", "str", "repr", "ascii" };
    switch (op) {
    case WK_OP_LOAD_CONST:
        if (arg < WK_TUPLE(co->consts)->len && !wk_repr_to(sb, WK_TUPLE(co->consts)->items[arg])) {
            wk_err_clear();
            wk_sbuf_adds(sb, "?");
        }
        return;
    case WK_OP_LOAD_NAME: case WK_OP_STORE_NAME: case WK_OP_DELETE_NAME: case WK_OP_LOAD_GLOBAL:
    case WK_OP_STORE_GLOBAL: case WK_OP_DELETE_GLOBAL: case WK_OP_LOAD_ATTR: case WK_OP_STORE_ATTR:
    case WK_OP_DELETE_ATTR: case WK_OP_LOAD_METHOD: case WK_OP_IMPORT_NAME: case WK_OP_IMPORT_FROM:
        wk_sbuf_adds(sb, tuple_cstr(co->names, arg));
        return;
    case WK_OP_LOAD_FAST: case WK_OP_STORE_FAST: case WK_OP_DELETE_FAST:
        wk_sbuf_adds(sb, tuple_cstr(co->varnames, arg));
        return;
    case WK_OP_LOAD_DEREF: case WK_OP_STORE_DEREF: case WK_OP_DELETE_DEREF: case WK_OP_LOAD_CLOSURE:
    case WK_OP_LOAD_CLASSDEREF:
        wk_sbuf_adds(sb, deref_name(co, arg));
        return;
    case WK_OP_COMPARE_OP: if (arg >= 0 && arg < 6) wk_sbuf_adds(sb, cmp[arg]); return;
    case WK_OP_BINARY_OP:
        wk_sbuf_printf(sb, "%s%s", wk_nb_symbol((wk_nb_op)(arg & 0xff)), (arg & WK_NB_INPLACE) ? "=" : "");
        return;
    case WK_OP_FORMAT_VALUE:
        wk_sbuf_printf(sb, "%s%s%s", conv[arg & 3], (arg & 3) && (arg & 4) ? ", " : "",
                       (arg & 4) ? "with format" : "");
        return;
    case WK_OP_MAKE_FUNCTION: flag_names(sb, arg); return;
    default:
        if (wk_compile_is_jump(op)) wk_sbuf_printf(sb, "to %d", arg);
        return;
    }
}

static bool has_arg(int op)
{
    switch (op) {
    case WK_OP_NOP: case WK_OP_POP_TOP: case WK_OP_ROT_TWO: case WK_OP_ROT_THREE: case WK_OP_ROT_FOUR:
    case WK_OP_DUP_TOP: case WK_OP_DUP_TOP_TWO: case WK_OP_UNARY_POSITIVE: case WK_OP_UNARY_NEGATIVE:
    case WK_OP_UNARY_NOT: case WK_OP_UNARY_INVERT: case WK_OP_BINARY_SUBSCR: case WK_OP_STORE_SUBSCR:
    case WK_OP_DELETE_SUBSCR: case WK_OP_LIST_TO_TUPLE: case WK_OP_LOAD_BUILD_CLASS:
    case WK_OP_LOAD_ASSERTION_ERROR: case WK_OP_RETURN_VALUE: case WK_OP_YIELD_VALUE:
    case WK_OP_GET_YIELD_FROM_ITER: case WK_OP_YIELD_FROM: case WK_OP_GET_ITER: case WK_OP_POP_BLOCK:
    case WK_OP_POP_EXCEPT: case WK_OP_RERAISE: case WK_OP_WITH_EXCEPT_START: case WK_OP_IMPORT_STAR:
    case WK_OP_PRINT_EXPR: case WK_OP_SETUP_ANNOTATIONS:
        return false;
    default:
        return true;
    }
}

static void dis_instr(wk_sbuf *sb, wk_code *co, int i, bool target, int line)
{
    size_t start = sb->len;
    if (line > 0) wk_sbuf_printf(sb, "%3d", line);
    else wk_sbuf_adds(sb, "   ");
    int op = WK_OPCODE(co->code[i]), arg = WK_OPARG(co->code[i]);
    const char *name = op < WK_OP_COUNT ? wk_opcode_names[op] : "<invalid>";
    wk_sbuf_printf(sb, "    %s %4d %-20s", target ? ">>" : "  ", i, name);
    if (has_arg(op)) {
        wk_sbuf_printf(sb, " %5d", arg);
        size_t before = sb->len;
        wk_sbuf_adds(sb, " (");
        arg_detail(sb, co, op, arg);
        if (sb->len == before + 2) sb->len = before;
        else wk_sbuf_addc(sb, ')');
    }
    while (sb->len > start && sb->data[sb->len - 1] == ' ') sb->len--;
    wk_sbuf_addc(sb, '\n');
}

static void dis_code(wk_sbuf *sb, wk_code *co)
{
    bool *targets = calloc((size_t)co->ncode + 1, 1);
    for (int i = 0; targets && i < co->ncode; i++) {
        int op = WK_OPCODE(co->code[i]), arg = WK_OPARG(co->code[i]);
        if (wk_compile_is_jump(op) && arg <= co->ncode) targets[arg] = true;
    }
    int last = -1;
    for (int i = 0; i < co->ncode; i++) {
        int line = wk_code_lineno(co, i);
        if (line != last && i > 0) wk_sbuf_addc(sb, '\n');
        dis_instr(sb, co, i, targets && targets[i], line != last ? line : 0);
        last = line;
    }
    free(targets);
}

void wk_dis(wk_sbuf *sb, wk_obj *code)
{
    wk_code *co = (wk_code *)code;
    dis_code(sb, co);
    for (int64_t i = 0; i < WK_TUPLE(co->consts)->len; i++) {
        wk_value k = WK_TUPLE(co->consts)->items[i];
        if (!WK_IS_OBJ(k) || k.u.o->type != &wk_type_code) continue;
        wk_sbuf_adds(sb, "\nDisassembly of ");
        if (!wk_repr_to(sb, k)) wk_err_clear();
        wk_sbuf_adds(sb, ":\n");
        wk_dis(sb, k.u.o);
    }
}
