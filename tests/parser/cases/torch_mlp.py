import torch
import torch.nn as nn
import torch.nn.functional as F

class MLP(nn.Module):
    def __init__(self, d_in=784, hidden=128, d_out=10):
        super().__init__()
        self.fc1 = nn.Linear(d_in, hidden)
        self.fc2 = nn.Linear(hidden, d_out)

    def forward(self, x):
        x = F.relu(self.fc1(x.view(-1, 784)))
        return self.fc2(x)

model = MLP().to("cuda" if torch.cuda.is_available() else "cpu")
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for epoch in range(10):
    for i, (x, y) in enumerate(loader):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        if i % 100 == 0:
            print(f"epoch {epoch} step {i}: loss={loss.item():.4f}")
