# SystemExit can be caught; finally blocks run; sys.exit(0) ends with status 0.
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print('caught SystemExit', e.code, type(e).__name__, isinstance(e, Exception))
try:
    sys.exit()
except SystemExit as e:
    print('no-arg code', e.code)
try:
    raise SystemExit('msg')
except SystemExit as e:
    print('code', repr(e.code))
def f():
    try:
        sys.exit(0)
    finally:
        print('finally runs on exit')
f()
print('not reached')
