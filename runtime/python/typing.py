"""typing: type hints at run time (aliases, Union/Optional, TypeVar, NamedTuple, get_type_hints) as CPython 3.11 shows them."""

import collections as _collections
import sys as _sys

__all__ = ['Any', 'Callable', 'ClassVar', 'Final', 'ForwardRef', 'Generic', 'Literal',
           'Optional', 'Protocol', 'Tuple', 'Type', 'TypeVar', 'Union', 'AbstractSet',
           'Collection', 'Container', 'Generator', 'Hashable', 'ItemsView', 'Iterable',
           'Iterator', 'KeysView', 'Mapping', 'MappingView', 'MutableMapping',
           'MutableSequence', 'MutableSet', 'Sequence', 'Sized', 'ValuesView', 'Reversible',
           'Dict', 'DefaultDict', 'OrderedDict', 'Counter', 'Deque', 'List', 'Set',
           'FrozenSet', 'NamedTuple', 'TypedDict', 'cast', 'final', 'get_args', 'get_origin',
           'get_type_hints', 'no_type_check', 'overload', 'runtime_checkable',
           'NoReturn', 'Never', 'Self', 'TYPE_CHECKING', 'Text', 'AnyStr', 'Annotated']

TYPE_CHECKING = False
_NoneType = type(None)


def _type_repr(obj):
    """How an argument of an alias is shown inside typing.X[...]."""
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return obj.__module__ + '.' + obj.__qualname__
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    return repr(obj)


class ForwardRef:
    """A type hint given as a string: List['Node'] holds ForwardRef('Node')."""

    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        if not isinstance(arg, str):
            raise TypeError('Forward reference must be a string -- got ' + repr(arg))
        self.__forward_arg__ = arg
        self.__forward_module__ = module

    def _evaluate(self, globalns, localns):
        return _type_check(eval(self.__forward_arg__, globalns, localns),
                           'Forward references must evaluate to types.')

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return 'ForwardRef(' + repr(self.__forward_arg__) + ')'


def _type_check(arg, msg):
    """None becomes NoneType, a string a ForwardRef; other non-types raise TypeError."""
    if arg is None:
        return _NoneType
    if isinstance(arg, str):
        return ForwardRef(arg)
    if isinstance(arg, _SpecialForm) and arg._name in ('Union', 'Optional', 'Literal',
                                                       'Final', 'ClassVar', 'Generic', 'Protocol'):
        raise TypeError('Plain ' + repr(arg) + ' is not valid as type argument')
    if isinstance(arg, (type, TypeVar, ForwardRef, _BaseAlias, _SpecialForm)) or callable(arg):
        return arg
    if isinstance(arg, (tuple, list)) or arg is ...:
        raise TypeError(msg + ' Got ' + _short_repr(arg) + '.')
    return arg


def _short_repr(arg):
    r = repr(arg)
    return r if len(r) <= 40 else r[:40] + '...'


def _collect_parameters(args):
    params = []
    for a in args:
        if isinstance(a, TypeVar):
            if a not in params:
                params.append(a)
        elif isinstance(a, _BaseAlias):
            for p in a.__parameters__:
                if p not in params:
                    params.append(p)
    return tuple(params)


def _substitute(arg, mapping):
    if isinstance(arg, TypeVar):
        return mapping.get(arg, arg)
    if isinstance(arg, _BaseAlias) and arg.__parameters__:
        return arg[tuple(mapping.get(p, p) for p in arg.__parameters__)]
    return arg


# ---------------------------------------------------------------- special forms

class _SpecialForm:
    """Any, Union, Optional, Literal, Final, ClassVar, NoReturn: shown as typing.Name."""

    def __init__(self, name, getitem=None, doc=None):
        self._name = name
        self.__name__ = self.__qualname__ = name
        self._getitem = getitem
        self.__doc__ = doc

    def __repr__(self):
        return 'typing.' + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError('Cannot instantiate ' + repr(self))

    def __instancecheck__(self, obj):
        raise TypeError(repr(self) + ' cannot be used with isinstance()')

    def __subclasscheck__(self, cls):
        raise TypeError(repr(self) + ' cannot be used with issubclass()')

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(repr(self) + ' is not subscriptable')
        return self._getitem(self, parameters)

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)


