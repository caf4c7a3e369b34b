/* test_object.c — C checks of the object core: numeric operators and their error texts,
 * comparisons, hashing, attributes, calls, conversions, exceptions, argument parsing,
 * slot wrappers, user classes made with type(), and refcount balance. */
#include "../../lang/vm.h"
#include "../../lang/objimpl.h"
#include "tap.h"
#include <math.h>

static char text[4096];

/* repr of a result, or "Type: message" of the pending exception (which is cleared). */
static const char *show(wk_value v) {
    if (WK_IS_NULL(v)) {
        wk_obj *e = wk_err_fetch();
        if (!e) return "<NULL without exception>";
        wk_value s = wk_str(wk_objv(e));
        snprintf(text, sizeof text, "%s: %s", e->type->name, WK_IS_NULL(s) ? "?" : wk_str_cstr(s));
        wk_decref(s);
        wk_obj_decref(e);
        wk_err_clear();
        return text;
    }
    wk_value r = wk_repr(v);
    wk_decref(v);
    if (WK_IS_NULL(r)) return show(r);
    snprintf(text, sizeof text, "%s", wk_str_cstr(r));
    wk_decref(r);
    return text;
}

static wk_value S(const char *s) { return wk_str_from_c(s); }

static wk_value bin(wk_nb_op op, wk_value a, wk_value b) {
    wk_value r = wk_binop(op, a, b);
    wk_decref(a);
    wk_decref(b);
    return r;
}

static void test_int_float_ops(void) {
    tap_is_str(show(bin(WK_NB_FLOORDIV, wk_int(7), wk_int(-2))), "-4", "7 // -2");
    tap_is_str(show(bin(WK_NB_MOD, wk_int(-7), wk_int(3))), "2", "-7 %% 3");
    tap_is_str(show(bin(WK_NB_POW, wk_int(2), wk_int(-1))), "0.5", "2 ** -1");
    tap_is_str(show(bin(WK_NB_TRUEDIV, wk_int(1), wk_int(3))), "0.3333333333333333", "1 / 3");
    tap_is_str(show(bin(WK_NB_ADD, wk_float(0.1), wk_float(0.2))), "0.30000000000000004", "0.1 + 0.2");
    tap_is_str(show(bin(WK_NB_ADD, wk_int(1), wk_float(2.5))), "3.5", "1 + 2.5");
    tap_is_str(show(bin(WK_NB_ADD, WK_TRUEV, WK_TRUEV)), "2", "True + True");
    tap_is_str(show(bin(WK_NB_AND, WK_TRUEV, WK_FALSEV)), "False", "True & False is a bool");
    tap_is_str(show(bin(WK_NB_OR, WK_TRUEV, wk_int(2))), "3", "True | 2 is an int");
    tap_is_str(show(bin(WK_NB_MOD, wk_float(-7.5), wk_float(3))), "1.5", "-7.5 %% 3");
    tap_is_str(show(bin(WK_NB_FLOORDIV, wk_int(1), wk_int(0))),
               "ZeroDivisionError: integer division or modulo by zero", "1 // 0");
    tap_is_str(show(bin(WK_NB_MOD, wk_int(1), wk_int(0))), "ZeroDivisionError: integer modulo by zero", "1 %% 0");
    tap_is_str(show(bin(WK_NB_TRUEDIV, wk_int(1), wk_int(0))), "ZeroDivisionError: division by zero", "1 / 0");
    tap_is_str(show(bin(WK_NB_TRUEDIV, wk_float(1), wk_int(0))), "ZeroDivisionError: float division by zero", "1.0 / 0");
    tap_is_str(show(bin(WK_NB_MOD, wk_float(1), wk_int(0))), "ZeroDivisionError: float modulo", "1.0 %% 0");
    tap_is_str(show(bin(WK_NB_FLOORDIV, wk_float(1), wk_int(0))),
               "ZeroDivisionError: float floor division by zero", "1.0 // 0");
    tap_is_str(show(bin(WK_NB_POW, wk_int(0), wk_int(-1))),
               "ZeroDivisionError: 0.0 cannot be raised to a negative power", "0 ** -1");
    tap_is_str(show(bin(WK_NB_MUL, wk_int(INT64_MAX), wk_int(2))),
               "OverflowError: integer overflow: wick ints are 64-bit", "int overflow");
    tap_is_str(show(bin(WK_NB_LSHIFT, wk_int(1), wk_int(-1))), "ValueError: negative shift count", "1 << -1");
    tap_is_str(show(bin(WK_NB_ADD, wk_int(1), S("a"))),
               "TypeError: unsupported operand type(s) for +: 'int' and 'str'", "1 + 'a'");
    tap_is_str(show(bin(WK_NB_POW, WK_NONEV, wk_int(1))),
               "TypeError: unsupported operand type(s) for ** or pow(): 'NoneType' and 'int'", "None ** 1");
    wk_value s = S("a");
    tap_is_str(show(wk_unop(WK_UN_NEG, s)), "TypeError: bad operand type for unary -: 'str'", "-'a'");
    tap_is_str(show(wk_unop(WK_UN_INVERT, wk_float(1.5))), "TypeError: bad operand type for unary ~: 'float'", "~1.5");
    tap_is_str(show(wk_unop(WK_UN_ABS, s)), "TypeError: bad operand type for abs(): 'str'", "abs('a')");
    wk_decref(s);
    tap_is_str(show(wk_unop(WK_UN_NEG, WK_TRUEV)), "-1", "-True");
    tap_is_str(show(wk_inplace_binop(WK_NB_SUB, wk_int(5), wk_int(7))), "-2", "x -= 7");
}

