"""nn.Module: the base class of every layer and model."""
import torch
from torch.nn.parameter import Parameter
from torch.nn.utils._grad import zero_grads
from collections import OrderedDict


class _IncompatibleKeys:
    """Result of load_state_dict: the missing and unexpected keys."""

    def __init__(self, missing_keys, unexpected_keys):
        self.missing_keys = missing_keys
        self.unexpected_keys = unexpected_keys

    def __iter__(self):
        return iter((self.missing_keys, self.unexpected_keys))

    def __getitem__(self, i):
        return (self.missing_keys, self.unexpected_keys)[i]

    def __len__(self):
        return 2

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return '<All keys matched successfully>'
        return '_IncompatibleKeys(missing_keys={!r}, unexpected_keys={!r})'.format(
            self.missing_keys, self.unexpected_keys)

    __str__ = __repr__


class RemovableHandle:
    """Returned by register_*_hook; remove() unregisters the hook."""

    _next_id = 0

    def __init__(self, hooks):
        self.hooks = hooks
        self.id = RemovableHandle._next_id
        RemovableHandle._next_id += 1

    def remove(self):
        if self.id in self.hooks:
            del self.hooks[self.id]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def _typename(obj):
    """torch.typename: 'torch.FloatTensor' for tensors, the qualified type name otherwise."""
    if isinstance(obj, torch.Tensor):
        return obj.type()
    t = type(obj)
    module = getattr(t, '__module__', 'builtins')
    name = getattr(t, '__qualname__', t.__name__)
    if module in ('builtins', '__builtin__', None):
        return name
    return module + '.' + name


def _addindent(text, spaces):
    """Indents every line but the first of text by the given number of spaces."""
    lines = text.split('\n')
    if len(lines) == 1:
        return text
    first = lines.pop(0)
    pad = ' ' * spaces
    return first + '\n' + '\n'.join(pad + line for line in lines)


def _join_name(prefix, name):
    return prefix + ('.' if prefix else '') + name


