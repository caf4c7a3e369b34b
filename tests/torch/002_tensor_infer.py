# torch.tensor dtype inference from nested lists, tuples and scalars
import torch
for data in [1, 2.5, True, [1, 2], [1, 2.0], [True, False], [[1, 2], [3, 4]], (1, 2, 3),
             [(1, 2), (3, 4)], [[True], [False]], [1, True], [[1.5, 2], [3, 4]]]:
    t = torch.tensor(data)
    print(t, t.dtype, t.shape)
print(torch.tensor([1, 2], dtype=torch.float64))
print(torch.tensor([1.7, -2.7], dtype=torch.int32))
print(torch.tensor(3.0, dtype=torch.float16))
print(torch.tensor([0.1, 0.2], dtype=torch.bfloat16))
print(torch.tensor([200, 1], dtype=torch.uint8))
print(torch.tensor([0, 3], dtype=torch.bool))
print(torch.tensor([torch.tensor(1.5), torch.tensor(2.5)]))