static void test_compare_hash(void) {
    wk_value s = S("a");
    tap_is_str(show(wk_richcmp(wk_int(1), s, WK_LT)),
               "TypeError: '<' not supported between instances of 'int' and 'str'", "1 < 'a'");
    tap_is_str(show(wk_richcmp(wk_int(1), s, WK_EQ)), "False", "1 == 'a'");
    tap_is_str(show(wk_richcmp(wk_int(1), s, WK_NE)), "True", "1 != 'a'");
    tap_is_int(wk_eq(wk_int(1), wk_float(1.0)), 1, "1 == 1.0");
    tap_is_int(wk_eq(wk_int(((int64_t)1 << 53) + 1), wk_float(9007199254740992.0)), 0,
               "2**53 + 1 != 2.0**53 (exact)");
    tap_is_int(wk_richcmp_bool(wk_int(INT64_MAX), wk_float(9223372036854775808.0), WK_LT), 1,
               "int64 max < 2.0**63");
    tap_is_int(wk_richcmp_bool(wk_float(NAN), wk_float(NAN), WK_EQ), 0, "nan != nan");
    tap_is_int(wk_eq(WK_TRUEV, wk_int(1)), 1, "True == 1");
    int64_t h;
    tap_ok(wk_hash(wk_int(-1), &h) && h == -2, "hash(-1) == -2");
    tap_ok(wk_hash(wk_float(1.5), &h) && h == 1152921504606846977LL, "hash(1.5)");
    tap_ok(wk_hash(s, &h), "str is hashable");
    wk_obj *l = wk_list_new(0);
    tap_ok(!wk_hash(wk_objv(l), &h), "list is unhashable");
    tap_is_str(show(WK_NULLV), "TypeError: unhashable type: 'list'", "unhashable message");
    wk_obj_decref(l);
    wk_decref(s);
}

