# The cheat-sheet snippets as written (Neural Network Module ... Custom Dataset, Random Seed).
import random
import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR, ReduceLROnPlateau
from torch.utils.data import DataLoader, TensorDataset, Dataset

torch.manual_seed(42)
torch.cuda.manual_seed(42)
torch.cuda.manual_seed_all(42)
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False
random.seed(42)
print(random.random())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x


model = Net()
device = 'cuda' if torch.cuda.is_available() else 'cpu'
model.to(device)
print(model)

mse_loss = nn.MSELoss()
cross_entropy = nn.CrossEntropyLoss()
bce_loss = nn.BCELoss()
bce_with_logits = nn.BCEWithLogitsLoss()
l1_loss = nn.L1Loss()
nll_loss = nn.NLLLoss()

x_train = torch.randn(256, 784)
y_train = torch.randint(0, 10, (256,))
inputs, targets = x_train[:32], y_train[:32]
outputs = model(inputs)
loss = cross_entropy(outputs, targets)
print(f'{loss.item():.4f}')

optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
print(optimizer)
optimizer = optim.Adam(model.parameters(), lr=0.001)
optimizer = optim.AdamW(model.parameters(), lr=0.001, weight_decay=0.01)
optimizer = optim.RMSprop(model.parameters(), lr=0.01)
optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

optimizer.zero_grad()
loss.backward()
optimizer.step()

scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
scheduler = ReduceLROnPlateau(optimizer, mode='min', patience=10)

dataset = TensorDataset(x_train, y_train)
train_loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)
test_loader = DataLoader(TensorDataset(x_train[:64], y_train[:64]), batch_size=32)
criterion = cross_entropy
num_epochs = 2


def validate():
    model.eval()
    total = 0.0
    with torch.no_grad():
        for inputs, targets in test_loader:
            total += criterion(model(inputs), targets).item()
    model.train()
    return total / len(test_loader)


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
    val_loss = validate()
    scheduler.step(val_loss)
    print(f'val {val_loss:.4f}', optimizer.param_groups[0]['lr'])

model.eval()
with torch.no_grad():
    for inputs, targets in test_loader:
        inputs = inputs.to(device)
        outputs = model(inputs)
        predictions = outputs.argmax(dim=1)
        print(predictions[:10])

sd = model.state_dict()
model2 = Net()
model2.load_state_dict(sd)
checkpoint = {
    'epoch': num_epochs,
    'model_state_dict': model.state_dict(),
    'optimizer_state_dict': optimizer.state_dict(),
    'loss': loss,
}
optimizer2 = optim.SGD(model2.parameters(), lr=0.5, momentum=0.9)
optimizer2.load_state_dict(checkpoint['optimizer_state_dict'])
print(optimizer2.param_groups[0]['lr'], len(optimizer2.state))

for batch_x, batch_y in DataLoader(dataset, batch_size=100):
    outputs = model(batch_x)
    loss = criterion(outputs, batch_y)
    print(f'{loss.item():.4f}')


class CustomDataset(Dataset):
    def __init__(self, data, labels):
        self.data = data
        self.labels = labels

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        return self.data[idx], self.labels[idx]


dataset = CustomDataset(x_train, y_train)
loader = DataLoader(dataset, batch_size=32)
print(len(loader), sum(bx.shape[0] for bx, _ in loader))
