# Uncaught ZeroDivisionError inside a list comprehension in a function.
def normalise(xs):
    total = sum(xs)
    return [x / (x - 2) for x in xs]

print(normalise([4, 3]))
print(normalise([1, 2, 3]))
