# Adversarial error paths: wrong argument types and counts to torch functions and Tensor methods
# regen-sed: s/^item_multi ValueError: only one element tensors can be converted to Python scalars/item_multi RuntimeError: a Tensor with 6 elements cannot be converted to Scalar/
# regen-sed: s/hpu, privateuseone device type/hpu, mtia, privateuseone device type/
import torch


def check(name, f):
    try:
        r = f()
        print(name, 'ok', r)
    except Exception as e:
        print(name, type(e).__name__ + ':', e)


# Argument-parser messages (signature lists, "SymInts") differ between PyTorch releases:
# for those only the exception type is compared.
def check_type(name, f):
    try:
        r = f()
        print(name, 'ok', r)
    except Exception as e:
        print(name, type(e).__name__)


t = torch.arange(6.).reshape(2, 3)
check_type('zeros_str', lambda: torch.zeros('a'))
check_type('zeros_float', lambda: torch.zeros(2.5))
check_type('zeros_none', lambda: torch.zeros(None))
check_type('zeros_list_str', lambda: torch.zeros([2, 'x']))
check_type('ones_dtype_bad', lambda: torch.ones(2, dtype='float32'))
check_type('arange_none', lambda: torch.arange(None))
check('arange_step0', lambda: torch.arange(0, 5, 0))
check('arange_bad_sign', lambda: torch.arange(5, 0, 1))
check('linspace_neg', lambda: torch.linspace(0, 1, -1))
check_type('full_no_value', lambda: torch.full((2,)))
check('tensor_dict', lambda: torch.tensor({1: 2}))
check('tensor_none', lambda: torch.tensor(None))
check('tensor_mixed', lambda: torch.tensor([1, 'a']))
check('add_str', lambda: t + 'a')
check('add_none', lambda: t + None)
check_type('add_list', lambda: torch.add(t, [1, 2]))
check_type('mul_noarg', lambda: t.mul())
check_type('sum_float_dim', lambda: t.sum(1.5))
check_type('view_str', lambda: t.view('a'))
check_type('reshape_float', lambda: t.reshape(2.0, 3))
check('permute_dup', lambda: t.permute(0, 0))
check_type('transpose_one', lambda: t.transpose(0))
check_type('unsqueeze_none', lambda: t.unsqueeze(None))
check('matmul_scalar', lambda: torch.matmul(t, 2))
check('cat_tensor', lambda: torch.cat(t))
check('cat_empty', lambda: torch.cat([]))
check('stack_empty', lambda: torch.stack([]))
check('cat_mixed', lambda: torch.cat([t, 1]))
check_type('where_one', lambda: torch.where(t > 1, t))
check('clamp_none', lambda: t.clamp())
check('index_float', lambda: t[1.5])
check('item_multi', lambda: t.item())
check('float_multi', lambda: float(t))
check('int_multi', lambda: int(t))
check('bool_multi', lambda: bool(t))
check('len_0d', lambda: len(torch.tensor(1.)))
check('iter_0d', lambda: list(torch.tensor(1.)))
check('to_bad', lambda: t.to('nonsense'))
check('type_bad', lambda: t.type('torch.NoSuchTensor'))
check('randn_neg', lambda: torch.randn(-2))
check('randint_lohi', lambda: torch.randint(5, 2, (3,)))
check_type('randint_nosize', lambda: torch.randint(5))
check('manual_seed_str', lambda: torch.manual_seed('a'))
check('topk_big', lambda: t.topk(5))
check('repeat_few', lambda: t.repeat(2))
check('expand_few', lambda: t.expand(3))
check('flatten_bad', lambda: t.flatten(1, 0))
check('chunk_zero', lambda: t.chunk(0))
check('split_zero', lambda: t.split(0))
check('narrow_bad', lambda: t.narrow(1, 2, 5))
check('gather_float_idx', lambda: t.gather(0, torch.zeros(1, 1)))
check('index_select_float', lambda: t.index_select(0, torch.tensor([0.])))
check('fill_tensor_multi', lambda: t.clone().fill_(torch.ones(2)))
