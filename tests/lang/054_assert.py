# assert.
assert True
assert 1 == 1, 'never shown'
try:
    assert False
except AssertionError as e:
    print('AssertionError', repr(e), e.args)
try:
    assert 1 > 2, 'one is not greater than two'
except AssertionError as e:
    print('AssertionError:', e)
try:
    x = [1, 2]
    assert len(x) == 3, 'len is %d' % len(x)
except AssertionError as e:
    print('AssertionError:', e)
def check(v):
    assert isinstance(v, int), v
    return v * 2
print(check(4))
try:
    check('s')
except AssertionError as e:
    print('AssertionError:', e)
try:
    assert [], ['payload', 1]
except AssertionError as e:
    print(e.args)
