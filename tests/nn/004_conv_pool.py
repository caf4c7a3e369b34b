# Convolution and pooling variants through torch.nn.functional and the layers.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)
x = torch.randn(2, 4, 9, 7)


def show(tag, t):
    print(tag, tuple(t.shape), round(t.sum().item(), 3), t.flatten()[:6])


with torch.no_grad():
    for kw in (dict(), dict(stride=2), dict(padding=1), dict(padding=(2, 1)),
               dict(padding='same'), dict(padding='valid'), dict(dilation=2),
               dict(stride=(2, 1), padding=1, dilation=(1, 2)), dict(groups=2),
               dict(groups=4, bias=False)):
        groups = kw.get('groups', 1)
        conv = nn.Conv2d(4, 8, 3, **kw)
        print(conv)
        show('conv', conv(x))
    conv = nn.Conv2d(4, 6, (2, 3), stride=(1, 2))
    print(conv)
    show('conv-rect', conv(x))
    show('conv-unbatched', conv(x[0]))
    w = torch.randn(5, 4, 1, 1)
    show('F.conv2d 1x1', F.conv2d(x, w))
    c1 = nn.Conv1d(4, 3, 3, padding=1)
    print(c1)
    show('conv1d', c1(x[:, :, 0, :]))

    for kw in (dict(kernel_size=2), dict(kernel_size=3, stride=2), dict(kernel_size=3, stride=2,
               padding=1), dict(kernel_size=2, ceil_mode=True), dict(kernel_size=3, stride=2,
               dilation=2), dict(kernel_size=(3, 2), stride=(2, 1))):
        mp = nn.MaxPool2d(**kw)
        print(mp)
        show('max', mp(x))
    vals, idx = F.max_pool2d(x, 3, 2, padding=1, return_indices=True)
    show('max-idx', vals)
    print(idx[0, 0])
    vals, idx = nn.MaxPool2d(2, return_indices=True, ceil_mode=True)(x[0])
    print(idx[1])

    for kw in (dict(kernel_size=2), dict(kernel_size=3, stride=2, padding=1),
               dict(kernel_size=3, stride=2, padding=1, count_include_pad=False),
               dict(kernel_size=2, ceil_mode=True), dict(kernel_size=3, stride=2, padding=1,
               ceil_mode=True), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True,
               count_include_pad=False), dict(kernel_size=2, divisor_override=3)):
        ap = nn.AvgPool2d(**kw)
        print(ap)
        show('avg', ap(x))

    for size in (1, (1, 1), 3, (3, 2), (4, None), (9, 7), (5, 4)):
        ad = nn.AdaptiveAvgPool2d(size)
        print(ad)
        show('adaptive', ad(x))
    show('adaptive-max', nn.AdaptiveMaxPool2d((2, 3))(x))
    show('unfold', F.unfold(x, 3, padding=1, stride=2))
    show('pad', F.pad(x, (1, 2, 0, 1), value=0.5))
    show('pad-neg', F.pad(x, (-1, 1)))

# gradients through conv and pooling
torch.manual_seed(8)
conv = nn.Conv2d(2, 3, 3, padding=1, stride=2)
inp = torch.randn(1, 2, 6, 6, requires_grad=True)
out = F.avg_pool2d(F.max_pool2d(torch.relu(conv(inp)), 2, 1), 2, 1, ceil_mode=True)
out.sum().backward()
print(conv.weight.grad.sum(1))
print(conv.bias.grad)
print(inp.grad[0, 1])
