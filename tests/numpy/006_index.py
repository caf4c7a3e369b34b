# indexing: ints, negatives, slices, tuples, boolean masks, views and assignment
import numpy as np
a = np.arange(12).reshape(3, 4)
print(a[0], a[-1], a[1, 2], a[-1, -1])
print(repr(a[1:]), repr(a[:, 1]), repr(a[::2, ::-1]), repr(a[1:3, 1:3]), repr(a[..., 0]))
print(repr(a[a > 5]), repr(a[a % 2 == 0]))
f = np.array([1.5, 2.5, 3.5])
print(f[0], f[-1])
v = a[0]
v[0] = 100
print(repr(a))
a[1] = 0
a[2, 1:3] = np.array([7, 8])
a[a > 50] = -1
print(repr(a))
f[1:] = 9
print(repr(f))
b = np.zeros((2, 2))
b[0, 0] = 5
b[:, 1] += 1
print(repr(b))
for row in np.arange(6).reshape(3, 2):
    print(repr(row))
print(list(np.array([1, 2, 3])))
for key in [3, -4, (0, 5)]:
    try:
        print(np.arange(3)[key] if not isinstance(key, tuple) else np.zeros((2, 2))[key])
    except IndexError as e:
        print("IndexError:", e)
try:
    np.arange(3)[0, 0]
except IndexError as e:
    print("IndexError:", e)
