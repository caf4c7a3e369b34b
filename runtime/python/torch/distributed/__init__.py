# torch.distributed for one process: availability and group state, env:// / tcp:// / file:// rendezvous checks, and the collectives of a gloo group of world size 1 (NCCL, MPI and multi-process groups raise).
import os
import torch

_NOT_INIT = 'Default process group has not been initialized, please make sure to call init_process_group.'
_SINGLE = ("wick's torch.distributed runs a single process: only world_size=1 groups are implemented "
           "(multi-process groups are not)")


def is_available():
    return True


def is_nccl_available():
    return False


def is_gloo_available():
    return True


def is_mpi_available():
    return False


def is_torchelastic_launched():
    return os.getenv('TORCHELASTIC_RUN_ID') is not None


class Backend:
    """Backend names; Backend('GLOO') gives 'gloo' as PyTorch's str-valued Backend does."""
    UNDEFINED = 'undefined'
    GLOO = 'gloo'
    NCCL = 'nccl'
    MPI = 'mpi'
    TCP = 'tcp'

    def __new__(cls, name):
        if not isinstance(name, str):
            raise ValueError('Backend name must be a string, but got: {}'.format(name))
        value = getattr(Backend, name.upper(), Backend.UNDEFINED)
        if value == Backend.TCP:
            raise ValueError('TCP backend has been deprecated. Please use Gloo or MPI backend for '
                             'collective operations on CPU tensors.')
        if value == Backend.UNDEFINED:
            raise ValueError("Invalid backend: '{}'".format(name))
        return value


class _RedOpType:
    def __init__(self, name, value):
        self.name = name
        self.value = value

    def __repr__(self):
        return '<RedOpType.{}: {}>'.format(self.name, self.value)


class ReduceOp:
    SUM = _RedOpType('SUM', 0)
    AVG = _RedOpType('AVG', 1)
    PRODUCT = _RedOpType('PRODUCT', 2)
    MIN = _RedOpType('MIN', 3)
    MAX = _RedOpType('MAX', 4)
    BAND = _RedOpType('BAND', 5)
    BOR = _RedOpType('BOR', 6)
    BXOR = _RedOpType('BXOR', 7)
    PREMUL_SUM = _RedOpType('PREMUL_SUM', 8)


class _Work:
    """What async_op=True returns: a collective of one process is complete at once."""

    def wait(self, timeout=None):
        return True

    def is_completed(self):
        return True

    def is_success(self):
        return True


class _ProcessGroup:
    def __init__(self, backend, rank, world_size):
        self.backend = backend
        self._rank = rank
        self._world_size = world_size

    def rank(self):
        return self._rank

    def size(self):
        return self._world_size


class GroupMember:
    WORLD = None


def _default_group():
    if GroupMember.WORLD is None:
        raise RuntimeError(_NOT_INIT)
    return GroupMember.WORLD


def _group(group):
    if group is not None and group is not GroupMember.WORLD:
        raise NotImplementedError("wick's torch.distributed has only the default process group (new_group is not implemented)")
    return _default_group()


def is_initialized():
    return GroupMember.WORLD is not None


def _rendezvous_error(scheme, msg):
    return ValueError('Error initializing torch.distributed using {}:// rendezvous: {}'.format(scheme, msg))


def _env_int(name):
    value = os.environ.get(name, None)
    if value is None:
        raise _rendezvous_error('env', 'environment variable {} expected, but not set'.format(name))
    return int(value)


def _rendezvous(init_method, rank, world_size):
    """The rank and world size PyTorch's rendezvous handlers would read (no store is opened)."""
    scheme = init_method.split('://', 1)[0] if '://' in init_method else init_method
    if scheme == 'env':
        rank = rank if rank != -1 else _env_int('RANK')
        world_size = world_size if world_size != -1 else _env_int('WORLD_SIZE')
        if os.environ.get('MASTER_ADDR', None) is None:
            raise _rendezvous_error('env', 'environment variable MASTER_ADDR expected, but not set')
        _env_int('MASTER_PORT')
    elif scheme in ('tcp', 'file'):
        if rank == -1:
            raise _rendezvous_error(scheme, 'rank parameter missing')
        if world_size == -1:
            raise _rendezvous_error(scheme, 'world size parameter missing')
    else:
        raise RuntimeError('No rendezvous handler for {}://'.format(scheme))
    return rank, world_size


def init_process_group(backend, init_method=None, timeout=None, world_size=-1, rank=-1, store=None,
                       group_name='', pg_options=None):
    if GroupMember.WORLD is not None:
        raise RuntimeError('trying to initialize the default process group twice!')
    assert (store is None) or (init_method is None), 'Cannot specify both init_method and store.'
    backend = Backend(backend)
    if store is None:
        rank, world_size = _rendezvous(init_method if init_method is not None else 'env://', rank, world_size)
    if backend == Backend.NCCL:
        raise RuntimeError("Distributed package doesn't have NCCL built in")
    if backend == Backend.MPI:
        raise RuntimeError("Distributed package doesn't have MPI built in")
    if world_size != 1:
        raise NotImplementedError(_SINGLE + ' (got world_size={})'.format(world_size))
    GroupMember.WORLD = _ProcessGroup(backend, rank, world_size)


def destroy_process_group(group=None):
    pg = GroupMember.WORLD if group is None else group
    assert pg is not None
    GroupMember.WORLD = None


def get_rank(group=None):
    return _group(group).rank()


def get_world_size(group=None):
    return _group(group).size()


def get_backend(group=None):
    return _group(group).backend


def _check_tensor(t, name):
    if not torch.is_tensor(t):
        raise RuntimeError('Invalid function argument. Expected parameter `{}` to be of type torch.Tensor.'.format(name))


def _check_root(what, root):
    if root != 0:
        raise RuntimeError('ProcessGroupGloo::{}: invalid root rank: {}'.format(what, root))


def _check_op(op):
    if op is ReduceOp.AVG:
        raise RuntimeError('Cannot use ReduceOp.AVG with Gloo')


def _done(async_op):
    return _Work() if async_op else None


def all_reduce(tensor, op=ReduceOp.SUM, group=None, async_op=False):
    """One process: the reduction of a single tensor is the tensor itself."""
    _check_tensor(tensor, 'tensor')
    _group(group)
    _check_op(op)
    return _done(async_op)


def reduce(tensor, dst, op=ReduceOp.SUM, group=None, async_op=False):
    _check_tensor(tensor, 'tensor')
    _group(group)
    _check_op(op)
    _check_root('reduce', dst)
    return _done(async_op)


def broadcast(tensor, src, group=None, async_op=False):
    _check_tensor(tensor, 'tensor')
    _group(group)
    _check_root('broadcast', src)
    return _done(async_op)


def all_gather(tensor_list, tensor, group=None, async_op=False):
    if not isinstance(tensor_list, list) or not all(torch.is_tensor(t) for t in tensor_list):
        raise RuntimeError('Invalid function argument. Expected parameter `tensor_list` to be of type List[torch.Tensor].')
    _check_tensor(tensor, 'tensor')
    _group(group)
    if len(tensor_list) != 1:
        raise RuntimeError('ProcessGroupGloo::allgather: invalid output tensor list at index 0 '
                           '(expected length 1, got {})'.format(len(tensor_list)))
    with torch.no_grad():
        tensor_list[0].copy_(tensor)
    return _done(async_op)


def barrier(group=None, async_op=False, device_ids=None):
    _group(group)
    return _done(async_op)
