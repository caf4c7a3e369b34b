# gen_digits.py — the digits experiments of tests/nn/02x_digits_*.py; run with real PyTorch it writes their expected per-step losses.
"""The experiments on the digits data set (data/digits.csv.gz) shared by the programs
tests/nn/020_digits_* to 029_digits_*, which import this module.

Run as a script with Debian's CPython and real PyTorch, it trains the same models and
writes the loss after each of the first STEPS optimizer steps to data/digits_<name>.txt
(one float repr per line). The test programs run the same code under wick and compare
every step with compare(): within RTOL relative of PyTorch's, one line per failure and a
summary, so their expected output (made by regen.sh with PyTorch) is tolerance-based.

usage: /usr/bin/python3 tests/nn/gen_digits.py
"""
import os
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 50
RTOL = 1e-4
N_TEST = 360
BATCH = 32


def load_digits():
    """All 1797 images as float32 pixels (N, 64) and int64 labels (N,)."""
    table = torch.from_numpy(np.loadtxt(os.path.join(HERE, 'data', 'digits.csv.gz'),
                                        delimiter=','))
    return table[:, :64].float(), table[:, 64].long()


def digits_split():
    """(x_train, y_train, x_test, y_test): a seeded permutation holds out N_TEST images;
    pixels are standardised with the training set's column statistics."""
    x, y = load_digits()
    torch.manual_seed(0)
    perm = torch.randperm(len(y))
    test, train = perm[:N_TEST], perm[N_TEST:]
    mean, std = x[train].mean(0), x[train].std(0) + 1.0
    x = (x - mean) / std
    return x[train], y[train], x[test], y[test]


class Net(nn.Module):
    """The cheat sheet's Net with the digits' 64 inputs: 64-128-10."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(64, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x


class SmallCNN(nn.Module):
    """The digits as 1x8x8 images: Conv2d -> ReLU -> MaxPool2d -> Linear."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x.view(-1, 1, 8, 8))))
        return self.fc(torch.flatten(x, 1))


def fingerprint(model):
    """An integer that changes with any bit of any parameter (or their order): the sum of
    each float32's bit pattern times its position."""
    total = 0
    for p in model.parameters():
        bits = p.detach().contiguous().view(-1).view(torch.int32).long()
        total += (bits * torch.arange(1, bits.numel() + 1)).sum().item()
    return total


def _step(model, optimizer, criterion, inputs, targets):
    optimizer.zero_grad()
    loss = criterion(model(inputs), targets)
    loss.backward()
    optimizer.step()
    return loss.item()


def mlp_sgd(x_train, y_train, steps=STEPS):
    """The MLP with SGD momentum on batches from a seeded shuffling DataLoader.
    Returns (model, fingerprint of the initial weights, the loss after each step)."""
    torch.manual_seed(1)
    model = Net()
    start = fingerprint(model)
    optimizer = optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(x_train, y_train), batch_size=BATCH, shuffle=True)
    torch.manual_seed(2)
    losses = []
    while len(losses) < steps:
        for inputs, targets in loader:
            losses.append(_step(model, optimizer, criterion, inputs, targets))
            if len(losses) == steps:
                break
    return model, start, losses


def cnn_adam(x_train, y_train, steps=STEPS):
    """The small CNN with Adam on fixed consecutive slices of the training set.
    Returns (model, fingerprint of the initial weights, the loss after each step)."""
    torch.manual_seed(3)
    model = SmallCNN()
    start = fingerprint(model)
    optimizer = optim.Adam(model.parameters(), lr=0.01)
    criterion = nn.CrossEntropyLoss()
    batches = len(y_train) // BATCH
    losses = []
    for step in range(steps):
        lo = (step % batches) * BATCH
        losses.append(_step(model, optimizer, criterion, x_train[lo:lo + BATCH],
                            y_train[lo:lo + BATCH]))
    return model, start, losses


def losses_path(name):
    return os.path.join(HERE, 'data', 'digits_' + name + '.txt')


def read_losses(name):
    with open(losses_path(name)) as f:
        return [float(line) for line in f if line.strip()]


def compare(name, losses, expected, rtol=RTOL):
    """Prints one line per step whose loss is not within rtol (relative) of PyTorch's,
    then a summary line. Returns the number of failures."""
    bad = 0
    if len(losses) != len(expected):
        print(f'{name}: {len(losses)} steps, PyTorch has {len(expected)}')
        bad += 1
    for i, (got, want) in enumerate(zip(losses, expected)):
        if not abs(got - want) <= rtol * abs(want):
            print(f'{name} step {i + 1}: loss {got!r}, PyTorch {want!r}')
            bad += 1
    good = min(len(losses), len(expected)) - bad
    print(f'{name}: {good}/{len(expected)} steps within {rtol} relative of PyTorch')
    return bad


def main():
    torch.set_num_threads(1)
    print('generating with torch', torch.__version__)
    x_train, y_train, _, _ = digits_split()
    for name, run in (('mlp_sgd', mlp_sgd), ('cnn_adam', cnn_adam)):
        _, start, losses = run(x_train, y_train)
        with open(losses_path(name), 'w') as f:
            f.write(''.join(repr(v) + '\n' for v in losses))
        print(f'data/digits_{name}.txt: {len(losses)} losses, first {losses[0]!r}, '
              f'last {losses[-1]!r}, initial weights {start}')


if __name__ == '__main__':
    main()
