# len, type, isinstance, issubclass.
print(len('abc'), len([1, 2]), len((1,)), len({'a': 1}), len({1, 2, 3}), len(range(10)), len(''), len('é'))
for v in [1, 1.5, 'x', True, None, [1], (1,), {1: 2}, {1}, range(1), len, type]:
    print(type(v), type(v).__name__)
class A:
    pass
class B(A):
    pass
print(type(A()), type(A), type(B()).__name__, type(type(1)))
print(isinstance(1, int), isinstance(1.0, int), isinstance(1, (str, int)), isinstance(True, int), isinstance(None, type(None)))
print(isinstance(B(), A), isinstance(A(), B), isinstance([], list), isinstance('s', str), isinstance(3, float))
print(issubclass(B, A), issubclass(A, B), issubclass(int, int), issubclass(bool, (str, int)), issubclass(A, object))
print(type(1) == int, type(1) is int, type('') == str, type(1.0) is not int)
print(type(1)('5') + 1, type('')(3), type([])('ab'))
try:
    isinstance(1, 1)
except TypeError as e:
    print('TypeError:', e)
try:
    len(5)
except TypeError as e:
    print('TypeError:', e)
print(int, float, str, list, dict, tuple, set, bool, object, type, range)
print(ValueError, Exception)
