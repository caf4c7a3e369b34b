# Integer arithmetic with Python semantics (floor division, modulo signs).
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
for x, y in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (6, 3), (-6, 3)]:
    print(x, y, x // y, x % y, divmod(x, y), x / y)
print(2 ** 10, 2 ** 0, (-2) ** 3, -2 ** 2, 2 ** -1, 10 ** -2)
print(3 ** 3 ** 2)
print(pow(2, 10), pow(2, 10, 1000), pow(3, 4, 5), pow(-3, 3))
print(1 + 2 * 3 - 4 // 3 % 2)
print((1 + 2) * (3 - 4))
print(True + True, True * 10, False - 1)
print(abs(-42), abs(0), -(-5))
print(123456789 * 1000, 10 ** 18, 2 ** 62)
x = 1
for i in range(20):
    x = x * 3 + 1
print(x)
print(int(7 / 2), 7 // 2, -7 // 2, int(-7 / 2))
print(0 // 5, 0 % 5, 5 % 1)
print(type(7 // 2).__name__, type(7 / 7).__name__, type(2 ** -1).__name__)
