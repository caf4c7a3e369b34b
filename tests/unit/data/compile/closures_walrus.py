# closures_walrus.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
def f():
    x = 1
    class C:
        nonlocal x
        x = 2
        y = x
    return x, C.y
print(f())
gv = 'g'
class G:
    global gv
    gv = 'changed'
print(gv)
def outer():
    a = 1
    def mid():
        def inner():
            nonlocal a
            a += 1
            return a
        return inner
    return mid()()
print(outer())
def comp_closure():
    n = 3
    return [lambda: n * k for k in range(2)]
print([f() for f in comp_closure()])
def walrus():
    res = [y := v * 2 for v in range(3)]
    return res, y
print(walrus())
total = 0
data = [1, 2, 3]
if any((total := total + d) > 2 for d in data):
    print("total", total)
def self_ref():
    def rec(n): return 1 if n == 0 else n * rec(n - 1)
    return rec(5)
print(self_ref())
class A:
    x = 1
    def get(self):
        return x
x = 'global x'
print(A().get())
def gen_in_class():
    class K:
        vals = [1, 2]
        doubled = [v * 2 for v in vals]
    return K.doubled
print(gen_in_class())
