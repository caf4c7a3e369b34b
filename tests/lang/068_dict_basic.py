# dict basics.
d = {'a': 1, 'b': 2}
d['c'] = 3
print(d, len(d), d['a'], d.get('z'), d.get('z', 0), d.get('b', 0))
print(list(d.keys()), list(d.values()), list(d.items()))
print('a' in d, 'z' in d, 1 in d)
print(d.setdefault('a', 100), d.setdefault('n', []), d)
d['n'].append(1)
print(d.pop('n'), d.pop('zz', 'dflt'), d)
print(d.popitem(), d)
d.update({'x': 9, 'a': 10})
d.update(y=8)
d.update([('z', 7)])
print(d)
del d['x']
print(d)
print(dict(a=1, b=2), dict([('k', 'v'), ('k2', 'v2')]), dict(zip('ab', range(2))), dict({'c': 3}, d=4))
print(dict.fromkeys(['p', 'q']), dict.fromkeys('xy', 0), {}.copy(), dict())
c = d.copy()
c['new'] = 1
print(len(d), len(c))
c.clear()
print(c)
print({'a': 1} == {'a': 1}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1}, {'a': 1} != {'a': 2})
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, '->', v)
print(sorted(d), sorted(d.values()))
try:
    d['missing']
except KeyError as e:
    print('KeyError:', e)
try:
    d[[1]] = 2
except TypeError as e:
    print('TypeError:', e)
try:
    {}.popitem()
except KeyError as e:
    print('KeyError:', e)
try:
    d.pop('nope')
except KeyError as e:
    print('KeyError:', e)
print({1: 'int', 1.5: 'float', (1, 2): 'tuple', None: 'none', True: 'bool?', 'k': [1]})
print(d | {'extra': 1}, {**d, 'more': 2})
