# Unicode text: code points, UTF-8 I/O.
s = 'héllo wörld'
print(s, len(s), s.upper(), s[1], s[-4:], s.find('ö'))
e = 'naïve café 😀 日本語'
print(len(e), e.split(), e[-3:], e[11], ord(e[11]))
print([ord(c) for c in 'aé€😀'])
print(''.join(chr(c) for c in [72, 233, 8364, 128512]))
print(repr('é'), repr('日本'), repr('😀'), repr('\u200b'), repr('\x7f'), repr('\xa0'))
print('Ä'.lower(), 'ü'.upper(), 'Σ'.lower(), 'ÉCOLE'.lower(), 'straße'.title())
print('日本語'[::-1], '日本語' * 2, 'é' in 'café', 'café'.replace('é', 'e'))
print(sorted(['é', 'e', 'f', 'z', 'É']))
print('%5s|' % 'é', '{:>4}|'.format('日本'), f'{"ü":*^5}')
