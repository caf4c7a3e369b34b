x = a.b.c
a.b.c = 1
x = a.b().c[0].d
