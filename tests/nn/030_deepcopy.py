# copy.deepcopy / copy.copy of tensors, parameters and whole modules (storage, requires_grad, grads).
import copy
import torch
import torch.nn as nn

torch.manual_seed(0)
t = torch.arange(6.0).reshape(2, 3).requires_grad_()
(t * 2).sum().backward()
u = copy.deepcopy(t)
print(u, u.requires_grad, u.is_leaf, u.grad)
with torch.no_grad():
    u[0, 0] = 100.0
print(t[0, 0].item(), u[0, 0].item(), u.grad is t.grad)
plain = torch.ones(3)
p2 = copy.deepcopy(plain)
print(p2.requires_grad, p2.add_(1), plain)
s = copy.copy(plain)
s.add_(5)
print(plain)
try:
    copy.deepcopy(t * 2)
except RuntimeError as e:
    print('RuntimeError:', e)

memo = {}
pair = [t, t]
pc = copy.deepcopy(pair, memo)
print(pc[0] is pc[1], pc[0] is t, memo[id(t)] is pc[0])

w = nn.Parameter(torch.randn(2, 2))
w2 = copy.deepcopy(w)
print(type(w2).__name__, w2.requires_grad, torch.equal(w, w2), w2.data_ptr() != w.data_ptr())
frozen = nn.Parameter(torch.zeros(2), requires_grad=False)
print(copy.deepcopy(frozen).requires_grad)

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
clone = copy.deepcopy(model)
print(clone)
print(type(clone).__name__, clone is model, clone[0] is model[0])
x = torch.randn(5, 3)
print(torch.equal(model(x), clone(x)))
with torch.no_grad():
    clone[0].weight.fill_(0.5)
print(model[0].weight[0, 0].item() != 0.5, clone[0].weight[0, 0].item())
print([n for n, _ in clone.named_parameters()])
print(all(p.requires_grad for p in clone.parameters()))
print(type(clone.state_dict()).__name__, list(clone.state_dict().keys()))

bn = nn.BatchNorm1d(3)
bn(torch.randn(4, 3))
bn2 = copy.deepcopy(bn)
print(bn2.running_mean.equal(bn.running_mean), bn2.num_batches_tracked, bn2.training)
bn2.eval()
print(bn.training, bn2.training)

shallow = copy.copy(model)
print(shallow is model, shallow[0] is model[0])
