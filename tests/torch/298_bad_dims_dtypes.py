# Adversarial error paths: out-of-range dims and indices, dtype mismatches, empty tensors, in-place on leaves
# regen-sed: s/^index_select_oob RuntimeError: INDICES element is out of DATA bounds, id=3 axis_dim=3/index_select_oob IndexError: index out of range in self/
# regen-sed: s/^mm_dtype RuntimeError: expected scalar type Float but found Double/mm_dtype RuntimeError: expected m1 and m2 to have the same dtype, but got: float != double/
# regen-sed: s/^empty_item ValueError: only one element tensors can be converted to Python scalars/empty_item RuntimeError: a Tensor with 0 elements cannot be converted to Scalar/
import torch


def check(name, f):
    try:
        r = f()
        print(name, 'ok', r)
    except Exception as e:
        print(name, type(e).__name__ + ':', e)


t = torch.arange(6.).reshape(2, 3)
check('sum_dim', lambda: t.sum(2))
check('sum_dim_neg', lambda: t.sum(-3))
check('mean_dim_big', lambda: t.mean(2 ** 40))
check('softmax_dim', lambda: t.softmax(5))
check('unsqueeze_dim', lambda: t.unsqueeze(4))
check('squeeze_dim', lambda: t.squeeze(-4))
check('transpose_dim', lambda: t.transpose(0, 7))
check('select_dim', lambda: t.select(3, 0))
check('select_idx', lambda: t.select(1, 3))
check('select_idx_neg', lambda: t.select(1, -4))
check('flatten_dim', lambda: t.flatten(0, 5))
check('cumsum_dim', lambda: t.cumsum(-5))
check('argmax_dim', lambda: t.argmax(9))
check('index_big', lambda: t[5])
check('index_neg', lambda: t[-3])
check('index_2d', lambda: t[0, 3])
check('index_too_many', lambda: t[0, 0, 0])
check('index_huge', lambda: t[2 ** 62])
check('index_tensor', lambda: t[torch.tensor([0, 2])])
check('index_tensor_neg', lambda: t[torch.tensor([-3])])
check('index_bool_shape', lambda: t[torch.tensor([True, False, True])])
check('setitem_big', lambda: t.clone().__setitem__(7, 1.))
check('index_0d', lambda: torch.tensor(3.)[0])
check('index_select_oob', lambda: t.index_select(1, torch.tensor([3])))
check('gather_oob', lambda: t.gather(1, torch.tensor([[0, 5]])))
check('scatter_oob', lambda: torch.zeros(2, 3).scatter_(1, torch.tensor([[9]]), 1.))
check('embedding_oob', lambda: torch.nn.functional.embedding(torch.tensor([4]), torch.ones(3, 2)))
check('mm_dtype', lambda: torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.float64))
check('inplace_cast', lambda: torch.ones(2, dtype=torch.long).add_(0.5))
check('inplace_bool_cast', lambda: torch.ones(2, dtype=torch.bool).mul_(2))
check('bitwise_float', lambda: torch.ones(2) & torch.ones(2))
check('int_div_zero', lambda: torch.tensor([5]) // 0)
check('int_rem_zero', lambda: torch.tensor([5]) % torch.tensor([0]))
check('int_pow_neg', lambda: torch.tensor([2]) ** -1)
check('int_min_abs', lambda: torch.tensor([-2 ** 63]).abs())
check('int_min_neg', lambda: -torch.tensor([-2 ** 63]))
check('int_overflow_mul', lambda: torch.tensor([2 ** 62]) * 4)
check('float_to_int_inf', lambda: torch.tensor([1e300]).to(torch.int32).dtype)
e = torch.ones(0, 3)
check('empty_max', lambda: e.max())
check('empty_min0', lambda: e.min(0))
check('empty_item', lambda: e.item())
check('empty_argmax', lambda: torch.ones(0).argmax())
check('empty_sum', lambda: e.sum())
check('empty_mean', lambda: e.mean())
check('empty_prod1', lambda: e.prod(1))
check('empty_mm', lambda: e @ torch.ones(3, 0))
check('empty_mm2', lambda: torch.ones(2, 0) @ torch.ones(0, 4))
check('empty_softmax', lambda: e.softmax(0))
check('empty_cat', lambda: torch.cat([e, torch.ones(2, 3)]).shape)
check('empty_index', lambda: torch.ones(0)[0])
check('empty_sort', lambda: torch.ones(0).sort())
check('empty_topk', lambda: torch.ones(0).topk(0))
check('empty_std', lambda: torch.ones(0).std())
check('empty_view', lambda: e.view(-1, 0))
check('empty_view2', lambda: e.view(3, -1).shape)
w = torch.ones(3, requires_grad=True)
check('leaf_add_', lambda: w.add_(1))
check('leaf_zero_', lambda: w.zero_())
check('leaf_setitem', lambda: w.__setitem__(0, 2.))
check('leaf_mul_', lambda: w.mul_(2))


def leaf_no_grad():
    with torch.no_grad():
        w.mul_(2)
    return w


check('leaf_no_grad', leaf_no_grad)
check('backward_nonscalar', lambda: (w * 2).backward())
check('backward_nograd', lambda: torch.ones(2).sum().backward())
check('grad_int_factory', lambda: torch.ones(2, dtype=torch.long, requires_grad=True))
check('view_leaf_inplace', lambda: w.view(3).add_(1))
check('detach_inplace', lambda: w.detach().add_(1))
check('w_after', lambda: w)
