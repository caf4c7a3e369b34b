# Generator expressions.
g = (x * 2 for x in range(4))
print(type(g).__name__)
print(list(g))
print(list(g))
print(sum(x * x for x in range(10)))
print(max(len(w) for w in ['a', 'abc', 'ab']))
print(any(x > 3 for x in [1, 2, 5]), all(x > 0 for x in [1, -1]))
print(tuple(c for c in 'hey'), sorted(x % 4 for x in range(8)))
print(','.join(str(i) for i in range(5)))
print(list((a, b) for a in range(2) for b in 'xy'))
def seen():
    log = []
    def f(v):
        log.append(v)
        return v
    g = (f(v) for v in range(5))
    print('before', log)
    next(g); next(g)
    print('after two', log)
seen()
print(min((abs(x - 7), x) for x in [1, 5, 9, 12]))
print(dict((str(k), k) for k in range(3)))
print(set(x for x in [1, 1, 1]))