def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _UnionAlias):
            out.extend(p.__args__)
        elif type(p).__name__ == 'UnionType':
            out.extend(p.__args__)
        else:
            out.append(p)
    unique = []
    for p in out:
        if p not in unique:
            unique.append(p)
    return tuple(unique)


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError('Cannot take a Union of no types.')
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    msg = 'Union[arg, ...]: each arg must be a type.'
    params = _flatten_union([_type_check(p, msg) for p in parameters])
    if len(params) == 1:
        return params[0]
    return _UnionAlias(params)


def _optional_getitem(self, parameters):
    if isinstance(parameters, tuple):
        raise TypeError('typing.Optional requires a single type. Got ' + _short_repr(parameters) + '.')
    arg = _type_check(parameters, 'Optional[t] requires a single type.')
    return Union[arg, _NoneType]


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    unique = []
    for p in parameters:
        if isinstance(p, _LiteralAlias):
            for q in p.__args__:
                if q not in unique:
                    unique.append(q)
        elif not any(type(p) is type(q) and p == q for q in unique):
            unique.append(p)
    return _LiteralAlias(self, tuple(unique))


def _single_getitem(self, parameters):
    if isinstance(parameters, tuple) and len(parameters) != 1:
        raise TypeError(repr(self) + ' accepts only single type. Got ' + _short_repr(parameters) + '.')
    if isinstance(parameters, tuple):
        parameters = parameters[0]
    item = _type_check(parameters, self._name + ' accepts only single type.')
    return _GenericAlias(self, (item,))


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError('Annotated[...] should be used with at least two arguments '
                        '(a type and an annotation).')
    return _AnnotatedAlias(_type_check(params[0], 'Annotated[t, ...]: t must be a type.'),
                           tuple(params[1:]))


Any = _SpecialForm('Any', doc='Special type indicating an unconstrained type.')
NoReturn = _SpecialForm('NoReturn', doc='Special type indicating functions that never return.')
Never = _SpecialForm('Never', doc='The bottom type, a type that has no members.')
Self = _SpecialForm('Self', doc='Used to spell the type of "self" in classes.')
LiteralString = _SpecialForm('LiteralString', doc='Represents an arbitrary literal string.')
Union = _SpecialForm('Union', _union_getitem, 'Union type; Union[X, Y] means either X or Y.')
Optional = _SpecialForm('Optional', _optional_getitem, 'Optional[X] is equivalent to Union[X, None].')
Literal = _SpecialForm('Literal', _literal_getitem, 'Special typing form to define literal types.')
Final = _SpecialForm('Final', _single_getitem, 'Special typing construct to indicate final names.')
ClassVar = _SpecialForm('ClassVar', _single_getitem, 'Special type construct to mark class variables.')
TypeGuard = _SpecialForm('TypeGuard', _single_getitem, 'Special typing form used to annotate type guards.')
Annotated = _SpecialForm('Annotated', _annotated_getitem, 'Add context-specific metadata to a type.')


# ---------------------------------------------------------------- aliases

class _BaseAlias:
    """Common behaviour of typing.List, typing.List[int], Union[...]: __origin__, __args__."""
    __parameters__ = ()

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __subclasscheck__(self, cls):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __eq__(self, other):
        if not isinstance(other, _BaseAlias):
            return NotImplemented
        return (type(self) is type(other) and self.__origin__ == other.__origin__
                and self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, attr):
        if attr in ('__name__', '__qualname__'):
            name = self.__dict__.get('_name')
            return name if name else getattr(self.__origin__, attr)
        if attr.startswith('__') and attr.endswith('__') or attr.startswith('_'):
            raise AttributeError("'" + type(self).__name__ + "' object has no attribute '" + attr + "'")
        return getattr(self.__origin__, attr)

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if origin is Generic or origin is Protocol:
            # wick has single inheritance: Generic[T] next to a real base adds nothing
            if any(b is not self for b in bases):
                return ()
            return (origin,)
        if not isinstance(origin, type):
            raise TypeError('Cannot subclass ' + repr(self))
        return (origin,)

    def __getitem__(self, args):
        params = self.__parameters__
        if not params:
            raise TypeError(repr(self) + ' is not a generic class')
        if not isinstance(args, tuple):
            args = (args,)
        if len(args) != len(params):
            raise TypeError('Too ' + ('many' if len(args) > len(params) else 'few')
                            + ' arguments for ' + repr(self) + '; actual ' + str(len(args))
                            + ', expected ' + str(len(params)))
        mapping = dict(zip(params, args))
        return self.copy_with(tuple(_substitute(a, mapping) for a in self.__args__))


