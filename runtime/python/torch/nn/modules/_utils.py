"""Small helpers shared by the layer modules."""
import torch


def factory(device=None, dtype=None):
    """Keyword arguments for a tensor factory, leaving out the ones not given."""
    kw = {}
    if device is not None:
        kw['device'] = device
    if dtype is not None:
        kw['dtype'] = dtype
    return kw


def empty(shape, device=None, dtype=None):
    return torch.empty(shape, **factory(device, dtype))


def ntuple(v, n):
    """An int as an n-tuple; sequences as tuples."""
    if isinstance(v, (list, tuple)):
        return tuple(v)
    return tuple([v] * n)
