# Float arithmetic and repr (shortest round-trip).
print(0.1 + 0.2, 0.1 * 3, 1.0 / 3, 2.0 / 3)
print(1.5 + 2, 3 * 0.5, 7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(2.0 ** 0.5, 10.0 ** -3, 2 ** 0.5, 4 ** 0.5)
print(1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.0001234)
print(1.0, -1.0, 0.0, -0.0, 100.0, 1e22, 1e21, 1.5e300 * 1e10)
print(float('inf'), -float('inf'), float('nan'))
print(3.14159, 2.718281828459045, 1/7)
print(5e-324, 1.7976931348623157e308)
print(0.5 == 1 / 2, 0.1 + 0.2 == 0.3, 1 == 1.0, 2.5 > 2)
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5), round(3.14159, 3))
print(int(2.9), int(-2.9), float(3), float('1.25'), float(' -3.5 '))
x = 0.0
for i in range(10):
    x += 0.1
print(x)
print(1e300 * 1e300, -1e300 * 1e300)
print(abs(-2.5), -2.5 * -2)
print(type(1.0).__name__, type(1 + 1.0).__name__)
print(repr(1.1), str(2.2), 3.3)
print(9007199254740993.0, 0.3 - 0.1)
