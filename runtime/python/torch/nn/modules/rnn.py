"""Recurrent layers: RNN, LSTM, GRU (multi-layer, bidirectional, batch_first)."""
import math
import torch
from torch.nn.parameter import Parameter
from torch.nn.modules.module import Module
from torch.nn.modules import _utils
import torch.nn.functional as F
import torch.nn.init as init

_GATES = {'LSTM': 4, 'GRU': 3, 'RNN_TANH': 1, 'RNN_RELU': 1}


def _lstm_cell(xw, hw, h, c):
    i, f, g, o = (xw + hw).chunk(4, 1)
    i = torch.sigmoid(i)
    f = torch.sigmoid(f)
    g = torch.tanh(g)
    o = torch.sigmoid(o)
    c = f * c + i * g
    return o * torch.tanh(c), c


def _gru_cell(xw, hw, h, c):
    xr, xz, xn = xw.chunk(3, 1)
    hr, hz, hn = hw.chunk(3, 1)
    r = torch.sigmoid(xr + hr)
    z = torch.sigmoid(xz + hz)
    n = torch.tanh(xn + r * hn)
    return n + z * (h - n), None


def _tanh_cell(xw, hw, h, c):
    return torch.tanh(xw + hw), None


def _relu_cell(xw, hw, h, c):
    return torch.relu(xw + hw), None


_CELLS = {'LSTM': _lstm_cell, 'GRU': _gru_cell, 'RNN_TANH': _tanh_cell, 'RNN_RELU': _relu_cell}


class RNNBase(Module):
    """Parameters, initialisation and the time loop shared by RNN, LSTM and GRU."""

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True,
                 batch_first=False, dropout=0.0, bidirectional=False, proj_size=0,
                 device=None, dtype=None):
        super().__init__()
        if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or \
                not 0 <= dropout <= 1:
            raise ValueError('dropout should be a number in range [0, 1] representing the '
                             'probability of an element being zeroed')
        if proj_size < 0:
            raise ValueError('proj_size should be a positive integer or zero to disable '
                             'projections')
        if proj_size >= hidden_size:
            raise ValueError('proj_size has to be smaller than hidden_size')
        if mode not in _GATES:
            raise ValueError('Unrecognized RNN mode: ' + mode)
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        directions = 2 if bidirectional else 1
        gate_size = _GATES[mode] * hidden_size
        real_hidden = proj_size if proj_size > 0 else hidden_size
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(directions):
                layer_input = input_size if layer == 0 else real_hidden * directions
                suffix = '_reverse' if direction == 1 else ''
                shapes = [('weight_ih_l{}{}', (gate_size, layer_input)),
                          ('weight_hh_l{}{}', (gate_size, real_hidden))]
                if bias:
                    shapes += [('bias_ih_l{}{}', (gate_size,)), ('bias_hh_l{}{}', (gate_size,))]
                if proj_size > 0:
                    shapes.append(('weight_hr_l{}{}', (proj_size, hidden_size)))
                names = []
                for pattern, shape in shapes:
                    name = pattern.format(layer, suffix)
                    setattr(self, name, Parameter(_utils.empty(shape, device, dtype)))
                    names.append(name)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def flatten_parameters(self):
        pass

    @property
    def all_weights(self):
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def extra_repr(self):
        s = '{}, {}'.format(self.input_size, self.hidden_size)
        if self.proj_size != 0:
            s += ', proj_size={}'.format(self.proj_size)
        if self.num_layers != 1:
            s += ', num_layers={}'.format(self.num_layers)
        if self.bias is not True:
            s += ', bias={}'.format(self.bias)
        if self.batch_first is not False:
            s += ', batch_first={}'.format(self.batch_first)
        if self.dropout != 0:
            s += ', dropout={}'.format(self.dropout)
        if self.bidirectional is not False:
            s += ', bidirectional={}'.format(self.bidirectional)
        return s

    # ---- forward machinery

    def _prepare_input(self, input):
        batched = input.dim() == 3
        if not batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
        if input.dim() != 3:
            raise RuntimeError('input must have 3 dimensions, got {}'.format(input.dim()))
        if self.input_size != input.size(-1):
            raise RuntimeError('input.size(-1) must be equal to input_size. Expected {}, '
                               'got {}'.format(self.input_size, input.size(-1)))
        if self.batch_first:
            input = input.transpose(0, 1)
        return input, batched

    def _hidden_shape(self, batch, size):
        return (self.num_layers * (2 if self.bidirectional else 1), batch, size)

    def _check_hidden(self, hx, expected, msg):
        if tuple(hx.size()) != expected:
            raise RuntimeError(msg.format(expected, list(hx.size())))

    def _run(self, input, h0, c0):
        """input (T, N, I); h0/c0 (L*D, N, H). Returns output, h_n, c_n. LSTM and GRU on CPU
        run the fused C ops (runtime/ops_nn_rnn.c: PyTorch's float32 arithmetic, one autograd
        node per layer and direction), as do RNN tanh/relu; CUDA tensors run the time loop
        below."""
        if not input.is_cuda:
            params = [getattr(self, name) for name in self._flat_weights_names]
            args = (params, self.bias, self.num_layers, self.dropout, self.training,
                    bool(self.bidirectional), False)
            if self.mode == 'LSTM':
                return torch._C._nn.lstm(input, h0, c0, *args)
            op = {'GRU': torch._C._nn.gru, 'RNN_TANH': torch._C._nn.rnn_tanh,
                  'RNN_RELU': torch._C._nn.rnn_relu}[self.mode]
            output, h_n = op(input, h0, *args)
            return output, h_n, None
        cell = _CELLS[self.mode]
        directions = 2 if self.bidirectional else 1
        layer_input = input
        h_out, c_out = [], []
        for layer in range(self.num_layers):
            outs = []
            for direction in range(directions):
                k = layer * directions + direction
                params = [getattr(self, name) for name in self._all_weights[k]]
                c_init = c0[k] if c0 is not None else None
                out, h, c = self._direction(layer_input, h0[k], c_init, params, cell,
                                            direction == 1)
                outs.append(out)
                h_out.append(h)
                c_out.append(c)
            layer_input = torch.cat(outs, 2) if directions == 2 else outs[0]
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        c_n = torch.stack(c_out, 0) if c0 is not None else None
        return layer_input, torch.stack(h_out, 0), c_n

    def _direction(self, x, h, c, params, cell, reverse):
        w_ih, w_hh = params[0], params[1]
        b_ih = params[2] if self.bias else None
        b_hh = params[3] if self.bias else None
        w_hr = params[-1] if self.proj_size > 0 else None
        xw = F.linear(x, w_ih, b_ih)
        steps = x.shape[0]
        outs = [None] * steps
        order = range(steps - 1, -1, -1) if reverse else range(steps)
        for t in order:
            h, c = cell(xw[t], F.linear(h, w_hh, b_hh), h, c)
            if w_hr is not None:
                h = F.linear(h, w_hr)
            outs[t] = h
        if steps == 0:
            return x.new_zeros((0, x.shape[1], h.shape[-1])), h, c
        return torch.stack(outs, 0), h, c

    def _finish(self, output, batched):
        if self.batch_first:
            output = output.transpose(0, 1)
        if not batched:
            output = output.squeeze(0 if self.batch_first else 1)
        return output


