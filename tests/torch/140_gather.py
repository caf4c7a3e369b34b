# Indexing: gather along each dim, index smaller than input, negative dims, and the errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(x.gather(1, torch.tensor([[2, 0], [1, 1]])), torch.gather(x, 0, torch.tensor([[1, 0, 1]])))
print(x.gather(-1, torch.tensor([[0], [2]])), x.gather(1, torch.zeros(2, 0, dtype=torch.int64)).shape)
f = torch.tensor([[0.5, 1.5], [2.5, 3.5]], requires_grad=True)
g = f.gather(1, torch.tensor([[1], [0]]))
print(g, g.grad_fn.__class__.__name__)
check(lambda: x.gather(1, torch.tensor([[3]])))
check(lambda: x.gather(1, torch.tensor([[0.0]])))
check(lambda: x.gather(1, torch.tensor([0, 1])))
check(lambda: x.gather(2, torch.tensor([[0]])))
check(lambda: x.gather(0, torch.tensor([[0, 0, 0, 0]])))
