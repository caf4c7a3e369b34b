# Uncaught float ZeroDivisionError inside a nested function call in an expression.
def mean(xs):
    return sum(xs) / len(xs)

def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)

print(variance([1.0, 2.0, 3.0]))
print(variance([5.0]))
