#!/usr/bin/python3
"""gen_numfmt.py — writes tests/unit/data/numfmt.txt: expected CPython 3.11 results for
float repr, format(), %-formatting, int()/float() parsing, int/float arithmetic, round and
hashes, read by tests/unit/test_numfmt.c.  Run with Debian's /usr/bin/python3 from the repo
root:  /usr/bin/python3 tests/unit/gen_numfmt.py

File format: one case per line, fields separated by TAB.  Text fields are UTF-8 with the
bytes \\, TAB, LF, CR and other control bytes written as \\xNN.  Floats are written as 16 hex
digits of their IEEE-754 bit pattern.  Lines starting with '#' are comments."""
import math
import random
import struct
import sys

OUT = "tests/unit/data/numfmt.txt"
INT_MIN, INT_MAX = -2**63, 2**63 - 1
rng = random.Random(20240611)
lines = []


def esc(s):
    out = bytearray()
    for b in s.encode("utf-8"):
        if b < 0x20 or b == 0x7F or b == 0x5C:
            out += b"\\x%02x" % b
        else:
            out.append(b)
    return out.decode("utf-8")


def fbits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def emit(*fields):
    lines.append("\t".join(fields))


def outcome(fn):
    try:
        return "ok", fn()
    except Exception as e:  # noqa: BLE001 - we record the exception class and message
        return type(e).__name__, str(e)


def random_double():
    while True:
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if x == x:
            return x


# ------------------------------------------------------------------ float repr
def gen_repr():
    xs = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1e16, 1e15, 9999999999999998.0, 1e-5,
          1e-4, 0.0001, 0.00001234, 123.0, 1.5e300, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), 2e16 + 8,
          1e22, 1e23, 123456789012345678.0, 0.3, 2.675, 1 / 3, -2 / 3, 100.0, 1e100]
    xs += [2.0 ** k for k in range(-1074, 1024, 13)]
    xs += [random_double() for _ in range(300)]
    xs += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(52) | (rng.getrandbits(1) << 63)))[0]
           for _ in range(40)]  # subnormals
    xs += [rng.getrandbits(53) * 2.0 ** rng.randint(-60, 40) for _ in range(60)]
    xs += [rng.uniform(-1e6, 1e6) for _ in range(60)]
    xs += [round(rng.uniform(-100, 100), rng.randint(0, 8)) for _ in range(60)]
    for x in xs:
        emit("repr", fbits(x), esc(repr(x)))


# ----------------------------------------------------------------- format()
INT_SPECS = ["", "d", "5", "<5", "^7", ">7", "=8", "*^9", "0", "05", "08,", "010_", ",", "_",
             "+", "-", " ", "+08", " 5", "x", "X", "#x", "#X", "#010x", "#o", "o", "b", "#b",
             "_b", "_x", "#_X", "012_b", "#012_b", "c", "n", "e", ".3e", "f", ".2f", "%", ".1%",
             "g", "G", ",.2f", "é^9", "€<6", "0=+8", "#012,", "x<+#12_x", "^", "<", "012,",
             "+,", "_d", "=10", "0>6", "0<6", "0^7", "#_o",
             ".2", "z", ",c", ",x", ",b", "s", "abc", ",_", "_,", "+c", "#c", " c", "é", "\x01",
             "99999999999999999999", "ss", "q", ".", ",n", "_n", "z.2f", "%s", "=", "5c", "<5c",
             "05c", "^5c", ".99999999999999f", ".3000000000f", "é=10,", "😀>+#9x", "\x00<5",
             "=^5", "0=010"]
INT_VALUES = [0, 1, -1, 7, 42, -42, 255, 1000, -1234567, 65, 0x1F600, 0x10FFFF, 0x110000,
              INT_MAX, INT_MIN, 123456789, 10**15, -99999]

