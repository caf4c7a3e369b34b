/* test_containers.c — C API checks of list, tuple, dict, set and slice: growth, deletion
 * and reinsertion order, refcount balance, reprs, sorting stability. */
#include "../../lang/vm.h"
#include "../../lang/containers.h"
#include "tap.h"

static const char *repr_of(wk_value v) {
    static char buf[4096];
    wk_value r = wk_repr(v);
    if (WK_IS_NULL(r)) { wk_err_clear(); return "<error>"; }
    snprintf(buf, sizeof buf, "%s", wk_str_cstr(r));
    wk_decref(r);
    return buf;
}

static void test_dict_growth(void) {
    wk_obj *d = wk_dict_new();
    bool ok = true;
    for (int64_t i = 0; i < 5000; i++) ok &= wk_dict_set(d, wk_int(i * 7), wk_int(i)) == 0;
    tap_ok(ok && wk_dict_len(d) == 5000, "5000 int keys inserted");
    wk_value v;
    for (int64_t i = 0; i < 5000 && ok; i++) ok = wk_dict_lookup(d, wk_int(i * 7), &v) == 1 && v.u.i == i;
    tap_ok(ok, "every key found with its value");
    tap_is_int(wk_dict_lookup(d, wk_int(3), &v), 0, "absent key reports 0");
    int64_t pos = 0, n = 0;
    wk_value k;
    ok = true;
    while (wk_dict_next(d, &pos, &k, &v)) ok &= k.u.i == n++ * 7;
    tap_ok(ok && n == 5000, "iteration follows insertion order");
    for (int64_t i = 0; i < 5000; i += 2) ok &= wk_dict_del(d, wk_int(i * 7)) == 0;
    tap_ok(ok && wk_dict_len(d) == 2500, "half the keys deleted");
    for (int64_t i = 0; i < 5000; i += 2) ok &= wk_dict_set(d, wk_int(i * 7), wk_int(-i)) == 0;
    pos = 0; n = 0;
    while (wk_dict_next(d, &pos, &k, &v)) {
        int64_t want = n < 2500 ? (2 * n + 1) * 7 : (2 * (n - 2500)) * 7;
        ok &= k.u.i == want;
        n++;
    }
    tap_ok(ok && n == 5000, "reinserted keys go to the end");
    wk_obj_decref(d);
}

static void test_dict_order_small(void) {
    wk_obj *d = wk_dict_new();
    wk_dict_set_s(d, "a", wk_int(1));
    wk_dict_set_s(d, "b", wk_int(2));
    wk_dict_set_s(d, "c", wk_int(3));
    wk_dict_del(d, wk_objv(wk_intern("b")));
    wk_dict_set_s(d, "b", wk_int(4));
    wk_dict_set_s(d, "a", wk_int(5));
    tap_is_str(repr_of(wk_objv(d)), "{'a': 5, 'c': 3, 'b': 4}", "delete + reinsert order and repr");
    wk_value v;
    tap_ok(wk_dict_lookup_str(d, wk_intern("c"), &v) == 1 && v.u.i == 3, "lookup_str finds an interned key");
    wk_value s = wk_str_from_c("c");
    tap_ok(wk_dict_lookup(d, s, &v) == 1 && v.u.i == 3, "lookup with a non-interned equal str");
    wk_decref(s);
    tap_ok(WK_IS_NULL(wk_dict_get_s(d, "zz")) && !wk_err_occurred(), "get_s of a missing key");
    tap_ok(wk_dict_del(d, wk_int(1)) < 0 && wk_err_matches(wk_exc_KeyError), "deleting a missing key raises KeyError");
    wk_err_clear();
    wk_obj *l = wk_list_new(0);
    tap_ok(wk_dict_set(d, wk_objv(l), wk_int(1)) < 0 && wk_err_matches(wk_exc_TypeError), "list key is unhashable");
    wk_err_clear();
    wk_obj_decref(l);
    wk_obj_decref(d);
}

static void test_refcounts(void) {
    wk_value key = wk_str_from_c("some key not interned");
    wk_obj *val = wk_list_new(0);
    int64_t rk = key.u.o->refcnt, rv = val->refcnt;
    wk_obj *d = wk_dict_new();
    wk_dict_set(d, key, wk_objv(val));
    wk_dict_set(d, key, wk_objv(val));
    tap_ok(key.u.o->refcnt == rk + 1 && val->refcnt == rv + 1, "dict holds one reference to key and value");
    wk_obj *c = wk_dict_copy(d);
    tap_ok(val->refcnt == rv + 2, "copy adds a reference");
    wk_obj_decref(c);
    wk_dict_del(d, key);
    tap_ok(key.u.o->refcnt == rk && val->refcnt == rv, "delete releases both");
    wk_dict_set(d, key, wk_objv(val));
    wk_obj_decref(d);
    tap_ok(key.u.o->refcnt == rk && val->refcnt == rv, "dealloc releases both");

    wk_obj *l = wk_list_new(0);
    for (int i = 0; i < 100; i++) wk_list_append(l, wk_objv(val));
    tap_ok(val->refcnt == rv + 100, "100 appends hold 100 references");
    wk_obj *t = wk_tuple_from_array(WK_LIST(l)->items, WK_LIST(l)->len);
    wk_obj_decref(l);
    tap_ok(val->refcnt == rv + 100, "tuple took its own references");
    wk_obj_decref(t);
    tap_ok(val->refcnt == rv, "all released");

    wk_obj *s = wk_set_new(&wk_type_set);
    wk_set_add(s, key);
    wk_set_add(s, key);
    tap_ok(key.u.o->refcnt == rk + 1 && wk_set_len(s) == 1, "set holds one reference");
    wk_set_discard(s, key);
    tap_ok(key.u.o->refcnt == rk && wk_set_len(s) == 0, "discard releases it");
    wk_obj_decref(s);
    wk_decref(key);
    wk_obj_decref(val);
}

