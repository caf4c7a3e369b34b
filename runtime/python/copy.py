"""copy: shallow and deep copies (copy, deepcopy with memo, __copy__/__deepcopy__ hooks; torch tensors)."""
import sys as _sys

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

try:
    _bytearray = bytearray
except NameError:                       # wick has no bytearray yet
    _bytearray = None

_atomic = {type(None), int, float, bool, str, bytes, type, range, type(len), type(lambda: 0),
           type(Ellipsis), type(NotImplemented), property}


_torch = []                             # [Tensor, (immutable torch types)] once torch is loaded


def _torch_types():
    """torch.Tensor and torch's immutable value types (dtype, device, Size), or None
    while torch is not imported: copy.py itself never imports torch."""
    if not _torch:
        torch = _sys.modules.get('torch')
        if torch is None:
            return None
        values = [type(torch.float32), type(torch.device('cpu')), torch.Size]
        _torch.extend([torch.Tensor, tuple(values)])
    return _torch


def _cannot(x):
    raise TypeError("cannot pickle '" + type(x).__name__ + "' object")


def _state(x):
    getstate = getattr(type(x), '__getstate__', None)
    if getstate is not None and getstate is not getattr(object, '__getstate__', None):
        return getstate(x)
    try:
        return x.__dict__
    except AttributeError:
        return None


def _set_state(y, state, deep, memo):
    if state is None:
        return
    if deep:
        state = deepcopy(state, memo)
    setstate = getattr(type(y), '__setstate__', None)
    if setstate is not None:
        setstate(y, state)
    else:
        y.__dict__.update(state)


def _reconstruct(x, cls, deep, memo):
    """Copy an instance of a user class (or of a subclass of a built-in container)."""
    if not hasattr(x, '__dict__') and not isinstance(x, (dict, list, set, tuple)):
        _cannot(x)
    if isinstance(x, tuple):
        getnewargs = getattr(cls, '__getnewargs__', None)
        args = tuple(getnewargs(x)) if getnewargs is not None else (tuple(x),)
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args) if getnewargs is not None else tuple.__new__(cls, *args)
    else:
        y = cls.__new__(cls)            # an empty instance, as copyreg's __reduce_ex__ makes it
    if deep:
        memo[id(x)] = y
    _set_state(y, _state(x), deep, memo)
    if isinstance(x, dict):
        for k, v in dict.items(x):
            if deep:
                k, v = deepcopy(k, memo), deepcopy(v, memo)
            dict.__setitem__(y, k, v)
    elif isinstance(x, list):
        list.extend(y, [deepcopy(v, memo) for v in x] if deep else x)
    elif isinstance(x, set):
        set.update(y, [deepcopy(v, memo) for v in x] if deep else x)
    return y


def _copy_tensor(x):
    y = x.detach()
    if type(x) is not type(y):
        return type(x)(y, x.requires_grad)
    if x.requires_grad:
        y.requires_grad_(True)
    return y


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset:
        return x
    if cls is list or cls is dict or cls is set:
        return cls.copy(x)
    if cls is _bytearray:
        return _bytearray(x)
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, type):
        return x
    torch = _torch_types()
    if torch is not None:
        if isinstance(x, torch[0]):
            return _copy_tensor(x)
        if cls in torch[1]:
            return x
    return _reconstruct(x, cls, False, None)


def _deepcopy_tensor(x, memo):
    if not x.is_leaf:
        raise RuntimeError('Only Tensors created explicitly by the user '
                           '(graph leaves) support the deepcopy protocol at the moment')
    y = x.detach().clone()
    if type(x) is not type(y):          # nn.Parameter: Parameter.__deepcopy__
        return type(x)(y, x.requires_grad)
    if x.requires_grad:
        y.requires_grad_(True)
    memo[id(x)] = y
    if x.grad is not None:
        y.grad = deepcopy(x.grad, memo)
    return y


def _deepcopy_builtin(x, cls, memo):
    if cls is list:
        y = []
        memo[id(x)] = y
        for a in x:
            y.append(deepcopy(a, memo))
        return y
    if cls is dict:
        y = {}
        memo[id(x)] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
        return y
    if cls is tuple:
        y = tuple(deepcopy(a, memo) for a in x)
        if id(x) in memo:               # a cycle through the tuple already copied it
            return memo[id(x)]
        for a, b in zip(x, y):
            if a is not b:
                return y
        return x
    if cls is set or cls is frozenset:
        return cls(deepcopy(a, memo) for a in x)
    return _bytearray(x)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic:
        return x
    if cls in (list, dict, tuple, set, frozenset, _bytearray):
        y = _deepcopy_builtin(x, cls, memo)
    else:
        copier = getattr(cls, '__deepcopy__', None)
        torch = _torch_types()
        if copier is not None:
            y = copier(x, memo)
        elif isinstance(x, type):
            y = x
        elif torch is not None and isinstance(x, torch[0]):
            y = _deepcopy_tensor(x, memo)
        elif torch is not None and cls in torch[1]:
            y = x
        else:
            y = _reconstruct(x, cls, True, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    """Keep x alive while memo is (so that its id is not reused), as CPython does."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
