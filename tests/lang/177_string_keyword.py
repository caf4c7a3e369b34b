# string constants and capwords; keyword.kwlist/iskeyword.
import string
import keyword

for name in ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'digits', 'hexdigits',
             'octdigits', 'punctuation', 'whitespace', 'printable']:
    print(name, repr(getattr(string, name)), len(getattr(string, name)))
print(string.capwords(' hello   big  world '), string.capwords('a-b-c', '-'), string.capwords(''))
print(all(c in string.printable for c in 'Hello, World!\n'), 'x' in string.hexdigits)
print(len(keyword.kwlist), keyword.kwlist[:5], keyword.softkwlist)
print(keyword.iskeyword('def'), keyword.iskeyword('match'), keyword.issoftkeyword('match'), keyword.iskeyword('print'))
