# TypeError messages for bad calls.
def f(a, b, c=3):
    return a + b + c
class K:
    def m(self, x):
        return x
    @staticmethod
    def s(y):
        return y
five, text, nothing = 5, 'str', None
cases = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3, 4),
    lambda: f(1, 2, d=4),
    lambda: f(1, 2, a=1),
    lambda: K().m(),
    lambda: K().m(1, 2),
    lambda: K.s(),
    lambda: (lambda x: x)(),
    lambda: five(),
    lambda: text(),
    lambda: nothing(),
    lambda: len(),
    lambda: len(1, 2),
    lambda: abs('x'),
    lambda: K(1),
    lambda: [].append(),
    lambda: int('1', 2, 3),
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print('TypeError:', e)
def kw(*, only):
    return only
try:
    kw(1)
except TypeError as e:
    print('TypeError:', e)
def two(a, b):
    pass
try:
    two(**{'a': 1})
except TypeError as e:
    print('TypeError:', e)
try:
    two(*[1, 2, 3])
except TypeError as e:
    print('TypeError:', e)
