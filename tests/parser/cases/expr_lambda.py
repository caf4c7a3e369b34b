f = lambda: 0
g = lambda x: x
h = lambda x, y=1, *a, k, m=2, **kw: x
i = lambda *, k: k
j = lambda a, /, b: a
k = lambda *a: a
