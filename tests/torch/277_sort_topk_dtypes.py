# sort / topk / argsort / unique over float64, float16, int8, uint8 and bool, plus strided (transposed) inputs
import torch

f16 = torch.tensor([2.5, -1., 0.5, 3.], dtype=torch.float16)
print(f16.sort(), torch.tensor([3., 1., 2.], dtype=torch.float64).sort(descending=True))
i8 = torch.tensor([-128, 127, 0, -1], dtype=torch.int8)
print(i8.sort(), i8.argsort(descending=True), torch.tensor([200, 3, 255], dtype=torch.uint8).sort().values)
print(torch.tensor([True, False, False, True]).sort(stable=True), torch.tensor([5, 5, 1], dtype=torch.int16).unique(return_counts=True))
m = torch.tensor([[3, 1], [2, 4], [0, 5]]).t()
print(m.sort(1), m.topk(2, dim=0), m.argsort(0), m.is_contiguous())
