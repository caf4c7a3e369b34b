/* numfmt.h — pure-C numeric formatting, parsing and arithmetic with CPython 3.11 semantics. */
#ifndef WK_NUMFMT_H
#define WK_NUMFMT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sbuf.h"

/* All functions here take plain C values and write text through wk_sbuf; none of them
 * knows the interpreter's object model.  Functions that can fail return false and, when
 * err is not NULL, write CPython's exception message (NUL-terminated, truncated to
 * errcap) into err.  Unless stated otherwise the message belongs to a ValueError.
 * Conversions rely on the C library's correctly rounded printf/strtod (glibc) and assume
 * LC_NUMERIC is "C" (the default unless the program calls setlocale for it). */

/* ---------------------------------------------------------------- float -> text */

/* Flags for wk_fmt_double (CPython's Py_DTSF_*). */
enum {
    WK_DTS_SIGN = 1,      /* always emit a sign ('+' for non-negative values) */
    WK_DTS_ADD_DOT_0 = 2, /* integral results in fixed notation get ".0" */
    WK_DTS_ALT = 4,       /* '#' alternate form: keep trailing zeros / decimal point */
    WK_DTS_NO_NEG_0 = 8   /* 'z': a result that rounds to zero loses its '-' */
};

/* repr(x) / str(x) for a float: shortest round-tripping digits, CPython's layout. */
void wk_fmt_float_repr(wk_sbuf *sb, double x);
/* PyOS_double_to_string: code is one of e E f F g G r ('r' = repr digits, precision
 * ignored).  Precision follows CPython: 'g' with precision 0 means 1. */
void wk_fmt_double(wk_sbuf *sb, double x, char code, int precision, unsigned flags);

/* Decimal digits of |x| (finite).  Fills digits (NUL-terminated, no trailing zeros except
 * for x == 0, which gives "0") and *decpt: value = 0.DIGITS * 10**decpt.
 * mode 0: shortest repr digits (ndigits ignored); mode 2: at most ndigits significant
 * digits (ndigits >= 1); mode 3: ndigits digits after the decimal point (may be empty
 * when the value rounds to zero; then *decpt = -ndigits).  Correctly rounded, ties to
 * even, like David Gay's dtoa (mode 2 is capped at 800 digits, mode 3 at 1100 places:
 * beyond that every double is exact).  Returns the number of digits, or -1 if x is not
 * finite or cap is too small (cap >= 801 always suffices). */
int wk_float_digits(double x, int mode, int ndigits, char *digits, size_t cap, int *decpt);

/* ------------------------------------------------- format() mini-language (PEP 3101) */

typedef struct wk_fmt_spec {
    uint32_t fill;      /* code point, default ' ' */
    char align;         /* '<' '>' '^' '=' */
    char sign;          /* 0, '+', '-', ' ' */
    bool alt;           /* '#' */
    bool no_neg_0;      /* 'z' */
    char grouping;      /* 0, ',' or '_' */
    int group_every;    /* 3, or 4 for '_' with b/o/x/X */
    int64_t width;      /* -1 when absent */
    int64_t precision;  /* -1 when absent */
    uint32_t type;      /* code point of the presentation type (default_type when absent) */
} wk_fmt_spec;

/* Parses a format spec (UTF-8) as CPython's parse_internal_render_format_spec, including
 * the ',' / '_' checks against the type (default_type: 'd' for int, 0 for float, 's' for
 * str).  tpname is the Python type name used in messages.  Widths above 2**30 fail with
 * "width too big" (CPython would try to allocate them). */
bool wk_fmt_spec_parse(const char *spec, size_t n, uint32_t default_type, char default_align,
                       const char *tpname, wk_fmt_spec *out, char *err, size_t errcap);

/* format(v, spec) for int, float and str.  Error messages are CPython's ValueError texts,
 * except "%c arg not in range(0x110000)" (an OverflowError; see wk_fmt_err_is_overflow). */
bool wk_fmt_int(wk_sbuf *sb, int64_t v, const char *spec, size_t n, char *err, size_t errcap);
/* Same with a type name for messages (e.g. "bool").  An empty spec gives str(int). */
bool wk_fmt_int_named(wk_sbuf *sb, int64_t v, const char *tpname, const char *spec,
                      size_t n, char *err, size_t errcap);
bool wk_fmt_float(wk_sbuf *sb, double v, const char *spec, size_t n, char *err, size_t errcap);
/* s is UTF-8; width and precision count code points. */
bool wk_fmt_str(wk_sbuf *sb, const char *s, size_t slen, const char *spec, size_t n,
                char *err, size_t errcap);
