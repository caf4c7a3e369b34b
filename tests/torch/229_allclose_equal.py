# Comparisons: torch.equal, allclose / isclose with rtol, atol, equal_nan, broadcasting and dtype rules
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([1.0, 2.0, float('nan')])
b = torch.tensor([1.0 + 1e-6, 2.0001, float('nan')])
print(torch.equal(a, a), torch.equal(a[:2], a[:2].clone()), torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2])))
print(torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2, 3])), torch.equal(torch.tensor([1., 2.]), torch.tensor([1, 2])))
print(torch.allclose(a, b), torch.allclose(a, b, equal_nan=True), torch.allclose(a, b, rtol=1e-3, equal_nan=True))
print(torch.isclose(a, b), torch.isclose(a, b, equal_nan=True), torch.isclose(a, b, atol=1e-3, rtol=0))
print(a.allclose(b, atol=1e-3, equal_nan=True), torch.isclose(torch.tensor([1., 2.]), torch.tensor(1.)))
print(torch.isclose(torch.tensor([1, 2]), torch.tensor([1, 3])), torch.isclose(torch.tensor([float('inf')]), torch.tensor([float('inf')])))
print(torch.allclose(torch.tensor([1e-9]), torch.tensor([0.])), torch.allclose(torch.tensor([1e10]), torch.tensor([1.00001e10])))
print(torch.allclose(torch.ones(2, 3), torch.ones(3)))
show(lambda: torch.allclose(torch.ones(2), torch.ones(3)))
show(lambda: torch.allclose(torch.tensor([1.]), torch.tensor([1.], dtype=torch.float64)))
show(lambda: torch.isclose(torch.tensor([1.]), torch.tensor([1]), rtol=-1))
show(lambda: torch.equal(torch.ones(2), [1., 1.]))
