# torch.tensor errors: ragged lists, strings
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
check(lambda: torch.tensor([[1, 2], [3]]))
check(lambda: torch.tensor([[1], [2, 3]]))
check(lambda: torch.tensor("abc"))
check(lambda: torch.tensor([1, 2], dtype=torch.int64, requires_grad=True))
check(lambda: torch.from_numpy([1, 2]) if False else 'skip')
