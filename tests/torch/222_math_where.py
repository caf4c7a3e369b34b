# Math: torch.where with tensors, scalars, broadcasting, dtype promotion, the one-argument form, and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[1., -2., 3.], [-4., 5., -6.]])
print(torch.where(x > 0, x, torch.zeros(2, 3)), torch.where(x > 0, x, -1.), torch.where(x > 0, 1., 0.))
print(torch.where(x < 0, torch.tensor([10., 20., 30.]), x), x.where(x > 0, torch.tensor(0.)))
print(torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), torch.tensor([1.5, 2.5])))
print(torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 0).dtype, torch.where(torch.tensor([True, False]), 1, 0.5).dtype)
print(torch.where(x > 0), torch.where(torch.tensor([0, 3, 0, 7])))
print(torch.where(torch.tensor([[True], [False]]), torch.tensor([1, 2, 3]), torch.tensor([[7], [8]])))
show(lambda: torch.where(x, x, x))
show(lambda: torch.where(torch.tensor([True, False, True]), torch.ones(2), torch.zeros(2)))
show(lambda: torch.where(torch.tensor([1, 0]), torch.ones(2), torch.zeros(2)))
print(torch.where(torch.tensor([True, False]), torch.tensor([1., 2.], dtype=torch.float64), torch.tensor([3., 4.])).dtype)
