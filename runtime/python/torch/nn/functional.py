"""torch.nn.functional: layer and loss functions. The fused C ops of torch._C._nn
(runtime/bind_nn.c) do the work; the _py_* compositions of basic tensor ops remain for
CUDA tensors (the fused kernels are CPU-only) and where no C op exists."""
import math
import torch

_nn = torch._C._nn

_SQRT1_2 = 0.7071067811865476


# ---------------------------------------------------------------- helpers

def _pair(v, name='kernel_size'):
    """An int or a 1/2-sequence as a 2-tuple."""
    if isinstance(v, (list, tuple)):
        if len(v) == 1:
            return (v[0], v[0])
        return (v[0], v[1])
    return (v, v)


def _shape_str(t):
    return '[' + ', '.join(str(s) for s in t.shape) + ']'


def _legacy_reduction(size_average, reduce, reduction):
    """Maps the deprecated size_average/reduce flags onto reduction."""
    if size_average is None and reduce is None:
        return reduction
    if size_average is None:
        size_average = True
    if reduce is None:
        reduce = True
    if not reduce:
        return 'none'
    return 'mean' if size_average else 'sum'


def _reduce(loss, reduction):
    if reduction == 'none':
        return loss
    if reduction == 'mean':
        return loss.mean()
    if reduction == 'sum':
        return loss.sum()
    raise ValueError('{} is not a valid value for reduction'.format(reduction))


def _check_reduction(reduction):
    if reduction not in ('none', 'mean', 'sum'):
        raise ValueError('{} is not a valid value for reduction'.format(reduction))


def _channel_view(t, ndim):
    """A per-channel (C,) tensor shaped (1, C, 1, ...) to broadcast over ndim dims."""
    return t.reshape([1, -1] + [1] * (ndim - 2))


# ---------------------------------------------------------------- activations

def relu(input, inplace=False):
    return torch.relu_(input) if inplace else torch.relu(input)


def relu_(input):
    return torch.relu_(input)


def relu6(input, inplace=False):
    return hardtanh(input, 0.0, 6.0, inplace)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    if inplace:
        return input.clamp_(min_val, max_val)
    if input.is_cuda:
        return torch.clamp(input, min_val, max_val)
    return _nn.hardtanh(input, min_val, max_val)


def _py_leaky_relu(input, negative_slope=0.01, inplace=False):
    out = torch.where(input > 0, input, input * negative_slope)
    if inplace:
        return input.copy_(out)
    return out


def _py_elu(input, alpha=1.0, inplace=False):
    out = torch.where(input > 0, input, (torch.exp(input) - 1) * alpha)
    if inplace:
        return input.copy_(out)
    return out


def _py_gelu(input, approximate='none'):
    if approximate == 'none':
        return input * 0.5 * (1.0 + torch.erf(input * _SQRT1_2))
    if approximate == 'tanh':
        beta = math.sqrt(2.0) * (2.0 / math.sqrt(math.pi)) * 0.5
        inner = beta * (input + 0.044715 * input * input * input)
        return 0.5 * input * (1.0 + torch.tanh(inner))
    raise RuntimeError("approximate argument must be either none or tanh.")


def sigmoid(input):
    return torch.sigmoid(input)


def tanh(input):
    return torch.tanh(input)


def silu(input, inplace=False):
    # the fused C op: x / (1 + exp(-x)) rounded like PyTorch, SiluBackward0
    if inplace:
        return input.copy_(torch.silu(input))
    return torch.silu(input)


def _py_softplus(input, beta=1, threshold=20):
    scaled = input * beta
    return torch.where(scaled > threshold, input, torch.log(1 + torch.exp(scaled)) / beta)


def _py_logsigmoid(input):
    return -(torch.clamp(-input, min=0) + torch.log(1 + torch.exp(-torch.abs(input))))


