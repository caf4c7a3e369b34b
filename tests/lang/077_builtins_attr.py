# hasattr/getattr/setattr/delattr, vars, dir, callable.
class Obj:
    cls_attr = 'class-level'
    def __init__(self):
        self.a = 1
        self.b = 'two'
    def method(self):
        return 'method result'
o = Obj()
print(hasattr(o, 'a'), hasattr(o, 'zzz'), hasattr(o, 'cls_attr'), hasattr(o, 'method'), hasattr(Obj, 'a'))
print(getattr(o, 'a'), getattr(o, 'zzz', 'default'), getattr(o, 'method')(), getattr(Obj, 'cls_attr'))
setattr(o, 'c', [3])
setattr(o, 'a', 100)
print(o.c, o.a)
delattr(o, 'b')
print(hasattr(o, 'b'), vars(o))
print(vars(o) is o.__dict__, sorted(vars(o)))
print([n for n in dir(o) if not n.startswith('_')])
print([n for n in dir(Obj) if not n.startswith('_')])
print('append' in dir([]), 'upper' in dir('x'), 'keys' in dir({}), 'sqrt' in dir(__import__('math')) if False else '')
print(callable(o), callable(o.method), callable(Obj), callable(len), callable(lambda: 0), callable(1), callable('s'))
try:
    getattr(o, 'missing_attr_q')
except AttributeError as e:
    print('AttributeError:', e)
try:
    delattr(o, 'nope_attr_q')
except AttributeError as e:
    print('AttributeError:', e)
try:
    (5).missing_attr_q
except AttributeError as e:
    print('AttributeError:', e)
try:
    Obj.missing_attr_q
except AttributeError as e:
    print('AttributeError:', e)
name = 'dyn'
setattr(Obj, name, lambda self: 'dynamic method')
print(o.dyn())
import math
print(getattr(math, 'floor')(2.5), hasattr(math, 'pi'), hasattr(math, 'nope'))
