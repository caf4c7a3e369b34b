# torch.linalg: vector norms (vector_norm, and norm for vectors) on top of Tensor.norm; matrix functions are not built.
import torch


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    if dtype is not None:
        x = x.to(dtype)
    return x.norm(p=ord, dim=dim, keepdim=keepdim)


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    if dim is not None and not isinstance(dim, int) and len(dim) == 2 or (dim is None and ord is not None and A.dim() == 2):
        raise NotImplementedError("torch.linalg.norm: matrix norms are not supported in wick yet; use vector_norm")
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


def _not_built(name):
    def f(*args, **kwargs):
        raise NotImplementedError(f"torch.linalg.{name} is not supported in wick yet")
    return f


matrix_norm = _not_built('matrix_norm')
inv = _not_built('inv')
det = _not_built('det')
solve = _not_built('solve')
svd = _not_built('svd')
qr = _not_built('qr')
eigh = _not_built('eigh')
cholesky = _not_built('cholesky')
