# Text processing: word counts, palindromes, caesar cipher, run-length encoding.
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness"""
words = [w.strip(',.').lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(words), len(freq), top)
def is_pal(s):
    t = ''.join(c.lower() for c in s if c.isalnum())
    return t == t[::-1]
for s in ['A man, a plan, a canal: Panama', 'hello', 'Was it a car or a cat I saw?', '']:
    print(repr(s), is_pal(s))
def caesar(s, k):
    out = []
    for c in s:
        if c.isalpha():
            base = ord('a') if c.islower() else ord('A')
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return ''.join(out)
enc = caesar('Hello, World!', 3)
print(enc, caesar(enc, -3))
def rle(s):
    if not s:
        return ''
    out, prev, n = [], s[0], 1
    for c in s[1:]:
        if c == prev:
            n += 1
        else:
            out.append('%d%s' % (n, prev))
            prev, n = c, 1
    out.append('%d%s' % (n, prev))
    return ''.join(out)
print(rle('aaabccddddde'), rle('x'), repr(rle('')))
lines = text.splitlines()
for i, line in enumerate(lines, 1):
    print('%2d: %-60s|%3d' % (i, line, len(line)))
print(' '.join(w.capitalize() for w in 'the quick brown fox'.split()))
print('{:-^30}'.format(' centered '))
table = [('apple', 3, 0.5), ('banana', 12, 0.25), ('cherry', 100, 2.0)]
for name, qty, price in table:
    print(f'{name:<10}{qty:>5}{price:>8.2f}{qty * price:>10.2f}')
