/* test_str.c — TAP tests of the UTF-8 helpers and the str / bytes C API. */
#include "../../lang/object.h"
#include "../../lang/str_int.h"
#include "../../lang/utf8.h"
#include "tap.h"
#include <string.h>

static void test_utf8_codec(void) {
    static const uint32_t cps[] = { 0, 0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x20AC, 0xFFFF,
                                    0x10000, 0x1F600, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        int n = wk_utf8_encode(cps[i], buf);
        uint32_t back = 0;
        int m = wk_utf8_decode(buf, (size_t)n, &back);
        tap_ok(m == n && back == cps[i], "encode/decode round trip U+%04X (%d bytes)", cps[i], n);
    }
    uint32_t cp;
    tap_is_int(wk_utf8_decode("\xC0\x80", 2, &cp), 0, "overlong 2-byte form rejected");
    tap_is_int(wk_utf8_decode("\xED\xA0\x80", 3, &cp), 0, "surrogate rejected");
    tap_is_int(wk_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0, "above U+10FFFF rejected");
    tap_is_int(wk_utf8_decode("\xE2\x82", 2, &cp), 0, "truncated sequence rejected");
    tap_is_int(wk_utf8_seqlen(0xF0), 4, "seqlen of a 4-byte lead");
    tap_is_int(wk_utf8_seqlen(0x80), 0, "seqlen of a continuation byte");
}

static void test_utf8_validate(void) {
    size_t nchars = 0;
    wk_utf8_error e;
    const char *ok = "na\xC3\xAFve caf\xC3\xA9 \xF0\x9F\x98\x80 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";
    tap_ok(wk_utf8_validate(ok, strlen(ok), &nchars, &e) && nchars == 16, "valid text, 16 code points");
    tap_ok(!wk_utf8_validate("ab\xFF", 3, NULL, &e) && e.start == 2 && e.end == 3 &&
           strcmp(e.reason, "invalid start byte") == 0, "invalid start byte at 2");
    tap_ok(!wk_utf8_validate("\xE2\x28\xA1", 3, NULL, &e) && e.start == 0 && e.end == 1 &&
           strcmp(e.reason, "invalid continuation byte") == 0, "invalid continuation byte");
    tap_ok(!wk_utf8_validate("x\xE2\x82", 3, NULL, &e) && e.start == 1 && e.end == 3 &&
           strcmp(e.reason, "unexpected end of data") == 0, "unexpected end of data");
    bool ascii;
    tap_is_int((long long)wk_utf8_scan(ok, strlen(ok), &ascii), 16, "scan counts code points");
    tap_ok(!ascii, "scan sees non-ASCII");
    tap_is_int((long long)wk_utf8_scan("abcdefghijklmnop", 16, &ascii), 16, "scan of ASCII");
    tap_ok(ascii, "scan sees ASCII");
    const char *s = "h\xC3\xA9llo w\xC3\xB6rld";
    tap_is_int((long long)wk_utf8_offset(s, strlen(s), 2), 3, "offset of code point 2");
    tap_is_int((long long)wk_utf8_offset(s, strlen(s), 99), (long long)strlen(s), "offset clamps to the end");
    tap_is_int((long long)wk_utf8_index(s, 10), 8, "index of byte 10");
}

