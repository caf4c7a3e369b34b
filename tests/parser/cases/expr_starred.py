a, *b = c
*a, b = c
[a, *b] = c
x = *a, *b
print(*a)
for a, *b in c: pass
