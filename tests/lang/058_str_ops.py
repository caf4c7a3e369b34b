# str operations.
s = 'python'
print(s[0], s[-1], s[1:4], len(s), s + '3', s * 2, 'th' in s)
for ch in 'abc':
    print(ch, ord(ch))
print(chr(65), chr(97), chr(8364), ord('€'), chr(0x1F600))
print(str(1), str(1.5), str(True), str(None), str([1, 'a']), str((1,)), str({'k': 'v'}))
print('a' < 'b', 'abc' == 'abc', 'A' + 'b' == 'Ab', 'a' != 'A')
try:
    s[0] = 'P'
except TypeError as e:
    print('TypeError:', e)
try:
    'a' + 1
except TypeError as e:
    print('TypeError:', e)
try:
    'a' * 'b'
except TypeError as e:
    print('TypeError:', e)
t = s
t += '!'
print(s, t)
print(list('abc'), tuple('ab'), sorted('cba'), reversed('abc') is not None, ''.join(reversed('abc')))
print(max('hello'), min('hello'), 'hello'.upper()[::-1])
print(hash('abc') == hash('ab' + 'c'), 'abc' != None)
words = 'the quick brown fox'.split()
print(len(words), [w[0].upper() + w[1:] for w in words])
print(str(), repr(str()), type(str()).__name__)
print('%s' % 'x', 'a' 'b', 'x'.__len__())