class _SingleStateRNN(RNNBase):
    """RNN and GRU: one hidden state tensor."""

    def forward(self, input, hx=None):
        input, batched = self._prepare_input(input)
        batch = input.shape[1]
        if hx is None:
            hx = torch.zeros(self._hidden_shape(batch, self.hidden_size), dtype=input.dtype,
                             device=input.device)
        elif batched:
            if hx.dim() != 3:
                raise RuntimeError('For batched 3-D input, hx should also be 3-D but got '
                                   '{}-D tensor'.format(hx.dim()))
        else:
            if hx.dim() != 2:
                raise RuntimeError('For unbatched 2-D input, hx should also be 2-D but got '
                                   '{}-D tensor'.format(hx.dim()))
            hx = hx.unsqueeze(1)
        self._check_hidden(hx, self._hidden_shape(batch, self.hidden_size),
                           'Expected hidden size {}, got {}')
        output, h_n, _ = self._run(input, hx, None)
        if not batched:
            h_n = h_n.squeeze(1)
        return self._finish(output, batched), h_n


class RNN(_SingleStateRNN):
    def __init__(self, *args, **kwargs):
        nonlinearity = kwargs.pop('nonlinearity', 'tanh')
        if len(args) > 3:
            nonlinearity = args[3]
            args = args[:3] + args[4:]
        if nonlinearity == 'tanh':
            mode = 'RNN_TANH'
        elif nonlinearity == 'relu':
            mode = 'RNN_RELU'
        else:
            raise ValueError("Unknown nonlinearity '{}'".format(nonlinearity))
        if kwargs.get('proj_size', 0) != 0:
            raise ValueError('proj_size argument is only supported for LSTM, not RNN or GRU')
        self.nonlinearity = nonlinearity
        super().__init__(mode, *args, **kwargs)


class GRU(_SingleStateRNN):
    def __init__(self, *args, **kwargs):
        if kwargs.get('proj_size', 0) != 0:
            raise ValueError('proj_size argument is only supported for LSTM, not RNN or GRU')
        super().__init__('GRU', *args, **kwargs)


class LSTM(RNNBase):
    """Returns (output, (h_n, c_n))."""

    def __init__(self, *args, **kwargs):
        super().__init__('LSTM', *args, **kwargs)

    def forward(self, input, hx=None):
        input, batched = self._prepare_input(input)
        batch = input.shape[1]
        real_hidden = self.proj_size if self.proj_size > 0 else self.hidden_size
        if hx is None:
            h0 = torch.zeros(self._hidden_shape(batch, real_hidden), dtype=input.dtype,
                             device=input.device)
            c0 = torch.zeros(self._hidden_shape(batch, self.hidden_size), dtype=input.dtype,
                             device=input.device)
        else:
            h0, c0 = hx
            want = 3 if batched else 2
            if h0.dim() != want or c0.dim() != want:
                raise RuntimeError('For {} input, hx and cx should also be {} but got ({}-D, '
                                   '{}-D) tensors'.format(
                                       'batched 3-D' if batched else 'unbatched 2-D',
                                       '3-D' if batched else '2-D', h0.dim(), c0.dim()))
            if not batched:
                h0, c0 = h0.unsqueeze(1), c0.unsqueeze(1)
        self._check_hidden(h0, self._hidden_shape(batch, real_hidden),
                           'Expected hidden[0] size {}, got {}')
        self._check_hidden(c0, self._hidden_shape(batch, self.hidden_size),
                           'Expected hidden[1] size {}, got {}')
        output, h_n, c_n = self._run(input, h0, c0)
        if not batched:
            h_n, c_n = h_n.squeeze(1), c_n.squeeze(1)
        return self._finish(output, batched), (h_n, c_n)
