# matmul / @ for 1-D and 2-D operands: dot, matrix-vector, vector-matrix, matrix-matrix, shapes and dtypes
import torch

v = torch.tensor([1., 2., 3.])
w = torch.tensor([4., 5., 6.])
m = torch.arange(6.).reshape(2, 3)
n = torch.arange(12.).reshape(3, 4)
print(v @ w, torch.matmul(v, w), (v @ w).shape, (v @ w).dim())
print(m @ v, (m @ v).shape, v @ n, (v @ n).shape)
print(m @ n, torch.matmul(m, n).shape, m.matmul(n).sum())
print(m.t() @ m, torch.tensor([[2]]) @ torch.tensor([[3]]))
i = torch.arange(6).reshape(2, 3)
print(i @ torch.tensor([1, 0, 2]), (i @ i.t()).dtype, i.double() @ torch.ones(3, dtype=torch.float64))
print(torch.ones(2, 0) @ torch.ones(0, 3), torch.ones(0) @ torch.ones(0), torch.ones(0, 2) @ torch.ones(2))
print(m.t().contiguous().t() @ n, m[:, ::2] @ torch.ones(2, 1), n[::2] @ torch.ones(4))
x = torch.tensor([[1., 2.], [3., 4.]])
x @= torch.eye(2) * 2
print(x)
