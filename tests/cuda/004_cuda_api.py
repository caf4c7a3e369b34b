# torch.cuda API surface on a GPU (H100/H200, sm_90); expected output from PyTorch 2.11 (cuda.md).
import torch

print(torch.cuda.is_initialized() in (False, True))
print(torch.cuda.get_device_capability(0), torch.cuda.get_device_capability())
p = torch.cuda.get_device_properties(0)
print(repr(p).startswith("_CudaDeviceProperties(name='NVIDIA H"), p.major, p.minor, p.name == torch.cuda.get_device_name(0))
print(torch.cuda.current_stream())
with torch.cuda.device(0):
    print(torch.cuda.current_device())
torch.cuda.synchronize()
print(torch.cuda.is_initialized())
print(len(torch.cuda.nccl.version()))
start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
start.record()
a = torch.ones(1000, device='cuda') * 2
end.record()
end.synchronize()
print(start.elapsed_time(end) >= 0)
torch.manual_seed(0)
print(torch.rand(2, 2, device=0))
torch.cuda.manual_seed(0)
print(torch.cuda.initial_seed())
x = torch.tensor([1., 2.], device='cuda')
print(x.is_cuda, x.get_device(), x.device, x.cpu(), x.sum().item())
try:
    x.numpy()
except TypeError as e:
    print('TypeError:', e)
try:
    torch.ones(2) + torch.ones(2, device='cuda')
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    torch.ones(2, 2, device='cuda') @ torch.ones(2, 2)
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    torch.cuda.get_device_name(5)
except AssertionError as e:
    print('AssertionError:', e)
try:
    torch.cuda.memory_allocated(3)
except RuntimeError as e:
    print('RuntimeError:', e)
print(x.to('cuda') is x, x.cuda() is x)
print(torch.backends.cuda.matmul.allow_tf32, torch.get_float32_matmul_precision())
torch.backends.cuda.matmul.allow_tf32 = True
print(torch.get_float32_matmul_precision())
torch.set_float32_matmul_precision('highest')
print(torch.backends.cuda.matmul.allow_tf32)
