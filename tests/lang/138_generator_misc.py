# Generator objects: independence, exhaustion, generators in classes.
def squares(n):
    for i in range(n):
        yield i * i
a = squares(3)
b = squares(3)
print(next(a), next(a), next(b), list(a), list(b))
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            for v in k:
                yield v
t = Tree(1, Tree(2, Tree(3)), Tree(4))
print(list(t), sum(t), 3 in t)
def gen_enumerate(it, start=0):
    n = start
    for x in it:
        yield n, x
        n += 1
print(list(gen_enumerate('abc', 1)))
def gen_zip(*its):
    iters = [iter(i) for i in its]
    while True:
        try:
            yield tuple(next(i) for i in iters) if False else tuple([next(i) for i in iters])
        except StopIteration:
            return
print(list(gen_zip('ab', [1, 2, 3])))
def evens():
    n = 0
    while True:
        yield n
        n += 2
e = evens()
print([next(e) for _ in range(5)])
g = (x for x in [])
print(next(g, 'empty gen'))
def early_return(flag):
    yield 1
    if flag:
        return
    yield 2
print(list(early_return(True)), list(early_return(False)))