FLOAT_SPECS = ["", "f", ".0f", ".1f", ".2f", ".10f", "e", ".0e", ".3e", "E", "g", ".0g",
               ".1g", ".3g", ".10g", ".17g", "G", "%", ".1%", ".0%", "n", ".3", ".1", ".12", ".0",
               "#", "#g", "#.3g", "#.0f", "#.0e", ",", ",.2f", "_.3f", "010.2f", "+.3f", " .3f",
               "-f", "=+12.3f", "*^15.4e", ">12", "<12", "^12", "012", "z.2f", "z", "z.1e",
               ".50f", ".30e", ".25g", "015,.2f", "#.10", "F", ".2F", ",g", "+", "020,.3f",
               "0=12", "_", "#.0%", "#G", ".3G", "z.0f", "+z.1f", "08", "€^14.3", ".20",
               "€=+12.2f", "é<10", "\x00>8.2e",
               "d", "x", "c", "s", ".f", "abc", "b", "%%", ",_", "_e", ".2d", "#x"]
FLOAT_VALUES = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e16, 1e15,
                123456.789, 1e-5, 1e-4, 0.0001234, math.pi, -math.e, 1e300, 1.5e-300, 5e-324,
                1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), 100.0,
                99.995, 0.1 + 0.2, 1234567.0, 9.999999, 12345678901234567890.0, -0.0004,
                0.05, 1e22, 123.456, -1e-7]

STR_SPECS = ["", "s", "5", "<5", ">5", "^6", "^7", "*>8", ".2", "10.3", "é^9", "05", "0>5",
             ".0", "x^3", "<", ">1", "😀<4", ".100", "3.1",
             "+", " ", "-", "z", "#", "=", "=5", "d", ",", "_", "ss", "x", ".", ",s", "_s", "0=5"]
STR_VALUES = ["", "a", "abc", "héllo", "日本語", "emoji😀x", "tab\there", "longer string"]


def gen_format():
    for v in INT_VALUES:
        for s in INT_SPECS:
            st, r = outcome(lambda: format(v, s))
            emit("fmt", "i", str(v), esc(s), st, esc(r))
    for v in [True, False]:
        for s in ["d", "x", "s", ">5", "c", "+", ".2f"]:
            st, r = outcome(lambda: format(v, s))
            emit("fmt", "b", str(int(v)), esc(s), st, esc(r))
    values = FLOAT_VALUES + [random_double() for _ in range(6)] + \
        [rng.uniform(-1000, 1000) for _ in range(6)]
    for v in values:
        for s in FLOAT_SPECS:
            st, r = outcome(lambda: format(v, s))
            emit("fmt", "f", fbits(v), esc(s), st, esc(r))
    for v, s in [(0.1, ".5000f"), (0.1, ".1000e"), (0.1, ".800g"), (5e-324, ".1100f"),
                 (1e308, ",.3f"), (-1e308, "#.800g"), (1 / 3, "_.400f"), (2.0**-1074, ".770e"),
                 (1e308, "%")]:
        emit("fmt", "f", fbits(v), esc(s), "ok", esc(format(v, s)))
    for v in STR_VALUES:
        for s in STR_SPECS:
            st, r = outcome(lambda: format(v, s))
            emit("fmt", "s", esc(v), esc(s), st, esc(r))


# ------------------------------------------------------------- %-formatting
PCT_INT = ["%d", "%i", "%u", "%5d", "%-5d", "%05d", "%+d", "% d", "%+05d", "%-+5d", "%.3d",
           "%5.3d", "%05.3d", "%x", "%X", "%#x", "%#X", "%#o", "%o", "%#08x", "%-#8x", "%#.4x",
           "%c", "%5c", "%-3c", "%05c", "%e", "%.2f", "%g", "%ld", "%hd", "%Lx", "%#5o",
           "%#05o", "%- 6d", "% 05d", "%+#x", "%#+08X", "%.0d", "%10.4f", "%-012d", "%.f"]