static void test_text(void) {
    tap_is_str(show(wk_int(-5)), "-5", "repr(-5)");
    tap_is_str(show(wk_float(1e16)), "1e+16", "repr(1e16)");
    tap_is_str(show(wk_float(2.0)), "2.0", "repr(2.0)");
    tap_is_str(show(WK_TRUEV), "True", "repr(True)");
    tap_is_str(show(WK_NONEV), "None", "repr(None)");
    tap_is_str(show(wk_incref(wk_typev(&wk_type_int))), "<class 'int'>", "repr(int)");
    tap_is_str(show(wk_notimplemented()), "NotImplemented", "repr(NotImplemented)");
    tap_is_str(show(wk_ellipsis()), "Ellipsis", "repr(Ellipsis)");
    wk_value sp = S(">6.2f");
    tap_is_str(show(wk_format(wk_float(3.14159), sp)), "'  3.14'", "format(3.14159, '>6.2f')");
    wk_decref(sp);
    sp = S("");
    tap_is_str(show(wk_format(WK_TRUEV, sp)), "'True'", "format(True, '')");
    wk_decref(sp);
    sp = S("d");
    tap_is_str(show(wk_format(WK_TRUEV, sp)), "'1'", "format(True, 'd')");
    wk_decref(sp);
    sp = S("é");
    tap_is_str(show(wk_ascii(sp)), "\"'\\\\xe9'\"", "ascii('é')");
    wk_decref(sp);
}

static void test_attrs_calls(void) {
    tap_is_str(show(wk_getattr_s(wk_int(5), "real")), "5", "(5).real");
    tap_is_str(show(wk_getattr_s(wk_int(5), "x")), "AttributeError: 'int' object has no attribute 'x'",
               "missing attribute");
    tap_ok(wk_setattr_s(wk_int(5), "x", wk_int(1)) < 0, "setattr on int fails");
    tap_is_str(show(WK_NULLV), "AttributeError: 'int' object has no attribute 'x'", "setattr message");
    tap_ok(wk_setattr_s(wk_int(5), "real", wk_int(1)) < 0, "int.real is read-only");
    tap_is_str(show(WK_NULLV), "AttributeError: attribute 'real' of 'int' objects is not writable",
               "read-only getset message");
    tap_ok(wk_setattr_s(wk_typev(&wk_type_int), "foo", wk_int(1)) < 0, "setattr on int type fails");
    tap_is_str(show(WK_NULLV), "TypeError: cannot set 'foo' attribute of immutable type 'int'",
               "immutable type message");
    tap_is_str(show(wk_getattr_s(wk_typev(&wk_type_int), "nope")),
               "AttributeError: type object 'int' has no attribute 'nope'", "type attribute message");
    tap_is_str(show(wk_call0(wk_int(1))), "TypeError: 'int' object is not callable", "1()");
    tap_is_str(show(wk_getitem(wk_int(1), wk_int(0))), "TypeError: 'int' object is not subscriptable", "1[0]");
    tap_is_int(wk_len(wk_int(1)), -1, "len(1) fails");
    tap_is_str(show(WK_NULLV), "TypeError: object of type 'int' has no len()", "len message");
    tap_is_int(wk_contains(wk_int(1), wk_int(1)), -1, "1 in 1 fails");
    tap_is_str(show(WK_NULLV), "TypeError: argument of type 'int' is not iterable", "in message");
    tap_is_str(show(wk_iter(wk_int(1))), "TypeError: 'int' object is not iterable", "iter(1)");
    wk_value args[2] = { wk_int(1), wk_int(2) };
    wk_value add = wk_getattr_s(wk_typev(&wk_type_int), "__add__");
    tap_is_str(show(wk_call(add, args, 2, NULL)), "3", "int.__add__(1, 2)");
    tap_is_str(show(wk_call(add, args, 1, NULL)), "TypeError: expected 1 argument, got 0", "int.__add__(1)");
    tap_is_str(show(wk_incref(add)), "<slot wrapper '__add__' of 'int' objects>", "slot wrapper repr");
    wk_decref(add);
    wk_value radd = wk_getattr_s(wk_typev(&wk_type_float), "__radd__");
    wk_value fargs[2] = { wk_float(1.5), wk_int(1) };
    tap_is_str(show(wk_call(radd, fargs, 2, NULL)), "2.5", "float.__radd__(1.5, 1)");
    wk_decref(radd);
    args[1] = wk_float(1.5);
    tap_is_str(show(wk_call_method_s(wk_int(1), "__add__", &args[1], 1)), "NotImplemented", "(1).__add__(1.5)");
    tap_is_str(show(wk_call_method_s(wk_int(7), "bit_length", NULL, 0)), "3", "(7).bit_length()");
    tap_is_str(show(wk_call_method_s(wk_float(2.5), "as_integer_ratio", NULL, 0)), "(5, 2)", "as_integer_ratio");
}

