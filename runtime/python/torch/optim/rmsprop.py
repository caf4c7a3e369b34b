"""RMSprop (optionally centered, with momentum)."""
import torch
from torch.optim.optimizer import Optimizer, _check_lr, _check_nonneg


class RMSprop(Optimizer):
    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False, foreach=None, maximize=False, differentiable=False):
        _check_lr(lr)
        _check_nonneg(eps, 'epsilon')
        _check_nonneg(momentum, 'momentum')
        _check_nonneg(weight_decay, 'weight_decay')
        _check_nonneg(alpha, 'alpha')
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, foreach=foreach, maximize=maximize,
                        differentiable=differentiable)
        super().__init__(params, defaults)

    def _update(self, p, group):
        state = self.state[p]
        if len(state) == 0:
            state['step'] = 0
            state['square_avg'] = torch.zeros_like(p)
            if group['momentum'] > 0:
                state['momentum_buffer'] = torch.zeros_like(p)
            if group['centered']:
                state['grad_avg'] = torch.zeros_like(p)
        state['step'] += 1
        alpha = group['alpha']
        grad = p.grad if not group['maximize'] else -p.grad
        if group['weight_decay'] != 0:
            grad = grad.add(p, alpha=group['weight_decay'])
        square_avg = state['square_avg']
        square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
        if group['centered']:
            grad_avg = state['grad_avg']
            grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
            avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
        else:
            avg = square_avg.sqrt()
        avg = avg.add_(group['eps'])
        if group['momentum'] > 0:
            buf = state['momentum_buffer']
            buf.mul_(group['momentum']).addcdiv_(grad, avg)
            p.add_(buf, alpha=-group['lr'])
        else:
            p.addcdiv_(grad, avg, value=-group['lr'])
