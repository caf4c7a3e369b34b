# A SyntaxError in the file: nothing runs, the caret points at the error.
print('this line never runs')
x = 1
y = = 2
print(x, y)
