# mm and bmm: values, transposed/strided operands, int dtypes, empty batches, float64
import torch

torch.manual_seed(0)
a = torch.randn(3, 4)
b = torch.randn(4, 2)
print(torch.mm(a, b), a.mm(b).shape)
print(torch.mm(a.t().contiguous().t(), b), torch.mm(b.t(), a.t()))
print(torch.mm(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[5], [6]])), torch.mm(a.double(), b.double()).dtype)
x = torch.randn(2, 3, 4)
y = torch.randn(2, 4, 5)
r = torch.bmm(x, y)
print(r.shape, r)
print(torch.allclose(r[1], x[1] @ y[1]), x.bmm(y.transpose(1, 2).contiguous().transpose(1, 2)).shape)
print(torch.bmm(torch.ones(0, 2, 3), torch.ones(0, 3, 4)).shape, torch.bmm(torch.ones(2, 3, 0), torch.ones(2, 0, 4)))
print(torch.bmm(torch.arange(8).reshape(2, 2, 2), torch.arange(8).reshape(2, 2, 2)))
