a = b"abc"
b = b"\x00\xff\n"
c = B'\''
d = b"\777"
