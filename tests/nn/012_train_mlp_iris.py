# The cheat-sheet training and evaluation loops on a real data set (iris, tests/nn/data):
# an MLP with SGD momentum and cross-entropy; per-step losses match PyTorch.
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset


def load_iris(path):
    rows = []
    with open(path) as f:
        header = f.readline()
        for line in f:
            if line.strip():
                rows.append([float(v) for v in line.split(',')])
    data = torch.tensor(rows)
    return data[:, :4], data[:, 4].long(), header.strip().split(',')[2:]


features, labels, names = load_iris('data/iris.csv')
print(features.shape, labels.shape, names, [(labels == c).sum().item() for c in range(3)])
features = (features - features.mean(0)) / features.std(0)

torch.manual_seed(0)
perm = torch.randperm(len(labels))
train_idx, test_idx = perm[:120], perm[120:]
x_train, y_train = features[train_idx], labels[train_idx]
x_test, y_test = features[test_idx], labels[test_idx]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 32)
        self.fc2 = nn.Linear(32, 3)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x


model = Net()
device = 'cpu'
model.to(device)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=16, shuffle=True)
test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=16)

num_epochs = 8
step = 0
model.train()
for epoch in range(num_epochs):
    for inputs, targets in train_loader:
        inputs, targets = inputs.to(device), targets.to(device)

        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        optimizer.step()

        step += 1
        if step <= 50:
            print(f'Loss: {loss.item():.3f}')

model.eval()
correct = 0
with torch.no_grad():
    for inputs, targets in test_loader:
        inputs = inputs.to(device)
        outputs = model(inputs)
        predictions = outputs.argmax(dim=1)
        correct += (predictions == targets).sum().item()
print('steps', step, 'test accuracy', correct / len(y_test))
print(model.fc2.bias)
