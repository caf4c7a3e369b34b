import torch
print(torch.cuda.memory_allocated(), torch.cuda.memory_reserved())
x = torch.empty(2**29, device='cuda')
del x
y = torch.empty(2**28, device='cuda')
z = torch.empty(2**29, device='cuda')
del z
torch.cuda.empty_cache()
print(torch.cuda.memory_allocated())
print(torch.cuda.memory_reserved())
print(torch.cuda.max_memory_allocated())
del y
torch.cuda.empty_cache()
torch.cuda.reset_peak_memory_stats()
a = torch.randn(1024, 1024, device='cuda')
b = torch.randn(256, 1024, 1024, device='cuda')
c = torch.ones(1000, device='cuda')
del b
print(len(torch.cuda.memory_stats()))
print(torch.cuda.memory_stats()['allocated_bytes.all.current'])
try:
    torch.empty(10**13, device='cuda')
except RuntimeError as e:
    print(type(e).__name__, str(e)[:51])
print(torch.cuda.memory_stats()['num_ooms'])
