# Lambdas.
sq = lambda x: x * x
print(sq(7))
print((lambda a, b=2: a + b)(1), (lambda *a: a)(1, 2), (lambda **k: sorted(k))(b=1, a=2))
pairs = [(3, 'c'), (1, 'a'), (2, 'b')]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
print(list(map(lambda x: x + 1, [1, 2, 3])))
print(list(filter(lambda x: x % 2, range(10))))
print((lambda: 'no args')())
make = lambda n: lambda x: x ** n
cube = make(3)
print(cube(3))
print(sq.__name__)
ops = {'add': lambda a, b: a + b, 'mul': lambda a, b: a * b}
print(ops['add'](2, 3), ops['mul'](2, 3))
print((lambda x, *, y: x - y)(10, y=3))