def _softmax_dim(ndim):
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _softmax_dim(input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return input.softmax(dim)


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    return softmax(-input, dim, _stacklevel, dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _softmax_dim(input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return input.log_softmax(dim)


def normalize(input, p=2.0, dim=1, eps=1e-12):
    norm = input.norm(p, dim, keepdim=True).clamp(min=eps)
    return input / norm.expand_as(input)


def one_hot(tensor, num_classes=-1):
    if tensor.dtype != torch.int64:
        raise RuntimeError('one_hot is only applicable to index tensor.')
    if num_classes == -1:
        num_classes = int(tensor.max().item()) + 1 if tensor.numel() > 0 else 0
    out = torch.zeros(list(tensor.shape) + [num_classes], dtype=torch.int64)
    return out.scatter_(-1, tensor.unsqueeze(-1), 1)


# ---------------------------------------------------------------- linear, dropout, embedding

def _py_linear(input, weight, bias=None):
    """y = x @ W^T + b, as addmm on the flattened batch when there is a bias."""
    if bias is not None and input.dim() == 2:
        return torch.addmm(bias, input, weight.t())
    if bias is not None and input.dim() > 2:
        lead = list(input.shape[:-1])
        flat = input.reshape(-1, input.shape[-1])
        return torch.addmm(bias, flat, weight.t()).view(lead + [weight.shape[0]])
    out = input.matmul(weight.t())
    if bias is not None:
        out = out + bias
    return out


def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError('dropout probability has to be between 0 and 1, but got {}'.format(p))


def _apply_noise(input, noise, p, inplace):
    noise.bernoulli_(1 - p)
    noise.div_(1 - p)
    if inplace:
        return input.mul_(noise)
    return input * noise


def _py_dropout(input, p=0.5, training=True, inplace=False):
    """Zeroes each element with probability p and scales the rest by 1/(1-p)."""
    _check_p(p)
    if not training or p == 0.0:
        return input
    if p == 1.0:
        return input.mul_(0) if inplace else input * torch.zeros_like(input)
    return _apply_noise(input, torch.empty_like(input), p, inplace)


def _py_dropout2d(input, p=0.5, training=True, inplace=False):
    """Zeroes whole channels (one draw per (N, C) pair)."""
    _check_p(p)
    if not training or p == 0.0:
        return input
    if p == 1.0:
        return input.mul_(0) if inplace else input * torch.zeros_like(input)
    shape = list(input.shape[:2]) + [1] * (input.dim() - 2)
    if input.dim() == 3:
        shape = [input.shape[0]] + [1, 1]
    return _apply_noise(input, input.new_empty(shape), p, inplace)


def _py_embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of weight picked by integer indices; no gradient flows to padding_idx."""
    if input.dtype not in (torch.int64, torch.int32):
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following "
                           "scalar types: Long, Int; but got {} instead (while checking arguments "
                           "for embedding)".format(input.type()))
    if padding_idx is not None and padding_idx < 0:
        padding_idx = weight.shape[0] + padding_idx
    if max_norm is not None:
        _embedding_renorm(weight, input, max_norm, norm_type)
    flat = input.reshape(-1)
    out = weight.index_select(0, flat)
    if padding_idx is not None:
        keep = (flat != padding_idx).unsqueeze(1)
        out = torch.where(keep, out, out.detach())
    return out.view(list(input.shape) + [weight.shape[1]])


def _embedding_renorm(weight, input, max_norm, norm_type):
    with torch.no_grad():
        for idx in sorted(set(input.reshape(-1).tolist())):
            row = weight[idx]
            norm = row.norm(norm_type).item()
            if norm > max_norm:
                row.mul_(max_norm / (norm + 1e-7))


# ---------------------------------------------------------------- padding and windows

def pad(input, pad, mode='constant', value=0.0):
    """Constant padding; pad lists (left, right) pairs starting from the last dim."""
    if len(pad) % 2 != 0:
        raise RuntimeError('Padding length must be divisible by 2')
    if len(pad) // 2 > input.dim():
        raise RuntimeError('Padding length too large')
    if mode != 'constant':
        raise NotImplementedError("pad: only mode='constant' is supported")
    out = input
    for i in range(len(pad) // 2):
        dim = input.dim() - 1 - i
        out = _pad_dim(out, dim, pad[2 * i], pad[2 * i + 1], value)
    return out


def _pad_dim(x, dim, before, after, value):
    if before < 0:
        x = x.narrow(dim, -before, x.shape[dim] + before)
        before = 0
    if after < 0:
        x = x.narrow(dim, 0, x.shape[dim] + after)
        after = 0
    if before == 0 and after == 0:
        return x
    parts = []
    shape = list(x.shape)
    if before > 0:
        shape[dim] = before
        parts.append(torch.full(shape, value, dtype=x.dtype, device=x.device))
    parts.append(x)
    if after > 0:
        shape[dim] = after
        parts.append(torch.full(shape, value, dtype=x.dtype, device=x.device))
    return torch.cat(parts, dim)


def _windows(x, kernel, stride, dilation, out_size):
    """Stacks the kh*kw strided views of a padded (N, C, H, W) tensor into
    (N, C, kh*kw, oh, ow), window offsets in row-major order."""
    kh, kw = kernel
    sh, sw = stride
    dh, dw = dilation
    oh, ow = out_size
    views = []
    for i in range(kh):
        r0 = i * dh
        for j in range(kw):
            c0 = j * dw
            views.append(x[:, :, r0:r0 + sh * (oh - 1) + 1:sh, c0:c0 + sw * (ow - 1) + 1:sw])
    return torch.stack(views, 2)


def _out_len(size, k, s, p, d, ceil_mode=False):
    span = size + 2 * p - d * (k - 1) - 1
    if ceil_mode:
        out = -(-span // s) + 1
        if (out - 1) * s >= size + p:
            out -= 1
        return out
    return span // s + 1


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """im2col: (N, C, H, W) -> (N, C*kh*kw, L)."""
    if input.dim() != 4:
        raise RuntimeError('Input Error: Only 4D input Tensors are supported (got {}D)'.format(
            input.dim()))
    for what, v in (('kernel_size', kernel_size), ('dilation', dilation), ('padding', padding),
                    ('stride', stride)):
        if isinstance(v, (list, tuple)) and len(v) != 2:
            raise RuntimeError('It is expected {} equals to 2, but got size {}'.format(what, len(v)))
    k, d, p, s = _pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride)
    for what, short, v, low in (('kernel size', 'kernel', k, 1), ('stride', 'stride', s, 1),
                                ('dilation', 'dilation', d, 1), ('padding', 'pad', p, 0)):
        if v[0] < low or v[1] < low:
            raise RuntimeError('{} should be {}, but got {}_height: {} {}_width: {}'.format(
                what, 'greater than zero' if low else 'non-negative', short, v[0], short, v[1]))
    n, c, h, w = input.shape
    oh = _out_len(h, k[0], s[0], p[0], d[0])
    ow = _out_len(w, k[1], s[1], p[1], d[1])
    if oh < 1 or ow < 1:
        raise RuntimeError('Given input with spatial size ({}, {}), kernel_size=({}, {}), dilation=({}, {}), '
                           'padding=({}, {}), calculated shape of the array of sliding blocks as ({}, {}), '
                           'but its components must be at least one.'.format(h, w, k[0], k[1], d[0], d[1],
                                                                               p[0], p[1], oh, ow))
    x = pad(input, (p[1], p[1], p[0], p[0]))
    cols = _windows(x, k, s, d, (oh, ow))
    return cols.reshape(n, c * k[0] * k[1], oh * ow)


# ---------------------------------------------------------------- convolution

def _conv_padding(padding, weight, dilation, stride):
    """Resolves 'same'/'valid'/int/tuple padding into ((top, bottom), (left, right))."""
    kh, kw = weight.shape[2], weight.shape[3]
    if isinstance(padding, str):
        if padding == 'valid':
            return (0, 0), (0, 0)
        if padding != 'same':
            raise RuntimeError("Invalid padding string: '{}'".format(padding))
        if stride != (1, 1):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        pads = []
        for k, d in ((kh, dilation[0]), (kw, dilation[1])):
            total = d * (k - 1)
            pads.append((total // 2, total - total // 2))
        return pads[0], pads[1]
    ph, pw = _pair(padding)
    return (ph, ph), (pw, pw)


def _py_conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D cross-correlation as im2col (strided slices) followed by a matmul."""
    if input.dim() not in (3, 4):
        raise RuntimeError('Expected 3D (unbatched) or 4D (batched) input to conv2d, but got '
                           'input of size: ' + _shape_str(input))
    unbatched = input.dim() == 3
    if unbatched:
        input = input.unsqueeze(0)
    stride, dilation = _pair(stride), _pair(dilation)
    out_ch, in_per_group, kh, kw = weight.shape
    n, c, h, w = input.shape
    if c != in_per_group * groups:
        raise RuntimeError('Given groups={}, weight of size {}, expected input{} to have {} '
                           'channels, but got {} channels instead'.format(
                               groups, _shape_str(weight), _shape_str(input),
                               in_per_group * groups, c))
    (pt, pb), (pl, pr) = _conv_padding(padding, weight, dilation, stride)
    hp, wp = h + pt + pb, w + pl + pr
    eff_h, eff_w = dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1
    if hp < eff_h or wp < eff_w:
        raise RuntimeError('Calculated padded input size per channel: ({} x {}). Kernel size: '
                           '({} x {}). Kernel size can\'t be greater than actual input size'.format(
                               hp, wp, eff_h, eff_w))
    oh = (hp - eff_h) // stride[0] + 1
    ow = (wp - eff_w) // stride[1] + 1
    x = pad(input, (pl, pr, pt, pb)) if (pt or pb or pl or pr) else input
    cols = _windows(x, (kh, kw), stride, dilation, (oh, ow))
    k = in_per_group * kh * kw
    cols = cols.reshape(n, groups, k, oh * ow)
    w2 = weight.reshape(groups, out_ch // groups, k)
    out = torch.matmul(w2, cols).reshape(n, out_ch, oh, ow)
    if bias is not None:
        out = out + bias.reshape(1, out_ch, 1, 1)
    if unbatched:
        out = out.squeeze(0)
    return out


def _py_conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-D convolution as a 2-D one over a height-1 image."""
    if input.dim() not in (2, 3):
        raise RuntimeError('Expected 2D (unbatched) or 3D (batched) input to conv1d, but got '
                           'input of size: ' + _shape_str(input))
    s = stride[0] if isinstance(stride, (list, tuple)) else stride
    d = dilation[0] if isinstance(dilation, (list, tuple)) else dilation
    if isinstance(padding, str):
        p = padding
    else:
        p = (0, padding[0] if isinstance(padding, (list, tuple)) else padding)
    out = conv2d(input.unsqueeze(-2), weight.unsqueeze(2), bias, (1, s), p, (1, d), groups)
    return out.squeeze(-2)


# ---------------------------------------------------------------- pooling

def _pool_input(input, name):
    if input.dim() not in (3, 4):
        raise RuntimeError('non-empty 3D or 4D (batch mode) tensor expected for input')
    return input.dim() == 3


def _pool_geometry(input, kernel_size, stride, padding, dilation, ceil_mode):
    k = _pair(kernel_size)
    s = k if (stride is None or stride == [] or stride == ()) else _pair(stride)
    p, d = _pair(padding), _pair(dilation)
    for i in range(2):
        if p[i] * 2 > k[i]:
            raise RuntimeError('pad should be at most half of kernel size, but got pad={} and '
                               'kernel_size={}'.format(p[i], k[i]))
    h, w = input.shape[-2], input.shape[-1]
    oh = _out_len(h, k[0], s[0], p[0], d[0], ceil_mode)
    ow = _out_len(w, k[1], s[1], p[1], d[1], ceil_mode)
    if oh <= 0 or ow <= 0:
        raise RuntimeError('Given input size: ({}x{}x{}). Calculated output size: ({}x{}x{}). '
                           'Output size is too small'.format(input.shape[-3], h, w,
                                                             input.shape[-3], oh, ow))
    # extra padding on the bottom/right so that ceil_mode windows fit
    extra_h = max(0, (oh - 1) * s[0] + d[0] * (k[0] - 1) + 1 - (h + 2 * p[0]))
    extra_w = max(0, (ow - 1) * s[1] + d[1] * (k[1] - 1) + 1 - (w + 2 * p[1]))
    return k, s, p, d, (oh, ow), (p[1], p[1] + extra_w, p[0], p[0] + extra_h)


def _py_max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    unbatched = _pool_input(input, 'max_pool2d')
    if unbatched:
        input = input.unsqueeze(0)
    k, s, p, d, out_size, pads = _pool_geometry(input, kernel_size, stride, padding, dilation,
                                                ceil_mode)
    x = pad(input, pads, value=float('-inf')) if any(pads) else input
    win = _windows(x, k, s, d, out_size)
    values, which = win.max(2)
    if unbatched:
        values = values.squeeze(0)
    if not return_indices:
        return values
    h, w = input.shape[-2], input.shape[-1]
    pos = torch.arange(h * w, device=input.device).view(1, 1, h, w)
    pos = pad(pos, pads, value=-1) if any(pads) else pos
    pos = _windows(pos, k, s, d, out_size).expand(list(win.shape))
    indices = pos.gather(2, which.unsqueeze(2)).squeeze(2)
    if unbatched:
        indices = indices.squeeze(0)
    return values, indices


def _avg_divisor(size, k, s, p, out, include_pad):
    """Per-output-position element counts along one axis."""
    counts = []
    for i in range(out):
        start = i * s - p
        end = min(start + k, size + p)
        if not include_pad:
            end = min(end, size)
            start = max(start, 0)
        counts.append(end - start)
    return counts


def _py_avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    unbatched = _pool_input(input, 'avg_pool2d')
    if unbatched:
        input = input.unsqueeze(0)
    k, s, p, d, (oh, ow), pads = _pool_geometry(input, kernel_size, stride, padding, 1,
                                                ceil_mode)
    x = pad(input, pads) if any(pads) else input
    total = _windows(x, k, s, d, (oh, ow)).sum(2)
    if divisor_override is not None:
        out = total / divisor_override
    else:
        h, w = input.shape[-2], input.shape[-1]
        rows = _avg_divisor(h, k[0], s[0], p[0], oh, count_include_pad)
        cols = _avg_divisor(w, k[1], s[1], p[1], ow, count_include_pad)
        if len(set(rows)) == 1 and len(set(cols)) == 1:
            out = total / (rows[0] * cols[0])
        else:
            div = torch.tensor([[float(r * c) for c in cols] for r in rows], dtype=total.dtype)
            out = total / div
    if unbatched:
        out = out.squeeze(0)
    return out


def _adaptive_bounds(size, out):
    return [((i * size) // out, -(-((i + 1) * size) // out)) for i in range(out)]


def _adaptive_sizes(input, output_size):
    oh, ow = _pair(output_size)
    if oh is None:
        oh = input.shape[-2]
    if ow is None:
        ow = input.shape[-1]
    return oh, ow


def _adaptive_pool(input, output_size, reduce, name='adaptive_max_pool2d'):
    if input.dim() not in (3, 4):
        raise RuntimeError(name + '(): Expected 3D or 4D tensor, but got' +
                           (': ' if name == 'adaptive_max_pool2d' else ' ') + _shape_str(input))
    for d in range(1, input.dim()):
        if input.shape[d] == 0:
            raise RuntimeError(name + '(): Expected input to have non-zero size for '
                               'non-batch dimensions, but input has sizes ' + _shape_str(input) +
                               ' with dimension ' + str(d) + ' being empty')
    oh, ow = _adaptive_sizes(input, output_size)
    # PyTorch allocates the output first: negative or overflowing sizes fail here, not in a loop
    torch.empty(list(input.shape[:-2]) + [oh, ow], dtype=torch.bool, device=input.device)
    x = input
    for axis, out in ((-2, oh), (-1, ow)):
        size = x.shape[axis]
        if out == size:
            continue
        parts = [reduce(x.narrow(axis, a, b - a), axis) for a, b in _adaptive_bounds(size, out)]
        x = torch.cat(parts, axis) if len(parts) > 1 else parts[0]
    return x


def _py_adaptive_avg_pool2d(input, output_size):
    """Mean over adaptive windows; windows are products of row and column ranges,
    so rows and columns are pooled one after the other."""
    oh, ow = _adaptive_sizes(input, output_size)
    h, w = input.shape[-2], input.shape[-1]
    if input.dim() in (3, 4) and h % oh == 0 and w % ow == 0:
        lead = list(input.shape[:-2])
        x = input.reshape(lead + [oh, h // oh, ow, w // ow])
        nd = x.dim()
        return x.mean((nd - 3, nd - 1))
    return _adaptive_pool(input, (oh, ow), lambda t, axis: t.mean(axis, keepdim=True),
                          'adaptive_avg_pool2d')


def adaptive_max_pool2d(input, output_size, return_indices=False):
    if return_indices:
        raise NotImplementedError('adaptive_max_pool2d: return_indices is not supported')
    return _adaptive_pool(input, output_size, lambda t, axis: t.amax(axis, keepdim=True))


# ---------------------------------------------------------------- normalization

def _py_batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Normalizes over every dim but 1; in training also updates the running stats."""
    dims = [0] + list(range(2, input.dim()))
    if training:
        count = 1
        for dim in dims:
            count *= input.shape[dim]
        if count == 1:
            raise ValueError('Expected more than 1 value per channel when training, got input '
                             'size {}'.format(input.size()))
        mean = input.mean(dims)
        var = input.var(dims, unbiased=False)
        if running_mean is not None:
            with torch.no_grad():
                running_mean.copy_(momentum * mean + (1 - momentum) * running_mean)
        if running_var is not None:
            with torch.no_grad():
                unbiased = var * (count / (count - 1))
                running_var.copy_(momentum * unbiased + (1 - momentum) * running_var)
    else:
        mean, var = running_mean, running_var
    nd = input.dim()
    out = (input - _channel_view(mean, nd)) * _channel_view(torch.rsqrt(var + eps), nd)
    if weight is not None:
        out = out * _channel_view(weight, nd)
    if bias is not None:
        out = out + _channel_view(bias, nd)
    return out


def _py_layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalizes over the trailing dims given by normalized_shape."""
    shape = list(normalized_shape) if isinstance(normalized_shape, (list, tuple)) \
        else [normalized_shape]
    k = len(shape)
    if input.dim() < k or list(input.shape[input.dim() - k:]) != shape:
        raise RuntimeError('Given normalized_shape={}, expected input with shape [*, {}], but '
                           'got input of size{}'.format(
                               '[' + ', '.join(str(s) for s in shape) + ']',
                               ', '.join(str(s) for s in shape), _shape_str(input)))
    dims = list(range(input.dim() - k, input.dim()))
    mean = input.mean(dims, keepdim=True)
    var = input.var(dims, unbiased=False, keepdim=True)
    out = (input - mean) * torch.rsqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


# ---------------------------------------------------------------- losses

def _check_long_target(target):
    if target.dtype != torch.int64:
        raise RuntimeError('expected scalar type Long but found {}'.format(_scalar_name(target)))


_SCALAR_NAMES = {}


def _scalar_name(t):
    """The ATen scalar type name of a tensor's dtype ('Float', 'Int', ...)."""
    if not _SCALAR_NAMES:
        for dt, name in ((torch.float32, 'Float'), (torch.float64, 'Double'),
                         (torch.float16, 'Half'), (torch.bfloat16, 'BFloat16'),
                         (torch.int64, 'Long'), (torch.int32, 'Int'), (torch.int16, 'Short'),
                         (torch.int8, 'Char'), (torch.uint8, 'Byte'), (torch.bool, 'Bool')):
            _SCALAR_NAMES[str(dt)] = name
    return _SCALAR_NAMES.get(str(t.dtype), str(t.dtype))


def _nll_prepare(input, target):
    """Checks shapes; returns (input, target, unbatched) with a batch dim."""
    if input.dim() < 1:
        raise ValueError('Expected 1 or more dimensions (got {})'.format(input.dim()))
    unbatched = input.dim() == 1
    if unbatched:
        if target.dim() != 0:
            raise RuntimeError('0D or 1D target tensor expected, multi-target not supported')
        input = input.unsqueeze(0)
        target = target.unsqueeze(0)
    elif input.shape[0] != target.shape[0]:
        raise ValueError('Expected input batch_size ({}) to match target batch_size ({}).'.format(
            input.shape[0], target.shape[0]))
    return input, target, unbatched


def _nll_terms(input, target, weight, ignore_index):
    """Per-element -w[t] * input[t] and the per-element weights (0 where ignored)."""
    _check_long_target(target)
    n_classes = input.shape[1]
    valid = target != ignore_index
    safe = target.masked_fill(~valid, 0)
    bad = (safe < 0) | (safe >= n_classes)
    if bad.any().item():
        raise IndexError('Target {} is out of bounds.'.format(
            int(torch.masked_select(safe, bad)[0].item())))
    picked = input.gather(1, safe.unsqueeze(1)).squeeze(1)
    w = valid.to(input.dtype)
    if weight is not None:
        w = w * weight.index_select(0, safe.reshape(-1)).view(safe.shape)
    return -picked * w, w


def _py_nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction='mean'):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    input, target, unbatched = _nll_prepare(input, target)
    loss, w = _nll_terms(input, target, weight, ignore_index)
    if reduction == 'none':
        return loss.squeeze(0) if unbatched else loss
    if reduction == 'sum':
        return loss.sum()
    return loss.sum() / w.sum()


def _py_cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100,
                  reduce=None, reduction='mean', label_smoothing=0.0):
    """log_softmax over dim 1 followed by nll_loss (class indices) or a soft-target sum
    (class probabilities); optional label smoothing."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if label_smoothing < 0.0 or label_smoothing > 1.0:
        raise RuntimeError('label_smoothing must be between 0.0 and 1.0. Got: {}'.format(
            label_smoothing))
    class_dim = 0 if input.dim() == 1 else 1
    logp = input.log_softmax(class_dim)
    if target.is_floating_point() and target.shape == input.shape:
        return _soft_cross_entropy(logp, target, weight, reduction, label_smoothing, class_dim)
    if label_smoothing == 0.0:
        return nll_loss(logp, target, weight, None, ignore_index, None, reduction)
    logp, target, unbatched = _nll_prepare(logp, target)
    n_classes = logp.shape[1]
    nll, w = _nll_terms(logp, target, weight, ignore_index)
    ignored = target == ignore_index
    if weight is not None:
        smooth = -(logp * _channel_view(weight, logp.dim())).sum(1)
    else:
        smooth = -logp.sum(1)
    smooth = smooth.masked_fill(ignored, 0.0)
    if reduction == 'none':
        loss = nll * (1 - label_smoothing) + smooth * (label_smoothing / n_classes)
        return loss.squeeze(0) if unbatched else loss
    if reduction == 'sum':
        nll_r, smooth_r = nll.sum(), smooth.sum()
    else:
        nll_r = nll.sum() / w.sum()
        if weight is not None:
            smooth_r = smooth.sum() / w.sum()
        else:
            smooth_r = smooth.sum() / (~ignored).sum()
    return nll_r * (1 - label_smoothing) + smooth_r * (label_smoothing / n_classes)


def _soft_cross_entropy(logp, target, weight, reduction, label_smoothing, class_dim):
    n_classes = logp.shape[class_dim]
    if label_smoothing > 0.0:
        target = target * (1 - label_smoothing) + label_smoothing / n_classes
    terms = logp * target
    if weight is not None:
        terms = terms * (_channel_view(weight, logp.dim()) if class_dim == 1 else weight)
    if reduction == 'none':
        return -terms.sum(class_dim)
    if reduction == 'sum':
        return -terms.sum()
    return -terms.sum() / (logp.numel() // n_classes)


def _py_mse_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    diff = input - target
    return _reduce(diff * diff, reduction)


def _py_l1_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    return _reduce(torch.abs(input - target), reduction)


def _py_smooth_l1_loss(input, target, size_average=None, reduce=None, reduction='mean', beta=1.0):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if beta < 0:
        raise RuntimeError('smooth_l1_loss does not support negative values for beta.')
    z = torch.abs(input - target)
    if beta == 0.0:
        return _reduce(z, reduction)
    return _reduce(torch.where(z < beta, 0.5 * z * z / beta, z - 0.5 * beta), reduction)


def _py_huber_loss(input, target, reduction='mean', delta=1.0):
    _check_reduction(reduction)
    z = torch.abs(input - target)
    return _reduce(torch.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta)), reduction)


def _py_binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction='mean'):
    """-(t*log(x) + (1-t)*log(1-x)), each log clamped to >= -100."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if target.size() != input.size():
        raise ValueError('Using a target size ({}) that is different to the input size ({}) is '
                         'deprecated. Please ensure they have the same size.'.format(
                             target.size(), input.size()))
    if ((input < 0) | (input > 1)).any().item():
        raise RuntimeError('all elements of input should be between 0 and 1')
    log_x = torch.clamp(torch.log(input), min=-100)
    log_1mx = torch.clamp(torch.log(1 - input), min=-100)
    loss = (target - 1) * log_1mx - target * log_x
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def _py_binary_cross_entropy_with_logits(input, target, weight=None, size_average=None,
                                     reduce=None, reduction='mean', pos_weight=None):
    """Sigmoid + BCE in the numerically stable log-sum-exp form."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if target.size() != input.size():
        raise ValueError('Target size ({}) must be the same as input size ({})'.format(
            target.size(), input.size()))
    max_val = torch.clamp(-input, min=0)
    log_sum = torch.log(torch.exp(-max_val) + torch.exp(-input - max_val))
    if pos_weight is not None:
        log_weight = (pos_weight - 1) * target + 1
        loss = (1 - target) * input + log_weight * (log_sum + max_val)
    else:
        loss = (1 - target) * input + max_val + log_sum
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


# ---------------------------------------------------------------- the fused C ops
# Each routes CPU tensors to torch._C._nn (PyTorch's grad_fn names and messages) and CUDA
# tensors to the _py_* composition above.

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def leaky_relu(input, negative_slope=0.01, inplace=False):
    if input.is_cuda:
        return _py_leaky_relu(input, negative_slope, inplace)
    out = _nn.leaky_relu(input, negative_slope)
    return input.copy_(out) if inplace else out


def elu(input, alpha=1.0, inplace=False):
    if input.is_cuda:
        return _py_elu(input, alpha, inplace)
    out = _nn.elu(input, alpha, 1.0, 1.0)
    return input.copy_(out) if inplace else out


def selu(input, inplace=False):
    out = _nn.elu(input, _SELU_ALPHA, _SELU_SCALE, 1.0)
    return input.copy_(out) if inplace else out


def celu(input, alpha=1.0, inplace=False):
    out = _nn.celu(input, alpha)
    return input.copy_(out) if inplace else out


def gelu(input, approximate='none'):
    if input.is_cuda:
        return _py_gelu(input, approximate)
    return _nn.gelu(input, approximate)


def softplus(input, beta=1, threshold=20):
    if input.is_cuda:
        return _py_softplus(input, beta, threshold)
    return _nn.softplus(input, beta, threshold)


def logsigmoid(input):
    if input.is_cuda:
        return _py_logsigmoid(input)
    return _nn.log_sigmoid(input)


def hardsigmoid(input, inplace=False):
    out = _nn.hardsigmoid(input)
    return input.copy_(out) if inplace else out


def hardswish(input, inplace=False):
    out = _nn.hardswish(input)
    return input.copy_(out) if inplace else out


def mish(input, inplace=False):
    out = _nn.mish(input)
    return input.copy_(out) if inplace else out


def hardshrink(input, lambd=0.5):
    return _nn.hardshrink(input, lambd)


def softshrink(input, lambd=0.5):
    return _nn.softshrink(input, lambd)


def linear(input, weight, bias=None):
    if input.is_cuda:
        return _py_linear(input, weight, bias)
    return _nn.linear(input, weight, bias)


def dropout(input, p=0.5, training=True, inplace=False):
    if inplace or input.is_cuda:
        return _py_dropout(input, p, training, inplace)
    _check_p(p)
    if not training or p == 0.0:
        return input
    return _nn.dropout(input, p, training)


def dropout2d(input, p=0.5, training=True, inplace=False):
    if inplace or input.is_cuda:
        return _py_dropout2d(input, p, training, inplace)
    _check_p(p)
    if not training or p == 0.0:
        return input
    if input.dim() == 3:  # unbatched (C, H, W): one draw per channel
        return _nn.feature_dropout(input.unsqueeze(0), p, training).squeeze(0)
    return _nn.feature_dropout(input, p, training)


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of weight picked by integer indices; no gradient flows to padding_idx."""
    if weight.is_cuda:
        return _py_embedding(input, weight, padding_idx, max_norm, norm_type,
                             scale_grad_by_freq, sparse)
    if max_norm is not None:
        if input.dtype not in (torch.int64, torch.int32):
            return _nn.embedding(input, weight, padding_idx)   # the dtype error
        _embedding_renorm(weight, input, max_norm, norm_type)
    return _nn.embedding(input, weight, padding_idx)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    if input.is_cuda:
        return _py_conv2d(input, weight, bias, stride, padding, dilation, groups)
    return _nn.conv2d(input, weight, bias, stride, padding, dilation, groups)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    if input.is_cuda:
        return _py_conv1d(input, weight, bias, stride, padding, dilation, groups)
    return _nn.conv1d(input, weight, bias, stride, padding, dilation, groups)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    if input.is_cuda:
        return _py_max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode,
                              return_indices)
    return _nn.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode,
                          return_indices)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    if input.is_cuda:
        return _py_avg_pool2d(input, kernel_size, stride, padding, ceil_mode,
                              count_include_pad, divisor_override)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError('divisor must be not zero')
    return _nn.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                          divisor_override)


