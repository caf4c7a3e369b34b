a = b != c
a = b -> c if 0 else 0
