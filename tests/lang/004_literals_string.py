# String literal forms and escapes.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print('tab\there', 'back\\slash', 'nl\nnext')
print('\x41\x42\x43', '\u00e9\u4e2d', '\101\102', '\0' == chr(0))
print(len('\n'), len('\\n'), len(r'\n'), len('\x00'))
print(r'raw \n stays', R'C:\path\to', r"a\"b")
print('adjacent' ' strings' " are" ''' joined''')
s = """line one
line two
    indented"""
print(s)
t = '''a\
b'''
print(t)
print("""He said "hi" and 'bye'""")
print('\a\b\f\v\r'.count('\r'), repr('\a\b\f\v\r'))
print('é', 'π', '中文', '😀')
print('' == "", len(''), repr(''))
