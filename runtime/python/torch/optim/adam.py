"""Adam (with optional AMSGrad and L2 weight decay)."""
import math
import torch
from torch.optim.optimizer import Optimizer, _check_lr, _check_nonneg


def _check_adam_args(lr, betas, eps, weight_decay):
    _check_lr(lr)
    if not 0.0 <= eps:
        raise ValueError('Invalid epsilon value: {}'.format(eps))
    if not 0.0 <= betas[0] < 1.0:
        raise ValueError('Invalid beta parameter at index 0: {}'.format(betas[0]))
    if not 0.0 <= betas[1] < 1.0:
        raise ValueError('Invalid beta parameter at index 1: {}'.format(betas[1]))
    if not 0.0 <= weight_decay:
        raise ValueError('Invalid weight_decay value: {}'.format(weight_decay))


def _adam_state(state, p, amsgrad):
    if len(state) == 0:
        state['step'] = torch.tensor(0.0)
        state['exp_avg'] = torch.zeros_like(p)
        state['exp_avg_sq'] = torch.zeros_like(p)
        if amsgrad:
            state['max_exp_avg_sq'] = torch.zeros_like(p)


def _adam_update(p, grad, state, group):
    """The moment updates and the bias-corrected step shared by Adam and AdamW."""
    beta1, beta2 = group['betas']
    exp_avg, exp_avg_sq = state['exp_avg'], state['exp_avg_sq']
    step = state['step'].item()
    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    step_size = group['lr'] / bias_correction1
    bias_correction2_sqrt = math.sqrt(bias_correction2)
    # one fused pass (same roundings) for contiguous float CPU tensors; else op by op
    if not group['amsgrad'] and torch._C._nn.adam_update(
            p, grad, exp_avg, exp_avg_sq, beta1, beta2, step_size, bias_correction2_sqrt, group['eps']):
        return
    exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    if group['amsgrad']:
        max_sq = state['max_exp_avg_sq']
        max_sq.copy_(torch.maximum(max_sq, exp_avg_sq))
        denom = (max_sq.sqrt() / bias_correction2_sqrt).add_(group['eps'])
    else:
        denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(group['eps'])
    p.addcdiv_(exp_avg, denom, value=-step_size)


def _l2_decay(p, grad, group):
    """Adam's weight decay: an L2 term added to the gradient."""
    if group['weight_decay'] != 0:
        grad = grad.add(p, alpha=group['weight_decay'])
    return grad


def _adam_param_update(opt, p, group, decay):
    """One parameter's step for Adam or AdamW; decay(p, grad, group) applies the variant's
    weight decay and returns the gradient to use."""
    state = opt.state[p]
    _adam_state(state, p, group['amsgrad'])
    grad = p.grad if not group['maximize'] else -p.grad
    state['step'] += 1
    grad = decay(p, grad, group)
    _adam_update(p, grad, state, group)


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 amsgrad=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, fused=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        amsgrad=amsgrad, maximize=maximize, foreach=foreach,
                        capturable=capturable, differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)

    def _update(self, p, group):
        _adam_param_update(self, p, group, _l2_decay)