static void test_set_order(void) {
    wk_obj *s = wk_set_new(&wk_type_set);
    int64_t vals[] = { 9, 3, 17, 1, 0, 12, 5 };
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) wk_set_add(s, wk_int(vals[i]));
    tap_is_str(repr_of(wk_objv(s)), "{0, 1, 3, 5, 9, 12, 17}", "small ints iterate ascending");
    tap_ok(wk_set_contains(s, wk_float(3.0)) == 1 && wk_set_contains(s, wk_int(4)) == 0, "contains with 3.0 and 4");
    wk_obj_decref(s);
    wk_obj *f = wk_set_new(&wk_type_frozenset);
    tap_is_str(repr_of(wk_objv(f)), "frozenset()", "empty frozenset repr");
    wk_obj_decref(f);
}

static void test_tuple_list(void) {
    wk_obj *e1 = wk_tuple_new(0), *e2 = wk_empty_tuple();
    tap_ok(e1 == e2, "empty tuple is shared");
    wk_obj_decref(e1); wk_obj_decref(e2);
    wk_obj *a = wk_tuple_pack(2, wk_int(1), wk_float(2.5)), *b = wk_tuple_pack(2, wk_int(1), wk_float(2.5));
    int64_t ha, hb;
    tap_ok(wk_hash(wk_objv(a), &ha) && wk_hash(wk_objv(b), &hb) && ha == hb, "equal tuples hash equal");
    tap_is_str(repr_of(wk_objv(a)), "(1, 2.5)", "tuple repr");
    wk_obj_decref(a); wk_obj_decref(b);
    wk_obj *one = wk_tuple_pack(1, WK_NONEV);
    tap_is_str(repr_of(wk_objv(one)), "(None,)", "1-tuple repr");
    wk_obj_decref(one);
    wk_obj *l = wk_list_new(2);
    wk_list_set_steal(l, 0, wk_int(1));
    wk_list_append(l, wk_objv(l));
    tap_is_str(repr_of(wk_objv(l)), "[1, None, [...]]", "recursive list repr");
    WK_LIST(l)->len--;
    wk_obj_decref(l);
    wk_obj_decref(l);
}

static void test_slice_and_sort(void) {
    wk_value s = wk_slice_new(WK_NULLV, WK_NULLV, wk_int(-2));
    int64_t a, b, st, n;
    tap_ok(wk_slice_indices(s.u.o, 10, &a, &b, &st, &n) && a == 9 && b == -1 && st == -2 && n == 5,
           "slice(None, None, -2).indices(10)");
    tap_is_str(repr_of(s), "slice(None, None, -2)", "slice repr");
    wk_decref(s);
    s = wk_slice_new(wk_int(-100), wk_int(100), WK_NULLV);
    tap_ok(wk_slice_indices(s.u.o, 5, &a, &b, &st, &n) && a == 0 && b == 5 && n == 5, "clamped slice");
    wk_decref(s);
    wk_value items[6], keys[6];
    int64_t k[6] = { 3, 1, 3, 2, 1, 3 };
    for (int i = 0; i < 6; i++) { items[i] = wk_int(i); keys[i] = wk_int(k[i]); }
    tap_ok(wk_sort_values(items, keys, 6, false), "sort by keys");
    tap_ok(items[0].u.i == 1 && items[1].u.i == 4 && items[2].u.i == 3 && items[3].u.i == 0 &&
           items[4].u.i == 2 && items[5].u.i == 5, "stable ascending");
    for (int i = 0; i < 6; i++) { items[i] = wk_int(i); keys[i] = wk_int(k[i]); }
    wk_sort_values(items, keys, 6, true);
    tap_ok(items[0].u.i == 0 && items[1].u.i == 2 && items[2].u.i == 5 && items[3].u.i == 3 &&
           items[4].u.i == 1 && items[5].u.i == 4, "stable descending");
}

int main(int argc, char **argv) {
    if (!wk_init(argc, argv)) tap_bail_out("wk_init failed");
    test_dict_growth();
    test_dict_order_small();
    test_refcounts();
    test_set_order();
    test_tuple_list();
    test_slice_and_sort();
    return tap_done_testing();
}
