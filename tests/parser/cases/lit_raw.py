a = r"\n\d"
b = R'\x'
c = rb"\n"
d = Rb"\\"
e = br"x"
