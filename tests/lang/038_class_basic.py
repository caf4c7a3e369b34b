# Classes: attributes, methods, instances.
class Point:
    dims = 2
    count = 0
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
        Point.count += 1
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def __repr__(self):
        return 'Point(%d, %d)' % (self.x, self.y)
p = Point(3, 4)
q = p.moved(1, 1)
print(p, q, p.norm2(), q.norm2())
print(Point.count, p.dims, Point.dims)
p.dims = 3
print(p.dims, Point.dims, q.dims)
print(type(p).__name__, type(p) is Point, isinstance(p, Point), isinstance(1, Point))
m = p.norm2
print(m())
print(Point.norm2(q))
print(p.__dict__)
print(Point.__name__)
class Empty:
    pass
e = Empty()
e.anything = [1]
print(e.anything, isinstance(e, object))
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self):
        self.n += 1
        return self
c = Counter().inc().inc().inc()
print(c.n)
print(type(Point).__name__, type(p))
class WithClassList:
    shared = []
    def add(self, v):
        self.shared.append(v)
a, b = WithClassList(), WithClassList()
a.add(1); b.add(2)
print(WithClassList.shared)
