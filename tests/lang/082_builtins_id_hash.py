# id() and hash(): only relations are printed, never values of addresses.
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
print(hash(1) == 1, hash(0), hash(12345), hash(True), hash(False), hash(-5))
print(hash(1.0) == hash(1), hash(2.5) == hash(2.5), hash(0.0) == hash(-0.0))
print(hash('abc') == hash('abc'), hash((1, 'a')) == hash((1, 'a')), type(hash('x')).__name__)
print(hash(None) == hash(None), hash(()) == hash(()))
class K:
    pass
k = K()
print(hash(k) == hash(k), id(k) == id(k))
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v * 7
    def __eq__(self, o):
        return self.v == o.v
print(hash(H(3)), {H(1): 'one'}[H(1)])
class EqOnly:
    def __eq__(self, o):
        return True
try:
    hash(EqOnly())
except TypeError as e:
    print('TypeError:', e)
for v in ([], {}, set()):
    try:
        hash(v)
    except TypeError as e:
        print('TypeError:', e)
