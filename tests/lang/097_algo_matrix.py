# Matrix class with operator overloading and @.
class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.n = len(self.rows)
        self.m = len(self.rows[0]) if self.rows else 0
    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])
    def __matmul__(self, o):
        if self.m != o.n:
            raise ValueError('shape mismatch: %dx%d @ %dx%d' % (self.n, self.m, o.n, o.m))
        return Matrix([[sum(self.rows[i][k] * o.rows[k][j] for k in range(self.m)) for j in range(o.m)] for i in range(self.n)])
    def __add__(self, o):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])
    def __mul__(self, k):
        return Matrix([[v * k for v in r] for r in self.rows])
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, Matrix) and self.rows == o.rows
    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]
    def __setitem__(self, ij, v):
        i, j = ij
        self.rows[i][j] = v
    @property
    def T(self):
        return Matrix(list(zip(*self.rows)))
    def __repr__(self):
        return 'Matrix(%r)' % (self.rows,)
    def __str__(self):
        w = max(len(str(v)) for r in self.rows for v in r)
        return '\n'.join(' '.join(str(v).rjust(w) for v in r) for r in self.rows)
a = Matrix([[1, 2, 3], [4, 5, 6]])
b = Matrix([[7, 8], [9, 10], [11, 12]])
print(a @ b)
print(repr(a.T))
print(a @ Matrix.identity(3) == a, 2 * a == a * 2, a + a == a * 2)
c = a @ b
c[0, 0] = -1
print(c[0, 0], c[1, 1])
print(str(Matrix.identity(3) * 10))
try:
    a @ a
except ValueError as e:
    print('ValueError:', e)
f = Matrix([[1, 1], [1, 0]])
r = Matrix.identity(2)
for _ in range(50):
    r = r @ f
print(r[0, 1])
x = 0.5
m = Matrix([[x, 1 - x], [1 - x, x]])
for _ in range(3):
    m = m @ m
print(m)
