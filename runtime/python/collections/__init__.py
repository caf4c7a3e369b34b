"""collections: OrderedDict, defaultdict, namedtuple, Counter and deque (CPython 3.11's behaviour)."""
import sys as _sys
from _collections import _install_views
from keyword import iskeyword as _iskeyword

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'UserDict', 'UserList', 'UserString',
           'defaultdict', 'deque', 'namedtuple']


def _unhashable(self):
    """__hash__ of the types CPython implements in C: their names carry the module."""
    name = type(self).__name__
    if type(self) in (OrderedDict, defaultdict, deque):
        name = 'collections.' + name
    raise TypeError("unhashable type: '" + name + "'")


def _recursive_repr(fillvalue):
    """Decorator for __repr__: a container that contains itself prints as fillvalue."""
    def decorating_function(user_function):
        running = set()

        def wrapper(self):
            key = id(self)
            if key in running:
                return fillvalue
            running.add(key)
            try:
                return user_function(self)
            finally:
                running.discard(key)
        return wrapper
    return decorating_function


# ---------------------------------------------------------------- OrderedDict

class OrderedDict(dict):
    """Dictionary that remembers insertion order"""

    def __init__(self, *args, **kwds):
        if len(args) > 1:
            raise TypeError('expected at most 1 arguments, got %d' % len(args))
        dict.__init__(self, *args, **kwds)

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        dict.update(self, rest)

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(self)) if last else next(iter(self))
        return key, dict.pop(self, key)

    def copy(self):
        return type(self)(self)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(dict.keys(self)) == list(dict.keys(other))
        return dict.__eq__(self, other)

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = _unhashable

    @_recursive_repr('...')
    def __repr__(self):
        if not self:
            return type(self).__name__ + '()'
        return type(self).__name__ + '(' + repr(list(dict.items(self))) + ')'

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self

    @classmethod
    def fromkeys(cls, iterable, value=None):
        self = cls()
        for key in iterable:
            self[key] = value
        return self


_install_views(OrderedDict)      # keys/values/items: native, returning odict_keys/...


# ---------------------------------------------------------------- defaultdict

class defaultdict(dict):
    """dict subclass that calls a factory function to supply missing values"""

    def __init__(self, default_factory=None, *args, **kwds):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwds)

    __hash__ = _unhashable

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        return type(self).__name__ + '(' + repr(self.default_factory) + ', ' + dict.__repr__(self) + ')'

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new


# ---------------------------------------------------------------- namedtuple

class _tuplegetter:
    """The descriptor of a namedtuple field: item `index` of the tuple."""

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return tuple.__getitem__(obj, self._index)

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")

    def __repr__(self):
        return '_tuplegetter(%d, %r)' % (self._index, self.__doc__)


def _namedtuple_fields(typename, field_names, rename):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or _iskeyword(name) or name.startswith('_')
                    or name in seen):
                field_names[index] = '_' + str(index)
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid identifiers: ' + repr(name))
        if _iskeyword(name):
            raise ValueError('Type names and field names cannot be a keyword: ' + repr(name))
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: ' + repr(name))
        if name in seen:
            raise ValueError('Encountered duplicate field name: ' + repr(name))
        seen.add(name)
    return typename, tuple(field_names)


