# Common mistakes raise PyTorch's exception types and messages (torch-compat §5).
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


def attempt(tag, fn):
    try:
        fn()
        print(tag, 'no error')
    except Exception as e:
        print(tag, type(e).__name__ + ':', e)


torch.manual_seed(0)
lin = nn.Linear(3, 2)
conv = nn.Conv2d(3, 8, 3)
emb = nn.Embedding(5, 2)
attempt('linear', lambda: lin(torch.randn(4, 5)))
attempt('linear-3d', lambda: lin(torch.randn(2, 4, 5)))
attempt('conv-channels', lambda: conv(torch.randn(1, 1, 8, 8)))
attempt('conv-2d-input', lambda: conv(torch.randn(3, 8)))
attempt('conv-too-small', lambda: conv(torch.randn(1, 3, 2, 2)))
attempt('conv-same-stride', lambda: nn.Conv2d(3, 8, 3, stride=2, padding='same'))
attempt('conv-groups', lambda: nn.Conv2d(3, 8, 3, groups=2))
attempt('emb-float', lambda: emb(torch.tensor([1.0, 2.0])))
attempt('emb-range', lambda: emb(torch.tensor([1, 7])))
attempt('ce-float-target', lambda: F.cross_entropy(torch.randn(3, 4), torch.tensor([1.0, 2.0, 0.0])))
attempt('ce-int-target', lambda: nn.CrossEntropyLoss()(torch.randn(3, 4),
                                                      torch.tensor([1, 2, 0], dtype=torch.int32)))
attempt('ce-oob', lambda: nn.CrossEntropyLoss()(torch.randn(3, 4), torch.tensor([1, 7, 0])))
attempt('nll-oob', lambda: F.nll_loss(torch.randn(3, 4), torch.tensor([1, -2, 0])))
attempt('nll-2d-float-target', lambda: F.nll_loss(torch.randn(3, 4), torch.zeros(3, 4)))
attempt('ce-prob-long-target', lambda: F.cross_entropy(torch.randn(3, 4), torch.zeros(3, 4, dtype=torch.long)))
attempt('ce-batch', lambda: F.cross_entropy(torch.randn(3, 4), torch.tensor([1, 2])))
attempt('ce-reduction', lambda: F.cross_entropy(torch.randn(3, 4), torch.tensor([1, 2, 0]),
                                                reduction='avg'))
attempt('mse-reduction', lambda: nn.MSELoss(reduction='bogus')(torch.ones(2), torch.ones(2)))
attempt('bce-size', lambda: F.binary_cross_entropy(torch.rand(3, 1), torch.rand(3)))
attempt('bce-range', lambda: F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0])))
attempt('bcel-size', lambda: F.binary_cross_entropy_with_logits(torch.rand(3, 1), torch.rand(3)))
attempt('bn2d-dims', lambda: nn.BatchNorm2d(3)(torch.randn(2, 3, 4)))
attempt('bn1d-dims', lambda: nn.BatchNorm1d(3)(torch.randn(2, 3, 4, 4)))
attempt('bn-one-value', lambda: nn.BatchNorm1d(3)(torch.randn(1, 3)))
attempt('ln-shape', lambda: nn.LayerNorm(10)(torch.randn(3, 5)))
attempt('dropout-p', lambda: nn.Dropout(1.5))
attempt('F.dropout-p', lambda: F.dropout(torch.ones(2), -0.1))
attempt('lstm-input', lambda: nn.LSTM(10, 20)(torch.randn(5, 3, 4)))
attempt('lstm-hidden', lambda: nn.LSTM(10, 20, num_layers=2)(
    torch.randn(5, 3, 10), (torch.zeros(1, 3, 20), torch.zeros(2, 3, 20))))
