# Comments, continuation lines, indentation, semicolons.
x = 1 + \
    2 + \
    3
print(x)  # trailing comment
# a comment line
y = (1 +
     2 +   # comment inside brackets
     3)
print(y)
z = [
    1,
    2,
    3,
]
print(z)
d = {
    'a': 1,

    'b': 2,
}
print(d)
a = 1; b = 2; print(a + b)
if a:
        print('deep indent')
        if b:
          print('odd indent')
def f(
    p,
    q=2,
):
    return p + q
print(f(1,
        q=5))
for i in range(2): print('single-line for', i)
while False: pass
if True: print('single-line if')
class C: pass
print(type(C()).__name__)
   
print('after blank line with spaces')
s = ('implicit '
     'concatenation '
     "across lines")
print(s)
