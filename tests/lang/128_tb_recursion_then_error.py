# RecursionError is caught (depth differs between implementations); a later error is uncaught.
def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    print('caught', type(e).__name__)

def walk(tree):
    return walk(tree['left']) if tree else 0

print(walk({'left': {'left': None}}))
print(walk({'right': None}))
