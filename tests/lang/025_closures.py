# Closures.
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(-1)(1))
def make_counter():
    count = [0]
    def inc():
        count[0] += 1
        return count[0]
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
def outer():
    x = 'outer'
    def middle():
        def inner():
            return x
        return inner
    return middle()()
print(outer())
def late_binding():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    i = 100
    return [f() for f in fs]
print(late_binding())
def compose(f, g):
    return lambda x: f(g(x))
print(compose(lambda x: x + 1, lambda x: x * 2)(5))
def shared():
    v = 0
    def get():
        return v
    def bump():
        nonlocal v
        v += 1
    return get, bump
get, bump = shared()
bump(); bump()
print(get())
