# repr() of strings picks quotes and escapes like CPython.
for s in ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\there', 'nl\n', 'back\\slash',
          '\x00\x01\x1f', '\r', 'bell\a', 'é', '\u2028', '\U0001F600', '']:
    print(repr(s))
print(['a', "b'c", 'd"e'])
print(('x',), {'k': 'v\n'})
print(str('q\'uote'), repr(repr('x')))
print(ascii('é') if False else repr('ascii-only'))
