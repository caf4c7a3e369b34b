# Star unpacking in displays and calls.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), [0, *a, 5], (*'xy',))
print({*a, *a} == {1, 2}, sorted({*a, *b}))
d1 = {'x': 1, 'y': 2}
d2 = {'y': 20, 'z': 30}
print({**d1, **d2}, {**d2, **d1}, {'w': 0, **d1, 'x': 100})
print([*range(3), *'ab', *{'k': 1}])
print(*a, *b)
print(*[], 'only')
t = *a, 9
print(t)
print([*(x * 2 for x in a)])
def f(*args, **kw):
    return args, kw
print(f(*a, *b, **d1, **{'q': 9}))
