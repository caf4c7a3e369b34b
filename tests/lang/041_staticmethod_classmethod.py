# staticmethod and classmethod.
class Temp:
    scale = 'C'
    def __init__(self, deg):
        self.deg = deg
    @staticmethod
    def c_to_f(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @classmethod
    def describe(cls):
        return cls.__name__ + ' in ' + cls.scale
    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self.deg)
class Kelvinish(Temp):
    scale = 'K'
print(Temp.c_to_f(100), Temp(0).c_to_f(37))
print(Temp.from_f(212), Kelvinish.from_f(32))
print(Temp.describe(), Kelvinish.describe(), Kelvinish(1).describe())
class Registry:
    items = []
    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return len(cls.items)
    @staticmethod
    def helper(a, b=1):
        return a + b
print(Registry.register('a'), Registry.register('b'), Registry.items)
print(Registry.helper(1), Registry().helper(1, b=5))
sm = Registry.helper
print(sm(10))
