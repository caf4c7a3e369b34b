# Forward values of the layers (cheat sheet "Common Layers") against PyTorch.
import torch
import torch.nn as nn

torch.manual_seed(0)
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
for m in (linear, conv2d, maxpool, dropout, batchnorm, relu, sigmoid, softmax, lstm, gru,
          embedding):
    print(m)

x = torch.randn(4, 10)
with torch.no_grad():
    print(linear(x))
    print(softmax(linear(x)))
    print(sigmoid(linear(x)))
    print(relu(linear(x)))
    img = torch.randn(2, 3, 8, 8)
    feat = conv2d(img)
    print(feat.shape, feat[0, 0])
    pooled = maxpool(relu(batchnorm(feat)))
    print(pooled.shape, pooled[1, 5])
    out, (h, c) = lstm(torch.randn(5, 3, 10))
    print(out.shape, h.shape, c.shape)
    print(out[-1])
    out, h = gru(torch.randn(5, 3, 10))
    print(out.shape, h.shape, h[0, 0])
    print(embedding(torch.tensor([[1, 2, 4, 5], [4, 3, 2, 999]])).shape)

    v = torch.linspace(-3, 3, 13)
    for act in (nn.ReLU(), nn.LeakyReLU(), nn.LeakyReLU(0.2), nn.GELU(), nn.GELU('tanh'),
                nn.Sigmoid(), nn.Tanh(), nn.ELU(), nn.SiLU(), nn.Softplus(), nn.ReLU6(),
                nn.Hardtanh(), nn.LogSigmoid()):
        print(act, act(v))
    m = torch.randn(2, 3, 4)
    for act in (nn.Softmax(dim=0), nn.Softmax(dim=-1), nn.LogSoftmax(dim=1), nn.Softmin(dim=2)):
        print(act, act(m))
    print(nn.Flatten()(m).shape, nn.Flatten(0, 1)(m).shape, nn.Flatten()(m)[1])
    print(nn.Unflatten(1, (2, 6))(nn.Flatten()(m)).shape)
    print(nn.Unflatten(1, (2, 6)), nn.Flatten())
    print(nn.Identity()(m) is m)
    ln = nn.LayerNorm(4)
    print(ln, ln(m))
    ln2 = nn.LayerNorm([3, 4], elementwise_affine=False)
    print(ln2, ln2(m))
    bn1 = nn.BatchNorm1d(3)
    print(bn1, bn1(torch.randn(5, 3)))
    print(bn1(torch.randn(4, 3, 2)))
    print(bn1.running_mean, bn1.running_var, bn1.num_batches_tracked)
    bn1.eval()
    print(bn1(torch.ones(2, 3)))
