# Lexer corner cases around strings, f-strings and numbers.
print('#not a comment', "# also not")  # a real comment
print('a' 'b'
      'c')
print(f'{"}"}', f"{'{'}", f'{{}}', f'{1}{2}{3}', f'{"a" "b"}')
print(f'{ 1 + 2 }', f'{3*4!r}', f'{"x"!r:^7}|', f'{len("abc")}')
width = 8
print(f'{"nested":{"^"}{width}}|', f'{3.14159:.{width - 5}f}')
print('''a 'quoted' "string"''', """with '''single triple''' inside""")
print(r'\d+\.\d*', r'''raw\ttriple''', len(r'\\'))
print('\\n is backslash-n', '\'', "\"", '\x7e', '\u2022')
print(0xFF + 0o10 + 0b11, 1_2_3, 1e-1_0 if False else 1e-10, 0.000_001)
print(1 if True else 2, [1 for _ in range(2)])
x = [1,2,3][1]
print(x, (1,2)[0], {'a':1}['a'], 'abc'[-1])
print(f'''{
    1 + 1
}''')
print("tab\there", 'quote\'s', "it's", 'nul\0end'.split('\0'))
print(f'{"fmt":>{width}s}|{42:#0{width}x}|')
