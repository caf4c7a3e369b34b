"""torch.nn.modules: every layer class, re-exported by torch.nn."""
from torch.nn.modules.module import Module
from torch.nn.modules.linear import Identity, Linear
from torch.nn.modules.conv import Conv1d, Conv2d
from torch.nn.modules.pooling import MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, AdaptiveMaxPool2d
from torch.nn.modules.activation import ReLU, ReLU6, LeakyReLU, ELU, GELU, SiLU, Softplus, \
    Hardtanh, Sigmoid, Tanh, LogSigmoid, Softmax, Softmin, LogSoftmax
from torch.nn.modules.dropout import Dropout, Dropout2d
from torch.nn.modules.batchnorm import BatchNorm1d, BatchNorm2d
from torch.nn.modules.normalization import LayerNorm
from torch.nn.modules.flatten import Flatten, Unflatten
from torch.nn.modules.container import Sequential, ModuleList, ModuleDict, ParameterList
from torch.nn.modules.sparse import Embedding
from torch.nn.modules.upsampling import Upsample, UpsamplingNearest2d, UpsamplingBilinear2d
from torch.nn.modules.rnn import RNNBase, RNN, LSTM, GRU
from torch.nn.modules.loss import MSELoss, L1Loss, SmoothL1Loss, HuberLoss, NLLLoss, \
    CrossEntropyLoss, BCELoss, BCEWithLogitsLoss

__all__ = [
    'Module', 'Identity', 'Linear', 'Conv1d', 'Conv2d', 'MaxPool2d', 'AvgPool2d',
    'AdaptiveAvgPool2d', 'AdaptiveMaxPool2d', 'ReLU', 'ReLU6', 'LeakyReLU', 'ELU', 'GELU',
    'SiLU', 'Softplus', 'Hardtanh', 'Sigmoid', 'Tanh', 'LogSigmoid', 'Softmax', 'Softmin',
    'LogSoftmax', 'Dropout', 'Dropout2d', 'BatchNorm1d', 'BatchNorm2d', 'LayerNorm', 'Flatten',
    'Unflatten', 'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'Embedding',
    'RNNBase', 'RNN', 'LSTM', 'GRU', 'MSELoss', 'L1Loss', 'SmoothL1Loss', 'HuberLoss', 'NLLLoss',
    'CrossEntropyLoss', 'BCELoss', 'BCEWithLogitsLoss',
    'Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d',
]