class _GenericAlias(_BaseAlias):
    """typing.List[int], typing.Final[int], MyGeneric[int]: origin plus arguments."""

    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self.__parameters__ = _collect_parameters(args)
        if name is None:
            self.__module__ = getattr(origin, '__module__', 'typing')

    def copy_with(self, args):
        return _GenericAlias(self.__origin__, args, self._name)

    def _args_repr(self):
        return ', '.join(_type_repr(a) for a in self.__args__)

    def __repr__(self):
        if self._name:
            head = 'typing.' + self._name
        else:
            head = _type_repr(self.__origin__)
        return head + '[' + self._args_repr() + ']'

    def __call__(self, *args, **kwargs):
        if self._name is not None:
            raise TypeError('Type ' + self._name + ' cannot be instantiated; use '
                            + self.__origin__.__name__ + '() instead')
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result


class _TupleAlias(_GenericAlias):
    def copy_with(self, args):
        return _TupleAlias(self.__origin__, args, self._name)

    def _args_repr(self):
        return '()' if not self.__args__ else _GenericAlias._args_repr(self)


class _CallableAlias(_GenericAlias):
    def copy_with(self, args):
        return _CallableAlias(self.__origin__, args, self._name)

    def _args_repr(self):
        if len(self.__args__) == 2 and self.__args__[0] is ...:
            return '..., ' + _type_repr(self.__args__[1])
        params = ', '.join(_type_repr(a) for a in self.__args__[:-1])
        return '[' + params + '], ' + _type_repr(self.__args__[-1])


class _UnionAlias(_GenericAlias):
    def __init__(self, args):
        _GenericAlias.__init__(self, Union, args, 'Union')

    def copy_with(self, args):
        return Union[args]

    def __getattr__(self, attr):
        if attr in ('__name__', '__qualname__'):
            return 'Optional' if len(self.__args__) == 2 and _NoneType in self.__args__ else 'Union'
        return _GenericAlias.__getattr__(self, attr)

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and _NoneType in args:
            other = args[1] if args[0] is _NoneType else args[0]
            return 'typing.Optional[' + _type_repr(other) + ']'
        return _GenericAlias.__repr__(self)

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        for arg in self.__args__:
            if isinstance(arg, _BaseAlias):
                raise TypeError('Subscripted generics cannot be used with class and instance checks')
            if issubclass(cls, arg):
                return True
        return False


class _LiteralAlias(_GenericAlias):
    def __init__(self, origin, args):
        _GenericAlias.__init__(self, origin, args, 'Literal')

    def _args_repr(self):
        return ', '.join(repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, _LiteralAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


class _AnnotatedAlias(_GenericAlias):
    def __init__(self, origin, metadata):
        _GenericAlias.__init__(self, origin, (origin,), 'Annotated')
        self.__metadata__ = metadata

    def __repr__(self):
        return ('typing.Annotated[' + _type_repr(self.__origin__) + ', '
                + ', '.join(repr(a) for a in self.__metadata__) + ']')


class _SpecialGenericAlias(_BaseAlias):
    """typing.List, typing.Dict, ...: unsubscripted; isinstance works as with the origin."""

    def __init__(self, origin, nparams, name, alias_type=_GenericAlias, check=None):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
        self._alias_type = alias_type
        self._check = check
        self.__args__ = ()

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwargs):
        raise TypeError('Type ' + self._name + ' cannot be instantiated; use '
                        + self.__origin__.__name__ + '() instead')

    def __instancecheck__(self, obj):
        if self._check is not None:
            return self._check(obj)
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        if isinstance(cls, _SpecialGenericAlias):
            return issubclass(cls.__origin__, self.__origin__)
        return issubclass(cls, self.__origin__)

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        msg = 'Parameters to generic types must be types.'
        params = tuple(_type_check(p, msg) for p in params)
        if len(params) != self._nparams:
            raise TypeError('Too ' + ('many' if len(params) > self._nparams else 'few')
                            + ' arguments for ' + repr(self) + '; actual ' + str(len(params))
                            + ', expected ' + str(self._nparams))
        return self._alias_type(self.__origin__, params, self._name)


