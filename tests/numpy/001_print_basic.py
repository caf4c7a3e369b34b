# repr/str of ints, bools and floats in several shapes and dtypes
import numpy as np
cases = [
    np.array([1, 2, 3]),
    np.array([[1, 2], [3, 4]]),
    np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]),
    np.array([-1, 10, -100]),
    np.array([True, False, True]),
    np.array([[True], [False]]),
    np.array([1, 2], dtype=np.int32),
    np.array([1, 2], dtype=np.int16),
    np.array([1, 2], dtype=np.int8),
    np.array([1, 255], dtype=np.uint8),
    np.array([0.1, 0.2], dtype=np.float32),
    np.array([[1.5, 2.25], [3.0, 4.0]], dtype=np.float32),
    np.array([1.0, 2.5, -3.25]),
    np.array([0.5]),
    np.array(3.5),
    np.array(7),
    np.array(True),
    np.array([]),
    np.zeros((2, 0)),
    np.zeros((0, 3), dtype=np.int64),
    np.array([], dtype=np.float32),
    np.ones((2, 3)),
    np.zeros((2, 2, 2), dtype=np.int32),
    np.arange(24).reshape(2, 3, 4),
]
for a in cases:
    print(repr(a))
    print(a)
    print(str(a))
