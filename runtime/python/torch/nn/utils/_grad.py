"""Clearing gradients: the one rule shared by Module.zero_grad and Optimizer.zero_grad."""


def zero_grads(params, set_to_none=True):
    """Drops each parameter's .grad (set_to_none) or zeroes it in place, detached."""
    for p in params:
        if p.grad is None:
            continue
        if set_to_none:
            p.grad = None
        else:
            if p.grad.grad_fn is not None:
                p.grad.detach_()
            else:
                p.grad.requires_grad_(False)
            p.grad.zero_()
