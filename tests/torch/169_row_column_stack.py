# Joining: row_stack (vstack alias) and column_stack of 0-D, 1-D and 2-D tensors; dtype promotion; errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([1, 2, 3])
y = torch.tensor([4, 5, 6])
print(torch.row_stack([x, y]), torch.row_stack((x.reshape(1, 3), y)).shape)
print(torch.column_stack([x, y]), torch.column_stack([x, torch.ones(3, 2, dtype=torch.int64)]))
print(torch.column_stack([torch.tensor(1.), torch.tensor(2)]), torch.column_stack([x, y.double()]).dtype)
print(torch.hstack([torch.tensor(1), torch.tensor(2)]), torch.vstack([torch.tensor(1), torch.tensor(2)]))
check(lambda: torch.column_stack([x, torch.ones(2)]))
check(lambda: torch.row_stack([x, torch.ones(2)]))
check(lambda: torch.column_stack([]))
