/* str_int.h — helpers shared by the files of the str and bytes implementation (private). */
#ifndef WK_STR_INT_H
#define WK_STR_INT_H
#include "object.h"
#include "utf8.h"

/* Reference count of the static type objects (never reaches zero; as the core's). */
#define WK_STR_STATIC_REFCNT ((int64_t)1 << 60)

/* A fresh str of nbytes bytes (data uninitialised but NUL-terminated); the caller fills
 * data and then calls wk_str_finish, which computes nchars/ascii (or sets them itself). */
wk_strobj *wk_str_alloc(size_t nbytes);
wk_value wk_str_finish(wk_strobj *s);
wk_value wk_str_empty(void);                       /* new reference to '' */
wk_value wk_str_char(uint32_t cp);                 /* one-character str */
/* Substring by byte offsets [b0, b1) (on code point boundaries). */
wk_value wk_str_sub(wk_strobj *s, size_t b0, size_t b1);
/* Byte offset of code point index i (0 <= i <= nchars); for non-ASCII text this walks
 * from the nearest of the start, the end and the last position looked up. */
size_t wk_str_offset_slow(const wk_strobj *s, int64_t i);
static inline size_t wk_str_off(const wk_strobj *s, int64_t i) {
    return s->ascii ? (size_t)i : wk_str_offset_slow(s, i);
}
/* Code point index of byte offset b. */
static inline int64_t wk_str_idx(const wk_strobj *s, size_t b) {
    return s->ascii ? (int64_t)b : (int64_t)wk_utf8_index(s->data, b);
}
/* Clamps optional start/end arguments (None or absent = default) as str.find does and
 * converts them to byte offsets b0 <= b1. Returns -1 on error (TypeError), 0 when the
 * range is empty beyond repair (start > end or start > len: not even '' matches), 1. */
int wk_str_range(const wk_strobj *s, wk_value start, wk_value end, size_t *b0, size_t *b1);
/* Appends the characters of str s to sb (s must be a str). */
static inline void wk_str_add(wk_sbuf *sb, wk_value s) {
    wk_sbuf_add(sb, WK_STR(s.u.o)->data, (size_t)WK_STR(s.u.o)->len);
}
/* Writes the decimal digits of v (with a '-' when negative) ending at end; returns
 * where they start (at most 20 bytes before end). */
static inline char *wk_int_digits(int64_t v, char *end) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = end;
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) *--p = '-';
    return p;
}
/* The str hash of n bytes (also used for bytes); never -1. */
int64_t wk_str_hash_bytes(const char *p, size_t n);
/* Codec of an encoding name: 0 utf-8, 1 ascii, 2 latin-1; -1 unknown. */
int wk_str_codec(const char *name);
/* Raises the exception (ValueError, OverflowError, TypeError) for a numfmt message. */
wk_value wk_str_fmt_error(const char *err);
/* The % operator and str.format (strformat.c); __format__ for str. */
wk_value wk_str_percent(wk_value fmt, wk_value args);
wk_value wk_str_format_method(const wk_value *args, int nargs, wk_obj *kwnames);
wk_value wk_str_format_map(const wk_value *args, int nargs, wk_obj *kwnames);
wk_value wk_str_format_slot(wk_value self, wk_value spec);
/* Methods implemented in str_transform.c (args[0] is self). mode: 0 lower, 1 upper,
 * 2 swapcase, 3 title, 4 capitalize, 5 casefold; which: the is*() predicates in
 * alphabetical order (isalnum = 0 ... isupper = 11). */
wk_value wk_str_m_case(const wk_value *args, int nargs, wk_obj *kw, int mode);
wk_value wk_str_m_pred(const wk_value *args, int nargs, wk_obj *kw, int which);
wk_value wk_str_m_center(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_ljust(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_rjust(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_zfill(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_expandtabs(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_encode(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_translate(const wk_value *args, int nargs, wk_obj *kw);
wk_value wk_str_m_maketrans(const wk_value *args, int nargs, wk_obj *kw);
/* Method table of str (str_methods.c) and the bytes type's set-up (bytes.c). */
extern const wk_methoddef wk_str_methods[];
bool wk_bytes_type_init(void);
/* bytes.decode(encoding, errors) (WK_NULL arguments take the defaults). */
wk_value wk_bytes_decode(wk_value self, wk_value encoding, wk_value errors);
/* Unicode character classes used by the methods (str_case.c). */
uint32_t wk_str_lower_cp(uint32_t cp);
uint32_t wk_str_upper_cp(uint32_t cp);
bool wk_str_isalpha_cp(uint32_t cp);
bool wk_str_iscased_cp(uint32_t cp);
bool wk_str_isdigit_cp(uint32_t cp);
bool wk_str_isnumeric_cp(uint32_t cp);

#endif
