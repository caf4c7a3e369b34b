# einsum with explicit outputs: matmul, batch matmul, transpose, trace-free sums, outer products, bilinear forms
import torch

torch.manual_seed(1)
a = torch.randn(2, 3)
b = torch.randn(3, 4)
c = torch.randn(5, 2, 3)
d = torch.randn(5, 3, 4)
print(torch.einsum('ij,jk->ik', a, b))
print(torch.allclose(torch.einsum('ij,jk->ik', a, b), a @ b), torch.einsum('ij->ji', a).shape, torch.einsum('ij->', a))
print(torch.einsum('bij,bjk->bik', c, d).shape, torch.allclose(torch.einsum('bij,bjk->bik', c, d), c @ d))
print(torch.einsum('i,j->ij', torch.tensor([1., 2.]), torch.tensor([3., 4., 5.])), torch.einsum('ij->j', a), torch.einsum('ij->i', a))
print(torch.einsum('i,i->', torch.tensor([1., 2.]), torch.tensor([3., 4.])), torch.einsum('ij,ij->ij', a, a).shape)
x = torch.randn(4)
W = torch.randn(3, 4, 4)
print(torch.einsum('i,kij,j->k', x, W, x), torch.einsum('ij,kj->ik', a, torch.ones(2, 3)))
print(torch.einsum('ij,jk', [a, b]).shape, torch.einsum('IJ,JK->IK', a, b).shape, torch.einsum(' i j , j k -> i k ', a, b).shape)
print(torch.einsum('ij,jk->ik', torch.tensor([[1, 2]]), torch.tensor([[3], [4]])))
