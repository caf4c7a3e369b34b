# global.
counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def make_global():
    global created
    created = 'made inside'
make_global()
print(created)
x = 'module'
def read_only():
    return x
def shadow():
    x = 'local'
    return x
print(read_only(), shadow(), x)
def nested():
    def inner():
        global x
        x = 'changed by inner'
    inner()
nested()
print(x)
def use_before_assign():
    try:
        print(x)
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)
    x = 1
use_before_assign()
total = 0
for i in range(5):
    total += i
print(total)
