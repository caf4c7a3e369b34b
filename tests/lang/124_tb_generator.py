# Uncaught exception raised inside a generator while a for loop consumes it.
def batches(data, size):
    for i in range(0, len(data) + size, size):
        chunk = data[i:i + size]
        yield chunk[0], len(chunk)

for first, n in batches([1, 2, 3, 4, 5], 2):
    print(first, n)
