# More generators: pipelines, state, generators of generators.
def numbers():
    for i in range(1, 11):
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def squares(src):
    for x in src:
        yield x * x
print(list(squares(evens(numbers()))))
def take(n, it):
    it = iter(it)
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(take(5, naturals()), take(3, 'ab'))
def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
print(list(chunks([1, 2, 3, 4, 5, 6, 7], 3)))
def flatten(x):
    if isinstance(x, list):
        for item in x:
            for y in flatten(item):
                yield y
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
g1 = naturals()
g2 = naturals()
next(g1); next(g1)
print(next(g1), next(g2))
def gen_try():
    try:
        yield 1
        yield 2
    finally:
        print('gen finally')
for v in gen_try():
    print('v', v)
def counter_gen():
    total = 0
    for i in range(4):
        total += i
        yield total
print(list(counter_gen()), list(counter_gen()))
gen = (c.upper() for c in 'xyz')
print(next(gen), list(gen), list(gen))
def enum_gen(items):
    for i, x in enumerate(items):
        yield i, x
print(dict(enum_gen('ab')))
print(list(zip(naturals(), 'abc')))
