# float16 and bfloat16: rounding on creation, printing, item(), conversions, promotion with others
import torch
h = torch.tensor([0.1, 1.0 / 3, 1000.5, 65504.0, 1e-8], dtype=torch.float16)
b = torch.tensor([0.1, 1.0 / 3, 1000.5, 3e38, 1e-8], dtype=torch.bfloat16)
print(h, b)
print([v.item() for v in h], [v.item() for v in b])
print(h.float(), b.double(), h.to(torch.bfloat16), b.to(torch.float16))
print(torch.tensor([70000.0]).half(), torch.tensor([1.0009765625, 1.00048828125]).half().tolist())
print((h + b).dtype, (h + 1).dtype, (h + torch.tensor([1.])).dtype, (b * torch.tensor(2.0, dtype=torch.float64)).dtype)
print(h.element_size(), b.element_size(), torch.tensor([2.5], dtype=torch.float16).item(), torch.tensor(7, dtype=torch.bfloat16))
print(torch.arange(5, dtype=torch.float16), torch.linspace(0, 1, 3, dtype=torch.bfloat16), torch.ones(2, 2, dtype=torch.half))