static wk_value call_type(wk_type *t, int n, wk_value a, wk_value b) {
    wk_value args[2] = { a, b };
    wk_value r = wk_call(wk_typev(t), args, n, NULL);
    for (int i = 0; i < n; i++) wk_decref(args[i]);
    return r;
}

static void test_constructors(void) {
    tap_is_str(show(call_type(&wk_type_int, 1, S(" 12_3 "), WK_NULLV)), "123", "int(' 12_3 ')");
    tap_is_str(show(call_type(&wk_type_int, 2, S("ff"), wk_int(16))), "255", "int('ff', 16)");
    tap_is_str(show(call_type(&wk_type_int, 1, wk_float(-3.9), WK_NULLV)), "-3", "int(-3.9)");
    tap_is_str(show(call_type(&wk_type_int, 1, S("abc"), WK_NULLV)),
               "ValueError: invalid literal for int() with base 10: 'abc'", "int('abc')");
    tap_is_str(show(call_type(&wk_type_int, 2, wk_float(1.5), wk_int(10))),
               "TypeError: int() can't convert non-string with explicit base", "int(1.5, 10)");
    tap_is_str(show(call_type(&wk_type_int, 2, S("1"), wk_int(40))),
               "ValueError: int() base must be >= 2 and <= 36, or 0", "int('1', 40)");
    tap_is_str(show(call_type(&wk_type_int, 1, WK_NONEV, WK_NULLV)),
               "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
               "int(None)");
    tap_is_str(show(call_type(&wk_type_int, 1, wk_float(NAN), WK_NULLV)),
               "ValueError: cannot convert float NaN to integer", "int(nan)");
    tap_is_str(show(call_type(&wk_type_float, 1, S(" -inf "), WK_NULLV)), "-inf", "float(' -inf ')");
    tap_is_str(show(call_type(&wk_type_float, 1, S("x"), WK_NULLV)),
               "ValueError: could not convert string to float: 'x'", "float('x')");
    tap_is_str(show(call_type(&wk_type_float, 2, wk_int(1), wk_int(2))),
               "TypeError: float expected at most 1 argument, got 2", "float(1, 2)");
    tap_is_str(show(call_type(&wk_type_bool, 1, S(""), WK_NULLV)), "False", "bool('')");
    tap_is_str(show(call_type(&wk_type_object, 1, wk_int(1), WK_NULLV)), "TypeError: object() takes no arguments",
               "object(1)");
    tap_is_str(show(call_type(&wk_type_type, 1, wk_int(1), WK_NULLV)), "<class 'int'>", "type(1)");
    tap_is_str(show(call_type(&wk_type_type, 2, wk_int(1), wk_int(2))), "TypeError: type() takes 1 or 3 arguments",
               "type(1, 2)");
}

