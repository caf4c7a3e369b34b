# The VM caches attribute, method and global lookups per instruction; every change
# below must be seen by the very same instructions (each helper runs in a loop so that
# its caches are warm before the change).

class C:
    x = 1
    def m(self):
        return "C.m"

def get_x(o):
    return o.x

def call_m(o):
    return o.m()

def set_y(o, v):
    o.y = v

def get_y(o):
    return o.y

def warm(f, *args):
    r = None
    for _ in range(5):
        r = f(*args)
    return r

c = C()
print("class attr", warm(get_x, c))
C.x = 2                          # class attribute replaced
print("after C.x = 2", warm(get_x, c))
c.x = 3                          # instance attribute shadows it
print("instance shadows", warm(get_x, c))
del c.x
print("after del c.x", warm(get_x, c))
del C.x
try:
    get_x(c)
except AttributeError as e:
    print("after del C.x:", e)
C.x = 4
print("restored", warm(get_x, c))

# methods: monkey-patching, instance shadowing, deletion
print("method", warm(call_m, c))
C.m = lambda self: "patched"
print("patched", warm(call_m, c))
c.m = lambda: "instance function"
print("instance attr", warm(call_m, c))
del c.m
print("back to class", warm(call_m, c))
def m2(self):
    return "m2"
C.m = m2
print("replaced", warm(call_m, c))
del C.m
try:
    call_m(c)
except AttributeError as e:
    print("deleted:", e)

# a data descriptor added later wins over the instance dict
class D:
    pass

d = D()
set_y(d, 10)
print("plain", warm(get_y, d))
D.y = property(lambda self: "prop", lambda self, v: print("setter", v))
print("property get", warm(get_y, d))
set_y(d, 11)
del D.y
print("property gone", warm(get_y, d))
set_y(d, 12)
print("stored again", warm(get_y, d))

# a non-data descriptor (function) added to the class does not beat the instance dict
D.y = lambda self: "method"
print("non-data", warm(get_y, d))
del D.y

# __setattr__ / __getattr__ / __getattribute__ added after the caches were warm
warm(set_y, d, 1)
def logging_setattr(self, name, value):
    print("setattr", name, value)
    object.__setattr__(self, name, value)
D.__setattr__ = logging_setattr
set_y(d, 13)
print("value", get_y(d))
del D.__setattr__
set_y(d, 14)
print("value", warm(get_y, d))

class E:
    def __init__(self):
        self.a = 1

def get_a(o):
    return o.a

def get_b(o):
    return o.b

e = E()
warm(get_a, e)
try:
    get_b(e)
except AttributeError as err:
    print("missing:", err)
E.__getattr__ = lambda self, name: "fallback " + name
print(warm(get_b, e), warm(get_a, e))
E.__getattribute__ = lambda self, name: "always " + name
print(warm(get_b, e), warm(get_a, e))

# inheritance: changing a base class is seen through subclasses
class Base:
    def who(self):
        return "base"
    k = "base k"

class Sub(Base):
    pass

def who(o):
    return o.who()

def get_k(o):
    return o.k

s = Sub()
print(warm(who, s), warm(get_k, s))
Base.who = lambda self: "base patched"
Base.k = "base k2"
print(warm(who, s), warm(get_k, s))
Sub.who = lambda self: "sub"
Sub.k = "sub k"
print(warm(who, s), warm(get_k, s))
del Sub.who, Sub.k
print(warm(who, s), warm(get_k, s))

# the same instruction sees objects of different classes, and instances whose dicts
# have their keys in different orders
class P:
    def __init__(self, first):
        if first:
            self.a = "P.a"
            self.b = "P.b"
        else:
            self.b = "P.b'"
            self.a = "P.a'"

class Q:
    a = "Q.a class"

objs = [P(True), P(False), Q(), P(True)]
print([get_a(o) for o in objs * 2])
q = Q()
q.a = "q instance"
print([get_a(o) for o in [q, objs[2], q]])

# classmethod, staticmethod and property through instances
class F:
    n = 5
    @classmethod
    def cm(cls):
        return cls.n
    @staticmethod
    def sm(v):
        return v * 2
    @property
    def p(self):
        return self.n + 1

def use_f(o):
    return o.cm(), o.sm(3), o.p

f = F()
print(warm(use_f, f))
F.n = 50
print(warm(use_f, f))

# deleting and re-adding instance attributes, __dict__ replaced
def get_z(o):
    return o.z

g = D()
g.z = 1
print(warm(get_z, g))
del g.z
g.w = 0
g.z = 2
print(warm(get_z, g))
g.__dict__ = {"z": 3}
print(warm(get_z, g))
g.__dict__ = {}
try:
    get_z(g)
except AttributeError as err:
    print("gone:", err)

# globals: rebinding, deletion, shadowing a builtin and removing the shadow
def use_len():
    return len("abc")

def use_g():
    return G

G = 1
print(warm(use_g), warm(use_len))
G = 2
print(warm(use_g))
def len(x):
    return "my len"
print(warm(use_len))
del len
print(warm(use_len))
del G
try:
    use_g()
except NameError as err:
    print("NameError:", err)
globals()["G"] = 3
print(warm(use_g))
import builtins
builtins.shadow_me = "from builtins"
def use_shadow():
    return shadow_me
print(warm(use_shadow))
shadow_me = "from globals"
print(warm(use_shadow))
del shadow_me
print(warm(use_shadow))
del builtins.shadow_me
try:
    use_shadow()
except NameError as err:
    print("NameError:", err)

# bound methods stored and called later, calls with keywords and defaults
class H:
    def __init__(self, base):
        self.base = base
    def add(self, x, y=10, *, z=100):
        return self.base + x + y + z

h = H(1)
bound = h.add
print(bound(1), bound(1, 2), bound(1, z=0), H.add(h, 2, y=0, z=0))
def count(n):
    return n if n <= 0 else count(n - 1)
print(count(50))
