"""AdamW: Adam with decoupled weight decay."""
from torch.optim.optimizer import Optimizer
from torch.optim.adam import _check_adam_args, _adam_param_update


class AdamW(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False, foreach=None, capturable=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        amsgrad=amsgrad, foreach=foreach, maximize=maximize,
                        capturable=capturable)
        super().__init__(params, defaults)

    def _update(self, p, group):
        _adam_param_update(self, p, group, _decoupled_decay)


def _decoupled_decay(p, grad, group):
    """AdamW's weight decay: the parameter shrinks directly, the gradient is unchanged."""
    p.mul_(1 - group['lr'] * group['weight_decay'])
    return grad