class _TupleSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if params == ():
            return _TupleAlias(tuple, (), 'Tuple')
        if not isinstance(params, tuple):
            params = (params,)
        if len(params) == 2 and params[1] is ...:
            return _TupleAlias(tuple, (_type_check(params[0], 'Tuple[t, ...]: t must be a type.'), ...), 'Tuple')
        msg = 'Tuple[t0, t1, ...]: each t must be a type.'
        return _TupleAlias(tuple, tuple(_type_check(p, msg) for p in params), 'Tuple')


class _CallableSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError('Callable must be used as Callable[[arg, ...], result].')
        args, result = params
        result = _type_check(result, 'Callable[args, result]: result must be a type.')
        if args is ...:
            return _CallableAlias(self.__origin__, (..., result), 'Callable')
        if not isinstance(args, (list, tuple)):
            raise TypeError('Callable[args, result]: args must be a list. Got ' + _short_repr(args))
        msg = 'Callable[[arg, ...], result]: each arg must be a type.'
        return _CallableAlias(self.__origin__, tuple(_type_check(a, msg) for a in args) + (result,),
                              'Callable')


class _TypeSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if isinstance(params, tuple):
            if len(params) != 1:
                raise TypeError('Too many arguments for typing.Type; actual ' + str(len(params))
                                + ', expected 1')
            params = params[0]
        return _GenericAlias(type, (_type_check(params, 'Type[t]: t must be a type.'),), 'Type')


# ---------------------------------------------------------------- collections.abc stand-ins

def _abc(name, check):
    """A class shown as collections.abc.NAME, the origin of typing.NAME (wick has no
    collections.abc: isinstance against typing.NAME checks the protocol's methods)."""
    cls = type(name, (), {'__module__': 'collections.abc', '__qualname__': name,
                          '__doc__': 'Stand-in for collections.abc.' + name + ' (wick).'})
    return cls, check


def _has(*names):
    def check(obj):
        t = type(obj)
        return all(getattr(t, n, None) is not None for n in names)
    return check


def _kinds(*types):
    def check(obj):
        return isinstance(obj, types)
    return check


_seq_types = (list, tuple, str, range, bytes, _collections.deque)
_map_types = (dict,)
_set_types = (set, frozenset, type({}.keys()), type({}.items()))


def _is_generator(obj):
    return type(obj).__name__ == 'generator'


_abc_specs = [
    ('Hashable', 0, _has('__hash__')),
    ('Sized', 0, _has('__len__')),
    ('Container', 1, _has('__contains__')),
    ('Collection', 1, _has('__len__', '__iter__', '__contains__')),
    ('Iterable', 1, _has('__iter__')),
    ('Iterator', 1, _has('__iter__', '__next__')),
    ('Reversible', 1, _has('__reversed__', '__iter__')),
    ('Generator', 3, _is_generator),
    ('Sequence', 1, _kinds(*_seq_types)),
    ('MutableSequence', 1, _kinds(list, _collections.deque)),
    ('Mapping', 2, _kinds(*_map_types)),
    ('MutableMapping', 2, _kinds(*_map_types)),
    ('MappingView', 1, _kinds(type({}.keys()), type({}.values()), type({}.items()))),
    ('KeysView', 1, _kinds(type({}.keys()))),
    ('ItemsView', 2, _kinds(type({}.items()))),
    ('ValuesView', 1, _kinds(type({}.values()))),
    ('AbstractSet', 1, _kinds(*_set_types)),
    ('MutableSet', 1, _kinds(set)),
    ('Awaitable', 1, _has('__await__')),
    ('Coroutine', 3, _has('__await__', 'send', 'throw')),
    ('AsyncIterable', 1, _has('__aiter__')),
    ('AsyncIterator', 1, _has('__aiter__', '__anext__')),
]

for _name, _n, _check in _abc_specs:
    _origin, _check = _abc('Set' if _name == 'AbstractSet' else _name, _check)
    globals()[_name] = _SpecialGenericAlias(_origin, _n, _name, check=_check)
