# Uncaught exception from __init__ reached through super().__init__().
class Base:
    def __init__(self, size):
        if size < 0:
            raise ValueError('size must be non-negative')
        self.size = size

class Child(Base):
    def __init__(self, size):
        super().__init__(size - 10)

print(Child(15).size)
c = Child(5)
