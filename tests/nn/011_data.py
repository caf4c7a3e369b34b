# torch.utils.data (cheat sheet "DataLoader", "Custom Dataset"): shuffle order for a seed,
# batching, collation, drop_last, len, random_split, Subset.
import torch
from torch.utils.data import DataLoader, TensorDataset, Dataset, Subset, random_split
from torch.utils.data import RandomSampler, SequentialSampler, BatchSampler

torch.manual_seed(0)
ds = TensorDataset(torch.arange(10), torch.arange(10) * 10)
loader = DataLoader(ds, batch_size=4, shuffle=True)
print(len(ds), len(loader))
for epoch in range(2):
    print('epoch', epoch, [batch_x.tolist() for batch_x, _ in loader])
print(torch.rand(1).item())

torch.manual_seed(0)
x_train = torch.randn(100, 3)
y_train = torch.randint(0, 2, (100,))
dataset = TensorDataset(x_train, y_train)
loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)
print(len(loader))
for batch_x, batch_y in loader:
    print(type(batch_x).__name__, batch_x.shape, batch_y.shape, batch_y[:5].tolist())
print(torch.rand(1).item())
loader = DataLoader(dataset, batch_size=32, drop_last=True)
print(len(loader), [b[0].shape[0] for b in loader])
print(torch.rand(1).item())
batch = next(iter(DataLoader(dataset, batch_size=3)))
print(type(batch).__name__, len(batch), batch[0], batch[1])


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
print(len(loader), [tuple(bx.shape) for bx, by in loader])


class DictDataset(Dataset):
    def __len__(self):
        return 5

    def __getitem__(self, i):
        return {'x': torch.tensor([i, i + 1.0]), 'id': i, 'w': i / 2, 'name': 'item%d' % i,
                'pair': (i, torch.tensor(i * 2))}


for b in DataLoader(DictDataset(), batch_size=2):
    print(sorted(b.keys()), b['x'], b['id'], b['w'], b['name'], b['pair'])
for item in DataLoader(DictDataset(), batch_size=None, shuffle=False):
    print(item['id'], end=' ')
print()
numbers = DataLoader([1, 2, 3, 4, 5], batch_size=2)
print([b for b in numbers])
print([b for b in DataLoader([(1.5, True), (2.5, False)], batch_size=2)])
print([b for b in DataLoader([[1, 2], [3, 4], [5, 6]], batch_size=2, collate_fn=lambda b: b)])

torch.manual_seed(42)
train, val = random_split(range(10), [7, 3])
print(list(train), list(val), len(train), len(val), type(train).__name__)
a, b, c = random_split(TensorDataset(torch.arange(9)), [0.5, 0.25, 0.25])
print(len(a), len(b), len(c), [a[i][0].item() for i in range(len(a))])
g = torch.Generator().manual_seed(1)
print([list(s) for s in random_split(range(6), [2, 4], generator=g)])
sub = Subset(ds, [9, 0, 3])
print(len(sub), sub[0], [x.tolist() for x, _ in DataLoader(sub, batch_size=2)])
print(list(SequentialSampler(range(4))), len(RandomSampler(range(7))))
print(list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=False)))
print(list(BatchSampler(range(7), 3, True)))
torch.manual_seed(5)
print(list(RandomSampler(range(6))), list(RandomSampler(range(6), replacement=True,
                                                        num_samples=4)))
gen = torch.Generator()
gen.manual_seed(3)
print([b.tolist() for b in DataLoader(torch.arange(6), batch_size=4, shuffle=True,
                                       generator=gen)])
concat = ds + ds
print(len(concat), concat[12])
