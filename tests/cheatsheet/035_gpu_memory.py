# Cheat sheet "GPU Memory Management" on a PyTorch built without CUDA (glue: show/raises, see README.md).
from cs_glue import show, raises
import torch  # glue

show(torch.cuda.empty_cache())
show(torch.cuda.memory_allocated())
show(torch.cuda.memory_reserved())
show(torch.cuda.max_memory_allocated())

with raises(text=False):
    torch.cuda.reset_peak_memory_stats()
with raises():
    print(torch.cuda.memory_summary())
