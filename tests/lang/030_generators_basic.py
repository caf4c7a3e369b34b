# Generators: yield, next, StopIteration, return value.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)))
g = count_up(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print('StopIteration')
print(next(g, 'default'))
def with_return():
    yield 1
    return 'done'
g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('return value:', e.value)
def lazy():
    print('started')
    yield 'a'
    print('resumed')
    yield 'b'
    print('finishing')
g = lazy()
print('created')
for v in g:
    print('got', v)
def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for x in fib_gen():
    if x > 100:
        break
    out.append(x)
print(out)
print(sum(count_up(101)), max(count_up(7)))
print(iter(g) is g, type(g).__name__)
def gen_with_args(*items, sep='-'):
    for it in items:
        yield str(it) + sep
print(''.join(gen_with_args(1, 2, 3, sep='+')))
