# matmul / @ with batched operands: 3-D @ 3-D, 3-D @ 2-D, 1-D @ 3-D, 3-D @ 1-D and broadcasting of batch dims
import torch

a = torch.arange(24.).reshape(2, 3, 4)
b = torch.arange(8.).reshape(4, 2)
print((a @ b).shape, a @ b)
print((a @ torch.ones(4)).shape, a @ torch.ones(4))
print((torch.ones(3) @ a).shape, torch.ones(3) @ a)
c = torch.arange(16.).reshape(2, 4, 2)
print(torch.matmul(a, c))
p = torch.ones(5, 1, 2, 3)
q = torch.ones(4, 3, 6)
print((p @ q).shape, (torch.ones(1, 2, 3) @ torch.ones(7, 3, 2)).shape, (torch.ones(3, 2) @ torch.ones(6, 2, 5)).shape)
print((torch.ones(2, 1, 3, 4) @ torch.ones(3, 4, 2)).shape, (torch.ones(4) @ torch.ones(2, 3, 4, 5)).shape)
print(torch.ones(0, 2, 3) @ torch.ones(3, 4), (torch.ones(2, 2, 3) @ torch.ones(3)).shape)
print(a.transpose(1, 2) @ a[:, :, :2], a.permute(2, 0, 1)[:2] @ torch.ones(3, 1))
