# Cheat sheet "Common Layers" (glue: seed, each layer shown and run once on seeded input).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue
import torch.nn as nn

linear = nn.Linear(10, 5)
conv2d = nn.Conv2d(3, 64, kernel_size=3, padding=1)
maxpool = nn.MaxPool2d(2, 2)
dropout = nn.Dropout(0.5)
batchnorm = nn.BatchNorm2d(64)
relu = nn.ReLU()
sigmoid = nn.Sigmoid()
softmax = nn.Softmax(dim=1)

lstm = nn.LSTM(input_size=10, hidden_size=20, num_layers=2)
gru = nn.GRU(input_size=10, hidden_size=20)
embedding = nn.Embedding(1000, 128)

for layer in (linear, conv2d, maxpool, dropout, batchnorm, relu, sigmoid, softmax, lstm, gru, embedding):  # glue
    show(layer)
v = torch.randn(2, 10)  # glue: run them
show(linear(v))
img = torch.randn(1, 3, 6, 6)  # glue
h = conv2d(img)
show(h.shape)
h = batchnorm(h)
show(h[0, :2])
h = maxpool(relu(h))
show(h.shape)
show(h[0, 0])
show(dropout(v))
show(sigmoid(v[0, :4]))
show(softmax(v[:, :4]))
seq = torch.randn(5, 3, 10)  # glue: (seq, batch, feature)
out, (hn, cn) = lstm(seq)
show((out.shape, hn.shape, cn.shape))
show(out[-1, 0, :5])
out, hn = gru(seq)
show((out.shape, hn.shape))
show(hn[0, 0, :5])
show(embedding(torch.tensor([[1, 999], [0, 5]]))[:, :, :3])
