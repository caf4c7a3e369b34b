# Default, keyword and keyword-only arguments.
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cy', punct='?'))
print(greet(greeting='Yo', name='Di'))
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2))
def append_safe(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(append_safe(1), append_safe(2))
def kwonly(a, *, b, c=3):
    return (a, b, c)
print(kwonly(1, b=2), kwonly(1, c=4, b=5))
def kwonly2(a, *args, b=10):
    return a, args, b
print(kwonly2(1, 2, 3), kwonly2(1, 2, b=3))
default = 5
def late(x=default):
    return x
default = 6
print(late())
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f.__defaults__, f.__kwdefaults__)
try:
    kwonly(1, 2)
except TypeError as e:
    print('TypeError:', e)
try:
    kwonly(1)
except TypeError as e:
    print('TypeError:', e)
