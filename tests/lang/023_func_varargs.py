# *args and **kwargs, in definitions and calls.
def show(*args, **kwargs):
    print('args', args, 'kwargs', kwargs)
show()
show(1, 2)
show(a=1, b=2)
show(1, *[2, 3], *(4,), x=5, **{'y': 6}, **{'z': 7})
def add3(a, b, c):
    return a + b + c
nums = [1, 2, 3]
print(add3(*nums))
print(add3(1, *[2, 3]))
print(add3(**{'a': 1, 'b': 2, 'c': 3}))
print(add3(1, **{'c': 3, 'b': 2}))
def wrapper(*a, **k):
    return add3(*a, **k)
print(wrapper(10, c=30, b=20))
def count(*args):
    return len(args)
print(count(*range(10)), count(*'abc'), count(*{'k': 1}))
def kw_order(**kw):
    return list(kw.items())
print(kw_order(z=1, a=2, m=3))
print(*[1, 2, 3], sep='-')
print(*'abc')
def first(a, *rest):
    return a, rest
print(first(*[1]))
try:
    add3(1, 2)
except TypeError as e:
    print('TypeError:', e)
try:
    add3(1, 2, 3, 4)
except TypeError as e:
    print('TypeError:', e)
try:
    add3(1, 2, 3, d=4)
except TypeError as e:
    print('TypeError:', e)
try:
    add3(1, a=2, b=3)
except TypeError as e:
    print('TypeError:', e)
