"""AdamW: Adam with decoupled weight decay."""
import torch
from torch.optim.optimizer import Optimizer
from torch.optim.adam import _check_adam_args, _adam_state, _adam_update


class AdamW(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False, foreach=None, capturable=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        amsgrad=amsgrad, foreach=foreach, maximize=maximize,
                        capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        with torch.no_grad():
            for group in self.param_groups:
                for p in group['params']:
                    if p.grad is None:
                        continue
                    state = self.state[p]
                    _adam_state(state, p, group['amsgrad'])
                    grad = p.grad if not group['maximize'] else -p.grad
                    state['step'] += 1
                    p.mul_(1 - group['lr'] * group['weight_decay'])
                    _adam_update(p, grad, state, group)
        return loss
