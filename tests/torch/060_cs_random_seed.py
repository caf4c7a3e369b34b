# Cheat sheet "Random Seed" (the CUDA seeding calls are no-ops without CUDA).
import torch
import random

torch.manual_seed(42)
torch.cuda.manual_seed(42)
torch.cuda.manual_seed_all(42)
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False
print(torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark)
print(torch.rand(3), torch.randn(2), torch.randint(0, 10, (4,)))
print(torch.initial_seed())
random.seed(42)
print(random.random())
print(torch.backends.mps.is_available())
print(torch.cuda.is_available(), torch.cuda.device_count())
