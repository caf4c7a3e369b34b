# Assignment forms.
a = b = c = 7
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (3, 4), 5
print(p, q, r)
[m, n] = 'hi'
print(m, n)
i, (j, [k, l]) = 1, (2, [3, 4])
print(i, j, k, l)
t = 1, 2, 3
print(t, type(t).__name__)
u, = [9]
print(u)
a = b = []
a.append(1)
print(b)
first, second = {'k1': 1, 'k2': 2}
print(first, second)
s1, s2, s3 = range(3)
print(s1, s2, s3)
g1, g2 = (x * x for x in (5, 6))
print(g1, g2)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print('ValueError:', e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print('ValueError:', e)
try:
    a, b = 5
except TypeError as e:
    print('TypeError:', e)
