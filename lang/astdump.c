/* astdump.c — renders a wk_ast in CPython 3.11's ast.dump() format (used by tests and tools). */
#include "astdump.h"
#include "lexer.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    wk_sbuf *sb;
    bool attrs;
    bool first;
} dumper;

static void node(dumper *d, const wk_ast *n);

/* ---- reprs ---- */

static bool printable(unsigned cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD) return false;
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064)) return false;
    if (cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xE000 && cp <= 0xF8FF)) return false;
    if (cp >= 0xFFF0 && cp <= 0xFFFB) return false;
    return true;
}

static char pick_quote(const char *s, size_t n) {
    bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    return (sq && !dq) ? '"' : '\'';
}

static bool simple_escape(wk_sbuf *sb, unsigned c, char q) {
    switch (c) {
    case '\\': wk_sbuf_adds(sb, "\\\\"); return true;
    case '\n': wk_sbuf_adds(sb, "\\n"); return true;
    case '\r': wk_sbuf_adds(sb, "\\r"); return true;
    case '\t': wk_sbuf_adds(sb, "\\t"); return true;
    default:
        if (c == (unsigned char)q) { wk_sbuf_addc(sb, '\\'); wk_sbuf_addc(sb, q); return true; }
        return false;
    }
}

/* Decodes UTF-8 including 3-byte surrogates (which wk strings may hold). */
static int decode_loose(const unsigned char *s, size_t n, unsigned *cp) {
    int len = wk_lex_utf8_decode(s, n, cp);
    if (len) return len;
    if (n >= 3 && s[0] == 0xED && (s[1] & 0xE0) == 0xA0 && (s[2] & 0xC0) == 0x80) {
        *cp = 0xD000u | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    *cp = s[0];
    return 1;
}

static void repr_str(wk_sbuf *sb, const char *s, size_t n) {
    char q = pick_quote(s, n);
    wk_sbuf_addc(sb, q);
    for (size_t i = 0; i < n;) {
        unsigned cp;
        int len = decode_loose((const unsigned char *)s + i, n - i, &cp);
        if (simple_escape(sb, cp, q)) {
        } else if (printable(cp)) {
            wk_sbuf_add(sb, s + i, (size_t)len);
        } else if (cp < 0x100) {
            wk_sbuf_printf(sb, "\\x%02x", cp);
        } else if (cp < 0x10000) {
            wk_sbuf_printf(sb, "\\u%04x", cp);
        } else {
            wk_sbuf_printf(sb, "\\U%08x", cp);
        }
        i += (size_t)len;
    }
    wk_sbuf_addc(sb, q);
}

static void repr_bytes(wk_sbuf *sb, const char *s, size_t n) {
    char q = pick_quote(s, n);
    wk_sbuf_addc(sb, 'b');
    wk_sbuf_addc(sb, q);
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (simple_escape(sb, c, q)) continue;
        if (c < 0x20 || c >= 0x7F) wk_sbuf_printf(sb, "\\x%02x", c);
        else wk_sbuf_addc(sb, (char)c);
    }
    wk_sbuf_addc(sb, q);
}