/* Exception class of a message written by the functions in this header. */
enum { WK_EXC_VALUE = 0, WK_EXC_OVERFLOW = 1, WK_EXC_TYPE = 2 };
int wk_fmt_err_kind(const char *err);
bool wk_fmt_err_is_overflow(const char *err); /* wk_fmt_err_kind(err) == WK_EXC_OVERFLOW */

/* ---------------------------------------------------------- printf-style '%' formatting */

enum {
    WK_PCT_LJUST = 1,  /* '-' */
    WK_PCT_SIGN = 2,   /* '+' */
    WK_PCT_BLANK = 4,  /* ' ' */
    WK_PCT_ALT = 8,    /* '#' */
    WK_PCT_ZERO = 16   /* '0' */
};
#define WK_PCT_STAR (-2) /* width/precision given as '*' (the caller supplies it) */

typedef struct wk_pct_spec {
    unsigned flags;
    int64_t width;  /* -1 absent, WK_PCT_STAR for '*' */
    int64_t prec;   /* -1 absent, WK_PCT_STAR for '*' */
    uint32_t conv;  /* conversion character (code point), e.g. 'd' 'f' 's' '%' */
} wk_pct_spec;

/* Parses flags, width, precision, length modifier (h l L, ignored as CPython does) and the
 * conversion character, starting just after '%' (and after any "(key)", which the caller
 * handles).  Returns the bytes consumed (conv included), or 0 with a ValueError message:
 * "incomplete format", "width too big", "precision too big".  conv is not validated.
 * A '*' width/precision is returned as WK_PCT_STAR: the caller substitutes the argument
 * (negative width: set WK_PCT_LJUST and negate; negative precision: use 0). */
size_t wk_fmt_percent_parse(const char *s, size_t n, wk_pct_spec *out, char *err, size_t errcap);
/* One conversion of an int: d i u o x X c, and e E f F g G (converted to float).
 * Errors: "%c arg not in range(0x110000)" (OverflowError).  Other conversions return
 * false with an empty message: "unsupported format character" needs the caller's index. */
bool wk_fmt_percent_int(wk_sbuf *sb, int64_t v, const wk_pct_spec *ps, char *err, size_t errcap);
/* One conversion of a float: e E f F g G, and d i u (int(x) first, exact for any size).
 * Errors: "cannot convert float NaN to integer" (ValueError), "cannot convert float
 * infinity to integer" (OverflowError), "%x format: an integer is required, not float"
 * (TypeError, also for o X), "%c requires int or char" (TypeError); see wk_fmt_err_kind. */
bool wk_fmt_percent_float(wk_sbuf *sb, double v, const wk_pct_spec *ps, char *err, size_t errcap);
/* %s / %r / %a once the caller has the text: precision truncates, width pads (code points). */
void wk_fmt_percent_str(wk_sbuf *sb, const char *s, size_t slen, const wk_pct_spec *ps);

/* ------------------------------------------------------------------ strings helpers */

/* repr() of a UTF-8 str as CPython prints it (quote choice, escapes, isprintable per
 * Unicode 14, as Debian's Python 3.11). Invalid UTF-8 bytes appear as \udcNN
 * (surrogateescape). */
void wk_fmt_str_repr(wk_sbuf *sb, const char *s, size_t n);
/* Python's str.isprintable() / str.isspace() / unicodedata.decimal() for one code point. */
bool wk_unicode_isprintable(uint32_t cp);
bool wk_unicode_isspace(uint32_t cp);
int wk_unicode_decimal(uint32_t cp); /* -1 when not a decimal digit */
/* Decodes one UTF-8 code point at s[*i], advancing *i; invalid bytes yield 0xDC00+byte. */
uint32_t wk_utf8_next(const char *s, size_t n, size_t *i);
void wk_utf8_put(wk_sbuf *sb, uint32_t cp);
size_t wk_utf8_count(const char *s, size_t n); /* number of code points */

/* ----------------------------------------------------------------------- parsing */

enum { WK_PARSE_OK = 0, WK_PARSE_INVALID = 1, WK_PARSE_OVERFLOW = 2 };

/* int(s, base): base 0 or 2..36 (caller checks "int() base must be >= 2 and <= 36, or 0").
 * Surrounding whitespace (incl. Unicode spaces), sign, single underscores between digits,
 * prefixes 0x/0o/0b (base 0, or the matching base), Unicode decimal digits.  On failure
 * *err_kind is WK_PARSE_INVALID (ValueError, see wk_fmt_int_literal_error) or
 * WK_PARSE_OVERFLOW (valid literal outside int64). */
