# The cheat sheet's save/load flow, run in wick and in PyTorch: state_dict and checkpoint dict
# round trips, shared views, and the errors a learner meets.
import os
import torch
import torch.nn as nn

tmp = os.environ.get('TMPDIR', '/tmp')
path = tmp + '/wick_ckpt_model.pth'
torch.manual_seed(0)
model = nn.Linear(3, 2)
torch.save(model.state_dict(), path)
model2 = nn.Linear(3, 2)
print(model2.load_state_dict(torch.load(path)))
print(torch.equal(model.weight, model2.weight), torch.equal(model.bias, model2.bias))

optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
x = torch.randn(4, 3)
loss = model(x).pow(2).mean()
loss.backward()
optimizer.step()
torch.save({'epoch': 3, 'model_state_dict': model.state_dict(),
            'optimizer_state_dict': optimizer.state_dict(), 'loss': loss.item()}, tmp + '/wick_ckpt.pth')
checkpoint = torch.load(tmp + '/wick_ckpt.pth')
model2.load_state_dict(checkpoint['model_state_dict'])
optimizer2 = torch.optim.SGD(model2.parameters(), lr=0.5, momentum=0.5)
optimizer2.load_state_dict(checkpoint['optimizer_state_dict'])
print(checkpoint['epoch'], round(checkpoint['loss'], 6), optimizer2.param_groups[0]['lr'])
print(optimizer2.state_dict()['state'][0]['momentum_buffer'])

base = torch.arange(6.0)
torch.save({'a': base, 'b': base[2:].view(2, 2), 'p': nn.Parameter(torch.ones(2))}, path)
back = torch.load(path)
back['a'][2] = -1.0
print(back['b'], back['b'].storage_offset(), type(back['p']).__name__, back['p'].requires_grad)

with open(path, 'w') as f:
    f.write('not a checkpoint')
try:
    torch.load(path)
except Exception:   # texts differ: PyTorch tries its legacy format on non-zip files
    print('not a checkpoint: load failed')
try:
    torch.load(tmp + '/wick_ckpt_missing.pth')
except FileNotFoundError as e:
    print('FileNotFoundError:', e.strerror)
try:
    torch.load('data/evil_global.pt', weights_only=True)
except Exception as e:
    print(type(e).__name__)
os.remove(path)
os.remove(tmp + '/wick_ckpt.pth')
