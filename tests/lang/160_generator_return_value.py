# A generator's return value: lost by plain iteration, carried by StopIteration and yield from.
def g():
    yield 1
    return 4


def h():
    r = yield from g()
    print("delegated result", r)
    yield 2


print(list(g()), list(h()))
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration.value =", e.value)
it = g()
print(it.__next__(), next(it, "default"))
