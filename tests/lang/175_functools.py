# functools: partial, reduce, wraps, lru_cache/cache, cached_property, total_ordering, cmp_to_key.
import functools
from functools import partial, reduce, wraps, lru_cache, cache, cached_property, total_ordering, cmp_to_key
def f(a, b=2, *c, **d): return (a, b, c, d)
p = partial(f, 1, b=3)
print(p(), p(x=1), partial(f, 1)(5, x=1), p.args, p.keywords, p.func is f)
print(reduce(lambda a, b: a + b, [1, 2, 3]), reduce(lambda a, b: a * b, [], 7), reduce(lambda a, b: a + b, ['x'], 'y'))
for bad in [lambda: partial(1), lambda: reduce(lambda a, b: a, []), lambda: partial(), lambda: lru_cache(maxsize='a')]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
def deco(fn):
    @wraps(fn)
    def inner(*a, **k):
        """inner doc"""
        return fn(*a, **k)
    return inner
@deco
def target(x):
    """target doc"""
    return x * 2
print(target.__name__, target.__doc__, target(4), target.__wrapped__.__name__, target.__qualname__)
calls = []
@lru_cache(maxsize=2)
def g(x):
    calls.append(x)
    return x * 10
print(g(1), g(1), g(2), g(3), g(1), calls, g.cache_info())
g.cache_clear(); print(g.cache_info())
@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), fib.cache_info(), fib.__name__)
@lru_cache
def sq(x): return x * x
print(sq(3), sq(3), sq.cache_info())
@lru_cache(maxsize=None, typed=True)
def ty(x): return type(x).__name__
print(ty(1), ty(1.0), ty.cache_info())
class C:
    def __init__(self): self.n = 0
    @cached_property
    def x(self):
        self.n += 1
        print('compute')
        return 5
    @lru_cache(maxsize=None)
    def m(self, k): return k + 1
c = C(); print(c.x, c.x, c.n, c.__dict__, c.m(1), c.m(1), C.m.cache_info())
del c.x; print(c.x, c.n)
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) < V(2), V(1) > V(2), V(1) <= V(1), V(2) >= V(1), V(3) > V(2), sorted([V(3), V(1)], key=lambda v: v.v)[0].v)
@total_ordering
class W:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __ge__(self, o): return self.v >= o.v
print(W(1) < W(2), W(1) > W(2), W(1) <= W(1), W(2) >= W(1))
try:
    @total_ordering
    class X: pass
except ValueError as e:
    print('ValueError', e)
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
print(repr(partial(max, 1, key=abs)), partial(partial(f, 1), 2, z=3)(), partial(partial(f, 1), 2, z=3).args)
add3 = partial(lambda a, b, c: a + b + c, 1, 2)
print(add3(3), list(map(partial(int, base=2), ['101', '11'])))
print(reduce(max, [3, 9, 2]), reduce(lambda acc, x: acc + [x * 2], range(3), []))
