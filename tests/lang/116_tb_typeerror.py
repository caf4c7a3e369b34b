# Uncaught TypeError from an unsupported operand.
def total(items):
    acc = 0
    for it in items:
        acc = acc + it
    return acc

print(total([1, 2, 3]))
print(total([1, '2', 3]))
