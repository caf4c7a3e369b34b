# Default initialisation is bit-exact with PyTorch for a seed (torch-compat §3).
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
lin = nn.Linear(784, 128)
print(lin.weight[0, :4].tolist())
print(lin.bias[:2].tolist())
print('%.4f %.4f' % (lin.weight.sum().item(), lin.bias.sum().item()))

torch.manual_seed(0)
print(nn.Linear(3, 2).weight.tolist())

for seed in (0, 1, 42):
    torch.manual_seed(seed)
    conv = nn.Conv2d(3, 8, 3, padding=1)
    emb = nn.Embedding(10, 4, padding_idx=2)
    emb_big = nn.Embedding(5, 7)
    lstm = nn.LSTM(4, 3, num_layers=2, bidirectional=True)
    gru = nn.GRU(4, 3)
    nobias = nn.Linear(5, 3, bias=False)
    print(seed, conv.weight.flatten()[:5].tolist(), conv.bias.tolist())
    print(emb.weight.tolist())
    print('%.4f' % emb_big.weight.sum().item())
    for name, p in lstm.named_parameters():
        print(name, tuple(p.shape), p.flatten()[:2].tolist())
    for name, p in gru.named_parameters():
        print(name, tuple(p.shape), p.flatten()[:2].tolist())
    print(nobias.weight.flatten().tolist(), nobias.bias)
    print(torch.rand(1).item())

bn = nn.BatchNorm2d(3)
print(bn.weight, bn.bias, bn.running_mean, bn.running_var, bn.num_batches_tracked)
ln = nn.LayerNorm((2, 3))
print(ln.weight, ln.bias)

# nn.init functions
torch.manual_seed(3)
w = torch.empty(4, 6)
nn.init.xavier_uniform_(w)
print(w.tolist())
nn.init.xavier_normal_(w, gain=nn.init.calculate_gain('tanh'))
print(w.tolist())
nn.init.kaiming_uniform_(w, mode='fan_out', nonlinearity='relu')
print(w.tolist())
nn.init.kaiming_normal_(w)
print(w.tolist())
nn.init.uniform_(w, -2, 2)
print(w.tolist())
nn.init.normal_(w, 1.0, 0.5)
print(w.tolist())
nn.init.ones_(w)
print(w.sum().item())
t = torch.empty(2, 3, 4, 4)
print(nn.init._calculate_fan_in_and_fan_out(t))
for nl in ('linear', 'conv2d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'):
    print(nl, nn.init.calculate_gain(nl))
print(nn.init.calculate_gain('leaky_relu', math.sqrt(5)))
try:
    nn.init.xavier_uniform_(torch.empty(3))
except ValueError as e:
    print('ValueError:', e)
