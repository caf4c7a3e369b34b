"""dataclasses: @dataclass (init, repr, eq, order, frozen, kw_only), field, fields, asdict, astuple, replace."""
import copy as _copy

__all__ = ['FrozenInstanceError', 'MISSING', 'asdict', 'astuple', 'dataclass', 'field', 'fields',
           'is_dataclass', 'replace']


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()
_HAS_DEFAULT_FACTORY = type('_HAS_DEFAULT_FACTORY_CLASS', (),
                           {'__repr__': lambda self: '<factory>'})()
_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return ('Field(name=' + repr(self.name) + ',type=' + repr(self.type) + ',default=' +
                repr(self.default) + ',default_factory=' + repr(self.default_factory) + ',init=' +
                repr(self.init) + ',repr=' + repr(self.repr) + ',hash=' + repr(self.hash) +
                ',compare=' + repr(self.compare) + ',metadata=' + repr(self.metadata) +
                ',kw_only=' + repr(self.kw_only) + ',_field_type=_FIELD)')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    """Return an object to identify dataclass fields."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _class_fields(cls, kw_only):
    """The fields of cls: those of its dataclass bases, then its own annotations."""
    result = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, _FIELDS, {}).values():
            result[f.name] = f
    for name, tp in cls.__dict__.get('__annotations__', {}).items():
        default = cls.__dict__.get(name, MISSING)
        f = default if isinstance(default, Field) else field(default=default)
        f.name = name
        f.type = tp
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if isinstance(f.default, (list, dict, set)):
            raise ValueError('mutable default ' + repr(type(f.default)) + ' for field ' + name +
                             ' is not allowed: use default_factory')
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        result[name] = f
    return result


def _init_source(flds, frozen, has_post_init):
    """Source of __init__ and the globals it needs (defaults and factories)."""
    env = {'__dataclass_MISSING': MISSING, '__dataclass_HAS_FACTORY': _HAS_DEFAULT_FACTORY,
           '__dataclass_setattr': object.__setattr__}
    params, kw_params, body = [], [], []
    seen_default = False
    for f in flds:
        if f.init:
            if f.default is not MISSING:
                env['__dflt_' + f.name] = f.default
                param = f.name + '=__dflt_' + f.name
            elif f.default_factory is not MISSING:
                param = f.name + '=__dataclass_HAS_FACTORY'
            else:
                param = f.name
                if seen_default and not f.kw_only:
                    raise TypeError('non-default argument ' + repr(f.name) + ' follows default argument')
            if not f.kw_only and param != f.name:
                seen_default = True
            (kw_params if f.kw_only else params).append(param)
        if f.default_factory is not MISSING:
            env['__factory_' + f.name] = f.default_factory
            value = '__factory_' + f.name + '()'
            if f.init:
                value = (value + ' if ' + f.name + ' is __dataclass_HAS_FACTORY else ' + f.name)
        elif f.init:
            value = f.name
        elif f.default is not MISSING:
            env['__dflt_' + f.name] = f.default
            value = '__dflt_' + f.name
        else:
            continue
        if frozen:
            body.append('__dataclass_setattr(self, ' + repr(f.name) + ', ' + value + ')')
        else:
            body.append('self.' + f.name + ' = ' + value)
    if has_post_init:
        body.append('self.__post_init__()')
    args = ['self'] + params + (['*'] + kw_params if kw_params else [])
    src = 'def __init__(' + ', '.join(args) + '):\n'
    src += ''.join('    ' + line + '\n' for line in body or ['pass'])
    return src, env


def _set_method(cls, name, fn, overwrite=False):
    if not overwrite and name in cls.__dict__:
        return
    fn.__qualname__ = cls.__qualname__ + '.' + name
    setattr(cls, name, fn)


def _add_init(cls, flds, frozen):
    src, env = _init_source(flds, frozen, hasattr(cls, '__post_init__'))
    ns = {}
    exec(src, env, ns)
    _set_method(cls, '__init__', ns['__init__'])


def _add_repr(cls, flds):
    shown = [f.name for f in flds if f.repr]

    def __repr__(self):
        return (type(self).__qualname__ + '(' +
                ', '.join(name + '=' + repr(getattr(self, name)) for name in shown) + ')')
    _set_method(cls, '__repr__', __repr__)


def _tuple_of(names):
    return lambda self: tuple(getattr(self, name) for name in names)


def _add_compare(cls, flds, order):
    key = _tuple_of([f.name for f in flds if f.compare])

    def make(op):
        def method(self, other):
            if other.__class__ is self.__class__:
                return op(key(self), key(other))
            return NotImplemented
        return method
    _set_method(cls, '__eq__', make(lambda a, b: a == b))
    if order:
        for name, op in [('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                         ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)]:
            if name in cls.__dict__:
                raise TypeError('Cannot overwrite attribute ' + name + ' in class ' + cls.__name__ +
                                '. Consider using functools.total_ordering')
            _set_method(cls, name, make(op))


def _add_frozen(cls, names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError('cannot assign to field ' + repr(name))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError('cannot delete field ' + repr(name))
        object.__delattr__(self, name)
    _set_method(cls, '__setattr__', __setattr__, True)
    _set_method(cls, '__delattr__', __delattr__, True)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    if order and not eq:
        raise ValueError('eq must be true if order is true')
    has_own_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    fmap = _class_fields(cls, kw_only)
    setattr(cls, _FIELDS, fmap)
    setattr(cls, _PARAMS, {'init': init, 'repr': repr, 'eq': eq, 'order': order,
                           'unsafe_hash': unsafe_hash, 'frozen': frozen})
    flds = list(fmap.values())
    if init:
        _add_init(cls, flds, frozen)
    if repr:
        _add_repr(cls, flds)
    if eq:
        _add_compare(cls, flds, order)
    if frozen:
        _add_frozen(cls, set(fmap))
    hashed = [f.name for f in flds if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash or (eq and frozen and not has_own_hash):
        key = _tuple_of(hashed)
        _set_method(cls, '__hash__', lambda self: hash(key(self)), True)
    elif eq and not has_own_hash:
        cls.__hash__ = None
    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in flds if f.init and not f.kw_only)
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    """Add dunder methods based on the fields defined in the class."""
    if slots:
        raise NotImplementedError('dataclass(slots=True) is not implemented in wick')

    def wrap(c):
        return _process_class(c, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    return wrap if cls is None else wrap(cls)


def is_dataclass(obj):
    """Returns True if obj is a dataclass or an instance of a dataclass."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def fields(class_or_instance):
    """Return a tuple describing the fields of this dataclass."""
    try:
        fmap = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(fmap.values())


def _is_instance(obj):
    return hasattr(type(obj), _FIELDS)


def _convert(obj, factory):
    if _is_instance(obj):
        return factory([(f.name, _convert(getattr(obj, f.name), factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_convert(v, factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_convert(v, factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_convert(k, factory), _convert(v, factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    """Return the fields of a dataclass instance as a new dictionary mapping field names to field values."""
    if not _is_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _convert(obj, dict_factory)


def astuple(obj, *, tuple_factory=tuple):
    """Return the fields of a dataclass instance as a new tuple of field values."""
    if not _is_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _convert(obj, lambda pairs: tuple_factory(v for _, v in pairs))


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    if not _is_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError('field ' + f.name + ' is declared with init=False, '
                                 'it cannot be specified with replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