def adaptive_avg_pool2d(input, output_size):
    if input.is_cuda:
        return _py_adaptive_avg_pool2d(input, output_size)
    oh, ow = _pair(output_size)
    return _nn.adaptive_avg_pool2d(input, (0 if oh is None else oh, 0 if ow is None else ow))


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    if input.is_cuda:
        return _py_batch_norm(input, running_mean, running_var, weight, bias, training,
                              momentum, eps)
    return _nn.batch_norm(input, running_mean, running_var, weight, bias, training, momentum,
                          eps)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    if input.is_cuda:
        return _py_layer_norm(input, normalized_shape, weight, bias, eps)
    return _nn.layer_norm(input, normalized_shape, weight, bias, eps)


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction='mean'):
    if input.is_cuda:
        return _py_nll_loss(input, target, weight, size_average, ignore_index, reduce,
                            reduction)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if input.dim() < 1:
        raise ValueError('Expected 1 or more dimensions (got {})'.format(input.dim()))
    return _nn.nll_loss(input, target, weight, reduction, ignore_index)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100,
                  reduce=None, reduction='mean', label_smoothing=0.0):
    if input.is_cuda:
        return _py_cross_entropy(input, target, weight, size_average, ignore_index, reduce,
                                 reduction, label_smoothing)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    return _nn.cross_entropy(input, target, weight, reduction, ignore_index, label_smoothing)


