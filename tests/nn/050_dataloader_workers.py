# DataLoader(num_workers=N): same batches, order and random streams as 0 workers (and as PyTorch's worker processes).
import torch
from torch.utils.data import TensorDataset, DataLoader, BatchSampler, SequentialSampler

torch.manual_seed(0)
N = 50
x = torch.randn(N, 3, 4)
y = torch.arange(N) * 7 % 13
w = torch.randn(4, N, 2).permute(1, 2, 0)        # rows that are not contiguous
flags = (torch.arange(N) % 3 == 0)
small = torch.arange(N, dtype=torch.uint8).view(N, 1)
dbl = torch.linspace(-1, 1, N, dtype=torch.float64)
empty_rows = torch.zeros(N, 0)
ds = TensorDataset(x, y, w, flags, small, dbl, empty_rows, torch.arange(N))


def digest(batch):
    parts = []
    for t in batch:
        parts.append('{}{}{}'.format(str(t.dtype)[6:], list(t.shape), 'c' if t.is_contiguous() else 'nc'))
    return ' '.join(parts)


def reference(b_idx):
    return [torch.stack([t[i] for i in b_idx]) for t in ds.tensors]


def same(batch, ref):
    return len(batch) == len(ref) and all(a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
                                          for a, b in zip(batch, ref))


def epoch_report(name, loader):
    batches = list(loader)
    print(name, 'len', len(loader), 'batches', len(batches), digest(batches[0]))
    print('  rows:', [b[-1].tolist() for b in batches])
    print('  y:', [b[1].tolist() for b in batches])
    print('  x sums:', [round(b[0].sum().item(), 4) for b in batches])
    return batches


print('== shuffled, seeded generator, every worker count agrees')
results = {}
for nw in (0, 2, 3):
    for drop_last in (False, True):
        g = torch.Generator()
        g.manual_seed(1234)
        torch.manual_seed(7)
        dl = DataLoader(ds, batch_size=8, shuffle=True, generator=g, num_workers=nw, drop_last=drop_last)
        batches = epoch_report('nw={} drop_last={}'.format(nw, drop_last), dl)
        ok = all(same(b, reference(b[-1].tolist())) for b in batches)
        results[(nw, drop_last)] = batches
        print('  equals stack of rows:', ok, 'rng after:', torch.rand(2).tolist())
for drop_last in (False, True):
    base = results[(0, drop_last)]
    for nw in (2, 3):
        other = results[(nw, drop_last)]
        print('nw={} drop_last={} same as nw=0:'.format(nw, drop_last),
              len(base) == len(other) and all(same(a, b) for a, b in zip(base, other)))

print('== sequential order, two epochs, batch_size 1 and 64')
for nw in (0, 2):
    dl = DataLoader(ds, batch_size=1, num_workers=nw)
    first = [b[1].item() for b in dl]
    second = [b[1].item() for b in dl]
    print(nw, len(dl), first == second, first[:10], digest(next(iter(dl))))
    big = list(DataLoader(ds, batch_size=64, num_workers=nw))
    print(nw, len(big), digest(big[0]), same(big[0], reference(list(range(N)))))

print('== two epochs with the global generator')
for nw in (0, 2, 3):
    torch.manual_seed(11)
    dl = DataLoader(TensorDataset(y), batch_size=16, shuffle=True, num_workers=nw)
    e1 = [b[0].tolist() for b in dl]
    e2 = [b[0].tolist() for b in dl]
    print(nw, e1, e2 != e1, torch.rand(1).tolist())

print('== breaking out early, then a full epoch')
for nw in (0, 2, 3):
    torch.manual_seed(5)
    g = torch.Generator()
    g.manual_seed(99)
    dl = DataLoader(ds, batch_size=5, shuffle=True, generator=g, num_workers=nw)
    seen = []
    for i, (a, b, *rest) in enumerate(dl):
        seen.append(b.tolist())
        if i == 2:
            break
    full = [b[1].tolist() for b in dl]
    print(nw, seen, len(full), full[0], torch.rand(1).tolist())

print('== an exception in the loop body, then a fresh epoch')
for nw in (0, 2):
    torch.manual_seed(3)
    dl = DataLoader(ds, batch_size=9, shuffle=True, num_workers=nw)
    try:
        for i, batch in enumerate(dl):
            if i == 1:
                raise KeyError('stop')
    except KeyError as e:
        print(nw, 'caught', repr(e))
    print(nw, [b[1].tolist()[:3] for b in dl], torch.rand(1).tolist())

