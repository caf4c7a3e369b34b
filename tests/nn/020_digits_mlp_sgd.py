# Same-seed parity on the digits (data/digits.csv.gz): the 64-128-10 MLP with SGD momentum
# and a shuffling DataLoader; initial weights bit-identical to PyTorch's, and the loss after
# each of the first 50 steps within 1e-4 relative of real PyTorch's (data/digits_mlp_sgd.txt,
# written by gen_digits.py).
import torch
import gen_digits as D

x_train, y_train, x_test, y_test = D.digits_split()
print(x_train.shape, x_test.shape, x_train.dtype, y_train.dtype)
print('test labels per class', [(y_test == c).sum().item() for c in range(10)])
model, start, losses = D.mlp_sgd(x_train, y_train)
print(model)
print('initial weights fingerprint', start)
D.compare('mlp sgd', losses, D.read_losses('mlp_sgd'))
print('loss fell below half its start:', losses[-1] < losses[0] / 2)
