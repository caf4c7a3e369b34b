# Embedding: lookup, padding_idx (zero row, no gradient), from_pretrained, functional form.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
emb = nn.Embedding(10, 3, padding_idx=0)
print(emb, emb.weight)
idx = torch.tensor([[0, 2, 0, 5], [4, 3, 9, 0]])
out = emb(idx)
print(out.shape, out[0])
out.sum().backward()
print(emb.weight.grad)
neg = nn.Embedding(5, 2, padding_idx=-1)
print(neg, neg.weight[4])
pre = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(pre, pre.weight.requires_grad, pre(torch.tensor([1, 0, 1])))
w = torch.randn(4, 2, requires_grad=True)
print(F.embedding(torch.tensor([3, 3, 1]), w).detach())
F.embedding(torch.tensor([3, 3, 1]), w, padding_idx=3).sum().backward()
print(w.grad)
print(F.embedding(torch.tensor([1, 2], dtype=torch.int32), w).shape)
print(F.one_hot(torch.tensor([0, 2, 1]), 4), F.one_hot(torch.tensor([[1], [3]])).shape)
big = nn.Embedding(1000, 128)
print(big(torch.tensor([1, 999])).sum().item())
print(F.normalize(torch.tensor([[3.0, 4.0], [0.0, 0.0]])))
