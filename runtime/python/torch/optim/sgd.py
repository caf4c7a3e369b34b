"""SGD with momentum, dampening, Nesterov, weight decay and maximize."""
import torch
from torch.optim.optimizer import Optimizer, required, _check_lr, _check_nonneg


class SGD(Optimizer):
    def __init__(self, params, lr=required, momentum=0, dampening=0, weight_decay=0,
                 nesterov=False, *, maximize=False, foreach=None, differentiable=False):
        _check_lr(lr)
        _check_nonneg(momentum, 'momentum')
        _check_nonneg(weight_decay, 'weight_decay')
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError('Nesterov momentum requires a momentum and zero dampening')
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening,
                        weight_decay=weight_decay, nesterov=nesterov, maximize=maximize,
                        foreach=foreach, differentiable=differentiable)
        super().__init__(params, defaults)

    def _update(self, p, group):
        """One parameter: d = g (+ wd*p); buf = m*buf + (1-damp)*d; p -= lr*d'."""
        momentum = group['momentum']
        d_p = p.grad if not group['maximize'] else -p.grad
        if group['weight_decay'] != 0:
            d_p = d_p.add(p, alpha=group['weight_decay'])
        state = self.state[p]
        buf = state.get('momentum_buffer')
        if momentum != 0:
            if buf is None:
                buf = torch.clone(d_p).detach()
            else:
                buf.mul_(momentum).add_(d_p, alpha=1 - group['dampening'])
            if group['nesterov']:
                d_p = d_p.add(buf, alpha=momentum)
            else:
                d_p = buf
        p.add_(d_p, alpha=-group['lr'])
        state['momentum_buffer'] = buf
