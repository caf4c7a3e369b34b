# LSTM / GRU / RNN: layers, directions, batch_first, initial states, unbatched, gradients.
import torch
import torch.nn as nn


def show(tag, t):
    print(tag, tuple(t.shape), '%.4f' % t.sum().item(), t.flatten()[:4])


torch.manual_seed(0)
configs = [dict(), dict(num_layers=2), dict(bidirectional=True),
           dict(num_layers=2, bidirectional=True, batch_first=True), dict(bias=False),
           dict(num_layers=3, dropout=0.5)]
for cls in (nn.LSTM, nn.GRU, nn.RNN):
    for cfg in configs:
        rnn = cls(5, 4, **cfg)
        print(rnn)
        x = torch.randn(3, 6, 5) if cfg.get('batch_first') else torch.randn(6, 3, 5)
        if cls is nn.LSTM:
            out, (h, c) = rnn(x)
            show('out', out)
            show('h', h)
            show('c', c)
        else:
            out, h = rnn(x)
            show('out', out)
            show('h', h)
        rnn.eval()
        with torch.no_grad():
            show('eval', rnn(x)[0])

rnn = nn.RNN(5, 4, nonlinearity='relu', num_layers=2)
print(rnn)
show('relu', rnn(torch.randn(4, 2, 5))[0])

# initial states and unbatched input
lstm = nn.LSTM(input_size=10, hidden_size=20, num_layers=2)
x = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
c0 = torch.randn(2, 3, 20)
out, (hn, cn) = lstm(x, (h0, c0))
show('lstm-h0', out)
show('lstm-hn', hn)
out1, (h1, c1) = lstm(x[:, 0], (h0[:, 0], c0[:, 0]))
print(out1.shape, h1.shape, c1.shape, torch.allclose(out1, out[:, 0], atol=1e-6))
gru = nn.GRU(10, 20, batch_first=True, bidirectional=True)
out, hn = gru(x, torch.randn(2, 5, 20))
show('gru-h0', out)
out, hn = gru(x[0])
print(out.shape, hn.shape)

# projections
proj = nn.LSTM(6, 5, proj_size=3, num_layers=2)
print(proj, [(n, tuple(p.shape)) for n, p in proj.named_parameters()])
out, (h, c) = proj(torch.randn(4, 2, 6))
show('proj-out', out)
print(h.shape, c.shape)

# gradients
torch.manual_seed(3)
lstm = nn.LSTM(3, 4, num_layers=2, bidirectional=True)
x = torch.randn(7, 2, 3, requires_grad=True)
out, (h, c) = lstm(x)
(out.pow(2).sum() + h.sum() + c.sum()).backward()
print(x.grad[0])
for name, p in lstm.named_parameters():
    print(name, '%.5f' % p.grad.sum().item())
print(lstm.all_weights[0][0].shape, len(lstm.all_weights))
