# Remaining builtins and module-level names.
print(__name__)
print(list(reversed([1, 2, 3])), abs(-7), max(range(4)), min('bca'))
print(divmod(-7, 2), pow(5, 3, 7), sum(range(4)), round(2.567, 1))
print(isinstance(print, type(len)), callable(print), callable(super))
class A:
    def f(self):
        return 'A.f'
class B(A):
    def f(self):
        return 'B.f+' + super().f()
print(B().f(), super(B, B()).f())
print(chr(ord('a') + 1), ord(chr(300)), hex(ord('Z')))
print(all(map(callable, [len, abs, sorted, iter, next, repr, str, int])))
print(sorted(vars(A()).items()), vars(type('T', (), {'x': 1})()) if False else {})
def f(*, a):
    return a
print(f(a=1))