static void test_str_api(void) {
    wk_value a = wk_str_from_c("h\xC3\xA9llo");
    wk_strobj *s = WK_STR(a.u.o);
    tap_ok(s->len == 6 && s->nchars == 5 && !s->ascii, "wk_str_from_c sets len, nchars, ascii");
    wk_value b = wk_str_fromf("%s-%d", "x", 42);
    tap_is_str(wk_str_cstr(b), "x-42", "wk_str_fromf");
    wk_value c = wk_str_concat(a, b);
    tap_is_str(wk_str_cstr(c), "h\xC3\xA9llox-42", "wk_str_concat");
    tap_is_int(WK_STR(c.u.o)->nchars, 9, "concat nchars");
    wk_obj *i1 = wk_intern("hello"), *i2 = wk_intern("hello");
    tap_ok(i1 == i2 && WK_STR(i1)->interned, "wk_intern returns the same object");
    wk_value d = wk_str_new("hello", 5);
    tap_ok(wk_intern_obj(d.u.o) == i1, "wk_intern_obj finds the interned twin");
    tap_ok(wk_str_equal(d.u.o, i1) && !wk_str_equal(d.u.o, a.u.o), "wk_str_equal");
    wk_value parts[3] = { a, b, d };
    wk_value j = wk_str_join_array(parts, 3);
    tap_is_str(wk_str_cstr(j), "h\xC3\xA9llox-42hello", "wk_str_join_array");
    wk_value e1 = wk_str_new("", 0), e2 = wk_str_empty();
    tap_ok(e1.u.o == e2.u.o, "the empty string is shared");
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    { const char *r = "it's \"q\"\n\x01\xC3\xA9"; wk_str_repr_to(&sb, r, strlen(r)); }
    tap_is_str(sb.data, "'it\\'s \"q\"\\n\\x01\xC3\xA9'", "wk_str_repr_to");
    wk_sbuf_free(&sb);
    wk_value vals[] = { a, b, c, d, j, e1, e2 };
    for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++) wk_decref(vals[k]);
}

static void test_append_inplace(void) {
    wk_value s = wk_str_new("", 0);
    wk_value x = wk_str_new("ab", 2), e = wk_str_new("\xC3\xA9", 2);
    wk_obj *first_grown = NULL;
    bool same = true;
    for (int i = 0; i < 1000; i++) {
        if (!wk_str_append_inplace(&s, i % 10 == 9 ? e : x)) break;
        if (i == 50) first_grown = s.u.o;
        if (i > 50 && i < 60 && s.u.o != first_grown) same = false;
    }
    wk_strobj *o = WK_STR(s.u.o);
    tap_ok(o->len == 2000 && o->nchars == 1900 && !o->ascii, "1000 appends: len %lld nchars %lld",
           (long long)o->len, (long long)o->nchars);
    tap_ok(same, "appends reuse the allocation while it has room");
    tap_ok(strncmp(o->data, "ababab", 6) == 0 && o->data[o->len] == 0, "appended text is NUL-terminated");
    wk_value keep = wk_incref(s);
    wk_value before = s;
    wk_str_append_inplace(&s, x);
    tap_ok(s.u.o != before.u.o && WK_STR(keep.u.o)->len == 2000, "a shared string is not mutated");
    wk_decref(keep);
    wk_decref(s);
    wk_decref(x);
    wk_decref(e);
}

static void test_offsets(void) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int i = 0; i < 500; i++) wk_sbuf_adds(&sb, i % 3 == 0 ? "\xC3\xA9" : i % 7 == 0 ? "\xF0\x9F\x98\x80" : "a");
    wk_value v = wk_str_new(sb.data, sb.len);
    wk_strobj *s = WK_STR(v.u.o);
    bool ok = true;
    unsigned r = 12345;
    for (int k = 0; k < 3000 && ok; k++) {
        r = r * 1103515245u + 12345u;
        int64_t i = k < 1000 ? k % (s->nchars + 1) : (int64_t)((r >> 8) % (unsigned)(s->nchars + 1));
        ok = wk_str_off(s, i) == wk_utf8_offset(s->data, (size_t)s->len, (size_t)i);
        if (!ok) tap_diag("index %lld", (long long)i);
    }
    tap_ok(ok, "cached code point offsets agree with a scan from the start");
    wk_decref(v);
    wk_sbuf_free(&sb);
}

static void test_bytes_api(void) {
    wk_value b = wk_bytes_new("a\0b", 3);
    wk_bytes *o = (wk_bytes *)b.u.o;
    tap_ok(o->len == 3 && o->data[1] == 0 && o->data[3] == 0, "wk_bytes_new keeps NULs");
    tap_ok(wk_str_hash_bytes("abc", 3) == wk_str_hash_bytes("abc", 3) &&
           wk_str_hash_bytes("abc", 3) != wk_str_hash_bytes("abd", 3), "hash is stable and discriminates");
    wk_decref(b);
}

int main(void) {
    test_utf8_codec();
    test_utf8_validate();
    test_str_api();
    test_append_inplace();
    test_offsets();
    test_bytes_api();
    return tap_done_testing();
}
