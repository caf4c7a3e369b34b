# Cheat sheet "Random Seed" (glue: draw from each generator after seeding; the CUDA seeding calls are no-ops without CUDA).
import torch  # glue
torch.manual_seed(42)
torch.cuda.manual_seed(42)
torch.cuda.manual_seed_all(42)
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False

import numpy as np
import random
np.random.seed(42)
random.seed(42)

print(torch.rand(3), torch.randn(2))  # glue: what the seeds fix
print(random.random(), random.randint(0, 100))
print(np.random.rand(3))
print(torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark)
