# Calls between wick functions (run without nesting C frames): returns, exceptions
# crossing several frames, handlers in callers, finally blocks, generators calling
# functions, closures, argument-binding errors, recursion limits, and tracebacks.
import sys

def leaf(x):
    if x < 0:
        raise ValueError("negative: %d" % x)
    return x * 2

def middle(x):
    try:
        return leaf(x) + 1
    finally:
        print("middle finally", x)

def top(x):
    try:
        return middle(x)
    except ValueError as e:
        print("top caught", e)
        return -1

print(top(3), top(-3))

def deep(n):
    if n == 0:
        raise KeyError("bottom")
    return deep(n - 1)

try:
    deep(30)
except KeyError as e:
    print("deep:", e)

def unwinding(n):
    for i in range(3):
        if n == 0:
            return "ret in loop"
        r = unwinding(n - 1)
    return r

print(unwinding(3))

def with_handler(n):
    try:
        if n:
            return with_handler(n - 1)
        raise RuntimeError("inner")
    except RuntimeError as e:
        if n == 2:
            return "handled at 2: %s" % e
        raise

print(with_handler(5))

def gen(n):
    for i in range(n):
        yield leaf(i)

print(list(gen(4)), sum(leaf(i) for i in range(5)))

def make_counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc

inc = make_counter()
print(inc(), inc(), inc(by=5), inc(10))

def kw(a, b=2, *args, c, d=4, **rest):
    return (a, b, args, c, d, sorted(rest.items()))

print(kw(1, c=3))
print(kw(1, 2, 3, 4, c=5, e=6))
for bad in (lambda: kw(), lambda: kw(1), lambda: kw(1, c=1, a=2), lambda: leaf(),
            lambda: leaf(1, 2), lambda: leaf(y=1)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

class K:
    def __init__(self, v):
        self.v = v
    def method(self, w):
        return self.v + w
    def __call__(self, w):
        return self.method(w) * 10

k = K(1)
m = k.method
print(m(2), K.method(k, 3), k(4), list(map(k.method, [1, 2])), sorted([3, 1, 2], key=lambda v: -v))

def rec(n):
    return rec(n + 1)

try:
    rec(0)
except RecursionError as e:
    print("RecursionError:", e)

sys.setrecursionlimit(60)
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
print(depth(0) > 40)
sys.setrecursionlimit(1000)

def ret_none():
    pass

def ret_tuple():
    return 1, 2

a, b = ret_tuple()
print(ret_none(), a, b)

def raiser():
    raise ValueError("from raiser")

def chain():
    try:
        raiser()
    except ValueError as e:
        raise TypeError("chained") from e

try:
    chain()
except TypeError as e:
    print("chained:", e, "cause:", repr(e.__cause__))

def context():
    try:
        raiser()
    except ValueError:
        leaf(-1)

try:
    context()
except ValueError as e:
    print("context:", e, "ctx:", repr(e.__context__))

def outer_tb():
    return inner_tb(1)

def inner_tb(x):
    return x / 0

outer_tb()
