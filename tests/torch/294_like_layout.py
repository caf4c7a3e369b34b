# 294_like_layout.py — *_like, clone and elementwise results keep a non-overlapping dense input's exact strides (size-1 dims included), as preserve_format and TensorIterator's fast set-up do; random *_like values follow memory order.
import torch

torch.manual_seed(294)
cases = [
    torch.randn(3, 1, 4).permute(2, 1, 0),
    torch.randn(2, 3).t(),
    torch.randn(4, 1).t(),
    torch.randn(2, 1, 3, 1).permute(3, 2, 1, 0),
    torch.randn(5, 4)[:, :2],
    torch.randn(3, 4, 5).transpose(0, 1),
    torch.randn(1, 1).t(),
    torch.randn(2, 3, 4).permute(1, 2, 0)[:, :, :1],
    torch.randn(0, 3).t(),
]
for x in cases:
    print(tuple(x.shape), x.stride(), torch.zeros_like(x).stride(), torch.empty_like(x).stride(),
          torch.randn_like(x).stride(), torch.full_like(x, 2).stride(), x.clone().stride(), (x + 1).stride(),
          torch.neg(x).stride(), (x * x).stride())
torch.manual_seed(7)
a = torch.rand_like(torch.empty(3, 1, 4).permute(2, 1, 0))
torch.manual_seed(7)
b = torch.rand(12)
print(torch.equal(a.permute(2, 1, 0).flatten(), b))
