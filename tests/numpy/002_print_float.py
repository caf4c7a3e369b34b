# NumPy's float formatting: unique digits, padding, sign alignment, scientific switch
import numpy as np
vals = [
    [1.0, 2.0, 3.0], [0.1, 0.25, 100.0], [1e10, 1.5e-5], [1e-3, 1.0], [1e-5, 1.0],
    [123456789.0, 1.0], [99999999.0, 1.0], [1.23456789012, 2.0], [1.0 / 3, 2.0 / 3],
    [0.0, -0.0], [-1.5, 2.0], [1e100, 1e-100], [1.0, 1000.0], [1.0, 1001.0],
    [float('nan'), 1.0], [float('inf'), -float('inf'), 1.5], [float('nan')], [float('inf')],
    [-float('inf'), 0.5], [3.14159e20], [2.5e-10, -2.5e-10], [0.1 + 0.2], [1e16], [123.456, -0.001],
    [5e-324, 1.0], [1.7976931348623157e308], [-1e-7, 1e-7, 0.0],
]
for v in vals:
    a = np.array(v)
    print(repr(a))
    print(a)
    f = np.array(v, dtype=np.float32)
    print(repr(f))
    print(f)
print(repr(np.array([0.1, 0.7, 1.0 / 3], dtype=np.float32)))
print(repr(np.array([16777217.0, 1.0], dtype=np.float32)))
print(repr(np.array([1.5, 2.5], dtype=np.float16)))
print(repr(np.linspace(0, 1, 7)))
print(repr(np.linspace(-1, 1, 5, dtype=np.float32)))
