x = a.b
y = 1..real
z = 1 .real
