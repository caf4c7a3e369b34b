# and/or/not return values and short-circuiting.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'default', '' or [] or 0)
print(not 0, not 1, not '', not 'x', not [], not None)
print([] and 1, [1] and 'yes', 0.0 or -0.0)
def side(name, val):
    print('eval', name)
    return val
print(side('a', 0) and side('b', 1))
print(side('c', 1) or side('d', 1))
print(side('e', 1) and side('f', 0) or side('g', 'G'))
print(True and True, True and False, False or False, True or False)
print(bool(0), bool(1), bool(-1), bool(0.0), bool(''), bool(' '), bool([]), bool([0]),
      bool({}), bool({0: 0}), bool(()), bool(None), bool(range(0)), bool(range(1)))
x = 5
print(x > 3 and x < 10, not x > 3, not (x > 3 and x < 4))
print(type(True).__name__, True + 0, str(False), repr(True))
print(True is True, isinstance(True, int), True == 1, hash(True) == hash(1))
