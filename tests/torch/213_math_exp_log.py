# Math: exp / log / log2 / log1p over float32, float64 and int inputs including 0, negatives, inf and nan
import torch

f = torch.tensor([0., 1., -1., 0.5, 88., 89., -104., float('inf'), float('-inf'), float('nan')])
print(torch.exp(f), f.exp().dtype)
print(torch.exp(f.double()))
p = torch.tensor([0., -0., 1., 2., 1e-30, 0.5, -1., float('inf'), float('nan')])
print(torch.log(p), torch.log2(p), torch.log1p(p))
print(torch.log(p.double()), torch.log2(torch.tensor([8., 1024., 0.125])))
print(torch.log1p(torch.tensor([-1., -2., 1e-10, 1e-5])), torch.log1p(torch.tensor([1e-10], dtype=torch.float64)).item())
i = torch.tensor([0, 1, 2, 10])
print(torch.exp(i), torch.log(i), torch.log2(i), torch.log1p(i), torch.exp(i).dtype)
print(torch.exp(torch.tensor([True, False])), torch.log(torch.tensor([1, 4], dtype=torch.int32)).dtype)
print(torch.exp(torch.tensor(1.)).item(), torch.log(torch.tensor(10., dtype=torch.float64)).item())
x = torch.tensor([1., 2.])
x.exp_()
print(x, x.log_(), torch.tensor([4.]).log2_(), torch.tensor([3.]).log1p_())
print(torch.expm1(torch.tensor([1e-7, 1.])), torch.exp2(torch.tensor([3., -1.])), torch.log10(torch.tensor([1000.])))
