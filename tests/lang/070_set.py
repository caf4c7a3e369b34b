# sets (printed sorted unless they have at most one element).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a.issubset({1, 2, 3, 4, 5}), a.issuperset({9}), a.isdisjoint({7, 8}))
s = set()
print(s, len(s), type(s).__name__, {7}, set([5, 5, 5]))
s.add(3)
s.add(3)
s.add(1)
print(sorted(s), len(s), 3 in s, 2 in s)
s.discard(3)
s.discard(100)
print(s)
s.remove(1)
print(s, bool(s))
try:
    s.remove(1)
except KeyError as e:
    print('KeyError:', e)
c = {1, 2, 3}
c.update([3, 4], (5,))
print(sorted(c))
c |= {10}
c &= {1, 2, 10, 11}
print(sorted(c))
c -= {1}
print(sorted(c))
d = c.copy()
d.add(42)
print(sorted(c), sorted(d))
d.clear()
print(d)
print(sorted(set('mississippi')), len(set('mississippi')), sorted(set(range(3)) | {9}))
p = {'only'}
print(p.pop(), p)
print({1, 2} == {2, 1}, {1} != {1, 2}, {(1, 2), (1, 2)} == {(1, 2)}, {1, 1.0, True})
try:
    {[1]}
except TypeError as e:
    print('TypeError:', e)
try:
    set().pop()
except KeyError as e:
    print('KeyError:', e)
