# 348_embedding_bw_bits.py — embedding's weight gradient gives PyTorch 1.13's exact bits: rows accumulated in index order (repeated indices, padding_idx, int32 indices, float64, non-contiguous upstream gradient).
import math
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def fp(t):  # every bit of every element (frexp mantissa and exponent), order-sensitive
    acc = 0
    for v in t.detach().flatten().tolist():
        if v != v or v in (math.inf, -math.inf): acc = (acc * 31 + 7) % 1000000007; continue
        m, e = math.frexp(v)
        acc = (acc * 31 + int(m * 2 ** 53) % 1000003 + e) % 1000000007
    return acc
for dt in (torch.float32, torch.float64):
    for V, D, shape in ((10, 3, (7,)), (1000, 64, (64, 32)), (50, 33, (4, 5, 6))):
        w = torch.randn(V, D, dtype=dt, requires_grad=True)
        idx = torch.randint(0, V, shape)
        for pad in (None, 3, -1):
            out = F.embedding(idx, w, padding_idx=pad)
            out.backward(torch.randn(out.shape, dtype=dt) * 10)
            print(dt, V, D, shape, pad, fp(out), fp(w.grad), out.grad_fn.name())
            w.grad = None
        out = F.embedding(idx.int(), w)
        g = torch.randn(D, *out.shape[:-1], dtype=dt).movedim(0, -1)
        out.backward(g); print('int32 noncontig', fp(w.grad), g.is_contiguous()); w.grad = None
emb = torch.nn.Embedding(20, 4, padding_idx=0)
x = torch.tensor([[0, 2, 2, 19], [2, 0, 5, 2]])
emb(x).pow(2).sum().backward(); print(emb.weight.grad[:6].tolist())
w = torch.randn(5, 3, requires_grad=True)
F.embedding(torch.tensor([1, 1, 1, 4]), w).sum().backward(); print(w.grad.tolist())
try: F.embedding(torch.tensor([5]), w)
except Exception as e: print(type(e).__name__, e)
