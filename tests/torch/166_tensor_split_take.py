# Splitting: tensor_split by sections and by indices (views), take on flattened elements; errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(10)
print(x.tensor_split(3), x.tensor_split([2, 5]), x.tensor_split(1), x.tensor_split(12)[-1].shape)
print(torch.tensor_split(x, [3, 20]), x.tensor_split([7, 3]), x.tensor_split([-2]))
m = torch.arange(12).reshape(3, 4)
print(m.tensor_split(2, dim=1), m.tensor_split([1], dim=-1)[1].stride())
p = x.tensor_split(2)[1]
p[0] = 50
print(x)
print(m.take(torch.tensor([0, 5, 11])), torch.take(m, torch.tensor([[1, -1]])), m.t().take(torch.tensor([1])))
w = torch.tensor([1., 2., 3.], requires_grad=True)
print(type(w.take(torch.tensor([0])).grad_fn).__name__, type(w.tensor_split(2)[0].grad_fn).__name__)
check(lambda: x.tensor_split(0))
check(lambda: torch.tensor(1).tensor_split(1))
check(lambda: m.take(torch.tensor([12])))
check(lambda: m.take(torch.tensor([-13])))
