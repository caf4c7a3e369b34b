"""torch.nn: modules, parameters, functional, init (written in the wick language)."""
from torch.nn.parameter import Parameter
from torch.nn.modules import *
from torch.nn import functional
from torch.nn import init
from torch.nn import utils
from torch.nn import parallel
