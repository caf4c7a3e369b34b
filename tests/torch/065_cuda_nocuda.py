# torch.cuda without CUDA: answers and PyTorch's errors. wick is pointed at a missing plugin,
# which is the case of a PyTorch build without CUDA (harmless under python3).
import os
os.environ['WICK_CUDA_PLUGIN'] = '/nonexistent/wick_cuda.so'
import torch


def check(name, f):
    try:
        print(name, repr(f()))
    except Exception as e:
        print(name, type(e).__name__ + ':', e)


c = torch.cuda
check('is_available', c.is_available)
check('device_count', c.device_count)
check('is_initialized', c.is_initialized)
check('current_device', c.current_device)
check('get_device_name', lambda: c.get_device_name(0))
check('get_device_name()', lambda: c.get_device_name())
check('get_device_properties', lambda: c.get_device_properties(0))
check('get_device_capability', lambda: c.get_device_capability(0))
check('get_arch_list', c.get_arch_list)
check('synchronize', c.synchronize)
check('init', c.init)
check('device ctx', lambda: type(c.device(0)).__name__)


def ctx():
    with c.device(0):
        return 1


check('device with', ctx)
check('manual_seed', lambda: c.manual_seed(1))
check('manual_seed_all', lambda: c.manual_seed_all(1))
check('seed', c.seed)
check('seed_all', c.seed_all)
check('initial_seed', c.initial_seed)
check('current_stream', c.current_stream)
for f in ['memory_allocated', 'memory_reserved', 'max_memory_allocated', 'max_memory_reserved', 'empty_cache',
          'mem_get_info']:
    check(f, getattr(c, f))
check('memory_stats', lambda: len(c.memory_stats()))
check('memory_allocated(0)', lambda: c.memory_allocated(0))
check('memory_allocated(cuda:0)', lambda: c.memory_allocated('cuda:0'))
check('memory_allocated(device)', lambda: c.memory_allocated(torch.device('cuda:0')))
check('is_initialized', c.is_initialized)
x = torch.ones(2)
check('is_cuda', lambda: (x.is_cuda, x.get_device(), x.device))
check('OutOfMemoryError', lambda: issubclass(torch.cuda.OutOfMemoryError, RuntimeError))
check('cudnn', lambda: (torch.backends.cudnn.is_available(), torch.backends.cudnn.version()))
check('cuda.is_built', torch.backends.cuda.is_built)
check('ones cuda:1', lambda: torch.ones(2, device='cuda:1'))
check('randn device=0', lambda: torch.randn(2, device=0))
check('zeros_like cuda', lambda: torch.zeros_like(x, device='cuda'))
check('x.cuda()', lambda: x.cuda())
check('x.to(cuda)', lambda: x.to('cuda'))
check('x.to(device(cuda, 0))', lambda: x.to(torch.device('cuda', 0)))
check('x.to(0)', lambda: x.to(0))
check('x.cpu() is x', lambda: x.cpu() is x)
check('x.to(cpu) is x', lambda: x.to('cpu') is x)
check('torch.manual_seed', lambda: torch.manual_seed(3).initial_seed())
