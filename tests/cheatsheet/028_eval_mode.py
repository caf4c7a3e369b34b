# Cheat sheet "Evaluation Mode" (glue: seed, a model with dropout and batch norm, a test loader, device).
import torch  # glue
import torch.nn as nn  # glue
from torch.utils.data import DataLoader, TensorDataset  # glue
torch.manual_seed(0)  # glue

model = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.Dropout(0.5), nn.Linear(6, 3))  # glue
model(torch.randn(16, 4))  # glue: one training-mode pass updates the batch-norm statistics
test_loader = DataLoader(TensorDataset(torch.randn(10, 4), torch.zeros(10)), batch_size=4)  # glue
device = torch.device('cpu')  # glue

model.eval()
with torch.no_grad():
    for inputs, targets in test_loader:
        inputs = inputs.to(device)
        outputs = model(inputs)
        predictions = outputs.argmax(dim=1)
        print(predictions, outputs.requires_grad)  # glue
print(model.training, model[2].training)  # glue
print(model[1].running_mean)  # glue
