# collections.deque: both ends, maxlen, rotate, extend/extendleft, indexing, comparisons, errors.
from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], d.maxlen, bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend('ab')
d.extendleft([10, 20])
print(d, list(d), list(reversed(d)))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate(0)
d.rotate(len(d) * 3 + 1)
print(d)
print(3 in d, 99 in d, d.count(3), d.index(3), d.index('b', 2))
d[0] = 'first'
del d[1]
print(d)
d.insert(1, 'ins')
d.remove('a')
print(d)
d.reverse()
print(d, d.copy(), type(d.copy()).__name__)
d.clear()
print(d, len(d), repr(deque()), deque('xyz'), deque(range(3)))

window = deque(maxlen=3)
for i in range(6):
    window.append(i)
    print(list(window), end=' ')
print()
print(window, window.maxlen)
window.appendleft(-1)
print(window)
window.extendleft([7, 8])
print(window)
z = deque([1, 2], maxlen=0)
z.append(5)
print(z, len(z))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1]) < deque([2]), deque([1, 2]) >= deque([1]))
print(deque([1]) + deque([2, 3]), deque('ab') * 2)
q = deque([1])
q += [2, 3]
print(q)
q *= 2
print(q)
lim = deque([1, 2, 3], maxlen=4)
print(lim + deque([9]), deque(lim, maxlen=2))
s = deque([5])
s.extend(s)
print(s)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1]).remove(5),
            lambda: deque([1]).index(5), lambda: deque([1])[5], lambda: deque([1])[-2],
            lambda: deque(maxlen=-1), lambda: deque([1], maxlen=1).insert(0, 2),
            lambda: setattr(deque(), 'maxlen', 3), lambda: deque([1]) + [2], lambda: deque(5),
            lambda: deque([1])['a']]:
    try:
        bad()
        print('no error')
    except (IndexError, ValueError, AttributeError, TypeError) as e:
        print(type(e).__name__, e)
rec = deque([1])
rec.append(rec)
print(rec, len(rec))
dd = {'d': deque([[1], (2,)], maxlen=5)}
print(dd)