PCT_FLOAT = ["%f", "%.2f", "%5.2f", "%-8.3f", "%+.3e", "%e", "%E", "%g", "%G", "%.0f",
             "%#.0f", "%#g", "%#.3g", "%010.3f", "% f", "%+f", "%.10g", "%20.10e", "%-+12.4g",
             "%d", "%i", "%5d", "%.3d", "%+d", "%x", "%c", "%o", "%.f", "%05f", "%F", "%-08.2f",
             "%#.0e", "%.30f", "%.20e", "%5.1g", "% 010.2e", "%u"]


def gen_percent():
    for v in INT_VALUES:
        for f in PCT_INT:
            st, r = outcome(lambda: f % v)
            emit("pct", "i", str(v), esc(f), st, esc(r))
    for v in FLOAT_VALUES + [random_double() for _ in range(6)]:
        for f in PCT_FLOAT:
            st, r = outcome(lambda: f % v)
            emit("pct", "f", fbits(v), esc(f), st, esc(r))


# ------------------------------------------------------------------ parsing
INT_STRINGS = ["0", "1", "-1", "+7", "  42  ", "\t-13\n", "1_000", "1__000", "_1", "1_", "0x1f",
               "0X1F", "0o17", "0b101", "0b_101", "0x_ff", "0x", "0b", "010", "00", "0_0", "0_7",
               "abc", "", " ", "-", "+", "12a", "1 2", "9223372036854775807",
               "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
               "99999999999999999999999", "-0", "z", "ZZ", "zz", "7fffffffffffffff",
               "8000000000000000", "-8000000000000000", "١٢٣", "\u00a012\u2003", "12\x00",
               "\x1c12", "é", "1e5", "1.5", "0x7FFFFFFFFFFFFFFF", "0b" + "1" * 63, "0b" + "1" * 64,
               "a" * 250, "it's", "-0x10", "+0o7_7", "0o8", "0b2", "1_2_3", " 0x 1", "٣_٤",
               "99999999999999999999999x", "0" * 30 + "5", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠"]


def gen_parse():
    for s in INT_STRINGS:
        for base in (10, 0, 16, 2, 8, 36, 3):
            st, r = outcome(lambda: int(s, base))
            if st == "ok":
                if INT_MIN <= r <= INT_MAX:
                    emit("pint", esc(s), str(base), "ok", str(r))
                else:
                    emit("pint", esc(s), str(base), "overflow", "")
            else:
                emit("pint", esc(s), str(base), st, esc(r))
    fstrs = ["", " 1.5 ", "1_0.5", "1e1_0", "_1", "1__0", "1_", "inf", "-Infinity", "nan",
             "-nan", "+NaN", "INF", "iNfInItY", "infinit", "infinityy", "0x1p3", ".5", "5.", ".",
             "e5", "1e", "1e+", "1e-5", " ", "\t\n", "0", "-0", "00012", "1_2_3.4_5e1_0", "1E5", "\x1c1.5", "\u00a01.5", "\u0661.5", "1.5\x00",
             "1e500", "-1e500", "1e-500", "4.9e-324", "2.4703282292062328e-324",
             "0.1", "123456789012345678901234567890", "  -0.0  ", "+.5e-3", "1.2.3", "1e5.5",
             "--1", "+-1", "1_000.000_1", "1._5", "1_.5", "1e_5", "nan(1)", "12abc", "١٢.٣",
             "0" * 400 + "1e-400", "1" + "0" * 330, "9" * 20 + ".5", "1 2", "in f", "n", "-"]
    for s in fstrs:
        st, r = outcome(lambda: float(s))
        if st == "ok":
            emit("pflt", esc(s), "ok", fbits(r))
        else:
            emit("pflt", esc(s), st, esc(r))
    for s in ["", "abc", "it's", 'say "hi"', "both ' and \"", "tab\t\n\r\\", "\x00\x1f\x7f",
              "é€😀", "\u0085\u00a0\u00ad", "\u200b\u2028\ufeff", "\ud7ff\ue000", "\U000e0001",
              "\U0001f600\U0010ffff", "a" * 300]:
        emit("srepr", esc(s), esc(repr(s)))


# ---------------------------------------------------------- int arithmetic
def int_samples():
    vals = [0, 1, -1, 2, -2, 3, 7, -7, 10, -10, 63, 64, 100, 2**31, -2**31, 2**32, 2**62,
            -2**62, INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1, 3037000499, 3037000500,
            -3037000500, 1000000007]
    vals += [rng.randint(-1000, 1000) for _ in range(6)]
    vals += [rng.randint(INT_MIN, INT_MAX) for _ in range(6)]
    vals += [rng.randint(-2**32, 2**32) for _ in range(4)]
    return vals


def fits(v):
    return INT_MIN <= v <= INT_MAX


def int_case(op, a, b):
    if op in ("floordiv", "mod", "divmod") and b == 0:
        return "zerodiv", ""
    if op in ("lshift", "rshift") and b < 0:
        return "negshift", ""
    if op == "pow" and b < 0:
        return "negpow", ""
    if op == "lshift" and b > 200:
        return ("ok", "0") if a == 0 else ("overflow", "")
    if op == "pow" and abs(a) > 1 and b > 200:
        return "overflow", ""
    f = {"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b,
         "pow": lambda: a ** b, "lshift": lambda: a << b, "rshift": lambda: a >> b,
         "floordiv": lambda: a // b, "mod": lambda: a % b, "divmod": lambda: divmod(a, b),
         "round": lambda: round(a, b)}[op]
    r = f()
    if isinstance(r, tuple):
        return ("ok", "%d,%d" % r) if all(fits(x) for x in r) else ("overflow", "")
    return ("ok", str(r)) if fits(r) else ("overflow", "")


def gen_int_ops():
    vals = int_samples()
    for op in ("add", "sub", "mul", "floordiv", "mod", "divmod"):
        for a in vals:
            for b in vals[::5] + [0, 1, -1, 7, -7]:
                emit("iop", op, str(a), str(b), *int_case(op, a, b))
    exps = [0, 1, 2, 3, 10, 31, 32, 62, 63, 64, 65, 100, 1000, -1]
    for op in ("pow", "lshift", "rshift"):
        for a in [0, 1, -1, 2, -2, 3, -3, 10, 7, 1 << 31, -(1 << 31), INT_MAX, INT_MIN, 12345]:
            for b in exps:
                emit("iop", op, str(a), str(b), *int_case(op, a, b))
    for a in vals + [15, 25, 250, -250, 350, 1250, 9223372036854775807, -9223372036854775808,
                     5 * 10**18, 4999999999999999999, 95, 85, -85]:
        for b in [0, 1, -1, -2, -3, -18, -19, -20, -100, 5]:
            emit("iop", "round", str(a), str(b), *int_case("round", a, b))
    for a, b, m in [(2, 10, 1000), (3, 200, 1000000007), (-3, 5, 7), (3, 5, -7), (INT_MAX, INT_MAX, INT_MAX - 2),
                    (INT_MIN, 3, 97), (5, 0, 1), (5, 0, -1), (0, 0, 5), (7, 3, INT_MIN),
                    (123456789, 987654321, 2**63 - 25), (-1, 2**62, 3)]:
        emit("powmod", str(a), str(b), str(m), str(pow(a, b, m)))
    for v in vals:
        emit("bitlen", str(v), str(v.bit_length()))
        for base, fn in ((2, bin), (8, oct), (16, hex)):
            emit("ibase", str(v), str(base), fn(v))


# -------------------------------------------------------- float arithmetic
def float_samples():
    xs = [0.0, -0.0, 1.0, -1.0, 7.5, -7.5, 2.0, -2.0, 0.1, 3.0, 1e300, -1e-300, 5e-324,
          float("inf"), float("-inf"), 1e16, 0.5, 6.0, -6.0]
    xs += [rng.uniform(-100, 100) for _ in range(10)]
    xs += [random_double() for _ in range(6)]
    return xs


def fop(op, x, y):
    try:
        if op == "floordiv":
            return "ok", fbits(x // y)
        if op == "mod":
            return "ok", fbits(x % y)
        q, r = divmod(x, y)
        return "ok", fbits(q) + "," + fbits(r)
    except ZeroDivisionError:
        return "zerodiv", ""


def gen_float_ops():
    xs = float_samples()
    for op in ("floordiv", "mod", "divmod"):
        for x in xs:
            for y in xs[::2]:
                if math.isinf(x) or math.isnan(x):
                    continue  # CPython's result here comes from fmod(inf, y): nan; covered below
                emit("fop", op, fbits(x), fbits(y), *fop(op, x, y))
    for x, y in [(-7.0, 2.0), (7.5, -2.0), (-0.0, 5.0), (0.0, -5.0), (1.0, float("inf")),
                 (-1.0, float("inf")), (1.0, float("-inf")), (float("inf"), 2.0)]:
        for op in ("floordiv", "mod", "divmod"):
            emit("fop", op, fbits(x), fbits(y), *fop(op, x, y))
    rxs = [2.675, 0.125, 0.375, 2.5, 3.5, -2.5, 0.5, -0.5, 1.5, 1234.5678, -1234.5678, 5e-324,
           1.7976931348623157e308, 1e300, 1e-300, 0.0, -0.0, 123456789.987654321, 1e22, 0.285,
           float("inf"), float("nan"), 9.5, 10.5, 4.5e15 + 0.5, 2.0**52 + 0.5, -4.0, 15.0, 25.0,
           5.0e18, 1.25e-8]
    rxs += [rng.uniform(-1e4, 1e4) for _ in range(30)] + [random_double() for _ in range(20)]
    for x in rxs:
        for nd in [0, 1, 2, 3, 5, -1, -2, -3, 10, -10, 17, 300, 323, 324, 400, -300, -308, -309,
                   -400, 15, 16, -15, -16, -20, -22, -23]:
            st, r = outcome(lambda: round(x, nd))
            emit("fround", fbits(x), str(nd), st, fbits(r) if st == "ok" else "")
        if math.isfinite(x):
            emit("fround0", fbits(x), fbits(float(round(x))))
    for x in [0.0, -0.5, 3.99, -3.99, 1e18, 9.2e18, -9.2e18, 9.3e18, -9223372036854775808.0,
              9223372036854775808.0, float("nan"), float("inf"), float("-inf"), 1e300]:
        st, r = outcome(lambda: int(x))
        if st == "ok" and not fits(r):
            st, r = "range", ""
        emit("f2i", fbits(x), st, str(r) if st == "ok" else "")


# ------------------------------------------------------------------ hashes
def gen_hash():
    ints = int_samples() + [2**61 - 1, 2**61, 2**61 + 1, -(2**61), -(2**61 - 1), -2, 2**62 + 5]
    for v in ints:
        emit("hashi", str(v), str(hash(v)))
    fl = float_samples() + [2.0**k for k in range(-1074, 1024, 37)] + [-1.0, -2.0, 1.5, -1.5,
                                                                         2.0**61, 2.0**62]
    for x in fl:
        if math.isnan(x):
            continue
        emit("hashf", fbits(x), str(hash(x)))
    tuples = [(), (1,), (1, 2), (-1,), (1, 2, 3), (0.5, -3), (1e300, 2**62, -7.25),
              tuple(range(20)), (-1, -1), (float("inf"), -2)]
    for t in tuples:
        hs = [hash(e) for e in t]
        emit("hasht", ",".join(map(str, hs)), str(hash(t)))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    gen_repr()
    gen_format()
    gen_percent()
    gen_parse()
    gen_int_ops()
    gen_float_ops()
    gen_hash()
    with open(out, "w", encoding="utf-8") as f:
        f.write("# generated by tests/unit/gen_numfmt.py with %s; do not edit\n"
                % sys.version.split()[0])
        f.write("\n".join(lines) + "\n")
    print("%s: %d cases" % (out, len(lines)))


if __name__ == "__main__":
    main()
