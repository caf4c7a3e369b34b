# Math: clamp / clip with tensor bounds (broadcast, mixed dtypes, min > max elementwise) and their errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.arange(-3., 4.).reshape(1, 7)
lo = torch.tensor([[-1.], [0.], [1.]])
hi = torch.tensor([2., 2., 2., 0., 0., 3., 3.])
print(torch.clamp(x, lo, hi))
print(torch.clamp(x, min=lo), torch.clamp(x, max=hi), x.clip(lo, torch.tensor(2.5)))
print(torch.clamp(torch.tensor([1, 5, 9]), torch.tensor([2., 2., 2.]), torch.tensor([4, 4, 4])))
print(torch.clamp(torch.tensor([1, 5, 9]), min=torch.tensor([2, 6, 10])).dtype)
y = torch.tensor([0., 5., 10.])
y.clamp_(torch.tensor([1., 1., 1.]), torch.tensor([8., 4., 20.]))
print(y)
show(lambda: torch.clamp(x, torch.ones(2), hi))
show(lambda: torch.clamp(torch.ones(3), torch.ones(2, 3)).shape)
show(lambda: torch.ones(3).clamp_(torch.ones(2, 3)))
show(lambda: torch.tensor([1, 2]).clamp_(torch.tensor([1.5, 1.5])))