class _NamedTupleBase(tuple):
    """Methods shared by every namedtuple class (its own class holds the fields)."""
    _fields = ()
    _field_defaults = {}

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError('Expected %d arguments, got %d' % (len(cls._fields), len(result)))
        return result

    def _replace(self, **kwds):
        result = self._make([kwds.pop(name, tuple.__getitem__(self, i))
                             for i, name in enumerate(self._fields)])
        if kwds:
            raise ValueError('Got unexpected field names: ' + repr(list(kwds)))
        return result

    def __repr__(self):
        parts = [name + '=' + repr(tuple.__getitem__(self, i)) for i, name in enumerate(self._fields)]
        return type(self).__name__ + '(' + ', '.join(parts) + ')'

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    def __setattr__(self, name, value):
        if name in self._fields:
            raise AttributeError("can't set attribute")
        raise AttributeError("'" + type(self).__name__ + "' object has no attribute '" + name + "'")


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """Returns a new subclass of tuple with named fields."""
    typename, fields = _namedtuple_fields(typename, field_names, rename)
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError('Got more default values than field names')
    arg_list = ', '.join(fields)
    if len(fields) == 1:
        arg_list += ','
    ns = {'_tuple_new': tuple.__new__}
    exec('def __new__(_cls, ' + ', '.join(fields) + '):\n'
         '    return _tuple_new(_cls, (' + arg_list + '))\n', ns)
    new = ns['__new__']
    new.__qualname__ = typename + '.__new__'
    new.__doc__ = 'Create new instance of ' + typename + '(' + ', '.join(fields) + ')'
    field_defaults = {}
    if defaults:
        new.__defaults__ = defaults
        field_defaults = dict(reversed(list(zip(reversed(fields), reversed(defaults)))))
    if module is None:
        module = _caller_module()
    namespace = {
        '__doc__': typename + '(' + ', '.join(fields) + ')',
        '__slots__': (),
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__new__': new,
        '__match_args__': fields,
        '__module__': module,
        '__qualname__': typename,
    }
    for index, name in enumerate(fields):
        namespace[name] = _tuplegetter(index, 'Alias for field number ' + str(index))
    return type(typename, (_NamedTupleBase,), namespace)


def _caller_module():
    getframe = getattr(_sys, '_getframe', None)
    if getframe is None:
        return '__main__'
    try:
        return getframe(2).f_globals.get('__name__', '__main__')
    except (AttributeError, ValueError):
        return '__main__'


# ---------------------------------------------------------------- Counter

def _keep_positive(counter):
    for elem in [e for e, n in dict.items(counter) if not n > 0]:
        del counter[elem]
    return counter