attempt('gru-hidden', lambda: nn.GRU(10, 20)(torch.randn(5, 3, 10), torch.zeros(1, 2, 20)))
attempt('rnn-dropout', lambda: nn.LSTM(10, 20, dropout=2))
attempt('forward-missing', lambda: nn.Module()(torch.ones(1)))
attempt('modulelist-call', lambda: nn.ModuleList([nn.ReLU()])(torch.ones(1)))
attempt('seq-index', lambda: nn.Sequential(nn.ReLU())[3])
attempt('attr', lambda: lin.nothing)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)
        self.head = nn.Linear(2, 1)


def set_param_bad():
    lin.weight = torch.zeros(2, 3)


def add_bad_module():
    Net().add_module('x', 5)


def register_dot():
    lin.register_buffer('a.b', torch.zeros(1))


def register_existing():
    lin.register_parameter('in_features', nn.Parameter(torch.zeros(1)))


def assign_before_init():
    class Bad(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)
            super().__init__()
    Bad()


def nonleaf_param():
    lin.register_parameter('w2', lin.weight * 2)


attempt('set-param', set_param_bad)
attempt('add-module', add_bad_module)
attempt('register-dot', register_dot)
attempt('register-existing', register_existing)
attempt('before-init', assign_before_init)
attempt('nonleaf-param', nonleaf_param)

net = Net()
sd = net.state_dict()
del sd['head.bias']
attempt('missing', lambda: Net().load_state_dict(sd))
sd = net.state_dict()
sd['extra'] = torch.zeros(1)
sd['fc.extra'] = torch.zeros(1)
attempt('unexpected', lambda: Net().load_state_dict(sd))
sd = net.state_dict()
sd['fc.weight'] = torch.zeros(2, 4)
del sd['fc.bias']
sd['x.y'] = torch.zeros(1)
attempt('size+missing+unexpected', lambda: Net().load_state_dict(sd))
sd = nn.Linear(3, 2).state_dict()
del sd['bias']
attempt('linear-missing', lambda: nn.Linear(3, 2).load_state_dict(sd))
sd = {'weight': torch.zeros(2, 4), 'bias': torch.zeros(2)}
attempt('linear-size', lambda: nn.Linear(3, 2).load_state_dict(sd))
attempt('not-tensor', lambda: nn.Linear(3, 2).load_state_dict({'weight': 1, 'bias': torch.zeros(2)}))

attempt('optim-empty', lambda: optim.SGD([], lr=0.1))
attempt('optim-tensor', lambda: optim.SGD(torch.zeros(2, requires_grad=True), lr=0.1))
attempt('optim-lr', lambda: optim.SGD(lin.parameters(), lr=-1))
attempt('optim-no-lr', lambda: optim.SGD(lin.parameters()))
attempt('optim-momentum', lambda: optim.SGD(lin.parameters(), lr=0.1, momentum=-1))
attempt('optim-nesterov', lambda: optim.SGD(lin.parameters(), lr=0.1, nesterov=True))
attempt('adam-beta', lambda: optim.Adam(lin.parameters(), betas=(1.0, 0.9)))
attempt('adam-eps', lambda: optim.Adam(lin.parameters(), eps=-1))
attempt('rmsprop-alpha', lambda: optim.RMSprop(lin.parameters(), alpha=-1))
attempt('optim-dup', lambda: optim.SGD([{'params': lin.parameters()},
                                        {'params': [lin.bias]}], lr=0.1))
attempt('optim-set', lambda: optim.SGD({lin.bias}, lr=0.1))
attempt('optim-nonleaf', lambda: optim.SGD([lin.weight * 2], lr=0.1))
attempt('optim-load-groups', lambda: optim.SGD(lin.parameters(), lr=0.1).load_state_dict(
    {'state': {}, 'param_groups': []}))
attempt('sched-type', lambda: optim.lr_scheduler.StepLR(lin, 3))
attempt('plateau-factor', lambda: optim.lr_scheduler.ReduceLROnPlateau(
    optim.SGD(lin.parameters(), lr=0.1), factor=2))
attempt('plateau-mode', lambda: optim.lr_scheduler.ReduceLROnPlateau(
    optim.SGD(lin.parameters(), lr=0.1), mode='up'))
