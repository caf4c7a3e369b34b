# 323_unique_sorted.py — torch.unique (sorted, with inverse and counts) gives PyTorch's values, inverse and counts for every dtype, wide and narrow integer ranges, int64 beyond 2**53, -0.0, views and empty tensors.
import torch

torch.manual_seed(323)
cases = [torch.randint(0, 10, (5, 7)), torch.randint(-2**40, 2**40, (50,)), torch.tensor([2**53 + 1, 2**53, 5, 2**53 + 1, -2**63]),
         torch.tensor([3.0, -0.0, 0.0, 1.0, 3.0, -1.0, float('inf'), -float('inf')]), torch.zeros(0), torch.tensor(4), torch.randint(0, 2, (9,)).bool(),
         torch.randn(4, 6).round().t(), torch.randint(0, 3, (10,)).to(torch.uint8), torch.randint(-5, 5, (3, 4)).to(torch.int8),
         torch.randint(-300, 300, (40,)).to(torch.int16), torch.randint(0, 7, (6, 5)).to(torch.int32)[:, ::2], torch.randn(30).double().round(),
         torch.randint(0, 4, (12,)).half(), torch.randint(0, 100000, (70000,))]
for x in cases:
    try:
        u, inv, cnt = torch.unique(x, return_inverse=True, return_counts=True)
    except RuntimeError as e:
        print(type(e).__name__, e)
        continue
    print(x.dtype, u.tolist()[:20], u.shape, inv.shape, inv.flatten().tolist()[:20], cnt.tolist()[:20], int(cnt.sum()))
    print(torch.equal(u[inv], x), x.unique().dtype, x.unique(return_counts=True)[1].dtype)
