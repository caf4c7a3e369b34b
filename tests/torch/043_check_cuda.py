# Check CUDA / Check Device (cheat sheet) on a machine without CUDA
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
print(torch.cuda.is_available())
print(torch.cuda.device_count())
check(torch.cuda.current_device)
check(lambda: torch.cuda.get_device_name(0))
print(torch.cuda.memory_allocated(), torch.cuda.max_memory_allocated())
tensor = torch.tensor([0, 1, 2, 3, 4, 5])
print(tensor.device)
print(repr(tensor.device))
check(lambda: tensor.to('cuda'))
print(torch.device('cuda:0'), torch.device('cuda', 0) == torch.device('cuda:0'), torch.device('cpu') == torch.device('cpu'))
