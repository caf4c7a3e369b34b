a = "a" "b" 'c'
b = ("x"
     "y")
c = b"a" b"b"
d = u"a" "b"
e = "a" u"b"