del _name, _n, _check, _origin

Callable = _CallableSpecial(_abc('Callable', None)[0], 2, 'Callable', check=callable)
Tuple = _TupleSpecial(tuple, -1, 'Tuple')
Type = _TypeSpecial(type, 1, 'Type')
List = _SpecialGenericAlias(list, 1, 'List')
Dict = _SpecialGenericAlias(dict, 2, 'Dict')
Set = _SpecialGenericAlias(set, 1, 'Set')
FrozenSet = _SpecialGenericAlias(frozenset, 1, 'FrozenSet')
DefaultDict = _SpecialGenericAlias(_collections.defaultdict, 2, 'DefaultDict')
OrderedDict = _SpecialGenericAlias(_collections.OrderedDict, 2, 'OrderedDict')
Counter = _SpecialGenericAlias(_collections.Counter, 1, 'Counter')
Deque = _SpecialGenericAlias(_collections.deque, 1, 'Deque')
Text = str


# ---------------------------------------------------------------- TypeVar, Generic, Protocol

class TypeVar:
    """Type variable: T = TypeVar('T'), shown as ~T (+T covariant, -T contravariant)."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        msg = 'TypeVar(name, constraint, ...): constraints must be types.'
        self.__constraints__ = tuple(_type_check(t, msg) for t in constraints)
        self.__bound__ = None if bound is None else _type_check(bound, 'Bound must be a type.')
        try:
            self.__module__ = _sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            pass

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


AnyStr = TypeVar('AnyStr', bytes, str)


class Generic:
    """Base for generic classes: class Box(Generic[T]); Box[int] gives an alias whose
    call makes a Box. Beside another base (wick has single inheritance) Generic[T] adds
    nothing, so that class's own subscription is not available."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        msg = 'Parameters to generic types must be types.'
        params = tuple(_type_check(p, msg) for p in params)
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, TypeVar):
                    raise TypeError('Parameters to ' + cls.__name__ + '[...] must all be type variables')
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """Base for structural types (documentation only in wick: isinstance against a
    protocol is not supported)."""


def runtime_checkable(cls):
    raise NotImplementedError('typing.runtime_checkable is not supported by wick '
                              '(isinstance checks against a Protocol)')


class TypedDict:
    """Not supported by wick (it needs a metaclass)."""

    def __init_subclass__(cls, **kwargs):
        raise NotImplementedError('typing.TypedDict is not supported by wick')

    def __new__(cls, *args, **kwargs):
        raise NotImplementedError('typing.TypedDict is not supported by wick')


# ---------------------------------------------------------------- NamedTuple

_prohibited = frozenset({'__new__', '__init__', '__slots__', '__getnewargs__', '_fields',
                         '_field_defaults', '_make', '_replace', '_asdict', '_source'})


def _make_nmtuple(name, types, module, defaults=()):
    fields = [n for n, t in types]
    msg = 'NamedTuple(name, [(f0, t0), ...]); each t must be a type'
    annotations = {n: _type_check(t, msg) for n, t in types}
    nm_tpl = _collections.namedtuple(name, fields, defaults=defaults, module=module)
    nm_tpl.__annotations__ = annotations
    return nm_tpl


