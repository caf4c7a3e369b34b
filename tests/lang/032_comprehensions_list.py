# List comprehensions.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(4)] for i in range(3)])
print([c for word in ['ab', 'cd'] for c in word])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
x = 'outer'
r = [x for x in 'abc']
print(r, x)
print([s.strip() for s in ' a , b ,c '.split(',')])
print([n for n in range(2, 30) if all(n % d for d in range(2, n))])
print([(lambda v: v + 1)(v) for v in range(3)])
k = 10
print([v + k for v in range(3)])
def in_func():
    m = 3
    return [m * i for i in range(m)]
print(in_func())
print([i for i in []], [None for _ in range(2)])
print([x if x > 2 else -x for x in range(5)])
print([a + b for a, b in [(1, 2), (3, 4)]])
print([y for x in [[1, 2], [3]] for y in x if y != 2])
