# Learning-rate schedulers (cheat sheet "Learning Rate Scheduler").
import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR, ReduceLROnPlateau

torch.manual_seed(0)
model = nn.Linear(2, 1)


def fresh(lr=0.1, **kw):
    return optim.SGD(model.parameters(), lr=lr, **kw)


def trace(name, make, epochs=12):
    opt = fresh()
    sched = make(opt)
    lrs = []
    for _ in range(epochs):
        opt.step()
        sched.step()
        lrs.append(round(sched.get_last_lr()[0], 10))
    print(name, lrs)
    return sched


s = trace('step', lambda o: StepLR(o, step_size=3, gamma=0.5))
print(s.state_dict())
s = trace('multistep', lambda o: optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5, 5, 9],
                                                                gamma=0.1))
print(s.state_dict())
trace('exponential', lambda o: optim.lr_scheduler.ExponentialLR(o, gamma=0.9))
s = trace('cosine', lambda o: optim.lr_scheduler.CosineAnnealingLR(o, T_max=5, eta_min=0.01),
          epochs=16)
print(sorted(s.state_dict().keys()))
trace('lambda', lambda o: optim.lr_scheduler.LambdaLR(o, lambda epoch: 0.95 ** epoch))
s = trace('lambda-list', lambda o: optim.lr_scheduler.LambdaLR(o, [lambda e: 1.0 / (e + 1)]))
print(s.state_dict())

# two groups, each with its own lr
opt = optim.SGD([{'params': [model.weight]}, {'params': [model.bias], 'lr': 1.0}], lr=0.1)
sched = StepLR(opt, step_size=2, gamma=0.1)
for epoch in range(5):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr(), [g['initial_lr'] for g in opt.param_groups])

# closed form when an epoch is passed explicitly
opt = fresh()
sched = StepLR(opt, step_size=3, gamma=0.5)
opt.step()
sched.step(7)
print('explicit', opt.param_groups[0]['lr'], sched.last_epoch)

# state_dict round trip
opt = fresh()
sched = StepLR(opt, step_size=2)
for _ in range(3):
    opt.step()
    sched.step()
opt2 = fresh()
sched2 = StepLR(opt2, step_size=5)
sched2.load_state_dict(sched.state_dict())
print(sched2.step_size, sched2.last_epoch, sched2.get_last_lr())

# ReduceLROnPlateau
for kw in (dict(mode='min', patience=2), dict(mode='max', factor=0.5, patience=1, cooldown=2),
           dict(mode='min', patience=0, threshold=0.1, threshold_mode='abs', min_lr=0.02),
           dict(mode='min', patience=1, threshold=0.05)):
    opt = fresh()
    scheduler = ReduceLROnPlateau(opt, **kw)
    lrs = []
    for val_loss in [1.0, 0.9, 0.95, 0.95, 0.96, 0.8, 0.85, 0.85, 0.85, 0.86, 0.99, 0.7]:
        opt.step()
        scheduler.step(torch.tensor(val_loss) if kw['mode'] == 'max' else val_loss)
        lrs.append(round(opt.param_groups[0]['lr'], 10))
    print('plateau', kw, lrs)
    state = scheduler.state_dict()
    print(sorted(state.keys()), state['best'], state['num_bad_epochs'], state['last_epoch'])

opt = fresh()
scheduler = ReduceLROnPlateau(opt, mode='min', patience=0, verbose=True)
for v in (3.0, 3.0, 3.0):
    scheduler.step(v)
opt = fresh()
sched = StepLR(opt, step_size=1, gamma=0.5, verbose=True)
opt.step()
sched.step()