def mse_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    if input.is_cuda:
        return _py_mse_loss(input, target, size_average, reduce, reduction)
    return _nn.mse_loss(input, target, _legacy_reduction(size_average, reduce, reduction))


def l1_loss(input, target, size_average=None, reduce=None, reduction='mean'):
    if input.is_cuda:
        return _py_l1_loss(input, target, size_average, reduce, reduction)
    return _nn.l1_loss(input, target, _legacy_reduction(size_average, reduce, reduction))


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction='mean', beta=1.0):
    if input.is_cuda:
        return _py_smooth_l1_loss(input, target, size_average, reduce, reduction, beta)
    return _nn.smooth_l1_loss(input, target, _legacy_reduction(size_average, reduce, reduction),
                              beta)


def huber_loss(input, target, reduction='mean', delta=1.0):
    if input.is_cuda:
        return _py_huber_loss(input, target, reduction, delta)
    return _nn.huber_loss(input, target, reduction, delta)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction='mean'):
    if input.is_cuda:
        return _py_binary_cross_entropy(input, target, weight, size_average, reduce, reduction)
    return _nn.binary_cross_entropy(input, target, weight,
                                    _legacy_reduction(size_average, reduce, reduction))


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None,
                                     reduce=None, reduction='mean', pos_weight=None):
    if input.is_cuda:
        return _py_binary_cross_entropy_with_logits(input, target, weight, size_average, reduce,
                                                    reduction, pos_weight)
    return _nn.binary_cross_entropy_with_logits(
        input, target, weight, pos_weight, _legacy_reduction(size_average, reduce, reduction))


