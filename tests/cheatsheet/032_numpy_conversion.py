# Cheat sheet "NumPy Conversion" (glue: seed, CPU fallback for device=0, show).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.randn([1, 2, 3], device=0)
x = torch.randn([1, 2, 3])  # glue: CPU fallback
y = x.cpu().numpy()
show(y)

import numpy as np
arr = np.array([[1, 2], [3, 4]])
tensor = torch.from_numpy(arr)
show(tensor)  # glue
arr[0, 0] = 10  # glue: from_numpy shares memory with arr
show(tensor)
