if (n := len(a)) > 10:
    pass
while (line := f()):
    pass
print(x := 1)
x = [y := 1, y ** 2]
