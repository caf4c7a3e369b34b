# Random: uniform_(a, b) and normal_(mean, std) in place on float32/float64 (FMA rounding), generator=, and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(7)
print(torch.empty(6).uniform_(-2, 3).tolist())
print(torch.empty(3, dtype=torch.float64).uniform_(0.5, 0.75).tolist())
print(torch.empty(5).normal_(10, 0.1).tolist(), torch.empty(18).normal_().tolist()[-2:])
print(torch.empty(4, dtype=torch.float64).normal_(-1, 2).tolist())
g = torch.Generator().manual_seed(3)
print(torch.empty(3).uniform_(generator=g), torch.empty(3).normal_(generator=g))
x = torch.zeros(4, 4)
x[:, 1].normal_()
x[0].uniform_(5, 6)
print(x)
show(lambda: torch.empty(2).uniform_(3, 1))
show(lambda: torch.empty(2).normal_(0, -1))
show(lambda: torch.empty(2, dtype=torch.int64).normal_())
print(torch.nn.init.uniform_(torch.empty(3), -1, 1))