static void test_exceptions(void) {
    tap_ok(wk_type_is_subtype(wk_exc_ModuleNotFoundError, wk_exc_ImportError), "ModuleNotFoundError < ImportError");
    tap_ok(wk_type_is_subtype(wk_exc_TabError, wk_exc_SyntaxError), "TabError < SyntaxError");
    tap_ok(wk_type_is_subtype(wk_exc_KeyError, wk_exc_LookupError), "KeyError < LookupError");
    tap_ok(!wk_type_is_subtype(wk_exc_KeyboardInterrupt, wk_exc_Exception), "KeyboardInterrupt not < Exception");
    wk_value a = S("k");
    wk_obj *e = wk_exc_new(wk_exc_KeyError, &a, 1);
    wk_value s = wk_str(wk_objv(e));
    tap_is_str(wk_str_cstr(s), "'k'", "str(KeyError('k'))");
    wk_decref(s);
    tap_is_str(show(wk_objv(e)), "KeyError('k')", "repr(KeyError('k'))");
    wk_value two[2] = { a, wk_int(1) };
    tap_is_str(show(wk_objv(wk_exc_new(wk_exc_Exception, two, 2))), "Exception('k', 1)", "repr with two args");
    tap_is_str(show(wk_objv(wk_exc_new(wk_exc_StopIteration, NULL, 0))), "StopIteration()", "repr no args");
    wk_decref(a);
    wk_raise(wk_exc_ValueError, "bad %d", 42);
    tap_ok(wk_err_matches(wk_exc_Exception) && !wk_err_matches(wk_exc_TypeError), "wk_err_matches");
    tap_is_str(show(WK_NULLV), "ValueError: bad 42", "wk_raise formats");
    wk_raise_nomem();
    tap_ok(wk_err_matches(wk_exc_MemoryError), "wk_raise_nomem raises MemoryError");
    wk_err_clear();
    wk_value os_args[3] = { wk_int(2), S("No such file"), S("x.txt") };
    wk_obj *ose = wk_exc_new(wk_exc_OSError, os_args, 3);
    tap_ok(ose && ose->type == wk_exc_FileNotFoundError, "OSError(ENOENT, ...) is a FileNotFoundError");
    s = wk_str(wk_objv(ose));
    tap_is_str(wk_str_cstr(s), "[Errno 2] No such file: 'x.txt'", "str(OSError)");
    wk_decref(s);
    wk_obj_decref(ose);
    wk_decref(os_args[1]);
    wk_decref(os_args[2]);
}

static void test_args(void) {
    wk_value out[3], args[4] = { wk_int(1), wk_int(2), wk_int(3), wk_int(4) };
    tap_ok(wk_args_parse("f", args, 2, NULL, "a |b c", out) && WK_IS_NULL(out[2]), "optional args");
    tap_ok(!wk_args_parse("f", args, 4, NULL, "a |b c", out), "too many");
    tap_is_str(show(WK_NULLV), "TypeError: f() takes at most 3 arguments (4 given)", "too many message");
    tap_ok(!wk_args_parse("f", args, 0, NULL, "a |b c", out), "missing");
    tap_is_str(show(WK_NULLV), "TypeError: f() missing required argument 'a' (pos 1)", "missing message");
    wk_obj *kw = wk_tuple_pack(1, wk_objv(wk_intern("c")));
    tap_ok(wk_args_parse("f", args, 1, kw, "a |b c", out) && out[2].u.i == 2 && WK_IS_NULL(out[1]),
           "keyword argument");
    tap_ok(!wk_args_parse("f", args, 1, kw, "a |b", out), "unexpected keyword");
    tap_is_str(show(WK_NULLV), "TypeError: f() got an unexpected keyword argument 'c'", "unexpected message");
    tap_ok(!wk_args_parse("f", args, 1, kw, "a b /", out), "no keywords accepted");
    tap_is_str(show(WK_NULLV), "TypeError: f() takes no keyword arguments", "no keywords message");
    wk_obj_decref(kw);
    tap_ok(!wk_args_none("g", 1, NULL), "wk_args_none");
    tap_is_str(show(WK_NULLV), "TypeError: g() takes no arguments (1 given)", "no arguments message");
}

/* A class made with type('P', (), ns) whose __add__/__eq__/__len__ are builtin
 * functions wrapped in staticmethod-free form: we use slot dispatch through cfunctions
 * stored as class attributes (they do not bind self, so they take (self, other)). */
