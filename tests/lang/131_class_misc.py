# Miscellaneous class behaviour: __class__, bound methods, attribute lookup order.
class Animal:
    legs = 4
    def __init__(self, name):
        self.name = name
    def describe(self):
        return '%s has %d legs' % (self.name, self.legs)
class Bird(Animal):
    legs = 2
a, b = Animal('cat'), Bird('owl')
print(a.describe(), '|', b.describe())
print(a.__class__.__name__, b.__class__.__name__, b.__class__.__bases__[0].__name__)
bound = b.describe
print(bound(), Animal.describe(b))
b.legs = 1
print(b.describe(), Bird.legs)
del b.legs
print(b.describe())
b.describe = lambda: 'instance attribute shadows method'
print(b.describe())
class Counter:
    instances = 0
    def __init__(self):
        type(self).instances += 1
class Sub(Counter):
    pass
Counter(); Counter(); Sub()
print(Counter.instances, Sub.instances)
class WithInit:
    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)
w = WithInit(x=1, y='two')
print(w.x, w.y, sorted(vars(w)))
class Chain:
    def __init__(self):
        self.ops = []
    def add(self, v):
        self.ops.append(('add', v))
        return self
    def mul(self, v):
        self.ops.append(('mul', v))
        return self
print(Chain().add(1).mul(2).add(3).ops)
if __name__ == '__main__':
    print('running as main')
class Outer:
    class Inner:
        value = 'nested class'
    def make(self):
        return self.Inner()
print(Outer().make().value, Outer.Inner.__name__)
def method_outside(self):
    return 'outside ' + type(self).__name__
class Late:
    m = method_outside
print(Late().m())
print(isinstance(Late, type), isinstance(Late(), object), type(Late) is type)
