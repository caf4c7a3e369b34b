# copy: copy/deepcopy of containers and instances, memo, __copy__/__deepcopy__/__getstate__ hooks.
import copy
from collections import OrderedDict, defaultdict, Counter, deque, namedtuple
class A:
    def __init__(self):
        self.x = [1, [2]]
        self.d = {'k': self.x}
a = A()
b = copy.copy(a); print(b.x is a.x, b.d is a.d, type(b).__name__)
c = copy.deepcopy(a); print(c.x is a.x, c.x == a.x, c.d['k'] is c.x, c.x[1] is a.x[1])
l = [1, [2, 3]]; l2 = copy.deepcopy(l); l2[1].append(4); print(l, l2, copy.copy(l)[1] is l[1])
t = (1, 2, 'x'); print(copy.deepcopy(t) is t, copy.copy(t) is t)
t2 = (1, [2]); print(copy.deepcopy(t2) is t2, copy.deepcopy(t2) == t2)
rec = [1]; rec.append(rec); r2 = copy.deepcopy(rec); print(r2[1] is r2, r2 is rec)
class H:
    def __init__(self, v): self.v = v
    def __copy__(self):
        print('copy hook'); return H(self.v + [1])
    def __deepcopy__(self, memo):
        print('deepcopy hook', type(memo).__name__); return H(copy.deepcopy(self.v, memo))
h = H([1]); print(copy.copy(h).v, copy.deepcopy(h).v)
shared = [1]; pair = [shared, shared]; p2 = copy.deepcopy(pair); print(p2[0] is p2[1], p2[0] is shared)
memo = {}; x = [1]; y = copy.deepcopy(x, memo); print(memo[id(x)] is y)
od = OrderedDict(a=[1], b=2); od2 = copy.deepcopy(od); print(od2, type(od2).__name__, od2['a'] is od['a'])
dd = defaultdict(list, a=[1]); dd2 = copy.deepcopy(dd); dd2['z'].append(1); print(dd2, dd)
dd3 = copy.copy(dd); print(dd3, dd3['a'] is dd['a'])
cc = Counter('aab'); print(copy.deepcopy(cc), copy.copy(cc))
dq = deque([1, [2]], maxlen=3); dq2 = copy.deepcopy(dq); print(dq2, dq2[1] is dq[1], copy.copy(dq))
P = namedtuple('P', 'x y'); p = P(1, [2]); q = copy.deepcopy(p); print(q, type(q).__name__, q.y is p.y, copy.copy(p))
print(copy.deepcopy({1, 2}), copy.copy(frozenset([1])), copy.deepcopy(len) is len, copy.copy(A) is A)
def gen(): yield 1
try:
    copy.deepcopy(gen())
except TypeError as e:
    print('TypeError', e)
try:
    copy.copy(gen())
except TypeError as e:
    print('TypeError', e)
class S:
    def __init__(self): self.a = 1
    def __getstate__(self): print('getstate'); return {'a': 99}
    def __setstate__(self, st): print('setstate', st); self.__dict__.update(st)
print(copy.deepcopy(S()).a)
print(issubclass(copy.Error, Exception))
