# torch.nn.parallel: DistributedDataParallel over wick's one-process torch.distributed group (gradients of one replica need no averaging).
import torch
import torch.distributed as dist
from torch.nn.modules.module import Module


class _NoSync:
    def __enter__(self):
        return self

    def __exit__(self, typ, val, tb):
        return False


class DistributedDataParallel(Module):
    def __init__(self, module, device_ids=None, output_device=None, dim=0, broadcast_buffers=True,
                 process_group=None, bucket_cap_mb=25, find_unused_parameters=False, check_reduction=False,
                 gradient_as_bucket_view=False, static_graph=False):
        super().__init__()
        params = list(module.parameters())
        if not any(p.requires_grad for p in params):
            raise RuntimeError("DistributedDataParallel is not needed when a module doesn't have any "
                               'parameter that requires a gradient.')
        if device_ids is not None and len(device_ids) > 1:
            raise ValueError('device_ids can only be None or contain a single element.')
        devices = {p.device for p in params}
        types = {p.device.type for p in params}
        if len(types) != 1:
            raise ValueError("DistributedDataParallel's input module must be on the same type of devices, "
                             'but input module parameters locate in {}.'.format(types))
        if device_ids or output_device:
            if 'cpu' in types or len(devices) > 1:
                raise ValueError('DistributedDataParallel device_ids and output_device arguments only work with '
                                 'single-device/multiple-device GPU modules or CPU modules, but got device_ids {}, '
                                 'output_device {}, and module parameters {}.'.format(device_ids, output_device, devices))
            raise NotImplementedError('DistributedDataParallel with device_ids (one CUDA device per process) '
                                      'is not implemented in wick')
        self.process_group = dist._default_group() if process_group is None else process_group
        self.module = module
        self.device_ids = None
        self.output_device = None
        self.dim = dim
        self.broadcast_buffers = broadcast_buffers
        self.find_unused_parameters = find_unused_parameters
        self.static_graph = static_graph

    def forward(self, *inputs, **kwargs):
        return self.module(*inputs, **kwargs)

    def no_sync(self):
        """Gradients of the single replica are never synchronised, so this changes nothing."""
        return _NoSync()
