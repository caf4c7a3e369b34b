# Uncaught user-defined exception raised from a method deep in a class.
class ShapeError(ValueError):
    pass

class Layer:
    def __init__(self, n_in, n_out):
        self.n_in, self.n_out = n_in, n_out

    def check(self, x):
        if len(x) != self.n_in:
            raise ShapeError('expected %d inputs, got %d' % (self.n_in, len(x)))
        return x

class Net:
    def __init__(self):
        self.layers = [Layer(3, 2), Layer(2, 1)]

    def __call__(self, x):
        for layer in self.layers:
            x = layer.check(x)[:layer.n_out]
        return x

net = Net()
print(net([1, 2, 3]))
print(net([1, 2]))
