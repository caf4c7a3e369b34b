# Matrix Multiplication (cheat sheet): matmul in all its forms, mm, bmm, mv, dot, outer, einsum
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
torch.manual_seed(0)
x = torch.randn(1, 2, 3, 4)
print(x @ x.transpose(2, 3))
print(torch.einsum('bijk,bikl->bijl', x, x.transpose(2, 3)))
a = torch.arange(6.).reshape(2, 3)
b = torch.arange(12.).reshape(3, 4)
v = torch.tensor([1., 2., 3.])
print(a @ b, torch.mm(a, b), a.mm(b))
print(a @ v, torch.mv(a, v))
print(v @ v, torch.dot(v, v))
print(v @ b)
print(torch.outer(v, v))
print(torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 3, 1)))
print((torch.ones(2, 2, 3) @ torch.ones(3, 2)).shape)
print(torch.einsum('ij,jk->ik', a, b), torch.einsum('ii', torch.eye(3)), torch.einsum('i,j->ij', v, v))
check(lambda: torch.ones(2, 3) @ torch.ones(4, 5))
check(lambda: torch.ones(3) @ torch.ones(4))
check(lambda: torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 4, 1)))
print(torch.triu(torch.ones(3, 3)), torch.tril(torch.ones(3, 3), -1))
