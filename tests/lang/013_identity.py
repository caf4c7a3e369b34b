# is / is not and singletons.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c)
print(None is None, True is True, False is not True)
x = None
print(x is None, x is not None)
def f():
    pass
print(f() is None, f is f)
print(type(1) is int, type('') is str, type([]) is list, type(None) is type(None))
class A:
    pass
o = A()
p = o
print(o is p, A() is A(), type(o) is A)
print(... is Ellipsis, NotImplemented is NotImplemented)
t = ()
print(t == (), len(t))
