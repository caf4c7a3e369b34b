f()
a
1
"doc"
x.y
a + b
