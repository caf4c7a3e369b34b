# Empty tensors through creation, shape ops, indexing, joining and splitting
# regen-sed: s/^ValueError: only one element tensors can be converted to Python scalars$/RuntimeError: a Tensor with 0 elements cannot be converted to Scalar/
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
e = torch.zeros(0, 3)
print(e.shape, e.numel(), e.dim(), len(e), e.tolist(), e.stride(), e.is_contiguous())
print(e.view(3, 0).shape, e.reshape(-1).shape, e.t().shape, e.unsqueeze(1).shape, e.flatten().shape)
print(e.expand(2, 0, 3).shape, e.repeat(2, 2).shape, e[:, 1:].shape, e[..., 0].shape, e.permute(1, 0).shape)
print(torch.cat([e, torch.ones(1, 3)]), torch.stack([e, e]).shape, e.split(1), e.chunk(3, dim=1))
print(e.sum(), e.sum(0), e.float().mean(0) if False else 'skip', list(e))
print(torch.zeros(3, 0)[1], torch.zeros(3, 0)[torch.tensor([0, 2])].shape, torch.zeros(0)[torch.zeros(0, dtype=torch.bool)])
print(torch.ones(0, dtype=torch.int64).tolist(), torch.tensor([[], []]).shape, torch.empty(0).numpy().shape)
check(lambda: e.view(-1, 0))
check(lambda: e.reshape(0, -1))
check(lambda: e[0])
check(lambda: e.item())
