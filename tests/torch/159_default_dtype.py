# Creation: torch.set_default_dtype changes float inference, factories and printing suffixes; errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
torch.set_default_dtype(torch.float64)
print(torch.get_default_dtype(), torch.tensor([1.5, 2.0]), torch.zeros(2), torch.arange(3.), torch.linspace(0, 1, 3))
print(torch.tensor([1, 2]), torch.tensor([1.5]).dtype, torch.tensor([1.5], dtype=torch.float32))
print(torch.ones(2, dtype=torch.float32), torch.tensor([], dtype=torch.float32), torch.tensor([]))
print((torch.tensor([1, 2]) / 2).dtype, torch.full((2,), 1.5).dtype, torch.eye(2).dtype)
torch.set_default_dtype(torch.float32)
print(torch.get_default_dtype(), torch.tensor([1.5]), torch.tensor([1.5], dtype=torch.float64))
check(lambda: torch.set_default_dtype(torch.int64))
torch.set_default_dtype(torch.float32)
print(torch.tensor([1.]).dtype)
