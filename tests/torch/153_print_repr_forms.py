# Printing: str/repr/format/f-strings of tensors, Size, dtype, device; named tuples; Parameter; grad_fn suffix
import torch
t = torch.tensor([1.5, 2.5])
print(str(t) == repr(t), f'{t}', '{}'.format(t), [t], (t, 1))
print(f'{torch.tensor(2.5)}', format(torch.tensor(2.5), '.2f'), f'{torch.tensor(3):4d}', f'{torch.tensor(0.1):.3e}')
print(repr(torch.Size([2, 3])), repr(torch.float64), repr(torch.device('cpu')), str(torch.device('cpu')))
print({'w': torch.tensor([1])}, [torch.tensor(1.), torch.tensor(2)])
print(torch.max(torch.tensor([[1., 5.], [3., 2.]]), dim=1))
print(torch.sort(torch.tensor([3, 1, 2])))
print(repr(torch.nn.Parameter(torch.tensor([1., 2.]))))
print(torch.nn.Parameter(torch.zeros(2, 2)))
print(torch.tensor([1., 2.], requires_grad=True).exp(), torch.tensor([[1.]], requires_grad=True).t())
g = torch.tensor([3.], requires_grad=True) * 2
print(g.detach(), g.data, g[0])
print(torch.tensor([1, 2]).__repr__(), torch.tensor(1.).__str__())
