x = a[*b]
x = a[1, *b]
