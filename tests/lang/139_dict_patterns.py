# Common dict idioms.
text = 'one two three two three three'
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
groups = {}
for w in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups.setdefault(w[0], []).append(w)
print(groups)
inverted = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(inverted)
merged = dict({'x': 1}, **{'y': 2})
merged.update(z=3)
print(merged, list(merged.items())[-1])
d = dict.fromkeys(range(4), 0)
for k in list(d):
    if k % 2:
        del d[k]
print(d)
cache = {}
def fib(n):
    if n not in cache:
        cache[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
    return cache[n]
print(fib(60), len(cache))
by_len = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
print(by_len, max(counts, key=counts.get), min(counts.values()))
keys = ['a', 'b', 'c']
vals = [1, 2, 3]
zd = dict(zip(keys, vals))
print(zd, {k: zd[k] for k in sorted(zd, reverse=True)})
nested = {'a': {'b': 1}}
print(nested.get('a', {}).get('b'), nested.get('x', {}).get('b', 'none'))
print(len({}), {} == dict(), bool({'': None}))
pairs = list(zd.items())
pairs.reverse()
print(dict(pairs))
