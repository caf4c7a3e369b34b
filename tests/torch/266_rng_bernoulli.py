# Random: bernoulli with probability tensors (float32/float64), bernoulli_(p) scalar and tensor, p outside [0, 1] errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(0)
p = torch.tensor([0., 0.25, 0.5, 0.75, 1.])
print(torch.bernoulli(p), torch.bernoulli(p.double()), torch.bernoulli(torch.full((3, 4), 0.5)))
print(torch.zeros(8).bernoulli_(0.3), torch.zeros(6).bernoulli_(torch.full((6,), 0.9)), torch.zeros(4, dtype=torch.int64).bernoulli_(0.5))
print(torch.bernoulli(p, generator=torch.Generator().manual_seed(1)))
show(lambda: torch.bernoulli(torch.tensor([1.5])))
show(lambda: torch.zeros(2).bernoulli_(-0.1))
show(lambda: torch.bernoulli(torch.tensor([1, 0])))
