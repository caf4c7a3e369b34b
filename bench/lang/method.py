# Method calls and attribute access on a user class. Prints a checksum only.
class Accumulator:
    def __init__(self):
        self.total = 0
        self.calls = 0

    def add(self, x):
        self.total += x
        self.calls += 1
        return self

    def value(self):
        return self.total * 2 + self.calls

def run(n):
    acc = Accumulator()
    for i in range(n):
        acc.add(i & 255)
    return acc.value()

print(run(2000000))
