# Iterator protocol in user classes.
class Countdown:
    def __init__(self, start):
        self.cur = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur <= 0:
            raise StopIteration
        self.cur -= 1
        return self.cur + 1
print(list(Countdown(5)))
for x in Countdown(3):
    print('tick', x)
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1
r = Range2(4)
print(list(r), list(r), sum(r), sorted(r, reverse=True))
print(list(zip(Range2(3), Countdown(3))))
print(dict(zip(Range2(2), 'ab')), tuple(Range2(2)), set(Range2(1)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, 'end'))
class Pairs:
    def __init__(self, d):
        self.d = d
    def __iter__(self):
        return iter(self.d.items())
for k, v in Pairs({'a': 1, 'b': 2}):
    print(k, v)
a, b, c = Countdown(3)
print(a, b, c)
print([x * 2 for x in Countdown(3)], max(Countdown(4)), 2 in Countdown(3))
print(list(enumerate(Countdown(2))), list(map(str, Range2(3))))
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print('TypeError:', e)
try:
    for x in 5:
        pass
except TypeError as e:
    print('TypeError:', e)
