# Output layout of elementwise ops and *_like: strides follow the inputs as in TensorIterator.
import torch
a = torch.randn(3, 4).t()
print((a + 1).stride(), (a * a).stride(), a.exp().stride(), (a > 0).stride(), a.float().stride(), a.double().stride())
b = torch.randn(2, 3, 4).permute(2, 0, 1)
print((b + 1).stride(), (b + torch.randn(3)).stride(), torch.zeros_like(b).stride(), b.clone().stride(), torch.empty_like(b).stride())
c = torch.randn(4, 6)[:, ::2]
print((c + 1).stride(), c.clone().stride())
print(torch.where(a > 0, a, 0.).stride(), a.relu().stride(), torch.nn.functional.relu(a).stride())
print((a.contiguous() + a).stride(), (a + a.contiguous()).stride())
print(torch.rand_like(a).stride(), torch.ones_like(a).stride(), a.abs().stride(), (-a).stride(), a.sigmoid().stride())
x = torch.randn(1, 3).expand(4, 3)
print((x + 1).stride(), x.clone().stride(), (x*2).is_contiguous())
