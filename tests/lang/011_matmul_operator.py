# The @ operator via __matmul__ / __rmatmul__ / __imatmul__.
class M:
    def __init__(self, rows):
        self.rows = rows
    def __matmul__(self, other):
        if isinstance(other, M):
            n, k, m = len(self.rows), len(other.rows), len(other.rows[0])
            return M([[sum(self.rows[i][t] * other.rows[t][j] for t in range(k))
                       for j in range(m)] for i in range(n)])
        return NotImplemented
    def __rmatmul__(self, other):
        return 'rmatmul with ' + repr(other)
    def __repr__(self):
        return 'M(%r)' % (self.rows,)
a = M([[1, 2], [3, 4]])
b = M([[5, 6], [7, 8]])
print(a @ b)
print(3 @ a)
c = a
c @= b
print(c, a)
try:
    a @ 3
except TypeError as e:
    print('TypeError:', e)
try:
    1 @ 2
except TypeError as e:
    print('TypeError:', e)
