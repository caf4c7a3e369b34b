# Reductions: std / var / var_mean with the correction= keyword (0, 1, 2, larger than N) and conflicting arguments
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[1., 2., 4., 7.], [0., 3., 3., 6.]])
for c in [0, 1, 2, 3, 4]:
    print(c, x.var((0, 1), correction=c), x.std(dim=1, correction=c), torch.var(x, 0, correction=c))
print(x.var(dim=1, correction=1, keepdim=True), torch.var_mean(x, dim=1, correction=0), torch.std_mean(x, (0, 1), correction=2))
print(x.var(None, correction=0), x.std(dim=None, correction=1))
show(lambda: x.var(5))
