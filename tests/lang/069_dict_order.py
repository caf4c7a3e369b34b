# dict insertion order and views.
d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
print(d)
d['alpha'] = 99
print(d)
del d['zeta']
d['zeta'] = 0
print(d)
print(list(d), list(reversed(d)))
ks = d.keys()
vs = d.values()
its = d.items()
print(ks, vs, its)
d['late'] = 1
print(len(ks), list(ks)[-1], 'late' in ks, ('late', 1) in its)
print(type(ks).__name__, type(vs).__name__, type(its).__name__)
nested = {'a': {'b': {'c': [1, 2, {'d': None}]}}}
print(nested, nested['a']['b']['c'][2]['d'])
print({1: 'a', True: 'b', 1.0: 'c'}, {0: 'x', False: 'y'})
m = {str(i): i * i for i in range(5, 0, -1)}
print(m, list(m.items())[0])
inv = {}
for word in 'the cat and the hat and the bat'.split():
    inv[word] = inv.get(word, 0) + 1
print(inv, max(inv, key=inv.get))
print(sorted(inv.items(), key=lambda kv: (-kv[1], kv[0])))
try:
    for k in d:
        d['new' + k] = 1
except RuntimeError as e:
    print('RuntimeError:', e)
