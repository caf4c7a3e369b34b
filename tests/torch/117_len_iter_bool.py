# Properties: len, iteration over rows, __bool__ rules, __contains__
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(6).reshape(3, 2)
print(len(x), len(x[0]), len(torch.zeros(0, 4)))
for row in x:
    print(row, row.shape)
print([v.item() for v in torch.tensor([1.5, 2.5])])
print(list(torch.zeros(0)), list(torch.tensor([True, False])))
a, b = torch.tensor([10, 20])
print(a, b)
print(bool(torch.tensor([1])), bool(torch.tensor([0.0])), bool(torch.tensor(True)), bool(torch.tensor([[0]])))
print(bool(torch.tensor(float('nan'))), bool(torch.tensor(-0.0)))
print(2 in x, 9 in x, torch.tensor(3) in x)
if torch.tensor([1.0]):
    print('truthy')
check(lambda: bool(torch.tensor([1, 2])))
check(lambda: bool(torch.zeros(0)))
check(lambda: len(torch.tensor(2)))
check(lambda: list(torch.tensor(2)))
check(lambda: torch.tensor([1, 2]) and 1)
check(lambda: 'a' in x)
