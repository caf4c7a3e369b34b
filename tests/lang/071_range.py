# range.
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(5, 5)), list(range(5, 0)))
r = range(0, 20, 4)
print(r, range(5), range(1, 2), len(r), r[1], r[-1], r[1:3], r[::-1], 8 in r, 9 in r)
print(r.start, r.stop, r.step, r.index(12), r.count(4), len(range(10, 0, -2)), len(range(0)))
print(sum(range(101)), max(range(7)), min(range(3, 9)), list(reversed(range(4))))
print(range(3) == range(3), range(0) == range(2, 2), list(range(-3, 3)), list(range(-1, -6, -2)))
print(type(r).__name__, bool(range(0)), bool(range(1)))
for i in range(3, 0, -1):
    print('countdown', i)
try:
    range(1, 2, 0)
except ValueError as e:
    print('ValueError:', e)
try:
    range(5)[10]
except IndexError as e:
    print('IndexError:', e)
try:
    range(1.5)
except TypeError as e:
    print('TypeError:', e)
print(list(range(10))[range(2, 5)[0]:range(2, 5)[-1]], range(10)[-3])
