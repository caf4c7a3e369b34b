# Arithmetic: div with rounding_mode 'trunc' / 'floor' / None on ints and floats, and its errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([7, -7, 7, -7, 0])
b = torch.tensor([2, 2, -2, -2, 3])
for mode in [None, 'trunc', 'floor']:
    print(mode, torch.div(a, b, rounding_mode=mode), a.div(b, rounding_mode=mode).dtype)
x = torch.tensor([7.5, -7.5, 2.0, -0.5, float('inf'), float('nan')])
for mode in ['trunc', 'floor']:
    print(mode, torch.div(x, 2, rounding_mode=mode), torch.div(x, -2.0, rounding_mode=mode))
    print(torch.div(x, 0.0, rounding_mode=mode))
print(torch.div(a, 2.5, rounding_mode='floor'), torch.div(a, 2, rounding_mode='trunc').dtype)
print(torch.divide(a, b, rounding_mode='floor'), a.div_(b, rounding_mode='floor'), a)
show(lambda: torch.div(torch.tensor([1, 2]), torch.tensor([0, 1]), rounding_mode='trunc'))
show(lambda: torch.div(torch.tensor([1, 2]), 0, rounding_mode='floor'))
show(lambda: torch.div(x, 2, rounding_mode='round'))
show(lambda: torch.tensor([1, 2]).div_(2))
print(torch.tensor([1, 2]).div_(2, rounding_mode='floor'))
