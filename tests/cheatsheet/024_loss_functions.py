# Cheat sheet "Loss Functions" (glue: seed, a model with inputs/targets; every loss evaluated once).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue
import torch.nn as nn

mse_loss = nn.MSELoss()
cross_entropy = nn.CrossEntropyLoss()
bce_loss = nn.BCELoss()
bce_with_logits = nn.BCEWithLogitsLoss()
l1_loss = nn.L1Loss()
nll_loss = nn.NLLLoss()

model = nn.Linear(8, 4)  # glue: what the snippet assumes
inputs = torch.randn(5, 8)  # glue
targets = torch.tensor([0, 3, 1, 1, 2])  # glue

outputs = model(inputs)
loss = cross_entropy(outputs, targets)
show(loss)

p = torch.rand(5, 4)  # glue: the other losses on the same outputs
t = torch.rand(5, 4)
show(mse_loss(outputs, t))
show(bce_loss(p, t))
show(bce_with_logits(outputs, t))
show(l1_loss(outputs, t))
show(nll_loss(torch.log_softmax(outputs, dim=1), targets))
