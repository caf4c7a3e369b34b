# The cheat sheet's training loop, evaluation loop and checkpoint round trip, verbatim, on
# the digits: the 64-128-10 MLP with SGD momentum reaches >= 95% held-out accuracy, and a
# model and optimizer restored from the checkpoint continue exactly like the originals.
import os
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset
from gen_digits import Net, digits_split

x_train, y_train, x_test, y_test = digits_split()
torch.manual_seed(1)
model = Net()
device = 'cpu'  # the expected output comes from PyTorch on the CPU
model.to(device)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=32, shuffle=True)
test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=64)
num_epochs = 10
torch.manual_seed(2)

logged = []


def print(text):  # the cheat sheet's loop logs every step: kept here, summarised below
    logged.append(float(text.split()[-1]))


model.train()
for epoch in range(num_epochs):
    for inputs, targets in train_loader:
        inputs, targets = inputs.to(device), targets.to(device)

        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        optimizer.step()

        print(f'Loss: {loss.item():.4f}')

del print
per_epoch = len(train_loader)
first = sum(logged[:per_epoch]) / per_epoch
last = sum(logged[-per_epoch:]) / per_epoch
print('steps logged', len(logged), 'per epoch', per_epoch)
print('first epoch mean loss > 0.5:', first > 0.5, ' last epoch mean loss < 0.1:', last < 0.1)


def accuracy(model):
    correct = 0
    model.eval()
    with torch.no_grad():
        for inputs, targets in test_loader:
            inputs = inputs.to(device)
            outputs = model(inputs)
            predictions = outputs.argmax(dim=1)
            correct += (predictions == targets).sum().item()
    return correct / len(y_test)


acc = accuracy(model)
print('acc >= 0.95:', acc >= 0.95)

# checkpoint round trip (cheat sheet "Save and Load Models") in a scratch folder
home = os.getcwd()
scratch = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'wick-digits-%d' % os.getpid())
os.mkdir(scratch)
os.chdir(scratch)

torch.save(model.state_dict(), 'model.pth')
model.load_state_dict(torch.load('model.pth'))

torch.save({
    'epoch': epoch,
    'model_state_dict': model.state_dict(),
    'optimizer_state_dict': optimizer.state_dict(),
    'loss': loss,
}, 'checkpoint.pth')

checkpoint = torch.load('checkpoint.pth')
model.load_state_dict(checkpoint['model_state_dict'])
optimizer.load_state_dict(checkpoint['optimizer_state_dict'])

print(sorted(os.listdir('.')))
for name in ('model.pth', 'checkpoint.pth'):
    os.remove(name)
os.chdir(home)
os.rmdir(scratch)

print('epoch', checkpoint['epoch'], 'loss equal:', checkpoint['loss'].item() == loss.item())
restored = Net()
restored.load_state_dict(checkpoint['model_state_dict'])
resumed = optim.SGD(restored.parameters(), lr=0.5)
resumed.load_state_dict(checkpoint['optimizer_state_dict'])
print('restored accuracy equal:', accuracy(restored) == acc, resumed.param_groups[0]['lr'],
      len(resumed.state))
restored.train()
model.train()
for m, o in ((model, optimizer), (restored, resumed)):
    o.zero_grad()
    criterion(m(x_train[:64]), y_train[:64]).backward()
    o.step()
print('one more step identical:', [torch.equal(a, b) for a, b in zip(model.parameters(),
                                                                    restored.parameters())])
