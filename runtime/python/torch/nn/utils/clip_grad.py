"""Gradient clipping by total norm or by value."""
import torch


def _with_grad(parameters):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    return [p for p in parameters if p.grad is not None]


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False):
    """Scales all gradients so that their joint norm is at most max_norm; returns the norm."""
    params = _with_grad(parameters)
    max_norm = float(max_norm)
    norm_type = float(norm_type)
    if not params:
        return torch.tensor(0.0)
    if norm_type == float('inf'):
        norms = [p.grad.detach().abs().max() for p in params]
        total = norms[0] if len(norms) == 1 else torch.stack(norms).max()
    else:
        total = torch.stack([p.grad.detach().norm(norm_type) for p in params]).norm(norm_type)
    if error_if_nonfinite and (total.isnan().item() or total.isinf().item()):
        raise RuntimeError('The total norm of order {} for gradients from `parameters` is '
                           'non-finite, so it cannot be clipped. To disable this error and scale '
                           'the gradients by the non-finite norm anyway, set '
                           '`error_if_nonfinite=False`'.format(norm_type))
    coef = max_norm / (total + 1e-6)
    coef_clamped = torch.clamp(coef, max=1.0)
    for p in params:
        p.grad.detach().mul_(coef_clamped)
    return total


def clip_grad_value_(parameters, clip_value):
    clip_value = float(clip_value)
    for p in _with_grad(parameters):
        p.grad.data.clamp_(min=-clip_value, max=clip_value)
