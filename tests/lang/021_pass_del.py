# pass and del.
def nothing():
    pass
class Empty:
    pass
print(nothing())
x = 5
del x
try:
    print(x)
except NameError as e:
    print('NameError:', e)
lst = [0, 1, 2, 3, 4, 5, 6]
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
try:
    del d['zz']
except KeyError as e:
    print('KeyError:', e)
o = Empty()
o.attr = 1
o.other = 2
del o.attr
print(hasattr(o, 'attr'), hasattr(o, 'other'))
a, b = 1, 2
del a, b
try:
    a
except NameError as e:
    print('NameError:', e)
def local_del():
    v = 1
    del v
    try:
        return v
    except UnboundLocalError as e:
        return 'UnboundLocalError: ' + str(e)
print(local_del())