/* Python's float repr: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
static void repr_float(wk_sbuf *sb, double x, bool imag) {
    if (isinf(x)) { wk_sbuf_adds(sb, x < 0 ? "-inf" : "inf"); return; }
    if (isnan(x)) { wk_sbuf_adds(sb, "nan"); return; }
    char buf[64];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, x);
        if (strtod(buf, NULL) == x) break;
    }
    /* buf: [-]d[.ddd]e[+-]XX */
    char digits[32];
    int nd = 0;
    const char *c = buf;
    bool neg = *c == '-';
    if (neg) c++;
    for (; *c && *c != 'e'; c++)
        if (*c != '.') digits[nd++] = *c;
    int exp = atoi(c + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = 0;
    if (neg) wk_sbuf_addc(sb, '-');
    if (exp >= -4 && exp < 16) {
        if (exp >= 0) {
            for (int i = 0; i <= exp; i++) wk_sbuf_addc(sb, i < nd ? digits[i] : '0');
            if (nd > exp + 1) {
                wk_sbuf_addc(sb, '.');
                wk_sbuf_adds(sb, digits + exp + 1);
            } else if (!imag) {
                wk_sbuf_adds(sb, ".0");
            }
        } else {
            wk_sbuf_adds(sb, "0.");
            for (int i = 0; i < -exp - 1; i++) wk_sbuf_addc(sb, '0');
            wk_sbuf_adds(sb, digits);
        }
    } else {
        wk_sbuf_addc(sb, digits[0]);
        if (nd > 1) {
            wk_sbuf_addc(sb, '.');
            wk_sbuf_adds(sb, digits + 1);
        }
        wk_sbuf_printf(sb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
}

/* Decimal text of an integer literal of any size (hex/octal/binary, underscores). */
static void repr_big_int(wk_sbuf *sb, const char *text) {
    int base = 10;
    if (text[0] == '0' && text[1] && strchr("xXoObB", text[1])) {
        char b = (char)(text[1] | 0x20);
        base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
        text += 2;
    }
    size_t cap = strlen(text) + 2, n = 1;
    unsigned *limb = calloc(cap, sizeof(unsigned));   /* base 1e9, little endian */
    if (!limb) return;
    for (const char *c = text; *c; c++) {
        if (*c == '_') continue;
        unsigned dv = *c <= '9' ? (unsigned)(*c - '0') : (unsigned)((*c | 0x20) - 'a' + 10);
        unsigned long long carry = dv;
        for (size_t i = 0; i < n; i++) {
            unsigned long long v = (unsigned long long)limb[i] * (unsigned)base + carry;
            limb[i] = (unsigned)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry && n < cap) limb[n++] = (unsigned)carry;
    }
    wk_sbuf_printf(sb, "%u", limb[n - 1]);
    for (size_t i = n - 1; i-- > 0;) wk_sbuf_printf(sb, "%09u", limb[i]);
    free(limb);
}

void wk_ast_dump_const(wk_sbuf *sb, const wk_const *c) {
    switch (c->type) {
    case WK_CONST_NONE: wk_sbuf_adds(sb, "None"); break;
    case WK_CONST_BOOL: wk_sbuf_adds(sb, c->v.b ? "True" : "False"); break;
    case WK_CONST_ELLIPSIS: wk_sbuf_adds(sb, "Ellipsis"); break;
    case WK_CONST_INT:
        if (c->too_big) repr_big_int(sb, c->text);
        else wk_sbuf_printf(sb, "%lld", (long long)c->v.i);
        break;
    case WK_CONST_FLOAT: repr_float(sb, c->v.f, false); break;
    case WK_CONST_IMAG: repr_float(sb, c->v.f, true); wk_sbuf_addc(sb, 'j'); break;
    case WK_CONST_STR: repr_str(sb, c->v.s.data, c->v.s.len); break;
    case WK_CONST_BYTES: repr_bytes(sb, c->v.s.data, c->v.s.len); break;
    }
}

/* ---- fields ---- */

static void field_name(dumper *d, const char *name) {
    if (!d->first) wk_sbuf_adds(d->sb, ", ");
    d->first = false;
    wk_sbuf_adds(d->sb, name);
    wk_sbuf_addc(d->sb, '=');
}

static void f_node(dumper *d, const char *name, const wk_ast *n) {
    if (!n) return;   /* optional and absent: ast.dump leaves it out */
    field_name(d, name);
    node(d, n);
}

static void f_list(dumper *d, const char *name, const wk_ast_list *l) {
    field_name(d, name);
    wk_sbuf_addc(d->sb, '[');
    for (int i = 0; i < l->n; i++) {
        if (i) wk_sbuf_adds(d->sb, ", ");
        if (l->items[i]) node(d, l->items[i]);
        else wk_sbuf_adds(d->sb, "None");
    }
    wk_sbuf_addc(d->sb, ']');
}

static void f_id(dumper *d, const char *name, const char *id) {
    if (!id) return;
    field_name(d, name);
    repr_str(d->sb, id, strlen(id));
}

static void f_int(dumper *d, const char *name, int v) {
    field_name(d, name);
    wk_sbuf_printf(d->sb, "%d", v);
}

static void f_word(dumper *d, const char *name, const char *op) {
    field_name(d, name);
    wk_sbuf_adds(d->sb, op);
    wk_sbuf_adds(d->sb, "()");
}

static void f_ids(dumper *d, const char *name, const wk_ast_ids *ids) {
    field_name(d, name);
    wk_sbuf_addc(d->sb, '[');
    for (int i = 0; i < ids->n; i++) {
        if (i) wk_sbuf_adds(d->sb, ", ");
        repr_str(d->sb, ids->items[i], strlen(ids->items[i]));
    }
    wk_sbuf_addc(d->sb, ']');
}

static void f_cmpops(dumper *d, const wk_cmpop_list *ops) {
    field_name(d, "ops");
    wk_sbuf_addc(d->sb, '[');
    for (int i = 0; i < ops->n; i++) {
        if (i) wk_sbuf_adds(d->sb, ", ");
        wk_sbuf_adds(d->sb, wk_ast_cmpop_name(ops->items[i]));
        wk_sbuf_adds(d->sb, "()");
    }
    wk_sbuf_addc(d->sb, ']');
}

static void fields_stmt(dumper *d, const wk_ast *n) {
    switch (n->kind) {
    case WK_AST_FunctionDef: case WK_AST_AsyncFunctionDef:
        f_id(d, "name", n->u.FunctionDef.name);
        f_node(d, "args", n->u.FunctionDef.args);
        f_list(d, "body", &n->u.FunctionDef.body);
        f_list(d, "decorator_list", &n->u.FunctionDef.decorator_list);
        f_node(d, "returns", n->u.FunctionDef.returns);
        break;
    case WK_AST_ClassDef:
        f_id(d, "name", n->u.ClassDef.name);
        f_list(d, "bases", &n->u.ClassDef.bases);
        f_list(d, "keywords", &n->u.ClassDef.keywords);
        f_list(d, "body", &n->u.ClassDef.body);
        f_list(d, "decorator_list", &n->u.ClassDef.decorator_list);
        break;
    case WK_AST_Return: f_node(d, "value", n->u.Return.value); break;
    case WK_AST_Delete: f_list(d, "targets", &n->u.Delete.targets); break;
    case WK_AST_Assign:
        f_list(d, "targets", &n->u.Assign.targets);
        f_node(d, "value", n->u.Assign.value);
        break;
    case WK_AST_AugAssign:
        f_node(d, "target", n->u.AugAssign.target);
        f_word(d, "op", wk_ast_binop_name(n->u.AugAssign.op));
        f_node(d, "value", n->u.AugAssign.value);
        break;
    case WK_AST_AnnAssign:
        f_node(d, "target", n->u.AnnAssign.target);
        f_node(d, "annotation", n->u.AnnAssign.annotation);
        f_node(d, "value", n->u.AnnAssign.value);
        f_int(d, "simple", n->u.AnnAssign.simple);
        break;
    case WK_AST_For: case WK_AST_AsyncFor:
        f_node(d, "target", n->u.For.target);
        f_node(d, "iter", n->u.For.iter);
        f_list(d, "body", &n->u.For.body);
        f_list(d, "orelse", &n->u.For.orelse);
        break;
    case WK_AST_While: case WK_AST_If:
        f_node(d, "test", n->u.If.test);
        f_list(d, "body", &n->u.If.body);
        f_list(d, "orelse", &n->u.If.orelse);
        break;
    case WK_AST_With: case WK_AST_AsyncWith:
        f_list(d, "items", &n->u.With.items);
        f_list(d, "body", &n->u.With.body);
        break;
    case WK_AST_Raise:
        f_node(d, "exc", n->u.Raise.exc);
        f_node(d, "cause", n->u.Raise.cause);
        break;
    case WK_AST_Try: case WK_AST_TryStar:
        f_list(d, "body", &n->u.Try.body);
        f_list(d, "handlers", &n->u.Try.handlers);
        f_list(d, "orelse", &n->u.Try.orelse);
        f_list(d, "finalbody", &n->u.Try.finalbody);
        break;
    case WK_AST_Assert:
        f_node(d, "test", n->u.Assert.test);
        f_node(d, "msg", n->u.Assert.msg);
        break;
    case WK_AST_Import: f_list(d, "names", &n->u.Import.names); break;
    case WK_AST_ImportFrom:
        f_id(d, "module", n->u.ImportFrom.module);
        f_list(d, "names", &n->u.ImportFrom.names);
        f_int(d, "level", n->u.ImportFrom.level);
        break;
    case WK_AST_Global: case WK_AST_Nonlocal: f_ids(d, "names", &n->u.Global.names); break;
    case WK_AST_Expr: f_node(d, "value", n->u.Expr.value); break;
    default: break;
    }
}

static void fields_expr(dumper *d, const wk_ast *n) {
    switch (n->kind) {
    case WK_AST_BoolOp:
        f_word(d, "op", wk_ast_boolop_name(n->u.BoolOp.op));
        f_list(d, "values", &n->u.BoolOp.values);
        break;
    case WK_AST_NamedExpr:
        f_node(d, "target", n->u.NamedExpr.target);
        f_node(d, "value", n->u.NamedExpr.value);
        break;
    case WK_AST_BinOp:
        f_node(d, "left", n->u.BinOp.left);
        f_word(d, "op", wk_ast_binop_name(n->u.BinOp.op));
        f_node(d, "right", n->u.BinOp.right);
        break;
    case WK_AST_UnaryOp:
        f_word(d, "op", wk_ast_unaryop_name(n->u.UnaryOp.op));
        f_node(d, "operand", n->u.UnaryOp.operand);
        break;
    case WK_AST_Lambda:
        f_node(d, "args", n->u.Lambda.args);
        f_node(d, "body", n->u.Lambda.body);
        break;
    case WK_AST_IfExp:
        f_node(d, "test", n->u.IfExp.test);
        f_node(d, "body", n->u.IfExp.body);
        f_node(d, "orelse", n->u.IfExp.orelse);
        break;
    case WK_AST_Dict:
        f_list(d, "keys", &n->u.Dict.keys);
        f_list(d, "values", &n->u.Dict.values);
        break;
    case WK_AST_Set: f_list(d, "elts", &n->u.Set.elts); break;
    case WK_AST_ListComp: case WK_AST_SetComp: case WK_AST_GeneratorExp:
        f_node(d, "elt", n->u.ListComp.elt);
        f_list(d, "generators", &n->u.ListComp.generators);
        break;
    case WK_AST_DictComp:
        f_node(d, "key", n->u.DictComp.key);
        f_node(d, "value", n->u.DictComp.value);
        f_list(d, "generators", &n->u.DictComp.generators);
        break;
    case WK_AST_Await: case WK_AST_Yield: case WK_AST_YieldFrom:
        f_node(d, "value", n->u.Yield.value);
        break;
    case WK_AST_Compare:
        f_node(d, "left", n->u.Compare.left);
        f_cmpops(d, &n->u.Compare.ops);
        f_list(d, "comparators", &n->u.Compare.comparators);
        break;
    case WK_AST_Call:
        f_node(d, "func", n->u.Call.func);
        f_list(d, "args", &n->u.Call.args);
        f_list(d, "keywords", &n->u.Call.keywords);
        break;
    case WK_AST_FormattedValue:
        f_node(d, "value", n->u.FormattedValue.value);
        f_int(d, "conversion", n->u.FormattedValue.conversion);
        f_node(d, "format_spec", n->u.FormattedValue.format_spec);
        break;
    case WK_AST_JoinedStr: f_list(d, "values", &n->u.JoinedStr.values); break;
    case WK_AST_Constant:
        field_name(d, "value");
        wk_ast_dump_const(d->sb, &n->u.Constant.value);
        f_id(d, "kind", n->u.Constant.kind);
        break;
    case WK_AST_Attribute:
        f_node(d, "value", n->u.Attribute.value);
        f_id(d, "attr", n->u.Attribute.attr);
        f_word(d, "ctx", wk_ast_ctx_name(n->u.Attribute.ctx));
        break;
    case WK_AST_Subscript:
        f_node(d, "value", n->u.Subscript.value);
        f_node(d, "slice", n->u.Subscript.slice);
        f_word(d, "ctx", wk_ast_ctx_name(n->u.Subscript.ctx));
        break;
    case WK_AST_Starred:
        f_node(d, "value", n->u.Starred.value);
        f_word(d, "ctx", wk_ast_ctx_name(n->u.Starred.ctx));
        break;
    case WK_AST_Name:
        f_id(d, "id", n->u.Name.id);
        f_word(d, "ctx", wk_ast_ctx_name(n->u.Name.ctx));
        break;
    case WK_AST_List: case WK_AST_Tuple:
        f_list(d, "elts", &n->u.List.elts);
        f_word(d, "ctx", wk_ast_ctx_name(n->u.List.ctx));
        break;
    case WK_AST_Slice:
        f_node(d, "lower", n->u.Slice.lower);
        f_node(d, "upper", n->u.Slice.upper);
        f_node(d, "step", n->u.Slice.step);
        break;
    default: break;
    }
}

static void fields_other(dumper *d, const wk_ast *n) {
    switch (n->kind) {
    case WK_AST_Module: case WK_AST_Interactive:
        f_list(d, "body", &n->u.Module.body);
        if (n->kind == WK_AST_Module) { field_name(d, "type_ignores"); wk_sbuf_adds(d->sb, "[]"); }
        break;
    case WK_AST_Expression: f_node(d, "body", n->u.Expression.body); break;
    case WK_AST_comprehension:
        f_node(d, "target", n->u.comprehension.target);
        f_node(d, "iter", n->u.comprehension.iter);
        f_list(d, "ifs", &n->u.comprehension.ifs);
        f_int(d, "is_async", n->u.comprehension.is_async);
        break;
    case WK_AST_ExceptHandler:
        f_node(d, "type", n->u.ExceptHandler.type);
        f_id(d, "name", n->u.ExceptHandler.name);
        f_list(d, "body", &n->u.ExceptHandler.body);
        break;
    case WK_AST_arguments:
        f_list(d, "posonlyargs", &n->u.arguments.posonlyargs);
        f_list(d, "args", &n->u.arguments.args);
        f_node(d, "vararg", n->u.arguments.vararg);
        f_list(d, "kwonlyargs", &n->u.arguments.kwonlyargs);
        f_list(d, "kw_defaults", &n->u.arguments.kw_defaults);
        f_node(d, "kwarg", n->u.arguments.kwarg);
        f_list(d, "defaults", &n->u.arguments.defaults);
        break;
    case WK_AST_arg:
        f_id(d, "arg", n->u.arg.arg);
        f_node(d, "annotation", n->u.arg.annotation);
        break;
    case WK_AST_keyword:
        f_id(d, "arg", n->u.keyword.arg);
        f_node(d, "value", n->u.keyword.value);
        break;
    case WK_AST_alias:
        f_id(d, "name", n->u.alias.name);
        f_id(d, "asname", n->u.alias.asname);
        break;
    case WK_AST_withitem:
        f_node(d, "context_expr", n->u.withitem.context_expr);
        f_node(d, "optional_vars", n->u.withitem.optional_vars);
        break;
    default: break;
    }
}

static bool has_positions(wk_ast_kind k) {
    return wk_ast_is_stmt(k) || wk_ast_is_expr(k) || k == WK_AST_ExceptHandler || k == WK_AST_arg ||
           k == WK_AST_keyword || k == WK_AST_alias;
}

static void node(dumper *d, const wk_ast *n) {
    bool saved = d->first;
    wk_sbuf_adds(d->sb, wk_ast_kind_name(n->kind));
    wk_sbuf_addc(d->sb, '(');
    d->first = true;
    if (wk_ast_is_stmt(n->kind)) fields_stmt(d, n);
    else if (wk_ast_is_expr(n->kind)) fields_expr(d, n);
    else fields_other(d, n);
    if (d->attrs && has_positions(n->kind)) {
        f_int(d, "lineno", n->lineno);
        f_int(d, "col_offset", n->col_offset);
        f_int(d, "end_lineno", n->end_lineno);
        f_int(d, "end_col_offset", n->end_col_offset);
    }
    wk_sbuf_addc(d->sb, ')');
    d->first = saved;
}

void wk_ast_dump(wk_sbuf *out, const wk_ast *n, bool include_attributes) {
    dumper d = { out, include_attributes, true };
    node(&d, n);
}
