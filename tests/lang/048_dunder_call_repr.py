# __call__, __repr__, __str__.
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, y=0):
        return x + y + self.n
add = Adder(10)
print(add(1), add(1, y=2), callable(add), callable(Adder), callable(5))
class Both:
    def __repr__(self):
        return 'Both<repr>'
    def __str__(self):
        return 'Both<str>'
b = Both()
print(b, str(b), repr(b), [b], (b,), {'k': b}, '%s %r' % (b, b), f'{b} {b!r} {b!s}')
class ReprOnly:
    def __repr__(self):
        return 'ReprOnly()'
r = ReprOnly()
print(r, str(r), [r], f'{r}')
class StrOnly:
    def __str__(self):
        return 'just str'
s = StrOnly()
print(s, str(s), '{}'.format(s))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return 'Money(%d)' % self.cents
    def __str__(self):
        return '$%d.%02d' % divmod(self.cents, 100)
m = Money(12345)
print(m, repr(m), [m, Money(5)])
print('total: ' + str(m))
class Pipeline:
    def __init__(self, *fs):
        self.fs = fs
    def __call__(self, x):
        for f in self.fs:
            x = f(x)
        return x
print(Pipeline(abs, str, len)(-12345))
print(list(map(Adder(1), [1, 2, 3])))
