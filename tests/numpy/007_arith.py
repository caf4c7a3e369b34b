# arithmetic and comparisons with broadcasting and NumPy's type promotion
import numpy as np
i = np.array([1, 2, 3])
f = np.array([0.5, 1.5, 2.5])
s = np.array([1, 2, 3], dtype=np.float32)
print(repr(i + f), repr(i * 2), repr(i / 2), repr(i // 2), repr(i % 2), repr(i ** 2), repr(-i))
print(repr(f - 1), repr(2 - f), repr(1 / f), repr(f // 1), repr(f % 1), repr(f ** 2), repr(abs(-f)))
print(repr(s + 1), repr(s + 1.5), repr(s * i), repr(s / 2), repr(s + f), repr(i * 1.5), repr(s + np.array([1], dtype=np.int16)))
print(repr(i == 2), repr(i != 2), repr(i < 2), repr(i <= 2), repr(f > 1), repr(f >= 1.5), repr(i == f))
m = np.arange(6).reshape(2, 3)
print(repr(m + i), repr(m * np.array([[10], [20]])), repr(m - m.T.T), repr(m @ np.ones(3)), repr(m.T @ m))
b = np.array([True, False, True])
print(repr(b & np.array([True, True, False])), repr(b | False), repr(~b), repr(b ^ True), repr(b + b), repr(b * 3))
print(repr(i & 1), repr(i | 4), repr(~i))
x = np.array([1.0, 2.0])
x += 1
x *= 3
print(repr(x))
y = np.array([1, 2])
y += 5
print(repr(y))
try:
    y += 1.5
except TypeError as e:
    print("TypeError:", e)
for a, b2 in [((2,), (3,)), ((2, 3), (3, 2)), ((4, 1), (3,)), ((2, 3), (2,))]:
    try:
        print(repr(np.zeros(a) + np.ones(b2)))
    except ValueError as e:
        print("ValueError:", e)
print(repr(np.sqrt(np.array([1, 4, 9]))), repr(np.exp(np.array([0.0, 1.0]))), repr(np.log(np.array([1.0]))))
print(repr(np.abs(np.array([-1, 2]))), np.sqrt(2.0), repr(np.dot(np.array([1, 2]), np.array([3, 4]))))
print(repr(i + [1, 1, 1]), float(np.array([2.5])), int(np.array([3])))
