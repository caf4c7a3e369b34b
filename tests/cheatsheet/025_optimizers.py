# Cheat sheet "Optimizers" (glue: seed, a model and its loss; the optimizer and weights shown after one step).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue
import torch.nn as nn  # glue
import torch.optim as optim

model = nn.Linear(3, 2)  # glue: what the snippet assumes
loss = model(torch.randn(4, 3)).pow(2).mean()  # glue

optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
show(optimizer)  # glue
optimizer = optim.Adam(model.parameters(), lr=0.001)
show(optimizer)  # glue
optimizer = optim.AdamW(model.parameters(), lr=0.001, weight_decay=0.01)
show(optimizer)  # glue
optimizer = optim.RMSprop(model.parameters(), lr=0.01)
show(optimizer)  # glue

optimizer.zero_grad()
loss.backward()
optimizer.step()
show(model.weight)  # glue
show(model.bias)  # glue
