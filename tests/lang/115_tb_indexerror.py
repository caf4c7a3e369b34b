# Uncaught IndexError at module level inside a loop.
data = [10, 20, 30]
for i in range(4):
    print(i, data[i])
