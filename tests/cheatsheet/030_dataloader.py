# Cheat sheet "DataLoader" (glue: seed, x_train/y_train, model, criterion; loss shown per batch).
import torch  # glue
import torch.nn as nn  # glue
torch.manual_seed(0)  # glue
from torch.utils.data import DataLoader, TensorDataset

x_train = torch.randn(100, 5)  # glue: what the snippet assumes
y_train = torch.randint(0, 3, (100,))  # glue
model = nn.Linear(5, 3)  # glue
criterion = nn.CrossEntropyLoss()  # glue

dataset = TensorDataset(x_train, y_train)
loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)

for batch_x, batch_y in loader:
    outputs = model(batch_x)
    loss = criterion(outputs, batch_y)
    print(batch_x.shape, batch_y[:6], f'{loss.item():.4f}')  # glue
print(len(loader), len(dataset))  # glue
