# Bool tensors: creation from values, printing, logical ops vs arithmetic, conversions, promotion, indexing
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
b = torch.tensor([True, False, True])
print(b, b.dtype, b.sum(), b.sum().dtype, b.long(), b.float(), b.int().tolist(), b.tolist())
print(b & torch.tensor([True, True, False]), b | ~b, b ^ b, ~b, b.logical_not(), b.all(), b.any())
print(b + b, (b + 1).dtype, (b * 2.5), b.to(torch.uint8), torch.tensor([2, 0, -1]).bool())
print(torch.ones(2, 2, dtype=torch.bool), torch.zeros(3, dtype=torch.bool), torch.full((2,), False))
print(torch.tensor([1., 2., 3.])[b], b.nonzero(), torch.where(b, 1, 0))
print(torch.tensor([[True, False]]).t(), b.numel(), b.element_size())
check(lambda: b - b)
check(lambda: -b)
check(lambda: b.sum(dtype=torch.bool) if False else b.mean())
