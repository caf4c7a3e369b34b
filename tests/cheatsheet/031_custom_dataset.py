# Cheat sheet "Custom Dataset" (glue: seed, x_train/y_train; the batches shown).
import torch  # glue
torch.manual_seed(0)  # glue
from torch.utils.data import DataLoader  # glue: the snippet uses the DataLoader of the section before
from torch.utils.data import Dataset

class CustomDataset(Dataset):
    def __init__(self, data, labels):
        self.data = data
        self.labels = labels

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        return self.data[idx], self.labels[idx]

x_train = torch.randn(70, 2)  # glue: what the snippet assumes
y_train = torch.arange(70)  # glue

dataset = CustomDataset(x_train, y_train)
loader = DataLoader(dataset, batch_size=32)
print(len(dataset), len(loader))  # glue
for batch_x, batch_y in loader:  # glue
    print(batch_x.shape, batch_y.shape, batch_y[:3], batch_x.sum(dim=0))
print(dataset[3])  # glue
