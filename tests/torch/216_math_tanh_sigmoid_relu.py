# Math: tanh / sigmoid / relu (functional, method, in-place) over float, int and special values
import torch

x = torch.tensor([-100., -20., -1., -0., 0., 0.5, 1., 20., 100., float('inf'), float('-inf'), float('nan')])
print(torch.tanh(x))
print(torch.sigmoid(x))
print(torch.relu(x))
print(torch.tanh(x.double()), torch.sigmoid(x.double()))
print(x.sigmoid().tolist()[2:8], x.tanh().tolist()[2:8])
i = torch.tensor([-2, 0, 3])
print(torch.tanh(i), torch.sigmoid(i), torch.relu(i), torch.relu(i).dtype)
print(torch.relu(torch.tensor([-1, 5], dtype=torch.int8)), torch.nn.functional.relu(torch.tensor([-0.5, 0.5])))
y = torch.tensor([-1., 2.])
print(y.relu_(), y, torch.tensor([0.]).sigmoid_(), torch.tensor([1.]).tanh_())
try:
    print(torch.relu(torch.tensor([True, False])))
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.sigmoid(torch.tensor([True, False])))
