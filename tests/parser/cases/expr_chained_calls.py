x = torch.randn(2, 3, device="cuda").to(dev).sum(dim=1)
loss.backward()
