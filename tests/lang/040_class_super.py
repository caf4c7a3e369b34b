# super() in various positions.
class A:
    def __init__(self):
        self.trace = ['A']
    def who(self):
        return 'A'
    @classmethod
    def make(cls):
        return 'A.make(' + cls.__name__ + ')'
class B(A):
    def __init__(self):
        super().__init__()
        self.trace.append('B')
    def who(self):
        return 'B>' + super().who()
    @classmethod
    def make(cls):
        return 'B.make/' + super().make()
class C(B):
    def __init__(self):
        super(C, self).__init__()
        self.trace.append('C')
    def who(self):
        return 'C>' + super().who()
c = C()
print(c.trace, c.who(), C.make(), B.make())
print(super(C, c).who(), super(B, c).who())
class Shape:
    def __init__(self, name, sides):
        self.name = name
        self.sides = sides
    def describe(self):
        return '%s with %d sides' % (self.name, self.sides)
class Square(Shape):
    def __init__(self, size):
        super().__init__('square', 4)
        self.size = size
    def describe(self):
        return super().describe() + ' of size ' + str(self.size)
print(Square(3).describe())
class Loud(A):
    def who(self):
        def helper():
            return 'helper sees ' + self.__class__.__name__
        return helper() + ' / ' + super().who()
print(Loud().who())
