# Arithmetic: every binary operator with a Python scalar on either side (reflected __r*__ methods) and with 0-dim tensors
import torch

x = torch.tensor([1., 2., 4.])
n = torch.tensor([5, 6, 7])
print(3 + x, 3 - x, 3 * x, 3 / x, 3 // x, 3 % x, 3 ** x)
print(x + 3, x - 3, x * 3, x / 3, x // 3, x % 3, x ** 3)
print(10 - n, 10 // n, 10 % n, 2 ** n, 1.5 - n, 1.5 * n, True + n)
try:
    print(n - True)
except RuntimeError as e:
    print(type(e).__name__, e)
print(7 & n, 7 | n, 7 ^ n, n & 3, n | 8, True ^ torch.tensor([True, False]))
z = torch.tensor(2.)
print(z + 1, 1 - z, z * n, n / z, (z * n).dtype, (torch.tensor(2) * x).dtype, x @ x, type(z + 1))
print(x.__radd__(1), x.__rsub__(1), x.__rmul__(2), x.__rtruediv__(1), x.__rpow__(2))
print(x.__add__(n), n.__sub__(x), n.__mul__(x).dtype)
try:
    print('a' + x)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(x + None)
except TypeError as e:
    print(type(e).__name__, e)
