# copy.deepcopy of torch value types (dtype, device, Size), several layer types, optimizer state, strided tensors.
import copy, torch, torch.nn as nn
for obj in [torch.float32, torch.device('cpu'), torch.Size([2, 3]), torch.int64]:
    try:
        c = copy.deepcopy(obj); s = copy.copy(obj)
        print(repr(c), c == obj, repr(s))
    except Exception as e:
        print('ERR', type(e).__name__, e)
models = [nn.Conv2d(1, 2, 3), nn.LSTM(2, 3), nn.Embedding(5, 2), nn.Dropout(0.3), nn.LayerNorm(4), nn.GRU(2, 2)]
for m in models:
    try:
        c = copy.deepcopy(m)
        print(c, sum(p.numel() for p in c.parameters()))
    except Exception as e:
        print('ERR', type(m).__name__, type(e).__name__, e)
opt = torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1, momentum=0.9)
print(copy.deepcopy(opt.state_dict()))
t = torch.zeros(2, dtype=torch.int64)
print(copy.deepcopy(t).dtype, copy.deepcopy(torch.tensor(3.0)))
x = torch.arange(6.).reshape(2, 3).t()
y = copy.deepcopy(x)
print(y, y.stride(), y.is_contiguous())
