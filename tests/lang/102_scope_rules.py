# Name resolution: LEGB, class scope, comprehension scope.
x = 'global'
def outer():
    x = 'enclosing'
    def inner():
        return x
    return inner()
print(outer())
def local():
    x = 'local'
    return x
print(local(), x)
print(len('abc'))
def shadow_builtin():
    len = lambda s: 'shadowed'
    return len('abc')
print(shadow_builtin(), len('abc'))
class C:
    y = 10
    z = y * 2
    def method(self):
        try:
            return y
        except NameError as e:
            return 'NameError: ' + str(e)
    vals = [1, 2]
    doubled = [v * 2 for v in vals]
print(C.z, C().method(), C.doubled)
def unbound():
    try:
        print(x)
        x = 1
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)
unbound()
n = 5
sq = [n * n for n in range(3)]
print(sq, n)
def make():
    fs = {}
    for name in ['a', 'b']:
        def f(name=name):
            return name.upper()
        fs[name] = f
    return fs
print({k: f() for k, f in make().items()})
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
c(); c()
print(c())
if True:
    block_var = 'blocks do not create scopes'
print(block_var)
for loop_var in range(3):
    pass
print(loop_var)
try:
    raise ValueError('v')
except ValueError as exc:
    pass
print('exc' in dir())
