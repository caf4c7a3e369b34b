# classes_and_targets.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
class B:
    def m(self): return "B.m"
class C(B):
    def m(self): return "C>" + super().m()
    def cls(self): return __class__.__name__
    def inner(self):
        def helper():
            return __class__.__name__
        return helper()
print(C().m(), C().cls(), C().inner())
def factory():
    class D(B):
        def m(self): return "D>" + super().m()
    return D
print(factory()().m())
fs = [lambda i=i: i for i in range(3)]; print([f() for f in fs])
fs2 = [lambda: i for i in range(3)]; print([f() for f in fs2])
def f(*a, **k): return a, sorted(k.items())
print(f(1, *[2], 3, *(4,), x=1, **{'y': 2}, z=3))
try:
    f(**{'a': 1}, **{'a': 2})
except TypeError as e:
    print(e)
try:
    f(a=1, **{'a': 2})
except TypeError as e:
    print(e)
g = 0
def bump():
    global g
    g += 1
    del_me()
def del_me():
    global h
    h = 1
    del h
bump(); print(g, 'h' in globals())
def imp():
    import math
    from os import path as p
    return math.floor(2.5), p.basename('/a/b')
print(imp())
def gen():
    try:
        yield 1
        raise ValueError
    except ValueError:
        yield 2
    finally:
        yield 3
print(list(gen()))
def g2():
    for i in range(3):
        try:
            yield i
        finally:
            print("fin", i)
for v in g2():
    if v == 1: break
print("after")
def exc_var():
    e = 'before'
    try:
        1/0
    except ZeroDivisionError as e:
        del e
    try:
        return e
    except UnboundLocalError as u:
        return 'unbound'
print(exc_var())
x = 10
def shadow():
    print(x)
try:
    def bad():
        print(x)
        x = 1
    bad()
except UnboundLocalError as e:
    print(e)
class Meta:
    items = [1, 2]
    total = sum(i for i in items)
print(Meta.total)
def kwd(a, b=2, *args, c, d=4, **kw): return (a, b, args, c, d, kw)
print(kwd(1, c=3), kwd(1, 2, 3, 4, c=5, e=6))
def ann(a: int, *b: str, c: float = 1.0, **d: dict) -> None: return a
print(ann(1), ann.__name__)
x: int = 5
y: list
print(x)
class P:
    z: int = 3
    w: str
print(P.z, hasattr(P, 'w'))
print([(a, b) for a in range(3) for b in range(a) if a + b > 1])
print({k: [v for v in range(k)] for k in range(3)})
nested = [[1, 2], [3, 4]]
print([[row[i] for row in nested] for i in range(2)])
a = [1, 2, 3]
a[1:] = [9]
a[::2] = [7, 8] if len(a) == 4 else a[::2]
print(a)
s = "x"
s *= 3
print(s, [0] * 3)
i = 5
i **= 2; i //= 3; i %= 5; i <<= 2; i >>= 1; i |= 8; i &= 12; i ^= 1; i -= 1
print(i)
m = [[0] * 2] * 2
m[0][1] += 5
print(m)
