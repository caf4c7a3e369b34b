class A:
    pass
class A(B):
    x = 1
    def f(self):
        return self.x
class A(B, C, metaclass=M, **kw):
    pass
class A():
    pass
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)
