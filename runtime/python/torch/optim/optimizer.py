"""Optimizer: the base class holding param_groups, per-parameter state and defaults."""
import torch
from torch.nn.utils._grad import zero_grads


class _RequiredParameter:
    """Marker for a hyper-parameter with no default (SGD's lr)."""

    def __repr__(self):
        return '<required parameter>'


required = _RequiredParameter()


class _StateDict(dict):
    """optimizer.state: a dict keyed by parameter whose missing entries read as {}
    (PyTorch uses defaultdict(dict))."""

    def __getitem__(self, key):
        if key not in self:
            dict.__setitem__(self, key, {})
        return dict.__getitem__(self, key)


def _typename(obj):
    if isinstance(obj, torch.Tensor):
        return obj.type()
    return type(obj).__name__


class Optimizer:
    """Base class: subclasses define defaults and step()."""

    def __init__(self, params, defaults):
        self.defaults = defaults
        if isinstance(params, torch.Tensor):
            raise TypeError('params argument given to the optimizer should be an iterable of '
                            'Tensors or dicts, but got ' + _typename(params))
        self.state = _StateDict()
        self.param_groups = []
        groups = list(params)
        if len(groups) == 0:
            raise ValueError('optimizer got an empty parameter list')
        if not isinstance(groups[0], dict):
            groups = [{'params': groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        if not isinstance(param_group, dict):
            raise TypeError('param group must be a dict')
        params = param_group['params']
        if isinstance(params, torch.Tensor):
            param_group['params'] = [params]
        elif isinstance(params, (set, frozenset)):
            raise TypeError('optimizer parameters need to be organized in ordered collections, '
                            'but the ordering of tensors in sets will change between runs. '
                            'Please use a list instead.')
        else:
            param_group['params'] = list(params)
        for param in param_group['params']:
            if not isinstance(param, torch.Tensor):
                raise TypeError('optimizer can only optimize Tensors, but one of the params is ' +
                                _typename(param))
            if not param.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required "
                                 "optimization parameter " + name)
            if name not in param_group:
                param_group[name] = default
        seen = set()
        for group in self.param_groups:
            for p in group['params']:
                seen.add(id(p))
        for p in param_group['params']:
            if id(p) in seen:
                raise ValueError('some parameters appear in more than one parameter group')
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=True):
        for group in self.param_groups:
            zero_grads(group['params'], set_to_none)

    def step(self, closure=None):
        """One optimisation step: _update(p, group) for every parameter with a gradient."""
        loss = self._closure_loss(closure)
        with torch.no_grad():
            for group in self.param_groups:
                for p in group['params']:
                    if p.grad is not None:
                        self._update(p, group)
        return loss

    def _update(self, p, group):
        raise NotImplementedError('{} must define _update(p, group)'.format(type(self).__name__))

    def _closure_loss(self, closure):
        if closure is None:
            return None
        with torch.enable_grad():
            return closure()

    # ---- state dict

    def state_dict(self):
        """{'state': {index: state}, 'param_groups': [group without tensors]}."""
        index = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != 'params'}
            ids = []
            for p in group['params']:
                if id(p) not in index:
                    index[id(p)] = len(index)
                ids.append(index[id(p)])
            packed['params'] = ids
            groups.append(packed)
        state = {}
        for p, value in self.state.items():
            key = index[id(p)] if isinstance(p, torch.Tensor) else p
            state[key] = value
        return {'state': state, 'param_groups': groups}

    def load_state_dict(self, state_dict):
        saved_groups = state_dict['param_groups']
        groups = self.param_groups
        if len(groups) != len(saved_groups):
            raise ValueError('loaded state dict has a different number of parameter groups')
        for g, s in zip(groups, saved_groups):
            if len(g['params']) != len(s['params']):
                raise ValueError("loaded state dict contains a parameter group that doesn't "
                                 "match the size of optimizer's group")
        by_index = {}
        for g, s in zip(groups, saved_groups):
            for old, p in zip(s['params'], g['params']):
                by_index[old] = p
        state = _StateDict()
        for key, value in state_dict['state'].items():
            if key in by_index:
                param = by_index[key]
                state[param] = _cast_state(param, value)
            else:
                state[key] = value
        new_groups = []
        for g, s in zip(groups, saved_groups):
            new_group = dict(s)
            new_group['params'] = g['params']
            for name, default in self.defaults.items():
                if name not in new_group:
                    new_group[name] = default
            new_groups.append(new_group)
        self.state = state
        self.param_groups = new_groups

    def __repr__(self):
        text = type(self).__name__ + ' ('
        for i, group in enumerate(self.param_groups):
            text += '\nParameter Group {}\n'.format(i)
            for key in sorted(group.keys()):
                if key != 'params':
                    text += '    {}: {}\n'.format(key, group[key])
        return text + ')'


def _cast_state(param, value, key=None):
    """Copies a loaded state value, moving tensors to the parameter's dtype and device
    ('step' keeps its dtype)."""
    if isinstance(value, torch.Tensor):
        if key != 'step':
            if param.is_floating_point():
                value = value.to(param.dtype)
            value = value.to(param.device)
        return value.clone()
    if isinstance(value, dict):
        return {k: _cast_state(param, v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_cast_state(param, v) for v in value)
    return value


def _check_lr(lr):
    if lr is not required and lr < 0.0:
        raise ValueError('Invalid learning rate: {}'.format(lr))


def _check_nonneg(value, what):
    if value < 0.0:
        raise ValueError('Invalid {} value: {}'.format(what, value))
