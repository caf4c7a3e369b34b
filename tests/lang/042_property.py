# property: getter, setter, deleter, read-only.
class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def radius(self):
        return self._r
    @radius.setter
    def radius(self, v):
        if v < 0:
            raise ValueError('radius must be >= 0')
        self._r = v
    @radius.deleter
    def radius(self):
        print('deleting radius')
        self._r = 0
    @property
    def area(self):
        return 3 * self._r ** 2
c = Circle(2)
print(c.radius, c.area)
c.radius = 5
print(c.radius, c.area)
try:
    c.radius = -1
except ValueError as e:
    print('ValueError:', e)
del c.radius
print(c.radius)
try:
    c.area = 10
except AttributeError as e:
    print('AttributeError:', e)
class Lazy:
    def __init__(self):
        self.calls = 0
    @property
    def value(self):
        self.calls += 1
        return self.calls * 10
l = Lazy()
print(l.value, l.value, l.calls)
class Derived(Circle):
    @property
    def diameter(self):
        return 2 * self.radius
d = Derived(4)
print(d.diameter, d.radius)
def get_x(self):
    return 'x via property()'
class Old:
    x = property(get_x)
print(Old().x)
