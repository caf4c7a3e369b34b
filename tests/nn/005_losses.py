# Loss functions (cheat sheet "Loss Functions"): every reduction, weights, ignore_index,
# label smoothing, class probabilities, pos_weight; values and gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
mse_loss = nn.MSELoss()
cross_entropy = nn.CrossEntropyLoss()
bce_loss = nn.BCELoss()
bce_with_logits = nn.BCEWithLogitsLoss()
l1_loss = nn.L1Loss()
nll_loss = nn.NLLLoss()
print(mse_loss, cross_entropy, bce_loss, bce_with_logits, l1_loss, nll_loss, nn.SmoothL1Loss())


def fmt(t):
    if t.dim() == 0:
        return '%.4f' % t.item()
    return '[' + ', '.join('%.4f' % v for v in t.flatten().tolist()) + ']'


logits = torch.randn(6, 4, requires_grad=True)
target = torch.tensor([0, 3, 1, 1, 2, 0])
probs = torch.softmax(torch.randn(6, 4), 1)
weight = torch.tensor([0.5, 1.0, 2.0, 0.25])
for red in ('mean', 'sum', 'none'):
    print(red, 'ce', fmt(F.cross_entropy(logits, target, reduction=red)))
    print(red, 'ce-w', fmt(F.cross_entropy(logits, target, weight=weight, reduction=red)))
    print(red, 'ce-ign', fmt(F.cross_entropy(logits, target, ignore_index=1, reduction=red)))
    print(red, 'ce-ls', fmt(F.cross_entropy(logits, target, label_smoothing=0.1, reduction=red)))
    print(red, 'ce-ls-w-ign', fmt(F.cross_entropy(logits, target, weight=weight,
                                                  ignore_index=0, label_smoothing=0.2,
                                                  reduction=red)))
    print(red, 'ce-prob', fmt(F.cross_entropy(logits, probs, reduction=red)))
    print(red, 'ce-prob-w-ls', fmt(F.cross_entropy(logits, probs, weight=weight,
                                                   label_smoothing=0.3, reduction=red)))
    logp = F.log_softmax(logits, dim=1)
    print(red, 'nll', fmt(F.nll_loss(logp, target, reduction=red)))
    print(red, 'nll-w-ign', fmt(F.nll_loss(logp, target, weight=weight, ignore_index=3,
                                           reduction=red)))

# K-dimensional and unbatched cross entropy
img_logits = torch.randn(2, 3, 4, 5)
img_target = torch.randint(0, 3, (2, 4, 5))
print('ce-2d', fmt(F.cross_entropy(img_logits, img_target)))
print('ce-2d-none', F.cross_entropy(img_logits, img_target, reduction='none').shape)
print('ce-unbatched', fmt(F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(1))))
print('ce-all-ignored', fmt(F.cross_entropy(logits, torch.full((6,), -100))))

loss = cross_entropy(logits, target)
loss.backward()
print('grad', logits.grad)
logits.grad = None
nn.CrossEntropyLoss(weight=weight, label_smoothing=0.1, ignore_index=2)(logits, target).backward()
print('grad-w-ls', logits.grad)

pred = torch.randn(5, 3, requires_grad=True)
true = torch.randn(5, 3)
for red in ('mean', 'sum', 'none'):
    print(red, 'mse', fmt(F.mse_loss(pred, true, reduction=red)))
    print(red, 'l1', fmt(F.l1_loss(pred, true, reduction=red)))
    print(red, 'smoothl1', fmt(F.smooth_l1_loss(pred, true, reduction=red)))
    print(red, 'smoothl1-b', fmt(F.smooth_l1_loss(pred, true, reduction=red, beta=0.5)))
    print(red, 'huber', fmt(F.huber_loss(pred, true, reduction=red, delta=0.7)))
print('smoothl1-b0', fmt(nn.SmoothL1Loss(beta=0.0)(pred, true)))
(mse_loss(pred, true) + l1_loss(pred, true) + nn.SmoothL1Loss()(pred, true)).backward()
print('grad', pred.grad)

p = torch.sigmoid(torch.randn(4, 3))
p[0, 0] = 0.0
p[1, 1] = 1.0
y = torch.randint(0, 2, (4, 3)).float()
z = torch.randn(4, 3, requires_grad=True)
bw = torch.tensor([1.0, 2.0, 0.5])
pw = torch.tensor([3.0, 0.5, 1.0])
for red in ('mean', 'sum', 'none'):
    print(red, 'bce', fmt(F.binary_cross_entropy(p, y, reduction=red)))
    print(red, 'bce-w', fmt(F.binary_cross_entropy(p, y, weight=bw, reduction=red)))
    print(red, 'bcel', fmt(F.binary_cross_entropy_with_logits(z, y, reduction=red)))
    print(red, 'bcel-pw', fmt(F.binary_cross_entropy_with_logits(z, y, pos_weight=pw,
                                                                 reduction=red)))
    print(red, 'bcel-w-pw', fmt(F.binary_cross_entropy_with_logits(z, y, weight=bw,
                                                                   pos_weight=pw,
                                                                   reduction=red)))
print('bce-big', fmt(F.binary_cross_entropy_with_logits(torch.tensor([100.0, -100.0]),
                                                        torch.tensor([0.0, 1.0]))))
nn.BCEWithLogitsLoss(pos_weight=pw)(z, y).backward()
print('grad', z.grad)
q = torch.sigmoid(torch.randn(4, 3)).requires_grad_()
bce_loss(q, y).backward()
print('grad', q.grad)
