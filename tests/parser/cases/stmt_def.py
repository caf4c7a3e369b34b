def f():
    pass
def f(a, b):
    return a + b
def f(a, b=1, *args, c, d=2, **kwargs):
    pass
def f(a, /, b, *, c):
    pass
def f(a: int, b: str = "x") -> bool:
    pass
def f(*args: int, **kw: str): pass
def f(a, b, /): pass
def f(a=1, /, b=2, *, c): pass
def f(*, a=1, b): pass
def f(a,): pass
