# Star unpacking in assignments and for loops.
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = [1, 2, 3, 4]
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = 1, 2
print(a, b, c)
*a, = 'xyz'
print(a)
head, *tail = 'hello'
print(head, tail)
for first, *rest in [(1, 2, 3), (4,), (5, 6)]:
    print(first, rest)
[x, *y], z = [10, 20, 30], 40
print(x, y, z)
try:
    a, *b, c = [1]
except ValueError as e:
    print('ValueError:', e)
