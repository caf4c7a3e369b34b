"""nn.Parameter: a Tensor subclass that Module registers as a learnable parameter."""
import torch


def _disabled_torch_function():
    """PyTorch's hook that keeps op results plain Tensors (absent in wick, where
    subclass propagation does not exist)."""
    c = getattr(torch, '_C', None)
    return getattr(c, '_disabled_torch_function_impl', None) if c is not None else None


class Parameter(torch.Tensor):
    """A tensor that is a module parameter: requires grad by default and prints
    with a 'Parameter containing:' header."""

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = torch.empty(0)
        return torch.Tensor._make_subclass(cls, data, requires_grad)

    def __repr__(self):
        return 'Parameter containing:\n' + super().__repr__()



_impl = _disabled_torch_function()
if _impl is not None:
    Parameter.__torch_function__ = _impl
