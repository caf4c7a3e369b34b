y = x[:, 0, ...]
y = x[mask]
y = x[None, :, None]
x[x > 0] = 0
y = w.T @ x + b
