# np.array dtype inference, zeros/ones/full/arange/linspace, astype, tolist, reshape
import numpy as np
for data in [[1, 2, 3], [1.0, 2, 3], [True, False], [True, 2], [[1, 2], [3, 4.5]], 5, 2.5, (1, 2), [[]]]:
    a = np.array(data)
    print(repr(a), a.dtype, a.shape, a.ndim, a.size)
print(repr(np.array([1.7, -1.7], dtype=np.int64)))
print(repr(np.array([1, 2], dtype=float)), repr(np.array([1, 0], dtype=bool)), repr(np.array([1.5], dtype='float32')))
print(repr(np.zeros(3)), repr(np.zeros((2, 2), dtype=np.int64)), repr(np.ones(4, dtype=np.float32)))
print(repr(np.full((2, 2), 7)), repr(np.full(3, 1.5)), repr(np.empty(0)))
print(repr(np.arange(5)), repr(np.arange(2, 10, 3)), repr(np.arange(0, 1, 0.1)), repr(np.arange(5.0)))
print(repr(np.arange(10, 0, -2)), repr(np.arange(0)), repr(np.arange(1, 2, 0.25)), repr(np.arange(3, dtype=np.float32)))
print(repr(np.linspace(0, 1, 5)), repr(np.linspace(0, 10, 4, endpoint=False)), repr(np.linspace(2, 3, 1)))
print(repr(np.linspace(0, 10, 5, dtype=np.int64)), np.linspace(0, 1).shape)
a = np.arange(6)
print(repr(a.reshape(2, 3)), repr(a.reshape((3, 2))), repr(a.reshape(-1, 2)), repr(np.reshape(a, (2, 3))))
print(repr(a.astype(np.float32)), repr(a.astype(float)), repr((a / 4).astype(np.int64)), repr(a.astype(bool)))
print(a.tolist(), np.array([[1.5, 2], [3, 4]]).tolist(), np.array([True]).tolist(), np.array(2.5).tolist())
print(type(a.tolist()[0]).__name__, type(np.array([1.5]).tolist()[0]).__name__)
print(a.dtype == np.int64, a.dtype == np.float64, np.float32, np.dtype, a.itemsize, a.nbytes)
print(repr(np.zeros_like(a)), repr(np.ones_like(np.array([1.5, 2]))), repr(a.copy()), repr(a.flatten()))
b = np.arange(6).reshape(2, 3)
print(repr(b.T), b.T.shape, repr(b.transpose()), repr(b.ravel()), len(b))
print(repr(np.asarray([1, 2])), repr(np.asarray(b) is b))
try:
    a.reshape(4, 2)
except ValueError as e:
    print("ValueError:", e)
