x = (1 +
     2)
y = [1,
  2,

  3]
z = {
  "a": 1,  # comment
}
f(a,
  b)
