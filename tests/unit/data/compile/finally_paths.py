# finally_paths.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
import sys
def f():
    try:
        raise ValueError
    finally:
        return "swallowed"
print(f(), sys.exc_info())
def g():
    for i in range(3):
        try:
            raise ValueError
        finally:
            break
    return i, sys.exc_info()
print(g())
def h():
    for i in range(3):
        try:
            1/0
        finally:
            continue
    return "cont", sys.exc_info()
print(h())
def k():
    try:
        return "try"
    finally:
        return "finally"
print(k())
def m():
    try:
        try:
            raise KeyError
        except KeyError:
            return "handler"
        finally:
            print("inner finally", sys.exc_info()[0])
    finally:
        print("outer finally")
print(m())
class CM:
    def __enter__(self): return self
    def __exit__(self, *a): print("exit", a[0]); return True
def n():
    with CM():
        try:
            return 1
        finally:
            print("fin in with")
print(n())
def o():
    with CM():
        raise ValueError("suppressed")
    return "after suppress", sys.exc_info()
print(o())
def p():
    try:
        raise TypeError("outer")
    except TypeError:
        try:
            raise ValueError("inner")
        except ValueError:
            pass
        print("restored", sys.exc_info()[0].__name__)
        try:
            raise
        except TypeError as e:
            print("reraised", e)
    print("after", sys.exc_info())
p()
try:
    raise
except RuntimeError as e:
    print(e)
def q():
    for i in range(2):
        try:
            try:
                raise KeyError(i)
            except KeyError as e:
                if i == 0:
                    continue
                return str(e)
        finally:
            print("q fin", i)
print(q())
def r():
    while True:
        try:
            with CM():
                break
        finally:
            print("r fin")
    return "r done"
print(r())
def s():
    x = 0
    while x < 3:
        x += 1
        try:
            if x == 2:
                continue
        except:
            pass
        else:
            print("s else", x)
    return x
print(s())
