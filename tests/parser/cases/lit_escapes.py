a = "\n\t\r\\\a\b\f\v\0"
b = "\x41\u00e9\U0001F600"
c = "\101\7\777"
d = "\q\d"
e = "line\
cont"
