# unwinding_extremes.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
class CM:
    def __enter__(self): return self
    def __exit__(self, *a): print("exit"); return False
def f():
    for i in range(3):
        try:
            return i
        finally:
            break
    return "broke"
def g():
    for i in range(3):
        try:
            return i
        finally:
            continue
    return "cont"
def h():
    try:
        return 1
    finally:
        try:
            return 2
        finally:
            pass
def k():
    with CM():
        for i in range(2):
            try:
                return [i for i in range(3)]
            finally:
                if i == 0:
                    continue
def m():
    for i in range(2):
        with CM():
            try:
                raise ValueError
            except ValueError:
                try:
                    return "m"
                finally:
                    if i == 0:
                        break
    return "m broke"
def n():
    while True:
        try:
            try:
                continue
            finally:
                return "n"
        finally:
            pass
print(f(), g(), h(), k(), m(), n())
