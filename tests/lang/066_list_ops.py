# list operations.
a = [1, 2, 3]
print(a + [4], a * 2, [0] * 3, 2 * ['x'], [] * 5, a == [1, 2, 3], a != [1, 2], a < [1, 2, 4])
print(len(a), a[0], a[-1], 3 in a, list(reversed(a)), min(a), max(a), sum(a))
grid = [[0] * 2] * 2
grid[0][0] = 1
print(grid)
grid = [[0] * 2 for _ in range(2)]
grid[0][0] = 1
print(grid)
b = a
b.append(4)
print(a, a is b)
c = list(a)
c.append(5)
print(a, c)
nested = [1, [2, [3, [4]]], 'x', (5,), {'k': [6]}, None, 1.5, True]
print(nested, len(nested))
r = [1, 2]
r.append(r)
print(r)
print([] == [], [[]] == [[]], [1, 2] == [1, 2.0], [None] * 2)
x = [5, 3, 8]
x[1:2] = [9, 9, 9]
print(x)
x[len(x):] = [0]
print(x)
print(list(range(5)), list('ab'), list((1, 2)), list({'a': 1}), list())
m = [[1, 2], [3, 4]]
print([row[:] for row in m], [x for row in m for x in row])
try:
    [1, 2] + (3,)
except TypeError as e:
    print('TypeError:', e)
try:
    idx = 1.0
    [1][idx]
except TypeError as e:
    print('TypeError:', e)
