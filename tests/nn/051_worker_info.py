# get_worker_info() is None outside worker processes, including in __getitem__ with 0 workers.
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info
import torch.utils.data as tud

class Probe(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return torch.tensor([i, 0 if get_worker_info() is None else 1])

print(get_worker_info(), tud.get_worker_info is get_worker_info)
for b in DataLoader(Probe(), batch_size=2):
    print(b.tolist())