print('== manual next(), exhaustion, len(iter)')
for nw in (0, 2):
    dl = DataLoader(TensorDataset(y[:7]), batch_size=3, num_workers=nw)
    it = iter(dl)
    print(nw, len(dl), next(it)[0].tolist(), next(it)[0].tolist(), next(it)[0].tolist())
    for k in range(2):
        try:
            next(it)
        except StopIteration:
            print(nw, 'StopIteration', k)

print('== prefetch_factor, persistent_workers, timeout')
for pf in (1, 2, 4):
    torch.manual_seed(21)
    dl = DataLoader(ds, batch_size=6, shuffle=True, num_workers=2, prefetch_factor=pf, timeout=30)
    print(pf, [b[1].tolist()[:2] for b in dl], torch.rand(1).tolist())
for persistent in (False, True):
    torch.manual_seed(8)
    dl = DataLoader(ds, batch_size=12, shuffle=True, num_workers=2, persistent_workers=persistent)
    e1 = [b[1].tolist() for b in dl]
    e2 = [b[1].tolist() for b in dl]
    print('persistent', persistent, e1[0], e2[0], torch.rand(1).tolist())

print('== a custom batch_sampler: negative and out-of-range indices')
class Batches:
    def __init__(self, batches):
        self.batches = batches

    def __iter__(self):
        return iter(self.batches)

    def __len__(self):
        return len(self.batches)

for nw in (0, 2):
    dl = DataLoader(ds, batch_sampler=Batches([[0, -1], [3, 4, 5], [-50, 49], [2, 1]]), num_workers=nw)
    out = list(dl)
    print(nw, [b[1].tolist() for b in out], same(out[0], reference([0, N - 1])))
    dl = DataLoader(ds, batch_sampler=Batches([[1, 2], [0, N], [4]]), num_workers=nw)
    got = []
    try:
        for b in dl:
            got.append(b[1].tolist())
    except IndexError:
        print(nw, 'IndexError after', got)

print('== other datasets and collate functions still load (in the calling thread)')
class Squares:
    def __len__(self):
        return 10

    def __getitem__(self, i):
        return {'i': i, 'sq': torch.tensor([i * i])}

def pairs(batch):
    return [len(batch), torch.stack([t[1] for t in batch]).sum().item()]

for nw in (0, 2):
    print(nw, [b['sq'].view(-1).tolist() for b in DataLoader(Squares(), batch_size=4, num_workers=nw)])
    print(nw, list(DataLoader(ds, batch_size=20, num_workers=nw, collate_fn=pairs)))
    print(nw, [b[0].tolist() for b in DataLoader(TensorDataset(y), batch_size=None, num_workers=nw)][:5])

print('== when the sampler draws: at iter() with workers, at the first batch without')
for nw in (0, 2):
    for data in (TensorDataset(y), Squares()):
        torch.manual_seed(17)
        dl = DataLoader(data, batch_size=4, shuffle=True, num_workers=nw)
        it = iter(dl)
        between = torch.rand(1).tolist()
        first = next(it)
        first = first[0] if isinstance(first, list) else first['i']
        print(nw, type(data).__name__, between, first.tolist(), len(it))
    torch.manual_seed(17)
    it = iter(DataLoader(Squares(), batch_size=None, shuffle=True, num_workers=nw))
    between = torch.rand(1).tolist()
    print(nw, 'batch_size=None', between, [next(it)['i'] for _ in range(3)], len(it))

print('== views: size-1 dims with huge strides, expanded rows')
base = torch.arange(48.).view(4, 3, 4)
views = TensorDataset(base[:, ::2**62, :], base[:, :, 1::2**62], torch.arange(3.).expand(4, 2, 3))
for nw in (0, 2):
    out = list(DataLoader(views, batch_size=3, num_workers=nw))
    print(nw, [[t.tolist() for t in b] for b in out], digest(out[0]))

print('== errors')
try:
    DataLoader(ds, persistent_workers=True)
except ValueError as e:
    print('ValueError:', e)
try:
    DataLoader(ds, num_workers=-1)
except ValueError as e:
    print('ValueError:', e)
