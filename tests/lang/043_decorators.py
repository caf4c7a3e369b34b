# Decorators on functions and classes.
def shout(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs).upper()
    return wrapper
@shout
def hello(name):
    return 'hello ' + name
print(hello('world'))
calls = []
def logged(f):
    def wrapper(*a):
        calls.append(f.__name__)
        return f(*a)
    return wrapper
def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]
        return wrapper
    return deco
@logged
@repeat(3)
def ping(x):
    return 'ping%d' % x
print(ping(1), calls)
def register(registry):
    def deco(obj):
        registry[obj.__name__] = obj
        return obj
    return deco
REG = {}
@register(REG)
def alpha():
    return 'alpha'
@register(REG)
class Beta:
    pass
print(sorted(REG), REG['alpha']())
def add_method(cls):
    cls.extra = lambda self: 'extra on ' + type(self).__name__
    return cls
@add_method
class Gamma:
    pass
print(Gamma().extra())
def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper
@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
class CountCalls:
    def __init__(self, f):
        self.f = f
        self.n = 0
    def __call__(self, *a):
        self.n += 1
        return self.f(*a)
@CountCalls
def sq(x):
    return x * x
print(sq(3), sq(4), sq.n)
order = []
def d1(f):
    order.append('d1')
    return f
def d2(f):
    order.append('d2')
    return f
@d1
@d2
def g():
    pass
print(order)
