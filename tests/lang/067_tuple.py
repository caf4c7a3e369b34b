# tuples.
t = (1, 2, 3)
e = ()
s = (1,)
n = 1,
print(t, e, s, n, (1), type((1)).__name__, type(s).__name__)
print(len(t), t[0], t[-1], t[1:], t + (4,), t * 2, 2 in t, t.count(2), t.index(3))
a, b, c = t
print(a, b, c)
print(tuple([1, 2]), tuple('ab'), tuple(range(3)), tuple(), tuple({'k': 1}))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), () < (0,), (1, 'a') == (1, 'a'))
d = {(0, 0): 'origin', (1, 2): 'p'}
print(d[(0, 0)], d[1, 2])
print(((1, 2), (3, (4, 5))), ('single',), (None,), ((),))
nested = ([1, 2], 3)
nested[0].append(99)
print(nested)
try:
    t[0] = 9
except TypeError as e:
    print('TypeError:', e)
try:
    t.index(9)
except ValueError as e:
    print('ValueError:', e)
try:
    hash(([1],))
except TypeError as e:
    print('TypeError:', e)
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1, 2))
x, y = y_x = (10, 20)
print(x, y, y_x)
def multi():
    return 1, 'two', [3]
r = multi()
print(r, type(r).__name__)
print(sorted((3, 1, 2)), max((3, 1, 2)), sum((1, 2, 3)))
