# Reductions on empty tensors and bad dims: which reductions have an identity (sum/prod/all/any/mean->nan) and which raise
import torch


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


e = torch.ones(0, 3)
show('sum', lambda: e.sum(0))
show('mean', lambda: e.mean(0))
show('prod', lambda: e.prod(0))
show('max', lambda: e.max(0))
show('max1', lambda: e.max(1))
show('min', lambda: torch.ones(0).min())
show('argmax', lambda: e.argmax())
show('argmin1', lambda: e.argmin(1))
show('amax', lambda: e.amax(0))
show('amin1', lambda: e.amin(1))
show('std', lambda: e.std(0))
show('var', lambda: torch.ones(0).var())
show('logsumexp', lambda: e.logsumexp(0))
show('norm', lambda: e.norm(dim=0))
show('topk', lambda: e.topk(1, dim=0))
show('sort', lambda: e.sort(0))
show('cumsum', lambda: e.cumsum(0))
show('dim', lambda: torch.ones(2, 3).sum(dim=5))
show('dim0', lambda: torch.tensor(1.).max(1))
