# collections.namedtuple: fields, defaults, _asdict/_replace/_make, repr, tuple behaviour, errors.
from collections import namedtuple

Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, repr(p), str(p), p.x, p.y, p[0], p[-1], p[:1])
print(Point._fields, Point._field_defaults, Point.__name__, Point.__doc__, type(p).__name__)
print(isinstance(p, tuple), isinstance(p, Point), issubclass(Point, tuple), len(p))
print(p == (1, 2), p == Point(1, 2), p != Point(2, 1), p < Point(1, 3), hash(p) == hash((1, 2)))
a, b = p
print(a, b, tuple(p), list(p), p + (3,), p * 2, 2 in p, p.count(1), p.index(2))
print(p._asdict(), type(p._asdict()).__name__)
print(p._replace(x=10), p, Point._make([3, 4]), Point._make(iter((5, 6))))
print(Point.x.__doc__, Point.y.__doc__)
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print({Point(1, 2): 'a'}[(1, 2)], max(Point(3, 9)))

P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[7, 8])
print(P3(1), P3(1, 2), P3(1, 2, 3), P3(c=0, a=1), P3._field_defaults)
Comma = namedtuple('Comma', 'u, v,w')
print(Comma._fields, Comma(1, 2, 3))
One = namedtuple('One', 'only')
print(One(5), One._make([6]), len(One(1)))
Empty = namedtuple('Empty', '')
print(Empty(), Empty._fields, len(Empty()))
R = namedtuple('R', ['abc', 'def', 'abc', '_x', '1y', 'ok'], rename=True)
print(R._fields)
print(namedtuple('M', 'a', module='mymod').__module__, Point.__module__)


class Vec(namedtuple('Vec', 'x y')):
    def norm2(self):
        return self.x * self.x + self.y * self.y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)


v = Vec(3, 4)
print(v, v.norm2(), v + Vec(1, 1), isinstance(v, tuple))
print('%s and %s' % (p.x, p.y), '{0.x}-{0.y}'.format(p), f'{p}')
print('%s-%s' % p, '%r' % (p,), '%d' % One(7), '|'.join(Comma('a', 'b', 'c')))

for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: Point._make([1]),
            lambda: p._replace(z=1), lambda: setattr(p, 'x', 5), lambda: setattr(p, 'z', 5),
            lambda: namedtuple('1bad', 'x'), lambda: namedtuple('P', 'def'), lambda: namedtuple('P', '_a'),
            lambda: namedtuple('P', 'a a'), lambda: namedtuple('P', 'a b', defaults=(1, 2, 3)),
            lambda: namedtuple('P', 'a-b'), lambda: p[5]]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError, AttributeError, IndexError) as e:
        print(type(e).__name__, e)


class Pair(tuple):
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))

    def swap(self):
        return Pair(self[1], self[0])


pr = Pair(1, 'x')
print(pr, pr.swap(), type(pr.swap()).__name__, isinstance(pr, tuple), pr == (1, 'x'), pr[1:], type(pr[1:]))
print(tuple(pr), len(pr), hash(pr) == hash((1, 'x')), '%s=%s' % pr, Pair.__mro__)
X = type('X', (tuple,), {})
print(X([1, 2]), X(), type(X(range(2))).__name__, X('ab') + ('c',))
