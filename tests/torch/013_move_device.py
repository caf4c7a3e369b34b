# Move Tensors (cheat sheet) on a machine without CUDA
import torch
# PyTorch 2.x lists mtia among the device types
# regen-sed: s/hpu, privateuseone device type/hpu, mtia, privateuseone device type/
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.randn(2, 3)
print(torch.cuda.is_available())
print(torch.cuda.device_count())
device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
print(device)
print(x.to(device).device)
check(lambda: x.to('cuda'))
check(lambda: x.cuda())
check(lambda: torch.zeros(2, device='cuda'))
check(lambda: torch.tensor([1, 2], device='cuda:0'))
check(lambda: torch.device('tpu'))
check(lambda: torch.device('cuda:x'))
check(lambda: x.to('cpu').device)
print(torch.zeros(2, device='cpu').device)
print(torch.zeros(2, device=torch.device('cpu')))
