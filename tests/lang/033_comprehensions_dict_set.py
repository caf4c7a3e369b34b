# Dict and set comprehensions.
print({x: x * x for x in range(5)})
print({k: v for k, v in zip('abc', [1, 2, 3]) if v != 2})
words = ['apple', 'bob', 'cat', 'apple', 'bob']
print({w: len(w) for w in words})
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print({w: c for w, c in counts.items() if c > 1})
print(sorted({len(w) for w in words}))
print({x % 3 for x in range(10)} == {0, 1, 2})
print({1 for _ in range(5)})
print({v: k for k, v in {'a': 1, 'b': 2}.items()})
print({(i, j): i * j for i in range(2) for j in range(2)})
print(sorted({c.lower() for c in 'HeLLo'}))
print({} == {k: 1 for k in []}, set() == {x for x in []})
