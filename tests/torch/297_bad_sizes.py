# Adversarial error paths: negative, huge and inconsistent sizes in factories, view, reshape, expand
# regen-sed: s/size mismatch, got 2, 2x3,4/size mismatch, got input (2), mat (2x3), vec (4)/
import torch


def check(name, f):
    try:
        r = f()
        print(name, 'ok', r)
    except Exception as e:
        print(name, type(e).__name__ + ':', e)


check('empty_neg', lambda: torch.empty(-1))
check('zeros_neg2', lambda: torch.zeros(3, -2))
check('ones_neg_tuple', lambda: torch.ones((2, -5)))
check('full_neg', lambda: torch.full((-1,), 1.))
check('rand_neg', lambda: torch.rand(2, -3))
check('randperm_neg', lambda: torch.randperm(-1))
check('eye_neg', lambda: torch.eye(-2))
check('zeros_2p62', lambda: torch.zeros(2 ** 62))
check('empty_2p40x2p40', lambda: torch.empty(2 ** 40, 2 ** 40))
check('arange_huge', lambda: torch.arange(0, 2 ** 62))
check('zeros_like_ok', lambda: torch.zeros(0, 3).shape)
t = torch.arange(6.)
check('view_bad', lambda: t.view(4, 2))
check('view_two_neg', lambda: t.view(-1, -1))
check('view_neg2', lambda: t.view(-2, 3))
check('view_zero', lambda: t.view(0, -1))
check('reshape_bad', lambda: t.reshape(5))
check('reshape_huge', lambda: t.reshape(2 ** 62, 4))
check('view_noncontig', lambda: t.view(2, 3).t().view(6))
check('expand_bad', lambda: t.view(2, 3).expand(4, 3))
check('expand_neg_new', lambda: t.expand(-1, 6))
check('expand_neg_inner', lambda: t.view(1, 6).expand(3, -2))
check('repeat_neg', lambda: t.repeat(-1))
check('new_zeros_neg', lambda: t.new_zeros((2, -1)))
check('unflatten_bad', lambda: t.unflatten(0, (4, 2)))
check('split_sizes_bad', lambda: t.split([2, 2]))
check('matmul_shape', lambda: torch.ones(2, 3) @ torch.ones(4, 5))
check('mv_shape', lambda: torch.ones(2, 3) @ torch.ones(4))
check('dot_shape', lambda: torch.ones(3) @ torch.ones(4))
check('bmm_shape', lambda: torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 4, 5)))
check('broadcast', lambda: torch.ones(3) + torch.ones(4))
check('cat_shape', lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]))
check('stack_shape', lambda: torch.stack([torch.ones(2), torch.ones(3)]))
check('zeros_0', lambda: torch.zeros(0, 0, 5).sum())
check('empty_shape_big0', lambda: torch.empty(0, 2 ** 62).shape)
