# Cheat sheet "Save and Load Models" (glue: seed, model/optimizer/epoch/loss, a scratch directory for the files).
from cs_glue import show
import os  # glue
import torch  # glue
import torch.nn as nn  # glue
torch.manual_seed(0)  # glue

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))  # glue: what the snippet assumes
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)  # glue
epoch = 7  # glue
loss = model(torch.randn(5, 3)).pow(2).mean()  # glue
loss.backward()  # glue
optimizer.step()  # glue
home = os.getcwd()  # glue: write the files in a scratch directory, removed at the end
scratch = '/tmp/wick-cheatsheet-%d' % os.getpid()
os.mkdir(scratch)
os.chdir(scratch)

torch.save(model.state_dict(), 'model.pth')
show(model.load_state_dict(torch.load('model.pth')))

torch.save({
    'epoch': epoch,
    'model_state_dict': model.state_dict(),
    'optimizer_state_dict': optimizer.state_dict(),
    'loss': loss,
}, 'checkpoint.pth')

checkpoint = torch.load('checkpoint.pth')
show(model.load_state_dict(checkpoint['model_state_dict']))
show(optimizer.load_state_dict(checkpoint['optimizer_state_dict']))

show(sorted(checkpoint))  # glue: what came back
show(checkpoint['epoch'])
show(checkpoint['loss'])
show(checkpoint['optimizer_state_dict']['param_groups'][0]['lr'])
show(checkpoint['optimizer_state_dict']['state'][0]['exp_avg'])
fresh = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))  # glue: a new model gets the same weights
show(fresh.load_state_dict(torch.load('model.pth')))
show(all(torch.equal(a, b) for a, b in zip(fresh.parameters(), model.parameters())))
for f in ('model.pth', 'checkpoint.pth'):  # glue: clean up
    os.remove(f)
os.chdir(home)
os.rmdir(scratch)
