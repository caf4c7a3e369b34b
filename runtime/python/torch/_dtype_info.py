# torch.iinfo / torch.finfo: the numeric limits of integer and floating dtypes (reached through torch.__getattr__).
import torch

_INT_LIMITS = {
    torch.uint8: (8, 0, 255), torch.int8: (8, -128, 127), torch.int16: (16, -32768, 32767),
    torch.int32: (32, -2147483648, 2147483647), torch.int64: (64, -9223372036854775807 - 1, 9223372036854775807),
}
# bits, eps, max, tiny (smallest normal), resolution
_FLOAT_LIMITS = {
    torch.float16: (16, 0.0009765625, 65504.0, 6.103515625e-05, 0.001),
    torch.bfloat16: (16, 0.0078125, 3.3895313892515355e+38, 1.1754943508222875e-38, 0.01),
    torch.float32: (32, 1.1920928955078125e-07, 3.4028234663852886e+38, 1.1754943508222875e-38, 1e-06),
    torch.float64: (64, 2.220446049250313e-16, 1.7976931348623157e+308, 2.2250738585072014e-308, 1e-15),
}


def _name(dtype):
    return str(dtype).split('.')[-1]


class iinfo:
    def __init__(self, type):
        if type not in _INT_LIMITS:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'")
        self.bits, self.min, self.max = _INT_LIMITS[type]
        self.dtype = _name(type)

    def __repr__(self):
        return f"iinfo(min={self.min}, max={self.max}, dtype={self.dtype})"


class finfo:
    def __init__(self, type=None):
        if type is None:
            type = torch.get_default_dtype()
        if type not in _FLOAT_LIMITS:
            raise TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'")
        self.bits, self.eps, self.max, self.tiny, self.resolution = _FLOAT_LIMITS[type]
        self.min = -self.max
        self.smallest_normal = self.tiny
        self.dtype = _name(type)

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, eps={self.eps:g}, "
                f"smallest_normal={self.smallest_normal:g}, tiny={self.tiny:g}, dtype={self.dtype})")
