# Arithmetic (in-place): result-type checks of add_/mul_/div_/... into int, bool and lower float tensors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: torch.tensor([1, 2]).add_(0.5))
show(lambda: torch.tensor([1, 2]).mul_(torch.tensor([1.5, 1.])))
show(lambda: torch.tensor([1, 2]).div_(2))
show(lambda: torch.tensor([1, 2], dtype=torch.int32).sub_(torch.tensor(1.5, dtype=torch.float64)))
show(lambda: torch.tensor([True, False]).add_(1))
show(lambda: torch.tensor([True, False]).mul_(torch.tensor([2, 3])))
show(lambda: torch.tensor([1, 2], dtype=torch.uint8).add_(torch.tensor([1.])))
show(lambda: torch.tensor([1., 2.]).add_(torch.tensor([1., 2.], dtype=torch.float64)))
show(lambda: torch.tensor([1, 2], dtype=torch.int8).add_(torch.tensor([300])))
show(lambda: torch.tensor([1., 2.], dtype=torch.float16).mul_(2.5))
show(lambda: torch.tensor([1, 2]).add_(torch.tensor([True, False])))
show(lambda: torch.tensor([1, 2], dtype=torch.int32).add_(torch.tensor([5])))
show(lambda: torch.tensor([1, 2]).exp_())
show(lambda: torch.tensor([1, 2]).sqrt_())
show(lambda: torch.tensor([1, 2]).sigmoid_())
x = torch.tensor([4, 9])
try:
    x += 0.5
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    x /= 2
except RuntimeError as e:
    print(type(e).__name__, e)
print(x)
show(lambda: torch.ones(3).add_(torch.ones(2, 3)))
