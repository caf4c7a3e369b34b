# Properties: item() and tolist() for every dtype and shape, int()/float()/bool() conversions
import torch
def check(f, label=''):
    try:
        print(f())
    except Exception as e:
        print(label + type(e).__name__ + ':', e)
# regen-sed: s/^item3 ValueError: only one element tensors can be converted to Python scalars$/item3 RuntimeError: a Tensor with 3 elements cannot be converted to Scalar/
# regen-sed: s/^item0 ValueError: only one element tensors can be converted to Python scalars$/item0 RuntimeError: a Tensor with 0 elements cannot be converted to Scalar/
for d in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool]:
    t = torch.tensor([[1, 0], [3, 1]], dtype=d)
    print(d, t.tolist(), t[1, 0].item(), type(t[1, 0].item()).__name__, t[0].tolist())
print(torch.tensor(0.1).item(), torch.tensor(0.1, dtype=torch.float64).item())
print(torch.tensor([[2.5]]).item(), torch.tensor(7).tolist(), torch.zeros(0).tolist(), torch.zeros(2, 0).tolist())
print(int(torch.tensor(3.9)), int(torch.tensor(-3.9)), float(torch.tensor(2)), bool(torch.tensor(0.0)))
print(int(torch.tensor([5])), float(torch.tensor([[1.5]])), complex(torch.tensor(2.0)) if False else 'skip')
print(torch.tensor(1.5).__index__() if False else 'skip')
check(lambda: torch.tensor([1, 2, 3]).item(), 'item3 ')
check(lambda: torch.zeros(0).item(), 'item0 ')
check(lambda: int(torch.tensor([1, 2])))
check(lambda: float(torch.zeros(0)))
check(lambda: [0, 1, 2][torch.tensor(1)])
check(lambda: [0, 1, 2][torch.tensor(1.0)])
