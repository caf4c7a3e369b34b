# collections.OrderedDict: order, move_to_end, popitem(last=), equality rules, views, repr.
from collections import OrderedDict
import collections

o = OrderedDict(a=1, b=2)
o['c'] = 3
print(o, repr(OrderedDict()), str(o))
print(type(o), isinstance(o, dict), type(o).__name__, OrderedDict.__module__)
print(o.keys(), o.values(), o.items())
print(type(o.keys()).__name__, type(o.values()).__name__, type(o.items()).__name__)
o.move_to_end('a')
print(list(o))
o.move_to_end('c', last=False)
print(list(o), o)
print(o.popitem(), o.popitem(last=False), o)
o.update([('x', 10), ('y', 20)])
print(list(reversed(o)), list(reversed(o.keys())), list(reversed(o.items())))
print(OrderedDict([('a', 1), ('b', 2)]) == OrderedDict([('b', 2), ('a', 1)]))
print(OrderedDict([('a', 1), ('b', 2)]) == {'b': 2, 'a': 1}, {'b': 2, 'a': 1} == OrderedDict(a=1, b=2))
print(OrderedDict(a=1) != OrderedDict(a=1), OrderedDict(a=1, b=2) != OrderedDict(b=2, a=1))
c = o.copy()
c['z'] = 0
print(c, type(c).__name__, o)
print(OrderedDict.fromkeys('xyz', 0), OrderedDict.fromkeys('ab'))
print(o | {'q': 1}, {'q': 1} | o, type(o | {}).__name__)
o |= {'w': 5}
print(o)
print(o.keys() & {'b', 'w'} == {'b', 'w'}, 'w' in o.keys(), len(o.items()), ('b', 2) in o.items())
print(o.keys() == OrderedDict(b=0, w=0, x=0, y=0).keys())
print(o.setdefault('n', 9), o.pop('n'), o.get('missing', '-'), o.pop('missing', None))
nested = OrderedDict(inner=OrderedDict(k=[1, 2]))
print(nested)
print(OrderedDict([(1, 'one'), (2.5, None), ((1, 2), 'tuple')]))
for k, v in OrderedDict(p=1, q=2).items():
    print(k, v)
del o['b']
print(o, len(o), bool(OrderedDict()))


class Sub(OrderedDict):
    pass


print(Sub(a=1), Sub(), Sub(a=1) == OrderedDict(a=1))
for bad in [lambda: OrderedDict().popitem(), lambda: OrderedDict().popitem(last=False),
            lambda: OrderedDict(a=1).move_to_end('zz'), lambda: OrderedDict()['nope'],
            lambda: hash(OrderedDict()), lambda: OrderedDict([1, 2], [3]), lambda: OrderedDict(5)]:
    try:
        bad()
        print('no error')
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
print(collections.OrderedDict is OrderedDict)
r = OrderedDict()
r['self'] = r
print(r, r.keys())
view = o.keys()
o['late'] = 1
print(view, len(view))
for bad in [lambda: OrderedDict.keys(), lambda: OrderedDict(a=1).keys(1), lambda: type(o.keys())(),
            lambda: hash(o.keys()), lambda: o.values() | {1}]:
    try:
        bad()
        print('no error')
    except TypeError as e:
        print(type(e).__name__, e)
print(o.keys() - {'x'} == set(o) - {'x'}, o.items() & {('late', 1)}, o.keys() ^ {'late', 'new'} == set(o) ^ {'late', 'new'})
