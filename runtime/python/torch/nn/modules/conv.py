"""Convolution layers: Conv1d and Conv2d."""
import math
import torch
from torch.nn.parameter import Parameter
from torch.nn.modules.module import Module
from torch.nn.modules import _utils
import torch.nn.functional as F
import torch.nn.init as init


class _ConvNd(Module):
    """Shared parameters, initialisation and printing of the convolutions."""

    def __init__(self, n, in_channels, out_channels, kernel_size, stride, padding, dilation,
                 groups, bias, padding_mode, device, dtype):
        super().__init__()
        if groups <= 0:
            raise ValueError('groups must be a positive integer')
        if in_channels % groups != 0:
            raise ValueError('in_channels must be divisible by groups')
        if out_channels % groups != 0:
            raise ValueError('out_channels must be divisible by groups')
        if isinstance(padding, str):
            if padding not in ('same', 'valid'):
                raise ValueError("Invalid padding string {!r}, should be one of {}".format(
                    padding, {'valid', 'same'}))
            if padding == 'same' and any(s != 1 for s in _utils.ntuple(stride, n)):
                raise ValueError("padding='same' is not supported for strided convolutions")
        if padding_mode != 'zeros':
            raise NotImplementedError("padding_mode '{}' is not supported yet".format(
                padding_mode))
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = _utils.ntuple(kernel_size, n)
        self.stride = _utils.ntuple(stride, n)
        self.padding = padding if isinstance(padding, str) else _utils.ntuple(padding, n)
        self.dilation = _utils.ntuple(dilation, n)
        self.transposed = False
        self.output_padding = _utils.ntuple(0, n)
        self.groups = groups
        self.padding_mode = padding_mode
        shape = (out_channels, in_channels // groups) + self.kernel_size
        self.weight = Parameter(_utils.empty(shape, device, dtype))
        if bias:
            self.bias = Parameter(_utils.empty((out_channels,), device, dtype))
        else:
            self.register_parameter('bias', None)
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def extra_repr(self):
        n = len(self.kernel_size)
        s = '{}, {}, kernel_size={}, stride={}'.format(
            self.in_channels, self.out_channels, self.kernel_size, self.stride)
        if self.padding != (0,) * n:
            s += ', padding={}'.format(self.padding)
        if self.dilation != (1,) * n:
            s += ', dilation={}'.format(self.dilation)
        if self.output_padding != (0,) * n:
            s += ', output_padding={}'.format(self.output_padding)
        if self.groups != 1:
            s += ', groups={}'.format(self.groups)
        if self.bias is None:
            s += ', bias=False'
        if self.padding_mode != 'zeros':
            s += ', padding_mode={}'.format(self.padding_mode)
        return s


class Conv1d(_ConvNd):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode='zeros', device=None, dtype=None):
        super().__init__(1, in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, device, dtype)

    def forward(self, input):
        return F.conv1d(input, self.weight, self.bias, self.stride, self.padding,
                        self.dilation, self.groups)


class Conv2d(_ConvNd):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode='zeros', device=None, dtype=None):
        super().__init__(2, in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, padding_mode, device, dtype)

    def forward(self, input):
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding,
                        self.dilation, self.groups)