class Counter(dict):
    """Dict subclass for counting hashable items."""

    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        items = sorted(dict.items(self), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:max(n, 0)]

    def elements(self):
        for elem, count in dict.items(self):
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError('Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def _apply(self, iterable, kwds, sign):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self[elem] + sign * count
            else:
                for elem in iterable:
                    self[elem] = self[elem] + sign
        if kwds:
            self._apply(kwds, None, sign)

    def update(self, iterable=None, /, **kwds):
        if iterable is not None and isinstance(iterable, dict) and not self and type(iterable) is not Counter:
            dict.update(self, iterable)
            if kwds:
                self._apply(kwds, None, 1)
            return
        self._apply(iterable, kwds, 1)

    def subtract(self, iterable=None, /, **kwds):
        self._apply(iterable, kwds, -1)

    def copy(self):
        return type(self)(self)

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return type(self).__name__ + '()'
        try:
            d = dict(self.most_common())    # a plain dict keeps most_common's order
        except TypeError:                   # counts that do not order
            d = dict(self)
        return type(self).__name__ + '(' + repr(d) + ')'

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    __hash__ = None

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    def _combine(self, other, pick):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem in list(self) + [e for e in other if e not in self]:
            count = pick(self[elem], other[elem])
            if count > 0:
                result[elem] = count
        return result

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._combine(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._combine(other, lambda a, b: b if a < b else a)

    def __and__(self, other):
        return self._combine(other, lambda a, b: a if a < b else b)

    def __pos__(self):
        return self._unary(1)

    def __neg__(self):
        return self._unary(-1)

    def _unary(self, sign):
        result = Counter()
        for elem, count in dict.items(self):
            if sign * count > 0:
                result[elem] = sign * count
        return result

    def _inplace(self, other, pick):
        if not isinstance(other, Counter):
            return NotImplemented
        for elem in list(other):
            self[elem] = pick(self[elem], other[elem])
        return _keep_positive(self)

    def __iadd__(self, other):
        return self._inplace(other, lambda a, b: a + b)

    def __isub__(self, other):
        return self._inplace(other, lambda a, b: a - b)

    def __ior__(self, other):
        return self._inplace(other, lambda a, b: b if a < b else a)

    def __iand__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for elem in list(self):
            count = other[elem]
            if count < self[elem]:
                self[elem] = count
        return _keep_positive(self)


# ---------------------------------------------------------------- deque

class deque:
    """A double-ended queue: items live in a dict keyed by position, so that both ends
    are O(1)."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        self._items = {}
        self._lo = 0
        self._hi = 0
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    @maxlen.setter
    def maxlen(self, value):
        raise AttributeError("attribute 'maxlen' of 'collections.deque' objects is not writable")

    def __len__(self):
        return self._hi - self._lo

    def __bool__(self):
        return self._hi > self._lo

    def append(self, x):
        if self._maxlen == 0:
            return
        self._items[self._hi] = x
        self._hi += 1
        if self._maxlen is not None and self._hi - self._lo > self._maxlen:
            self.popleft()

    def appendleft(self, x):
        if self._maxlen == 0:
            return
        self._lo -= 1
        self._items[self._lo] = x
        if self._maxlen is not None and self._hi - self._lo > self._maxlen:
            self.pop()

    def pop(self):
        if self._hi == self._lo:
            raise IndexError('pop from an empty deque')
        self._hi -= 1
        return self._items.pop(self._hi)

    def popleft(self):
        if self._hi == self._lo:
            raise IndexError('pop from an empty deque')
        x = self._items.pop(self._lo)
        self._lo += 1
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._items = {}
        self._lo = self._hi = 0

    def _reset(self, items):
        self.clear()
        for x in items:
            self._items[self._hi] = x
            self._hi += 1

    def rotate(self, n=1):
        size = len(self)
        if size <= 1:
            return
        n %= size
        if n:
            items = list(self)
            self._reset(items[-n:] + items[:-n])

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError('sequence index must be integer, not ' + repr(type(i).__name__))
        size = len(self)
        if i < 0:
            i += size
        if i < 0 or i >= size:
            raise IndexError('deque index out of range')
        return self._lo + i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        pos = self._index(i) - self._lo
        items = list(self)
        del items[pos]
        self._reset(items)

    def __iter__(self):
        items = self._items
        for i in range(self._lo, self._hi):
            yield items[i]

    def __reversed__(self):
        items = self._items
        for i in range(self._hi - 1, self._lo - 1, -1):
            yield items[i]

    def __contains__(self, x):
        for y in self:
            if y is x or y == x:
                return True
        return False

    def count(self, x):
        return sum(1 for y in self if y is x or y == x)

    def index(self, x, start=0, stop=None):
        items = list(self)
        stop = len(items) if stop is None else stop
        for i in range(len(items))[start:stop]:
            if items[i] is x or items[i] == x:
                return i
        raise ValueError(repr(x) + ' is not in deque')

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        items = list(self)
        items.insert(i, x)
        self._reset(items)

    def remove(self, value):
        items = list(self)
        for i in range(len(items)):
            if items[i] is value or items[i] == value:
                del items[i]
                self._reset(items)
                return
        raise ValueError(repr(value) + ' is not in deque')

    def reverse(self):
        self._reset(list(reversed(self)))

    def copy(self):
        return type(self)(self, self._maxlen)

    __copy__ = copy

    @_recursive_repr('[...]')
    def __repr__(self):
        body = repr(list(self))
        if self._maxlen is None:
            return type(self).__name__ + '(' + body + ')'
        return type(self).__name__ + '(' + body + ', maxlen=' + str(self._maxlen) + ')'

    def _compare(self, other, op):
        if not isinstance(other, deque):
            return NotImplemented
        return op(list(self), list(other))

    def __eq__(self, other):
        return self._compare(other, lambda a, b: a == b)

    def __ne__(self, other):
        return self._compare(other, lambda a, b: a != b)

    def __lt__(self, other):
        return self._compare(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._compare(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._compare(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._compare(other, lambda a, b: a >= b)

    __hash__ = _unhashable

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return type(self)(list(self) * n, self._maxlen)

    def __imul__(self, n):
        self._reset(list(self) * n)
        if self._maxlen is not None:
            while len(self) > self._maxlen:
                self.popleft()
        return self


def _not_built(name):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError('collections.' + name + ' is not implemented in wick')
    return type(name, (), {'__init__': __init__, '__module__': 'collections'})


ChainMap = _not_built('ChainMap')
UserDict = _not_built('UserDict')
UserList = _not_built('UserList')
UserString = _not_built('UserString')
