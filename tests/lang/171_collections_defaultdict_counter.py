# collections.defaultdict and Counter: factories, __missing__, most_common, arithmetic, update/subtract.
from collections import defaultdict, Counter

d = defaultdict(list)
d['a'].append(1)
d['a'].append(2)
d['b']
print(d, d.default_factory, 'c' in d, d.get('c'), len(d))
print(repr(defaultdict()), defaultdict(int, {'x': 1}), defaultdict(None, y=2))
counts = defaultdict(int)
for w in 'the cat and the hat and the bat'.split():
    counts[w] += 1
print(sorted(counts.items()), dict(counts))
e = d.copy()
e['z'].append(0)
print(type(e).__name__, e, d)
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 3
print(nested['x']['y'], dict(nested['x']), isinstance(nested, dict))
d.default_factory = set
d['s'].add(1)
print(d['s'], d | {'q': 1}, type(d | {}).__name__)
for bad in [lambda: defaultdict(1), lambda: defaultdict()['missing'], lambda: hash(defaultdict()),
            lambda: defaultdict('notcallable', {})]:
    try:
        bad()
        print('no error')
    except (TypeError, KeyError) as ex:
        print(type(ex).__name__, ex)

c = Counter('abracadabra')
print(c, c['a'], c['zzz'], 'zzz' in c, len(c))
print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1))
print(sorted(c.elements()), c.total(), repr(Counter()))
print(Counter({'x': 3, 'y': -1}), Counter(a=2, b=0), Counter(['x', 'y', 'x']))
c.update('aaz')
c.update({'b': 10})
c.update(q=4)
print(c)
c.subtract('aaaa')
c.subtract({'z': 5})
print(c)
del c['nonexistent']
del c['q']
print(c)
a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=5)
print(a + b, a - b, b - a, a | b, a & b)
print(+Counter(a=-2, b=3, c=0), -Counter(a=-2, b=3))
x = Counter(a=3, b=1)
x += Counter(b=2, c=-5)
print(x)
x -= Counter(a=1)
print(x)
x |= Counter(a=9)
print(x)
x &= Counter(a=4, c=1)
print(x)
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, Counter(a=1) != Counter(a=2))
print(Counter(a=1) <= Counter(a=2, b=1), Counter(a=1) < Counter(a=1), Counter(a=3) >= Counter(a=2), Counter(a=2) > Counter(a=1))
print(sorted(Counter('mississippi').items()))
words = 'a b c a b a'.split()
print(Counter(words).most_common(1)[0], dict(Counter(words)))
cc = Counter(a=1)
cc2 = cc.copy()
cc2['a'] += 5
print(cc, cc2, type(cc2).__name__)
for bad in [lambda: Counter.fromkeys('ab'), lambda: Counter(a=1) + 1, lambda: Counter('a', 'b'), lambda: Counter(5)]:
    try:
        bad()
        print('no error')
    except (TypeError, NotImplementedError) as ex:
        print(type(ex).__name__, ex)
rd = defaultdict(list)
rd['s'] = rd
print(rd)
