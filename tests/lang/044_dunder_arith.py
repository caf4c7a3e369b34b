# Arithmetic dunder methods, reflected forms, NotImplemented.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'V(%r, %r)' % (self.x, self.y)
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented
    def __radd__(self, o):
        return self.__add__(o)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __rmul__(self, k):
        return V(k * self.x, k * self.y)
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __rtruediv__(self, k):
        return V(k / self.x, k / self.y)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __pow__(self, k):
        return V(self.x ** k, self.y ** k)
    def __rpow__(self, b):
        return V(b ** self.x, b ** self.y)
    def __rsub__(self, o):
        return V(o - self.x, o - self.y)
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return V(abs(self.x), abs(self.y))
    def __and__(self, o):
        return 'and'
    def __or__(self, o):
        return 'or'
    def __xor__(self, o):
        return 'xor'
    def __lshift__(self, o):
        return 'lshift'
    def __rshift__(self, o):
        return 'rshift'
    def __invert__(self):
        return 'invert'
    def __rfloordiv__(self, o):
        return 'rfloordiv'
    def __rmod__(self, o):
        return 'rmod'
a, b = V(1, 2), V(3, 5)
print(a + b, a + 1, 1 + a, b - a, a * 3, 3 * a, b / 2, 10 / a)
print(b // 2, b % 2, a ** 2, 2 ** a, 10 - a, -a, +a, abs(V(-1, 2)))
print(a & 1, a | 1, a ^ 1, a << 1, a >> 1, ~a, 5 // a, 5 % a)
print(sum([a, b, V(0, 0)]), sum([a, b], V(100, 100)))
c = a
c += b
print(c, a, c is a)
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, v):
        self.items.append(v)
        return self
    def __isub__(self, v):
        self.items.remove(v)
        return self
acc = Acc()
alias = acc
acc += 1
acc += 2
acc -= 1
print(acc.items, alias is acc)
try:
    a + 'str'
except TypeError as e:
    print('TypeError:', e)
try:
    'str' + a
except TypeError as e:
    print('TypeError:', e)
class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return NotImplemented
class Other:
    def __radd__(self, o):
        return 'Other.__radd__ called'
print(Num(1) + Other())
