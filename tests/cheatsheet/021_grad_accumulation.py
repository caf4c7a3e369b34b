# Cheat sheet "Gradient Accumulation" (glue: seed, a small model, data, loader, criterion, optimizer; loss and weights shown).
from cs_glue import show
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
torch.manual_seed(0)  # glue

model = nn.Linear(4, 3)  # glue: what the snippet assumes
criterion = nn.CrossEntropyLoss()  # glue
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # glue
dataloader = DataLoader(TensorDataset(torch.randn(12, 4), torch.randint(0, 3, (12,))), batch_size=2)  # glue
accumulation_steps = 3  # glue

optimizer.zero_grad()
for i, (inputs, targets) in enumerate(dataloader):
    outputs = model(inputs)
    loss = criterion(outputs, targets)
    loss.backward()
    if (i + 1) % accumulation_steps == 0:
        optimizer.step()
        optimizer.zero_grad()
    print(i, f'{loss.item():.4f}')  # glue

show(model.weight)  # glue
show(model.weight.grad is None or not model.weight.grad.any().item())  # glue: cleared by the last zero_grad() (zeros in 1.13, None in 2.x and wick)
