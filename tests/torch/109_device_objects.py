# torch.device objects: string and index forms, repr/str, type/index attributes, equality, errors
# regen-sed: s/hpu, privateuseone device type/hpu, mtia, privateuseone device type/
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
for d in [torch.device('cpu'), torch.device('cuda'), torch.device('cuda:1'), torch.device('cuda', 0),
          torch.device('cpu', 0)]:
    print(repr(d), str(d), d.type, d.index)
print(torch.device('cpu') == torch.device('cpu'), torch.device('cpu') == torch.device('cuda'))
print(torch.device('cuda:0') == torch.device('cuda', 0), torch.device('cuda') == torch.device('cuda:0'))
print(torch.zeros(1).device, torch.zeros(1).device.type, torch.zeros(1).is_cuda)
print(torch.zeros(1, device='cpu').device, torch.zeros(1, device=torch.device('cpu')).device)
print(f'{torch.device("cpu")}')
d = torch.device(torch.device('cpu'))
print(d)
check(lambda: torch.device('gpu'))
check(lambda: torch.device('cuda:x'))
check(lambda: torch.device('cuda:-1'))
check(lambda: torch.device('cpu', -1))
check(lambda: torch.device(5) if False else 'skip')
check(lambda: torch.zeros(1, device='cuda'))
check(lambda: torch.zeros(1, device='nope'))
