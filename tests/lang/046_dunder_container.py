# Container dunders: __len__, __getitem__, __setitem__, __delitem__, __contains__, __bool__.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, key):
        r, c = key
        return self.cells.get((r, c), '.')
    def __setitem__(self, key, val):
        self.cells[key] = val
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, val):
        return val in self.cells.values()
g = Grid(3, 2)
g[0, 1] = 'x'
g[1, 2] = 'y'
print(len(g), g[0, 1], g[1, 1], 'x' in g, 'z' in g, 'z' not in g)
del g[0, 1]
print(g[0, 1], 'x' in g)
class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError('Seq index out of range')
        return i * 10
s = Seq(4)
print(list(s), s[-1], 20 in s, 25 in s, [x for x in s])
print(bool(Seq(0)), bool(Seq(2)))
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
print(bool(Flag(True)), bool(Flag(False)), 'yes' if Flag(True) else 'no', not Flag(False))
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(Both()), len(Both()))
class Plain:
    pass
print(bool(Plain()))
class Slicer:
    def __getitem__(self, k):
        if isinstance(k, slice):
            return ('slice', k.start, k.stop, k.step)
        return ('index', k)
sl = Slicer()
print(sl[3], sl[1:5], sl[::2], sl[-1])
try:
    len(Plain())
except TypeError as e:
    print('TypeError:', e)
try:
    Plain()[0]
except TypeError as e:
    print('TypeError:', e)
