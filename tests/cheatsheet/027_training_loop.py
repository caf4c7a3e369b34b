# Cheat sheet "Training Loop" (glue: seed, model, data, loader, device, optimizer, criterion).
import torch  # glue
import torch.nn as nn  # glue
from torch.utils.data import DataLoader, TensorDataset  # glue
torch.manual_seed(0)  # glue

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))  # glue: what the snippet assumes
num_epochs = 2  # glue
x_train = torch.randn(24, 4)  # glue
y_train = (x_train[:, 0] > 0).long() + (x_train[:, 1] > 0).long()  # glue
train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=8, shuffle=True)  # glue
device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')  # glue
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # glue
criterion = nn.CrossEntropyLoss()  # glue

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
