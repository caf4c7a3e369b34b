# sorted, min, max, sum.
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), sorted(data, reverse=True), data, sorted('hello'), sorted({'b': 1, 'a': 2}), sorted(()))
recs = [('bob', 25), ('amy', 30), ('cal', 25), ('dee', 30)]
print(sorted(recs, key=lambda r: r[1]), sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted(recs, key=lambda r: (-r[1], r[0])))
print(min(data), max(data), min(3, 1, 2), max('a', 'c', 'b'), min([[2], [1, 5]]), max((1, 'b'), (1, 'a')))
print(min(recs, key=lambda r: r[1]), max(recs, key=lambda r: r[1]), max(['aa', 'b', 'cc'], key=len))
print(min([], default='empty'), max([], default=None), min([3], default=0), max(1, 2, key=lambda v: -v))
print(sum([1, 2, 3]), sum([]), sum([0.1] * 10), sum([1, 2], 10), sum([[1], [2]], []), sum(range(5), start=100))
print(sum([True, True, False]), sum([1.5, 2]), min(1, 1.0), max(1.0, 1), max(-0.0, 0))
try:
    max([])
except ValueError as e:
    print('ValueError:', e)
try:
    min()
except TypeError as e:
    print('TypeError:', e)
try:
    sum(['a', 'b'])
except TypeError as e:
    print('TypeError:', e)
try:
    sorted([1, 'x'])
except TypeError as e:
    print('TypeError:', e)
