# torch.backends and the lazily imported torch.nn / torch.optim / torch.utils.
import torch

print(torch.backends.cudnn.enabled, torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark)
torch.backends.cudnn.benchmark = True
print(torch.backends.cudnn.benchmark)
print(torch.backends.mps.is_available(), torch.backends.cuda.matmul.allow_tf32)
torch.backends.cuda.matmul.allow_tf32 = True
print(torch.backends.cuda.matmul.allow_tf32)
print(torch.get_float32_matmul_precision())
torch.set_float32_matmul_precision('high')
print(torch.get_float32_matmul_precision())
print(torch.nn.Linear(2, 3).weight.shape)
print(torch.optim.SGD.__name__, torch.utils.data.TensorDataset.__name__)
print(torch.nn.functional.relu(torch.tensor([-1., 2.])))
try:
    torch.no_such_thing
except AttributeError as e:
    print('AttributeError:', e)