bool wk_parse_int(const char *s, size_t n, int base, int64_t *out, int *err_kind);
/* "invalid literal for int() with base 10: 'abc'" (repr clipped to 200 chars as CPython). */
void wk_fmt_int_literal_error(wk_sbuf *sb, const char *s, size_t n, int base);
/* float(s): whitespace, sign, underscores between digits, inf/infinity/nan in any case.
 * Overflowing literals give +-inf, as CPython. Assumes the C locale for LC_NUMERIC. */
bool wk_parse_float(const char *s, size_t n, double *out);
/* "could not convert string to float: 'abc'" */
void wk_fmt_float_literal_error(wk_sbuf *sb, const char *s, size_t n);

/* --------------------------------------------------------------- integer arithmetic */

/* Checked int64 operations: return false when the exact result does not fit. */
bool wk_int_add(int64_t a, int64_t b, int64_t *out);
bool wk_int_sub(int64_t a, int64_t b, int64_t *out);
bool wk_int_mul(int64_t a, int64_t b, int64_t *out);
bool wk_int_neg(int64_t a, int64_t *out);
/* a ** b for b >= 0 (false also for b < 0: the caller computes a float then). */
bool wk_int_pow(int64_t a, int64_t b, int64_t *out);
/* pow(a, b, m) for b >= 0, m != 0; result has the sign of m. False if b < 0 or m == 0. */
bool wk_int_powmod(int64_t a, int64_t b, int64_t m, int64_t *out);
/* a << n for n >= 0 (false also for n < 0: "negative shift count"). */
bool wk_int_lshift(int64_t a, int64_t n, int64_t *out);
/* a >> n for n >= 0 (arithmetic; never overflows). */
int64_t wk_int_rshift(int64_t a, int64_t n);
/* Floor division and modulo with Python's signs.  b must be non-zero (the caller raises
 * ZeroDivisionError "integer division or modulo by zero"); floordiv returns false for
 * INT64_MIN // -1 (and for b == 0). */
bool wk_int_floordiv(int64_t a, int64_t b, int64_t *out);
int64_t wk_int_mod(int64_t a, int64_t b);
bool wk_int_divmod(int64_t a, int64_t b, int64_t *q, int64_t *r);
/* round(v, ndigits) for an int: half to even at 10**-ndigits; false on overflow. */
bool wk_int_round(int64_t v, int64_t ndigits, int64_t *out);
/* Number of bits in |v| (int.bit_length()). */
int wk_int_bit_length(int64_t v);
/* str(v) in base 2, 8, 10 or 16 with optional 0b/0o/0x prefix (bin(), oct(), hex()). */
void wk_fmt_int_base(wk_sbuf *sb, int64_t v, int base, bool prefix, bool upper);

/* ----------------------------------------------------------------- float arithmetic */

/* x // y, x % y, divmod for floats as CPython (y != 0; the caller raises
 * "float floor division by zero" / "float modulo" / "float divmod()"). */
double wk_float_floordiv(double x, double y);
double wk_float_mod(double x, double y);
void wk_float_divmod(double x, double y, double *q, double *r);
/* round(x, ndigits): correctly rounded; false when the result overflows
 * (OverflowError "rounded value too large to represent"). nan/inf round to themselves. */
bool wk_float_round(double x, int64_t ndigits, double *out);
/* round(x) before conversion to int: nearest integer, ties to even (as a double). */
double wk_float_round_half_even(double x);
/* int(x) (truncation) into int64: WK_PARSE_OK, or sets *err_kind and returns false:
 * 1 = NaN ("cannot convert float NaN to integer", ValueError),
 * 2 = infinity ("cannot convert float infinity to integer", OverflowError),
 * 3 = finite but outside int64 (OverflowError in wick). */
bool wk_float_to_int64(double x, int64_t *out, int *err_kind);
/* float.is_integer(). */
bool wk_float_is_integer(double x);

/* ------------------------------------------------------------------------- hashing */

/* CPython's numeric hash (modulus 2**61 - 1, hash(-1) == -2, hash(inf) == 314159).
 * hash(nan) in CPython depends on the object's identity: wk_float_hash returns 0 for nan
 * and the caller should hash the object pointer instead. */
int64_t wk_int_hash(int64_t v);
int64_t wk_float_hash(double x);
/* hash(tuple) from the element hashes (CPython's xxHash-based tuplehash, 64-bit). */
int64_t wk_int_tuple_hash(const int64_t *hashes, size_t n);

#endif
