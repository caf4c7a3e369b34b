# op_sweep_idx.py — indexing, copies, joins and sorting on 512x512 float32 (index_select, x[idx], masks, gather, index_put_, transposed/permuted copies, cat/stack, sort, topk, unique).
import torch
from benchutil import setup, timeit, checksum

setup()
x = torch.randn(512, 512)
y = torch.randn(512, 512)
v = torch.randn(512)
x3 = torch.randn(64, 64, 64)
idx = torch.randint(0, 512, (256,))
m = x > 0
xi = torch.randint(0, 100, (512, 512))
gi = xi.clamp(0, 511)[:, :8]
ops = [
    ("index_select", lambda: x.index_select(0, idx)),
    ("fancy_idx", lambda: x[idx]),
    ("fancy_idx_dim1", lambda: x[:, idx]),
    ("fancy_idx_pair", lambda: x[idx, idx]),
    ("masked", lambda: x[m]),
    ("masked_fill", lambda: x.masked_fill(m, 0.0)),
    ("nonzero", lambda: m.nonzero()),
    ("gather", lambda: x.gather(1, gi)),
    ("index_put", lambda: x.clone().index_put_((idx,), v)),
    ("index_put_acc", lambda: x.clone().index_put_((idx,), v, accumulate=True)),
    ("transpose_contig", lambda: x.t().contiguous()),
    ("permute3_contig", lambda: x3.permute(2, 0, 1).contiguous()),
    ("cat0", lambda: torch.cat([x, y])),
    ("cat1", lambda: torch.cat([x, y], 1)),
    ("stack", lambda: torch.stack([x, y])),
    ("sort1", lambda: x.sort(1)),
    ("argsort1", lambda: x.argsort(1)),
    ("topk5", lambda: x.topk(5, 1)),
    ("topk100", lambda: x.topk(100, 1)),
    ("unique_int", lambda: xi.unique()),
]
total = 0.0
for name, fn in ops:
    timeit(name, fn, 20)
    r = fn()
    r = r[0] if isinstance(r, tuple) else r
    total += float(r.double().sum().item())
checksum(total / 1e6)
