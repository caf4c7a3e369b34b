# 321_index_fast.py — index_select, advanced indexing (one index, several, masks, broadcast), nonzero and index_put_ give PyTorch's values, result strides and first-bad-index errors for every dtype, views, NaN and empty indices.
# regen-sed: s/must be long, byte or bool tensors/must be long, int, byte or bool tensors/
import torch

torch.manual_seed(321)
x = torch.randn(7, 9)
x[2, 3] = float('nan')
idx = torch.randint(0, 5, (11,))
for dt in [torch.float32, torch.float64, torch.float16, torch.int64, torch.int32, torch.int16, torch.uint8, torch.bool]:
    a = (x * 4).to(dt)
    for t in (a, a.t(), a[:, ::2]):
        r = t.index_select(0, idx)
        c = t.index_select(1, idx.flip(0))
        print(dt, str(r.tolist()) == str([t[i].tolist() for i in idx.tolist()]), r.stride(), c.stride(), c.tolist()[1])
        print(t[idx].stride(), t[:, idx[:3]].tolist(), t[idx[:2], idx[2:4]].tolist())
print(x.index_select(0, torch.tensor([], dtype=torch.int64)).shape, x.index_select(1, torch.tensor([1, 1, 0], dtype=torch.int32)).tolist()[0])
y = torch.randn(4, 5, 6)
i2 = torch.tensor([[0, 3], [2, 1]])
for r in (y[:, i2], y[i2], y[:, :, i2], y[i2, :, i2], y[:, i2, i2], y[1, i2], y[..., torch.tensor([5, -1, 0])]):
    print(tuple(r.shape), r.stride(), r.sum().item())
for bad in (lambda: x[torch.tensor([1, 8, 100, -9])], lambda: x[:, torch.tensor([1, -10, 100])], lambda: x[torch.tensor([0, 1]), torch.tensor([9, 3])],
            lambda: x.index_select(0, torch.tensor([1, -1])), lambda: x.index_select(0, torch.tensor([7])), lambda: x[torch.tensor([0.5])]):
    try:
        bad()
    except (IndexError, RuntimeError) as e:
        print(type(e).__name__, e)
m = x > 0
print(x[m].tolist() == [v for v in x.flatten().tolist() if v > 0], x[m].shape, x[m[:, 0]].shape, y[y[:, :, 0] > 0].shape, y[:, :, y[0, 0] > 0].shape)
for dt in [torch.float32, torch.float64, torch.int64, torch.int8, torch.uint8, torch.bool, torch.float16]:
    z = (torch.randn(3, 4, 5) * 2).to(dt)
    print(dt, torch.nonzero(z).tolist()[:6], torch.nonzero(z).shape, z.t() if False else torch.nonzero(z.transpose(0, 2)).shape, z.nonzero(as_tuple=True)[2][:5].tolist())
print(torch.nonzero(torch.tensor([float('nan'), 0.0, -0.0, 1.0])).tolist(), torch.nonzero(torch.tensor(3.0)).shape, torch.nonzero(torch.zeros(0, 3)).shape)
w = torch.zeros(6, 4)
w[torch.tensor([1, 3, 1])] = torch.arange(4.0)
w.index_put_((torch.tensor([0, 0, 5]), torch.tensor([1, 1, 2])), torch.tensor([1.0, 2.0, 3.0]), accumulate=True)
w[w > 2] = -1.0
print(w.tolist())
g = torch.randn(5, 6, requires_grad=True)
out = g[torch.tensor([4, 0, 4])] * torch.arange(6.0)
out.sum().backward()
print(out.grad_fn.next_functions[0][0].name(), g.grad.tolist())
