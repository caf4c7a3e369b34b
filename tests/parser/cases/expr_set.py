x = {1}
x = {1, 2,}
x = {*a, b}
x = {a for a in b}
