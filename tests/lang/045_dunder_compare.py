# Comparison dunders.
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, o):
        return isinstance(o, Ver) and self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __gt__(self, o):
        return self.parts > o.parts
    def __ge__(self, o):
        return self.parts >= o.parts
    def __hash__(self):
        return hash(self.parts)
    def __repr__(self):
        return 'v' + '.'.join(str(p) for p in self.parts)
a, b, c = Ver(1, 2), Ver(1, 10), Ver(1, 2)
print(a == c, a != c, a == b, a != b, a < b, a <= c, b > a, b >= a, a is c)
print(sorted([Ver(2), Ver(1, 5), Ver(1), Ver(1, 0, 1)]))
print(max([a, b]), min([b, a]))
print(a in [b, c], len({a, c}), {a: 'x'}[c])
print(a == 'x', 'x' == a)
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return 'O%d' % self.v
print(sorted([OnlyLt(3), OnlyLt(1), OnlyLt(2)]))
print(OnlyLt(5) > OnlyLt(2))
class NoEq:
    pass
x = NoEq()
print(x == x, x == NoEq(), x != NoEq())
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print('TypeError:', e)
class Weird:
    def __eq__(self, o):
        return 'custom'
print(Weird() == 1, Weird() != 1)
