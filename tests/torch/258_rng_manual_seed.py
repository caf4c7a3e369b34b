# Random: manual_seed reproducibility, 32-bit seed truncation, negative seeds, seed overflow error, return value
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


g = torch.manual_seed(0)
print(type(g).__name__, torch.rand(3), torch.randn(3))
torch.manual_seed(2 ** 32 + 7)
a = torch.rand(4)
torch.manual_seed(7)
print(torch.equal(a, torch.rand(4)), torch.initial_seed())
torch.manual_seed(-1)
print(torch.rand(2))
torch.manual_seed(1.5)
print(torch.initial_seed(), torch.rand(2))
torch.manual_seed(True)
print(torch.initial_seed(), torch.rand(1))
for s in [0, 1, 42, 123456789]:
    torch.manual_seed(s)
    print(s, torch.rand(2).tolist(), torch.randint(0, 100, (3,)).tolist())
