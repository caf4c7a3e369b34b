# Optimizers (cheat sheet "Optimizers"): updates are bit-identical to PyTorch's for the same gradients.
import torch
import torch.nn as nn
import torch.optim as optim


def make():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2))


torch.manual_seed(100)
X = torch.randn(8, 4)
Y = torch.randn(8, 2)


def run(name, build, steps=5):
    # Gradients come from a seeded generator rather than backward(): the forward pass's
    # matrix products sum in BLAS order, which differs in the last bit between
    # implementations, while the optimizer's own arithmetic must match PyTorch exactly.
    model = make()
    opt = build(model)
    g = torch.Generator().manual_seed(7)
    for _ in range(steps):
        opt.zero_grad()
        for p in model.parameters():
            p.grad = torch.randn(p.shape, generator=g)
        opt.step()
    print(name)
    for p in model.parameters():
        print('  ', p.detach().flatten()[:4].tolist())
    return model, opt


run('sgd', lambda m: optim.SGD(m.parameters(), lr=0.1))
run('sgd-momentum', lambda m: optim.SGD(m.parameters(), lr=0.01, momentum=0.9))
run('sgd-nesterov', lambda m: optim.SGD(m.parameters(), lr=0.05, momentum=0.8, nesterov=True,
                                        weight_decay=0.01))
run('sgd-dampening', lambda m: optim.SGD(m.parameters(), lr=0.05, momentum=0.5, dampening=0.3))
run('sgd-maximize', lambda m: optim.SGD(m.parameters(), lr=0.01, maximize=True, momentum=0.1))
run('adam', lambda m: optim.Adam(m.parameters(), lr=0.001))
run('adam-wd-amsgrad', lambda m: optim.Adam(m.parameters(), lr=0.01, weight_decay=0.1,
                                            amsgrad=True, betas=(0.8, 0.99)))
run('adam-maximize', lambda m: optim.Adam(m.parameters(), lr=0.01, maximize=True))
run('adamw', lambda m: optim.AdamW(m.parameters(), lr=0.001, weight_decay=0.01))
run('adamw-amsgrad', lambda m: optim.AdamW(m.parameters(), lr=0.01, amsgrad=True))
run('rmsprop', lambda m: optim.RMSprop(m.parameters(), lr=0.01))
run('rmsprop-centered-momentum', lambda m: optim.RMSprop(m.parameters(), lr=0.01, momentum=0.9,
                                                         centered=True, weight_decay=0.1))
run('rmsprop-alpha', lambda m: optim.RMSprop(m.parameters(), lr=0.001, alpha=0.9, eps=1e-6))

# parameter groups with per-group options
model, opt = run('groups', lambda m: optim.SGD([
    {'params': m[0].parameters()},
    {'params': m[2].parameters(), 'lr': 0.5, 'momentum': 0.5}], lr=0.1, momentum=0.9))
print(opt)
print(opt.state_dict()['param_groups'])
print(sorted(opt.state_dict()['state'].keys()))
print(opt.state_dict()['state'][0]['momentum_buffer'])
opt.add_param_group({'params': [nn.Parameter(torch.zeros(2))], 'lr': 0.2})
print(len(opt.param_groups), opt.param_groups[2]['momentum'], opt.param_groups[2]['lr'])

model, adam = run('adam-state', lambda m: optim.Adam(m.parameters(), lr=0.01))
print(adam)
sd = adam.state_dict()
print(sd['param_groups'])
print(sd['state'][1])
print(sorted(sd['state'][0].keys()), sd['state'][0]['step'])

# resume: a fresh optimizer loaded from the state dict continues identically
model2 = make()
model2.load_state_dict(model.state_dict())
adam2 = optim.Adam(model2.parameters(), lr=0.5)
adam2.load_state_dict(sd)
print(adam2.param_groups[0]['lr'])
for m, o in ((model, adam), (model2, adam2)):
    o.zero_grad()
    ((m(X) - Y) ** 2).mean().backward()
    o.step()
print([torch.equal(a, b) for a, b in zip(model.parameters(), model2.parameters())])

rms_model, rms = run('rms-state', lambda m: optim.RMSprop(m.parameters(), momentum=0.5))
print(rms.state_dict()['state'][3])
print(rms)
print(optim.AdamW(make().parameters()))

# zero_grad variants and closures
model = make()
opt = optim.SGD(model.parameters(), lr=0.1)
((model(X) - Y) ** 2).mean().backward()
opt.zero_grad(set_to_none=False)
print(model[0].bias.grad)
opt.zero_grad(set_to_none=True)
print(model[0].bias.grad)


def closure():
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    return loss


print(opt.step(closure).item(), opt.step(closure).item())
# parameters without gradients are skipped
frozen = make()
frozen[0].weight.requires_grad_(False)
opt = optim.Adam(frozen.parameters(), lr=0.1)
((frozen(X) - Y) ** 2).mean().backward()
opt.step()
print(len(opt.state), frozen[0].weight.flatten()[:3].tolist())