class Module:
    """Base class for all neural network modules."""

    _version = 1

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("{}.__init__() got an unexpected keyword argument '{}'".format(
                type(self).__name__, next(iter(kwargs))))
        if args:
            raise TypeError('{}.__init__() takes 1 positional argument but {} were given'.format(
                type(self).__name__, len(args) + 1))
        object.__setattr__(self, 'training', True)
        object.__setattr__(self, '_parameters', OrderedDict())
        object.__setattr__(self, '_buffers', OrderedDict())
        object.__setattr__(self, '_non_persistent_buffers_set', set())
        object.__setattr__(self, '_forward_hooks', OrderedDict())
        object.__setattr__(self, '_forward_pre_hooks', OrderedDict())
        object.__setattr__(self, '_modules', OrderedDict())

    # ---- forward and hooks

    def forward(self, *input):
        raise NotImplementedError('Module [{}] is missing the required "forward" function'.format(
            type(self).__name__))

    def __call__(self, *input, **kwargs):
        for hook in list(self._forward_pre_hooks.values()):
            result = hook(self, input)
            if result is not None:
                input = result if isinstance(result, tuple) else (result,)
        result = self.forward(*input, **kwargs)
        for hook in list(self._forward_hooks.values()):
            hook_result = hook(self, input, result)
            if hook_result is not None:
                result = hook_result
        return result

    def register_forward_hook(self, hook):
        handle = RemovableHandle(self._forward_hooks)
        self._forward_hooks[handle.id] = hook
        return handle

    def register_forward_pre_hook(self, hook):
        handle = RemovableHandle(self._forward_pre_hooks)
        self._forward_pre_hooks[handle.id] = hook
        return handle

    # ---- registration

    def register_parameter(self, name, param):
        if '_parameters' not in self.__dict__:
            raise AttributeError('cannot assign parameter before Module.__init__() call')
        self._check_member_name(name, 'parameter', self._parameters)
        if param is None:
            self._parameters[name] = None
        elif not isinstance(param, Parameter):
            raise TypeError("cannot assign '{}' object to parameter '{}' "
                            "(torch.nn.Parameter or None required)".format(_typename(param), name))
        elif param.grad_fn is not None:
            raise ValueError(
                "Cannot assign non-leaf Tensor to parameter '{0}'. Model parameters must be "
                "created explicitly. To express '{0}' as a function of another Tensor, compute "
                "the value in the forward() method.".format(name))
        else:
            self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        if '_buffers' not in self.__dict__:
            raise AttributeError('cannot assign buffer before Module.__init__() call')
        self._check_member_name(name, 'buffer', self._buffers)
        if tensor is not None and not isinstance(tensor, torch.Tensor):
            raise TypeError("cannot assign '{}' object to buffer '{}' "
                            "(torch Tensor or None required)".format(_typename(tensor), name))
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        if not isinstance(module, Module) and module is not None:
            raise TypeError('{} is not a Module subclass'.format(_typename(module)))
        self._check_member_name(name, 'module', self._modules)
        self._modules[name] = module

    def register_module(self, name, module):
        self.add_module(name, module)

    def _check_member_name(self, name, kind, table):
        if not isinstance(name, str):
            raise TypeError('{} name should be a string. Got {}'.format(kind, _typename(name)))
        if '.' in name:
            raise KeyError('{} name can\'t contain "."'.format(kind))
        if name == '':
            raise KeyError('{} name can\'t be empty string ""'.format(kind))
        if name not in table and hasattr(self, name):
            raise KeyError("attribute '{}' already exists".format(name))

    # ---- attribute protocol

    def __getattr__(self, name):
        d = self.__dict__
        for table in ('_parameters', '_buffers', '_modules'):
            members = d.get(table)
            if members is not None and name in members:
                return members[name]
        raise AttributeError("'{}' object has no attribute '{}'".format(type(self).__name__, name))

    def __setattr__(self, name, value):
        d = self.__dict__
        params = d.get('_parameters')
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError('cannot assign parameters before Module.__init__() call')
            self._forget(name, '_buffers', '_modules')
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError("cannot assign '{}' as parameter '{}' "
                                "(torch.nn.Parameter or None expected)".format(_typename(value), name))
            self.register_parameter(name, value)
        else:
            modules = d.get('_modules')
            if isinstance(value, Module):
                if modules is None:
                    raise AttributeError('cannot assign module before Module.__init__() call')
                self._forget(name, '_parameters', '_buffers')
                modules[name] = value
            elif modules is not None and name in modules:
                if value is not None:
                    raise TypeError("cannot assign '{}' as child module '{}' "
                                    "(torch.nn.Module or None expected)".format(_typename(value), name))
                modules[name] = value
            else:
                buffers = d.get('_buffers')
                if buffers is not None and name in buffers:
                    if value is not None and not isinstance(value, torch.Tensor):
                        raise TypeError("cannot assign '{}' as buffer '{}' "
                                        "(torch.Tensor or None expected)".format(_typename(value), name))
                    buffers[name] = value
                else:
                    object.__setattr__(self, name, value)

    def _forget(self, name, *tables):
        """Removes name from the instance dict and the given member tables."""
        d = self.__dict__
        if name in d:
            object.__delattr__(self, name)
        for table in tables:
            members = d[table]
            if name in members:
                del members[name]
        if '_buffers' in tables:
            self._non_persistent_buffers_set.discard(name)

    def __delattr__(self, name):
        d = self.__dict__
        for table in ('_parameters', '_buffers', '_modules'):
            if name in d[table]:
                del d[table][name]
                if table == '_buffers':
                    self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    # ---- iteration over members

    def named_modules(self, memo=None, prefix='', remove_duplicate=True):
        if memo is None:
            memo = set()
        if id(self) in memo:
            return
        if remove_duplicate:
            memo.add(id(self))
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            yield from module.named_modules(memo, _join_name(prefix, name), remove_duplicate)

    def modules(self):
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        memo = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in memo:
                memo.add(id(module))
                yield name, module

    def children(self):
        for _, module in self.named_children():
            yield module

    def _named_members(self, table, prefix, recurse, remove_duplicate=True):
        memo = set()
        if recurse:
            modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
        else:
            modules = [(prefix, self)]
        for module_prefix, module in modules:
            for name, value in module.__dict__[table].items():
                if value is None or id(value) in memo:
                    continue
                if remove_duplicate:
                    memo.add(id(value))
                yield _join_name(module_prefix, name), value

    def named_parameters(self, prefix='', recurse=True, remove_duplicate=True):
        yield from self._named_members('_parameters', prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix='', recurse=True, remove_duplicate=True):
        yield from self._named_members('_buffers', prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        for _, buf in self.named_buffers(recurse=recurse):
            yield buf

    def get_submodule(self, target):
        if target == '':
            return self
        module = self
        for item in target.split('.'):
            if not hasattr(module, item):
                raise AttributeError(module._get_name() + ' has no attribute `' + item + '`')
            module = getattr(module, item)
            if not isinstance(module, Module):
                raise AttributeError('`' + item + '` is not an nn.Module')
        return module

    # ---- modes and gradients

    def train(self, mode=True):
        if not isinstance(mode, bool):
            raise ValueError('training mode is expected to be boolean')
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        zero_grads(self.parameters(), set_to_none)

    def apply(self, fn):
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # ---- device and dtype conversion

    def _apply(self, fn):
        for module in self.children():
            module._apply(fn)
        for key, param in self._parameters.items():
            if param is None:
                continue
            with torch.no_grad():
                converted = fn(param)
            if converted is not param:
                param.data = converted
            grad = param.grad
            if grad is not None:
                with torch.no_grad():
                    grad_converted = fn(grad)
                if grad_converted is not grad:
                    grad.data = grad_converted
        for key, buf in self._buffers.items():
            if buf is not None:
                self._buffers[key] = fn(buf)
        return self

    def to(self, *args, **kwargs):
        device, dtype = _parse_to(args, kwargs)
        if dtype is not None and not (dtype.is_floating_point or dtype.is_complex):
            raise TypeError('nn.Module.to only accepts floating point or complex dtypes, '
                            'but got desired dtype={}'.format(dtype))

        def convert(t):
            target = dtype if (dtype is not None and t.is_floating_point()) else None
            if device is not None and target is not None:
                return t.to(device, target)
            if device is not None:
                return t.to(device)
            if target is not None:
                return t.to(target)
            return t
        return self._apply(convert)

    def cuda(self, device=None):
        if device is None:
            return self._apply(lambda t: t.cuda())
        return self._apply(lambda t: t.cuda(device))

    def cpu(self):
        return self._apply(lambda t: t.cpu())

    def float(self):
        return self._apply(lambda t: t.float() if t.is_floating_point() else t)

    def double(self):
        return self._apply(lambda t: t.double() if t.is_floating_point() else t)

    def half(self):
        return self._apply(lambda t: t.half() if t.is_floating_point() else t)

    def bfloat16(self):
        return self._apply(lambda t: t.bfloat16() if t.is_floating_point() else t)

    # ---- state dict

    def _save_to_state_dict(self, destination, prefix, keep_vars):
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buf if keep_vars else buf.detach()

    def state_dict(self, *args, destination=None, prefix='', keep_vars=False):
        if args:
            destination = args[0]
            if len(args) > 1:
                prefix = args[1]
            if len(args) > 2:
                keep_vars = args[2]
        if destination is None:
            destination = OrderedDict()
            destination._metadata = OrderedDict()
        metadata = getattr(destination, '_metadata', None)
        if metadata is not None:
            metadata[prefix[:-1]] = {'version': self._version}
        self._save_to_state_dict(destination, prefix, keep_vars)
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + '.',
                                  keep_vars=keep_vars)
        return destination

    def _local_state(self):
        state = {}
        for name, param in self._parameters.items():
            if param is not None:
                state[name] = param
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers_set:
                state[name] = buf
        return state

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, strict,
                              missing_keys, unexpected_keys, error_msgs):
        local_state = self._local_state()
        for name, param in local_state.items():
            key = prefix + name
            if key not in state_dict:
                if strict:
                    missing_keys.append(key)
                continue
            input_param = state_dict[key]
            if not isinstance(input_param, torch.Tensor):
                error_msgs.append('While copying the parameter named "{}", expected torch.Tensor '
                                  'or Tensor-like object from checkpoint but received {}'.format(
                                      key, type(input_param)))
                continue
            if tuple(input_param.shape) != tuple(param.shape):
                error_msgs.append('size mismatch for {}: copying a param with shape {} from '
                                  'checkpoint, the shape in current model is {}.'.format(
                                      key, input_param.shape, param.shape))
                continue
            try:
                with torch.no_grad():
                    param.copy_(input_param)
            except Exception as ex:
                error_msgs.append('While copying the parameter named "{}", whose dimensions in '
                                  'the model are {} and whose dimensions in the checkpoint are {}, '
                                  'an exception occurred : {}.'.format(
                                      key, param.size(), input_param.size(), ex.args))
        if strict:
            for key in state_dict.keys():
                if key.startswith(prefix):
                    input_name = key[len(prefix):].split('.', 1)[0]
                    if input_name not in self._modules and input_name not in local_state:
                        unexpected_keys.append(key)

    def load_state_dict(self, state_dict, strict=True):
        if not isinstance(state_dict, dict):
            raise TypeError('Expected state_dict to be dict-like, got {}.'.format(type(state_dict)))
        missing_keys = []
        unexpected_keys = []
        error_msgs = []
        metadata = getattr(state_dict, '_metadata', None)

        def load(module, prefix):
            local_metadata = {} if metadata is None else metadata.get(prefix[:-1], {})
            module._load_from_state_dict(state_dict, prefix, local_metadata, True,
                                         missing_keys, unexpected_keys, error_msgs)
            for name, child in module._modules.items():
                if child is not None:
                    load(child, prefix + name + '.')
        load(self, '')

        if strict:
            if unexpected_keys:
                error_msgs.insert(0, 'Unexpected key(s) in state_dict: {}. '.format(
                    ', '.join('"{}"'.format(k) for k in unexpected_keys)))
            if missing_keys:
                error_msgs.insert(0, 'Missing key(s) in state_dict: {}. '.format(
                    ', '.join('"{}"'.format(k) for k in missing_keys)))
        if error_msgs:
            raise RuntimeError('Error(s) in loading state_dict for {}:\n\t{}'.format(
                type(self).__name__, '\n\t'.join(error_msgs)))
        return _IncompatibleKeys(missing_keys, unexpected_keys)

    # ---- printing

    def _get_name(self):
        return type(self).__name__

    def extra_repr(self):
        return ''

    def __repr__(self):
        extra = self.extra_repr()
        extra_lines = extra.split('\n') if extra else []
        child_lines = []
        for key, module in self._modules.items():
            child_lines.append('(' + key + '): ' + _addindent(repr(module), 2))
        lines = extra_lines + child_lines
        text = self._get_name() + '('
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                text += extra_lines[0]
            else:
                text += '\n  ' + '\n  '.join(lines) + '\n'
        return text + ')'

    def _repr_html_(self):
        """Jupyter (wick's kernel): the printed structure, then one row per parameter and
        the totals. PyTorch has no HTML form; text/plain stays repr(model)."""
        rows = []
        total = trainable = 0
        for name, p in self.named_parameters():
            n = p.numel()
            total += n
            trainable += n if p.requires_grad else 0
            cells = (name, tuple(p.shape), str(p.dtype)[6:], str(p.device), '{:,}'.format(n),
                     'yes' if p.requires_grad else 'no')
            rows.append('<tr>' + ''.join('<td>' + _html_escape(str(c)) + '</td>' for c in cells) + '</tr>')
        head = ''.join('<th>' + h + '</th>' for h in
                       ('parameter', 'shape', 'dtype', 'device', 'elements', 'trainable'))
        return ('<pre>' + _html_escape(repr(self)) + '</pre>'
                '<table><thead><tr>' + head + '</tr></thead><tbody>' + ''.join(rows) + '</tbody>'
                '<tfoot><tr><td colspan="4">total ({:,} trainable)</td><td>{:,}</td><td></td></tr>'
                '</tfoot></table>'.format(trainable, total))


def _html_escape(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def _parse_to(args, kwargs):
    """Parses Module.to(device), to(dtype), to(device, dtype), to(tensor) and keywords."""
    device = kwargs.get('device')
    dtype = kwargs.get('dtype')
    for unknown in kwargs:
        if unknown not in ('device', 'dtype', 'non_blocking', 'memory_format', 'copy'):
            raise TypeError("to() received an invalid combination of arguments - got an "
                            "unexpected keyword argument '{}'".format(unknown))
    for arg in args:
        if isinstance(arg, torch.dtype):
            dtype = arg
        elif isinstance(arg, torch.Tensor):
            device = arg.device
            dtype = arg.dtype
        elif isinstance(arg, bool):
            continue
        elif arg is not None:
            device = torch.device(arg) if not isinstance(arg, torch.device) else arg
    if isinstance(device, (str, int)):
        device = torch.device(device)
    return device, dtype
