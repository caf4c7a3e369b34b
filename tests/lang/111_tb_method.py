# Uncaught AttributeError inside a method.
class Model:
    def __init__(self):
        self.weights = [1, 2, 3]

    def forward(self, x):
        return self.helper(x)

    def helper(self, x):
        return x * self.bias_term

m = Model()
print('calling forward')
m.forward(2)
