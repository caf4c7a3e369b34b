x = [a for a in b]
x = [a for a in b if c if d]
x = [a for b in c for a in b]
x = [(a, b) for a, b in c]
x = {a: b for a in c if a for b in a}
x = (a for a in b)
x = [a for *a, b in c]
x = [y for x in z if (y := x)]
