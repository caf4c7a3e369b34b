# Cheat sheet "Learning Rate Scheduler" (glue: an optimizer, num_epochs, train/validate stand-ins; lr shown per epoch).
import torch  # glue
from torch.optim.lr_scheduler import StepLR, ReduceLROnPlateau

optimizer = torch.optim.SGD([torch.zeros(2, requires_grad=True)], lr=1.0)  # glue
num_epochs = 40  # glue
val_losses = [1.0 - 0.01 * min(e, 5) for e in range(num_epochs)]  # glue: improves, then plateaus


def train(_):  # glue: the snippet calls train(...) with Ellipsis
    pass


def validate(_):  # glue
    return val_losses[epoch]


scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
print(scheduler.get_last_lr())  # glue
scheduler = ReduceLROnPlateau(optimizer, mode='min', patience=10)

for epoch in range(num_epochs):
    train(...)
    val_loss = validate(...)
    scheduler.step(val_loss)
    print(epoch, optimizer.param_groups[0]['lr'])  # glue