static wk_value p_add(const wk_value *a, int n, wk_obj *kw) { (void)n; (void)kw; (void)a; return wk_str_from_c("added"); }
static wk_value p_len(const wk_value *a, int n, wk_obj *kw) { (void)n; (void)kw; (void)a; return wk_int(3); }

static void test_user_class(void) {
    wk_obj *ns = wk_dict_new();
    wk_value f = wk_cfunction_new("__add__", p_add, NULL);
    wk_value g = wk_cfunction_new("__len__", p_len, NULL);
    wk_value eq = wk_cfunction_new("__eq__", p_add, NULL);
    wk_dict_set_s(ns, "__radd__", f);
    wk_dict_set_s(ns, "__len__", g);
    wk_dict_set_s(ns, "__eq__", eq);
    wk_decref(f); wk_decref(g); wk_decref(eq);
    wk_type *t = wk_type_new_class("P", NULL, ns, "__main__");
    wk_obj_decref(ns);
    tap_ok(t != NULL, "class created");
    if (!t) { show(WK_NULLV); return; }
    tap_is_str(show(wk_incref(wk_typev(t))), "<class '__main__.P'>", "class repr");
    wk_value inst = wk_call0(wk_typev(t));
    tap_ok(!WK_IS_NULL(inst) && wk_len(inst) == 3, "__len__ dispatch");
    tap_is_str(show(wk_binop(WK_NB_ADD, wk_int(1), inst)), "'added'", "1 + P() uses __radd__");
    tap_is_str(show(wk_binop(WK_NB_ADD, inst, wk_int(1))),
               "TypeError: unsupported operand type(s) for +: 'P' and 'int'", "P() + 1 unsupported");
    int64_t h;
    tap_ok(!wk_hash(inst, &h), "__eq__ without __hash__ is unhashable");
    tap_is_str(show(WK_NULLV), "TypeError: unhashable type: 'P'", "unhashable user class");
    tap_ok(wk_setattr_s(inst, "x", wk_int(5)) == 0, "instance attribute set");
    tap_is_str(show(wk_getattr_s(inst, "x")), "5", "instance attribute get");
    tap_ok(strncmp(show(wk_call_method_s(wk_typev(&wk_type_object), "__repr__", &inst, 1)),
                   "'<__main__.P object at 0x", 25) == 0, "object.__repr__(P())");
    int64_t rc = inst.u.o->refcnt;
    for (int i = 0; i < 10; i++) {
        wk_decref(wk_binop(WK_NB_ADD, wk_int(1), inst));
        wk_decref(wk_getattr_s(inst, "x"));
        wk_len(inst);
    }
    tap_is_int(inst.u.o->refcnt, rc, "refcount balanced after operations");
    wk_decref(inst);
}

static void test_refcounts(void) {
    wk_obj *l = wk_list_new(0);
    wk_value lv = wk_objv(l);
    int64_t rc = l->refcnt;
    for (int i = 0; i < 5; i++) {
        show(wk_binop(WK_NB_ADD, wk_int(1), lv));
        show(wk_richcmp(lv, wk_int(1), WK_LT));
        wk_decref(wk_repr(lv));
        wk_decref(wk_getattr_s(lv, "append"));
        show(wk_getattr_s(lv, "nope"));
        wk_obj *t = wk_sequence_tuple(lv);
        wk_obj_decref(t);
    }
    tap_is_int(l->refcnt, rc, "list refcount balanced after failing and succeeding operations");
    wk_obj_decref(l);
}

int main(int argc, char **argv) {
    if (!wk_init(argc, argv)) tap_bail_out("wk_init failed");
    test_int_float_ops();
    test_compare_hash();
    test_text();
    test_attrs_calls();
    test_constructors();
    test_exceptions();
    test_args();
    test_user_class();
    test_refcounts();
    return tap_done_testing();
}
