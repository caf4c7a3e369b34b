# NumPy's messages for common mistakes
import numpy as np
def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)
attempt(lambda: np.array([1, 2]) + np.array([1, 2, 3]))
attempt(lambda: np.ones((2, 3)) * np.ones((3, 2)))
attempt(lambda: np.arange(6).reshape(4, 2))
attempt(lambda: np.arange(6).reshape(5))
attempt(lambda: bool(np.array([1, 2])))
attempt(lambda: np.zeros(3)[5])
attempt(lambda: np.zeros((2, 2))[0, 0, 0])
attempt(lambda: np.array(5)[0])
attempt(lambda: len(np.array(5)))
attempt(lambda: np.zeros(0).min())
attempt(lambda: np.array([1.0]) & np.array([1.0]))
attempt(lambda: -np.array([True]))
attempt(lambda: np.zeros(-1))
attempt(lambda: np.array([1, 2]).item())
attempt(lambda: np.random.seed(-5))
attempt(lambda: np.array([1, 2]).astype("nosuchtype"))
attempt(lambda: np.linspace(0, 1, -1))
attempt(lambda: bool(np.array([0])))
attempt(lambda: np.array([3]).item())
