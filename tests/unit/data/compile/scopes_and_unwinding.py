# scopes_and_unwinding.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
def f():
    x = 1
    class C:
        y = x + 10 if False else 0
        x = 2
        z = x
        def m(self): return x
    return C
C = f(); print(C.y, C.z, C().m())
class K:
    v = 5
    l = [w for w in range(v)]
    try:
        bad = [v for _ in range(2)]
    except NameError as e:
        print("NameError", e)
print(K.l)
def g():
    for i in range(4):
        try:
            if i == 0:
                raise ValueError(i)
            if i == 2:
                break
        except ValueError:
            print("handler", i)
            continue
        else:
            print("else", i)
        finally:
            print("finally", i)
    try:
        raise KeyError("k")
    except KeyError as e:
        return "from handler " + str(e)
    finally:
        print("last finally")
print(g())
def gen2():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
gg = gen2(); print(next(gg)); gg.close()
a = b = c = []
a.append(1); print(b, c is a)
bases = (Exception,)
class MyE(*bases): pass
print(issubclass(MyE, Exception))
class L:
    f = lambda self: 1
    def meth(self):
        def inner(): pass
        return inner.__qualname__
print(L.f.__qualname__, L().meth())
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(15))
def delt():
    q = 1
    del q
    try:
        return q
    except UnboundLocalError as e:
        return str(e)
print(delt())
def outer():
    v = 'o'
    def mid():
        def inner():
            return v
        return inner()
    return mid()
print(outer())
ge = (x * 2 for x in range(3)); print(list(ge))
try:
    (x for x in 5)
except TypeError as e:
    print("eager", e)
def tf():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("cleanup")
    except ValueError as e:
        print("outer caught", e)
tf()
def ret_in_with():
    with CM() as c:
        return c
class CM:
    def __enter__(self): return "val"
    def __exit__(self, *a): print("exit", a); return False
print(ret_in_with())
try:
    raise ValueError("x") from KeyError("y")
except ValueError as e:
    print(repr(e.__cause__))
def nested_exc():
    try:
        raise TypeError("t")
    except TypeError:
        try:
            raise ValueError("v")
        except ValueError as e:
            return repr(e.__context__)
print(nested_exc())
x = [1, 2, 3]
x[0], x[2] = x[2], x[0]
print(x)
s = slice(1, None); print(x[s], x[::-1], x[:-1], x[1:2:1])
d = {}
d['a'] = d.get('a', 0) + 1; print(d)
print({i: i*i for i in range(3)}, {i % 2 for i in range(5)})
print(*[1, 2], sep='-')
def kwonly(a, *, b, c=3): return a, b, c
print(kwonly(1, b=2), kwonly(a=0, b=1, c=2))
def posonly(a, b, /, c): return a + b + c
print(posonly(1, 2, c=3))
print("%s %d" % ("a", 1), 7 // 2, 7 % -3, 2 ** -1)
import sys
print(sys.maxsize, -sys.maxsize - 1)
