# __bool__, len, iteration, int/float/index conversions, item errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
check(lambda: 'yes' if torch.tensor([1, 2]) else 'no')
check(lambda: 'yes' if torch.tensor([]) else 'no')
print(bool(torch.tensor([0])), bool(torch.tensor(0.5)), bool(torch.tensor([True])))
check(lambda: len(torch.tensor(3)))
check(lambda: [t for t in torch.tensor(3)])
check(lambda: int(torch.tensor([1, 2])))
check(lambda: float(torch.tensor([1., 2.])))
print(int(torch.tensor(2.9)), float(torch.tensor(3)), int(torch.tensor([-2.5])))
print([1, 2, 3][torch.tensor(1)], list(range(10))[torch.tensor(2):torch.tensor(5)])
check(lambda: [1, 2][torch.tensor(1.0)])
print(len(torch.zeros(4, 2)), [r.tolist() for r in torch.arange(4).reshape(2, 2)])
if torch.tensor(1.0) > 0:
    print("positive")
print(list(torch.tensor([1.5, 2.5])))
a, b = torch.tensor([10, 20])
print(a, b)
# PyTorch 2.x text (1.13 raised ValueError "only one element tensors can be converted to Python scalars")
# regen-sed: s/^item ValueError: only one element tensors can be converted to Python scalars$/item RuntimeError: a Tensor with 3 elements cannot be converted to Scalar/
try:
    torch.tensor([1, 2, 3]).item()
except Exception as e:
    print('item', type(e).__name__ + ':', e)
