# annotations.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
x: int = 5
y: "list"
print(__annotations__, x)
class P:
    z: int = 3
    w: str
    if True:
        q: float
print(P.__annotations__, P.z)
def f():
    a: int = 1
    b: str
    return a
print(f())
class __Priv:
    __m: int
print(__Priv.__annotations__)