# ---------------------------------------------------------------- interpolate (torch._C._nn.upsample)

_INTERP_MODES = ('nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact')


def _interp_sizes(input, size, scale_factor, dim):
    """(output_size, scale_factors) as F.interpolate hands them to the upsample ops."""
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {list(input.shape[2:])} and output size of {size}. "
                    "Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                    "output size in (o1, o2, ...,oK) format.")
            return list(size), None
        return [size for _ in range(dim)], None
    if scale_factor is not None:
        if isinstance(scale_factor, (list, tuple)):
            if len(scale_factor) != dim:
                raise ValueError(
                    "Input and scale_factor must have the same number of spatial dimensions, but "
                    f"got input with spatial dimensions of {list(input.shape[2:])} and "
                    f"scale_factor of shape {scale_factor}. "
                    "Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                    "scale_factor in (s1, s2, ...,sK) format.")
            return None, list(scale_factor)
        return None, [scale_factor for _ in range(dim)]
    raise ValueError("either size or scale_factor should be defined")


def _interp_wrong_rank(nd, mode):
    need = {'linear': 3, 'bilinear': 4, 'trilinear': 5}
    if mode in need and nd in (3, 4, 5) and nd != need[mode]:
        raise NotImplementedError("Got %dD input, but %s mode needs %dD input" % (nd, mode, need[mode]))
    raise NotImplementedError(
        "Input Error: Only 3D, 4D and 5D input Tensors supported"
        " (got {}D) for the modes: {} (got {})".format(nd, _INTERP_MODES, mode))


def interpolate(input, size=None, scale_factor=None, mode='nearest', align_corners=None,
                recompute_scale_factor=None, antialias=False):
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the "
                             "interpolating modes: linear | bilinear | bicubic | trilinear")
    elif align_corners is None:
        align_corners = False
    dim = input.dim() - 2
    output_size, scale_factors = _interp_sizes(input, size, scale_factor, dim)
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if mode == "area" and output_size is None:
        recompute_scale_factor = True
    if recompute_scale_factor:
        output_size = [int(math.floor(float(input.size(i + 2)) * scale_factors[i])) for i in range(dim)]
        scale_factors = None
    if antialias and not (mode in ("bilinear", "bicubic") and input.ndim == 4):
        raise ValueError("Anti-alias option is only supported for bilinear and bicubic modes")
    nd = input.dim()
    if mode == "area" and nd == 4:
        return adaptive_avg_pool2d(input, output_size)
    built = (mode == 'nearest' and nd in (3, 4)) or (mode == 'bilinear' and nd == 4)
    if not built:
        known = mode in ('nearest', 'nearest-exact', 'area', 'linear', 'bilinear', 'bicubic', 'trilinear')
        if known and (mode, nd) in (('nearest', 5), ('nearest-exact', 3), ('nearest-exact', 4),
                                   ('nearest-exact', 5), ('area', 3), ('area', 5), ('linear', 3),
                                   ('trilinear', 5), ('bicubic', 4)):
            raise NotImplementedError("F.interpolate: mode '%s' on %dD input is not built in wick yet" % (mode, nd))
        _interp_wrong_rank(nd, mode)
    if antialias:
        raise NotImplementedError("F.interpolate: antialias=True is not built in wick yet")
    if input.is_cuda:
        raise NotImplementedError("F.interpolate: CUDA tensors are not supported by wick's upsampling yet")
    sc = scale_factors if scale_factors is not None else [0.0, 0.0]
    if len(sc) == 1:
        sc = [0.0, sc[0]]
    sc = [0.0 if s is None else float(s) for s in sc]
    return _nn.upsample(input, output_size if output_size is not None else [], sc[0], sc[1],
                        mode == 'bilinear', bool(align_corners))


def upsample(input, size=None, scale_factor=None, mode='nearest', align_corners=None):
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    return interpolate(input, size, scale_factor, mode='nearest')


def upsample_bilinear(input, size=None, scale_factor=None):
    return interpolate(input, size, scale_factor, mode='bilinear', align_corners=True)
