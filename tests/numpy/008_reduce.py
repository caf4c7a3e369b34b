# sum/mean/max/min/argmax/argmin/prod/std/var/all/any with axis and keepdims
import numpy as np
a = np.array([[1, 5, 3], [4, 2, 6]])
f = np.array([[1.5, -2.0], [0.25, 8.0]])
for x in [a, f]:
    print(x.sum(), x.mean(), x.max(), x.min(), x.argmax(), x.argmin(), x.prod(), x.std(), x.var())
    print(repr(x.sum(axis=0)), repr(x.sum(axis=1)), repr(x.mean(axis=0)), repr(x.max(axis=1)), repr(x.min(axis=0)))
    print(repr(x.argmax(axis=0)), repr(x.argmax(axis=1)), repr(x.argmin(axis=1)), repr(x.sum(axis=-1)))
    print(repr(x.sum(axis=0, keepdims=True)), repr(x.mean(axis=1, keepdims=True)), repr(x.sum(axis=(0, 1))))
print(np.sum(a), repr(np.sum(a, axis=0)), np.mean([1, 2, 3, 4]), np.max([3, 9, 2]), np.argmax([3, 9, 2]))
print(np.min(f), repr(np.amax(a, axis=0)), repr(np.argmin(a, axis=0)), np.std([1.0, 2.0, 3.0, 4.0]))
b = np.array([True, False, True])
print(b.sum(), b.any(), b.all(), np.any(b), np.all(np.array([1, 1])), repr(np.array([[True, False]]).all(axis=0)))
s = np.array([0.1, 0.2, 0.3], dtype=np.float32)
print(repr(s.sum(axis=0, keepdims=True)), repr(s.mean(keepdims=True)), s.max() == s[2])
print(repr(np.arange(24).reshape(2, 3, 4).sum(axis=(0, 2))), repr(np.arange(24.0).reshape(2, 3, 4).mean(axis=1)))
for fn in [lambda: np.zeros(0).max(), lambda: np.zeros(0).argmax(), lambda: a.sum(axis=2)]:
    try:
        print(fn())
    except ValueError as e:
        print("ValueError:", e)
