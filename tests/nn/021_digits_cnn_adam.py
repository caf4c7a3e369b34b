# Same-seed parity on the digits as 1x8x8 images: Conv2d -> ReLU -> MaxPool2d -> Linear
# with Adam on fixed batches; initial weights bit-identical to PyTorch's, and the loss after
# each of the first 50 steps within 1e-4 relative of real PyTorch's (data/digits_cnn_adam.txt,
# written by gen_digits.py).
import torch
import gen_digits as D

x_train, y_train, _, _ = D.digits_split()
model, start, losses = D.cnn_adam(x_train, y_train)
print(model)
print('initial weights fingerprint', start)
D.compare('cnn adam', losses, D.read_losses('cnn_adam'))
print('loss fell below a fifth of its start:', losses[-1] < losses[0] / 5)
