# Random: generator= on every sampling function gives the same stream as the global generator seeded alike
import torch


def both(make):
    torch.manual_seed(21)
    a = make(None)
    b = make(torch.Generator().manual_seed(21))
    return torch.equal(a, b), a


print(both(lambda g: torch.rand(5, generator=g)))
print(both(lambda g: torch.randn(4, generator=g)))
print(both(lambda g: torch.randn(40, generator=g))[0])
print(both(lambda g: torch.randint(0, 7, (6,), generator=g)))
print(both(lambda g: torch.randperm(9, generator=g)))
print(both(lambda g: torch.bernoulli(torch.full((6,), 0.5), generator=g)))
print(both(lambda g: torch.empty(4).uniform_(-1, 1, generator=g)))
print(both(lambda g: torch.empty(4).normal_(0, 2, generator=g)))
print(both(lambda g: torch.empty(4, dtype=torch.int64).random_(0, 100, generator=g)))
print(both(lambda g: torch.empty(3).exponential_(generator=g)))
print(both(lambda g: torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 6, True, generator=g)))
print(both(lambda g: torch.normal(2., 1., (3,), generator=g)))
