# 0-dim tensors: creation, properties, views, indexing rules, conversion, joining errors, printing
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
s = torch.tensor(2.5)
print(s, s.shape, s.dim(), s.numel(), s.stride(), s.item(), s.tolist(), float(s), int(s), s.is_contiguous())
print(s.view(1), s.view(1, 1).shape, s.reshape(()), s.unsqueeze(0), s.expand(3), s.flatten(), s.t(), s.T)
print(s[None], s[...], s[()], s[None, None].shape, s.clone(), s.numpy(), torch.stack([s, s]))
print(s + torch.tensor([1., 2.]), s * 2, (s > 1), s.to(torch.int64), s.new_tensor(3), torch.zeros_like(s))
s2 = torch.tensor(7)
s2.fill_(9)
print(s2, s2.add_(1), torch.tensor(True), torch.tensor(-1, dtype=torch.int8))
check(lambda: s[0])
check(lambda: s[:])
check(lambda: len(s))
check(lambda: iter(s))
check(lambda: torch.cat([s, s]))
check(lambda: s.view(2))
check(lambda: s.squeeze(1))
