# A small CNN (Conv-BN-ReLU-MaxPool-Linear) trained with Adam on synthetic images:
# per-step losses match PyTorch.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, kernel_size=3, padding=1, bias=False)  # BN follows
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.bn(self.conv(x))))
        x = self.drop(torch.flatten(x, 1))
        return self.fc(x)


torch.manual_seed(0)
model = CNN()
print(model)
optimizer = optim.Adam(model.parameters(), lr=1e-2)
scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
images = torch.randn(64, 3, 8, 8)
labels = (images[:, 0].mean((1, 2)) > 0).long() + 2 * (images[:, 1].mean((1, 2)) > 0).long()
for step in range(30):
    batch = torch.randint(0, 64, (16,))
    optimizer.zero_grad()
    loss = F.cross_entropy(model(images[batch]), labels[batch])
    loss.backward()
    optimizer.step()
    scheduler.step()
    print(step, '%.5f' % loss.item(), scheduler.get_last_lr())
model.eval()
with torch.no_grad():
    acc = (model(images).argmax(1) == labels).float().mean().item()
print('train accuracy %.4f' % acc)
print(model.bn.running_mean, model.bn.num_batches_tracked)