class NamedTuple(_collections._NamedTupleBase):
    """Typed namedtuple: NamedTuple('P', [('x', int)]) or class P(NamedTuple): x: int."""

    def __new__(cls, typename, fields=None, /, **kwargs):
        if cls is not NamedTuple:
            return tuple.__new__(cls)
        if fields is None:
            fields = kwargs.items()
        elif kwargs:
            raise TypeError('Either list of fields or keywords can be provided to NamedTuple, not both')
        try:
            module = _sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            module = '__main__'
        return _make_nmtuple(typename, list(fields), module)

    def __init_subclass__(cls, **kwargs):
        if cls.__base__ is not NamedTuple:
            return
        ns = cls.__dict__
        types = ns.get('__annotations__', {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError('Non-default namedtuple field ' + field_name
                                + ' cannot follow default field'
                                + ('s ' if len(default_names) > 1 else ' ')
                                + ', '.join(default_names))
        for key in ns:
            if key in _prohibited:
                raise AttributeError('Cannot overwrite NamedTuple attribute ' + key)
        nm = _make_nmtuple(cls.__name__, list(types.items()), cls.__module__,
                           [ns[n] for n in default_names])
        for key in ('__new__', '_fields', '_field_defaults', '__match_args__'):
            setattr(cls, key, nm.__dict__[key])
        for field_name in nm._fields:
            setattr(cls, field_name, nm.__dict__[field_name])
        cls.__new__.__qualname__ = cls.__qualname__ + '.__new__'
        cls.__annotations__ = nm.__annotations__

    def __init__(self, *args, **kwargs):
        pass


# ---------------------------------------------------------------- functions

def cast(typ, val):
    """Returns val unchanged (it only informs the type checker)."""
    return val


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        'You should not call an overloaded function. '
        'A series of @overload-decorated functions '
        'outside a stub module should always be followed '
        'by an implementation that is not @overload-ed.')


_overload_registry = {}


def overload(func):
    """Marks a signature-only variant; the undecorated definition that follows wins."""
    key = getattr(func, '__module__', None), getattr(func, '__qualname__', None)
    _overload_registry.setdefault(key, []).append(func)
    return _overload_dummy


def get_overloads(func):
    key = getattr(func, '__module__', None), getattr(func, '__qualname__', None)
    return list(_overload_registry.get(key, []))


def clear_overloads():
    _overload_registry.clear()


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    """Marks a function or class as not type-checked (sets __no_type_check__)."""
    try:
        arg.__no_type_check__ = True
    except TypeError:
        pass
    return arg


def no_type_check_decorator(decorator):
    return decorator


def get_origin(tp):
    """The unsubscripted version of a type: get_origin(List[int]) is list."""
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, (_BaseAlias,)) or type(tp).__name__ == 'GenericAlias':
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """The arguments of a subscripted type: get_args(Dict[str, int]) is (str, int)."""
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _CallableAlias):
        args = tp.__args__
        if args[0] is ...:
            return args
        return (list(args[:-1]), args[-1])
    if isinstance(tp, _GenericAlias) or type(tp).__name__ == 'GenericAlias':
        return tp.__args__
    return ()


def _eval_hint(value, globalns, localns):
    if value is None:
        return _NoneType
    if isinstance(value, str):
        value = ForwardRef(value)
    if isinstance(value, ForwardRef):
        return value._evaluate(globalns, localns)
    if isinstance(value, _GenericAlias) and not isinstance(value, (_LiteralAlias, _AnnotatedAlias)):
        args = tuple(_eval_hint(a, globalns, localns) if isinstance(a, (str, ForwardRef, _GenericAlias))
                     else a for a in value.__args__)
        if args != value.__args__:
            return value.copy_with(args)
    return value


def _strip_extras(t):
    if isinstance(t, _AnnotatedAlias):
        return _strip_extras(t.__origin__)
    return t


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """Annotations of a function, class or module with string annotations evaluated."""
    if getattr(obj, '__no_type_check__', None):
        return {}
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            if globalns is None:
                mod = _sys.modules.get(base.__module__, None)
                base_globals = getattr(mod, '__dict__', {})
            else:
                base_globals = globalns
            base_locals = dict(vars(base)) if localns is None else localns
            for name, value in ann.items():
                hints[name] = _eval_hint(value, base_globals, base_locals)
    else:
        if type(obj).__name__ == 'module':
            ann = getattr(obj, '__annotations__', {})
            default_globals = obj.__dict__
        else:
            ann = getattr(obj, '__annotations__', None)
            if ann is None:
                raise TypeError(repr(obj) + ' is not a module, class, method, or function.')
            default_globals = getattr(obj, '__globals__', {})
        if globalns is None:
            globalns = default_globals
        if localns is None:
            localns = globalns
        for name, value in ann.items():
            hints[name] = _eval_hint(value, globalns, localns)
    if include_extras:
        return hints
    return {k: _strip_extras(t) for k, t in hints.items()}


def assert_type(val, typ):
    return val


def reveal_type(obj):
    print('Runtime type is ' + repr(type(obj).__name__), file=_sys.stderr)
    return obj


def NewType(name, tp):
    """A distinct name for a type: UserId = NewType('UserId', int); UserId(5) is 5."""
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type
