#!/usr/bin/python3
"""gen_mtrand.py — writes tests/unit/data/mtrand.txt: streams of Debian CPython 3.11's random
module for many seeds, read by tests/unit/test_mtrand.c.  Run from the repo root:
    /usr/bin/python3 tests/unit/gen_mtrand.py

Format: TAB-separated lines.  "seed KIND VALUE" (KIND int / words / float) reseeds; every
other line is one call on the current generator with its arguments and CPython's result.
Floats are 16 hex digits of their bit pattern; lists are comma-separated."""
import random
import struct
import sys

OUT = "tests/unit/data/mtrand.txt"
INT_MIN, INT_MAX = -2**63, 2**63 - 1
plan = random.Random(7)  # chooses the operations and arguments, not under test
lines = []


def fb(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def emit(*fields):
    lines.append("\t".join(str(f) for f in fields))


def outcome(fn):
    try:
        return "ok", fn()
    except ValueError as e:
        return "ValueError", str(e)


def words64(n):
    out = []
    while n:
        out.append(n & (2**64 - 1))
        n >>= 64
    return out or [0]


def one_op(r):
    kind = plan.choice(["g32", "rnd", "bits", "below", "rr", "rrs", "rint", "unif", "shuf",
                        "choice", "sample", "gauss", "normal", "expo", "tri", "logn", "pareto",
                        "weibull", "choices", "bitsw"])
    if kind == "g32":
        n = plan.randint(1, 8)
        emit(kind, n, ",".join(str(r.getrandbits(32)) for _ in range(n)))
    elif kind == "rnd":
        n = plan.randint(1, 6)
        emit(kind, n, ",".join(fb(r.random()) for _ in range(n)))
    elif kind == "bits":
        k = plan.choice([0, 1, 5, 31, 32, 33, 40, 53, 63, 64])
        emit(kind, k, r.getrandbits(k))
    elif kind == "bitsw":
        k = plan.choice([65, 96, 100, 128, 200])
        v = r.getrandbits(k)
        ws = [(v >> (32 * i)) & 0xFFFFFFFF for i in range((k + 31) // 32)]
        emit(kind, k, ",".join(map(str, ws)))
    elif kind == "below":
        n = plan.choice([1, 2, 3, 10, 100, 2**31, 2**32 + 1, 2**53 + 3, 2**63, 2**64 - 1])
        emit(kind, n, r._randbelow(n))
    elif kind == "rr":
        a = plan.choice([0, -10, 5, INT_MIN, -2**40, 100])
        b = plan.choice([10, -3, 1000, INT_MAX, 2**40, 5, 100])
        step = plan.choice([1, 1, 2, -1, -3, 7, 0, 2**62])
        st, v = outcome(lambda: r.randrange(a, b, step))
        emit(kind, a, b, step, st, v)
    elif kind == "rrs":
        b = plan.choice([1, 10, 1000, 0, -5, INT_MAX])
        st, v = outcome(lambda: r.randrange(b))
        emit(kind, b, st, v)
    elif kind == "rint":
        a, b = plan.choice([(1, 6), (0, 0), (-100, 100), (INT_MIN, INT_MAX), (5, 4),
                            (0, INT_MAX), (INT_MAX - 3, INT_MAX), (-2**62, 2**62)])
        st, v = outcome(lambda: r.randint(a, b))
        emit(kind, a, b, st, v)
    elif kind == "unif":
        a, b = plan.choice([(0.0, 1.0), (-5.0, 5.0), (10.0, 2.5), (1e300, -1e300)])
        emit(kind, fb(a), fb(b), fb(r.uniform(a, b)))
    elif kind == "shuf":
        n = plan.choice([0, 1, 2, 5, 10, 52])
        x = list(range(n))
        r.shuffle(x)
        emit(kind, n, ",".join(map(str, x)))
    elif kind == "choice":
        n = plan.choice([1, 2, 7, 1000])
        emit(kind, n, r.choice(range(n)))
    elif kind == "choices":
        n = plan.choice([1, 3, 100])
        emit(kind, n, r.choices(range(n))[0])
    elif kind == "sample":
        n, k = plan.choice([(10, 3), (10, 10), (5, 0), (100, 5), (100, 6), (100, 50), (1000, 20),
                            (30, 7), (22, 2), (21, 21), (1000000, 10), (60, 9), (200, 40)])
        emit(kind, n, k, ",".join(map(str, r.sample(range(n), k))))
    elif kind == "gauss":
        mu, sigma = plan.choice([(0.0, 1.0), (10.0, 2.0), (-1.0, 0.5)])
        emit(kind, fb(mu), fb(sigma), fb(r.gauss(mu, sigma)))
    elif kind == "normal":
        mu, sigma = plan.choice([(0.0, 1.0), (3.0, 0.1)])
        emit(kind, fb(mu), fb(sigma), fb(r.normalvariate(mu, sigma)))
    elif kind == "logn":
        emit(kind, fb(0.0), fb(1.0), fb(r.lognormvariate(0.0, 1.0)))
    elif kind == "expo":
        lam = plan.choice([1.0, 0.5, 3.0, -2.0])
        emit(kind, fb(lam), fb(r.expovariate(lam)))
    elif kind == "tri":
        low, high, mode = plan.choice([(0.0, 1.0, None), (0.0, 10.0, 2.0), (5.0, 1.0, 4.0),
                                       (3.0, 3.0, 3.0)])
        emit(kind, fb(low), fb(high), "none" if mode is None else fb(mode),
             fb(r.triangular(low, high, mode)))
    elif kind == "pareto":
        emit(kind, fb(2.5), fb(r.paretovariate(2.5)))
    elif kind == "weibull":
        emit(kind, fb(1.5), fb(2.0), fb(r.weibullvariate(1.5, 2.0)))


def seed_line(r, s):
    if isinstance(s, float):
        emit("seed", "float", fb(s))
    elif INT_MIN <= s <= INT_MAX:
        emit("seed", "int", s)
    else:
        emit("seed", "words", ",".join(map(str, words64(abs(s)))))
    r.seed(s)


def state_line(r):
    version, internal, gauss_next = r.getstate()
    assert version == 3
    emit("state", ",".join(map(str, internal)), "none" if gauss_next is None else fb(gauss_next))


SEEDS = [0, 1, 42, 2**40, -5, 12345, 2**32 - 1, 2**32, INT_MAX, INT_MIN, 2**64 + 7, 2**100,
         -(2**70), 3.5, -0.25, 1e20, 1.0, 123456789, 987654321987, 7, 2024, 31337, 99, -1]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    r = random.Random()
    for s in SEEDS:
        seed_line(r, s)
        if s in (0, 42, -5, 3.5):
            state_line(r)
        emit("g32", 5, ",".join(str(r.getrandbits(32)) for _ in range(5)))
        emit("rnd", 3, ",".join(fb(r.random()) for _ in range(3)))
        for _ in range(60):
            one_op(r)
        if s in (1, 2**100):
            g = r.gauss(0.0, 1.0)  # leaves a cached gauss_next in the state
            emit("gauss", fb(0.0), fb(1.0), fb(g))
            state_line(r)
    # long stream: crosses several 624-word regenerations
    seed_line(r, 5489)
    emit("g32", 2000, ",".join(str(r.getrandbits(32)) for _ in range(2000)))
    with open(out, "w") as f:
        f.write("# generated by tests/unit/gen_mtrand.py with %s; do not edit\n"
                % sys.version.split()[0])
        f.write("\n".join(lines) + "\n")
    print("%s: %d lines" % (out, len(lines)))


if __name__ == "__main__":
    main()
