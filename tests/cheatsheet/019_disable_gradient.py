# Cheat sheet "Disable Gradient" (glue: seed, CPU fallback for device=0, a model for predict, show).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.randn(3, requires_grad=True, device=0)
x = torch.randn(3, requires_grad=True)  # glue: CPU fallback
with torch.no_grad():
    y = x + 1
    print(y)

with torch.inference_mode():
    y = x * 2
show(y)  # glue
show(y.requires_grad)  # glue

model = torch.nn.Linear(3, 2)  # glue: the model predict() calls


@torch.no_grad()
def predict(x):
    return model(x)


show(predict(x))  # glue
show(model(x).grad_fn is not None)  # glue: outside predict, autograd records
