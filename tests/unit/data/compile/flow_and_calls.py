# flow_and_calls.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
def f1():
    for i in range(5):
        try:
            if i == 1: continue
            if i == 3: break
            print("body", i)
        finally:
            print("fin", i)
    return "done"
print(f1())
def f2():
    try:
        return 1
    finally:
        print("f2 fin")
print(f2())
def f3():
    for x in range(3):
        try:
            try:
                return x * 10
            finally:
                print("inner fin")
        finally:
            print("outer fin")
print(f3())
def f4():
    try:
        raise ValueError("a")
    except ValueError as e:
        print("caught", e)
        try:
            raise KeyError("b")
        except KeyError as e2:
            print("caught2", repr(e2))
    try:
        e
    except NameError as n:
        print("e deleted:", n)
f4()
class CM:
    def __init__(self, n, sup=False): self.n = n; self.sup = sup
    def __enter__(self): print("enter", self.n); return self.n
    def __exit__(self, t, v, tb): print("exit", self.n, t.__name__ if t else None); return self.sup
def f5():
    with CM(1) as a, CM(2, True) as b:
        print("in", a, b)
        raise RuntimeError("x")
    print("after")
    for i in range(2):
        with CM(i):
            if i == 0: continue
            return "ret"
print(f5())
def gen():
    x = yield 1
    print("got", x)
    y = yield from sub()
    print("sub returned", y)
    return 5
def sub():
    yield 'a'
    yield 'b'
    return 'subret'
g = gen()
print(next(g)); print(g.send("hi")); print(next(g))
try: next(g)
except StopIteration as s: print("stop", s.value)
def counter():
    n = 0
    def inc(k=1):
        nonlocal n
        n += k
        return n
    return inc
c = counter(); c(); c(5); print(c())
class A:
    __secret = 3
    def get(self): return self.__secret
    def sgen(self): return [self.__secret + i for i in range(2)]
print(A().get(), A._A__secret, A().sgen())
a, *b, c = range(6); print(a, b, c)
[x, (y, *z)] = [1, (2, 3, 4)]; print(x, y, z)
d = {'a': 1, **{'b': 2}, 'c': 3}; print(d)
def kw(*a, **k): return a, k
print(kw(1, *[2, 3], x=1, **{'y': 2}), kw(*(1,)), kw(**{'z': 0}))
print([*range(3), *'ab'], {*[1, 2], 3}, (*[1], 2))
lst = [1, 2, 3, 4]; del lst[1:3]; print(lst)
class O: pass
o = O(); o.a = 1; del o.a; print(hasattr(o, 'a'))
xx = 5; del xx
try: xx
except NameError as e: print(e)
print(1 < 2 < 3, 1 < 3 < 2, (n := 10) + n)
print([y for x in [[1, 2], [3]] for y in x if y != 2])
v = 3.14159; w = 10
print(f"{v:.2f}|{v!r:>{w}}|{'s'!s}|{w:#x}")
print((lambda a, b=2, *c, d, e=5, **f: (a, b, c, d, e, f))(1, d=4))
def deco(fn):
    def wrapper(*a): return "w" + fn(*a)
    return wrapper
@deco
def hello(): return "hello"
print(hello(), hello.__name__ if False else hello.__qualname__)
import os.path as osp, math
from math import sqrt as s, pi
print(osp.join('a', 'b'), s(16), round(pi, 2))
x = 0
def gl():
    global x
    x += 1
gl(); gl(); print(x)
class B(A):
    def get(self): return super().get() * 2
print(B().get())
i = 10
print([i for i in range(3)], i)
t = 1, 2
q, r = t
q += r
print(q)
m = {'k': [1]}
m['k'][0] += 5; m['k'] += [7]; print(m)
assert True, "nope"
try: assert 1 == 2, "msg here"
except AssertionError as e: print("AE", e)
print(not 1, -(-2), ~0, +True)
x = 3 if 0 else 4 if 1 else 5; print(x)
print(0 or [] or 'x', 1 and 2 and 0)
while True:
    break
else:
    print("no")
for i in []: pass
else: print("for-else")
def defaults(a, b=[]): b.append(a); return b
print(defaults(1), defaults(2))
print(type(...).__name__, b"ab", None)
