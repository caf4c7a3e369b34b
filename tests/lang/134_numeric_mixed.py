# Mixing bool, int and float.
print(True + 1, True + 1.5, False * 3.0, True / 2, 3 // True, 7 % True)
print(1 + 2.0, 2 * 3.5, 10 / 4, 10 // 4.0, -10 % 3.0, 2 ** 3.0, 4 ** -0.5)
print(type(True + True).__name__, type(1 + 1.0).__name__, type(4 / 2).__name__, type(4 // 2).__name__)
print(1 == 1.0 == True, 0 == 0.0 == False, 3 > 2.5 > True)
print(int(True), float(False), complex if False else 'no complex', abs(-True))
print(max(1, 2.0), min(1, 1.0), sorted([3, 1.5, True, 0.0]), sum([1, 0.5, True]))
print(round(7 / 3, 4), 7 / 3 * 3, 0.1 * 3, 1 - 0.9)
print(divmod(7, 2.5), divmod(-7, 2.5), 7.0 // -2, 7.0 % -2)
print(10 ** 2, 10 ** -2, 10.0 ** 2, (-8) ** (1 / 3) if False else 'skip', 2 ** 0.5 * 2 ** 0.5)
print(float(10 ** 15) == 10 ** 15, 0.5 + 0.25 == 0.75, 1e3 == 1000)
x = 5
x /= 2
print(x, type(x).__name__)
y = 5
y //= 2.0
print(y, type(y).__name__)
print(int('10') * 1.5, float('2') // 1, str(3) * 2)
